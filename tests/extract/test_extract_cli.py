"""``sitegen extract`` on the command line: summary, exit code, file:line problems."""

import json

from click.testing import CliRunner

from sitegen.cli import main


def run(*args):
    return CliRunner().invoke(main, ["extract", *map(str, args)])


def test_bad_records_are_reported_and_the_rest_extracted(content):
    path = content.parent / "news.jsonl"
    good = {"docno": "JA-x-1-20170120", "title": "عنوان", "text": "قصفت القوات أمس مدينة الرقة", "time": "20/01/2017"}
    path.write_text(json.dumps(good, ensure_ascii=False) + "\n" + json.dumps({"docno": "b", "title": ""}) + "\n",
                    encoding="utf-8")
    result = run(path, "--out", content / "articles")
    assert result.exit_code == 1
    assert f"{path}:2: error: title: record b: empty title" in result.output
    assert "1 written" in result.output and "1 problem(s)" in result.output
    text = (content / "articles" / "JA-x-1-20170120.md").read_text(encoding="utf-8")
    assert "date: 2017-01-19" in text and "review: pending" in text


def test_without_a_publication_date_relative_dates_stay_unresolved(content, seed):
    result = run(seed, "--out", content / "articles")
    assert result.exit_code == 0, result.output
    assert "no publication date" in result.output
    text = (content / "articles" / "000-0aeae3b849c18532.md").read_text(encoding="utf-8")
    assert "date_precision: unresolved" in text and "date_text: ليلة أمس الجمعة" in text
    assert "2022-01-07" not in text


def test_a_bad_publication_date_is_refused_at_the_boundary(content, seed):
    result = run(seed, "--published", "2022-13-01", "--out", content / "articles")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
