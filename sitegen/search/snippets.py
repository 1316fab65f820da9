"""Snippets: a short passage of the ORIGINAL text with the matching words marked.

The stored text is analysed again with the index's analyzer; a word matches when its
stem is a stemmed query term or its normalized form an exact query term. Because the
analyzer keeps every word's offsets in the original text, the marked parts are the
original characters, harakat, tatweel and all.
"""

from __future__ import annotations

import re

from sitegen import arabic

SNIPPET_WORDS = 30  # words (not counting stop words) shown in a snippet
CONTEXT_WORDS = 5  # words shown before the first match of the passage
ELLIPSIS = "…"

Parts = tuple[tuple[str, bool], ...]  # (text, is_match) in reading order

_SPACE = re.compile(r"\s+")


def highlight(text: str, analyzer: arabic.Analyzer, stems: set[str], exacts: set[str]) -> Parts | None:
    """The passage of ``text`` matching the most distinct query words, or None if none match."""
    words = analyzer.analyze(text)
    hits = [i for i, w in enumerate(words) if w.stem in stems or w.exact in exacts]
    if not hits:
        return None

    def variety(start: int) -> tuple[int, int]:
        return len({words[i].stem for i in hits if start <= i < start + SNIPPET_WORDS}), -start

    first = max(0, max(hits, key=variety) - CONTEXT_WORDS)
    return _parts(text, words, first, min(len(words), first + SNIPPET_WORDS), set(hits))


def opening(text: str, analyzer: arabic.Analyzer) -> Parts:
    """The first words of ``text``, nothing marked (for a hit that matched elsewhere)."""
    words = analyzer.analyze(text)
    return _parts(text, words, 0, min(len(words), SNIPPET_WORDS), set()) if words else ()


def _parts(text: str, words: list[arabic.Word], first: int, last: int, marked: set[int]) -> Parts:
    parts: list[tuple[str, bool]] = []
    pos = words[first].start if first > 0 else 0
    end = words[last - 1].end if last < len(words) else len(text)
    if first > 0:
        parts.append((ELLIPSIS + " ", False))
    for i in range(first, last):
        if i in marked:
            word = words[i]
            parts.append((_SPACE.sub(" ", text[pos : word.start]), False))
            parts.append((text[word.start : word.end], True))
            pos = word.end
    parts.append((_SPACE.sub(" ", text[pos:end]).rstrip(), False))
    if last < len(words):
        parts.append((" " + ELLIPSIS, False))
    return tuple(part for part in parts if part[0])
