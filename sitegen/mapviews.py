"""Which map each page shows: its view and its points, from the archive.

The home page maps every incident over the countries the archive covers; a place page maps
its incidents, zoomed to the place and the places it contains; an incident page maps the
incident on the view of its place. Incidents are grouped by the place that gives them a
point (their own place, else the nearest enclosing place with coordinates), each group one
point sized by its count and linked to that place's page. ``link`` turns a path from the
site root into a link from the page being rendered (``render.url``).
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable

from sitegen import mapsvg
from sitegen.archive import Archive, Facet, IncidentRecord, facet_path
from sitegen.model import Vocabulary

Link = Callable[[str], str]

# Degrees shown at least on each side of a place of this kind.
MIN_HALF = {"site": 0.6, "village": 0.6, "town": 0.7, "subdistrict": 0.8, "district": 0.9,
            "governorate": 1.0, "country": 1.5, "region": 1.5}
INCIDENT_MIN_HALF = 1.0  # an incident's map shows a wider surrounding than its place's page


class _Descendants:
    """Coordinates of every place inside each place, computed once per vocabulary."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self.inside: dict[str, list[tuple[float, float]]] = {}
        for place in vocabulary.places.values():
            if place.lat is None:
                continue
            for outer in vocabulary.place_chain(place.id):
                self.inside.setdefault(outer.id, []).append((place.lat, place.lon))


_cache: list[_Descendants] = []


def _descendants(vocabulary: Vocabulary) -> _Descendants:
    if not _cache or _cache[0].vocabulary is not vocabulary:
        _cache[:] = [_Descendants(vocabulary)]
    return _cache[0]


def place_view(vocabulary: Vocabulary, place_id: str, min_half: float = 0.0) -> mapsvg.View | None:
    point = vocabulary.located(place_id)
    if point is None:
        return None
    place = vocabulary.places[place_id]
    inside = _descendants(vocabulary).inside.get(place_id) or [(point.lat, point.lon)]
    return mapsvg.view_around(inside, max(min_half, MIN_HALF.get(place.kind, 0.5)))


def marks(records: Iterable[IncidentRecord], vocabulary: Vocabulary, link: Link,
          current: str | None = None) -> list[mapsvg.Mark]:
    """One point per place, sized by how many of ``records`` it locates."""
    counts = Counter(p.id for p in (vocabulary.located(r.incident.location) for r in records) if p is not None)
    found = []
    for place_id, count in counts.items():
        place = vocabulary.places[place_id]
        title = f"{place.name} — عدد الحوادث: {count}"
        found.append(mapsvg.Mark(place.lat, place.lon, link(facet_path("places", place_id)), title, count,
                                 place_id == current))
    return found


MAX_LABELS = 20


def labels(vocabulary: Vocabulary, view: mapsvg.View, skip: set[str], here: str | None = None) -> list[mapsvg.Label]:
    """Names for orientation: the place itself, then governorates and (on a zoomed map) towns
    in the view, nearest the centre first, except places that already have a point."""
    kinds = ("governorate", "town") if view.east - view.west < 4 else ("governorate",)
    lat_c, lon_c = (view.south + view.north) / 2, (view.west + view.east) / 2
    found = sorted((p for p in vocabulary.places.values()
                    if p.kind in kinds and p.lat is not None and p.id not in skip
                    and view.west <= p.lon <= view.east and view.south <= p.lat <= view.north),
                   key=lambda p: (kinds.index(p.kind), (p.lat - lat_c) ** 2 + (p.lon - lon_c) ** 2))
    named = [mapsvg.Label(p.lat, p.lon, p.name) for p in found[:MAX_LABELS]]
    point = vocabulary.located(here)
    if point is not None:
        named.insert(0, mapsvg.Label(point.lat, point.lon, point.name, own=True))
    return named


_located: list[tuple[Archive, list]] = []


def _in_view(site: Archive, view: mapsvg.View) -> list[IncidentRecord]:
    """The archive's incidents whose point falls in the view (points computed once per archive)."""
    if not _located or _located[0][0] is not site:
        pairs = [(r, site.vocabulary.located(r.incident.location)) for r in site.incidents]
        _located[:] = [(site, [(r, p) for r, p in pairs if p is not None])]
    return [r for r, p in _located[0][1]
            if view.west <= p.lon <= view.east and view.south <= p.lat <= view.north]


def home_map(site: Archive, link: Link) -> str:
    return mapsvg.draw(mapsvg.covered_view(), marks(site.incidents, site.vocabulary, link),
                       "خريطة الحوادث في البلدان التي يغطيها الأرشيف")


def place_map(site: Archive, facet: Facet, link: Link) -> str:
    view = place_view(site.vocabulary, facet.id)
    if view is None:
        return ""
    name = site.vocabulary.places[facet.id].name
    found = marks(_in_view(site, view), site.vocabulary, link, current=facet.id)
    here = site.vocabulary.located(facet.id)
    point_like = site.vocabulary.places[facet.id].kind in ("site", "village", "town")
    if not any(m.current for m in found) and here is not None and here.id == facet.id and point_like:
        found.append(mapsvg.Mark(here.lat, here.lon, link(facet_path("places", facet.id)), name, 1, True))
    skip = {site.vocabulary.located(r.incident.location).id for r in _in_view(site, view)}
    return mapsvg.draw(view, found, f"خريطة {name} وما حولها", labels(site.vocabulary, view, skip, facet.id))


def incident_map(site: Archive, record: IncidentRecord, link: Link) -> str:
    point = site.vocabulary.located(record.incident.location)
    if point is None:
        return ""
    view = place_view(site.vocabulary, point.id, INCIDENT_MIN_HALF)
    found = marks([record], site.vocabulary, link, current=point.id)
    return mapsvg.draw(view, found, f"موقع الحادثة: {point.name}",
                       labels(site.vocabulary, view, {point.id}, point.id))
