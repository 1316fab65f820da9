"""The browser index's update for one edited article (``update_browser_index``), alone, at any scale.

The corpus' articles (as ``browser_search_perf.py`` reads them; with ``--scale N`` repeated
with new ids and dates to N articles, as ``build_vs_pelican.py --scale`` does) are indexed
and projected for the browser once; then one article gets a sentence added to its body, the
Whoosh index is updated by id, and the previous projection is updated in place
(``update_browser_index``, unchanged files reported, not linked), ``--repeats`` times:
wall and CPU seconds of each. Then (unless ``--no-check``) the updated projection is compared
byte for byte with a full projection of the updated index.

    .venv/bin/python bench/browser_update_perf.py                  # the corpus (10,134 articles)
    .venv/bin/python bench/browser_update_perf.py --scale 100000   # about 3 minutes

Writes ``bench/results/browser_update_perf[-N].md``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import CORPUS, read_articles, write_results  # noqa: E402

from sitegen.content import load_vocabulary  # noqa: E402
from sitegen.model import Article, Content  # noqa: E402
from sitegen.search import build_index, write_browser_index  # noqa: E402
from sitegen.search.browser_index import update_browser_index  # noqa: E402
from sitegen.search.index import update_index  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
EDITED_SENTENCE = " وأضاف المحرر جملة جديدة إلى هذا المقال"


def _years_back(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year - years, day=28 if (day.month, day.day) == (2, 29) else day.day)


def scaled(articles: list[Article], scale: int | None) -> list[Article]:
    """The articles repeated to ``scale``: each copy's ids suffixed ``-r<copy>``, dates ``copy`` years back."""
    out, copy = list(articles), 1
    while scale and len(out) < scale:
        for article in articles[:scale - len(out)]:
            out.append(dataclasses.replace(article, id=f"{article.id}-r{copy}",
                                           published=_years_back(article.published, copy)))
        copy += 1
    return out


def measure(articles: list[Article], folder: Path, repeats: int, check: bool) -> dict:
    vocabulary, problems = load_vocabulary(REPO / "content")
    if vocabulary is None:
        sys.exit(f"cannot read the shipped vocabularies: {problems}")
    build_index(articles, vocabulary, folder / "index")
    write_browser_index(folder / "index", folder / "site", Content(tuple(articles), vocabulary))
    edited = list(articles)
    n = len(edited) // 2
    edited[n] = dataclasses.replace(edited[n], body=edited[n].body + EDITED_SENTENCE)
    content = Content(tuple(edited), vocabulary)
    (folder / "index-edited").mkdir()
    update_index(folder / "index", folder / "index-edited", edited, vocabulary, {edited[n].id}, set())
    runs = []
    for _ in range(repeats):
        target = folder / "site-updated"
        shutil.rmtree(target, ignore_errors=True)
        kept: list[str] = []
        wall, cpu = time.perf_counter(), time.process_time()
        updated = update_browser_index(folder / "index-edited", folder / "site" / "search", target, content,
                                       {edited[n].id}, keep=kept.append)
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
        if not updated:
            sys.exit("update_browser_index refused the update")
    written = sum(1 for _ in (target / "search").rglob("*.js"))
    same = None
    if check:
        for path in kept:
            (target / path).parent.mkdir(parents=True, exist_ok=True)
            os.link(folder / "site" / path, target / path)
        write_browser_index(folder / "index-edited", folder / "site-full", content)
        full = folder / "site-full" / "search"
        names = sorted(p.relative_to(full) for p in full.rglob("*.js"))
        same = names == sorted(p.relative_to(target / "search") for p in (target / "search").rglob("*.js")) and \
            all((target / "search" / name).read_bytes() == (full / name).read_bytes() for name in names)
    return {"runs": runs, "written": written, "kept": len(kept), "same": same}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, help="repeat the corpus to this many articles")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-check", action="store_true", help="skip the byte for byte check (a second full projection)")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"the shared corpus is absent ({CORPUS}); nothing to measure")
    articles = scaled(read_articles()[0], args.scale)
    folder = Path(tempfile.mkdtemp(prefix="sitegen-browser-update-"))
    load_before = os.getloadavg()[0]
    try:
        figures = measure(articles, folder, args.repeats, not args.no_check)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    load_after = os.getloadavg()[0]
    walls = sorted(w for w, _ in figures["runs"])
    cpus = sorted(c for _, c in figures["runs"])
    command = "bench/browser_update_perf.py" + (f" --scale {args.scale}" if args.scale else "")
    same = {True: "yes", False: "NO", None: "not checked"}[figures["same"]]
    lines = [
        f"# The browser index updated for one edited article ({len(articles):,} articles)",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, {platform.system()}; "
        f"load {load_before:.1f} before, {load_after:.1f} after (2 cores, shared). Command: `.venv/bin/python {command}`.",
        "",
        "| figure | value |",
        "|---|---:|",
        f"| `update_browser_index`, wall s (min / median / max of {len(walls)}) | "
        f"{walls[0]:.3f} / {walls[len(walls) // 2]:.3f} / {walls[-1]:.3f} |",
        f"| `update_browser_index`, CPU s (min / median / max) | {cpus[0]:.3f} / {cpus[len(cpus) // 2]:.3f} / {cpus[-1]:.3f} |",
        f"| files written / reported unchanged | {figures['written']:,} / {figures['kept']:,} |",
        f"| byte for byte a full projection of the updated index | {same} |",
    ]
    name = f"browser_update_perf{'-' + str(args.scale) if args.scale else ''}.md"
    write_results(REPO / "bench" / "results" / name, lines)


if __name__ == "__main__":
    main()
