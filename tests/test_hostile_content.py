"""Hostile and careless content: each case is its own clear error with file and line, the run
ends with exit status 1, and the previous site, index and content stay byte-identical."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import FIXTURES
from sitegen.cli import main

HOSTILE = FIXTURES / "hostile"
TAGS = "(remove the tag and write the value plain; dates as YYYY-MM-DD)"

# fixture -> the one error line expected after the file's path
CASES = {
    "anchor_bomb.md": ":6: error: malformed YAML front matter: aliases (*name) are not allowed "
                      "(write the value out in full)",
    "blank_title.md": ":3: error: title: required article field is blank (a article needs a title: write it)",
    "id_differing_by_case.md": ":2: error: id: article id '2022-01-08-Deir-Ez-Zor-Exchange-Of-Fire' differs from "
                               "'2022-01-08-deir-ez-zor-exchange-of-fire' only by case (their pages would be one "
                               "file on many disks; use the same id or really different ones)",
    "merge_key.md": ":7: error: malformed YAML front matter: merge keys (<<) are not supported (write the fields out)",
    "reserved_id_con.md": ":2: error: id: the id 'CON' is reserved: it would overwrite a listing page or is a name "
                          "Windows forbids for files (choose another id, for example add a word to it)",
    "reserved_id_index.md": ":2: error: id: the id 'index' is reserved: it would overwrite a listing page or is a "
                            "name Windows forbids for files (choose another id, for example add a word to it)",
    "tag_binary.md": f":3: error: malformed YAML front matter: the tag !!binary makes bytes, not text or a number {TAGS}",
    "tag_float.md": ":3: error: malformed YAML front matter: cannot read 'abc' as !!float: could not convert string "
                    f"to float: 'abc' {TAGS}",
    "tag_int.md": ":7: error: malformed YAML front matter: cannot read 'abc' as !!int: invalid literal for int() "
                  f"with base 10: 'abc' {TAGS}",
    "tag_python_name.md": ":3: error: malformed YAML front matter: the tag !!python/name:os.system is not "
                          f"supported {TAGS}",
    "tag_timestamp.md": ":4: error: malformed YAML front matter: cannot read '2022-02-30' as !!timestamp: day is "
                        f"out of range for month {TAGS}",
}


def _snapshot(*folders: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(project: Path) -> Path:
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    return project


def _fails_cleanly(project: Path, expected: str, args=("build",), status: int = 1, within: float = 10.0):
    folders = [project / "site", project / ".sitegen" / "index", project / "content"]
    before = _snapshot(*folders)
    started = time.monotonic()
    result = CliRunner().invoke(main, list(args))
    assert time.monotonic() - started < within
    assert result.exit_code == status, result.output
    assert expected in result.output.splitlines(), result.output
    assert "Traceback" not in result.output
    assert _snapshot(*folders) == before
    return result


def test_every_hostile_fixture_is_listed():
    assert sorted(p.name for p in HOSTILE.iterdir()) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_article_is_one_clear_error(built: Path, name: str):
    target = built / "content" / "articles" / name
    shutil.copyfile(HOSTILE / name, target)
    _fails_cleanly(built, f"{target}{CASES[name]}")


def test_generated_hostile_articles(built: Path):
    articles = built / "content" / "articles"
    cases = {
        "flow.md": ("---\nid: flow\ntitle: " + "[" * 500 + "]" * 500 + "\npublished: 2022-01-01\n---\n",
                    ":3: error: malformed YAML front matter: nested too deeply (more than 64 levels of lists "
                    "and mappings) (content needs a few levels: check the brackets and the indentation)"),
        "long-id.md": ("---\nid: " + "\U00020000" * 120 + "\ntitle: t\npublished: 2022-01-01\n---\n",
                       ":2: error: id: id too long: 480 bytes in UTF-8, at most 200 (it names a file; shorten it "
                       "(an Arabic letter takes 2 bytes))"),
        "deep-list.md": ("---\nid: deep-list\ntitle: t\npublished: 2022-01-01\n---\n"
                         + "".join("  " * i + "- x\n" for i in range(2000)),
                         ":38: error: the text is nested 33 levels deep (lists or quotes inside one another); at "
                         "most 32 (flatten the lists, or indent code with fewer spaces)"),
    }
    for name, (text, expected) in cases.items():
        path = articles / name
        path.write_text(text, encoding="utf-8")
        _fails_cleanly(built, f"{path}{expected}")
        path.unlink()


def test_huge_latitude_in_the_gazetteer(built: Path):
    gazetteer = built / "content" / "gazetteer.yaml"
    text = gazetteer.read_text(encoding="utf-8")
    lines = text.count("\n")
    gazetteer.write_text(text + "  - id: far-away\n    name: بعيد\n    kind: town\n    lat: " + "9" * 400
                         + "\n    lon: 1\n", encoding="utf-8")
    _fails_cleanly(built, f"{gazetteer}:{lines + 4}: error: places[{_count_places(text)}].lat: expected a number, "
                          "found one too large to be a coordinate (write a decimal number like 35.33)")


def _count_places(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.startswith("  - id:"))


def test_alias_in_a_vocabulary_and_in_sitegen_yaml(built: Path):
    actors = built / "content" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8") + "extra: &x [1]\nmore: *x\n", encoding="utf-8")
    lines = actors.read_text(encoding="utf-8").count("\n")
    _fails_cleanly(built, f"{actors}:{lines}: error: malformed YAML: aliases (*name) are not allowed "
                          "(write the value out in full)")
    (built / "sitegen.yaml").write_text("title: &t عنوان\ndescription: *t\n", encoding="utf-8")
    _fails_cleanly(built, f"{built / 'sitegen.yaml'}:2: error: malformed YAML: aliases (*name) are not allowed "
                          "(write the value out in full)", status=2)


def test_indented_fence_inside_a_block_scalar_stays_in_the_front_matter(built: Path):
    article = built / "content" / "articles" / "multiline.md"
    article.write_text("---\nid: multiline\ntitle: عنوان\npublished: 2022-01-01\nlede: |\n  سطر أول\n  ---\n"
                       "  سطر ثان\n---\nالنص.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    page = (built / "site" / "articles" / "multiline.html").read_text(encoding="utf-8")
    assert "سطر أول\n---\nسطر ثان" in page


def test_config_naming_a_folder(built: Path):
    _fails_cleanly(built, "content: error: is a folder, not a configuration file (name the file "
                          "itself, like content/sitegen.yaml)", args=("build", "--config", "content"),
                   status=2)


@pytest.mark.parametrize("code, message, hint", [
    (errno.ENOSPC, "No space left on device", "free some space and build again"),
    (errno.EROFS, "Read-only file system", "the file system is read-only: choose another --out"),
])
def test_disk_full_or_read_only_while_writing_pages(built: Path, monkeypatch: pytest.MonkeyPatch, code, message, hint):
    real_write_text, real_write_bytes = Path.write_text, Path.write_bytes

    def write_text(self, *args, **kwargs):
        if self.suffix == ".html":
            raise OSError(code, os.strerror(code), str(self))
        return real_write_text(self, *args, **kwargs)

    def write_bytes(self, *args, **kwargs):
        if self.suffix == ".html":
            raise OSError(code, os.strerror(code), str(self))
        return real_write_bytes(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)
    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    article = next((built / "content" / "articles").glob("*.md"))  # a change, so the rebuild writes pages
    article.write_text(article.read_text(encoding="utf-8") + "\nفقرة أخرى.\n", encoding="utf-8")
    result = _fails_cleanly(built, "build failed with 1 error(s); the previous output is untouched")
    assert f": error: cannot write: {message} ({hint}; the previous site and index are untouched)" in result.output
    assert not [p for p in built.iterdir() if ".new-" in p.name]


def test_content_links_and_odd_files(built: Path, tmp_path: Path):
    articles = built / "content" / "articles"
    secret = tmp_path / "secret.md"
    secret.write_text("---\nid: secret\ntitle: سر\npublished: 2022-01-01\n---\n", encoding="utf-8")
    (articles / "leak.md").symlink_to(secret)
    _fails_cleanly(built, f"{articles / 'leak.md'}: error: a link to {secret}, outside the content folder: refused "
                          "(copy the file into content/ if it is meant to be published)")
    (articles / "leak.md").unlink()
    (articles / "sub").symlink_to(tmp_path)
    (articles / "LOUD.MD").write_text("x", encoding="utf-8")
    os.mkfifo(articles / "pipe.md")
    inside = articles / "inside.md"
    inside.symlink_to(articles / "2022-01-08-deir-ez-zor-exchange-of-fire.md")
    inside.unlink()
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for expected in (f"{articles / 'sub'}: warning: skipped: a link to a folder is not followed (move the folder "
                     "into content/articles/ instead)",
                     f"{articles / 'LOUD.MD'}: warning: skipped: not an article file (articles end in .md, lower "
                     "case) (rename it to end in .md if it is an article)",
                     f"{articles / 'pipe.md'}: warning: skipped: not a regular file (a FIFO, a device or a broken "
                     "link) (replace it with a file)"):
        assert lines.count(expected) == 1, result.output


def test_an_unexpected_error_names_the_file_and_hides_the_traceback(built: Path, monkeypatch: pytest.MonkeyPatch):
    def broken(path, text):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("sitegen.content.parse_article", broken)
    article = built / "content" / "articles" / "2022-01-08-deir-ez-zor-exchange-of-fire.md"
    result = _fails_cleanly(built, f"sitegen: unexpected error while processing {article}: ZeroDivisionError: "
                                   "division by zero", args=("build", "--full"), status=3)  # unchanged: not parsed
    assert "run again with `sitegen --debug ...` to see the traceback" in result.output
    debug = CliRunner().invoke(main, ["--debug", "build", "--full"])
    assert isinstance(debug.exception, ZeroDivisionError), "--debug lets the traceback through"


def test_ctrl_c_is_a_message_and_status_130(built: Path, monkeypatch: pytest.MonkeyPatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("sitegen.render.write_pages", interrupted)
    _fails_cleanly(built, "interrupted: files are written whole or not at all, and a half-done swap of the site is "
                          "finished by the next build or search", args=("build", "--full"), status=130)
    assert not [p for p in built.iterdir() if ".new-" in p.name]
