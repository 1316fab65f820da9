"""The index schema and the document made from one article (ranking constants: ``ranking.py``).

Each text part of an article (title, lede, body) is indexed twice: stemmed (``title``)
to forgive clitics, suffixes and plurals, and normalized but unstemmed (``title_exact``)
so that a word typed as written counts more. A query term is looked up in all six
fields and the per-field scores add up. The text fields keep term frequencies but no
positions: a phrase is checked on the stored text of the articles holding all its words
(``postings.phrase_docs``), as the browser search does.

Ranking (the formula, the constants, collection, ties and tiers) is specified in
``ranking.py``.

Filter fields are comma-separated keywords: ``dates`` holds the publication day and every
incident day (each day of a date range, up to a year); ``places`` each incident location
and its ancestors; ``actors`` each incident actor (and response actor) and its parents;
``types`` the incident types; ``outlets`` the publishing and the cited outlets.
"""

from __future__ import annotations

import datetime as dt

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from sitegen import arabic
from sitegen.model import Article, Vocabulary

from .analysis import exact_analyzer, stemmed_analyzer
from .ranking import (  # noqa: F401  (re-exported: the ranking constants live in ranking.py)
    BM25_B,
    BM25_K1,
    EXACT_BOOST,
    EXACT_SUFFIX,
    FIELD_BOOSTS,
    PART_BOOSTS,
    TEXT_PARTS,
    TITLE_B,
    WHOLE_EXACT_BOOST,
    WHOLE_EXACT_BOOSTS,
)

FILTER_FIELDS = ("dates", "places", "actors", "types", "outlets")
MAX_DAYS_PER_INCIDENT = 366  # an incident date range adds each of its days, up to this many


def make_schema(analyzer: arabic.Analyzer) -> Schema:
    """The schema; ``analyzer`` carries the protected names into the stemmed fields."""
    stemmed = stemmed_analyzer(analyzer)
    exact = exact_analyzer()
    fields = {
        "id": ID(stored=True, unique=True),
        "path": STORED(),
        "published": ID(stored=True, sortable=True),  # ISO date: text order is time order
    }
    for part in TEXT_PARTS:
        fields[part] = TEXT(analyzer=stemmed, stored=True, phrase=False)
        fields[part + EXACT_SUFFIX] = TEXT(analyzer=exact, phrase=False)
    for name in FILTER_FIELDS:
        fields[name] = KEYWORD(commas=True, lowercase=False, scorable=False)
    return Schema(**fields)


def field_b_values() -> dict[str, float]:
    """Per-field ``B`` keyword arguments of Whoosh's BM25F."""
    return {f"{part}_B": TITLE_B for part in ("title", "title" + EXACT_SUFFIX)}


def protected_names(vocabulary: Vocabulary) -> list[str]:
    """Place and actor names and their variants: the stemmer must not cut them."""
    names = []
    for entry in [*vocabulary.places.values(), *vocabulary.actors.values()]:
        names.append(entry.name)
        names.extend(entry.variants)
    return names


def filter_ids(vocabulary: Vocabulary) -> dict[str, list[str]]:
    """Every id a filter may name, so that ``sitegen search`` can tell an unknown id from an unused one."""
    return {
        "places": sorted(vocabulary.places),
        "actors": sorted(vocabulary.actors),
        "types": sorted(vocabulary.incident_types),
    }


def page_path(article: Article) -> str:
    return f"articles/{article.id}.html"


def document(article: Article, vocabulary: Vocabulary) -> dict:
    """The fields of one article's index document."""
    doc = {
        "id": article.id,
        "path": page_path(article),
        "published": article.published.isoformat(),
        "dates": _keywords(_dates(article)),
        "places": _keywords(_places(article, vocabulary)),
        "actors": _keywords(_actors(article, vocabulary)),
        "types": _keywords(i.type for i in article.incidents if i.type),
        "outlets": _keywords([article.outlet or "", *article.cited_outlets]),
    }
    for part in TEXT_PARTS:
        text = getattr(article, part) or ""
        doc[part] = doc[part + EXACT_SUFFIX] = text
    return doc


def _keywords(values) -> str:
    return ",".join(sorted({v.replace(",", " ").strip() for v in values} - {""}))


def _dates(article: Article) -> list[str]:
    days = {article.published}
    for incident in article.incidents:
        if incident.date is None:
            continue
        last = incident.date_end or incident.date
        span = min((last - incident.date).days, MAX_DAYS_PER_INCIDENT)
        days.update(incident.date + dt.timedelta(days=n) for n in range(span + 1))
    return [d.isoformat() for d in days]


def _places(article: Article, vocabulary: Vocabulary) -> list[str]:
    ids = []
    for incident in article.incidents:
        if incident.location:
            ids.append(incident.location)
            ids.extend(p.id for p in vocabulary.place_chain(incident.location))
    return ids


def _actors(article: Article, vocabulary: Vocabulary) -> list[str]:
    ids = []
    for incident in article.incidents:
        direct = [a.actor for a in incident.actors]
        if incident.response and incident.response.actor:
            direct.append(incident.response.actor)
        for actor_id in direct:
            ids.extend(_actor_chain(actor_id, vocabulary))
    return ids


def _actor_chain(actor_id: str, vocabulary: Vocabulary) -> list[str]:
    """The actor and the actors it belongs to (its ``parent`` chain)."""
    chain, current = [], actor_id
    while current and current not in chain:
        chain.append(current)
        actor = vocabulary.actors.get(current)
        current = actor.parent if actor else None
    return chain
