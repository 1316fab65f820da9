"""Places named in a text, resolved to gazetteer ids with the precision of each mention.

A mention is a gazetteer form found by the scanner (clitics removed, longest form first).
Then, from the words just before it:

- a place word picks among places that share a name and sets the precision: ``محافظة X``
  and ``ريف X`` mean the governorate X (``ريف دير الزور``: deir-ez-zor-governorate, precision
  governorate); ``ريف X`` for a town that names no governorate means the country around the
  town (precision district); ``مدينة/بلدة X`` the town, ``قرية X`` the village. Without a
  place word the most specific place wins (``دير الزور`` is the town, not the governorate);
- a base word (``قاعدة``, ``قاعدتي``, ``قواعد``) turns a town into its base when the gazetteer
  has one (``قاعدتي ... و”الشدادي”``: al-shaddadi-base);
- a direction word (``شرقي``, ``جنوب غرب``, ``قرب`` ...) makes the mention a *reference*
  (``شرقي دير الزور`` locates something else), and ``المتمركزة في X`` / ``انطلاقا من X`` an
  *origin* (where an actor acted from).

Names that are also common words (``content/ambiguous-names.yaml``: الميادين "the fields")
count only after a place word, or in a text that names an unambiguous place of the same
governorate (``في الميادين`` counts in an article that names دير الزور).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.extract.normtext import normalize
from sitegen.extract.matcher import Match
from sitegen.extract.scan import PLACE, Scan, Scanner

LOCATION, REFERENCE, ORIGIN = "location", "reference", "origin"
_KIND_ORDER = ("site", "village", "town", "subdistrict", "district", "governorate", "region", "country")
_PLACE_WORDS = {
    "محافظه": "governorate", "ريف": "countryside", "مدينه": "town", "بلده": "town", "قريه": "village",
    "منطقه": None, "قضاء": "district", "ناحيه": "subdistrict", "مخيم": None, "حي": None, "بادية": None,
}
_BASE_WORDS = {"قاعده", "قاعدتي", "قاعدتا", "قواعد", "القاعده"}
_DIRECTIONS = {
    "شرق", "شرقي", "غرب", "غربي", "شمال", "شمالي", "جنوب", "جنوبي", "قرب", "بالقرب", "محيط", "اطراف",
}
_ORIGIN_WORDS = {"المتمركزه", "المتمركزين", "المتمركز", "المنتشره", "انطلاقا", "المتواجده"}


@dataclass(frozen=True)
class PlaceMention:
    place: str  # gazetteer id
    precision: str
    text: str  # the phrase as written, with its place word (ريف دير الزور)
    start: int  # offsets in the original text
    end: int
    use: str = LOCATION  # location, reference or origin


def find_places(scan: Scan, scanner: Scanner) -> list[PlaceMention]:
    places = scanner.lexicons.vocabulary.places
    ambiguous = {_bare_article(normalize(n)) for n in scanner.lexicons.ambiguous_names}
    mentions: list[tuple[PlaceMention, bool]] = []
    for match, ids in scan.of(PLACE):
        before = scan.words_before(match, 3)
        word = _strip(before[-1]) if before else ""
        mention = _resolve(scan, scanner, match, ids, word, before)
        if mention is None:
            continue
        needs_context = _bare_article(match.form) in ambiguous and word not in _PLACE_WORDS
        mentions.append((mention, needs_context))
    areas = {_area(places, m.place) for m, needs in mentions if not needs}
    return [m for m, needs in mentions if not needs or _area(places, m.place) in areas - {None}]


def _strip(word: str) -> str:
    for prefix in ("و", "ب", "ف", "ل"):
        if word.startswith(prefix) and word[1:] in _PLACE_WORDS:
            return word[1:]
    return word


def _resolve(scan, scanner, match: Match, ids: list[str], word: str, before: list[str]) -> PlaceMention | None:
    places = scanner.lexicons.vocabulary.places
    kind_wanted = _PLACE_WORDS.get(word)
    candidates = [places[i] for i in ids]
    start, end = match.start, match.end
    precision = None
    if kind_wanted in ("governorate", "countryside"):
        governorates = [p for p in candidates if p.kind == "governorate"]
        if governorates:
            candidates, precision = governorates, "governorate"
        elif kind_wanted == "countryside":
            precision = "district"
    elif kind_wanted:
        chosen = [p for p in candidates if p.kind == kind_wanted]
        candidates = chosen or candidates
    place = min(candidates, key=lambda p: _KIND_ORDER.index(p.kind) if p.kind in _KIND_ORDER else 99)
    if place.kind in ("town", "village") and _BASE_WORDS & set(map(_strip_clitic, scan.words_before(match, 8))):
        base = scanner.forms.get(normalize("قاعدة " + place.name))
        if base:
            place = places[base[0]]
    if word in _PLACE_WORDS and match.first > 0:
        start = scan.tokens[match.first - 1].start + (len(before[-1]) - len(word))
    use = LOCATION
    near = [_strip_clitic(w) for w in before[-2:]]
    if near and (near[-1] in _DIRECTIONS or (len(near) == 2 and near[0] in _DIRECTIONS and near[1] in _DIRECTIONS)):
        use = REFERENCE
    elif any(w in _ORIGIN_WORDS for w in near):
        use = ORIGIN
    a, b = scan.norm.span(start, end)
    original = scan.norm.original
    if b < len(original) and original[b] in "”»" and original.count("“", a, b) + original.count("«", a, b) > 0:
        b += 1  # حقل “العمر” keeps its closing quote
    return PlaceMention(place.id, precision or place.kind, scan.norm.original[a:b], a, b, use)


def _bare_article(form: str) -> str:
    return form[2:] if form.startswith("ال") else form


def _strip_clitic(word: str) -> str:
    return word[1:] if len(word) > 3 and word[0] in "وب" else word


def _area(places, place_id: str) -> str | None:
    """The governorate a place lies in (itself, for a governorate), else its country."""
    seen = set()
    while place_id and place_id not in seen:
        seen.add(place_id)
        place = places.get(place_id)
        if place is None:
            return None
        if place.kind in ("governorate", "country"):
            return place.id
        place_id = place.parent
    return None
