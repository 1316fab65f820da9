"""`sitegen build` on the whole shared corpus: wall time, pages/s, peak memory, output sizes.

The corpus is first put through `sitegen extract` (as a user importing a news collection
would) into a temporary project; then the site is built twice, each in a fresh process so
peak memory (ru_maxrss) is the build's own: pages only, and pages with the search index.

    .venv/bin/python bench/build_perf.py            # writes bench/results/build_perf.md
"""

from __future__ import annotations

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
RESULTS = REPO / "bench" / "results" / "build_perf.md"
VOCABULARIES = ("gazetteer.yaml", "actors.yaml", "lexicon.yaml", "ambiguous-names.yaml")


def child(project: str, with_index: str) -> None:
    """Run one build in this process and print its figures as JSON."""
    from sitegen.build import build
    from sitegen.config import load_config

    config = load_config(root=Path(project))
    started = time.perf_counter()
    result = build(config) if with_index == "yes" else build(config, write_index=None)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "pages": result.pages, "articles": result.articles,
                      "incidents": result.incidents,
                      "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main() -> None:
    if not CORPUS.exists():
        sys.exit(f"the shared corpus is absent ({CORPUS}); nothing to measure")
    from sitegen.extract import extract

    project = Path(tempfile.mkdtemp(prefix="sitegen-build-perf-"))
    try:
        (project / "content").mkdir()
        for name in VOCABULARIES:
            if (REPO / "content" / name).exists():
                shutil.copyfile(REPO / "content" / name, project / "content" / name)
        report = extract([CORPUS], project / "content" / "articles", project / "content")
        runs = {}
        for with_index in ("no", "yes"):
            output = subprocess.run([sys.executable, __file__, "--child", str(project), with_index],
                                    check=True, capture_output=True, text=True, cwd=project).stdout
            runs[with_index] = json.loads(output.strip().splitlines()[-1])
        site_mb, index_mb = _size_mb(project / "site"), _size_mb(project / ".sitegen" / "index")
    finally:
        shutil.rmtree(project, ignore_errors=True)

    pages, full = runs["no"], runs["yes"]
    lines = [
        "# Build performance (ANT corpus v1.1)",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()}, {platform.system()}. "
        "Command: `.venv/bin/python bench/build_perf.py`.",
        "",
        f"Content: the corpus through `sitegen extract` ({len(report.written)} articles written, "
        f"{sum(p.is_error for p in report.problems)} bad records reported), {full['incidents']} incidents found.",
        "",
        "| build | pages | wall time | pages/s | peak memory |",
        "|---|---|---|---|---|",
        f"| pages only | {pages['pages']} | {pages['seconds']:.1f} s | {pages['pages'] / pages['seconds']:.0f} "
        f"| {pages['max_rss_mb']:.0f} MB |",
        f"| pages + search index | {full['pages']} | {full['seconds']:.1f} s | "
        f"{full['pages'] / full['seconds']:.0f} | {full['max_rss_mb']:.0f} MB |",
        "",
        f"Output: site {site_mb:.1f} MB, search index {index_mb:.1f} MB.",
    ]
    write_results(RESULTS, lines)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
