"""The pages of long lists hold their own slice, not the whole list (``sitegen.list_headings``).

An edited article re-renders the one page of each list whose slice holds it; a page of its
month's other slices, of its neighbouring months, the home page and the timeline are linked
unchanged. Every rebuild here must still equal a full build of the same content, byte for
byte: when an article moves from one slice (or month) to another, when a title shown in a
list changes, and with a theme whose list pages show the whole month or facet (read through
the heading, recorded as a read of the archive).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import load_config

REPO = Path(__file__).resolve().parent.parent


def _article(number: int, day: str, title: str, place: str | None = None) -> str:
    lines = ["---", f"id: listed-{number}", f"title: {title}", f"published: {day}", "outlet: موقع تجريبي",
             "review: reviewed"]
    if place:
        lines += ["incidents:", f"  - id: listed-{number}-incident", "    type: shelling", f"    date: {day}",
                  "    date_precision: day", f"    location: {place}", "    location_precision: town",
                  f"    summary: {title}"]
    return "\n".join(lines + ["---", f"نص المقال رقم {number}.", ""])


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The repository's content and 9 articles: 7 in February 2021 (4 pages of 2), 2 in March,
    some with an incident in a place (so browse pages list them too)."""
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    articles = root / "content" / "articles"
    for number in range(1, 8):
        place = "al-mayadin" if number % 2 else None
        (articles / f"listed-{number}.md").write_text(
            _article(number, f"2021-02-{number + 10:02d}", f"عنوان المقال {number}", place), encoding="utf-8")
    for number in (8, 9):
        (articles / f"listed-{number}.md").write_text(
            _article(number, f"2021-03-{number:02d}", f"عنوان المقال {number}", "al-mayadin"), encoding="utf-8")
    (root / "sitegen.yaml").write_text("page_size: 2\nlatest: 2\n", encoding="utf-8")
    return root


def _tree(folder: Path) -> dict[str, str]:
    return {Path(root, name).relative_to(folder).as_posix(): hashlib.sha256(Path(root, name).read_bytes()).hexdigest()
            for root, _, files in os.walk(folder) for name in files}


def _equals_full_build(root: Path) -> None:
    config = load_config(root=root)
    full = dataclasses.replace(config, output_dir=root / "full" / "site", index_dir=root / "full" / "index")
    shutil.rmtree(root / "full", ignore_errors=True)
    build(full, full=True, write_browser=None)
    assert _tree(config.output_dir) == _tree(full.output_dir)


def _rebuild(root: Path):
    """An incremental build; the site's files it changed, added or removed."""
    config = load_config(root=root)
    before = _tree(config.output_dir)
    result = build(config, write_browser=None)
    assert result.incremental and not result.unchanged
    after = _tree(config.output_dir)
    return result, sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


def _edit(root: Path, number: int, old: str, new: str) -> None:
    path = root / "content" / "articles" / f"listed-{number}.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_body_edit_renders_only_the_slices_that_hold_the_article(project):
    build(load_config(root=project), write_browser=None)
    _edit(project, 4, "نص المقال رقم 4.", "نص المقال رقم 4، وفقرة أضافها محرر.")  # no incident, not among the newest
    result, changed = _rebuild(project)
    # the article, its neighbours, its page of February's articles (articles-2: 3rd and 4th) and
    # its page of all articles newest first; not February's other pages, not March's, not the
    # home page (it lists the 2 newest), not the timeline (it shows counts)
    assert result.pages_rendered == 5
    assert changed == ["articles/listed-4.html"]  # (the lists show titles: their bytes are the same)
    _equals_full_build(project)


def test_a_title_change_is_seen_in_the_lists_that_show_it(project):
    build(load_config(root=project), write_browser=None)
    _edit(project, 3, "title: عنوان المقال 3", "title: عنوان جديد للمقال 3")
    _edit(project, 3, "summary: عنوان المقال 3", "summary: عنوان جديد للحادثة 3")  # its incident's title
    result, changed = _rebuild(project)
    assert "timeline/2021-02/articles-2.html" in changed  # February's 3rd and 4th articles
    assert "timeline/2021-02/articles.html" not in changed and "timeline/2021-03/articles.html" not in changed
    assert "articles/listed-2.html" in changed and "articles/listed-4.html" in changed  # "next", "previous"
    assert "places/al-mayadin.html" in changed and "timeline/2021-02.html" in changed  # the incident's lists
    assert "timeline/2021-03.html" not in changed
    _equals_full_build(project)


@pytest.mark.parametrize("day", ["2021-02-01", "2021-02-28", "2021-03-20", "2021-04-02"],
                         ids=["to-the-first-slice", "to-the-last-slice", "to-the-next-month", "to-a-new-month"])
def test_an_article_moved_to_another_slice_or_month_equals_a_full_build(project, day):
    build(load_config(root=project), write_browser=None)
    _edit(project, 3, "published: 2021-02-13", f"published: {day}")
    _edit(project, 3, "date: 2021-02-13", f"date: {day}")
    _rebuild(project)
    _equals_full_build(project)


def test_removing_and_adding_articles_moves_the_slices_and_counts(project):
    build(load_config(root=project), write_browser=None)
    (project / "content" / "articles" / "listed-2.md").unlink()
    result, changed = _rebuild(project)
    assert "timeline/2021-02/articles-4.html" in changed  # 6 articles now: 3 pages, the 4th is gone
    assert "timeline/index.html" in changed and "index.html" in changed  # the counts
    _equals_full_build(project)
    (project / "content" / "articles" / "listed-10.md").write_text(
        _article(10, "2021-03-30", "عنوان المقال 10", "syria"), encoding="utf-8")
    result, changed = _rebuild(project)
    assert "index.html" in changed  # the newest article and incident
    _equals_full_build(project)


THEMES = {
    # a theme whose list pages show every item of the month or facet, not only their slice
    "month_articles.html": ('{% block main %}', '{% block main %}<p class="all">{% for a in month.articles %}'
                            '{{ a.title }}؛ {% endfor %}{{ previous.articles | length if previous else "" }}</p>'),
    "month.html": ('{% block main %}', '{% block main %}<p class="all">{% for r in month.incidents %}'
                   '{{ r.id }}؛ {% endfor %}</p>'),
    "facet.html": ('{% block main %}', '{% block main %}<p class="all">{% for r in facet.incidents %}'
                   '{{ r.incident.summary }}؛ {% endfor %}</p>'),
    "facets.html": ('{% block main %}', '{% block main %}<p class="all">{% for f in facets %}'
                    '{{ f.incidents | map(attribute="id") | join(",") }}؛ {% endfor %}</p>'),
}


def test_a_theme_that_shows_whole_lists_is_never_stale(project):
    """``month.articles``, ``month.incidents`` and ``facet.incidents`` are still there for a theme
    that wants them: reading them records a read of the archive, so the pages follow every edit."""
    for name, (anchor, replacement) in THEMES.items():
        source = (REPO / "templates" / name).read_text(encoding="utf-8")
        assert anchor in source
        (project / "templates").mkdir(exist_ok=True)
        (project / "templates" / name).write_text(source.replace(anchor, replacement, 1), encoding="utf-8")
    build(load_config(root=project), write_browser=None)
    first_page = (project / "site" / "timeline" / "2021-02" / "articles.html").read_text(encoding="utf-8")
    assert "عنوان المقال 7" in first_page  # a title from another slice of the month
    _edit(project, 7, "title: عنوان المقال 7", "title: عنوان آخر للمقال 7")  # on February's last page
    _edit(project, 7, "summary: عنوان المقال 7", "summary: عنوان آخر للحادثة 7")  # on al-mayadin's 2nd page
    result, changed = _rebuild(project)
    assert "timeline/2021-02/articles.html" in changed  # shows it, though its slice does not hold it
    assert "timeline/2021-03/articles.html" not in changed  # (it shows February's count only)
    assert "places/al-mayadin.html" in changed
    _equals_full_build(project)
    _edit(project, 9, "id: listed-9-incident", "id: listed-9-event")  # the same counts, another id
    result, changed = _rebuild(project)
    assert "places/index.html" in changed and "timeline/2021-03.html" in changed
    _equals_full_build(project)
    _edit(project, 2, "published: 2021-02-12", "published: 2021-03-02")  # February has one article less
    _rebuild(project)
    _equals_full_build(project)
