"""The site built from the whole corpus: no broken link, no page over 100 KB, exports complete."""

from __future__ import annotations

import csv
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

pytestmark = pytest.mark.corpus

TAG = re.compile(r"<(\w+)\b([^>]*)>")
LINK = re.compile(r'\b(href|src)="([^"]*)"')
MAX_PAGE = 100_000
MAX_TIMELINE = 30_000


def _broken_links(site: Path, files: list[Path]) -> tuple[int, list[str]]:
    checked, broken = 0, []
    for page in files:
        links = [(tag, attribute, raw) for tag, attributes in TAG.findall(page.read_text(encoding="utf-8"))
                 for attribute, raw in LINK.findall(attributes)]
        for tag, attribute, raw in links:
            link = unescape(raw)
            parts = urlsplit(link)
            if parts.scheme in ("http", "https", "mailto"):
                # a link a reader may follow to a source; nothing is ever loaded from elsewhere
                assert (tag, attribute) == ("a", "href"), f"{page}: loads from another site: {link}"
                continue
            assert not parts.scheme and not link.startswith("/"), f"{page}: not a relative link: {link}"
            if not parts.path:
                continue  # a link within the page
            target = (page.parent / unquote(parts.path)).resolve()
            checked += 1
            if not target.is_file() or site.resolve() not in target.parents:
                broken.append(f"{page.relative_to(site)} -> {link}")
    return checked, broken


def test_corpus_site_has_no_broken_link(corpus_archive):
    site = corpus_archive.site
    files = sorted([*site.rglob("*.html"), *site.rglob("*.xml")])
    checked, broken = _broken_links(site, files)
    assert checked > 100_000, f"only {checked} links checked"
    assert not broken, f"{len(broken)} broken links, e.g. {broken[:5]}"


def test_corpus_pages_stay_small(corpus_archive):
    site = corpus_archive.site
    sizes = sorted((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    largest, name = sizes[-1]
    print(f"\nlargest page: {name}, {largest / 1000:.1f} KB of {len(sizes)} pages")
    assert largest <= MAX_PAGE, f"{name} is {largest} bytes"
    assert (site / "timeline" / "index.html").stat().st_size <= MAX_TIMELINE
    february = (site / "timeline" / "2017-02.html").read_text(encoding="utf-8")
    assert "articles.html" in february and "/articles/" not in february, "the month's articles are behind a link"


def test_corpus_exports_hold_every_incident_page(corpus_archive):
    site, result = corpus_archive.site, corpus_archive.result
    rows = list(csv.DictReader((site / "incidents.csv").read_text(encoding="utf-8-sig").splitlines()))
    pages = {p.stem for p in (site / "incidents").glob("*.html")}
    assert len(rows) == result.incidents == len(pages)
    assert {r["event_id_cnty"] for r in rows} == pages
    assert all(r["review"] == "pending" for r in rows), "extracted, nobody reviewed them"
