"""Feeds and discovery: Atom feeds of the newest incidents and articles, sitemap.xml, robots.txt.

Pure functions returning strings; the build writes the files. XML is made with
``xml.etree.ElementTree``, which escapes every text and attribute, so a title from a news
source stays text. Dates come from the content (publication days), never from the clock,
so two builds of the same content give the same files.

Links in a feed are relative to the feed's own address (Atom resolves them against it), so
the feeds work from ``file://`` too; with ``base_url`` configured they are absolute.
Entry ids are the page's absolute address when ``base_url`` is set, else a UUID derived
from the page path, stable across builds.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import uuid
import xml.etree.ElementTree as ET
from urllib.parse import quote
from dataclasses import dataclass
from typing import Callable, Iterable

from sitegen.archive import Archive, IncidentRecord, article_path, feed_path, incident_path
from sitegen.model import Article, Vocabulary

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_SIZE = 50  # entries in a feed: the newest ones


@dataclass(frozen=True)
class Entry:
    title: str
    path: str  # the page, relative to the site root
    updated: dt.date
    summary: str | None = None
    category: str | None = None  # "incident" or "article"


def incident_title(record: IncidentRecord, vocabulary: Vocabulary) -> str:
    """As the pages title it: the summary, else type and place, else the id."""
    incident = record.incident
    if incident.summary:
        return incident.summary
    if incident.type or incident.location:
        kind = vocabulary.incident_types[incident.type].name if incident.type else "حادثة"
        return f"{kind} في {vocabulary.places[incident.location].name}" if incident.location else kind
    return incident.id


def incident_entry(record: IncidentRecord, vocabulary: Vocabulary) -> Entry:
    latest = max(a.published for a in record.reports)
    day = record.date.isoformat() if record.date else "تاريخ غير محدد"
    place = vocabulary.places[record.incident.location].name if record.incident.location else None
    summary = "، ".join(x for x in (day, place, f"عدد المقالات: {len(record.reports)}") if x)
    return Entry(incident_title(record, vocabulary), incident_path(record.id), latest, summary, "incident")


def article_entry(article: Article) -> Entry:
    return Entry(article.title, article_path(article.id), article.published, article.lede, "article")


def newest(entries: Iterable[Entry], count: int = FEED_SIZE) -> list[Entry]:
    return sorted(entries, key=lambda e: (e.updated, e.path), reverse=True)[:count]


def newest_articles(articles: tuple[Article, ...], count: int = FEED_SIZE) -> tuple[Article, ...]:
    """The articles that can be among the ``count`` newest entries of a feed: of ``articles``
    (in publication order), those published on or after the day of the ``count``-th newest.
    Every other one is older than ``count`` of these, so a feed never shows it, and editing
    it changes no feed (on 100,000 articles, the feed is no longer made from all of them)."""
    if len(articles) <= count:
        return articles
    oldest = articles[-count].published
    start = len(articles) - count
    while start > 0 and articles[start - 1].published >= oldest:
        start -= 1
    return articles[start:]


# Characters XML 1.0 cannot carry (C0 controls but tab and newlines, surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def absolute(base_url: str, target: str) -> str:
    return base_url.rstrip("/") + "/" + quote(target, safe="/#")


def _address(target: str, feed: str, base_url: str) -> str:
    if base_url:
        return absolute(base_url, target)
    return quote(posixpath.relpath(target, posixpath.dirname(feed) or "."), safe="/#")


def _id(target: str, base_url: str) -> str:
    if base_url:
        return absolute(base_url, target)
    return uuid.uuid5(uuid.NAMESPACE_URL, "sitegen:" + target).urn


def atom_feed(title: str, path: str, page: str, entries: list[Entry], base_url: str = "") -> str:
    """An Atom 1.0 feed written at ``path``, about the HTML page ``page``; entries newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "ar"})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = _text(title)
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _id(path, base_url)
    updated = max((e.updated for e in entries), default=dt.date(1970, 1, 1))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(updated)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=_address(path, path, base_url),
                  type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=_address(page, path, base_url), type="text/html")
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = _text(title)
    ET.SubElement(feed, f"{{{ATOM}}}generator").text = "sitegen"
    for item in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = _text(item.title)
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _id(item.path, base_url)
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(item.updated)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=_address(item.path, path, base_url),
                      type="text/html")
        if item.category:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=item.category)
        if item.summary:
            ET.SubElement(entry, f"{{{ATOM}}}summary").text = _text(item.summary)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


FEED_KINDS = ("places", "actors")  # browse pages that have a feed of their own


def feed_sources(site: Archive, site_title: str, base_url: str = "") -> dict[str, tuple[tuple, Callable[[], str]]]:
    """Every feed of the site: path -> (the data it is made from, a function making its Atom text),
    so that a build writes only the feeds whose data changed."""
    vocabulary = site.vocabulary
    articles = newest_articles(site.articles)

    def main() -> str:
        everything = [incident_entry(r, vocabulary) for r in site.incidents] + [article_entry(a) for a in articles]
        return atom_feed(site_title, feed_path(), "index.html", newest(everything), base_url)

    def of_facet(kind: str, facet, path: str) -> str:
        table = vocabulary.places if kind == "places" else vocabulary.actors
        entries = newest(incident_entry(r, vocabulary) for r in facet.incidents)
        return atom_feed(f"{table[facet.id].name} — {site_title}", path, f"{kind}/{facet.id}.html", entries, base_url)

    feeds = {feed_path(): ((site_title, base_url, vocabulary, site.incidents, articles), main)}
    for kind in FEED_KINDS:
        for facet in site.facets.get(kind, ()):
            path = feed_path(kind, facet.id)
            feeds[path] = ((site_title, base_url, vocabulary, kind, facet),
                           lambda kind=kind, facet=facet, path=path: of_facet(kind, facet, path))
    return feeds


SITEMAP_LIMIT = 50_000  # URLs one sitemap file may list (sitemaps.org protocol)


def sitemaps(paths: Iterable[str], base_url: str, limit: int = SITEMAP_LIMIT) -> dict[str, str]:
    """``sitemap.xml`` listing every page at its absolute address; past ``limit`` pages, the
    pages are listed in ``sitemaps/sitemap-N.xml`` and ``sitemap.xml`` is their index."""
    ordered = sorted(paths)
    chunks = [ordered[i:i + limit] for i in range(0, len(ordered), limit)] or [[]]
    if len(chunks) == 1:
        return {"sitemap.xml": _urlset(chunks[0], base_url)}
    files = {f"sitemaps/sitemap-{n}.xml": _urlset(chunk, base_url) for n, chunk in enumerate(chunks, start=1)}
    ET.register_namespace("", SITEMAP)
    index = ET.Element(f"{{{SITEMAP}}}sitemapindex")
    for path in files:
        ET.SubElement(ET.SubElement(index, f"{{{SITEMAP}}}sitemap"), f"{{{SITEMAP}}}loc").text = absolute(base_url, path)
    ET.indent(index)
    files["sitemap.xml"] = '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(index, encoding="unicode") + "\n"
    return files


def _urlset(paths: list[str], base_url: str) -> str:
    ET.register_namespace("", SITEMAP)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for path in paths:
        url = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
        ET.SubElement(url, f"{{{SITEMAP}}}loc").text = absolute(base_url, path.removesuffix("index.html"))
    ET.indent(urlset)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(urlset, encoding="unicode") + "\n"


def robots(base_url: str) -> str:
    return f"User-agent: *\nAllow: /\nSitemap: {base_url.rstrip('/')}/sitemap.xml\n"
