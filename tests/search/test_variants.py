"""Every query/document pair of ../shared/arabic-variants.tsv must match in a real index
built with the shipped ``content/`` vocabularies (their names are protected as for users;
``test_cli_project.py`` checks the same rows through ``sitegen search``).

Rows marked ``yes`` are required. The ``stretch`` rows (hamza seats, broken plurals) all
match too, so they are held to the same standard: a regression on them fails.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.content import load_vocabulary
from sitegen.model import Article
from sitegen.search import SearchIndex, build_index
from variant_rows import ROWS, VARIANTS

ROOT = Path(__file__).resolve().parents[2]


def _param(number: int, row: dict):
    return pytest.param(number, row, id=f"{row['required']}-{row['class']}-{number}")


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    if not ROWS:
        pytest.skip(f"{VARIANTS} is absent: the shared variant table lives in ../shared/")
    directory = tmp_path_factory.mktemp("variants")
    articles = [
        Article(id=f"row-{n}", title="وثيقة", published=dt.date(2022, 1, 1), body=row["document_text"])
        for n, row in enumerate(ROWS)
    ]
    vocabulary, problems = load_vocabulary(ROOT / "content")
    assert vocabulary.actors and not [p for p in problems if p.is_error]
    build_index(articles, vocabulary, directory)
    with SearchIndex(directory) as opened:
        yield opened


@pytest.mark.parametrize(("number", "row"), [_param(n, row) for n, row in enumerate(ROWS)])
def test_variant_matches(index, number, row):
    results = index.search(row["query"], limit=len(ROWS))
    assert f"row-{number}" in [hit.id for hit in results.hits if hit.tier == "all"]


def test_required_rows_are_present():
    if not ROWS:
        pytest.skip(f"{VARIANTS} is absent")
    assert sum(row["required"] == "yes" for row in ROWS) >= 40
