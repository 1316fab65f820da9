"""The annotation checker (bench/annotations/check.py): weapon counts and held-out sets."""

import hashlib
import importlib.util

from tests.extract.conftest import REPO


def _module(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check = _module("annotation_check", REPO / "bench" / "annotations" / "check.py")


def _docno(pool_bit, stem="JA-internationalNews-{}-20170408"):
    """A docno of the wanted pool (SHA-1 parity)."""
    n = 0
    while int(hashlib.sha1(stem.format(n).encode("utf-8")).hexdigest(), 16) % 2 != pool_bit:
        n += 1
    return stem.format(n)


def _record(docno, text):
    return {"docno": docno, "time": "08/04/2017", "title": "عنوان", "abstract": "", "text": text}


def _article(docno, weapons):
    return {"docno": docno, "published": "2017-04-08", "about_syria_iraq": True, "dates": [], "places": [],
            "weapons": weapons}


def test_the_pool_rule_is_the_sha1_parity_on_both_sides():
    heldout = check.load_selection("select_heldout.py")
    assert check.selection.pool(_docno(1)) == check.selection.HELDOUT and heldout.in_pool(_docno(1))
    assert check.selection.pool(_docno(0)) == check.selection.TUNING and not heldout.in_pool(_docno(0))


GROUP = {"about_syria_iraq": True}


def test_weapon_counts_are_checked():
    docno = _docno(1)
    record = _record(docno, "أطلقت المدمرة 59 صاروخا على القاعدة.")
    good = [{"text": "59 صاروخا", "count": 59, "weapon": "missile"}]
    assert list(check.check_article(_article(docno, good), record, GROUP)) == []
    bad = [{"text": "60 صاروخا", "count": 0, "weapon": "", "kind": "x"}]
    problems = list(check.check_article(_article(docno, bad), record, GROUP))
    assert any("unknown keys" in p for p in problems)
    assert any("does not occur" in p for p in problems)
    assert any("positive integer" in p for p in problems)
    assert any("label" in p for p in problems)


def test_the_held_out_file_must_annotate_weapon_counts():
    docno = _docno(1)
    article = _article(docno, [])
    del article["weapons"]
    assert list(check.check_article(article, _record(docno, "نص"), GROUP)) == []
    problems = list(check.check_article(article, _record(docno, "نص"), GROUP, weapons_required=True))
    assert problems, "a held-out article without weapons is reported"
