"""Validation: each broken fixture gives exactly its own error, with file, line and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from sitegen.content import load_content, parse_article, split_front_matter

# fixture -> (line, field, words the message must hold)
INVALID = {
    "no_front_matter.md": (1, None, "no front matter"),
    "front_matter_not_closed.md": (1, None, "never closed"),
    "malformed_yaml.md": (7, None, "malformed YAML"),
    "missing_title.md": (2, "title", "required"),
    "mistyped_field.md": (7, "incidents[0].killed", "whole number"),
    "impossible_date.md": (4, "published", "impossible date '2022-02-30'"),
    "unknown_place.md": (7, "incidents[0].location", "unknown places id 'atlantis'"),
    "duplicate_incident_id.md": (7, "incidents[1].id", "used twice"),
    "id_escaping_output.md": (2, "id", "invalid id '../x'"),
    "unknown_field.md": (5, "dat", "unknown article field 'dat'"),
    "repeated_key.md": (4, None, "appears twice"),
    "date_end_before_date.md": (8, "incidents[0].date_end", "before date"),
    "unknown_relation_target.md": (7, "incidents[0].related[0].incident", "not defined in any article"),
    "bad_choice.md": (7, "incidents[0].actors[0].role", "unknown value 'hero'"),
    "not_utf8.md": (3, None, "not UTF-8"),
    "url_not_web_address.md": (5, "url", "expected a web address"),
}


def test_every_invalid_fixture_is_listed():
    assert sorted(p.name for p in (FIXTURES / "invalid").iterdir()) == sorted(INVALID)


@pytest.mark.parametrize("name", sorted(INVALID))
def test_invalid_article_reports_file_line_and_field(vocabulary_only: Path, name: str):
    target = vocabulary_only / "articles" / name
    shutil.copyfile(FIXTURES / "invalid" / name, target)
    content, diagnostics = load_content(vocabulary_only)
    line, field, words = INVALID[name]
    assert content is None
    errors = [d for d in diagnostics if d.is_error]
    assert len(errors) == 1, [str(d) for d in errors]
    error = errors[0]
    assert Path(error.path) == target
    assert error.line == line, str(error)
    assert error.field == field, str(error)
    assert words in str(error)
    assert str(error).startswith(f"{target}:{line}: error: ")
    assert error.hint, "every error tells the user what to do"


def test_all_problems_of_all_files_reported_in_one_run(vocabulary_only: Path):
    for name in INVALID:
        shutil.copyfile(FIXTURES / "invalid" / name, vocabulary_only / "articles" / name)
    content, diagnostics = load_content(vocabulary_only)
    assert content is None
    assert {Path(d.path).name for d in diagnostics if d.is_error} == set(INVALID)


@pytest.mark.parametrize("name", sorted(p.name for p in (FIXTURES / "valid").iterdir()))
def test_valid_fixtures_load(vocabulary_only: Path, name: str):
    shutil.copyfile(FIXTURES / "valid" / name, vocabulary_only / "articles" / name)
    content, diagnostics = load_content(vocabulary_only)
    assert [str(d) for d in diagnostics if d.is_error] == []
    assert len(content.articles) == 2


def test_full_incident_is_converted_to_the_model(vocabulary_only: Path):
    shutil.copyfile(FIXTURES / "valid" / "incident_with_every_field.md", vocabulary_only / "articles" / "x.md")
    content, _ = load_content(vocabulary_only)
    article = next(a for a in content.articles if a.id == "every-field")
    incident = article.incidents[0]
    assert article.title == "مقال فيه كل الحقول: عنوان بنقطتين"
    assert str(incident.date_end) == "2022-01-07"
    assert incident.weapons[0].count == 3
    assert incident.actors[0].origin == "omar-oil-field"
    assert incident.response.weapons[0].type == "mortar"
    assert incident.related[0].relation == "response_to"
    assert article.body.startswith("## عنوان فرعي")


def test_duplicate_article_ids_across_files(vocabulary_only: Path):
    text = "---\nid: twin\ntitle: t\npublished: 2022-01-01\n---\n"
    (vocabulary_only / "articles" / "a.md").write_text(text, encoding="utf-8")
    (vocabulary_only / "articles" / "b.md").write_text(text, encoding="utf-8")
    _, diagnostics = load_content(vocabulary_only)
    errors = [d for d in diagnostics if d.is_error]
    assert len(errors) == 1 and "already used" in errors[0].message and errors[0].line == 2
    assert "a.md" in errors[0].hint


def test_same_incident_in_two_articles_is_one_incident(vocabulary_only: Path):
    text = ("---\nid: second-report\ntitle: t\npublished: 2022-01-09\n"
            "incidents:\n  - id: 2022-01-07-omar-field-rocket-attack\n---\n")
    (vocabulary_only / "articles" / "second.md").write_text(text, encoding="utf-8")
    content, diagnostics = load_content(vocabulary_only)
    assert not [d for d in diagnostics if d.is_error]
    ids = [i.id for a in content.articles for i in a.incidents]
    assert ids.count("2022-01-07-omar-field-rocket-attack") == 2


def test_vocabulary_errors_name_the_file_and_line(vocabulary_only: Path):
    gazetteer = vocabulary_only / "gazetteer.yaml"
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8") + (
        "  - id: syria\n    name: سوريا\n    kind: country\n"
        "  - id: lost\n    name: مكان\n    kind: town\n    parent: nowhere\n"
        "  - id: odd\n    name: مكان\n    kind: planet\n"), encoding="utf-8")
    _, diagnostics = load_content(vocabulary_only)
    messages = {(d.line, d.message) for d in diagnostics if d.is_error}
    lines = gazetteer.read_text(encoding="utf-8").splitlines()
    duplicate_line = len(lines) - 9
    assert (duplicate_line, "places id 'syria' is defined twice") in messages
    assert any("unknown parent 'nowhere'" in m for _, m in messages)
    assert any("unknown value 'planet'" in m and line == len(lines) for line, m in messages)


def test_parse_article_is_pure_and_split_keeps_body_line():
    text = "---\nid: a\ntitle: t\npublished: 2022-01-01\n---\nbody line\n"
    assert split_front_matter(text) == ("id: a\ntitle: t\npublished: 2022-01-01\n", "body line\n", 6)
    parsed = parse_article(Path("virtual.md"), text)
    assert parsed.article.body == "body line" and parsed.diagnostics == []


def test_missing_content_folder(tmp_path: Path):
    content, diagnostics = load_content(tmp_path / "nowhere")
    assert content is None and "does not exist" in diagnostics[0].message
