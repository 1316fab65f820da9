"""Counted nouns agree with their number by the Arabic plural rules (CLDR), in code and on pages."""

from __future__ import annotations

import pytest

from sitegen.arabic_plural import count_phrase, group_thousands, plural_category

INCIDENT = {"zero": "لا حوادث", "one": "حادثة واحدة", "two": "حادثتان", "few": "{n} حوادث", "many": "{n} حادثة",
            "other": "{n} حادثة"}


@pytest.mark.parametrize(("n", "category", "phrase"), [
    (0, "zero", "لا حوادث"),
    (1, "one", "حادثة واحدة"),
    (2, "two", "حادثتان"),
    (3, "few", "3 حوادث"),
    (10, "few", "10 حوادث"),
    (11, "many", "11 حادثة"),
    (99, "many", "99 حادثة"),
    (100, "other", "100 حادثة"),
    (101, "other", "101 حادثة"),
    (102, "other", "102 حادثة"),
    (103, "few", "103 حوادث"),
    (110, "few", "110 حوادث"),
    (111, "many", "111 حادثة"),
    (199, "many", "199 حادثة"),
    (200, "other", "200 حادثة"),
    (1000, "other", "1,000 حادثة"),
    (1001, "other", "1,001 حادثة"),
    (1003, "few", "1,003 حوادث"),
    (1011, "many", "1,011 حادثة"),
    (10161, "many", "10,161 حادثة"),
    (100000, "other", "100,000 حادثة"),
])
def test_categories_and_phrases(n: int, category: str, phrase: str):
    assert plural_category(n) == category
    assert count_phrase(n, INCIDENT) == phrase


def test_missing_categories_fall_back_to_other_and_other_is_required():
    assert count_phrase(5, {"other": "{n} x"}) == "5 x"
    with pytest.raises(KeyError):
        count_phrase(5, {"one": "x"})


def test_thousands_separator():
    assert [group_thousands(n) for n in (7, 999, 1000, 10161, 1234567)] == ["7", "999", "1,000", "10,161", "1,234,567"]
