"""Weapons used, with their counts: ``بعدة قذائف صاروخية``, ``8 صواريخ``, ``بستة قذائف مدفعية``.

A weapon mention is a lexicon form found by the scanner. The word before it may give the
count: digits, a number word (``ستة``, ``بستة``, ``ثمانية``), or a vague quantity (``عدة``,
``عشرات``: count unknown, phrase kept). A dual noun (``صاروخين``, ``قذيفتين``, ``عبوتان``, ``انتحاريان``, ``حزامين``) counts two;
digits with an attached preposition or article count too (``ب59 صاروخ``, ``الـ36 صاروخا``).
``count_text`` is the phrase from the count to the weapon, without the attached preposition.
Weapons named as a target or a source (``مواقع إطلاق صواريخ`` rocket launch sites, ``مصدر
الصواريخ`` where the rockets came from, ``مخازن أسلحة``) are not weapons used, nor those of a
sentence that seizes, finds, dismantles, holds or supplies them (``حجز``، ``العثور على``،
``تفكيك``، ``امتلاك``). A four-digit year before the noun (``جانفي 2017 لغم``) is no count.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.extract.numbers import VAGUE, WORDS, clitic_length, read_count
from sitegen.extract.scan import WEAPON, Scan
from sitegen.extract.weapon_forms import is_dual

_LAUNCH_SITE = ({"اطلاق"}, {"مواقع", "موقع", "منصات", "منصه", "منصتي"})
_NOT_USED = {"مصدر", "مصادر", "مخزن", "مخازن", "شحنه", "شحنات", "مستودع", "مستودعات"}
# Verbs that make a bare barrel (برميلين، براميل) a barrel bomb.
_DROP_VERBS = {"القي", "القت", "القاء", "يلقي", "تلقي", "القوا", "بالقاء", "اسقط", "اسقطت", "اسقاط", "اسقطوا"}
# Weapons named in incidents whose counts are no weapon counts: rifles, bullets (7 طلقات نارية).
_UNCOUNTED = {"small_arms"}
# Words of a sentence that make its weapons seized, found or held rather than used.
_SEIZED = {
    "حجز", "حجزت", "حجزه", "حجزا", "الحجز", "ضبط", "ضبطت", "العثور", "عثر", "عثرت", "استرجاع", "مصادره", "صادرت",
    "امتلاك", "امتلاكها", "تمتلك", "يمتلك", "تملك", "ترسانه", "مخبا", "المخبا", "يحتوي", "تفكيك", "فككت", "المحجوزه", "المحجوز",
    "تسليم", "سلم", "الاستيلاء", "استولي", "استولت", "غنم", "غنائم", "صفقه", "بيع", "شراء", "تزويد", "زودت",
    "حجزها", "حوزته", "حوزتهم", "حوزتها", "حوزتهما", "حوزه",
}
# Shot down: not used, unless what falls is dropped (أسقطت المروحيات براميل: dropped barrel bombs).
_SHOT_DOWN = {"اسقط", "اسقطت", "اسقاط", "اسقطوا", "اسقطها"}
_DROPPED = {"barrel_bomb", "bomb"}


# Words after a weapon noun that make it something else: tear gas and stun grenades (قنابل مسيلة
# للدموع، قنابل الغاز، قنابل صوتية).
_NOT_WEAPON_AFTER = {"مسيله", "غاز", "الغاز", "صوتيه", "الصوت", "دخانيه", "ضوءيه"}
# A cardinal after a definite plural: الانتحاريون الثلاثة، الصواريخ الأربعة (not ordinals: الثالث).
_DEFINITE_CARDINALS = {"ال" + word: value for word, value in WORDS.items()
                       if 3 <= value <= 10 and word.endswith("ه")}
# "X of them" after a weapon count: أطلقوا عشرة صواريخ سقط أربعة منها.
_OF_THEM = {"منها", "منهما"}
# Nouns that انتحاري qualifies as an adjective (suicide attacks), without clitics or article.
_SUICIDE_QUALIFIED = {
    "هجوم", "هجومين", "هجومان", "هجمات", "هجمتين", "تفجير", "تفجيرين", "تفجيران", "تفجيرات",
    "عمليه", "عمليتين", "عمليتان", "عمليات", "اعتداء", "اعتداءين", "اعتداءات",
}
_OF_THEM_REACH = 8  # tokens from the weapon to "X منها"
_COUNT_REACH = 6  # words a number phrase may span before its noun


@dataclass(frozen=True)
class WeaponMention:
    type: str
    count: int | None
    count_text: str
    start: int  # offsets in the original text
    end: int


def find_weapons(scan: Scan) -> list[WeaponMention]:
    mentions = []
    for match, ids in scan.of(WEAPON):
        before = scan.words_before(match, 2)
        if len(before) == 2 and before[1] in _LAUNCH_SITE[0] and before[0] in _LAUNCH_SITE[1]:
            continue
        if before and before[-1] in _NOT_USED:
            continue
        sentence = set(_sentence_before(scan, match))
        if _SEIZED & sentence or (_SHOT_DOWN & sentence and ids[0] not in _DROPPED):
            continue  # seized, found, dismantled, held or shot down: not used
        if match.last < len(scan.tokens) and scan.joinable[match.last - 1] and \
                scan.tokens[match.last].text in _NOT_WEAPON_AFTER:
            continue  # tear gas, stun grenades
        if ids[0] == "barrel_bomb" and "متفجر" not in match.form and not (
            _DROP_VERBS & {w.lstrip("و") for w in scan.words_before(match, 6)}
        ):
            continue  # a barrel (of oil) unless dropped: ألقى الطيران برميلين
        count, start, end = None, match.start, match.end
        if ids[0] == "suicide_bomber" and match.first > 0 and scan.joinable[match.first - 1] and \
                _bare(scan.tokens[match.first - 1].text) in _SUICIDE_QUALIFIED:
            a, b = scan.norm.span(start, end)  # an adjective: هجومين انتحاريين (two attacks), no count
            mentions.append(WeaponMention(ids[0], None, scan.norm.original[a:b], a, b))
            continue
        words = _joined_words_before(scan, match.first)
        number, spanned = read_count(words)
        if number is None and len(words) > 1 and words[-1] == "من" and _definite(scan, match):
            number, spanned = read_count(words[:-1])  # أربعة من الصواريخ
            number, spanned = (number, spanned + 1) if number is not None and number >= 2 else (None, 0)
        if number is not None and spanned == 1 and 1900 <= number <= 2100 and \
                len(scan.tokens[match.first - 1].text.lstrip("وبال")) == 4:
            number = None  # a year closing a date (جانفي 2017 لغم), not a count
        if ids[0] in _UNCOUNTED:
            pass  # named, never counted
        elif number is not None:
            token = scan.tokens[match.first - spanned]
            start = token.start + clitic_length(token.text)
            count = None if number == VAGUE else number
        elif _is_dual(scan.tokens[match.first].text, match):
            count = 2  # a dual: صاروخين، قذيفتين، عبوتين، انتحاريان، حزامين، قذيفتي هاون
        elif _definite(scan, match) and match.last < len(scan.tokens) and scan.joinable[match.last - 1] and \
                _cardinal_after(scan.tokens[match.last].text):
            count = _cardinal_after(scan.tokens[match.last].text)  # الانتحاريون الثلاثة، الصواريخ الـ59
            end = scan.tokens[match.last].end
        a, b = scan.norm.span(start, end)
        mentions.append(WeaponMention(ids[0], count, scan.norm.original[a:b], a, b))
    return mentions + _of_them(scan, mentions)


def _bare(word: str) -> str:
    """A word without its conjunction, preposition and article: والهجومين -> هجومين."""
    word = word[1:] if len(word) > 3 and word[0] in "وف" else word
    word = word[1:] if len(word) > 3 and word[0] in "بل" else word
    return word[2:] if len(word) > 4 and word.startswith("ال") else word


def _definite(scan: Scan, match) -> bool:
    """Whether the weapon noun carries the article (الصواريخ، بالصواريخ، للقذائف)."""
    word = scan.tokens[match.first].text
    word = word[1:] if len(word) > 3 and word[0] in "وف" else word
    return word.startswith(("ال", "بال", "لل", "كال"))


def _cardinal_after(word: str) -> int | None:
    """A cardinal written after a definite noun: الثلاثة، الأربعة، الـ59 (not an ordinal: الثالث)."""
    if word in _DEFINITE_CARDINALS:
        return _DEFINITE_CARDINALS[word]
    digits = word[2:] if word.startswith("ال") else ""
    return int(digits) if digits.isascii() and digits.isdigit() and 1 < int(digits) < 1900 else None


def _joined_words_before(scan: Scan, first: int) -> list[str]:
    """The normalized words right before token ``first``, with only spaces between them, nearest last."""
    words: list[str] = []
    i = first - 1
    while i >= 0 and len(words) < _COUNT_REACH and scan.joinable[i]:
        words.append(scan.tokens[i].text)
        i -= 1
    return words[::-1]


def _of_them(scan: Scan, mentions: list[WeaponMention]) -> list[WeaponMention]:
    """Counts written "X of them" after a weapon of the same sentence: عشرة صواريخ سقط أربعة منها.

    The weapon must start at most ``_OF_THEM_REACH`` words before, with no full stop between,
    and a part is smaller than its whole (when the weapon has a count).
    """
    found = []
    tokens = scan.tokens
    for i, token in enumerate(tokens):
        if token.text not in _OF_THEM or i == 0 or not scan.joinable[i - 1]:
            continue
        number, spanned = read_count(_joined_words_before(scan, i))
        if number is None or number == VAGUE:
            continue
        first = tokens[i - spanned]
        a, b = scan.norm.span(first.start + clitic_length(first.text), token.end)
        earlier = [m for m in mentions if m.end <= a]
        if not earlier:
            continue
        antecedent = earlier[-1]
        window_start, _ = scan.norm.span(tokens[max(0, i - _OF_THEM_REACH)].start, token.end)
        if antecedent.start < window_start or any(mark in scan.norm.original[antecedent.end:a] for mark in ".!?؟\n") \
                or (antecedent.count is not None and number >= antecedent.count):
            continue
        found.append(WeaponMention(antecedent.type, number, scan.norm.original[a:b], a, b))
    return found


def _is_dual(token: str, match) -> bool:
    """A dual noun of a weapon: ends in ين (oblique) or ان (nominative), or a construct dual.

    ``الانتحاريين`` and ``انتحاريين`` may be plurals as well (one of the suicide bombers): an
    oblique ين after the article, or the nisba ending يين, is no count. A construct dual
    (``قذيفتي هاون``، ``قذيفتا هاون``) has its noun after it.
    """
    if not is_dual(match.form.split()[0]) or len(token) < 5:
        return False
    if token.endswith(("تي", "تا")):
        return match.last - match.first > 1
    if token.endswith("ان"):
        return True
    return token.endswith("ين") and not token.endswith("يين") and not token.lstrip("وفبل").startswith("ال")


def _sentence_before(scan: Scan, match) -> list[str]:
    """The normalized words of the sentence before ``match``, clitics و/ف/ب/ل removed."""
    text = scan.norm.text
    cut = max(text.rfind(mark, 0, match.start) for mark in ".!?؟\n")
    words = []
    for token in scan.tokens[max(0, match.first - 40):match.first]:
        if token.start > cut:
            word = token.text
            words.append(word[1:] if len(word) > 3 and word[0] in "وفبل" else word)
    return words
