"""Maps drawn at build time as inline SVG: country outlines and incidents as linked points.

No tiles, no script, no network: an ``<svg>`` in the page, so it shows from ``file://`` and
prints. Outlines come from ``sitegen/data/countries.json`` (Natural Earth, public domain;
``scripts/make_map.py`` regenerates it). The projection is equirectangular, its horizontal
scale corrected by the cosine of the view's middle latitude, which is faithful enough for
a region a few hundred kilometres across.

Pure functions: a :class:`View` (a box of degrees) and :class:`Mark` s (points with a link
and a title) in, SVG text out, every text and attribute escaped. Outlines are projected,
clamped to the view and rounded to whole pixels, so a zoomed map carries only what shows;
the outline of each view is computed once per build.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Iterable

DATA = Path(__file__).resolve().parent / "data" / "countries.json"
WIDTH = 640  # user units of every map; CSS scales it to the column
SLACK = 12  # pixels drawn beyond the edge, so clamped outlines do not show their seams


@dataclass(frozen=True)
class View:
    west: float
    south: float
    east: float
    north: float

    @property
    def scale(self) -> float:
        """Pixels per degree of latitude."""
        return WIDTH / ((self.east - self.west) * self._squeeze)

    @property
    def _squeeze(self) -> float:
        return math.cos(math.radians((self.south + self.north) / 2))

    @property
    def height(self) -> int:
        return max(1, round((self.north - self.south) * self.scale))

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self._squeeze * self.scale, (self.north - lat) * self.scale


@dataclass(frozen=True)
class Mark:
    lat: float
    lon: float
    href: str
    title: str
    count: int = 1
    current: bool = False  # the page's own place or incident, drawn apart


@dataclass(frozen=True)
class Label:
    """A place named on the map for orientation (a small dot and its name), not a link."""

    lat: float
    lon: float
    text: str
    own: bool = False  # the page's own place: named boldly, beside its point
    gap: float = 0.0  # beside a point of this radius (no dot of its own), else beside a small dot


@lru_cache(maxsize=1)
def countries() -> tuple[dict, ...]:
    return tuple(json.loads(DATA.read_text(encoding="utf-8"))["countries"])


def view_around(points: Iterable[tuple[float, float]], min_half: float = 0.5, margin: float = 0.15) -> View:
    """The smallest pleasant view holding every (lat, lon): a margin around them, at least
    ``min_half`` degrees each side of the centre, and neither too tall nor too flat."""
    points = list(points)
    if not points:
        return covered_view()
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lat_c, lon_c = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    squeeze = math.cos(math.radians(lat_c))
    half_lat = max(min_half * 0.7, (max(lats) - min(lats)) / 2 * (1 + 2 * margin))
    half_lon = max(min_half / squeeze, (max(lons) - min(lons)) / 2 * (1 + 2 * margin))
    # keep the shape between 3:2 landscape and 4:5 portrait
    half_lon = max(half_lon, half_lat * 0.8 / squeeze)
    half_lat = max(half_lat, half_lon * squeeze / 1.5)
    return View(lon_c - half_lon, lat_c - half_lat, lon_c + half_lon, lat_c + half_lat)


def covered_view() -> View:
    """The countries the archive covers, whole."""
    covered = [(lat, lon) for c in countries() if c["covered"]
               for polygon in c["polygons"] for ring in polygon for lon, lat in ring]
    return view_around(covered, margin=0.04) if covered else View(25.0, 12.0, 63.0, 43.0)


@lru_cache(maxsize=2048)
def outline(view: View) -> str:
    """The country outlines inside ``view`` as SVG paths (covered countries apart)."""
    parts = {True: [], False: []}
    right, bottom = WIDTH + SLACK, view.height + SLACK
    for country in countries():
        for polygon in country["polygons"]:
            for ring in polygon:
                lons = [p[0] for p in ring]
                lats = [p[1] for p in ring]
                if max(lons) < view.west or min(lons) > view.east or max(lats) < view.south or min(lats) > view.north:
                    continue
                path, last = [], None
                for lon, lat in ring:
                    x, y = view.project(lon, lat)
                    point = (round(min(max(x, -SLACK), right)), round(min(max(y, -SLACK), bottom)))
                    if point != last:
                        path.append(point)
                        last = point
                if len(path) >= 3:
                    parts[country["covered"]].append(_path_data(path))
    return "".join(f'<path class="{cls}" d="{"".join(parts[key])}"/>'
                   for key, cls in ((False, "land"), (True, "land covered")) if parts[key])


def _path_data(points: list[tuple[int, int]]) -> str:
    (x0, y0), rest = points[0], points[1:]
    steps, (px, py) = [], points[0]
    for x, y in rest:
        steps.append(f"{x - px} {y - py}")
        px, py = x, y
    return f"M{x0} {y0}l" + " ".join(steps) + "z"


def radius(count: int, current: bool = False) -> float:
    return round(max(6.0 if current else 0.0, min(18.0, 3.5 + 2.2 * math.sqrt(count - 1))), 1)


def _inside(view: View, lat: float, lon: float) -> bool:
    return view.west <= lon <= view.east and view.south <= lat <= view.north


def draw(view: View, marks: Iterable[Mark], label: str, labels: Iterable[Label] = ()) -> str:
    """The map: outlines, place names, then points (largest first, so small ones stay clickable).

    No role="img" on the svg: that would hide its links from screen readers.
    """
    names, taken = [], []
    for item in labels:
        if _inside(view, item.lat, item.lon):
            x, y = view.project(item.lon, item.lat)
            box = (x - item.gap - 8 - 6.5 * len(item.text), y - 9, x + 4, y + 7)  # text runs leftwards
            if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
                continue  # it would cover a name already written
            taken.append(box)
            dot = "" if item.gap else f'<circle class="town" cx="{x:.0f}" cy="{y:.0f}" r="2"/>'
            cls = ' class="own"' if item.own else ""
            names.append(f'{dot}<text{cls} x="{x - (item.gap + 3 if item.gap else 4):.0f}" y="{y + 4:.0f}">'
                         f'{escape(item.text)}</text>')
    dots = []
    for mark in sorted(marks, key=lambda m: (-m.count, m.current, m.href)):
        if not _inside(view, mark.lat, mark.lon):
            continue
        x, y = view.project(mark.lon, mark.lat)
        cls = "point current" if mark.current else "point"
        dots.append(f'<a href="{escape(mark.href)}"><circle class="{cls}" cx="{x:.0f}" cy="{y:.0f}" '
                    f'r="{radius(mark.count, mark.current)}"><title>{escape(mark.title)}</title></circle></a>')
    return (f'<svg class="map" viewBox="0 0 {WIDTH} {view.height}" aria-label="{escape(label)}">'
            f'<rect class="sea" width="{WIDTH}" height="{view.height}"/>{outline(view)}'
            f'<g class="names">{"".join(names)}</g>{"".join(dots)}</svg>')
