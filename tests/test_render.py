"""Rendering: escaping, sanitizing, relative links, right-to-left pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from sitegen.build import build
from sitegen.config import load_config
from sitegen.render import markdown_to_html, relative_url

HOSTILE_TITLE = '<script>alert("title")</script> & "quotes" \u202e'
HOSTILE_BODY = """فقرة عادية.

<script>alert("body")</script>
<img src="x" onerror="alert('img')">
<img src="https://tracker.example/pixel.png" alt="remote">
<img src="//cdn.example/x.png" alt="protocol-relative">
<iframe src="https://evil.example"></iframe>
[رابط خبيث](javascript:alert('link'))
<a href="#" onclick="alert('click')">نقرة</a>
<style>body { display: none }</style>
"""


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.scripts = 0  # script tags other than the search page's own shipped scripts
        self.attributes: set[str] = set()
        self.html_attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.attributes.update(attrs)
        if tag == "html":
            self.html_attrs = attrs
        if tag == "script" and not re.fullmatch(r"(\.\./)*(assets/(search/)?[\w.-]+|search/(meta|tables))\.js", attrs.get("src") or ""):
            self.scripts += 1  # inline, or from anywhere but the theme's own assets: injected
        for name in ("href", "src"):
            if attrs.get(name) is not None:
                self.urls.append((tag, name, attrs[name]))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture
def hostile_site(project: Path) -> Path:
    article = project / "content" / "articles" / "hostile.md"
    article.write_text(
        "---\nid: hostile\ntitle: '%s'\nlede: '<b>lede</b>'\npublished: 2022-02-01\n"
        "cited_outlets: ['<img src=x onerror=alert(1)>']\n"
        "incidents:\n  - id: hostile-incident\n    date: 2022-02-01\n    summary: '<script>alert(2)</script>'\n---\n%s"
        % (HOSTILE_TITLE.replace("'", "''"), HOSTILE_BODY),
        encoding="utf-8",
    )
    build(load_config())
    return project / "site"


def test_titles_and_metadata_are_escaped_everywhere(hostile_site: Path):
    for page in hostile_site.rglob("*.html"):
        parsed = _parse(page)
        assert parsed.scripts == 0, page
        assert not {a for a in parsed.attributes if a.startswith("on")}, page
    article = (hostile_site / "articles" / "hostile.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; &amp; &#34;quotes&#34;" in article
    assert "&lt;b&gt;lede&lt;/b&gt;" in article
    assert 'href="javascript:' not in article


def test_raw_html_in_markdown_is_sanitized(hostile_site: Path):
    parsed = _parse(hostile_site / "articles" / "hostile.html")
    assert parsed.scripts == 0
    assert not {a for a in parsed.attributes if a.startswith("on")}
    html = (hostile_site / "articles" / "hostile.html").read_text(encoding="utf-8")
    for forbidden in ("<iframe", "<style", "javascript:", "tracker.example", "cdn.example"):
        assert forbidden not in html, forbidden
    assert "فقرة عادية." in html


def test_markdown_keeps_structure_and_local_images():
    html = markdown_to_html("## عنوان\n\n**قوي** و[رابط](https://example.org)\n\n![صورة](images/a.png)")
    assert "<h2>عنوان</h2>" in html and "<strong>قوي</strong>" in html
    assert 'href="https://example.org"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert 'src="images/a.png"' in html


def test_every_page_is_rtl_arabic_and_every_link_is_relative_and_resolves(project: Path):
    build(load_config())
    site = project / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        parsed = _parse(page)
        assert parsed.html_attrs == {"lang": "ar", "dir": "rtl"}, page
        for tag, attribute, url in parsed.urls:
            parts = urlsplit(url)
            if tag == "a" and parts.scheme in ("http", "https"):
                continue  # a link the reader may follow; nothing is loaded
            assert not parts.scheme and not parts.netloc and not url.startswith("/"), (page, url)
            if parts.path:
                target = (page.parent / unquote(parts.path)).resolve()
                assert target.is_file(), (page, url)


def test_no_page_loads_anything_from_another_origin(project: Path):
    build(load_config())
    for page in (project / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="(https?:)?//[^"]*"', html.replace('<a href="http', "<a x=")), page
        assert "@import" not in html and "fetch(" not in html


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("index.html", "articles/a.html", "articles/a.html"),
    ("articles/a.html", "index.html", "../index.html"),
    ("timeline/2022-01.html", "articles/a.html", "../articles/a.html"),
    ("articles/a.html", "articles/قصف.html", "%D9%82%D8%B5%D9%81.html"),
])
def test_relative_url(source: str, target: str, expected: str):
    assert relative_url(source, target) == expected


def test_incident_without_summary_is_titled_by_type_place_and_date(project: Path):
    (project / "content" / "articles" / "bare.md").write_text(
        "---\nid: bare\ntitle: t\npublished: 2022-02-01\nincidents:\n"
        "  - {id: bare-1, type: shelling, date: 2022-02-01, location: al-mayadin}\n"
        "  - {id: bare-2, date: 2022-02-01, related: [{incident: bare-1, relation: response_to}]}\n---\n",
        encoding="utf-8")
    build(load_config())
    article = (project / "site" / "articles" / "bare.html").read_text(encoding="utf-8")
    assert '<a href="../incidents/bare-1.html">قصف في الميادين، 1 فبراير 2022</a> <span class="review' in article
    assert "<a href=\"../incidents/bare-2.html\">\u2066bare-2\u2069</a>" in article
    assert 'ردًّا على <a href="../incidents/bare-1.html">قصف في الميادين، 1 فبراير 2022</a>' in article
    page = (project / "site" / "incidents" / "bare-1.html").read_text(encoding="utf-8")
    assert "<title>قصف في الميادين، 1 فبراير 2022 — " in page
