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


def marks(pointed: Counter, vocabulary: Vocabulary, link: Link, current: str | None = None) -> list[mapsvg.Mark]:
    """One point per place, sized by how many incidents it locates."""
    found = []
    for place_id, count in pointed.items():
        place = vocabulary.places[place_id]
        title = f"{place.name} — عدد الحوادث: {count}"
        found.append(mapsvg.Mark(place.lat, place.lon, link(facet_path("places", place_id)), title, count,
                                 place_id == current))
    return found


MAX_LABELS = 20


def labels(vocabulary: Vocabulary, view: mapsvg.View, points: list[mapsvg.Mark], pointed: Counter,
           here: str | None = None, context: bool = True) -> list[mapsvg.Label]:
    """Names, most important first (the map drops a name that would cover an earlier one):
    the page's own place, the places with points (most incidents first), then for orientation
    governorates and, on a zoomed map, towns, nearest the centre first."""
    named = []
    point = vocabulary.located(here)
    if point is not None:
        current = next((m for m in points if m.current), None)
        gap = mapsvg.radius(current.count, True) if current else 0.0
        named.append(mapsvg.Label(point.lat, point.lon, point.name, own=True, gap=gap))
    for place_id, count in pointed.most_common():
        if point is None or place_id != point.id:
            place = vocabulary.places[place_id]
            named.append(mapsvg.Label(place.lat, place.lon, place.name, gap=mapsvg.radius(count)))
    if not context:
        return named
    kinds = ("governorate", "town") if view.east - view.west < 4 else ("governorate",)
    lat_c, lon_c = (view.south + view.north) / 2, (view.west + view.east) / 2
    found = sorted((p for p in vocabulary.places.values()
                    if p.kind in kinds and p.lat is not None and p.id not in pointed
                    and (point is None or p.id != point.id)
                    and view.west <= p.lon <= view.east and view.south <= p.lat <= view.north),
                   key=lambda p: (kinds.index(p.kind), (p.lat - lat_c) ** 2 + (p.lon - lon_c) ** 2))
    return named + [mapsvg.Label(p.lat, p.lon, p.name) for p in found[:MAX_LABELS]]


def _pointed(records: Iterable[IncidentRecord], vocabulary: Vocabulary) -> Counter:
    """How many of the records each place gives a point to."""
    return _pointed_at((r.incident.location for r in records), vocabulary)


def _pointed_at(locations: Iterable[str | None], vocabulary: Vocabulary) -> Counter:
    """How many of the incidents at these places (ids) each place gives a point to."""
    return Counter(p.id for p in (vocabulary.located(place) for place in locations) if p is not None)


_located: list[tuple[tuple, Vocabulary, list]] = []


def _in_view(site: Archive, view: mapsvg.View) -> list[str]:
    """The places of the archive's incidents whose point falls in the view, one per incident
    (points computed once per archive). Both attributes are read on every call: a build
    records what each page reads of the archive (``pagedeps``)."""
    locations, vocabulary = site.incident_locations, site.vocabulary
    if not _located or _located[0][0] is not locations or _located[0][1] is not vocabulary:
        pairs = [(place, vocabulary.located(place)) for place in locations]
        _located[:] = [(locations, vocabulary, [(place, p) for place, p in pairs if p is not None])]
    return [place for place, p in _located[0][2]
            if view.west <= p.lon <= view.east and view.south <= p.lat <= view.north]


HOME_NAMES = 12  # the home map names its places with the most incidents


def home_map(site: Archive, link: Link) -> str:
    view = mapsvg.covered_view()
    pointed = _pointed_at(site.incident_locations, site.vocabulary)
    top = Counter(dict(pointed.most_common(HOME_NAMES)))
    return mapsvg.draw(view, marks(pointed, site.vocabulary, link),
                       "خريطة الحوادث في البلدان التي يغطيها الأرشيف",
                       labels(site.vocabulary, view, [], top, context=False))


def place_map(site: Archive, facet: Facet, link: Link) -> str:
    view = place_view(site.vocabulary, facet.id)
    if view is None:
        return ""
    vocabulary = site.vocabulary
    name = vocabulary.places[facet.id].name
    pointed = _pointed_at(_in_view(site, view), vocabulary)
    found = marks(pointed, vocabulary, link, current=facet.id)
    here = vocabulary.located(facet.id)
    point_like = vocabulary.places[facet.id].kind in ("site", "village", "town")
    if not any(m.current for m in found) and here is not None and here.id == facet.id and point_like:
        found.append(mapsvg.Mark(here.lat, here.lon, link(facet_path("places", facet.id)), name, 1, True))
    return mapsvg.draw(view, found, f"خريطة {name} وما حولها", labels(vocabulary, view, found, pointed, facet.id))


def incident_map(site: Archive, record: IncidentRecord, link: Link) -> str:
    point = site.vocabulary.located(record.incident.location)
    if point is None:
        return ""
    view = place_view(site.vocabulary, point.id, INCIDENT_MIN_HALF)
    pointed = _pointed([record], site.vocabulary)
    found = marks(pointed, site.vocabulary, link, current=point.id)
    return mapsvg.draw(view, found, f"موقع الحادثة: {point.name}",
                       labels(site.vocabulary, view, found, pointed, point.id))
