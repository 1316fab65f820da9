"""The data exports: they parse, agree with each other and with the incident pages, row for row."""

from __future__ import annotations

import csv
import json
import re
from html import unescape
from pathlib import Path

from click.testing import CliRunner

from sitegen.cli import main
from sitegen.exports import ACLED_COLUMNS, COLUMNS

SHARED_INCIDENT = "2022-01-07-omar-field-rocket-attack"


def _build(project: Path) -> Path:
    result = CliRunner().invoke(main, ["build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return project / "site"


def _read_all(site: Path, stem: str) -> tuple[list[dict], list[dict], list[dict]]:
    raw_csv = (site / f"{stem}.csv").read_bytes()
    assert raw_csv.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 BOM so spreadsheets read Arabic"
    rows = list(csv.DictReader(raw_csv.decode("utf-8-sig").splitlines()))
    records = json.loads((site / f"{stem}.json").read_text(encoding="utf-8"))["incidents"]
    features = json.loads((site / f"{stem}.geojson").read_text(encoding="utf-8"))["features"]
    return rows, records, features


def test_csv_has_acled_columns_first_then_sitegen_columns(two_reports: Path):
    site = _build(two_reports)
    header = next(csv.reader((site / "incidents.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert tuple(header) == COLUMNS
    assert tuple(header[:len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    assert header[:3] == ["event_id_cnty", "event_date", "year"] and "review" in header


def test_json_csv_geojson_and_pages_agree_row_for_row(two_reports: Path):
    site = _build(two_reports)
    rows, records, features = _read_all(site, "incidents")
    pages = sorted(p.stem for p in (site / "incidents").glob("*.html"))
    assert [r["event_id_cnty"] for r in rows] == [r["id"] for r in records]
    assert sorted(r["id"] for r in records) == pages and len(pages) == 6
    by_id = {r["id"]: r for r in records}
    for row in rows:
        record = by_id[row["event_id_cnty"]]
        assert row["event_date"] == (record["date"]["start"] or "")
        assert row["review"] == record["review"]
        assert row["article_ids"] == "; ".join(a["id"] for a in record["reports"])
        html = (site / record["page"]).read_text(encoding="utf-8")
        if record["date"]["start"]:
            assert f'datetime="{record["date"]["start"]}"' in html
        for report in record["reports"]:
            assert f'{report["id"]}.html' in html, "the page lists every reporting article"
        page_reports = html.count('<li class="report ')  # one item per reporting article
        assert page_reports == len(record["reports"])
    located = [r for r in rows if r["latitude"]]
    assert [f["id"] for f in features] == [r["event_id_cnty"] for r in located]
    for feature, row in zip(features, located):
        lon, lat = feature["geometry"]["coordinates"]
        assert (lat, lon) == (float(row["latitude"]), float(row["longitude"]))
        assert feature["properties"]["event_date"] == (row["event_date"] or None)


def test_incident_reported_twice_carries_both_articles_and_is_pending(two_reports: Path):
    site = _build(two_reports)
    rows, records, _ = _read_all(site, "incidents")
    record = next(r for r in records if r["id"] == SHARED_INCIDENT)
    assert [a["id"] for a in record["reports"]] == ["2022-01-08-deir-ez-zor-exchange-of-fire",
                                                    "2022-01-09-omar-field-second-report"]
    assert record["reports"][1]["url"] == "https://example.org/news?id=7&lang=ar"
    assert record["reports"][1]["outlet"] == "الحرة"
    assert record["review"] == "pending", "one unreviewed report keeps the incident a proposal"
    assert record["place"]["id"] == "omar-oil-field"
    assert [p["id"] for p in record["place"]["hierarchy"]] == ["al-mayadin-district", "deir-ez-zor-governorate",
                                                              "syria"]
    assert {(a["id"], a["role"]) for a in record["actors"]} == {("iranian-backed-militias", "attacker"),
                                                              ("us-led-coalition", "target")}
    row = next(r for r in rows if r["event_id_cnty"] == SHARED_INCIDENT)
    assert row["event_type"] == "Explosions/Remote violence"
    assert row["sub_event_type"] == "Shelling/artillery/missile attack"
    assert row["disorder_type"] == "Political violence"
    assert row["actor1"] == "Iranian-backed militias" and row["inter1"] == "Political militia"
    assert row["inter2"] == "External/Other forces"
    assert (row["country"], row["admin1"], row["admin2"]) == ("Syria", "Deir ez-Zor Governorate", "Al-Mayadin District")
    assert row["time_precision"] == "1" and row["geo_precision"] == "1"
    assert "الحرة" in row["source"]
    others = [r for r in records if r["id"] != SHARED_INCIDENT]
    assert all(r["review"] == "reviewed" for r in others), "the seed article is reviewed"


def test_target_only_incident_has_no_actor1(two_reports: Path):
    rows, _, _ = _read_all(_build(two_reports), "incidents")
    row = next(r for r in rows if r["event_id_cnty"] == "2022-01-01-shaddadi-base-attack")
    assert row["actor1"] == "" and row["actor2"] == "US forces"
    assert row["date_precision"] == "week" and row["date_end"] == "2022-01-07" and row["time_precision"] == "2"


def test_each_browse_page_links_its_own_subset(two_reports: Path):
    site = _build(two_reports)
    html = (site / "places" / "al-mayadin.html").read_text(encoding="utf-8")
    main_part = html[:html.index("<footer")]
    links = re.findall(r'href="([^"]+\.(?:csv|json|geojson))"', main_part)
    assert sorted(links) == ["../data/places/al-mayadin.csv", "../data/places/al-mayadin.geojson",
                             "../data/places/al-mayadin.json"]
    rows, records, _ = _read_all(site / "data" / "places", "al-mayadin")
    listed = re.findall(r'href="\.\./incidents/([^"]+)\.html"', main_part)
    assert [r["event_id_cnty"] for r in rows] == [r["id"] for r in records] == listed == ["2022-01-07-mayadin-us-response"]
    outlet_rows, _, _ = _read_all(site / "data" / "outlets", "alhurra")
    assert SHARED_INCIDENT in {r["event_id_cnty"] for r in outlet_rows}


def test_every_page_footer_links_the_full_exports(two_reports: Path):
    site = _build(two_reports)
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('<footer'):]
        for fmt in ("csv", "json", "geojson"):
            match = re.search(rf'href="([^"]*incidents\.{fmt})"', footer)
            assert match, f"{page} has no {fmt} export link"
            assert (page.parent / unescape(match.group(1))).resolve() == (site / f"incidents.{fmt}").resolve()


def test_hostile_text_stays_text_in_exports(two_reports: Path):
    site = _build(two_reports)
    rows, records, _ = _read_all(site, "incidents")
    title = next(a["title"] for r in records for a in r["reports"] if a["id"] == "2022-01-09-omar-field-second-report")
    assert title == 'الحرة <b>تؤكد</b> قصف "حقل العمر" & تبادل النار', "JSON keeps the text as written"


def test_spreadsheet_formulas_in_text_stay_text(two_reports: Path):
    article = two_reports / "content" / "articles" / "2022-01-08-deir-ez-zor-exchange-of-fire.md"
    text = article.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.strip().startswith("summary: الميليشيات الإيرانية تقصف"))
    hostile = line.replace("summary: ", "summary: '=HYPERLINK(\"http://evil.example\",\"x\") ") + "'"
    article.write_text(text.replace(line, hostile), encoding="utf-8")
    site = _build(two_reports)
    rows, records, _ = _read_all(site, "incidents")
    row = next(r for r in rows if r["event_id_cnty"] == SHARED_INCIDENT)
    assert row["notes"].startswith("'=HYPERLINK("), "a spreadsheet shows it as text instead of running it"
    record = next(r for r in records if r["id"] == SHARED_INCIDENT)
    assert record["summary"].startswith("=HYPERLINK("), "JSON keeps the text as written"


def test_weapons_counts_and_response_agree_across_formats(two_reports: Path):
    site = _build(two_reports)
    rows, records, features = _read_all(site, "incidents")
    record = next(r for r in records if r["id"] == "2022-01-05-green-village-rocket-attack")
    assert [(w["id"], w["count"], w["count_text"]) for w in record["weapons"]] == [("rocket", 8, "8 صواريخ")]
    assert record["response"]["actor"]["id"] == "us-led-coalition"
    assert [(w["id"], w["count"]) for w in record["response"]["weapons"]] == [("artillery_shell", 6)]
    assert record["date"]["precision"] == "on_or_before" and record["date"]["text"] == "والأربعاء، أكدت التحالف الدولي"
    row = next(r for r in rows if r["event_id_cnty"] == record["id"])
    assert row["weapons"] == "rocket:8" and row["time_precision"] == "2"
    feature = next(f for f in features if f["id"] == record["id"])
    assert feature["properties"]["date_precision"] == "on_or_before"
    assert feature["properties"]["location_id"] == "green-village-base"
    html = (site / record["page"]).read_text(encoding="utf-8")
    assert "× 8" in html and "× 6" in html
    related = next(r for r in records if r["id"] == "2022-01-07-mayadin-us-response")["related"]
    assert related == [{"incident": SHARED_INCIDENT, "relation": "response_to",
                        "page": f"incidents/{SHARED_INCIDENT}.html"}]
