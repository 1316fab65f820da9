"""Counts written in digits or Arabic words (normalized text: ة→ه, أ→ا, ى→ي).

``parse_count`` reads one token (after its clitics are removed): ``8``, ``ستة``/``بستة``,
``ثمانية``, ``عشرين``. :func:`read_count` reads a whole number phrase that ends before a
counted noun: ``خمسة عشر``, ``ثلاثة وعشرون``, ``مئة وخمسين``, ``3 آلاف``, ``إحدى عشرة``. Vague quantities (``عدة`` several, ``عشرات`` tens of, ``بضعة`` a few)
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



# Words read by read_count only (parse_count, and the date patterns built from WORDS, keep theirs),
# folded as the text is (ة→ه، ى→ي، أ إ آ→ا، ئ→ء).
_TEEN_UNITS = {"احد": 1, "احدي": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2}
_TEEN = {"عشر", "عشره"}
_HUNDRED = ("مءه", "ماءه")
_HUNDREDS = {
    "مءه": 100, "ماءه": 100, "مءتا": 200, "مءتي": 200, "مءتين": 200, "مءتان": 200,
    "ماءتا": 200, "ماءتي": 200, "ماءتين": 200, "ماءتان": 200,
    **{unit + hundred: value * 100
       for unit, value in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("تسع", 9))
       for hundred in _HUNDRED},
    "الفا": 1000, "الفي": 2000, "الفان": 2000, "الفين": 2000,
}
_SCALES = {"مءه": 100, "ماءه": 100, "الف": 1000, "الاف": 1000}


def _number(word: str) -> int | None:
    """The value of one number word or run of digits without clitics (``عشر`` is 10)."""
    if word.isascii() and word.isdigit():
        return int(word) or None  # 0 is no count (the "000" of "1,000")
    if word in _TEEN:
        return 10
    return _UNITS.get(word) or _TENS.get(word) or _HUNDREDS.get(word)


def clitic_length(word: str) -> int:
    """How many letters of ``word`` are a conjunction or preposition before a number (وب، ب، و)."""
    cut = 0
    if len(word) > 1 and word[0] in "وف" and _readable(word[1:]):
        cut = 1
    if len(word) > cut + 1 and word[cut] in "بل" and _readable(word[cut + 1:]):
        cut += 1
    return cut


def _readable(word: str) -> bool:
    return (_number(word) is not None or word in _TEEN_UNITS or word in WORDS
            or (word.startswith("ال") and word[2:].isascii() and word[2:].isdigit()))


def _part(words: list[str], i: int) -> tuple[int, int] | None:
    """The number part ending at ``words[i]``: (value, words spanned), or None."""
    word = words[i][clitic_length(words[i]):]
    previous = words[i - 1][clitic_length(words[i - 1]):] if i > 0 else ""
    if word in _TEEN:
        unit = _TEEN_UNITS.get(previous) or _UNITS.get(previous)
        if unit is not None and unit <= 9 and words[i] == word:  # no و before عشر: وخمس عشرة is 15, خمس وعشر no teen
            return 10 + unit, 2  # خمسة عشر، إحدى عشرة، اثنا عشر
        return 10, 1
    if word in _SCALES:
        factor = _number(previous) if previous else None
        if factor is not None and 2 <= factor <= 999:
            return factor * _SCALES[word], 2  # ثلاث مئة، 3 آلاف، عشرة آلاف
        return (VAGUE, 1) if word == "الاف" else (_SCALES[word], 1)
    if word.startswith("ال") and word[2:].isascii() and word[2:].isdigit() and int(word[2:]):
        return int(word[2:]), 1  # الـ36 صاروخا
    value = _number(word)
    return (value, 1) if value is not None else None


def _compound(first: int, second: int) -> bool:
    """Whether two parts joined by و make one number: ثلاثة وعشرون، مئة وخمسون، ألف ومئتان."""
    if first < 10:
        return 20 <= second <= 90 and second % 10 == 0
    if first >= 1000:
        return second < 1000
    return first >= 100 and second < 100


def read_count(words: list[str]) -> tuple[int | None, int]:
    """The number stated by the words right before a counted noun (nearest last).

    Returns ``(value, n)``: the value, or ``VAGUE`` (عدة، عشرات، آلاف، and two numbers that make
    no compound, ``بين 3 و7``), and how many of the last words the phrase spans; ``(None, 0)``
    when the last word is no number. Compounds are read as Arabic writes them: units before tens
    (``ثلاثة وعشرون``), a unit before ``عشر`` (``خمسة عشر``، ``إحدى عشرة``، ``اثنا عشر``), a
    multiplier before ``مئة`` or ``آلاف`` (``ثلاث مئة``، ``3 آلاف``), larger parts first
    (``مئة وخمسين``، ``ألف ومئتي``).
    """
    if not words:
        return None, 0
    parts: list[int] = []
    spanned = 0
    i = len(words) - 1
    while i >= 0:
        part = _part(words, i)
        if part is None:
            break
        value, size = part
        if value == VAGUE:
            if parts:
                break
            return VAGUE, 1
        parts.append(value)
        spanned += size
        i -= size
        first = words[i + 1]
        joined = first.startswith("و") and clitic_length(first) > 0
        if not joined or i < 0 or _part(words, i) is None:
            break
    if not parts:
        single = parse_count(words[-1])
        return (VAGUE, 1) if single == VAGUE else (None, 0)
    parts.reverse()  # reading order
    if any(not _compound(a, b) for a, b in zip(parts, parts[1:])):
        return VAGUE, spanned  # two numbers, not one: بين 3 و7 طلقات
    return sum(parts), spanned
