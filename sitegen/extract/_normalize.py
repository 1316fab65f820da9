"""Arabic normalization for matching, with a map back to the original text.

TEMPORARY: to be replaced by ``sitegen.arabic`` (branch ``search``) once it is on main.
Extraction needs only the character folding part of the analyzer, plus one thing the
analyzer may not offer: the offset of every normalized character in the original text, so
each extracted value can quote the exact phrase it came from.

Folding (one character to at most one character, so offsets stay simple):

- diacritics (U+064B..U+0652, U+0670), tatweel and invisible format characters (zero-width
  non-joiner, direction marks, soft hyphen) are dropped;
- أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي;
- Arabic-Indic and Persian digits → ASCII digits.
"""

from __future__ import annotations

import bisect

_INVISIBLE = [0x00AD, 0x061C, *range(0x200B, 0x2010), 0x2060, 0xFEFF]  # soft hyphen, ZWNJ, LRM/RLM ...
_DROP = {cp: None for cp in [*range(0x064B, 0x0653), 0x0670, 0x0640, *_INVISIBLE]}
_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(cp): None for cp in _DROP},
    }
)


class NormText:
    """A normalized text and the way back to the original.

    ``text`` is the normalized string; ``span(start, end)`` turns a span of it into the
    span of the original string it came from, and ``phrase(start, end)`` returns that
    original phrase.
    """

    __slots__ = ("original", "text", "_offsets")

    def __init__(self, original: str):
        self.original = original
        self.text = original.translate(_FOLD)
        if len(self.text) == len(original):
            self._offsets = None  # nothing dropped: offsets are the identity
        else:
            self._offsets = [i for i, ch in enumerate(original) if ord(ch) not in _DROP]

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self._offsets is None:
            return start, end
        offsets = self._offsets
        first = offsets[start] if start < len(offsets) else len(self.original)
        # the end takes the dropped marks (diacritics, tatweel) that follow the last letter
        return first, offsets[end] if end < len(offsets) else len(self.original)

    def to_normalized(self, offset: int) -> int:
        """The normalized offset of the original ``offset`` (the next kept character)."""
        if self._offsets is None:
            return offset
        return bisect.bisect_left(self._offsets, offset)

    def phrase(self, start: int, end: int) -> str:
        a, b = self.span(start, end)
        return self.original[a:b]


def normalize(text: str) -> str:
    """The folded form of ``text`` (for vocabulary entries)."""
    return text.translate(_FOLD)
