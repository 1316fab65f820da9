"""Page sizes of the site built from the whole shared corpus: the largest page of each kind.

The corpus goes through `sitegen extract` into a temporary project (or an existing project
folder given with --project, to measure again without extracting), then `sitegen build`
writes the pages (no search index). Goals (issue 9): no HTML page over 100 KB, the
timeline under 30 KB.

    .venv/bin/python bench/page_sizes.py                    # writes bench/results/page_sizes.md
    .venv/bin/python bench/page_sizes.py --project /tmp/p   # reuse an extracted project
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import CORPUS, write_results  # noqa: E402

RESULTS = REPO / "bench" / "results" / "page_sizes.md"
VOCABULARIES = ("gazetteer.yaml", "actors.yaml", "lexicon.yaml", "ambiguous-names.yaml")


def kind_of(path: str) -> str:
    parts = path.split("/")
    if len(parts) == 1:
        return path
    if parts[0] == "timeline":
        if parts[1] == "index.html":
            return "timeline"
        return "month articles" if "articles" in path else "month incidents"
    return parts[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--project", type=Path, help="an existing project folder with content/ extracted")
    options = parser.parse_args()
    from sitegen.build import build
    from sitegen.config import load_config

    project = options.project
    temporary = project is None
    if temporary:
        if not CORPUS.exists():
            sys.exit(f"the shared corpus is absent ({CORPUS}); nothing to measure")
        from sitegen.extract import extract

        project = Path(tempfile.mkdtemp(prefix="sitegen-page-sizes-"))
        (project / "content").mkdir()
        for name in VOCABULARIES:
            if (REPO / "content" / name).exists():
                shutil.copyfile(REPO / "content" / name, project / "content" / name)
        extract([CORPUS], project / "content" / "articles", project / "content")
    try:
        result = build(load_config(root=project), write_index=None)
        site = project / "site"
        largest: dict[str, tuple[int, str]] = defaultdict(lambda: (0, ""))
        counts: dict[str, int] = defaultdict(int)
        for page in site.rglob("*.html"):
            name = page.relative_to(site).as_posix()
            kind = kind_of(name)
            counts[kind] += 1
            largest[kind] = max(largest[kind], (page.stat().st_size, name))
        data = {name: (site / name).stat().st_size for name in ("incidents.csv", "incidents.json",
                                                               "incidents.geojson", "feed.xml")}
    finally:
        if temporary:
            shutil.rmtree(project, ignore_errors=True)

    top = max(largest.values())
    lines = [
        "# Page sizes (ANT corpus v1.1)",
        "",
        "Command: `.venv/bin/python bench/page_sizes.py`. The corpus through `sitegen extract`, then "
        f"`sitegen build` (pages only): {result.articles} articles, {result.incidents} incidents, "
        f"{result.pages} pages.",
        "",
        f"Largest HTML page: `{top[1]}`, {top[0] / 1000:.1f} KB (goal: 100 KB). "
        f"Timeline: {largest['timeline'][0] / 1000:.1f} KB (goal: 30 KB).",
        "",
        "| kind | pages | largest | KB |",
        "|---|---|---|---|",
        *(f"| {kind} | {counts[kind]} | `{name}` | {size / 1000:.1f} |"
          for kind, (size, name) in sorted(largest.items(), key=lambda item: -item[1][0])),
        "",
        "| export | KB |",
        "|---|---|",
        *(f"| `{name}` | {size / 1000:.1f} |" for name, size in data.items()),
    ]
    write_results(RESULTS, lines)


if __name__ == "__main__":
    main()
