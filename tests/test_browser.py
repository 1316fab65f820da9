"""The built archive in headless Chromium, opened from disk (file://) as a reader would."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import load_config

pytestmark = pytest.mark.browser
SEED_TITLE = "قصف متبادل بين الميليشيات الإيرانية والقوات الأمريكية شرقي دير الزور"


@pytest.fixture
def page(browser, project: Path):
    build(load_config())
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    opened.requests = []
    opened.on("request", lambda request: opened.requests.append(request.url))
    yield opened
    context.close()


def test_seed_article_reads_right_to_left_and_links_work(page, project: Path, tmp_path: Path):
    home = (project / "site" / "index.html").as_uri()
    page.goto(home)
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"

    page.click("nav >> text=الخط الزمني")
    assert page.url.endswith("/timeline/index.html")
    page.click(".timeline-grid a[title^='يناير 2022']")
    assert page.url.endswith("/timeline/2022-01.html")
    assert page.locator("h1").inner_text() == "يناير 2022"

    page.click("a:has-text('المقالات المنشورة في هذا الشهر')")
    assert page.url.endswith("/timeline/2022-01/articles.html")
    page.click(f"a:has-text('{SEED_TITLE}')")
    assert page.url.endswith("/articles/2022-01-08-deir-ez-zor-exchange-of-fire.html")
    assert page.locator("h1").inner_text() == SEED_TITLE
    body = page.locator(".body p").first
    assert body.evaluate("el => getComputedStyle(el).direction") == "rtl"
    # Right to left: the first paragraph's text starts at the right edge of its box.
    box = body.bounding_box()
    line_start = page.evaluate("""() => {
        const p = document.querySelector('.body p');
        const range = document.createRange();
        range.setStart(p.firstChild, 0); range.setEnd(p.firstChild, 1);
        return range.getBoundingClientRect().right;
    }""")
    assert abs(line_start - (box["x"] + box["width"])) < 4
    assert _rendered_fonts(page, ".body p") & {"Noto Naskh Arabic", "Noto Sans Arabic"}
    page.screenshot(path=str(tmp_path / "article.png"), full_page=True)

    page.click(".crumbs >> a:has-text('يناير 2022')")
    assert page.url.endswith("/timeline/2022-01.html")
    page.click("a.site-title")
    assert page.url == home
    page.click(f"a:has-text('{SEED_TITLE}')")
    assert page.url.endswith("/articles/2022-01-08-deir-ez-zor-exchange-of-fire.html")

    page.click("a:has-text('ثمانية صواريخ تسقط')")
    assert "/incidents/2022-01-05-green-village-rocket-attack.html" in page.url
    page.click(".incident-detail a:has-text('القرية الخضراء')")
    assert page.url.endswith("/places/green-village-base.html")

    assert page.requests and all(url.startswith("file://") for url in page.requests), page.requests


def _rendered_fonts(page, selector: str) -> set[str]:
    """The fonts Chromium actually drew the element's text with (not just what CSS asked for)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"] for font in fonts}


def test_printed_incident_shows_its_address_and_the_print_date(page, project: Path, tmp_path: Path):
    incident = project / "site" / "incidents" / "2022-01-07-omar-field-rocket-attack.html"
    page.goto(incident.as_uri())
    stamp = page.locator(".printed")
    assert not stamp.is_visible()  # on screen, nothing extra
    assert page.locator(".citation .permalink").inner_text() == incident.as_uri()  # the page's own address
    assert re.fullmatch(r"\d{1,2} \S+ \d{4}", page.locator(".citation .seen-date").inner_text())  # today
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    assert stamp.is_visible()
    assert incident.as_uri() in stamp.inner_text()
    assert "تاريخ الطباعة:" in stamp.inner_text()
    assert not page.locator(".site-header nav").is_visible()
    page.pdf(path=str(tmp_path / "incident.pdf"))
    assert (tmp_path / "incident.pdf").stat().st_size > 10_000
    assert page.requests and all(url.startswith("file://") for url in page.requests), page.requests


def test_latin_text_is_sans_serif_and_narrow_screens_are_not_justified(page, project: Path):
    article = project / "site" / "articles" / "2022-01-08-deir-ez-zor-exchange-of-fire.html"
    page.goto((project / "site" / "places" / "omar-oil-field.html").as_uri())
    english = page.locator("[lang=en]").first
    assert _rendered_fonts(page, "[lang=en]") & {"Noto Sans", "DejaVu Sans"}, english.inner_text()
    page.goto(article.as_uri())
    assert page.locator(".body p").first.evaluate("el => getComputedStyle(el).textAlign") == "justify"
    page.set_viewport_size({"width": 380, "height": 800})
    assert page.locator(".body p").first.evaluate("el => getComputedStyle(el).textAlign") in ("start", "right")


def test_the_csp_lets_the_sites_own_stylesheets_load_from_disk(page, project: Path):
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.goto((project / "site" / "articles" / "2022-01-08-deir-ez-zor-exchange-of-fire.html").as_uri())
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert '"Noto Naskh Arabic"' in family, "style.css was not applied"
    assert violations == []
