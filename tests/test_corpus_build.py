"""Building the whole shared corpus (10,161 real articles) as a news collection without incidents."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from corpus_import import import_corpus
from sitegen.build import build
from sitegen.config import load_config

pytestmark = pytest.mark.corpus


def test_corpus_imports_reports_the_27_empty_articles_and_builds_the_rest(corpus_path: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch):
    content = tmp_path / "content"
    written, problems = import_corpus(corpus_path, content / "articles")
    with gzip.open(corpus_path, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    empty = {r["docno"] for r in records if not r["title"].strip() or not r["text"].strip()}
    assert len(empty) == 27 and len(problems) == 27
    assert {p.split(": ")[1] for p in problems} == empty
    assert all(":" in p.split(": ")[0] for p in problems), "each problem names the file and line"
    assert written == len(records) - 27

    monkeypatch.chdir(tmp_path)
    result = build(load_config())
    assert result.articles == written
    assert result.pages > written
    sample = next(r for r in records if r["docno"] not in empty)
    page = tmp_path / "site" / "articles" / f"{sample['docno'].lower()}.html"
    assert page.is_file()
    timeline = (tmp_path / "site" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert "2017" in timeline
