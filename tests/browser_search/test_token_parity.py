"""One analyzer: the browser's engine, fed the exported tables, gives Python's tokens for every word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO
from nodejs import run_json
from sitegen import arabic
from sitegen.content import load_vocabulary
from sitegen.extract import inputs
from sitegen.search.schema import protected_names

SAMPLES = [
    "قصف متبادل بين الميليشيات الإيرانية والقوات الأمريكية شرقي دير الزور",
    "وبغداد، لبغداد؛ والميادين بالميادين «الله» ﻻ ﷲ",  # protected names, lam-alef and presentation forms
    "أعلنت القواتُ الأمريكيّة ـــ ١٢٣ و۴۵۶ صواريخ وقذائف",  # harakat, tatweel, Arabic-Indic and Persian digits
    "کتاب ی ۀ ZWNJ\u200cهنا \u200fRLM\u200f CAFÉ İstanbul ß",  # Persian letters, invisibles, Latin case
    "عليها وفيها ومن لماذا؟ ... !!",  # stop words and punctuation only
]


def _vocabulary_names() -> list[str]:
    vocabulary, problems = load_vocabulary(REPO / "content")
    assert vocabulary is not None, problems
    return protected_names(vocabulary)


def _node_tokens(texts: list[str], tables: dict, tmp_path: Path) -> list[list[list]]:
    tables_file = tmp_path / "tables.json"
    tables_file.write_text(json.dumps(tables, ensure_ascii=False), encoding="utf-8")
    return run_json("analyze.js", [str(tables_file)], texts)


def _python_tokens(texts: list[str], analyzer: arabic.Analyzer) -> list[list[list]]:
    return [[[w.exact, w.stem, w.start, w.end] for w in analyzer.analyze(text)] for text in texts]


def _fixture_texts() -> list[str]:
    paths = [*(REPO / "content" / "articles").glob("*.md"), *FIXTURES.rglob("*.md"), *(REPO / "seeds").glob("*.txt")]
    texts = []
    for path in sorted(paths):
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # the fixture that is not UTF-8 on purpose
    return texts


def _distinct_words(texts) -> list[str]:
    return sorted({word for text in texts for word, _, _ in arabic.tokenize(text)})


def test_samples_and_fixtures_give_the_same_tokens_and_offsets(tmp_path: Path):
    names = _vocabulary_names()
    texts = SAMPLES + _fixture_texts()
    texts += _distinct_words(texts)
    expected = _python_tokens(texts, arabic.Analyzer(names))
    assert expected[0] and expected[1], "the samples hold words"
    assert _node_tokens(texts, arabic.export_tables(names), tmp_path) == expected


def test_protected_names_are_not_cut_in_the_browser_either(tmp_path: Path):
    names = _vocabulary_names()
    got = _node_tokens(["وبغداد لبغداد بالميادين"], arabic.export_tables(names), tmp_path)
    assert [stem for _, stem, _, _ in got[0]] == ["بغداد", "بغداد", "ميادين"]


@pytest.mark.corpus
def test_every_distinct_word_of_the_corpus_gives_the_same_tokens(corpus_path: Path, tmp_path: Path):
    texts = []
    for item in inputs.read(corpus_path):
        if isinstance(item, inputs.RawArticle):
            texts += [item.title, item.lede or "", item.body]
    words = _distinct_words(texts)
    assert len(words) > 50_000, f"only {len(words)} distinct words read from the corpus"
    names = _vocabulary_names()
    expected = _python_tokens(words, arabic.Analyzer(names))
    got = _node_tokens(words, arabic.export_tables(names), tmp_path)
    differing = [(w, e, g) for w, e, g in zip(words, expected, got) if e != g]
    assert not differing, f"{len(differing)} of {len(words)} words differ, e.g. {differing[:5]}"
