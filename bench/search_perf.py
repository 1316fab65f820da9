"""Search performance on the shared ANT corpus: index build, size, query latency, memory.

Builds the real index (``build_index``, one writer) of all usable articles (or reuses the
one in ``--index DIR``), then runs a fixed mix of realistic queries (one, two and three
title words, phrases, prefixes, and filtered queries) against one open index, with and
without highlights; a few "cold" queries that open the index each time; whole ``sitegen
search`` processes; and every query of ``tests/fixtures/hostile-queries.txt``. Times are
given as wall time and as CPU time, with the load average: the machine is shared, and CPU
time is what other load cannot inflate.

Writes bench/results/search_perf.md. Run: ``.venv/bin/python bench/search_perf.py [--index DIR]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import CORPUS, read_articles, write_results  # noqa: E402

from sitegen import arabic  # noqa: E402
from sitegen.model import Vocabulary  # noqa: E402
from sitegen.search import SearchIndex, build_index, search  # noqa: E402
from sitegen.search.querylang import SearchError  # noqa: E402

SEED = 20260124
RESULTS = Path(__file__).resolve().parent / "results" / "search_perf.md"
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
COLD_QUERIES = 20
HOSTILE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "hostile-queries.txt"
SITEGEN = Path(sys.executable).parent / "sitegen"


def hostile_queries() -> list[str]:
    lines = HOSTILE.read_text(encoding="utf-8").split("\n")
    return [line for line in lines if line and not line.startswith("#")]


def timed_hostile(index: SearchIndex) -> list[tuple[tuple[float, float], str, str]]:
    """((wall ms, CPU ms), query as shown, outcome) for each hostile query."""
    timings = []
    for text in hostile_queries():
        started, started_cpu = time.perf_counter(), time.process_time()
        try:
            outcome = f"{len(index.search(text).hits)} hits"
        except SearchError as error:
            outcome = "error: " + str(error)[:60]
        shown = text if len(text) <= 40 else f"{text[:30]}… ({len(text)} chars)"
        elapsed = ((time.perf_counter() - started) * 1000, (time.process_time() - started_cpu) * 1000)
        timings.append((elapsed, shown.replace("|", "\\|").replace("\x1b", "ESC").replace("\x07", "BEL"), outcome))
    return timings


def cold_cli(directory: Path, queries) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) milliseconds of whole `sitegen search` processes."""
    wall, cpu = [], []
    for text, _ in queries[:COLD_QUERIES]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([str(SITEGEN), "search", text, "--index", str(directory)], capture_output=True, check=False,
                       env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
        wall.append((time.perf_counter() - started) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return wall, cpu


def words_of(text: str) -> list[str]:
    return [
        w
        for w, _, _ in arabic.tokenize(text)
        if w not in OPERATORS and (n := arabic.normalize_word(w)) and not arabic.is_stop_word(n) and len(n) > 2
    ]


def query_mix(articles, rng) -> list[tuple[str, dict]]:
    """300 queries: 100 one-word, 80 two-word, 50 three-word, 30 phrases, 20 prefixes, 20 filtered."""
    sample = rng.sample(articles, 400)
    titles = [w for w in (words_of(a.title) for a in sample) if len(w) >= 3]
    queries: list[tuple[str, dict]] = []
    queries += [(rng.choice(t), {}) for t in titles[:100]]
    queries += [(" ".join(rng.sample(t, 2)), {}) for t in titles[100:180]]
    queries += [(" ".join(t[:3]), {}) for t in titles[180:230]]
    for a in sample[:30]:
        body = words_of(a.body)
        start = rng.randrange(max(1, len(body) - 1))
        queries.append(('"' + " ".join(body[start : start + 2]) + '"', {}))
    queries += [(arabic.normalize_word(t[0])[:3] + "*", {}) for t in titles[230:250]]
    for t in titles[250:270]:
        year = rng.choice(["2015", "2016", "2017"])
        queries.append((t[0], {"date_from": f"{year}-01-01", "date_to": f"{year}-12-31"}))
    return queries


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def timed_queries(index: SearchIndex, queries, highlight: bool) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of each query (CPU time is what the machine's other load cannot inflate)."""
    wall, cpu = [], []
    for text, options in queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        try:
            index.search(text, highlight=highlight, **options)
        except SearchError:  # a query refused as too costly (a short prefix) still counts its time
            pass
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return wall, cpu


def p50_p95(values: list[float]) -> str:
    return f"p50 {percentile(values, .5):.1f} ms, p95 {percentile(values, .95):.1f} ms"


def main() -> None:
    if not CORPUS.exists():
        sys.exit(f"corpus not found at {CORPUS}: the benchmark needs ../shared/corpus")
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, help="reuse (or write and keep) the corpus index in this folder")
    args = parser.parse_args()
    articles, skipped = read_articles()
    directory = args.index or Path(tempfile.mkdtemp(prefix="sitegen-perf-")) / "index"
    started = time.perf_counter()
    if args.index and args.index.exists():
        count, build_seconds = len(articles), None
    else:
        count = build_index(articles, Vocabulary(), directory)
        build_seconds = time.perf_counter() - started
    size_mb = sum(f.stat().st_size for f in directory.iterdir()) / 1e6

    queries = query_mix(articles, random.Random(SEED))
    with SearchIndex(directory) as index:
        timed_queries(index, queries[:20], True)  # warm the caches once (the first queries read the length columns)
        plain = timed_queries(index, queries, highlight=False)
        marked = timed_queries(index, queries, highlight=True)
        hostile = timed_hostile(index)
    cold, cold_cpu = [], []
    for text, options in queries[:COLD_QUERIES]:
        started, started_cpu = time.perf_counter(), time.process_time()
        search(directory, text, **options)
        cold.append((time.perf_counter() - started) * 1000)
        cold_cpu.append((time.process_time() - started_cpu) * 1000)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cli, cli_cpu = cold_cli(directory, queries)
    load = os.getloadavg()

    rows = [
        ("documents indexed", f"{count} ({skipped} skipped: empty title or text)"),
        ("index build", f"{build_seconds:.1f} s, {count / build_seconds:.0f} docs/s (one writer)" if build_seconds else "reused (--index)"),
        ("index size on disk", f"{size_mb:.1f} MB"),
        ("queries", f"{len(queries)} (one open index, limit 10)"),
        ("latency without highlights, wall", p50_p95(plain[0])),
        ("latency without highlights, CPU", p50_p95(plain[1])),
        ("latency with highlights, wall", p50_p95(marked[0])),
        ("latency with highlights, CPU", p50_p95(marked[1])),
        ("cold query in process (open index + search + highlights)",
         f"median wall {statistics.median(cold):.1f} ms, CPU {statistics.median(cold_cpu):.1f} ms over {COLD_QUERIES}"),
        ("cold `sitegen search` process (start, imports, open, search, print)",
         f"median wall {statistics.median(cli):.0f} ms, CPU {statistics.median(cli_cpu):.0f} ms; max CPU {max(cli_cpu):.0f} ms over {len(cli)}"),
        ("hostile queries (tests/fixtures/hostile-queries.txt)",
         f"{len(hostile)}, slowest wall {max(t[0] for t, _, _ in hostile):.0f} ms, CPU {max(t[1] for t, _, _ in hostile):.0f} ms"),
        ("load average during the run (1, 5, 15 min; 2 cores, shared)", ", ".join(f"{x:.1f}" for x in load)),
        ("peak memory (ru_maxrss, whole process)", f"{peak_mb:.0f} MB"),
    ]
    lines = [
        "# Search performance (ANT corpus v1.1)",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, {platform.system()}. "
        f"Command: `.venv/bin/python bench/search_perf.py{' --index ' + str(args.index) if args.index else ''}`.",
        "",
        "| measure | value |",
        "|---|---|",
        *[f"| {name} | {value} |" for name, value in rows],
        "",
        "Query mix (fixed seed): 100 one-word, 80 two-word and 50 three-word title queries, 30 two-word phrases,",
        "20 three-letter prefixes, 20 one-word queries filtered to a year.",
        "",
        "Hostile queries, each on the open corpus index (limit 10, highlights):",
        "",
        "| wall ms | CPU ms | query | outcome |",
        "|---|---|---|---|",
        *[f"| {ms[0]:.0f} | {ms[1]:.0f} | `{shown}` | {outcome.replace('|', '/')} |" for ms, shown, outcome in hostile],
    ]
    write_results(RESULTS, lines)


if __name__ == "__main__":
    main()
