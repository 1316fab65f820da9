"""Compiled templates kept between builds (Jinja's bytecode cache): used only for the same source."""

from __future__ import annotations

import dataclasses

from sitegen import render
from sitegen.config import SiteConfig


def _environment(tmp_path, monkeypatch, cache_dir):
    monkeypatch.setattr(render, "_compiled_templates",
                        lambda: render._CompiledTemplates(str(cache_dir), pattern="sitegen-test-%s.cache"))
    templates = tmp_path / "templates"
    templates.mkdir(exist_ok=True)
    return render.make_environment(dataclasses.replace(SiteConfig(), templates_dir=templates)), templates


def test_a_compiled_template_is_reused_only_for_its_source_and_a_bad_one_is_compiled_again(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cache.mkdir()
    env, templates = _environment(tmp_path, monkeypatch, cache)
    (templates / "note.html").write_text("<p>{{ word }} أولى</p>\n", encoding="utf-8")
    assert env.get_template("note.html").render(word="قصف") == "<p>قصف أولى</p>\n"
    cached = list(cache.glob("sitegen-test-*.cache"))
    assert len(cached) == 1  # compiled once, kept
    env, _ = _environment(tmp_path, monkeypatch, cache)
    (templates / "note.html").write_text("<p>{{ word }} ثانية</p>\n", encoding="utf-8")  # the source changed
    assert env.get_template("note.html").render(word="قصف") == "<p>قصف ثانية</p>\n"
    for path in cache.glob("sitegen-test-*.cache"):
        path.write_bytes(path.read_bytes()[:20] + b"\x00garbage")  # truncated behind a valid header
    env, _ = _environment(tmp_path, monkeypatch, cache)
    assert env.get_template("note.html").render(word="هجوم") == "<p>هجوم ثانية</p>\n"
    env, _ = _environment(tmp_path, monkeypatch, tmp_path / "absent")  # a cache that cannot be written: done without
    (templates / "note.html").write_text("<p>{{ word }} ثالثة</p>\n", encoding="utf-8")
    assert env.get_template("note.html").render(word="هجوم") == "<p>هجوم ثالثة</p>\n"

