"""Incremental builds on the whole shared corpus: cold, no-op, one article edited, one template edited.

The corpus goes through `sitegen extract` into a temporary project (as in build_perf.py); then
four builds run, each in a fresh process so that its peak memory (ru_maxrss) is its own:

1. cold: ``build(config, full=True)``, with the seconds of each stage;
2. no-op: the same command again, nothing changed;
3. one article edited: a sentence appended to one article's body;
4. one template edited: ``article.html`` overridden in ``templates/`` with a comment in its
   main block (only the article pages use it).

For each: wall seconds, stages, pages rendered, files written and left unchanged, articles
re-indexed, peak MB. The wall time ends when `sitegen build` would return: its last stage,
"then discard", is the deletion of the replaced files that it does after printing the result
(``discard_later``), counted in the wall time because the user waits for it.

    .venv/bin/python bench/incremental_perf.py [--jobs N]   # writes bench/results/incremental_perf.md

The combined benchmark calls :func:`prepare_project` and :func:`measure` (the figures as a
dict) instead of :func:`main`.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import CORPUS, write_results  # noqa: E402

RESULTS = REPO / "bench" / "results" / "incremental_perf.md"
VOCABULARIES = ("gazetteer.yaml", "actors.yaml", "lexicon.yaml", "ambiguous-names.yaml")
EDITED_SENTENCE = "\n\nوأضاف المصدر أن التحقيقات ما زالت جارية.\n"


def child(project: str, full: str, jobs: str) -> None:
    """Run one build in this process and print its figures as JSON."""
    from sitegen.build import build, discard_previous
    from sitegen.config import load_config

    config = load_config(root=Path(project))
    options = {"full": full == "yes"}
    if jobs != "default":
        options["jobs"] = int(jobs)
    started = time.perf_counter()
    result = build(config, discard_later=True, **options)  # as `sitegen build` does
    discarding = time.perf_counter()
    discard_previous(result)  # the replaced files, deleted after the result is shown
    result.timings["then discard"] = time.perf_counter() - discarding
    seconds = time.perf_counter() - started  # until the command would return, the deletion included
    print(json.dumps({"seconds": seconds, "pages": result.pages, "articles": result.articles,
                      "incremental": result.incremental, "unchanged": result.unchanged,
                      "written": result.pages_written, "kept": result.files_kept, "reindexed": result.reindexed,
                      "rendered": result.pages_rendered if result.incremental else result.pages,
                      "timings": result.timings,
                      "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def _run(project: Path, full: bool, jobs: int | None) -> dict:
    command = [sys.executable, __file__, "--child", str(project), "yes" if full else "no",
               str(jobs) if jobs else "default"]
    output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=project).stdout
    return json.loads(output.strip().splitlines()[-1])


def prepare_project(project: Path) -> int:
    """Put the corpus through `sitegen extract` into ``project``/content; returns the articles written."""
    from sitegen.extract import extract

    (project / "content").mkdir(parents=True)
    for name in VOCABULARIES:
        if (REPO / "content" / name).exists():
            shutil.copyfile(REPO / "content" / name, project / "content" / name)
    report = extract([CORPUS], project / "content" / "articles", project / "content")
    return len(report.written)


def measure(project: Path, jobs: int | None = None) -> dict[str, dict]:
    """The four builds of this benchmark on a prepared project (it is edited on the way)."""
    from sitegen.render import BUILTIN_TEMPLATES

    runs = {"cold": _run(project, True, jobs), "no-op": _run(project, False, jobs)}
    articles = sorted((project / "content" / "articles").glob("*.md"))
    article = articles[len(articles) // 2]
    article.write_text(article.read_text(encoding="utf-8") + EDITED_SENTENCE, encoding="utf-8")
    runs["one article edited"] = _run(project, False, jobs)
    (project / "templates").mkdir(exist_ok=True)
    template = (BUILTIN_TEMPLATES / "article.html").read_text(encoding="utf-8")
    edited = template.replace("{% block main %}", "{% block main %}<!-- edited -->", 1)
    assert edited != template, "the built-in article.html has no main block to edit"
    (project / "templates" / "article.html").write_text(edited, encoding="utf-8")
    runs["one template edited"] = _run(project, False, jobs)
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: the build's default)")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"the shared corpus is absent ({CORPUS}); nothing to measure")
    project = Path(tempfile.mkdtemp(prefix="sitegen-incremental-perf-"))
    try:
        written = prepare_project(project)
        runs = measure(project, args.jobs)
    finally:
        shutil.rmtree(project, ignore_errors=True)
    lines = [
        "# Incremental build performance (ANT corpus v1.1)",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, {platform.system()}. "
        f"Command: `.venv/bin/python bench/incremental_perf.py{f' --jobs {args.jobs}' if args.jobs else ''}`. "
        f"Content: the corpus through `sitegen extract` ({written} articles).",
        "",
        "| build | wall s | stages (s) | pages rendered | files written | files unchanged | articles re-indexed | peak MB |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for name, run in runs.items():
        stages = ", ".join(f"{stage} {seconds:.2f}" for stage, seconds in run["timings"].items())
        lines.append(f"| {name} | {run['seconds']:.2f} | {stages} | {run['rendered']:,} | {run['written']:,} | {run['kept']:,} | "
                     f"{run['reindexed']:,} | {run['max_rss_mb']:.0f} |")
    write_results(RESULTS, lines)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        main()
