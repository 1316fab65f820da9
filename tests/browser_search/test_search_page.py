"""The search page in headless Chromium, from file:// and from a local static server.

The archive is built with `sitegen build` from a project folder (the shipped content plus a
few articles written here), opened as a reader would, and searched the ways people type.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from sitegen.cli import main

pytestmark = pytest.mark.browser

# id: (title, body, incident front matter or "")
ARTICLES = {
    "hamza-defence": ("أعلنت وزارة الدفاع حصيلة العملية", "أعلنت وزارة الدفاع أن القصف استهدف مستودعات ذخيرة.", ""),
    "drone-harakat": ("طائرة مسيرة انتحارية فوق الحقول", "سقطت طائرة مسيرة انتحارية بعد قصف متقطع.",
                      "  - {id: drone-1, type: drone_strike, date: 2022-03-02, location: idlib-governorate}\n"),
    "school-taa": ("مدرسة الشهداء تغلق أبوابها", "أغلقت مدرسة الشهداء بعد قصف طال الحي.", ""),
    "hospital-yaa": ("مستشفى الرازي يستقبل الجرحى", "استقبل مستشفى الرازي جرحى القصف.", ""),
    "mortar-clitics": ("قذائف هاون على السوق", "سقطت قذائف هاون على السوق المركزي إثر قصف عنيف.", ""),
    "kafranbel-persian": ("احتجاجات في كفرنبل", "خرج أهالي كفرنبل يحتجون على القصف.",
                          "  - {id: kafranbel-1, type: protest, date: 2021-05-04, location: kafranbel}\n"),
    "raids-digits": ("17 غارة على الريف الجنوبي", "شنت الطائرات 17 غارة في قصف هو الأعنف.",
                     "  - {id: raids-1, type: air_strike, date: 2020-11-20, location: daraa-governorate}\n"),
}
# query as typed → the article it must find first
QUERIES = {
    "hamza dropped": ("اعلنت وزارة الدفاع", "hamza-defence"),
    "diacritics": ("مُسَيَّرَةٌ انتحاريّة", "drone-harakat"),
    "ة typed ه": ("مدرسه الشهداء", "school-taa"),
    "ى typed ي": ("مستشفي الرازي", "hospital-yaa"),
    "clitics": ("وبالقذائف والهاون", "mortar-clitics"),
    "Persian keyboard": ("کفرنبل", "kafranbel-persian"),
    "Arabic-Indic digits": ("١٧ غارة", "raids-digits"),
}
FILLERS = 6  # more articles holding قصف, so that its results take two pages


def _write_articles(content: Path) -> None:
    articles = dict(ARTICLES)
    for n in range(FILLERS):
        articles[f"filler-{n}"] = (f"تقرير ميداني رقم {n}", f"تواصل القصف على المنطقة في اليوم {n}.", "")
    for number, (article_id, (title, body, incidents)) in enumerate(sorted(articles.items())):
        front = f"---\nid: {article_id}\ntitle: {title}\npublished: 2022-02-{number + 1:02d}\n"
        if incidents:
            front += "incidents:\n" + incidents
        (content / "articles" / f"{article_id}.md").write_text(front + "---\n" + body + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = tmp_path_factory.mktemp("search-project")
    shutil.copytree(Path(__file__).resolve().parents[2] / "content", project / "content")
    _write_articles(project / "content")
    here = Path.cwd()
    os.chdir(project)  # sitegen build, run from the project folder as a user runs it
    try:
        result = CliRunner().invoke(main, ["build"])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return project / "site"


@pytest.fixture(scope="module")
def server(site: Path):
    """`python -m http.server` on 127.0.0.1 serving the site; its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


class Watched:
    """A page with every request and console error recorded."""

    def __init__(self, browser, width: int = 1100, height: int = 900):
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("response", lambda response: response.status >= 400 and self.errors.append(f"{response.status} {response.url}"))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def search(self, url: str):
        self.page.goto(url)
        self.page.wait_for_selector("#search:is([data-state=done], [data-state=error], [data-state=idle])")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture(params=["file", "http"])
def origin(request, site: Path):
    """The site's base URL, opened from disk or from the local server."""
    if request.param == "file":
        return site.as_uri()
    return request.getfixturevalue("server")


def _first_result(page) -> tuple[str, list[str]]:
    first = page.locator("#search-results li").first
    href = first.locator("h2 a").get_attribute("href")
    return href, first.locator("mark").all_inner_texts()


def test_queries_typed_as_people_type_find_their_article_first_with_a_highlight(browser, origin: str):
    watched = Watched(browser)
    try:
        for label, (query, expected) in QUERIES.items():
            page = watched.page
            page.goto(f"{origin}/index.html")  # the box in the header of every page
            page.fill(".site-search input[name=q]", query)
            page.press(".site-search input[name=q]", "Enter")
            page.wait_for_url("**/search.html?q=*")
            page.wait_for_selector("#search[data-state=done], #search[data-state=error]")
            href, marks = _first_result(page)
            assert href == f"articles/{expected}.html", (label, query, href)
            assert marks, (label, "no highlight in the first result's snippet")
            assert parse_qs(urlsplit(page.url).query)["q"] == [query]
        assert not watched.errors, watched.errors
        _assert_requests_stay_inside(watched.requests, origin)
    finally:
        watched.close()


def test_filters_paging_and_the_url_round_trip(browser, origin: str):
    watched = Watched(browser)
    try:
        page = watched.search(f"{origin}/search.html?q=" + "قصف")
        status = page.inner_text("#search-status")
        total = len(ARTICLES) + FILLERS + 1  # every article written here and the seed report shelling (قصف)
        assert str(total) in status, status
        assert page.locator("#search-results li").count() == 10
        assert page.get_attribute("#search-status", "aria-live") == "polite"

        page.click("#search-pages a:has-text('2')")
        page.wait_for_selector("#search[data-state=done]")
        assert parse_qs(urlsplit(page.url).query)["page"] == ["2"]
        assert page.locator("#search-results li").count() == total - 10

        # Place filter with counts (loaded when the filters are opened): Idlib holds the drone
        # strike and, inside it, Kafranbel.
        assert page.locator("select[name=place]").count() == 0
        page.click("#search-filters summary")
        page.wait_for_selector("select[name=place]")
        option = page.locator("select[name=place] option[value=idlib-governorate]")
        assert option.inner_text().endswith("(2)"), option.inner_text()
        page.select_option("select[name=place]", "idlib-governorate")
        page.wait_for_selector("#search[data-state=done]")
        hrefs = page.locator("#search-results li h2 a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        assert sorted(hrefs) == ["articles/drone-harakat.html", "articles/kafranbel-persian.html"]
        params = parse_qs(urlsplit(page.url).query)
        assert params["place"] == ["idlib-governorate"] and "page" not in params

        # The URL alone reproduces the search: a bookmark, opened fresh.
        bookmark = page.url
        again = Watched(browser)
        try:
            page2 = again.search(bookmark)
            hrefs2 = page2.locator("#search-results li h2 a").evaluate_all("ls => ls.map(a => a.getAttribute('href'))")
            assert hrefs2 == hrefs
            assert page2.input_value("#search-q") == "قصف"
            page2.wait_for_selector("select[name=place]")
            assert page2.locator("select[name=place]").input_value() == "idlib-governorate"
        finally:
            again.close()

        # Dates and type: the raid of 2020 only.
        page = watched.search(f"{origin}/search.html?q=" + "قصف" + "&from=2020-01-01&to=2020-12-31&type=air_strike")
        hrefs = page.locator("#search-results li h2 a").evaluate_all("ls => ls.map(a => a.getAttribute('href'))")
        assert hrefs == ["articles/raids-digits.html"]
        page.go_back()
        assert not watched.errors, watched.errors
        _assert_requests_stay_inside(watched.requests, origin)
    finally:
        watched.close()


def test_keyboard_alone_and_what_is_said_when_nothing_matches(browser, site: Path):
    watched = Watched(browser)
    try:
        page = watched.search(site.as_uri() + "/search.html")
        page.focus("#search-q")
        page.keyboard.type("مستشفي")
        page.keyboard.press("Enter")
        page.wait_for_selector("#search[data-state=done]")
        assert _first_result(page)[0] == "articles/hospital-yaa.html"
        page.keyboard.press("Tab")  # to the search button, then the results: all reachable by Tab
        focusable = page.evaluate("() => [...document.querySelectorAll('#search-results a')].every(a => a.tabIndex >= 0)")
        assert focusable

        page = watched.search(site.as_uri() + "/search.html?q=" + "مستشفى الرازي كلمةغريبة")
        assert "أقرب النتائج" in page.inner_text("#search-tier")  # tiers are said
        assert _first_result(page)[0] == "articles/hospital-yaa.html"

        page = watched.search(site.as_uri() + "/search.html?q=" + "مستشفب")
        page.wait_for_selector("#search-suggestion a")
        assert page.inner_text("#search-suggestion a") == "مستشفي"
        assert page.inner_text("#search-status") == "لا نتائج لهذا البحث."

        page = watched.search(site.as_uri() + "/search.html?q=" + "%22غير مغلقة")
        assert "غير مغلقة" in page.inner_text("#search-status")  # a query error, said in Arabic
        page = watched.search(site.as_uri() + "/search.html?q=" + "قصف" + "&from=2022-13-01")
        assert "تاريخ غير صالح" in page.inner_text("#search-status")
        page = watched.search(site.as_uri() + "/search.html?q=" + "قصف" + "&place=atlantis")
        assert "place=atlantis" in page.inner_text("#search-status")
        assert page.locator("#search-results li").count() == 0
        assert not watched.errors, watched.errors
    finally:
        watched.close()


def test_without_javascript_the_page_says_so_and_links_to_browsing(browser, site: Path):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.as_uri() + "/search.html?q=" + "قصف")
        assert "يحتاج إلى تفعيل جافاسكربت" in page.inner_text("main")
        for target in ("timeline/index.html", "places/index.html", "actors/index.html", "types/index.html"):
            assert page.locator(f"main a[href='{target}']").count() == 1, target
    finally:
        context.close()


def test_screenshots_at_desktop_and_phone_widths(browser, site: Path, tmp_path: Path):
    for name, width, height in (("desktop", 1280, 900), ("phone", 390, 844)):
        watched = Watched(browser, width, height)
        try:
            page = watched.search(site.as_uri() + "/search.html?q=" + "القصف")
            assert page.locator("#search-results li mark").count() > 0
            overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 1, f"{name}: the page scrolls sideways by {overflow}px"
            page.screenshot(path=str(tmp_path / f"search-{name}.png"), full_page=True)
        finally:
            watched.close()


def _assert_requests_stay_inside(requests: list[str], origin: str) -> None:
    assert requests
    outside = [url for url in requests if not url.startswith(origin + "/")]
    assert not outside, outside
