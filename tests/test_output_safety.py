"""What content can do to a page: no image from another host, no bidi control leaking out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen import bidi
from sitegen.cli import main
from sitegen.render import markdown_to_html


@pytest.mark.parametrize("src", [r"\\host\x", r"\/host/x", "/\\host/x", "/\t/host/x", "\x01//host/x", " //host/x",
                                 "https://host/x", "//host/x", "/x"])
def test_images_from_another_host_are_removed_however_written(src: str):
    html = markdown_to_html(f'<img src="{src}" alt="صورة">')
    assert html == '<p><img alt="صورة"></p>'


def test_local_images_stay():
    assert markdown_to_html('<img src="../assets/map.png" alt="خريطة">') == \
        '<p><img src="../assets/map.png" alt="خريطة"></p>'


@pytest.mark.parametrize("text, expected", [
    ("plain", "plain"),
    ("a\u202eb", "\u2068a\u202eb\u202c\u2069"),
    ("\u2069\u202ex", "\u2068\u202ex\u202c\u2069"),  # a stray PDI cannot close the wrapper
    ("\u2067x\u202ey\u2069z\u202c", "\u2068\u2067x\u202ey\u2069z\u2069"),  # the PDI closes the RLO inside it
    ("\u202b\u2066x", "\u2068\u202b\u2066x\u2069\u202c\u2069"),
])
def test_isolate(text: str, expected: str):
    assert bidi.isolate(text) == expected


def test_bidi_controls_from_content_stay_inside_their_value_on_every_page(project: Path):
    article = project / "content" / "articles" / "override.md"
    title = "عنوان \u202eمقلوب\u2069"
    article.write_text(f"---\nid: override\ntitle: \"{title}\"\npublished: 2022-01-01\nlede: \"مقدمة \u2067بلا إغلاق\"\n"
                       "incidents:\n  - id: override-incident\n    type: shelling\n    summary: \"ملخص \u202dLTR\"\n"
                       "---\nسطر \u202eأول\nسطر ثان\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    pages = [p for p in (project / "site").rglob("*.html")]
    seen = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        # every isolated value is balanced inside; with those removed, no control is left over
        for isolated in re.findall("\u2068[^\u2068\u2069]*(?:\u2069[^\u2068\u2069]*)*?\u2069(?=[^\u2069]|$)", html):
            assert bidi.balance(isolated[1:-1]) == isolated[1:-1]
        leftover = html
        for value in (title, "مقدمة \u2067بلا إغلاق", "ملخص \u202dLTR"):
            seen += leftover.count(bidi.isolate(value))
            leftover = leftover.replace(bidi.isolate(value), "")
        leftover = leftover.replace(bidi.balance("سطر \u202eأول"), "")
        assert not bidi.CONTROLS.search(leftover), (page, [hex(ord(c)) for c in bidi.CONTROLS.findall(leftover)])
    assert seen >= 4, "the values were found wrapped on the pages"


def test_csp_allows_only_the_sites_own_files(project: Path):
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', home)[1]
    # form-action 'self': the search box in every page's header sends its GET to the site's own search.html
    assert csp == ("default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; base-uri 'none'; "
                   "form-action 'self'")
