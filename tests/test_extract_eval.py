"""bench/extract_eval.py reads several gold files as one set (``--gold A --gold B``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from conftest import REPO


def _module():
    sys.path.insert(0, str(REPO / "bench"))
    try:
        spec = importlib.util.spec_from_file_location("extract_eval", REPO / "bench" / "extract_eval.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(REPO / "bench"))
    return module


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_an_article_in_two_files_is_one_with_the_later_fields(tmp_path):
    first = _write(tmp_path / "a.yaml", """articles:
  - {docno: D1, published: 2017-01-02, about_syria_iraq: true, dates: [], places: [], weapons: []}
  - {docno: D2, published: 2017-01-03, about_syria_iraq: false, dates: [], places: []}
""")
    second = _write(tmp_path / "b.yaml", """articles:
  - {docno: D1, weapons: [{text: "صاروخان", count: 2, weapon: rocket}]}
  - {docno: D3, weapons: []}
""")
    gold = {a["docno"]: a for a in _module().read_gold([first, second])}
    assert list(gold) == ["D1", "D2", "D3"]
    assert gold["D1"]["weapons"] == [{"text": "صاروخان", "count": 2, "weapon": "rocket"}]
    assert gold["D1"]["dates"] == [] and gold["D1"]["about_syria_iraq"] is True
    assert "dates" not in gold["D3"] and "weapons" not in gold["D2"]


def test_a_file_that_is_no_gold_file_is_named(tmp_path):
    bad = _write(tmp_path / "bad.yaml", "- just a list\n")
    with pytest.raises(SystemExit, match="bad.yaml"):
        _module().read_gold([bad])


def test_a_held_out_run_never_writes_over_the_tuning_results():
    module = _module()
    annotations, results = REPO / "bench" / "annotations", REPO / "bench" / "results"
    assert module.results_path(annotations / "extract-gold.yaml") == results / "extract_eval.md"
    assert module.results_path(annotations / "extract-heldout.yaml") == results / "extract_eval_heldout.md"
    assert (module.results_path(annotations / "extract-heldout-weapons.yaml")
            == results / "extract_eval_heldout_weapons.md")


def test_several_gold_files_need_an_out(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["extract_eval.py", "--gold", "a.yaml", "--gold", "b.yaml"])
    with pytest.raises(SystemExit) as stop:
        _module().main()
    assert stop.value.code == 2 and "--out" in capsys.readouterr().err


def test_a_gold_count_listed_again_is_matched_once_unless_asked():
    from collections import Counter

    listed = [{"text": "ثلاثة صواريخ", "count": 3, "weapon": "rocket"},
              {"text": "الصواريخ الثلاثة", "count": 3, "weapon": "Rocket "},
              {"text": "3 قذائف", "count": 3, "weapon": "shell"},
              {"text": "صاروخين", "count": 2, "weapon": "rocket"}]
    tally = Counter()
    kept = _module().gold_counts(listed, "once", tally)
    assert [g["text"] for g in kept] == ["ثلاثة صواريخ", "3 قذائف", "صاروخين"]
    assert tally["collapsed"] == 1
    assert _module().gold_counts(listed, "each", Counter()) == listed
