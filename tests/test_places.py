"""Places as readers see them (sitegen/places.py), on a small made-up gazetteer."""

from __future__ import annotations

from sitegen.model import Place, Vocabulary
from sitegen.places import breadcrumb, chain_levels, needs_kind, needs_parent, place_tree, places_inside

PLACES = [
    Place("sy", "سوريا", "country"),
    Place("homs-gov", "حمص", "governorate", parent="sy"),
    Place("homs-dist", "حمص", "district", parent="homs-gov"),
    Place("homs", "حمص", "town", parent="homs-dist"),
    Place("tadmur-dist", "تدمر", "district", parent="homs-gov"),
    Place("tadmur", "تدمر", "town", parent="tadmur-dist"),
    Place("field", "حقل الشاعر", "site", parent="tadmur-dist"),
    Place("aleppo-gov", "حلب", "governorate", parent="sy"),
    Place("aleppo", "حلب", "town", parent="aleppo-gov"),
    Place("ein-a", "العين", "village", parent="homs-dist"),
    Place("ein-b", "العين", "village", parent="tadmur-dist"),
    Place("alawi", "بابا عمرو", "town", parent="homs"),
]
VOCABULARY = Vocabulary(places={p.id: p for p in PLACES})


def shown(place_id: str, **options) -> list[str]:
    return [("%s " % level.place.kind if level.with_kind else "") + level.place.name
            for level in chain_levels(VOCABULARY, place_id, **options)]


def test_a_chain_never_repeats_a_name_and_says_the_kind_of_shared_units():
    assert shown("homs") == ["حمص", "governorate حمص"]  # the district named like its town is left out
    assert shown("homs-dist") == ["district حمص", "governorate حمص"]
    assert shown("homs-gov") == ["governorate حمص"]
    assert shown("field") == ["حقل الشاعر", "district تدمر", "governorate حمص"]
    assert shown("tadmur") == ["تدمر", "governorate حمص"]
    assert shown("alawi") == ["بابا عمرو", "حمص", "governorate حمص"]
    assert shown("aleppo", countries=True) == ["حلب", "governorate حلب", "سوريا"]


def test_kinds_are_said_of_shared_administrative_names_only():
    places = VOCABULARY.places
    assert needs_kind(VOCABULARY, places["homs-gov"]) and needs_kind(VOCABULARY, places["homs-dist"])
    assert not needs_kind(VOCABULARY, places["homs"])  # a bare name reads as the town
    assert not needs_kind(VOCABULARY, places["field"])
    assert needs_parent(VOCABULARY, places["ein-a"]) and needs_parent(VOCABULARY, places["ein-b"])
    assert not needs_parent(VOCABULARY, places["homs"])


def test_breadcrumb_tree_and_places_inside():
    assert [level.place.id for level in breadcrumb(VOCABULARY, "field")] == ["sy", "homs-gov", "tadmur-dist"]
    counts = {"sy": 5, "homs-gov": 4, "homs-dist": 1, "tadmur-dist": 3, "field": 2, "tadmur": 1, "aleppo-gov": 1}
    tree = place_tree(VOCABULARY, counts)
    assert [n.place.id for n in tree] == ["sy"]
    assert [n.place.id for n in tree[0].children] == ["aleppo-gov", "homs-gov"]  # حلب before حمص, by Arabic name
    assert [n.place.id for n in tree[0].children[1].children] == ["tadmur-dist", "homs-dist"]
    assert [n.count for n in tree[0].children[1].children] == [3, 1]
    assert [(n.place.id, n.count) for n in places_inside(VOCABULARY, "tadmur-dist", counts)] == [("tadmur", 1),
                                                                                              ("field", 2)]
