"""Counts written in digits or Arabic words (normalized text: ة→ه, أ→ا, ى→ي).

``parse_count`` reads one token (after its clitics are removed): ``8``, ``ستة``/``بستة``,
``ثمانية``, ``عشرين``. Vague quantities (``عدة`` several, ``عشرات`` tens of, ``بضعة`` a few)
are counts of unknown size: they return ``VAGUE``, so a caller keeps the phrase and writes
``count: null``. Dual nouns (``صاروخين``, ``يومين``) are read by the caller, which knows the noun.
"""

from __future__ import annotations

VAGUE = -1

_UNITS = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشره": 10,
}
_TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
    "مئه": 100, "مائه": 100, "مئتين": 200, "مئتان": 200, "الف": 1000,
}
_VAGUE = {"عده", "عشرات", "بضع", "بضعه", "مئات", "الاف", "عديد", "العديد"}
WORDS = {**_UNITS, **_TENS, **{word: VAGUE for word in _VAGUE}}


def parse_count(token: str) -> int | None:
    """The number a single normalized token states, ``VAGUE``, or None if it is no number."""
    if token.isascii() and token.isdigit():
        return int(token)
    digits = token.lstrip("وفب")
    digits = digits[2:] if digits.startswith("ال") else digits
    if digits and digits.isascii() and digits.isdigit():
        return int(digits)  # ب59 صاروخ، الـ36 صاروخا (tatweel is gone after normalization)
    for stem in (token, token[1:] if token[:1] in "وب" else None, token[2:] if token[:1] in "وب" else None):
        if stem and stem in WORDS:
            return WORDS[stem]
    return None
