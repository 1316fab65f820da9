"""Size and speed of the browser search on the shared corpus (10,161 articles).

Builds the corpus' Whoosh index and its projection for the browser (as ``sitegen build``
writes them), with the search page and the theme's assets, into a temporary site. Then:

* index bytes per article: everything under ``site/search/`` but the per-article text
  files (``docs/``, what snippets are cut from), and with them;
* in headless Chromium (Debian's, via Playwright), opening ``search.html?q=...`` from
  ``file://``: the bytes a first query loads (fresh page: the page, its scripts and styles,
  and the search data), then a second, different query typed into the same page (only what
  it adds), and the time from the query to the results shown (``data-ms`` of the page: the
  search, loading included, and the rendering): first query in a fresh page, the same query
  repeated in that page, and a second different query;
* screenshots of the results at desktop and phone widths (``bench/results/``);
* an incremental build's step: one article edited, the Whoosh index updated in place by id,
  the projection updated in place (only changed files written), timed, and compared byte for
  byte with a full projection of the updated index.

Queries: clean title queries of ``bench/search_eval.py`` (first three content words of a
title), the first ``--queries`` of them in its seeded order; the second query of a page is
the next one. Writes ``bench/results/browser_search_perf.md``.
Run: ``.venv/bin/python bench/browser_search_perf.py [--queries 40]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import CORPUS, read_articles, write_results  # noqa: E402
from search_eval import query_classes  # noqa: E402

from sitegen import render  # noqa: E402
from sitegen.archive import make_archive  # noqa: E402
from sitegen.config import SiteConfig  # noqa: E402
from sitegen.content import load_vocabulary  # noqa: E402
from sitegen.model import Content  # noqa: E402
from sitegen.search import build_index, write_browser_index  # noqa: E402
from sitegen.search.browser_index import update_browser_index  # noqa: E402
from sitegen.search.index import update_index  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-sync"]
GOALS = {"index": 1500, "first_bytes": 200_000, "first_ms": 100, "repeat_ms": 30}


def build_site(articles, folder: Path) -> tuple[Path, dict[str, int], float]:
    vocabulary, problems = load_vocabulary(REPO / "content")
    if vocabulary is None:
        sys.exit(f"cannot read the shipped vocabularies: {problems}")
    content = Content(tuple(articles), vocabulary)
    site = folder / "site"
    build_index(articles, vocabulary, folder / "index")
    started = time.perf_counter()
    sizes = write_browser_index(folder / "index", site, content)
    projection = time.perf_counter() - started
    config = SiteConfig(output_dir=site, templates_dir=folder / "no-templates")
    render.copy_assets(config, site)
    env = render.make_environment(config)
    page = render.Page(render.SEARCH_PATH, "search.html", {"archive": make_archive(content)})
    (site / render.SEARCH_PATH).write_text(render.render_page(env, page), encoding="utf-8")
    return site, sizes, projection


def measure_update(articles, folder: Path, site: Path) -> dict[str, float]:
    """One article edited (a sentence added to its body): the Whoosh index updated in place by id,
    then the previous projection updated (``update_browser_index``, unchanged files hard-linked),
    timed; then checked byte for byte against a full projection of the updated index."""
    vocabulary, _ = load_vocabulary(REPO / "content")
    edited = list(articles)
    n = len(edited) // 2
    edited[n] = dataclasses.replace(edited[n], body=edited[n].body + " وأضاف المحرر جملة جديدة إلى هذا المقال")
    content = Content(tuple(edited), vocabulary)
    (folder / "index-edited").mkdir()
    started = time.perf_counter()
    update_index(folder / "index", folder / "index-edited", edited, vocabulary, {edited[n].id}, set())
    index_s = time.perf_counter() - started
    target = folder / "site-edited"
    kept: list[str] = []
    started = time.perf_counter()
    updated = update_browser_index(folder / "index-edited", site / "search", target, content, {edited[n].id},
                                   keep=kept.append)
    update_s = time.perf_counter() - started
    started = time.perf_counter()  # what the build's Stager then does with the kept files
    for folder_name in {os.path.dirname(path) for path in kept}:
        (target / folder_name).mkdir(parents=True, exist_ok=True)
    for path in kept:
        os.link(site / path, target / path)
    link_s = time.perf_counter() - started
    write_browser_index(folder / "index-edited", folder / "site-full", content)
    full = folder / "site-full" / "search"
    same = updated and all((target / "search" / p.relative_to(full)).read_bytes() == p.read_bytes()
                           for p in full.rglob("*.js")) and \
        sum(1 for _ in (target / "search").rglob("*.js")) == sum(1 for _ in full.rglob("*.js"))
    files = sum(1 for _ in full.rglob("*.js"))
    return {"index_s": index_s, "update_s": update_s, "link_s": link_s, "written": files - len(kept), "files": files,
            "same": same}


def file_bytes(site: Path, urls: list[str]) -> int:
    total = 0
    for url in urls:
        path = Path(unquote(urlsplit(url).path))
        if path.is_file() and site in path.parents:
            total += path.stat().st_size
    return total


def wait_done(page) -> int:
    page.wait_for_selector("#search:is([data-state=done], [data-state=error])")
    return int(page.get_attribute("#search", "data-ms") or 0)


def measure(site: Path, queries: list[str]) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    figures: dict[str, list[float]] = {k: [] for k in ("first_ms", "repeat_ms", "second_ms", "first_bytes",
                                                      "first_data_bytes", "second_bytes")}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        for first, second in zip(queries, queries[1:] + queries[:1]):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            requested: list[str] = []
            page.on("request", lambda request: requested.append(request.url))
            page.goto((site / render.SEARCH_PATH).as_uri() + "?q=" + quote(first))
            figures["first_ms"].append(wait_done(page))
            figures["first_bytes"].append(file_bytes(site, requested))
            figures["first_data_bytes"].append(file_bytes(site, [u for u in requested if "/search/" in u]))
            for _ in range(2):  # the same query again: everything it needs is loaded
                page.click("#search-form button")
                figures["repeat_ms"].append(wait_done(page))
            before = len(requested)
            page.fill("#search-q", second)
            page.click("#search-form button")
            figures["second_ms"].append(wait_done(page))
            figures["second_bytes"].append(file_bytes(site, requested[before:]))
            context.close()
        for name, width, height in (("desktop", 1280, 900), ("phone", 390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto((site / render.SEARCH_PATH).as_uri() + "?q=" + quote("الحكومة التونسية"))
            wait_done(page)
            page.screenshot(path=str(RESULTS / f"browser_search_{name}.png"))
            page.close()
        browser.close()
    return figures


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"median {statistics.median(ordered):,.0f}, p95 {p95:,.0f}, max {ordered[-1]:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queries", type=int, default=40)
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"corpus not found at {CORPUS}: the benchmark needs ../shared/corpus")
    articles, skipped = read_articles()
    queries = [text for text, _ in query_classes(articles, args.queries)["title: clean"]]
    folder = Path(tempfile.mkdtemp(prefix="sitegen-browser-search-"))
    site, sizes, projection = build_site(articles, folder)
    n = len(articles)
    index_bytes = sum(v for k, v in sizes.items() if k != "docs")
    load_before = os.getloadavg()[0]
    figures = measure(site, queries)
    load_after = os.getloadavg()[0]
    update = measure_update(articles, folder, site)
    per_article = index_bytes / n
    lines = [
        "# Browser search: size and speed (ANT corpus v1.1)",
        "",
        f"{n} articles indexed ({skipped} skipped: empty title or text). Command: "
        f"`.venv/bin/python bench/browser_search_perf.py --queries {args.queries}`; headless Chromium from file://, "
        f"{len(queries)} clean title queries of `bench/search_eval.py`. {os.cpu_count()} cores; load average "
        f"{load_before:.1f} before the browser measurements, {load_after:.1f} after (other work shares the machine).",
        "",
        "| what | figure | goal |",
        "|---|---|---|",
        f"| index per article, without the article texts | {per_article:,.0f} bytes | < {GOALS['index']:,} |",
        f"| index per article, with the article texts (`docs/`) | {(index_bytes + sizes['docs']) / n:,.0f} bytes | |",
        "| parts of the index | " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(sizes.items())) + " | |",
        f"| bytes a first query loads (page, scripts, styles, search data) | {summary(figures['first_bytes'])} "
        f"| < {GOALS['first_bytes']:,} |",
        f"| of which search data (`search/`) | {summary(figures['first_data_bytes'])} | |",
        f"| bytes a second, different query adds | {summary(figures['second_bytes'])} | |",
        f"| time to results, first query in a fresh page (ms) | {summary(figures['first_ms'])} | < {GOALS['first_ms']} |",
        f"| time to results, the same query repeated (ms) | {summary(figures['repeat_ms'])} | < {GOALS['repeat_ms']} |",
        f"| time to results, a second different query (ms) | {summary(figures['second_ms'])} | |",
        f"| writing the browser index from the Whoosh index | {projection:.1f} s | |",
        f"| one article edited: Whoosh index updated in place by id | {update['index_s']:.2f} s | |",
        f"| one article edited: browser index updated in place (`update_browser_index`) | {update['update_s']:.2f} s, "
        f"{update['written']:,} of {update['files']:,} files written; byte for byte a full projection: "
        f"{'yes' if update['same'] else 'NO'} | |",
        f"| one article edited: hard-linking the {update['files'] - update['written']:,} files kept | "
        f"{update['link_s']:.2f} s | |",
        "",
        "Screenshots: `browser_search_desktop.png`, `browser_search_phone.png` (query الحكومة التونسية).",
    ]
    write_results(RESULTS / "browser_search_perf.md", lines)


if __name__ == "__main__":
    main()
