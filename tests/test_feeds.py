"""Feeds and discovery: valid Atom with escaped entries, sitemap and robots with a base URL, 404."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from click.testing import CliRunner

from sitegen.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOSTILE = 'الحرة <b>تؤكد</b> قصف "حقل العمر" & تبادل النار'


def _build(project: Path, settings: str = "") -> tuple[Path, str]:
    if settings:
        (project / "sitegen.yaml").write_text(settings, encoding="utf-8")
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return project / "site", result.output


def _atom(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("title", "id", "updated"):
        assert root.find(f"{ATOM}{required}").text, required
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("title", "id", "updated"):
            assert entry.find(f"{ATOM}{required}").text, required
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None
    return root


def test_site_feed_is_valid_atom_with_newest_incidents_and_articles(two_reports: Path):
    site, output = _build(two_reports)
    feed = _atom(site / "feed.xml")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 6 + 2
    kinds = [e.find(f"{ATOM}category").get("term") for e in entries]
    assert set(kinds) == {"incident", "article"}
    updated = [e.find(f"{ATOM}updated").text for e in entries]
    assert updated == sorted(updated, reverse=True), "newest first"
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert not href.startswith(("/", "http")) and (site / href).is_file(), href
    assert len({e.find(f"{ATOM}id").text for e in entries}) == len(entries)
    assert "no sitemap.xml" in output
    assert not (site / "sitemap.xml").exists() and not (site / "robots.txt").exists()


def test_feed_entries_are_escaped_text(two_reports: Path):
    site, _ = _build(two_reports)
    raw = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<b>" not in raw and "&lt;b&gt;" in raw and "&amp; تبادل" in raw
    titles = [e.find(f"{ATOM}title").text for e in _atom(site / "feed.xml").findall(f"{ATOM}entry")]
    assert HOSTILE in titles


def test_one_feed_per_place_and_actor_linked_from_its_page(two_reports: Path):
    site, _ = _build(two_reports)
    for kind in ("places", "actors"):
        pages = sorted(p.stem for p in (site / kind).glob("*.html") if p.stem != "index")
        feeds = sorted(p.stem for p in (site / "feeds" / kind).glob("*.xml"))
        assert pages == feeds and pages
    feed = _atom(site / "feeds" / "places" / "al-mayadin.xml")
    hrefs = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert hrefs == ["../../incidents/2022-01-07-mayadin-us-response.html"]
    page = (site / "places" / "al-mayadin.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in page
    assert 'href="../feeds/places/al-mayadin.xml"' in page


def test_sitemap_and_robots_with_a_base_url(two_reports: Path):
    site, output = _build(two_reports, "base_url: https://archive.example/ar/\n")
    assert "no sitemap.xml" not in output
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = [u.find(f"{SITEMAP}loc").text for u in root.findall(f"{SITEMAP}url")]
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")} - {"404.html"}
    assert len(locs) == len(pages)
    assert "https://archive.example/ar/" in locs
    assert "https://archive.example/ar/incidents/2022-01-07-omar-field-rocket-attack.html" in locs
    assert (site / "robots.txt").read_text(encoding="utf-8").splitlines()[-1] == \
        "Sitemap: https://archive.example/ar/sitemap.xml"
    feed = _atom(site / "feed.xml")
    assert feed.find(f"{ATOM}entry/{ATOM}link").get("href").startswith("https://archive.example/ar/")


def test_404_page_links_absolutely_with_a_base_url_and_relatively_without(two_reports: Path):
    site, _ = _build(two_reports)
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "الصفحة غير موجودة" in html and 'href="assets/style.css"' in html
    site, _ = _build(two_reports, "base_url: https://archive.example/ar/\n")
    html = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="https://archive.example/ar/assets/style.css"' in html
    home = (site / "index.html").read_text(encoding="utf-8")
    assert not re.search(r'(href|src)="https://archive\.example', home), "other pages still link relatively"


def test_control_characters_do_not_break_the_feed(two_reports: Path):
    article = two_reports / "content" / "articles" / "second_report_of_omar_field_attack.md"
    text = article.read_text(encoding="utf-8")
    hostile = 'title: "الحرة\\x07 <b>تؤكد</b>\\x1b قصف \\"حقل العمر\\" & تبادل النار"'
    article.write_text(re.sub(r"^title: .*$", lambda _: hostile, text, count=1, flags=re.M), encoding="utf-8")
    site, _ = _build(two_reports)
    titles = [e.find(f"{ATOM}title").text for e in _atom(site / "feed.xml").findall(f"{ATOM}entry")]
    assert HOSTILE in titles


def test_a_large_site_gets_a_sitemap_index():
    from sitegen.feeds import sitemaps

    files = sitemaps([f"articles/a{n}.html" for n in range(5)], "https://archive.example/", limit=2)
    assert sorted(files) == ["sitemap.xml", "sitemaps/sitemap-1.xml", "sitemaps/sitemap-2.xml",
                             "sitemaps/sitemap-3.xml"]
    index = ET.fromstring(files["sitemap.xml"])
    assert index.tag == f"{SITEMAP}sitemapindex"
    assert [e.text for e in index.iter(f"{SITEMAP}loc")] == [
        f"https://archive.example/sitemaps/sitemap-{n}.xml" for n in (1, 2, 3)]
    listed = [e.text for name in sorted(files) if name != "sitemap.xml"
              for e in ET.fromstring(files[name]).iter(f"{SITEMAP}loc")]
    assert listed == [f"https://archive.example/articles/a{n}.html" for n in range(5)]


def test_the_site_feed_is_made_from_the_newest_articles_only_and_shows_the_same_entries():
    """feed.xml's entries from the articles that can be among the newest (ties on the oldest day
    included) equal the entries from every article; an edit of an older article leaves the feed's data as it was."""
    import datetime as dt
    import random

    from sitegen.feeds import FEED_SIZE, article_entry, newest, newest_articles
    from sitegen.model import Article

    picker = random.Random(11)
    for _ in range(30):
        days = [dt.date(2022, 1, 1) + dt.timedelta(days=picker.randrange(40)) for _ in range(picker.randrange(1, 160))]
        articles = tuple(sorted((Article(id=f"a-{picker.randrange(10**6)}-{n}", title="t", published=day)
                                 for n, day in enumerate(days)), key=lambda a: (a.published, a.id)))
        kept = newest_articles(articles)
        assert kept == articles[len(articles) - len(kept):]  # a suffix: the newest ones
        assert newest(article_entry(a) for a in kept) == newest(article_entry(a) for a in articles)
        if len(articles) > FEED_SIZE:
            assert all(a.published < kept[0].published for a in articles[: len(articles) - len(kept)])
