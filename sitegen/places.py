"""Places in their hierarchy, as readers see them: chains, trees and names told apart.

A gazetteer names a city, its district and its governorate alike (حمص, حمص, حمص). On a
page, a chain never repeats a name: a district named like the town inside it is left out,
and a governorate or district whose name another place has says its kind ("حمص، محافظة
حمص"; "منبج، محافظة حلب"). A bare name reads as a town or a site. A place title adds the
parent when name and kind together are still shared (two villages named alike). The words
for kinds are the templates' (``PLACE_KINDS`` in ``_labels.html``); this module only says
which level needs one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from sitegen.arabic import normalize
from sitegen.model import Place, Vocabulary


@dataclass(frozen=True)
class Level:
    """One level of a place chain as shown: the place, and whether to say its kind."""

    place: Place
    with_kind: bool


@dataclass(frozen=True)
class PlaceNode:
    """A place of the places tree, with its incident count and the places inside it."""

    place: Place
    with_kind: bool
    count: int
    children: tuple["PlaceNode", ...]


def arabic_sort_key(name: str) -> tuple[str, str]:
    """Dictionary order of Arabic names: hamza forms, ة and ى filed with their base letter."""
    return normalize(name), name


_SHARED: dict[int, tuple[Vocabulary, frozenset[str]]] = {}
_SAME_LABEL: dict[int, tuple[Vocabulary, frozenset]] = {}


def _shared_names(vocabulary: Vocabulary) -> frozenset[str]:
    cached = _SHARED.get(id(vocabulary))
    if cached is None or cached[0] is not vocabulary:
        counts = Counter(place.name for place in vocabulary.places.values())
        cached = _SHARED[id(vocabulary)] = (vocabulary, frozenset(n for n, k in counts.items() if k > 1))
    return cached[1]


# A bare name reads as a town or a site; the larger units say what they are when they share it.
ADMINISTRATIVE = frozenset({"country", "governorate", "district", "subdistrict", "region"})


def needs_kind(vocabulary: Vocabulary, place: Place) -> bool:
    """Whether to say the kind: an administrative unit whose name another place has (محافظة حمص)."""
    return place.kind in ADMINISTRATIVE and place.name in _shared_names(vocabulary)


def needs_parent(vocabulary: Vocabulary, place: Place) -> bool:
    """Whether its name and kind together still do not tell it apart (two villages named alike)."""
    cached = _SAME_LABEL.get(id(vocabulary))
    if cached is None or cached[0] is not vocabulary:
        labels = Counter((p.name, p.kind if needs_kind(vocabulary, p) else None) for p in vocabulary.places.values())
        cached = _SAME_LABEL[id(vocabulary)] = (vocabulary, frozenset(k for k, n in labels.items() if n > 1))
    return (place.name, place.kind if needs_kind(vocabulary, place) else None) in cached[1]


def chain_levels(vocabulary: Vocabulary, place_id: str, *, countries: bool = False) -> list[Level]:
    """The place and the places containing it, innermost first, with no name twice.

    Of a run of levels with one name (a town in its district of the same name), only the
    innermost is kept, and the outermost too when it is a governorate or a country, which
    say more than a district does. Each level that shares its name with another place says
    its kind (حمص، محافظة حمص). Countries are left out unless ``countries``: an archive's
    readers know them.
    """
    chain = [p for p in vocabulary.place_chain(place_id) if countries or p.kind != "country" or p.id == place_id]
    kept: list[Place] = []
    i = 0
    while i < len(chain):
        run_end = i
        while run_end + 1 < len(chain) and chain[run_end + 1].name == chain[i].name:
            run_end += 1
        kept.append(chain[i])
        if run_end > i and chain[run_end].kind in ("governorate", "country"):
            kept.append(chain[run_end])
        i = run_end + 1
    levels: list[Level] = []
    shown: set[tuple[str, str]] = set()
    for place in kept:
        with_kind = needs_kind(vocabulary, place) or any(level.place.name == place.name for level in levels)
        key = (place.name, place.kind if with_kind else "")
        if key not in shown:
            shown.add(key)
            levels.append(Level(place, with_kind))
    return levels


def breadcrumb(vocabulary: Vocabulary, place_id: str) -> list[Level]:
    """The places containing this one, outermost first (countries included), for a page's trail."""
    chain = vocabulary.place_chain(place_id)[1:]
    return [Level(p, needs_kind(vocabulary, p)) for p in reversed(chain)]


def place_tree(vocabulary: Vocabulary, counts: dict[str, int]) -> tuple[PlaceNode, ...]:
    """The places that have incidents (``counts``: at or inside them), nested, sorted by Arabic name."""
    children: dict[str | None, list[Place]] = defaultdict(list)
    for place_id in counts:
        place = vocabulary.places[place_id]
        parent = place.parent if place.parent in counts else None
        children[parent].append(place)

    def nodes(parent: str | None) -> tuple[PlaceNode, ...]:
        return tuple(PlaceNode(p, needs_kind(vocabulary, p), counts[p.id], nodes(p.id))
                     for p in sorted(children.get(parent, ()), key=lambda p: arabic_sort_key(p.name)))

    return nodes(None)


def places_inside(vocabulary: Vocabulary, place_id: str, counts: dict[str, int]) -> list[PlaceNode]:
    """The places directly inside ``place_id`` that have incidents, by Arabic name, with their counts."""
    inside = [p for p in vocabulary.places.values() if p.parent == place_id and p.id in counts]
    return [PlaceNode(p, needs_kind(vocabulary, p), counts[p.id], ())
            for p in sorted(inside, key=lambda p: arabic_sort_key(p.name))]
