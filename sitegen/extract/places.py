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

Places the gazetteer lacks are still proposed when a place word introduces them (``قرية``،
``بلدة``، ``حي``، ``شارع``، ``دوار``، ``مشفى``، ``تل``، ``جسر``، ``منطقة``، ``ريف`` ...): an
*unresolved* mention, with no id, its phrase and the precision the place word gives, for the
reviewer to link or add to the gazetteer (:func:`find_unresolved`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.extract.normtext import normalize
from sitegen.extract.matcher import Match
from sitegen.extract.scan import PLACE, Scan, Scanner, bare_article

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
    place: str | None  # gazetteer id; None for a place the gazetteer lacks (unresolved)
    precision: str
    text: str  # the phrase as written, with its place word (ريف دير الزور)
    start: int  # offsets in the original text
    end: int
    use: str = LOCATION  # location, reference or origin
    name: str | None = None  # an unresolved place: its name, normalized (``قريه الصمدانيه``)


def find_places(scan: Scan, scanner: Scanner) -> list[PlaceMention]:
    places = scanner.lexicons.vocabulary.places
    ambiguous = scanner.ambiguous
    mentions: list[tuple[PlaceMention, bool]] = []
    for match, ids in scan.of(PLACE):
        before = scan.words_before(match, 3)
        word = _strip(before[-1]) if before else ""
        mention = _resolve(scan, scanner, match, ids, word, before)
        if mention is None:
            continue
        needs_context = bare_article(match.form) in ambiguous and word not in _PLACE_WORDS
        mentions.append((mention, needs_context))
    areas = {_area(places, m.place) for m, needs in mentions if not needs}
    found = [m for m, needs in mentions if not needs or _area(places, m.place) in areas - {None}]
    found += find_unresolved(scan)
    return sorted(found, key=lambda m: m.start)


# Place words that introduce a name the gazetteer may lack, with the precision of the place
# (not حقل، سد: حقل ألغام، سد الفراغ are no places; سوق only before no word of the economy).
# Names after the words marked True include the word (تل أبيض، جبل الزاوية، وادي بردى).
_INTRODUCERS = {
    "قريه": ("village", False), "مزرعه": ("village", False), "بلده": ("town", False),
    "مدينه": ("town", False), "حي": ("site", False), "شارع": ("site", False), "دوار": ("site", True),
    "مشفي": ("site", True), "مستشفي": ("site", True), "تل": ("site", True), "جسر": ("site", True),
    "ساحه": ("site", True), "مخيم": ("site", True), "مطار": ("site", True), "سوق": ("site", True),
    "معبر": ("site", True), "منطقه": ("region", False), "جبل": ("region", True),
    "سهل": ("region", True), "وادي": ("region", True), "ريف": ("district", False), "جبال": ("region", True),
    "متحف": ("site", True), "قلعه": ("site", True), "فندق": ("site", True), "ضريح": ("site", True),
    "جامع": ("site", True), "مسجد": ("site", True),
    "ناحيه": ("subdistrict", False), "قضاء": ("district", False),
}
# First words of two-word names (أبو كمال، عين عيسى، الشيخ مقصود، كفر نبل).
_NAME_PREFIXES = {
    "ابو", "ام", "عين", "دير", "تل", "كفر", "بيت", "خان", "راس", "بير", "بئر", "جسر", "بني", "الشيخ",
    "سيدي", "ذي", "ذات", "قصر", "معره", "جب", "حزم", "عرب", "البو", "ال", "الحاج", "السيده", "مار",
    "النبي", "القديس", "الامام", "السيد", "شرم",
}
# Words after a place word that are no name: references back, adjectives, function words.
_NOT_NAMES = {
    "المدينه", "المحافظه", "البلده", "القريه", "المنطقه", "البلاد", "الدوله", "العاصمه", "الشرق", "الغرب",
    "الشمال", "الجنوب", "الوسط", "نفسها", "ذاتها", "نفسه", "ذاته", "التي", "الذي", "واحده", "اخري", "اخر",
    "محرره", "مجاوره", "المجاوره", "قريبه", "القريبه", "بعيده", "صغيره", "كبيره", "الكبيره", "الصغيره",
    "الواقعه", "التابعه", "المحاذيه", "المحيطه", "المحاصره", "المحرره", "امنه", "الامنه", "عازله",
    "العازله", "الحدوديه", "السوريه", "العراقيه", "التركيه", "الايرانيه", "الروسيه", "الامريكيه", "عسكريه",
    "العسكريه", "سكنيه", "السكنيه", "في", "من", "علي", "الي", "عن", "مع", "قرب", "بين", "حيث", "كان", "كانت",
    "تم", "قد", "لم", "لا", "ما", "او", "ثم", "كل", "بعض", "عده", "هذه", "هذا", "تلك", "ذلك", "الحرب",
    "القتال", "المعارك", "خفض", "التصعيد", "الجزاء", "الاخيره", "جديده", "الجديده", "قديمه", "القديمه",
    "الصناعيه", "الحره", "المحتله", "الشرقي", "الغربي", "الشمالي", "الجنوبي", "شرق", "غرب", "شمال",
    "جنوب", "شرقي", "غربي", "شمالي", "جنوبي", "الاوسط", "الخليج", "الحي", "الاحياء", "احياء", "الصراع",
    "المدينتين", "المدن", "الامن", "الاشتباك", "النزاع", "العمليات", "السيطره", "النفوذ",
    "مزدهره", "الفصل", "البحر", "الابقار", "ميداني", "ميدانيا", "مؤقت", "مؤقته", "رءيسي", "رءيسيه",
    "المعركه", "المواجهه", "جدا", "للغايه", "نسبيا", "الوصول", "المنال",
    # after سوق: markets of the economy, not places
    "العمل", "الشغل", "الاسهم", "المال", "الصرف", "النفط", "الطاقه", "العقارات", "الاوراق", "السوداء",
    "الذهب", "التامين", "الغاز", "الاستهلاك", "الجمله", "التداول", "السندات", "الانتقالات", "الكهرباء",
    "الاتصالات", "السيارات", "الادويه", "الكتاب", "المحروقات", "الخدمات", "الانتاج", "التشغيل",
}
# Second words that belong to the name (الصمدانية الشرقية، القحطانية الكبرى).
_NAME_SUFFIXES = {
    "الشرقيه", "الغربيه", "الشماليه", "الجنوبيه", "الشرقي", "الغربي", "الشمالي", "الجنوبي", "الكبري",
    "الصغري", "الكبير", "الصغير", "الفوقاني", "التحتاني", "الفوقا", "التحتا", "القبلي", "البحري",
}


def find_unresolved(scan: Scan) -> list[PlaceMention]:
    """Places the gazetteer lacks, named after a place word (``قرية الصمدانية``, ``حي الوعر``).

    The name is the word after the place word (two words for ``أبو``، ``عين``، ``الشيخ`` ...,
    or with a direction that belongs to it, ``الصمدانية الشرقية``), when it is no common word,
    no nisba adjective (``منطقة حدودية``) and not the start of a vocabulary match (a known
    place, actor or weapon). For ``منطقة`` the name must carry the article (``منطقة البياع``).
    """
    tokens, joinable = scan.tokens, scan.joinable
    matched: set[int] = set()
    for match in scan.matches:
        matched.update(range(match.first, match.last))
    found = []
    for i, token in enumerate(tokens[:-1]):
        word = token.text
        if word not in _INTRODUCERS and word[:1] in "وبفل" and word[1:] in _INTRODUCERS:
            word = word[1:]  # بشارع، وقرية
        entry = _INTRODUCERS.get(word)
        if entry is None or not joinable[i] or i in matched or i + 1 in matched:
            continue
        precision, with_word = entry
        first = tokens[i + 1].text
        if not _name_like(first, word):
            continue
        last = i + 1
        if i + 2 < len(tokens) and joinable[i + 1] and i + 2 not in matched and (
            first in _NAME_PREFIXES or tokens[i + 2].text in _NAME_SUFFIXES
        ) and tokens[i + 2].text not in _NOT_NAMES - _NAME_SUFFIXES:
            last = i + 2
        start = token.start + (len(token.text) - len(word))
        a, b = scan.norm.span(start, tokens[last].end)
        original = scan.norm.original
        if b < len(original) and original[b] in "”»\"" and any(q in original[a:b] for q in "“«\""):
            b += 1  # منطقة "البياع" keeps its closing quote
        name = " ".join(t.text for t in tokens[i + (0 if with_word else 1):last + 1])
        if with_word:
            name = " ".join([word, *name.split()[1:]])
        before = [_strip_clitic(t.text) for t in tokens[max(0, i - 2):i]]
        use = LOCATION
        if before and (before[-1] in _DIRECTIONS or (len(before) == 2 and before[0] in _DIRECTIONS and before[1] in _DIRECTIONS)):
            use = REFERENCE
        elif any(w in _ORIGIN_WORDS for w in before):
            use = ORIGIN
        found.append(PlaceMention(None, precision, scan.norm.original[a:b], a, b, use, name))
    return found


def _name_like(token: str, word: str) -> bool:
    if len(token) < 2 or token in _NOT_NAMES or any(ch.isdigit() for ch in token):
        return False
    if token[0] in "وفبل" and token[1:] in _NOT_NAMES:
        return False
    bare = not token.startswith("ال")
    if bare and token.endswith("يه"):
        return False  # a nisba adjective: منطقة حدودية، مدينة سورية
    if bare and token.endswith("ي") and len(token) >= 5 and _INTRODUCERS[word][1]:
        return False  # معبر حدودي، مستشفى عسكري، مطار عسكري
    return not (word == "منطقه" and bare)


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
