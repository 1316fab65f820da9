"""Whoosh's chains give exactly the analyzer's terms, at index time and at query time."""

from __future__ import annotations

import gzip
import json
from itertools import islice
from pathlib import Path

import pytest

from sitegen import arabic
from sitegen.model import Place, Vocabulary
from sitegen.search import SearchIndex, build_index
from sitegen.search.analysis import exact_analyzer, stemmed_analyzer
from sitegen.search.schema import make_schema

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "ant-v1.1.jsonl.gz"
SAMPLE = 200
TEXTS = [
    (REPO / "seeds" / "000_0aeae3b849c18532.txt").read_text(encoding="utf-8"),
    "قَصْفٌ «مدفعيّ» على بزاعة، والســـلام ﻻجئين ٢٠٢٢ دير\u200f الزور CNN",
]
NAMES = ["بزاعة", "الميادين"]


def check(text: str) -> None:
    analyzer = arabic.Analyzer(NAMES)
    stemmed = [t.text for t in stemmed_analyzer(analyzer)(text)]
    exact_tokens = [(t.text, t.startchar, t.endchar) for t in exact_analyzer()(text, chars=True)]
    assert stemmed == analyzer.terms(text)
    assert [t for t, _, _ in exact_tokens] == analyzer.exact_terms(text)
    assert all(arabic.normalize_word(text[start:end]) == term for term, start, end in exact_tokens)
    schema = make_schema(analyzer)
    assert list(schema["body"].process_text(text, mode="query")) == analyzer.terms(text)
    assert list(schema["body_exact"].process_text(text, mode="query")) == analyzer.exact_terms(text)


@pytest.mark.parametrize("text", TEXTS, ids=["seed", "variants"])
def test_index_and_query_analysis_agree(text):
    check(text)


@pytest.mark.corpus
def test_index_and_query_analysis_agree_on_a_corpus_sample():
    if not CORPUS.exists():
        pytest.skip(f"the shared corpus is absent ({CORPUS}); this test reads ../shared/corpus")
    with gzip.open(CORPUS, "rt", encoding="utf-8") as lines:
        for line in islice(lines, SAMPLE):
            record = json.loads(line)
            check(" ".join(filter(None, [record["title"], record["abstract"], record["text"]])))


def test_the_index_keeps_the_protected_names_for_query_time(tmp_path):
    vocabulary = Vocabulary(places={"buzaa": Place("buzaa", "بزاعة", "town")})
    build_index([], vocabulary, tmp_path)
    with SearchIndex(tmp_path) as index:
        assert index.analyzer.stem(arabic.normalize_word("لبزاعة")) == "بزاعه"
    assert arabic.Analyzer().stem(arabic.normalize_word("لبزاعة")) == "زاع"
