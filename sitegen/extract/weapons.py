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

from sitegen.extract.numbers import VAGUE, parse_count
from sitegen.extract.scan import WEAPON, Scan

_LAUNCH_SITE = ({"اطلاق"}, {"مواقع", "موقع", "منصات", "منصه", "منصتي"})
_NOT_USED = {"مصدر", "مصادر", "مخزن", "مخازن", "شحنه", "شحنات", "مستودع", "مستودعات"}
# Verbs that make a bare barrel (برميلين، براميل) a barrel bomb.
_DROP_VERBS = {"القي", "القت", "القاء", "يلقي", "تلقي", "القوا", "بالقاء"}
# Words of a sentence that make its weapons seized, found or held rather than used.
_SEIZED = {
    "حجز", "حجزت", "حجزه", "حجزا", "الحجز", "ضبط", "ضبطت", "العثور", "عثر", "عثرت", "استرجاع", "مصادره", "صادرت",
    "امتلاك", "امتلاكها", "تمتلك", "يمتلك", "تملك", "ترسانه", "مخبا", "المخبا", "يحتوي", "تفكيك", "فككت", "المحجوزه", "المحجوز",
    "تسليم", "سلم", "الاستيلاء", "استولي", "استولت", "غنم", "غنائم", "صفقه", "بيع", "شراء", "تزويد", "زودت",
}


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
        if _SEIZED & set(_sentence_before(scan, match)):
            continue  # seized, found, dismantled or held: not used
        if ids[0] == "barrel_bomb" and "متفجر" not in match.form and not (
            _DROP_VERBS & {w.lstrip("و") for w in scan.words_before(match, 4)}
        ):
            continue  # a barrel (of oil) unless dropped: ألقى الطيران برميلين
        count, start = None, match.start
        number = parse_count(before[-1]) if before and scan.joinable[match.first - 1] else None
        if number is not None and 1900 <= number <= 2100 and len(before[-1].lstrip("وبال")) == 4:
            number = None  # a year closing a date (جانفي 2017 لغم), not a count
        if number is not None:
            token = scan.tokens[match.first - 1]
            stem_offset = 1 if not token.text[0].isdigit() and parse_count(token.text[1:]) == number else 0
            start = token.start + stem_offset
            count = None if number == VAGUE else number
        elif _is_dual(scan.tokens[match.first].text):
            count = 2  # a dual: صاروخين، قذيفتين، عبوتين، انتحاريان، حزامين
        a, b = scan.norm.span(start, match.end)
        mentions.append(WeaponMention(ids[0], count, scan.norm.original[a:b], a, b))
    return mentions


def _is_dual(token: str) -> bool:
    """A dual noun of a weapon: ends in ين (oblique) or ان (nominative), stem of 3+ letters.

    ``الانتحاريين`` and ``انتحاريين`` may be plurals as well (one of the suicide bombers): an
    oblique ين after the article, or the nisba ending يين, is no count.
    """
    if len(token) <= 5:
        return False
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
