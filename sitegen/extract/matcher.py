"""Find vocabulary phrases in Arabic text: one pass over normalized tokens.

Every vocabulary form (a place name, an actor variant, a weapon, an incident-type cue, ...)
is normalized and split into tokens; forms are indexed by their first token. Matching walks
the text's tokens once: at each token it tries the token as written, then with its attached
clitics removed (و/ف, then ب/ل/ك, ``لل`` read as ``ل`` + ``ال``, then the article ``ال``), and
takes the longest form that starts there. A word that is itself a form is never split
(``بغداد`` stays Baghdad), and a stripped remainder counts only if a form starts with it.

The tokens after the first must follow exactly and may be separated only by spaces and
quotation marks, so ``حقل “العمر”`` matches the form ``حقل العمر`` while a comma or a full
stop ends a phrase. Ambiguity is handled in the data: a name that is also a common word
(``العمر``, "age") is listed only in unambiguous forms (``حقل العمر``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sitegen.extract.normtext import NormText, normalize

_TOKEN = re.compile(r"\w+")
_JOINABLE_GAP = re.compile(r"[\s\"'“”«»‘’„]*")
_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بلك"


@dataclass(frozen=True)
class Token:
    start: int  # offsets in the normalized text
    end: int
    text: str


@dataclass(frozen=True)
class Match:
    """A vocabulary form found in the text (token indexes ``first``..``last`` exclusive)."""

    first: int
    last: int
    start: int  # normalized offset where the phrase starts, after stripped clitics
    end: int
    payloads: tuple  # every (category, id) that the form stands for
    form: str  # the vocabulary form matched, normalized (``الميادين`` for ``للميادين``)


def tokenize(norm: NormText) -> tuple[list[Token], list[bool]]:
    """The tokens of a normalized text and, for each, whether the next one may continue a phrase."""
    tokens = [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(norm.text)]
    text = norm.text
    joinable = [
        _JOINABLE_GAP.fullmatch(text, tokens[i].end, tokens[i + 1].start) is not None
        for i in range(len(tokens) - 1)
    ]
    joinable.append(False)
    return tokens, joinable


def clitic_readings(token: str) -> list[tuple[str, int]]:
    """The ways to read ``token`` with attached clitics removed, as written first.

    Each reading is ``(stem, clitic_length)``; the clitic length counts the conjunction and
    preposition removed (not the article, which belongs to the quoted phrase; nor the ل of
    ``لل``, which also stands for the article's alif).
    """
    readings = [(token, 0)]
    stems = [(token, 0)]
    if len(token) > 3 and token[0] in _CONJUNCTIONS:
        stems.append((token[1:], 1))
    for stem, cut in list(stems):
        if len(stem) > 3 and stem[0] in _PREPOSITIONS:
            if stem.startswith("لل"):
                stems.append(("ا" + stem[1:], cut))  # لل = ل + ال: the phrase keeps both letters
            else:
                stems.append((stem[1:], cut + 1))
    for stem, cut in stems:
        if stem is not token:
            readings.append((stem, cut))
        if len(stem) > 3 and stem.startswith("ال"):
            readings.append((stem[2:], cut))
    return readings


class Matcher:
    """An index of vocabulary forms; :meth:`find` returns their non-overlapping occurrences."""

    def __init__(self, entries: Iterable[tuple[str, tuple]]):
        grouped: dict[tuple[str, ...], list] = {}
        for form, payload in entries:
            words = tuple(_TOKEN.findall(normalize(form)))
            if words and payload not in grouped.setdefault(words, []):
                grouped[words].append(payload)
        self._index: dict[str, list[tuple[tuple[str, ...], tuple]]] = {}
        for words, payloads in grouped.items():
            self._index.setdefault(words[0], []).append((words[1:], tuple(payloads)))
        for options in self._index.values():
            options.sort(key=lambda option: -len(option[0]))

    def find(self, tokens: list[Token], joinable: list[bool]) -> list[Match]:
        found: list[Match] = []
        index = self._index
        i = 0
        n = len(tokens)
        while i < n:
            best = None
            for stem, cut in clitic_readings(tokens[i].text):
                options = index.get(stem)
                if not options:
                    continue
                for rest, payloads in options:
                    last = i + 1 + len(rest)
                    if last > n or (best is not None and last <= best.last):
                        continue
                    if all(
                        joinable[i + k] and tokens[i + 1 + k].text == word for k, word in enumerate(rest)
                    ):
                        best = Match(i, last, tokens[i].start + cut, tokens[last - 1].end, payloads,
                                     " ".join((stem, *rest)))
                        break
                if best is not None and cut == 0:
                    break  # the word as written is a form: never split it
            if best is None:
                i += 1
            else:
                found.append(best)
                i = best.last
        return found
