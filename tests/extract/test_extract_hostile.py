"""Careless and hostile inputs to ``sitegen extract``: each record gets its own message, the
rest are still written, and every file written loads back through the build's loader."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sitegen.cli import main
from sitegen.content import load_content

BODY = "قصفت القوات أمس مدينة الرقة"


def run(*args):
    """``sitegen extract ARGS``; the vocabularies are those of the test's content folder
    (the parent of ``--out`` unless ``--content`` is given), never the repository's."""
    args = [str(a) for a in args]
    if "--content" not in args and "--out" in args:
        args += ["--content", str(Path(args[args.index("--out") + 1]).parent)]
    return CliRunner().invoke(main, ["extract", *args])


def _jsonl(path: Path, records: list) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _builds(content: Path) -> None:
    loaded, diagnostics = load_content(content)
    assert [str(d) for d in diagnostics if d.is_error] == []
    assert loaded is not None


def test_records_with_wrong_types_are_skipped_one_by_one(content: Path):
    good = {"title": "عنوان", "text": BODY, "time": "2017-01-20"}
    path = _jsonl(content.parent / "news.jsonl", [
        {**good, "docno": "first"},
        {**good, "docno": "number-title", "title": 5},
        {**good, "docno": "number-time", "time": 20170120},
        {**good, "docno": "list-text", "text": ["a", "b"]},
        {**good, "docno": "///"},
        {**good, "docno": "script-url", "url": "javascript:alert(1)"},
        {**good, "docno": "list-src", "src": ["a", "b"]},
        {**good, "docno": "last", "abstract": "سطر أول\n---\nسطر ثان"},
    ])
    result = run(path, "--out", content / "articles")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    for expected in (
        f"{path}:2: error: title: title must be text, found a number; record skipped (write it as a JSON string, in quotes)",
        f"{path}:3: error: time: time must be text, found a number; record skipped (write it as a JSON string, in quotes)",
        f"{path}:4: error: text: text must be text, found a list; record skipped (write it as a JSON string, in quotes)",
        f"{path}:6: warning: url: record script-url: url 'javascript:alert(1)' is not a web address (http or https); left out",
        f"{path}:7: error: src: src must be text, found a list; record skipped (write it as a JSON string, in quotes)",
    ):
        assert expected in lines, result.output
    written = sorted(p.name for p in (content / "articles").iterdir())
    assert written == ["first.md", "last.md", "news-5.md", "script-url.md"]
    assert "javascript" not in (content / "articles" / "script-url.md").read_text(encoding="utf-8")
    _builds(content)
    last = load_content(content)[0]
    assert next(a for a in last.articles if a.id == "last").lede == "سطر أول\n---\nسطر ثان"


def test_existing_files_that_cannot_be_merged_are_reported(content: Path):
    path = _jsonl(content.parent / "news.jsonl", [
        {"docno": "five", "title": "عنوان", "text": BODY, "time": "2017-01-20"},
        {"docno": "pair", "title": "عنوان", "text": BODY, "time": "2017-01-20"},
        {"docno": "folder", "title": "عنوان", "text": BODY, "time": "2017-01-20"},
        {"docno": "fine", "title": "عنوان", "text": BODY, "time": "2017-01-20"},
    ])
    assert run(path, "--out", content / "articles").exit_code == 0
    articles, records = content / "articles", content / ".extracted"
    five = articles / "five.md"
    five.write_text(five.read_text(encoding="utf-8").replace("incidents:", "incidents: 5\nold_incidents:", 1),
                    encoding="utf-8")
    pair = records / "pair.yaml"
    pair.write_text(pair.read_text(encoding="utf-8").replace("- id: ", "- id: [a, b]\n  old_id: ", 1),
                    encoding="utf-8")
    (articles / "folder.md").unlink()
    (articles / "folder.md").mkdir()
    result = run(path, "--out", articles)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert f"{five}: error: cannot merge into this file: incidents must be a list of incidents, found int 5 " \
           "(fix or remove it)" in lines, result.output
    assert f"{pair}: error: unreadable proposal record: incidents[0].id must be one id, found ['a', 'b'] " \
           "(remove it)" in lines, result.output
    assert f"{articles / 'folder.md'}: error: cannot merge into this file: it is a folder, not a file " \
           "(fix or remove it)" in lines, result.output
    assert "1 unchanged" in result.output, "the good record is still handled"


def test_out_naming_a_file_and_inputs_that_are_folders(content: Path, seed: Path):
    target = content.parent / "notes.txt"
    target.write_text("mine", encoding="utf-8")
    result = run(seed, "--out", target, "--content", content)
    assert result.exit_code == 2  # nothing written
    assert f"{target}: error: is a file, not a folder; nothing was extracted (give --out a folder)" in result.output
    assert target.read_text(encoding="utf-8") == "mine"
    folder = content.parent / "inputs.txt"
    folder.mkdir()
    result = run(folder, seed, "--out", content / "articles", "--published", "2022-01-08")
    assert result.exit_code == 1
    assert f"{folder}: error: cannot read the file: Is a directory" in result.output
    assert "1 written" in result.output


def test_an_input_name_too_long_for_a_file_name(content: Path, seed: Path):
    long_input = content.parent / ("ب" * 120 + ".txt")  # 244 bytes: a legal name, too long with a prefix
    long_input.write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    result = run(long_input, "--out", content / "articles", "--published", "2022-01-08")
    assert result.exit_code == 0, result.output
    (written,) = (content / "articles").iterdir()
    assert written.name == "ب" * 100 + ".md"
    _builds(content)


def test_a_proposal_record_with_an_alias_is_reported_not_expanded(content: Path):
    path = _jsonl(content.parent / "news.jsonl", [{"docno": "bomb", "title": "عنوان", "text": BODY,
                                                   "time": "2017-01-20"}])
    assert run(path, "--out", content / "articles").exit_code == 0
    record = content / ".extracted" / "bomb.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "a: &a [x, x]\nb: [*a, *a]\n", encoding="utf-8")
    result = run(path, "--out", content / "articles")
    assert result.exit_code == 2  # its only article was not written
    line = record.read_text(encoding="utf-8").count("\n")
    assert f"{record}: error: unreadable proposal record: not valid YAML (line {line}): aliases (*name) are not " \
           "allowed (remove it)" in result.output.splitlines(), result.output


def test_an_unexpected_error_names_the_record(content: Path, monkeypatch):
    path = _jsonl(content.parent / "news.jsonl", [{"docno": "x", "title": "عنوان", "text": BODY}])

    def broken(self, raw, published):
        raise KeyError("surprise")

    monkeypatch.setattr("sitegen.extract.propose.Proposer.propose", broken)
    result = run(path, "--out", content / "articles")
    assert result.exit_code == 3
    assert f"sitegen: unexpected error while processing {path}:1: KeyError: 'surprise'" in result.output
