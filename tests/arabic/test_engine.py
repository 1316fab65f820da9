"""Tokenizer offsets, normalization, protection, and the exported tables."""

from __future__ import annotations

import bisect
import json
import pickle
import re
import unicodedata
from pathlib import Path

from sitegen.arabic import Analyzer, export_tables, fold, is_stop_word, normalize, normalize_word, tokenize

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_0aeae3b849c18532.txt"


def test_tokens_keep_harakat_and_point_into_the_original_text():
    text = "قَصْفٌ «مدفعيّ»، دير\u200f الزور"
    tokens = tokenize(text)
    assert [t for t, _, _ in tokens] == ["قَصْفٌ", "مدفعيّ", "دير\u200f", "الزور"]
    assert all(text[start:end] == token for token, start, end in tokens)


def test_punctuation_of_every_kind_separates_words():
    assert [t for t, _, _ in tokenize("أ،ب؛ج؟د«ه»و“ز”ح.ط")] == list("أبجدهوزحط")


def test_normalize_unifies_letters_digits_and_forms():
    assert normalize_word("أإآٱ") == "اااا"
    assert normalize_word("ىةؤئ") == "يهءء"
    assert normalize_word("٠١٢٣٤٥٦٧٨٩۰۹") == "012345678909"
    assert normalize_word("ﻻ") == "لا"
    assert normalize("ﺍﻟﺴﻼﻡ، عليكم!") == "السلام عليكم"


def test_fold_maps_every_character_back_and_agrees_with_word_normalization():
    text = SEED.read_text(encoding="utf-8") + " قَصْفٌ ﻻجئين ٢٠٢٢ الســـلام \u200fمسؤول"
    folded, offsets = fold(text)
    assert len(offsets) == len(folded) and offsets == sorted(offsets)
    for word, start, end in tokenize(text):
        first = bisect.bisect_left(offsets, start)
        last = bisect.bisect_left(offsets, end)
        assert folded[first:last] == normalize_word(word)
    assert text[offsets[folded.index("لاجءين")]] == "ﻻ"


def test_stop_words_are_normalized_on_loading():
    assert is_stop_word(normalize_word("إلى"))
    assert is_stop_word("الي")
    assert not is_stop_word("قصف")


def test_protection_keeps_names_whole_and_frees_them_of_prefixes():
    plain, protected = Analyzer(), Analyzer(["بزاعة", "الباغوز"])
    assert plain.terms("بزاعة الباغوز") == ["زاع", "اغوز"]
    assert protected.terms("بزاعة لبزاعة الباغوز بالباغوز باغوز") == ["بزاعه", "بزاعه", "باغوز", "باغوز", "باغوز"]


def test_only_names_whose_start_looks_like_a_clitic_are_protected():
    analyzer = Analyzer(["المدنيين", "مدنيين", "الشعيطات", "بغداد", "كفرنبل"])
    assert analyzer.protected_names == ("بغداد", "كفرنبل")
    assert analyzer.terms("مدني المدنيين للمدنيين") == ["مدن", "مدن", "مدن"]
    assert analyzer.terms("الشعيطات شعيطي") == ["شعيط", "شعيط"]


def test_clitic_hamza_alef_lam_doubled_clitic_and_digits():
    analyzer = Analyzer()
    for a, b in [("ألعاب", "الألعاب"), ("ألقاب", "القاب"), ("إلكتروني", "الإلكتروني"), ("ووالاتفاق", "والاتفاق")]:
        assert analyzer.terms(a) == analyzer.terms(b), (a, b)
    assert analyzer.terms("ولماذا وهل وحتى فلماذا قصف") == ["قصف"]
    assert analyzer.terms("ولي العهد") == ["ولي", "عهد"]  # a content word that looks like و + a stop word
    assert [t for t, _, _ in tokenize("آيفون7 7آيفون")] == ["آيفون", "7", "7", "آيفون"]


def test_builtin_names_are_protected():
    assert Analyzer().terms("بغداد الميادين فرنسا") == ["بغداد", "ميادين", "فرنسا"]


def test_analyzer_survives_pickling_with_its_names():
    analyzer = pickle.loads(pickle.dumps(Analyzer(["بزاعة"])))
    assert analyzer.terms("بزاعة") == ["بزاعه"]


def _port(tables: dict, text: str) -> list[str]:
    """A second implementation that knows only the exported tables, as a browser port would."""
    # Python's \d is JavaScript's \p{Nd}; Python's [^\W\d_] is (?!\p{Nd})[\p{L}\p{N}]
    pattern = tables["word_pattern"].replace("(?!\\p{Nd})[\\p{L}\\p{N}]", "[^\\W\\d_]").replace("\\p{Nd}", "\\d")
    norm = tables["normalize"]
    deleted = {cp for first, last in norm["delete"] for cp in range(first, last + 1)}
    stem_rules, protected = tables["stem"], tables["protected"]
    terms = []
    for match in re.finditer(pattern, text):
        word = unicodedata.normalize(norm["unicode_form"], match.group()).lower()
        word = "".join(norm["map"].get(c, c) for c in word if ord(c) not in deleted)
        clitics = tables["stop_word_clitics"]
        if not word or word in tables["stop_words"]:
            continue
        if word[:1] in clitics["letters"] and word[1:] in tables["stop_words"] and word not in clitics["except"]:
            continue
        terms.append(_port_stem(word, stem_rules, protected))
    return terms


def _port_stem(word: str, rules: dict, protected: dict) -> str:
    if word in protected:
        return protected[word]
    rest = word
    if len(rest) > 2 and rest[0] == rest[1] and rest[0] in rules["doubled_letters"]:
        rest = rest[1:]
        if rest in protected:
            return protected[rest]
    for prefix in rules["article_prefixes"]:
        if rest.startswith(prefix) and len(rest) - len(prefix) >= rules["article_min_rest"]:
            rest = rest[len(prefix):]
            name = protected.get(rest) or protected.get(rules["article"] + rest)
            if name:
                return name
            also = rules["article_then_also"]
            if rest.startswith(also) and len(rest) - len(also) >= rules["article_min_rest"]:
                rest = rest[len(also):]
                name = protected.get(rest) or protected.get(also + rest)
                if name:
                    return name
            break
    for _ in range(rules["max_letters"]):
        min_rest = rules["letter_min_rest"].get(rest[:1])
        if min_rest is None or len(rest) - 1 < min_rest:
            break
        rest = rest[1:]
        if rest in protected:
            return protected[rest]
    for suffix in rules["suffixes"]:
        if rest.endswith(suffix) and len(rest) - len(suffix) >= rules["suffix_min_rest"]:
            rest = rest[: -len(suffix)]
    return rules["plural_stems"].get(rest, rest)


def test_exported_tables_reproduce_the_analyzer():
    names = ["بزاعة", "الشعيطات", "المدنيين"]
    tables = json.loads(json.dumps(export_tables(names), ensure_ascii=False))
    text = SEED.read_text(encoding="utf-8") + (
        " قَصْفٌ ﻻجئين ٢٠٢٢م آيفون7 بزاعة بالشعيطات صواريخ ولماذا ولي ووالاتفاق الألعاب ألعاب للمدنيين"
    )
    assert _port(tables, text) == Analyzer(names).terms(text)


def test_export_is_deterministic():
    first = json.dumps(export_tables(["ب", "بزاعة"]), ensure_ascii=False)
    assert first == json.dumps(export_tables(["بزاعة", "ب"]), ensure_ascii=False)

