"""Maps: SVG drawn at build time, north up and east right, points linked and titled, no network."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from sitegen import mapsvg
from sitegen.cli import main


def _build(project: Path) -> Path:
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return project / "site"


def _svg(html: str) -> str:
    found = re.findall(r'<svg class="map".*?</svg>', html, re.S)
    assert len(found) == 1, "one map on the page"
    return found[0]


def _points(svg: str) -> list[tuple[str, float, float, str]]:
    return [(href, float(x), float(y), title) for href, x, y, title in re.findall(
        r'<a href="([^"]+)"><circle class="point[^"]*" cx="([\d.-]+)" cy="([\d.-]+)" r="[\d.]+"><title>([^<]*)</title>',
        svg)]


def test_projection_puts_north_up_and_east_right():
    view = mapsvg.View(35.0, 32.0, 43.0, 38.0)
    west_x, _ = view.project(36.0, 35.0)
    east_x, _ = view.project(42.0, 35.0)
    _, north_y = view.project(40.0, 37.0)
    _, south_y = view.project(40.0, 33.0)
    assert west_x < east_x and north_y < south_y
    assert view.project(35.0, 38.0) == (0.0, 0.0)
    assert round(view.project(43.0, 32.0)[0]) == mapsvg.WIDTH


def test_titles_and_links_are_escaped():
    view = mapsvg.View(35.0, 32.0, 43.0, 38.0)
    svg = mapsvg.draw(view, [mapsvg.Mark(35.0, 40.0, 'x.html?a="1"&b', '<script>x</script> & "q"', 3)], 'a "map"')
    assert "<script>" not in svg and "&lt;script&gt;" in svg and 'href="x.html?a=&quot;1&quot;&amp;b"' in svg
    assert 'aria-label="a &quot;map&quot;"' in svg


def test_outline_is_drawn_and_clamped_to_the_view():
    view = mapsvg.View(39.5, 34.5, 41.5, 35.8)  # inside Syria's east
    paths = re.findall(r'd="([^"]+)"', mapsvg.outline(view))
    assert paths, "Syria's outline reaches into a view of its east"
    numbers = [int(n) for n in re.findall(r"-?\d+", " ".join(paths))]
    starts = [tuple(map(int, m)) for m in re.findall(r"M(-?\d+) (-?\d+)", " ".join(paths))]
    assert all(-mapsvg.SLACK <= x <= mapsvg.WIDTH + mapsvg.SLACK and -mapsvg.SLACK <= y <= view.height + mapsvg.SLACK
               for x, y in starts)
    assert max(abs(n) for n in numbers) <= mapsvg.WIDTH + view.height + 2 * mapsvg.SLACK


def test_home_map_points_link_to_place_pages_with_titles(two_reports: Path):
    site = _build(two_reports)
    svg = _svg((site / "index.html").read_text(encoding="utf-8"))
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', ""), "nothing from the network"
    assert 'class="land covered"' in svg
    points = _points(svg)
    assert points, "incidents are drawn"
    for href, _, _, title in points:
        assert href.startswith("places/") and (site / href).is_file()
        assert "عدد الحوادث" in title
    omar = next(p for p in points if p[0] == "places/omar-oil-field.html")
    assert omar[3].endswith(": 2"), "two incidents at al-Omar oil field"
    mayadin = next(p for p in points if p[0] == "places/al-mayadin.html")
    assert omar[1] > mayadin[1], "al-Omar oil field lies east of al-Mayadin"
    radii = dict(re.findall(r'<a href="([^"]+)"><circle[^>]*r="([\d.]+)"', svg))
    assert float(radii["places/omar-oil-field.html"]) > float(radii["places/al-mayadin.html"]), "sized by count"


def test_place_and_incident_pages_zoom_to_the_place(two_reports: Path):
    site = _build(two_reports)
    home = _svg((site / "index.html").read_text(encoding="utf-8"))
    place = _svg((site / "places" / "omar-oil-field.html").read_text(encoding="utf-8"))
    assert re.findall(r'<a href="([^"]+)"><circle class="point current"', place) == ["omar-oil-field.html"]
    assert "<text" in place, "nearby towns are named for orientation"
    home_omar = next(p for p in _points(home) if p[0].endswith("omar-oil-field.html"))
    home_mayadin = next(p for p in _points(home) if p[0].endswith("al-mayadin.html"))
    zoom_omar = next(p for p in _points(place) if p[0].endswith("omar-oil-field.html"))
    zoom_mayadin = next(p for p in _points(place) if p[0].endswith("al-mayadin.html"))
    assert abs(zoom_omar[1] - zoom_mayadin[1]) > 5 * abs(home_omar[1] - home_mayadin[1]), "zoomed in"
    incident = _svg((site / "incidents" / "2022-01-07-omar-field-rocket-attack.html").read_text(encoding="utf-8"))
    assert [p[0] for p in _points(incident)] == ["../places/omar-oil-field.html"]
    assert 'class="point current"' in incident


def test_incident_without_coordinates_has_no_map(two_reports: Path):
    article = two_reports / "content" / "articles" / "unlocated.md"
    article.write_text("---\nid: unlocated\ntitle: خبر\npublished: 2022-02-01\n"
                       "incidents:\n  - {id: no-place-incident, type: shelling, date: 2022-02-01}\n---\nنص\n",
                       encoding="utf-8")
    site = _build(two_reports)
    assert '<svg class="map"' not in (site / "incidents" / "no-place-incident.html").read_text(encoding="utf-8")


def test_names_that_would_overlap_are_left_out():
    view = mapsvg.View(35.0, 32.0, 43.0, 38.0)
    labels = [mapsvg.Label(35.0, 40.0, "مدينة أولى"), mapsvg.Label(35.01, 40.01, "مدينة ثانية"),
              mapsvg.Label(33.0, 37.0, "بعيدة")]
    svg = mapsvg.draw(view, [], "map", labels)
    assert "مدينة أولى" in svg and "بعيدة" in svg and "مدينة ثانية" not in svg


def test_build_says_how_many_incidents_have_no_point(two_reports: Path):
    article = two_reports / "content" / "articles" / "unlocated.md"
    article.write_text("---\nid: unlocated\ntitle: خبر\npublished: 2022-02-01\n"
                       "incidents:\n  - {id: no-place-incident, type: shelling, date: 2022-02-01}\n---\nنص\n",
                       encoding="utf-8")
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert "1 of 7 incidents have no place with coordinates" in result.output


def test_points_are_named_so_a_printed_map_reads(two_reports: Path):
    site = _build(two_reports)
    home = _svg((site / "index.html").read_text(encoding="utf-8"))
    place = _svg((site / "places" / "omar-oil-field.html").read_text(encoding="utf-8"))
    names = re.findall(r"<text[^>]*>([^<]+)</text>", place)
    assert names[0] == "حقل العمر" and '<text class="own"' in place, "the page's own place first, in bold"
    assert "الميادين" in names, "a neighbouring place with incidents is named"
    assert "حقل العمر" in re.findall(r"<text[^>]*>([^<]+)</text>", home)
