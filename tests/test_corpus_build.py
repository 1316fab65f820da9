"""The whole shared corpus (10,161 real articles) through `sitegen extract` and `sitegen build`.

The extraction and build happen once per session (the ``corpus_archive`` fixture of conftest.py);
every corpus test reads that archive.
"""

from __future__ import annotations

import gzip
import re
from html import unescape
import json
from pathlib import Path

import pytest


pytestmark = pytest.mark.corpus


def test_corpus_reports_the_27_empty_articles_and_builds_the_rest(corpus_path: Path, corpus_archive):
    report, result = corpus_archive.report, corpus_archive.result
    with gzip.open(corpus_path, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    empty = {number for number, r in enumerate(records, start=1) if not r["title"].strip() or not r["text"].strip()}
    errors = [p for p in report.problems if p.is_error]
    assert len(empty) == 27
    assert {p.line for p in errors} == empty, "each empty record is reported at its own line"
    assert all(Path(p.path) == corpus_path for p in errors)
    assert len(report.written) == len(records) - 27

    assert result.articles == len(records) - 27
    assert result.incidents > 0
    first = records[0]
    page = corpus_archive.site / "articles" / f"{Path(report.written[0]).stem}.html"
    html = page.read_text(encoding="utf-8")
    assert unescape(re.search(r"<h1>(.*?)</h1>", html).group(1)) == first["title"].strip()
    assert "2017" in (corpus_archive.site / "timeline" / "index.html").read_text(encoding="utf-8")
