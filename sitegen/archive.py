"""The site as data: incidents gathered across articles, the timeline, browse pages.

Pure functions of the validated :class:`~sitegen.model.Content`. Nothing here knows about
HTML or files except the page paths, which are defined once here (``*_path``) and used
by every template through relative links.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from sitegen.model import Article, Content, Incident, Vocabulary
from sitegen.places import arabic_sort_key


@dataclass(frozen=True)
class IncidentRecord:
    """One incident and every article that reports it (same incident id).

    The incident shown is the earliest reviewed report's account of it, else the earliest
    report's; the record is reviewed when the account shown is one a person has checked.
    """

    incident: Incident  # the account shown
    reports: tuple[Article, ...]  # in publication order
    accounts: tuple[Incident, ...] = ()  # each report's own account, parallel to ``reports``

    @property
    def id(self) -> str:
        return self.incident.id

    @property
    def source(self) -> Article:
        """The article whose account is shown."""
        for article, account in zip(self.reports, self.accounts):
            if account is self.incident:
                return article
        return self.reports[0]

    @property
    def reviewed(self) -> bool:
        return self.source.review == "reviewed"

    @property
    def review(self) -> str:
        """``reviewed`` or ``pending``, as articles say it."""
        return self.source.review

    @property
    def date(self) -> dt.date | None:
        return self.incident.date


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
    """A browse page: the incidents sharing one place, actor or type."""

    kind: str  # places, actors, types
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
    for article in articles:  # already in publication order
        for incident in article.incidents:
            reports[incident.id].append(article)
            accounts[incident.id].append(incident)
    records = []
    for incident_id, reporters in reports.items():
        told = accounts[incident_id]
        shown = next((i for a, i in zip(reporters, told) if a.review == "reviewed"), told[0])
        records.append(IncidentRecord(shown, tuple(reporters), tuple(told)))
    return tuple(sorted(records, key=_incident_order))


def _incident_order(record: IncidentRecord) -> tuple:
    return (record.date is None, record.date or dt.date.min, record.id)


def _months(articles: tuple[Article, ...], incidents: tuple[IncidentRecord, ...]) -> tuple[Month, ...]:
    by_incident: dict[tuple[int, int], list[IncidentRecord]] = defaultdict(list)
    by_article: dict[tuple[int, int], list[Article]] = defaultdict(list)
    for record in incidents:
        if record.date is not None:
            by_incident[(record.date.year, record.date.month)].append(record)
    for article in articles:
        by_article[(article.published.year, article.published.month)].append(article)
    keys = sorted(set(by_incident) | set(by_article))
    return tuple(Month(y, m, tuple(by_incident[(y, m)]), tuple(by_article[(y, m)])) for y, m in keys)


def _facets(incidents: tuple[IncidentRecord, ...], vocabulary: Vocabulary) -> dict[str, tuple[Facet, ...]]:
    groups: dict[str, dict[str, list[IncidentRecord]]] = {"places": defaultdict(list), "actors": defaultdict(list),
                                                          "types": defaultdict(list)}
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
    tables = {"places": vocabulary.places, "actors": vocabulary.actors, "types": vocabulary.incident_types}
    return {kind: tuple(Facet(kind, key, tuple(items)) for key, items in
                        sorted(found.items(), key=lambda item: (arabic_sort_key(tables[kind][item[0]].name), item[0])))
            for kind, found in groups.items()}


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


def facet_path(kind: str, key: str) -> str:
    return f"{kind}/{key}.html"


TIMELINE_PATH = "timeline/index.html"
ABOUT_PATH = "about.html"
HOME_PATH = "index.html"
