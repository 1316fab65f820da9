"""The hand annotations of the extraction evaluation: both sets validate, and they do not overlap.

The held-out set (``bench/annotations/extract-heldout.yaml``) is only worth its figures if none
of its articles is in the tuning set (``extract-gold.yaml``) and all come from the held-out half
of the corpus; ``check.py`` must also reject what is wrong in it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

pytestmark = pytest.mark.corpus

ANNOTATIONS = REPO / "bench" / "annotations"
CHECK = ANNOTATIONS / "check.py"


def run_check(corpus: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(CHECK), "--corpus", str(corpus), *args],
                          capture_output=True, text=True, check=False)


def docnos(name: str) -> list[str]:
    gold = yaml.load((ANNOTATIONS / name).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return [article["docno"] for article in gold["articles"]]


@pytest.mark.parametrize("args", [(), ("--heldout",), ("--heldout-weapons",)],
                         ids=["tuning", "heldout", "heldout-weapons"])
def test_annotation_files_validate_against_the_corpus(corpus_path: Path, args: tuple[str, ...]):
    result = run_check(corpus_path, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("articles=")


def test_heldout_articles_are_new_and_from_the_heldout_half(corpus_path: Path):
    heldout, tuning = docnos("extract-heldout.yaml"), docnos("extract-gold.yaml")
    assert len(heldout) >= 100 and len(set(heldout)) == len(heldout)
    assert not set(heldout) & set(tuning)
    assert all(int(hashlib.sha1(d.encode("utf-8")).hexdigest(), 16) % 2 == 1 for d in heldout)


def test_check_rejects_a_broken_heldout_file(corpus_path: Path, tmp_path: Path):
    gold = yaml.safe_load((ANNOTATIONS / "extract-heldout.yaml").read_text(encoding="utf-8"))
    articles = gold["articles"]
    first = next(a for a in articles if a["weapons"])
    first["weapons"][0]["count"] = 0
    del articles[-1]["weapons"]
    dropped = articles.pop(1)["docno"]
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
    result = run_check(corpus_path, "--heldout", "--gold", str(broken))
    assert result.returncode == 1
    problems = result.stdout.splitlines()[:-1]
    assert len(problems) == 3, result.stdout
    assert problems[0].startswith(f"{first['docno']} weapons[0]: count 0")
    assert problems[1] == f"{articles[-1]['docno']}: weapons must be a list"
    assert problems[2].startswith("1 selected articles not annotated yet") and dropped in problems[2]


def load_script(stem: str):
    """Import a selection script of bench/annotations by path (they are no package)."""
    spec = importlib.util.spec_from_file_location(stem, ANNOTATIONS / f"{stem}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_heldout_selection():
    return load_script("select_heldout")


def test_group_c_is_a_prefix_of_its_seeded_reading_order(corpus_path: Path):
    selection = load_heldout_selection()
    pool = selection.load_pool(corpus_path, selection.tuning_docnos())
    syria_iraq, elsewhere, others, places = selection.select(pool)
    read = [r["docno"] for r in selection.places_candidates(pool, elsewhere)[:selection.PLACES_READ]]
    assert len(read) == selection.PLACES_READ > 0
    assert selection.NO_SYRIA_IRAQ_PLACE <= set(read), "a skip that was not read"
    taken = [r["docno"] for r in places]
    assert taken == [d for d in read if d not in selection.NO_SYRIA_IRAQ_PLACE]
    assert not set(taken) & {r["docno"] for group in (syria_iraq, elsewhere, others) for r in group}
    assert docnos("extract-heldout.yaml")[-len(taken):] == taken


def test_check_rejects_a_group_c_article_without_places(corpus_path: Path, tmp_path: Path):
    gold = yaml.safe_load((ANNOTATIONS / "extract-heldout.yaml").read_text(encoding="utf-8"))
    article = next(a for a in gold["articles"]
                   if a["about_syria_iraq"] and not a["armed_incident"])
    article["places"] = []
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
    result = run_check(corpus_path, "--heldout", "--gold", str(broken))
    assert result.returncode == 1
    assert result.stdout.splitlines()[:-1] == [
        f"{article['docno']}: a group C article must name a place in Syria or Iraq; list it in"
        " NO_SYRIA_IRAQ_PLACE (select_heldout.py) instead"]


def load_weapons_selection():
    return load_script("select_heldout_weapons")


def test_weapons_heldout_articles_are_new_and_in_reading_order(corpus_path: Path):
    selection = load_weapons_selection()
    annotated = docnos("extract-heldout-weapons.yaml")
    assert not set(annotated) & (set(docnos("extract-gold.yaml")) | set(docnos("extract-heldout.yaml")))
    assert all(int(hashlib.sha1(d.encode("utf-8")).hexdigest(), 16) % 2 == 1 for d in annotated)
    pool = selection.load_weapons_pool(corpus_path)
    weapons, others = selection.select(pool)
    assert annotated == [r["docno"] for r in weapons + others]
    read = {r["docno"] for r in selection.weapon_candidates(pool)}
    assert set(selection.SKIPPED_WEAPON_CANDIDATES) <= read, "a skip that is not a candidate"
    prefix = {r["docno"] for r in selection.violence_candidates(pool)[:selection.NO_WEAPON_NOUN_READ]}
    assert set(selection.NOT_AN_INCIDENT) <= prefix, "a skip that was not read"
    assert not read & prefix


def test_the_weapon_regex_takes_clitics_and_inflections_but_not_other_words():
    selection = load_weapons_selection()
    for text in ("وبالصواريخ", "قذيفتين", "غارتين", "للغارات", "عبوتين ناسفتين", "انتحاريان",
                 "سيارتين مفخّختين", "بحزامين ناسفين", "طائرات بدون طيار", "والألغام", "لغما",
                 "قنبلتين", "بقذائف الهاون", "عجلات مفخخة", "ببرميلين"):
        assert selection.WEAPON.search(selection.DIACRITICS.sub("", text)), text
    for text in ("داخل مغارة", "الغموض", "تهاون", "يلغم", "ملغمة"):
        assert not selection.WEAPON.search(text), text


def test_any_weapon_group_is_every_candidate_read_in_order(corpus_path: Path):
    selection = load_script("select_weapons_any")
    candidates = selection.candidates(selection.load_all(corpus_path))
    read = [r["docno"] for r in candidates]
    assert len(read) == len(set(read)) > 0
    assert all(selection.selection.pool(d) == selection.selection.TUNING for d in read)
    assert not any(selection.counted.COUNTED_WEAPON.search(selection.counted.full_text(r))
                   for r in candidates), "the weapon-count group took those already"
    assert set(selection.NOT_A_WEAPON_INCIDENT) <= set(read), "a skip that is not a candidate"
    taken = [d for d in read if d not in selection.NOT_A_WEAPON_INCIDENT]
    assert selection.ABOUT_SYRIA_IRAQ <= set(taken)
    tuning = docnos("extract-gold.yaml")
    assert tuning[-len(taken):] == taken, "the group closes extract-gold.yaml, in reading order"
    assert not set(read) & set(tuning[:-len(taken)])
