"""The record: articles, incidents and the vocabularies they point into.

Plain frozen dataclasses with no I/O. ``content.py`` builds them from files after
validation, so every value here is already checked: dates are ``datetime.date``, ids
are safe to use as file names, vocabulary ids resolve.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Closed value sets of the schema (documented in the README's content format).
DATE_PRECISIONS = ("day", "range", "week", "month", "year", "on_or_before", "on_or_after", "unresolved")
TIMES_OF_DAY = ("dawn", "morning", "noon", "afternoon", "evening", "night")
LOCATION_PRECISIONS = ("site", "village", "town", "subdistrict", "district", "governorate", "country", "region")
PUBLISHED_BASES = ("stated", "inferred")
REVIEW_STATES = ("pending", "reviewed")
ACTOR_ROLES = ("attacker", "target", "perpetrator", "victim", "responder", "mediator", "claimant", "other")
RELATIONS = ("response_to", "part_of", "same_as", "follows")
PLACE_KINDS = ("country", "governorate", "district", "subdistrict", "town", "village", "site", "region")
# ACLED Codebook (2023): event types, and the actor types its inter1/inter2 columns name.
ACLED_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                     "Strategic developments")
ACLED_ACTOR_TYPES = ("State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
                     "Civilians", "External/Other forces")


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    kind: str
    name_en: str | None = None
    parent: str | None = None
    variants: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    source: str | None = None


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    name_en: str | None = None
    kind: str | None = None
    parent: str | None = None
    variants: tuple[str, ...] = ()
    acled_inter: str | None = None  # ACLED actor type (one of ACLED_ACTOR_TYPES)


@dataclass(frozen=True)
class Term:
    """An entry of a lexicon: an incident type, a weapon type or an outlet."""

    id: str
    name: str
    name_en: str | None = None
    variants: tuple[str, ...] = ()
    acled_event_type: str | None = None  # incident types only
    acled_sub_event_type: str | None = None


@dataclass(frozen=True)
class ActorRole:
    actor: str
    role: str | None = None
    origin: str | None = None  # place id the actor acted from
    text: str | None = None  # the phrase it was read from


@dataclass(frozen=True)
class Weapon:
    type: str
    count: int | None = None
    count_text: str | None = None


@dataclass(frozen=True)
class Relation:
    incident: str
    relation: str


@dataclass(frozen=True)
class Response:
    actor: str | None = None
    weapons: tuple[Weapon, ...] = ()


@dataclass(frozen=True)
class Speaker:
    name: str
    role: str | None = None
    actor: str | None = None
    date: dt.date | None = None
    text: str | None = None


@dataclass(frozen=True)
class Incident:
    id: str
    type: str | None = None
    date: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str = "day"
    date_text: str | None = None
    date_conflict: str | None = None
    time_of_day: str | None = None
    location: str | None = None
    location_precision: str | None = None
    location_text: str | None = None
    actors: tuple[ActorRole, ...] = ()
    weapons: tuple[Weapon, ...] = ()
    killed: int | None = None
    killed_text: str | None = None
    injured: int | None = None
    injured_text: str | None = None
    related: tuple[Relation, ...] = ()
    response: Response | None = None
    summary: str | None = None


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    published: dt.date
    body: str = ""  # Markdown
    lede: str | None = None
    published_basis: str = "stated"
    outlet: str | None = None  # who published the article
    url: str | None = None
    author: str | None = None
    category: str | None = None
    cited_outlets: tuple[str, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    review: str = "pending"
    incidents: tuple[Incident, ...] = ()
    source_path: str = ""  # the file it was read from, relative to the content folder


class _BodyOnDemand:
    """``Article.body`` of an article read without its body (the parse cache keeps bodies apart:
    on 100,000 articles, decoding them all costs more than the rest of the article, and a
    rebuild reads few). Such an article holds ``_body_at`` = (source, start, end) instead, and
    the first read takes ``source.text(start, end)`` and keeps it. An article made the usual
    way holds its body itself and never comes here (an instance's own value comes first)."""

    def __get__(self, article, owner=None) -> str:
        if article is None:
            return ""  # the field's default, read from the class
        held = article.__dict__
        try:
            source, start, end = held["_body_at"]
        except KeyError:
            raise AttributeError("body") from None
        body = held["body"] = source.text(start, end)
        del held["_body_at"]
        return body


def _article_state(article: Article) -> dict:
    """What pickles an article: with its body, read first if it is still on demand."""
    if "_body_at" in article.__dict__:
        article.body  # noqa: B018 (reads it into the article)
    return article.__dict__


Article.body = _BodyOnDemand()
Article.__getstate__ = _article_state


@dataclass(frozen=True)
class Vocabulary:
    """Everything an article may point into."""

    places: dict[str, Place] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    incident_types: dict[str, Term] = field(default_factory=dict)
    weapons: dict[str, Term] = field(default_factory=dict)
    outlets: dict[str, Term] = field(default_factory=dict)

    def place_chain(self, place_id: str) -> list[Place]:
        """The place and its ancestors, innermost first (a site, its district, ...)."""
        chain: list[Place] = []
        seen: set[str] = set()
        current = self.places.get(place_id)
        while current is not None and current.id not in seen:
            chain.append(current)
            seen.add(current.id)
            current = self.places.get(current.parent) if current.parent else None
        return chain

    def located(self, place_id: str | None) -> Place | None:
        """The place itself when it has coordinates, else its nearest ancestor that has them."""
        if not place_id:
            return None
        return next((p for p in self.place_chain(place_id) if p.lat is not None), None)


@dataclass(frozen=True)
class Content:
    articles: tuple[Article, ...]
    vocabulary: Vocabulary
