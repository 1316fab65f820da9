"""The shared table of analyzer cases (tests/arabic/cases.tsv), run against the Python engine."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.arabic import Analyzer

CASES = Path(__file__).with_name("cases.tsv")


def read_cases() -> list[dict]:
    lines = [line for line in CASES.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    for row in rows:
        row["text"] = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), row["text"])
        row["protected"] = [name for name in row["protected"].strip().split("|") if name]
        row["terms"] = row["terms"].split()
        row["exact"] = row["exact"].split()
    return rows


@pytest.mark.parametrize("case", read_cases(), ids=lambda case: case["case"])
def test_case(case):
    analyzer = Analyzer(case["protected"])
    assert analyzer.terms(case["text"]) == case["terms"]
    assert analyzer.exact_terms(case["text"]) == case["exact"]


def test_the_table_covers_every_step():
    names = {case["case"] for case in read_cases()}
    assert {"harakat", "tatweel", "invisible", "presentation_forms", "stop_words", "clitics", "protected_name"} <= names
