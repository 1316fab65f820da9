"""``sitegen extract`` on the command line: summary, exit code, file:line problems."""

import json
import os

from click.testing import CliRunner

from sitegen.cli import main


def run(*args, cwd=None):
    """``sitegen extract ARGS`` from the folder ``cwd`` (a project folder), as a user runs it."""
    if cwd is None:
        return CliRunner().invoke(main, ["extract", *map(str, args)])
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, ["extract", *map(str, args)])
    finally:
        os.chdir(previous)


def test_bad_records_are_reported_and_the_rest_extracted(content):
    path = content.parent / "news.jsonl"
    good = {"docno": "JA-x-1-20170120", "title": "عنوان", "text": "قصفت القوات أمس مدينة الرقة", "time": "20/01/2017"}
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n" + json.dumps({"docno": "b", "title": ""}) + "\n",
                    encoding="utf-8")
    result = run(path, cwd=content.parent)
    assert result.exit_code == 1
    assert f"{path}:2: error: title: record b: empty title" in result.output
    assert "1 written" in result.output and "1 problem(s)" in result.output
    text = (content / "articles" / "JA-x-1-20170120.md").read_text(encoding="utf-8")
    assert "date: 2017-01-19" in text and "review: pending" in text


def test_without_a_publication_date_relative_dates_stay_unresolved(content, seed):
    result = run(seed, cwd=content.parent)
    assert result.exit_code == 0, result.output
    assert "no publication date" in result.output
    text = (content / "articles" / "000-0aeae3b849c18532.md").read_text(encoding="utf-8")
    assert "date_precision: unresolved" in text and "date_text: ليلة أمس الجمعة" in text
    assert "2022-01-07" not in text


def test_a_bad_publication_date_is_refused_at_the_boundary(content, seed):
    result = run(seed, "--published", "2022-13-01", cwd=content.parent)
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_vocabularies_come_from_the_project_whatever_out_is(content, tmp_path):
    path = content.parent / "news.jsonl"
    record = {"docno": "JA-x-2-20170120", "title": "قصف", "text": "قصفت القوات أمس مدينة الرقة", "time": "20/01/2017"}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    elsewhere = tmp_path / "review" / "batch"
    result = run(path, "--out", elsewhere, cwd=content.parent)
    assert result.exit_code == 0, result.output
    text = (elsewhere / "JA-x-2-20170120.md").read_text(encoding="utf-8")
    assert "location: ar-raqqah" in text
    assert (content / ".extracted" / "JA-x-2-20170120.yaml").exists()


def test_content_dir_of_sitegen_yaml_is_used(content, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    content.rename(project / "data")
    (project / "sitegen.yaml").write_text("content_dir: data\n", encoding="utf-8")
    path = project / "news.jsonl"
    record = {"docno": "JA-x-3-20170120", "title": "قصف", "text": "قصفت القوات أمس مدينة الرقة", "time": "20/01/2017"}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run(path, cwd=project)
    assert result.exit_code == 0, result.output
    assert "location: ar-raqqah" in (project / "data" / "articles" / "JA-x-3-20170120.md").read_text(encoding="utf-8")


def test_missing_vocabularies_are_an_error_naming_the_folder(tmp_path, seed):
    result = run(seed, "--published", "2022-01-08", "--out", tmp_path / "out", cwd=tmp_path)
    assert result.exit_code == 2
    assert "gazetteer.yaml, actors.yaml, lexicon.yaml not found in " + str((tmp_path / "content").resolve()) in result.output
    assert "--content" in result.output and "nothing written" in result.output
    assert not (tmp_path / "out").exists()


def test_exit_status_tells_all_written_from_some_skipped_and_nothing_written(content):
    good = {"docno": "JA-x-4-20170120", "title": "عنوان", "text": "نص", "time": "20/01/2017"}
    bad = {"docno": "b", "title": ""}
    cases = {"all.jsonl": ([good], 0), "some.jsonl": ([good, bad], 1), "none.jsonl": ([bad], 2)}
    for name, (records, status) in cases.items():
        path = content.parent / name
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        result = run(path, "--out", content.parent / name.replace(".jsonl", ""), cwd=content.parent)
        assert result.exit_code == status, (name, result.output)
        assert "article" in result.output.splitlines()[-1] or "nothing written" in result.output


def test_progress_is_reported_per_article(content, seed):
    from sitegen.extract import extract

    seen = []
    report = extract([seed], content / "articles", content, progress=seen.append)
    assert seen == [1] and report.status == 0
