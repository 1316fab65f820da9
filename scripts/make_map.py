"""Regenerate sitegen/data/countries.json: simplified outlines of the countries the archive covers.

Source: Natural Earth 1:50m admin-0 countries (public domain), as the TopoJSON of the npm
package ``world-atlas`` 2.0.2 (ISC license, Michael Bostock). Get it without installing it:

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python scripts/make_map.py /tmp/package/countries-50m.json

The countries kept are those of the gazetteer (``kind: country``) and every country whose
outline comes within MARGIN degrees of theirs (only its parts near them). Rings are simplified (Douglas-Peucker,
TOLERANCE degrees) and rounded to 0.01 degree (about 1 km). Natural Earth's 1:50m data has
no first-level divisions for these countries, so none are shipped.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "sitegen" / "data" / "countries.json"
GAZETTEER = REPO / "content" / "gazetteer.yaml"
MARGIN = 3.0  # degrees around the covered countries
TOLERANCE = 0.02  # degrees: about 2 km, finer than a pixel on a whole-country map


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs to lon/lat lists (undoing quantization and delta encoding)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list, indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict, arcs: list) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        return [[ring(arcs, r) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(arcs, r) for r in polygon] for polygon in geometry["arcs"]]
    return []


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        best, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                d = math.hypot(px - ax, py - ay)
            else:
                d = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep) if k]


def bbox(rings: list) -> tuple[float, float, float, float]:
    xs = [x for r in rings for x, _ in r]
    ys = [y for r in rings for _, y in r]
    return min(xs), min(ys), max(xs), max(ys)


def _overlaps(box: tuple, area: tuple) -> bool:
    return not (box[2] < area[0] or box[0] > area[2] or box[3] < area[1] or box[1] > area[3])


def covered_countries() -> set[str]:
    import yaml

    places = yaml.safe_load(GAZETTEER.read_text(encoding="utf-8"))["places"]
    return {p["name_en"] for p in places if p["kind"] == "country"}


def main(source: Path) -> None:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name")
        if name:
            countries[name] = [[r for r in polygon] for polygon in polygons(geometry, arcs)]
    covered = covered_countries()
    missing = covered - set(countries)
    if missing:
        sys.exit(f"{source}: no outline for {sorted(missing)}; check the gazetteer's English country names")
    x0, y0, x1, y1 = bbox([r for name in covered for polygon in countries[name] for r in polygon])
    area = (x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN)
    kept = []
    for name, shapes in sorted(countries.items()):
        near = [polygon for polygon in shapes if _overlaps(bbox(polygon), area)]
        out_polygons = []
        for polygon in near:
            simple = [[[round(x, 2), round(y, 2)] for x, y in simplify(r, TOLERANCE)] for r in polygon]
            simple = [r for r in simple if len(r) >= 4]
            if simple:
                out_polygons.append(simple)
        if out_polygons:
            kept.append({"name": name, "covered": name in covered, "polygons": out_polygons})
    data = {
        "source": "Natural Earth 1:50m Admin 0 countries v4.1.0 (public domain), "
                  "via the npm package world-atlas 2.0.2 (ISC); simplified by scripts/make_map.py",
        "countries": kept,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(kept)} countries, {OUT.stat().st_size // 1024} KB "
          f"({', '.join(c['name'] for c in kept)})")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
