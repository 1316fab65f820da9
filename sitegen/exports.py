"""The archive's data for analysts: incidents as JSON, CSV (ACLED column names) and GeoJSON.

Pure functions: each takes incident records and the vocabulary and returns a string; the
build writes the files. One function, :func:`incident_row`, decides every value once, and
the three formats are written from it, so they cannot disagree. Written with the standard
``json`` and ``csv`` modules; keys sorted and no timestamps of the build, so the output is
reproducible.

ACLED's meaning of each column (ACLED Codebook, 2023) and what sitegen puts in it are
documented in the README (Exports). The event and actor types come from the vocabularies
(``acled_event_type``, ``acled_sub_event_type`` in ``lexicon.yaml``, ``acled_inter`` in
``actors.yaml``), never from constants here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any, Iterable

from sitegen.archive import IncidentRecord, article_path, incident_path
from sitegen.model import Incident, Place, Vocabulary

# ACLED's columns, in the codebook's order, then sitegen's own.
ACLED_COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "inter1", "actor2", "inter2", "interaction", "country", "admin1",
                 "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
                 "source_scale", "notes", "fatalities", "timestamp")
SITEGEN_COLUMNS = ("date_end", "date_precision", "date_text", "type", "location_id", "location_name",
                   "location_precision", "actor1_id", "actor2_id", "actors", "weapons", "injured", "related",
                   "review", "article_ids", "article_urls", "page")
COLUMNS = ACLED_COLUMNS + SITEGEN_COLUMNS

# ACLED time_precision: 1 the day is known, 2 within a week or a few days, 3 only the month or longer.
TIME_PRECISION = {"day": 1, "on_or_before": 2, "on_or_after": 2, "range": 2, "week": 2, "month": 3, "year": 3}
# ACLED geo_precision: 1 the town or village itself, 2 a part of a district near it, 3 only a larger region.
GEO_PRECISION = {"site": 1, "village": 1, "town": 1, "subdistrict": 2, "district": 2,
                 "governorate": 3, "country": 3, "region": 3}
# ACLED disorder_type, from the event type.
DISORDER_TYPE = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
                 "Violence against civilians": "Political violence", "Riots": "Demonstrations",
                 "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
# Roles of ACLED's actor1 (who acted) and actor2 (who was acted on).
ACTOR1_ROLES = ("attacker", "perpetrator", "claimant", "responder")
ACTOR2_ROLES = ("target", "victim")
ADMIN_KINDS = {"governorate": "admin1", "district": "admin2", "subdistrict": "admin3"}


def _english(entry: Any) -> str:
    """ACLED's columns are English: the English name when the vocabulary has one, else the Arabic."""
    return (entry.name_en or entry.name) if entry is not None else ""


def _actor_type(vocabulary: Vocabulary, actor_id: str | None) -> str:
    """The actor's ACLED type, inherited from its parent when it has none of its own."""
    seen = set()
    while actor_id and actor_id not in seen:
        seen.add(actor_id)
        actor = vocabulary.actors.get(actor_id)
        if actor is None:
            return ""
        if actor.acled_inter:
            return actor.acled_inter
        actor_id = actor.parent
    return ""


def _actor_pair(incident: Incident) -> tuple[str | None, str | None]:
    """ACLED's actor1 (who acted) and actor2 (who was acted upon); None where the article names no one.

    An incident whose only actor is its target has no actor1, as ACLED leaves an unknown attacker.
    """
    acting = [a.actor for a in incident.actors if a.role not in ACTOR2_ROLES]
    first = next((a.actor for a in incident.actors if a.role in ACTOR1_ROLES), acting[0] if acting else None)
    others = [a for a in incident.actors if a.actor != first]
    second = next((a.actor for a in others if a.role in ACTOR2_ROLES), others[0].actor if others else None)
    return first, second


def _interaction(inter1: str, inter2: str, actor2: str | None) -> str | None:
    """ACLED's interaction: both actor types (``State forces-Rebel group``), or ``... only``."""
    if inter1 and inter2:
        return f"{inter1}-{inter2}"
    return f"{inter1} only" if inter1 and not actor2 else None


def _timestamp(day: dt.date) -> int:
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


def incident_row(record: IncidentRecord, vocabulary: Vocabulary) -> dict[str, Any]:
    """The CSV row of one incident: ACLED's columns, then sitegen's; None where nothing is known."""
    incident = record.incident
    kind = vocabulary.incident_types.get(incident.type) if incident.type else None
    chain = vocabulary.place_chain(incident.location) if incident.location else []
    admins = {ADMIN_KINDS[p.kind]: _english(p) for p in chain if p.kind in ADMIN_KINDS}
    country = next((p for p in chain if p.kind == "country"), None)
    point = vocabulary.located(incident.location)
    actor1, actor2 = _actor_pair(incident)
    inter1, inter2 = _actor_type(vocabulary, actor1), _actor_type(vocabulary, actor2)
    outlets = [o for a in record.reports for o in (a.outlet, *a.cited_outlets) if o]
    notes = incident.summary or record.reports[0].title
    return {
        "event_id_cnty": incident.id,
        "event_date": incident.date.isoformat() if incident.date else None,
        "year": incident.date.year if incident.date else None,
        "time_precision": TIME_PRECISION.get(incident.date_precision) if incident.date else None,
        "disorder_type": DISORDER_TYPE.get(kind.acled_event_type) if kind and kind.acled_event_type else None,
        "event_type": kind.acled_event_type if kind else None,
        "sub_event_type": kind.acled_sub_event_type if kind else None,
        "actor1": _english(vocabulary.actors.get(actor1)) if actor1 else None,
        "inter1": inter1 or None,
        "actor2": _english(vocabulary.actors.get(actor2)) if actor2 else None,
        "inter2": inter2 or None,
        "interaction": _interaction(inter1, inter2, actor2),
        "country": _english(country) if country else None,
        "admin1": admins.get("admin1"),
        "admin2": admins.get("admin2"),
        "admin3": admins.get("admin3"),
        "location": _english(chain[0]) if chain else None,
        "latitude": point.lat if point else None,
        "longitude": point.lon if point else None,
        "geo_precision": GEO_PRECISION.get(point.kind) if point else None,
        "source": "; ".join(dict.fromkeys(outlets)) or None,
        "source_scale": None,
        "notes": notes,
        "fatalities": incident.killed,
        "timestamp": _timestamp(max(a.published for a in record.reports)),
        "date_end": incident.date_end.isoformat() if incident.date_end else None,
        "date_precision": incident.date_precision if incident.date else "unresolved",
        "date_text": incident.date_text,
        "type": incident.type,
        "location_id": incident.location,
        "location_name": chain[0].name if chain else None,
        "location_precision": incident.location_precision,
        "actor1_id": actor1,
        "actor2_id": actor2,
        "actors": "; ".join(f"{a.actor}:{a.role}" if a.role else a.actor for a in incident.actors) or None,
        "weapons": "; ".join(f"{w.type}:{w.count}" if w.count is not None else w.type
                             for w in incident.weapons) or None,
        "injured": incident.injured,
        "related": "; ".join(f"{r.relation}:{r.incident}" for r in incident.related) or None,
        "review": record.review,
        "article_ids": "; ".join(a.id for a in record.reports),
        "article_urls": "; ".join(a.url for a in record.reports if a.url) or None,
        "page": incident_path(incident.id),
    }


def _place(place: Place) -> dict[str, Any]:
    return {"id": place.id, "name": place.name, "name_en": place.name_en, "kind": place.kind,
            "lat": place.lat, "lon": place.lon}


def _term(table: dict, term_id: str | None) -> dict[str, Any] | None:
    if not term_id:
        return None
    term = table[term_id]
    return {"id": term.id, "name": term.name, "name_en": term.name_en}


def _weapons(vocabulary: Vocabulary, weapons: Iterable) -> list[dict[str, Any]]:
    return [{**_term(vocabulary.weapons, w.type), "count": w.count, "count_text": w.count_text} for w in weapons]


def incident_record(record: IncidentRecord, vocabulary: Vocabulary) -> dict[str, Any]:
    """The full record of one incident, as ``incidents.json`` holds it."""
    incident = record.incident
    row = incident_row(record, vocabulary)
    chain = vocabulary.place_chain(incident.location) if incident.location else []
    point = vocabulary.located(incident.location)
    kind = _term(vocabulary.incident_types, incident.type)
    if kind:
        kind.update(acled_event_type=row["event_type"], acled_sub_event_type=row["sub_event_type"])
    return {
        "id": incident.id,
        "page": row["page"],
        "review": record.review,
        "summary": incident.summary,
        "type": kind,
        "date": {"start": row["event_date"], "end": row["date_end"], "precision": row["date_precision"],
                 "text": incident.date_text, "conflict": incident.date_conflict,
                 "time_of_day": incident.time_of_day},
        "place": None if not chain else {
            **_place(chain[0]), "precision": incident.location_precision, "text": incident.location_text,
            "hierarchy": [_place(p) for p in chain[1:]],
            "point": None if point is None else {"lat": point.lat, "lon": point.lon, "from": point.id},
        },
        "actors": [{**_term(vocabulary.actors, a.actor), "role": a.role, "acled_inter": _actor_type(vocabulary, a.actor) or None,
                    "origin": a.origin, "text": a.text} for a in incident.actors],
        "weapons": _weapons(vocabulary, incident.weapons),
        "killed": incident.killed,
        "injured": incident.injured,
        "response": None if incident.response is None else {
            "actor": _term(vocabulary.actors, incident.response.actor),
            "weapons": _weapons(vocabulary, incident.response.weapons)},
        "related": [{"incident": r.incident, "relation": r.relation, "page": incident_path(r.incident)}
                    for r in incident.related],
        "reports": [{"id": a.id, "title": a.title, "published": a.published.isoformat(), "outlet": a.outlet,
                     "url": a.url, "review": a.review, "page": article_path(a.id)} for a in record.reports],
    }


def incidents_json(records: Iterable[IncidentRecord], vocabulary: Vocabulary) -> str:
    data = {"incidents": [incident_record(r, vocabulary) for r in records]}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def incidents_csv(records: Iterable[IncidentRecord], vocabulary: Vocabulary) -> str:
    """CSV text with a header row; the build writes it as UTF-8 with a BOM (``utf-8-sig``)."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: _cell(v) for k, v in incident_row(record, vocabulary).items()})
    return buffer.getvalue()


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A CSV cell: empty for unknown; text that a spreadsheet would run as a formula
    (``=HYPERLINK(...)``) is prefixed with an apostrophe, so it stays text."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def incidents_geojson(records: Iterable[IncidentRecord], vocabulary: Vocabulary) -> str:
    """A Point feature per incident whose place (or an enclosing place) has coordinates."""
    features = []
    for record in records:
        row = incident_row(record, vocabulary)
        if row["latitude"] is None:
            continue
        properties = {key: row[key] for key in ("event_date", "date_end", "date_precision", "event_type",
                                                "sub_event_type", "type", "location_id", "location_name",
                                                "geo_precision", "actor1", "actor2", "fatalities", "review",
                                                "page")}
        properties["reports"] = len(record.reports)
        features.append({"type": "Feature", "id": record.id, "properties": properties,
                         "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}})
    data = {"type": "FeatureCollection", "features": features}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# Format -> (writer, encoding of the file)
FORMATS = {"json": (incidents_json, "utf-8"), "csv": (incidents_csv, "utf-8-sig"),
           "geojson": (incidents_geojson, "utf-8")}
