"""Issue 10 on the whole corpus archive: what a documenter reads can be trusted and read.

Reads the session's corpus build (``corpus_archive`` in conftest.py): every extracted article is
``review: pending``, so every incident must say so wherever it is listed.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from html import unescape

import pytest

from test_trust import _IncidentItems, _VisibleLatin

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def pages(corpus_archive) -> dict[str, str]:
    site = corpus_archive.site
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def test_every_listed_incident_is_marked_pending_review(corpus_archive, pages):
    listed = 0
    for path, html in pages.items():
        parser = _IncidentItems()
        parser.feed(html)
        for item in parser.items:
            listed += 1
            assert item["state"] == "pending" and item["marks"] == ["review-pending"], (path, item)
    incident_pages = [html for path, html in pages.items() if path.startswith("incidents/")]
    assert len(incident_pages) == corpus_archive.result.incidents > 100
    assert all('<p class="meta"><span class="review review-pending"' in html for html in incident_pages)
    assert listed > corpus_archive.result.incidents  # each incident is listed on several pages
    assert corpus_archive.result.pending_incidents == corpus_archive.result.incidents


def test_every_page_title_is_unique(pages):
    titles = Counter(re.search(r"<title>(.*?)</title>", html, re.S).group(1) for html in pages.values())
    assert [title for title, n in titles.items() if n > 1] == []


def test_no_place_chain_repeats_a_name(pages):
    chains = 0
    for path, html in pages.items():
        for chain in re.findall(r'<span class="where">(.*?)</span>', html, re.S):
            names = [part.strip() for part in unescape(re.sub(r"<[^>]+>", "", chain)).split("،")]
            chains += 1
            assert len(names) == len(set(names)), (path, names)
    assert chains > 100


def test_counts_agree_with_their_nouns(pages):
    """Every count the interface writes (not the news text): list counts, headings, the home page's figures."""
    wrong = re.compile(r"(?<![\d,])(?:1 (?:حوادث|مقالات|أشهر)|1[1-9] (?:حوادث|مقالات)|2 (?:حوادث|مقالات|حادثة)"
                       r"|(?:[3-9]|10) (?:حادثة|مقالًا|مقال)(?![\u0600-\u06ff])|\d{4,} (?:حادثة|حوادث|مقال))")
    counted = 0
    for path, html in pages.items():
        for fragment in re.findall(r'<span class="count">(.*?)</span>|<h2>(.*?)</h2>|<ul class="counts">(.*?)</ul>',
                                   html, re.S):
            text = unescape(re.sub(r"<[^>]+>", "", "".join(fragment)))
            counted += 1
            assert not wrong.search(text), (path, text)
    assert counted > 1000
    home = unescape(re.sub(r"<[^>]+>", "", pages["index.html"]))
    assert re.search(r"\d{1,2},\d{3} مقال", home)  # ten thousand articles, with a thousands separator


# What the news wrote (a title, a body, a quoted phrase may hold English words): not the interface's.
NEWS_TEXT = re.compile(r'<div class="body">.*?</div>|<q[ >].*?</q>|<h1>.*?</h1>|<p class="lede">.*?</p>'
                       r'|<a [^>]*href="[^"]*articles/[^"]*"[^>]*>.*?</a>|<p class="sources">.*?</p>'
                       r'|<section class="speakers">.*?</section>|<strong>.*?</strong>|<nav class="pager".*?</nav>', re.S)


def test_no_english_in_the_interface_on_a_sample_of_pages(pages):
    sample = random.Random(10).sample(sorted(pages), 400) + ["index.html", "about.html", "places/index.html"]
    for path in sample:
        parser = _VisibleLatin()
        parser.feed(NEWS_TEXT.sub("", pages[path]))
        assert not parser.found, (path, parser.found[:5])


def test_outlets_show_their_arabic_name(pages):
    articles = [html for path, html in pages.items() if path.startswith("articles/")]
    assert not [html for html in articles if "jawhara-fm" in html or "Jawhara FM" in html]
    assert sum("الجوهرة أف أم" in html for html in articles) > 9000


def test_likely_wrong_proposals_are_warnings_with_file_line_and_field(corpus_archive):
    warnings = [d for d in corpus_archive.result.diagnostics if not d.is_error]
    assert warnings, "the corpus's proposals hold dates years before their article"
    assert all(d.line and d.field and str(d.path).endswith(".md") for d in warnings)
    kinds = Counter(d.message.split(",")[0].split(" (")[0] for d in warnings)
    assert any("neither a place nor an actor" in kind for kind in kinds)
