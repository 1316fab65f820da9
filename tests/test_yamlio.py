"""The line-keeping YAML reader."""

from __future__ import annotations

import pytest

from sitegen import yamlio


def test_lines_of_nested_values():
    located = yamlio.load("a: 1\nlist:\n  - x: 2\n    y: 3\n", first_line=10)
    assert located.data == {"a": 1, "list": [{"x": 2, "y": 3}]}
    assert located.line(("a",)) == 10
    assert located.line(("list", 0, "y")) == 13
    assert located.line(("list", 0, "missing")) == 12


def test_dates_stay_text_so_the_schema_can_report_them():
    assert yamlio.load("d: 2022-02-30\n").data == {"d": "2022-02-30"}


def test_repeated_key_is_an_error_with_its_line():
    with pytest.raises(yamlio.YamlProblem) as problem:
        yamlio.load("a: 1\nb: 2\na: 3\n")
    assert problem.value.line == 3


def test_dump_keeps_arabic_readable():
    assert yamlio.dump({"title": "دير الزور"}) == "title: دير الزور\n"
