"""Long lists are paged: a month's incidents and articles, a browse page, the latest items."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from sitegen.archive import paginate
from sitegen.cli import main


def _build(project: Path, page_size: int) -> Path:
    (project / "sitegen.yaml").write_text(f"page_size: {page_size}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return project / "site"


def _incident_links(html: str) -> list[str]:
    main_part = html[html.index("<main"):html.index("</main>")]
    return re.findall(r'<a class="what" href="[./]*incidents/([^"]+)\.html"', main_part)


def _follow_next(site: Path, first: str) -> list[str]:
    """Every incident listed, following rel=next from the first page; checks each link resolves."""
    page, seen = site / first, []
    while True:
        html = page.read_text(encoding="utf-8")
        seen += _incident_links(html)
        found = re.search(r'<a rel="next" href="([^"]+)">التالية', html)
        if not found:
            return seen
        page = (page.parent / found.group(1)).resolve()
        assert page.is_file(), page


def test_paginate_cuts_and_numbers():
    parts = paginate(tuple(range(7)), 3)
    assert [p.items for p in parts] == [(0, 1, 2), (3, 4, 5), (6,)]
    assert [(p.number, p.count, p.first, p.total) for p in parts] == [(1, 3, 1, 7), (2, 3, 4, 7), (3, 3, 7, 7)]
    assert len(paginate((), 3)) == 1 and paginate((), 3)[0].items == ()


def test_month_shows_incidents_first_in_pages_and_articles_behind_a_link(two_reports: Path):
    site = _build(two_reports, 4)
    month = (site / "timeline" / "2022-01.html").read_text(encoding="utf-8")
    assert month.index("الحوادث") < month.index("<footer")
    assert "articles/2022-01-08" not in month, "articles are behind a link, not on the incidents page"
    assert 'href="2022-01/articles.html"' in month
    assert "الصفحة 1 من 2" in month
    listed = _follow_next(site, "timeline/2022-01.html")
    assert len(listed) == len(set(listed)) == 6
    assert (site / "timeline" / "2022-01" / "page-2.html").is_file()
    articles = (site / "timeline" / "2022-01" / "articles.html").read_text(encoding="utf-8")
    assert "../../articles/2022-01-08-deir-ez-zor-exchange-of-fire.html" in articles
    assert "../../articles/2022-01-09-omar-field-second-report.html" in articles


def test_browse_page_and_latest_lists_are_paged(two_reports: Path):
    site = _build(two_reports, 2)
    syria = _follow_next(site, "places/syria.html")
    assert len(syria) == len(set(syria)) == 6
    assert (site / "places" / "syria" / "page-3.html").is_file()
    page3 = (site / "places" / "syria" / "page-3.html").read_text(encoding="utf-8")
    assert 'href="../syria.html"' in page3, "page links lead back to the first page"
    latest = _follow_next(site, "latest/incidents.html")
    assert len(latest) == 6 and latest[0].startswith("2022-01-07") and latest[-1].startswith("2022-01-01")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="latest/incidents.html"' in home and 'href="latest/articles.html"' in home


def test_one_page_lists_have_no_page_links(two_reports: Path):
    site = _build(two_reports, 100)
    month = (site / "timeline" / "2022-01.html").read_text(encoding="utf-8")
    assert 'class="pages"' not in month and len(_incident_links(month)) == 6
    assert not (site / "timeline" / "2022-01" / "page-2.html").exists()


def test_timeline_is_a_year_by_month_grid_with_bars(two_reports: Path):
    site = _build(two_reports, 100)
    html = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr><th scope="row">(\d{4})</th>(.*?)</tr>', html, re.S)
    assert [year for year, _ in rows] == ["2022"]
    cells = re.findall(r"<td>(.*?)</td>", rows[0][1], re.S)
    assert len(cells) == 12 and cells[0] and not any(cells[1:])
    assert 'href="2022-01.html"' in cells[0] and "6 · 2" in cells[0]
    widths = re.findall(r'<rect class="(incidents|articles)"[^>]*width="([\d.]+)"', cells[0])
    assert widths == [("incidents", "60.0"), ("articles", "60.0")], "the fullest month's bars are full"


def test_weapon_and_outlet_browse_pages_list_their_incidents(two_reports: Path):
    site = _build(two_reports, 100)
    rocket = _incident_links((site / "weapons" / "rocket.html").read_text(encoding="utf-8"))
    assert rocket == ["2022-01-05-green-village-rocket-attack", "2022-01-07-omar-field-rocket-attack"]
    shells = _incident_links((site / "weapons" / "artillery_shell.html").read_text(encoding="utf-8"))
    assert shells == ["2022-01-05-green-village-rocket-attack"], "the response's weapons count too"
    alhurra = _incident_links((site / "outlets" / "alhurra.html").read_text(encoding="utf-8"))
    assert len(alhurra) == 6, "the seed cites Alhurra: all its incidents; the second report is published by it"
    index = (site / "outlets" / "index.html").read_text(encoding="utf-8")
    assert 'href="alhurra.html"' in index and 'href="euphrates-post.html"' in index
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="weapons/index.html"' in home and 'href="outlets/index.html"' in home


def test_undated_incidents_have_their_own_pages_linked_from_the_timeline(two_reports: Path):
    article = two_reports / "content" / "articles" / "undated.md"
    article.write_text("---\nid: undated-report\ntitle: خبر بلا تاريخ للحادثة\npublished: 2022-02-01\n"
                       "incidents:\n  - {id: undated-incident, type: shelling, location: al-mayadin}\n---\nنص\n",
                       encoding="utf-8")
    site = _build(two_reports, 100)
    timeline = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    assert 'href="undated.html"' in timeline
    assert _incident_links((site / "timeline" / "undated.html").read_text(encoding="utf-8")) == ["undated-incident"]
    assert "undated-incident" not in _follow_next(site, "latest/incidents.html"), "the latest are dated"
