"""Arabic text for matching, with a map back to the original.

Extraction matches on the analyzer's character folding (``sitegen.arabic.fold``: marks,
tatweel and invisible characters dropped, letters unified, digits made ASCII) and needs one
thing more: the place of every folded character in the original text, so each extracted
value can quote the exact phrase it came from.
"""

from __future__ import annotations

import bisect

from sitegen.arabic import fold


class NormText:
    """A normalized text and the way back to the original.

    ``text`` is the normalized string; ``span(start, end)`` turns a span of it into the
    span of the original string it came from, and ``phrase(start, end)`` returns that
    original phrase.
    """

    __slots__ = ("original", "text", "_offsets")

    def __init__(self, original: str):
        self.original = original
        self.text, offsets = fold(original)
        self._offsets = None if offsets == list(range(len(original))) else offsets  # None: the identity

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
    return fold(text)[0]
