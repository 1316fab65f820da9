"""The site as data: incidents gathered across articles, the timeline, browse pages.

Pure functions of the validated :class:`~sitegen.model.Content`. Nothing here knows about
HTML or files except the page paths, which are defined once here (``*_path``) and used
by every template through relative links.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter

from sitegen.model import Article, Content, Incident, Vocabulary
from sitegen.places import arabic_sort_key


@dataclass(frozen=True)
class IncidentRecord:
    """One incident and every article that reports it (same incident id)."""

    incident: Incident  # as the earliest report describes it
    reports: tuple[Article, ...]  # in publication order
    accounts: tuple[Incident, ...] = ()  # each report's own account of it, parallel to ``reports``

    @property
    def id(self) -> str:
        return self.incident.id

    @property
    def date(self) -> dt.date | None:
        return self.incident.date

    @property
    def review(self) -> str:
        """``reviewed`` only when every article reporting the incident is reviewed, else ``pending``.

        The incident's fields come from its earliest report, and any report may still change
        them (a later one may correct its date or place): one unreviewed report keeps it a proposal.
        """
        return "reviewed" if all(a.review == "reviewed" for a in self.reports) else "pending"

    @property
    def reviewed(self) -> bool:
        return self.review == "reviewed"


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    incidents: tuple[IncidentRecord, ...]
    articles: tuple[Article, ...]

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Year:
    year: int
    months: tuple[Month, ...]

    @property
    def incident_count(self) -> int:
        return sum(len(m.incidents) for m in self.months)

    @property
    def article_count(self) -> int:
        return sum(len(m.articles) for m in self.months)


@dataclass(frozen=True)
class Facet:
    """A browse page: the incidents sharing one place, actor, type, weapon or outlet."""

    kind: str  # places, actors, types, weapons, outlets
    id: str
    incidents: tuple[IncidentRecord, ...]


@dataclass(frozen=True)
class Archive:
    articles: tuple[Article, ...]  # by publication date, then id
    incidents: tuple[IncidentRecord, ...]  # by date (undated last), then id
    months: tuple[Month, ...]  # oldest first
    vocabulary: Vocabulary
    facets: dict[str, tuple[Facet, ...]] = field(default_factory=dict)
    withheld: tuple[Article, ...] = ()  # pending articles left out by the reviewed_only setting

    @cached_property
    def incidents_by_id(self) -> dict[str, IncidentRecord]:
        return {record.id: record for record in self.incidents}

    @property
    def years(self) -> tuple[Year, ...]:
        by_year: dict[int, list[Month]] = defaultdict(list)
        for month in self.months:
            by_year[month.year].append(month)
        return tuple(Year(year, tuple(months)) for year, months in sorted(by_year.items()))

    @property
    def undated_incidents(self) -> tuple[IncidentRecord, ...]:
        return tuple(record for record in self.incidents if record.date is None)

    @cached_property
    def incident_locations(self) -> tuple[str | None, ...]:
        """Each incident's place id (None when it has none), in incident order: all the maps read of
        the incidents (so a page with a map depends on where incidents are, not on their articles)."""
        return tuple(record.incident.location for record in self.incidents)

    @cached_property
    def repeated_titles(self) -> frozenset[str]:
        """Headlines more than one article has (their pages add the publication date to their title)."""
        counts = Counter(map(attrgetter("title"), self.articles))
        return frozenset(title for title, n in counts.items() if n > 1)

    @cached_property
    def pending_incidents(self) -> int:
        return sum(1 for record in self.incidents if not record.reviewed)

    @cached_property
    def place_counts(self) -> dict[str, int]:
        """Place id -> how many incidents happened there or anywhere inside it."""
        return {facet.id: len(facet.incidents) for facet in self.facets.get("places", ())}


def make_archive(content: Content, reviewed_only: bool = False) -> Archive:
    """The site's data; with ``reviewed_only``, pending articles and their incidents are left out."""
    articles = content.articles
    withheld: tuple[Article, ...] = ()
    if reviewed_only:
        withheld = tuple(a for a in articles if a.review != "reviewed")
        articles = tuple(a for a in articles if a.review == "reviewed")
    incidents = gather_incidents(articles)
    return Archive(
        articles=articles,
        incidents=incidents,
        months=_months(articles, incidents),
        vocabulary=content.vocabulary,
        facets=_facets(incidents, content.vocabulary),
        withheld=withheld,
    )


def gather_incidents(articles: tuple[Article, ...]) -> tuple[IncidentRecord, ...]:
    reports: dict[str, list[Article]] = defaultdict(list)
    accounts: dict[str, list[Incident]] = defaultdict(list)
    for article in filter(attrgetter("incidents"), articles):  # in publication order: the first report's account is shown
        for incident in article.incidents:
            reports[incident.id].append(article)
            accounts[incident.id].append(incident)
    records = [IncidentRecord(told[0], tuple(reports[i]), tuple(told)) for i, told in accounts.items()]
    return tuple(sorted(records, key=_incident_order))


def _incident_order(record: IncidentRecord) -> tuple:
    return (record.date is None, record.date or dt.date.min, record.id)


def _months(articles: tuple[Article, ...], incidents: tuple[IncidentRecord, ...]) -> tuple[Month, ...]:
    by_incident: dict[tuple[int, int], list[IncidentRecord]] = defaultdict(list)
    by_article: dict[tuple[int, int], list[Article]] = defaultdict(list)
    for record in incidents:
        if record.date is not None:
            by_incident[(record.date.year, record.date.month)].append(record)
    for key, run in _runs_by_month(articles):
        by_article[key] = run
    keys = sorted(set(by_incident) | set(by_article))
    return tuple(Month(y, m, tuple(by_incident[(y, m)]), tuple(by_article[(y, m)])) for y, m in keys)


def _runs_by_month(articles: tuple[Article, ...]) -> list[tuple[tuple[int, int], tuple[Article, ...]]]:
    """The articles of each month (year, month), in their order: the articles come by
    publication date, so a month is one run of them, found by bisection (not article by article)."""
    dates = list(map(attrgetter("published"), articles))
    if dates != sorted(dates):  # (not in date order: grouped one by one)
        grouped: dict[tuple[int, int], list[Article]] = defaultdict(list)
        for article in articles:
            grouped[(article.published.year, article.published.month)].append(article)
        return [(key, tuple(items)) for key, items in grouped.items()]
    runs = []
    start = 0
    while start < len(dates):
        first = dates[start]
        if (first.year, first.month) == (dt.MAXYEAR, 12):
            end = len(dates)
        else:
            end = bisect_left(dates, dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1), start)
        runs.append(((first.year, first.month), articles[start:end]))
        start = end
    return runs


def _facets(incidents: tuple[IncidentRecord, ...], vocabulary: Vocabulary) -> dict[str, tuple[Facet, ...]]:
    groups: dict[str, dict[str, list[IncidentRecord]]] = {kind: defaultdict(list) for kind in FACET_KINDS}
    outlet_ids = _outlet_names(vocabulary)
    for record in incidents:
        incident = record.incident
        places = [incident.location] + [a.origin for a in incident.actors]
        place_ids = [p.id for place_id in places if place_id for p in vocabulary.place_chain(place_id)]
        for place_id in dict.fromkeys(place_ids):
            groups["places"][place_id].append(record)
        actor_ids = [a.actor for a in incident.actors] + [incident.response.actor if incident.response else None]
        for actor_id in dict.fromkeys(a for a in actor_ids if a):
            groups["actors"][actor_id].append(record)
        if incident.type:
            groups["types"][incident.type].append(record)
        weapons = [*incident.weapons, *(incident.response.weapons if incident.response else ())]
        for weapon_id in dict.fromkeys(w.type for w in weapons):
            groups["weapons"][weapon_id].append(record)
        for outlet_id in dict.fromkeys(o for a in record.reports for o in article_outlets(a, outlet_ids)):
            groups["outlets"][outlet_id].append(record)
    tables = {"places": vocabulary.places, "actors": vocabulary.actors, "types": vocabulary.incident_types,
              "weapons": vocabulary.weapons, "outlets": vocabulary.outlets}
    return {kind: tuple(Facet(kind, key, tuple(items)) for key, items in
                        sorted(found.items(), key=lambda item: (arabic_sort_key(tables[kind][item[0]].name), item[0])))
            for kind, found in groups.items()}


FACET_KINDS = ("places", "actors", "types", "weapons", "outlets")


def _outlet_names(vocabulary: Vocabulary) -> dict[str, str]:
    """Every written form of a lexicon outlet (name, English name, variants) -> its id."""
    names = {}
    for term in vocabulary.outlets.values():
        for name in (term.name, term.name_en, *term.variants):
            if name:
                names.setdefault(name.strip(), term.id)
    return names


def article_outlets(article: Article, names: dict[str, str]) -> list[str]:
    """Lexicon ids of the outlet that published the article and of those it cites, when known."""
    written = [article.outlet, *article.cited_outlets]
    return list(dict.fromkeys(names[w.strip()] for w in written if w and w.strip() in names))


@dataclass(frozen=True)
class Slice:
    """One page of a long list: its items, its number (from 1) and how many pages there are."""

    items: tuple
    number: int
    count: int
    first: int  # 1-based position of the first item in the whole list
    total: int  # items in the whole list


PAGE_SIZE = 100  # items on one page of a list: keeps every page well under 100 KB


def paginate(items: tuple, size: int = PAGE_SIZE) -> list[Slice]:
    """``items`` cut into pages of ``size``; an empty list is one empty page."""
    count = max(1, -(-len(items) // size))
    return [Slice(tuple(items[i * size:(i + 1) * size]), i + 1, count, i * size + 1, len(items)) for i in range(count)]


def with_neighbours(items: tuple) -> list[tuple]:
    """Each item with the ones before and after it (None at the ends), for previous/next links."""
    padded = (None, *items, None)
    return [(padded[i], padded[i + 1], padded[i + 2]) for i in range(len(items))]


# --- page paths: one definition, relative to the site root ---------------------------------


def article_path(article_id: str) -> str:
    return f"articles/{article_id}.html"


def incident_path(incident_id: str) -> str:
    return f"incidents/{incident_id}.html"


def month_path(key: str) -> str:
    return f"timeline/{key}.html"


def facet_path(kind: str, key: str, page: int = 1) -> str:
    return f"{kind}/{key}.html" if page == 1 else f"{kind}/{key}/page-{page}.html"


def month_articles_path(key: str, page: int = 1) -> str:
    return f"timeline/{key}/articles.html" if page == 1 else f"timeline/{key}/articles-{page}.html"


def month_incidents_path(key: str, page: int = 1) -> str:
    return month_path(key) if page == 1 else f"timeline/{key}/page-{page}.html"


def latest_path(what: str, page: int = 1) -> str:
    """Every incident or article (``what``), newest first, paged."""
    return f"latest/{what}.html" if page == 1 else f"latest/{what}-{page}.html"


def undated_path(page: int = 1) -> str:
    return "timeline/undated.html" if page == 1 else f"timeline/undated/page-{page}.html"


def export_path(fmt: str, kind: str | None = None, key: str | None = None) -> str:
    """The data export of every incident (``incidents.json``) or of one browse page's subset."""
    return f"incidents.{fmt}" if kind is None else f"data/{kind}/{key}.{fmt}"


def feed_path(kind: str | None = None, key: str | None = None) -> str:
    return "feed.xml" if kind is None else f"feeds/{kind}/{key}.xml"


TIMELINE_PATH = "timeline/index.html"
ABOUT_PATH = "about.html"
HOME_PATH = "index.html"
NOT_FOUND_PATH = "404.html"
