"""The query language: punctuation separates words, the syntax keeps working, bad queries say why."""

from __future__ import annotations

import re

import pytest

from sitegen.search.querylang import And, Not, Or, Phrase, Prefix, SearchError, Word, clauses, parse


def test_arabic_punctuation_separates_words_as_in_text():
    assert parse("من بنى الكعبة؟") == And((Word("بني"), Word("الكعبه")))
    assert parse("«داعش»، قصف!") == And((Word("داعش"), Word("قصف")))
    assert parse("عاجل: قصف … ٪") == And((Word("عاجل"), Word("قصف")))


def test_syntax_keeps_working():
    assert parse('"دير الزور" AND قصف') == And((Phrase(("دير", "الزور")), Word("قصف")))
    assert parse("(صاروخ* OR هاون) NOT غارة") == And(
        (Or((Prefix("صاروخ"), Word("هاون"))), Not(Word("غاره")))
    )


def test_stop_words_vanish_without_leaving_an_operator_dangling():
    assert parse("في OR قصف") == Word("قصف")


def test_clauses_are_the_children_of_the_top_level_and():
    assert clauses(parse("قصف غارة OR هجوم")) == (Word("قصف"), Or((Word("غاره"), Word("هجوم"))))
    assert clauses(parse("قصف OR هجوم")) == (Or((Word("قصف"), Word("هجوم"))),)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("قصف OR", "OR has no word after it"),
        ("OR قصف", "OR has no word before it"),
        ("قصف NOT", "NOT has no word after it"),
        ("قصف AND", "AND has no word after it"),
        ("title:قصف", "search 'قصف'"),
        ("-قصف", "write NOT قصف"),
        ("قصف -درعا", "write NOT درعا"),
        ("*", "a * only ends a word"),
        ("*ال*", "a * only ends a word"),
        ("ق*", "prefix too short"),
        ("NOT قصف", "nothing to search for"),
        ("قصف OR NOT درعا", "NOT inside an OR"),
        ('"في من"', "nothing to search for"),
        ('"قصف', "unbalanced quote"),
        ("(قصف", "a ( is not closed"),
        ("قصف)", "a ) has no ("),
        ("(" * 20 + "قصف" + ")" * 20, "nested deeper"),
        ("ق" * 10_000, "query too long"),
        ("ق" * 500, "words have at most"),
        (" ".join(f"كلمة{n}" for n in range(1500)), "query too long"),
        (" ".join(["قصف"] * 40), "too many words"),
        ("   ", "empty query"),
    ],
)
def test_bad_queries_say_what_to_change(query, message):
    with pytest.raises(SearchError, match=re.escape(message)):
        parse(query)
