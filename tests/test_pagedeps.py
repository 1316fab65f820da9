"""What a page is made from: its template chain, and what it reads of the archive while rendering."""

from __future__ import annotations

import dataclasses
import datetime as dt

import jinja2

from sitegen import pagedeps, render
from sitegen.config import SiteConfig


def _env(tmp_path, templates: dict[str, str]) -> jinja2.Environment:
    folder = tmp_path / "templates"
    folder.mkdir()
    for name, text in templates.items():
        (folder / name).write_text(text, encoding="utf-8")
    return render.make_environment(dataclasses.replace(SiteConfig(), templates_dir=folder))


def test_a_template_chain_is_what_it_extends_includes_and_imports(tmp_path):
    env = _env(tmp_path, {"page.html": '{% extends "frame.html" %}{% from \'m.html\' import x %}',
                          "frame.html": "{%- include 'part.html' -%}", "part.html": "", "m.html": "",
                          "other.html": "", "dynamic.html": "{% include name %}"})
    assert [name for name, _ in render.template_sources(env, "page.html")] == \
        ["frame.html", "m.html", "page.html", "part.html"]
    names = [name for name, _ in render.template_sources(env, "dynamic.html")]
    assert {"other.html", "page.html", "article.html"} <= set(names)  # a variable name: every template
    assert not any(name.startswith("assets/") for name in names)


def test_reads_are_recorded_by_name_and_by_key():
    @dataclasses.dataclass(frozen=True)
    class Archive:
        title: str
        incidents_by_id: dict

    archive = pagedeps.Recorder(Archive("t", {"a": 1, "b": 2}), "archive")
    assert archive.title == "t"  # outside a page: nothing recorded, nothing fails
    value, reads = pagedeps.recording(lambda: (archive.title, archive.incidents_by_id.get("a"),
                                               "b" in archive.incidents_by_id))
    assert value == ("t", 1, True) and reads == {"archive.title", "archive.incidents_by_id[a]",
                                                 "archive.incidents_by_id[b]"}
    _, reads = pagedeps.recording(lambda: list(archive.incidents_by_id.items()))
    assert reads == {"archive.incidents_by_id"}  # iterating reads it all


def test_a_page_digest_moves_with_what_it_read_and_only_with_that():
    @dataclasses.dataclass(frozen=True)
    class Archive:
        title: str
        count: int

    def digest(archive, reads, context=None, source="x", day=dt.date(2024, 1, 2)):
        pages = pagedeps.PageDigests(archive, SiteConfig(), lambda name: [(name, source)], day)
        return pages.page("p.html", "t.html", context or {"archive": archive}, reads)

    base = digest(Archive("t", 1), ["archive.title"])
    assert digest(Archive("t", 2), ["archive.title"]) == base  # not read: no change
    assert digest(Archive("u", 1), ["archive.title"]) != base
    assert digest(Archive("t", 1), ["archive.title"], source="y") != base  # its template
    assert digest(Archive("t", 1), ["archive.title"], {"part": (1, 2)}) != base  # its own data
    assert digest(Archive("t", 1), ["archive.title"], day=dt.date(2024, 1, 3)) == base  # the day, unprinted
    printed = digest(Archive("t", 1), ["archive.title"], source="{{ built_on }}")
    assert digest(Archive("t", 1), ["archive.title"], source="{{ built_on }}", day=dt.date(2024, 1, 3)) != printed
