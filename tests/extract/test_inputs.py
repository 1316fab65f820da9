"""Reading raw inputs: text files in the seed's form and JSON lines like the corpus."""

import datetime as dt
import gzip
import json

import pytest

from sitegen.errors import Diagnostic
from sitegen.extract.inputs import RawArticle, parse_time, read, safe_id


def test_text_file_in_the_seeds_form(seed):
    [article] = list(read(seed))
    assert article.id == "000-0aeae3b849c18532"
    assert article.title.startswith("قصف متبادل")
    assert article.lede == "تصاعد ملحوظ للهجمات ضد مواقع القوات الأمريكية في سوريا."
    assert article.published is None
    assert article.body.count("\n\n") == 12  # 13 paragraphs


@pytest.mark.parametrize(
    "value, date",
    [("2017-01-20T21:43:00+01:00", dt.date(2017, 1, 20)), ("22/04/2017", dt.date(2017, 4, 22)),
     ("", None), ("soon", None), ("31/02/2017", None)],
)
def test_publication_times(value, date):
    assert parse_time(value) == date


def test_safe_ids():
    assert safe_id("JA-culture-1-20170120") == "JA-culture-1-20170120"
    assert safe_id("../etc/passwd") == "etc-passwd"
    assert safe_id("مقال عن الرقة_2") == "مقال-عن-الرقة-2"


def test_jsonl_records_and_bad_ones(tmp_path):
    path = tmp_path / "news.jsonl.gz"
    records = [
        {"docno": "JA-x-1-20170120", "title": "عنوان", "text": "سطر أول\nسطر ثان", "time": "20/01/2017",
         "url": "http://example.org/1", "src": "Jawhara FM", "abstract": "", "cat": "politic"},
        {"docno": "JA-x-2", "title": "", "text": "نص"},
        {"docno": "JA-x-3", "title": "عنوان", "text": "  "},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + ["{broken"]
    path.write_bytes(gzip.compress("\n".join(lines).encode()))
    items = list(read(path))
    good = [i for i in items if isinstance(i, RawArticle)]
    bad = [i for i in items if isinstance(i, Diagnostic)]
    assert [(g.id, g.published, g.outlet, g.lede, g.body) for g in good] == [
        ("JA-x-1-20170120", dt.date(2017, 1, 20), "Jawhara FM", None, "سطر أول\n\nسطر ثان"),
    ]
    assert [(d.line, d.message.split(":")[-1].strip()) for d in bad] == [
        (2, "empty title"), (3, "empty text"), (4, "Expecting property name enclosed in double quotes"),
    ]
    assert all(str(d).startswith(f"{path}:") for d in bad)


def test_text_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("عنوان\n".encode() + b"caf\xe9\n")
    [problem] = list(read(path))
    assert isinstance(problem, Diagnostic) and problem.line == 2 and "UTF-8" in problem.message


def test_text_file_with_an_empty_title(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("\nlede\nbody\n", encoding="utf-8")
    [problem] = list(read(path))
    assert (problem.line, problem.message) == (1, "empty title")
