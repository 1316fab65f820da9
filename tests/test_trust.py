"""An archive documenters can trust and read (issue 10), through the `sitegen` CLI from a project folder.

The project is the shipped content/ plus tests/fixtures/trust/: a pending article on Homs (the
city, its district and its governorate share the name حمص) whose proposals are likely wrong in
every way the build warns about, a reviewed article that reports one of its incidents again,
and two reviewed articles with the same headline.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from sitegen.cli import main

TRUST = FIXTURES / "trust"


@pytest.fixture
def trust_project(project: Path) -> Path:
    for article in TRUST.glob("*.md"):
        shutil.copyfile(article, project / "content" / "articles" / article.name)
    return project


def _build(*options: str):
    result = CliRunner().invoke(main, ["build", *options])
    return result


def _page(project: Path, path: str) -> str:
    return (project / "site" / path).read_text(encoding="utf-8")


def _text(html: str) -> str:
    text = unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))
    return re.sub(r" ([،.:»])", r"\1", re.sub(r"([«]) ", r"\1", text))


# --- review state ---------------------------------------------------------------------------


class _IncidentItems(HTMLParser):
    """Each incident list item (li.incident): its incident link and the review marks inside it."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[dict] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "li" and "incident" in classes:
            self.items.append({"state": classes[-1], "marks": [], "href": None})
            self.depth = 1
        elif self.depth and tag == "li":
            self.depth += 1
        if self.depth and tag == "a" and "what" in classes:
            self.items[-1]["href"] = attrs["href"]
        if self.depth and tag == "span" and "review" in classes:
            self.items[-1]["marks"].append(classes[-1])

    def handle_endtag(self, tag):
        if self.depth and tag == "li":
            self.depth -= 1


def test_every_incident_shows_its_review_state_wherever_it_is_listed(trust_project: Path):
    assert _build().exit_code == 0
    site = trust_project / "site"
    # an incident is reviewed only when every report of it is: one pending report keeps it a proposal
    expected = {"homs-city-shelling": "pending", "homs-district-shelling": "pending", "nowhere": "pending",
                "2022-01-07-omar-field-rocket-attack": "reviewed"}
    listed = 0
    for page in site.rglob("*.html"):
        parser = _IncidentItems()
        parser.feed(page.read_text(encoding="utf-8"))
        for item in parser.items:
            listed += 1
            assert item["marks"] == [f"review-{item['state']}"], (page, item)
            incident_id = Path(item["href"]).stem
            if incident_id in expected:
                assert item["state"] == expected[incident_id], (page, item)
    assert listed > 50
    for incident_id, state in expected.items():
        html = _page(trust_project, f"incidents/{incident_id}.html")
        assert f'<p class="meta"><span class="review review-{state}"' in html
    home = _page(trust_project, "index.html")
    assert "5 حوادث بانتظار المراجعة" in _text(home)  # every incident of the pending article
    article = _page(trust_project, "articles/homs-pending.html")
    assert article.count("review-pending") >= 6  # the article, and each of its 5 incident cards


def test_an_incident_lists_each_report_with_its_own_review_state(trust_project: Path):
    _build()
    html = _page(trust_project, "incidents/homs-district-shelling.html")
    assert html.count('<li class="report ') == 2  # both reports are listed, each with its own state
    assert 'class="report pending"' in html and 'class="report reviewed"' in html
    assert '<p class="meta"><span class="review review-pending"' in html  # one pending report: still a proposal
    assert "ريف حمص" in _text(html)  # the reviewed report's own phrase is quoted under it


def test_reviewed_only_publishes_reviewed_articles_and_says_what_it_left_out(trust_project: Path):
    (trust_project / "sitegen.yaml").write_text("reviewed_only: true\n", encoding="utf-8")
    result = _build()
    assert result.exit_code == 0, result.output
    assert "Left out 1 pending article (reviewed_only is set)." in result.output
    site = trust_project / "site"
    assert not (site / "articles" / "homs-pending.html").exists()
    assert not (site / "incidents" / "homs-city-shelling.html").exists()
    assert (site / "incidents" / "homs-district-shelling.html").exists()  # a reviewed report of it
    assert not [p for p in site.rglob("*.html") if "review-pending" in p.read_text(encoding="utf-8")
                and p.name != "about.html"]
    searched = CliRunner().invoke(main, ["search", "وريفها"])
    assert "homs-pending" not in searched.output  # the index holds published articles only


def test_reviewed_only_with_nothing_reviewed_warns(project: Path):
    (project / "content" / "articles" / "2022-01-08-deir-ez-zor-exchange-of-fire.md").unlink()
    shutil.copyfile(TRUST / "homs-pending.md", project / "content" / "articles" / "homs-pending.md")
    (project / "sitegen.yaml").write_text("reviewed_only: true\n", encoding="utf-8")
    result = _build()
    assert result.exit_code == 0
    assert "warning: reviewed_only is set and no article is marked 'review: reviewed'" in result.output
    assert "لا مقالات منشورة بعد" in _page(project, "index.html")
    assert _build("--strict").exit_code == 1


# --- likely wrong proposals -------------------------------------------------------------------


def test_build_warns_about_likely_wrong_proposals_with_file_line_and_field(trust_project: Path):
    result = _build()
    assert result.exit_code == 0, result.output
    path = "content/articles/homs-pending.md"
    lines = [line for line in result.output.splitlines() if path in line]
    expected = [
        ":27: warning: incidents[1].killed: the same figure (3) is on incidents[0] too",
        ":30: warning: incidents[2].date: the incident is dated 2022-03-11, after the article (2022-03-10)",
        ":34: warning: incidents[3].date: the incident is dated 2012-03-09, more than 2 years before the article",
        ":36: warning: incidents[4]: the incident has neither a place nor an actor",
    ]
    assert len(lines) == len(expected), lines
    for line, words in zip(lines, expected):
        assert words in line, line
    assert "4 warnings above" in result.output
    site_before = {p: p.read_bytes() for p in (trust_project / "site").rglob("*.html")}
    strict = _build("--strict")
    assert strict.exit_code == 1 and "build failed" in strict.output
    assert {p: p.read_bytes() for p in (trust_project / "site").rglob("*.html")} == site_before


def test_reviewed_articles_are_not_second_guessed(trust_project: Path):
    result = _build()
    assert "homs-followup.md" not in result.output
    assert "2022-01-08-deir-ez-zor-exchange-of-fire.md" not in result.output


# --- where figures came from, and according to whom -------------------------------------------


def test_figures_show_the_phrase_they_were_read_from_and_take_a_thousands_separator(trust_project: Path):
    _build()
    html = _page(trust_project, "incidents/homs-city-shelling.html")
    assert re.search(r"<dt>القتلى</dt><dd>3 <q class=\"read-from\"[^>]*>مقتل ثلاثة مدنيين</q></dd>", html)
    assert re.search(r"<dt>الجرحى</dt><dd>1,204 <q class=\"read-from\"[^>]*>إصابة 1204 أشخاص</q></dd>", html)


def test_incident_page_lists_each_report_with_outlet_date_phrase_and_a_citation(trust_project: Path):
    _build()
    html = _page(trust_project, "incidents/homs-city-shelling.html")
    text = _text(html)
    assert "وفق من؟ مقال واحد يروي الحادثة" in text
    assert "الجوهرة أف أم" in text and "jawhara-fm" not in html  # the outlet's Arabic name, never its id
    assert "10 مارس 2022" in text
    assert "العبارات المقتبسة:" in text and "مقتل ثلاثة مدنيين" in text
    assert 'href="https://example.org/news/homs?id=1"' in html
    assert "34.7240, 36.7256" in text  # coordinates of the place
    assert re.search(r"«قصف في حمص، 9 مارس 2022»، أرشيف الحوادث، incidents/homs-city-shelling\.html، "
                     r"تاريخ الاطلاع ……\.", text)  # the date seen: filled in by print.js, else by hand
    assert 'class="printed"' in html and "عنوان الصفحة:" in text


# --- telling incidents and places apart --------------------------------------------------------


def test_every_page_title_is_unique(trust_project: Path):
    _build()
    titles: dict[str, Path] = {}
    for page in sorted((trust_project / "site").rglob("*.html")):
        title = re.search(r"<title>(.*?)</title>", page.read_text(encoding="utf-8")).group(1)
        assert title not in titles, (page, titles.get(title))
        titles[title] = page
    assert "عنوان مكرر (12 مارس 2022) — أرشيف الحوادث" in titles  # the same headline told apart by its day
    assert "عنوان مكرر (13 مارس 2022) — أرشيف الحوادث" in titles


def test_the_three_homs_are_told_apart_and_no_chain_repeats_a_name(trust_project: Path):
    _build()
    titles = {name: re.search(r"<h1>(.*?)</h1>", _page(trust_project, f"places/{name}.html")).group(1)
              for name in ("homs", "homs-district", "homs-governorate")}
    assert titles == {"homs": "حمص", "homs-district": "منطقة حمص", "homs-governorate": "محافظة حمص"}
    listed = _text(_page(trust_project, "timeline/2022-03.html"))
    assert "حمص، محافظة حمص" in listed and "منطقة حمص، محافظة حمص" in listed
    assert "حمص، حمص" not in listed
    seed = _text(_page(trust_project, "incidents/2022-01-07-mayadin-us-response.html"))
    # the town, then its governorate: the district of the same name adds nothing and is left out
    assert "المكان الميادين، محافظة دير الزور" in seed


def test_unsummarised_titles_say_type_place_and_date_and_the_tag_does_not_repeat_them(trust_project: Path):
    _build()
    html = _page(trust_project, "timeline/2022-03.html")
    assert ">قصف في حمص، 9 مارس 2022</a>" in html
    item = re.search(r'<li class="incident pending">(?:(?!</li>).)*homs-city-shelling(?:(?!</li>).)*</li>', html, re.S)
    assert 'class="tag"' not in item.group(0)


def test_places_index_is_a_tree_with_counts_sorted_by_arabic_name(trust_project: Path):
    _build()
    html = _page(trust_project, "places/index.html")
    tree = re.search(r'<ul class="place-tree">.*</ul>', html, re.S).group(0)
    syria = tree.index(">سوريا</a>")
    governorates = [tree.index(f">محافظة {name}</a>") for name in ("الحسكة", "حمص", "دير الزور")]
    assert syria < governorates[0] < governorates[1] < governorates[2]  # nested below, in Arabic order
    homs = re.search(r">محافظة حمص</a>(.*?)</li>\s*</ul>\s*</li>", tree, re.S).group(1)
    assert "4 حوادث" in _text(homs.split("<ul")[0])  # the governorate counts everything inside it
    assert ">منطقة حمص</a>" in homs and ">حمص</a>" in homs


def test_place_page_has_its_breadcrumb_and_the_places_inside_it(trust_project: Path):
    _build()
    html = _page(trust_project, "places/homs-district.html")
    crumbs = re.search(r'<nav class="crumbs" aria-label="مسار الصفحة">(.*?)</nav>', html, re.S).group(1)
    assert [part.strip() for part in _text(crumbs).split("›")] == ["الأماكن", "سوريا", "محافظة حمص", "منطقة حمص"]
    assert '<span aria-current="page">' in crumbs
    assert re.search(r"المصدر: أُدخل يدويًا، وإحداثيات مركزه من GeoNames \( ?CC BY 4\.0 ?\)", _text(html))
    assert "hand; seat coordinates" not in html
    inside = _text(re.search(r'<section class="inside">(.*?)</section>', html, re.S).group(1))
    assert "أماكن داخل منطقة حمص: مكان واحد" in inside and "حمص حادثتان" in inside


# --- Arabic done right ------------------------------------------------------------------------


def test_counts_agree_with_their_nouns(trust_project: Path):
    _build()
    home = _text(_page(trust_project, "index.html"))
    assert "5 مقالات" in home and "11 حادثة" in home and "3 أشهر" in home
    timeline = _page(trust_project, "timeline/index.html")  # counts in the grid cells' titles
    assert 'title="مارس 2012: حادثة واحدة، لا مقالات"' in timeline
    assert _text(_page(trust_project, "timeline/2012-03.html")).count("حادثة واحدة") >= 1
    assert not re.search(r"\b1 حوادث|\b[3-9] حادثة\b|\b10 حادثة", home + timeline)


class _VisibleLatin(HTMLParser):
    """Latin words in the visible text, outside elements marked as left-to-right, English or code."""

    SKIP = {"script", "style", "code", "title"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        marked = tag in self.SKIP or attrs.get("dir") == "ltr" or attrs.get("lang") == "en" or tag == "bdi"
        if tag not in ("meta", "link", "br", "img", "hr", "input"):
            self.stack.append(marked or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag):
        if tag not in ("meta", "link", "br", "img", "hr", "input") and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]):
            self.found += re.findall(r"[A-Za-z]{2,}", data)


def test_no_english_on_the_pages_outside_marked_left_to_right_text(trust_project: Path):
    _build()
    for page in (trust_project / "site").rglob("*.html"):
        parser = _VisibleLatin()
        parser.feed(page.read_text(encoding="utf-8"))
        assert not parser.found, (page, parser.found[:5])
    html = _page(trust_project, "incidents/homs-city-shelling.html")
    assert "read as the Wednesday" not in html  # the date-conflict note is for the YAML's reviewer
    assert "قرائن التاريخ في النص متعارضة" in html


def test_month_names_follow_the_region_setting(trust_project: Path):
    (trust_project / "sitegen.yaml").write_text("months: levant\n", encoding="utf-8")
    assert _build().exit_code == 0
    assert ">آذار 2022</a>" in _page(trust_project, "index.html")
    assert "9 آذار 2022" in _text(_page(trust_project, "incidents/homs-city-shelling.html"))
    (trust_project / "sitegen.yaml").write_text("title: x\nmonths: syriac\n", encoding="utf-8")
    result = _build()
    assert result.exit_code == 2
    assert "sitegen.yaml:2: error: months must be one of standard, levant, maghreb, morocco, found 'syriac'" \
        in result.output


def test_about_page_says_how_records_are_made_and_credits_sources(trust_project: Path):
    (trust_project / "sitegen.yaml").write_text(
        "about: 'أرشيف **تجريبي** تحفظه مجموعة توثيق.'\nsources: 'مقالات من مدونة ANT، بترخيص Apache-2.0.'\n",
        encoding="utf-8")
    assert _build().exit_code == 0
    html = _page(trust_project, "about.html")
    assert "أرشيف <strong>تجريبي</strong> تحفظه مجموعة توثيق." in html
    assert "Apache-2.0" in html and "GeoNames" in html and "CC BY 4.0" in html
    assert 'id="review"' in html and "5 حوادث بانتظار المراجعة" in _text(html)
    assert 'href="about.html"' in _page(trust_project, "index.html")


# --- accessibility and reading ----------------------------------------------------------------


def test_navigation_is_labelled_and_marks_the_current_section(trust_project: Path):
    _build()
    for path in ("articles/homs-pending.html", "incidents/homs-city-shelling.html", "timeline/2022-03.html",
                 "places/homs.html"):
        html = _page(trust_project, path)
        assert all('aria-label="' in nav for nav in re.findall(r"<nav[^>]*>", html)), path
    assert re.search(r'<a href="index.html" aria-current="page">الأماكن</a>', _page(trust_project, "places/homs.html"))
    assert re.search(r'<a href="index.html" aria-current="page">الخط الزمني</a>',
                     _page(trust_project, "timeline/2022-03.html"))
    assert _page(trust_project, "index.html").count('aria-current="page"') == 1


def test_the_lede_is_not_repeated_when_the_body_starts_with_it(trust_project: Path):
    _build()
    html = _page(trust_project, "articles/homs-pending.html")
    assert html.count("قصفت قوات النظام أحياء في مدينة حمص.") == 1
    seed = _page(trust_project, "articles/2022-01-08-deir-ez-zor-exchange-of-fire.html")
    assert '<p class="lede">تصاعد ملحوظ' in seed  # a lede the body does not start with stays


def test_terminal_counts_agree_in_english(trust_project: Path):
    result = _build()
    assert "Built 5 articles, 11 incidents," in result.output
    assert "5 incidents of 11 await review" in result.output


def test_pages_whose_titles_still_coincide_are_numbered(project: Path):
    (project / "content" / "articles" / "twice.md").write_text(
        "---\nid: twice\ntitle: t\npublished: 2022-02-01\nreview: reviewed\nincidents:\n"
        "  - {id: twice-1, type: shelling, date: 2022-02-01, location: al-mayadin}\n"
        "  - {id: twice-2, type: shelling, date: 2022-02-01, location: al-mayadin}\n---\n", encoding="utf-8")
    assert _build().exit_code == 0
    titles = [re.search(r"<title>(.*?)</title>", _page(project, f"incidents/twice-{n}.html")).group(1) for n in (1, 2)]
    assert titles == ["قصف في الميادين، 1 فبراير 2022 — أرشيف الحوادث", "(2) قصف في الميادين، 1 فبراير 2022 — أرشيف الحوادث"]


def test_a_place_the_gazetteer_lacks_is_shown_as_read_and_is_a_place(project: Path):
    (project / "content" / "articles" / "unknown-place.md").write_text(
        "---\nid: unknown-place\ntitle: t\npublished: 2022-02-01\nincidents:\n"
        "  - {id: far-away, type: shelling, date: 2022-02-01, location_text: قرية بعيدة}\n---\n", encoding="utf-8")
    result = _build()
    assert result.exit_code == 0 and "neither a place nor an actor" not in result.output
    html = _page(project, "incidents/far-away.html")
    assert "<h1>قصف في قرية بعيدة، 1 فبراير 2022</h1>" in html
    assert "غير موجود في المعجم الجغرافي" in html
