"""The shipped gazetteer reads right: checks that hold for any gazetteer, run on content/gazetteer.yaml.

Names are shown on every page and matched in every article, so a typo in one ("د مشق" for
دمشق, a district's "قضاء" glued to a town) shows everywhere. These checks are generic (no
list of known names), so they keep holding when the gazetteer is regenerated or enlarged.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import REPO
from sitegen.content import load_vocabulary
from sitegen.places import chain_levels

ARABIC_LETTER = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # harakat, superscript alef, tatweel
ADMINISTRATIVE_WORDS = ("محافظة", "قضاء", "ناحية", "منطقة")
# Levels from the outside in; a place's parent is further out (sites and regions sit anywhere).
ORDER = {"country": 0, "governorate": 1, "district": 2, "subdistrict": 3, "town": 4, "village": 5}


def spacing_problem(name: str) -> str | None:
    if name != name.strip() or "  " in name:
        return "space at an edge, or two spaces"
    for word in name.split(" "):
        if (len(word) == 1 and word != "و" and ARABIC_LETTER.match(word)) or word == "ال":
            return f"a stray space inside a word ({word!r} alone)"
    return None


@pytest.mark.parametrize(("name", "bad"), [
    ("د مشق", True), ("ال رقة", True), ("دير  الزور", True), (" حمص", True),
    ("دمشق", False), ("دير الزور", False), ("رأس العين", False), ("مطار T4", False),
])
def test_the_spacing_check_itself(name: str, bad: bool):
    assert (spacing_problem(name) is not None) == bad


@pytest.fixture(scope="module")
def vocabulary():
    vocabulary, diagnostics = load_vocabulary(REPO / "content")
    assert not [d for d in diagnostics if d.is_error], diagnostics
    return vocabulary


def test_names_have_no_stray_spaces_latin_letters_or_marks(vocabulary):
    problems = []
    for place in vocabulary.places.values():
        for name in (place.name, *place.variants):
            if spacing_problem(name):
                problems.append((place.id, name, spacing_problem(name)))
            if not ARABIC_LETTER.search(name):
                problems.append((place.id, name, "no Arabic letter"))
        if LATIN_LETTER.search(place.name):
            problems.append((place.id, place.name, "Latin letters in the Arabic name"))
        if MARKS.search(place.name):
            problems.append((place.id, place.name, "diacritics or tatweel in the displayed name"))
        if place.name_en and ARABIC_LETTER.search(place.name_en):
            problems.append((place.id, place.name_en, "Arabic letters in name_en"))
    assert not problems


def test_administrative_words_sit_where_they_belong(vocabulary):
    problems = []
    for place in vocabulary.places.values():
        for name in (place.name, *place.variants):
            words = name.split(" ")
            if len(words) > 1 and words[-1] in ADMINISTRATIVE_WORDS:
                problems.append((place.id, name, "the kind word comes last (reversed order)"))
            if place.kind in ("town", "village") and words[0] in ADMINISTRATIVE_WORDS[:3]:
                problems.append((place.id, name, "a town named as an administrative unit"))
    assert not problems


def test_no_two_places_share_a_name_under_one_parent_and_variants_are_not_repeated(vocabulary):
    names = Counter((place.parent, place.name) for place in vocabulary.places.values())
    assert not [key for key, n in names.items() if n > 1]
    for place in vocabulary.places.values():
        assert place.name not in place.variants, place.id
        assert len(set(place.variants)) == len(place.variants), place.id


def test_every_parent_is_a_larger_unit(vocabulary):
    problems = []
    for place in vocabulary.places.values():
        parent = vocabulary.places.get(place.parent) if place.parent else None
        if parent and place.kind in ORDER and parent.kind in ORDER and ORDER[parent.kind] >= ORDER[place.kind]:
            problems.append((place.id, place.kind, parent.id, parent.kind))
    assert not problems


def test_no_place_chain_shows_a_name_twice(vocabulary):
    for place_id in vocabulary.places:
        for countries in (False, True):
            shown = [(level.place.kind if level.with_kind else "", level.place.name)
                     for level in chain_levels(vocabulary, place_id, countries=countries)]
            assert len(shown) == len(set(shown)), (place_id, shown)
            plain = [name for kind, name in shown if not kind]
            assert len(plain) == len(set(plain)), (place_id, shown)
