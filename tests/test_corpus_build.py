"""The whole shared corpus (10,161 real articles) through `sitegen extract` and `sitegen build`."""

from __future__ import annotations

import gzip
import re
from html import unescape
import json
import shutil
from pathlib import Path

import pytest

from conftest import REPO, VOCABULARY_FILES
from sitegen.build import build
from sitegen.config import load_config
from sitegen.extract.run import extract

pytestmark = pytest.mark.corpus


def test_corpus_reports_the_27_empty_articles_and_builds_the_rest(corpus_path: Path, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch):
    content = tmp_path / "content"
    content.mkdir()
    for name in VOCABULARY_FILES:
        shutil.copyfile(REPO / "content" / name, content / name)
    report = extract([corpus_path], content / "articles", content)

    with gzip.open(corpus_path, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    empty = {number for number, r in enumerate(records, start=1) if not r["title"].strip() or not r["text"].strip()}
    errors = [p for p in report.problems if p.is_error]
    assert len(empty) == 27
    assert {p.line for p in errors} == empty, "each empty record is reported at its own line"
    assert all(Path(p.path) == corpus_path for p in errors)
    assert len(report.written) == len(records) - 27

    monkeypatch.chdir(tmp_path)
    result = build(load_config())
    assert result.articles == len(records) - 27
    assert result.incidents > 0
    first = records[0]
    page = tmp_path / "site" / "articles" / f"{Path(report.written[0]).stem}.html"
    html = page.read_text(encoding="utf-8")
    assert unescape(re.search(r"<h1>(.*?)</h1>", html).group(1)) == first["title"].strip()
    assert "2017" in (tmp_path / "site" / "timeline" / "index.html").read_text(encoding="utf-8")
