"""The engine: tokenize, normalize, drop stop words, stem, applying the rules of ``tables``.

Every step works on one word at a time, so a word's offsets in the original text survive
every step and a highlighter can mark the original characters, harakat and all.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, NamedTuple

from .tables import builtin_protected, char_rules, stem_rules, stop_clitics, stop_words

ARTICLE = "ال"
# A protected name keeps "al-" off its canonical form only when this much of it remains
# (الميادين → ميادين, but الله stays الله).
MIN_BARE_NAME = 3

_MARKS = char_rules().word_class_extra
# A word is a run of digits or a run of letters (each with the marks and invisibles inside it):
# digits glued to letters are split (آيفون7 → آيفون، 7). \d: decimal digits (Nd); [^\W\d_]: the other letters and numbers.
_UNKNOWN = object()  # not yet in an analyzer's table of word forms
_WORD = re.compile(f"(?:\\d[{_MARKS}]*)+|(?:[^\\W\\d_]|[{_MARKS}])+")


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Words of ``text`` as ``(original_word, start, end)``, offsets into ``text``.

    A word is a run of letters or a run of decimal digits, with the combining marks and
    invisible format characters inside it; everything else (spaces, punctuation, quotes of
    any script) separates words, and so does the change from letters to digits (آيفون7).
    """
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


@lru_cache(maxsize=1 << 18)
def normalize_word(word: str) -> str:
    """One word in normalized form: NFKC, lower case, marks and invisibles deleted, letters unified."""
    return char_rules().normalize_word(word)


def normalize(text: str) -> str:
    """The normalized words of ``text``, separated by single spaces (punctuation dropped)."""
    return " ".join(w for w in (normalize_word(t) for t, _, _ in tokenize(text)) if w)


def fold(text: str) -> tuple[str, list[int]]:
    """The whole text normalized character by character, with the way back to the original.

    Spaces and punctuation stay; ``offsets[i]`` is the index in ``text`` of the character
    that gave output character ``i`` (a lam-alef ligature gives two). For text in composed
    form (what keyboards produce) each word folds exactly as :func:`normalize_word` makes it.
    """
    out: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = normalize_word(char)
        out.append(folded)
        offsets.extend([index] * len(folded))
    return "".join(out), offsets


def is_stop_word(word: str) -> bool:
    """Whether a normalized word is a stop word, alone or behind a conjunction (ولماذا، فهل)."""
    stops = stop_words()
    if word in stops:
        return True
    clitics = stop_clitics()
    return len(word) > 1 and word[0] in clitics.letters and word[1:] in stops and word not in clitics.exceptions


class Word(NamedTuple):
    """One analysed word: its normalized and stemmed forms and where it is in the original text."""

    exact: str
    stem: str
    start: int
    end: int


class Analyzer:
    """Normalization, stop words and light stemming, with some words protected from stemming.

    ``protected`` holds names (places, actors, and their variants) in any spelling; those
    that :func:`protects` accepts (one word whose first letters the stemmer would take for
    a clitic) are never cut: بغداد, وبغداد and لبغداد all give بغداد. Other names, common
    words a vocabulary happens to list (المدنيين), are stemmed like any word.
    A name's leading "al-" is treated as a prefix, so الميادين, ميادين and بالميادين
    all give ميادين. Names of several words need no protection: they are searched as
    phrases of ordinary words.
    """

    def __init__(self, protected: Iterable[str] = ()):
        self.protected_names = tuple(sorted(name for name in set(protected) if protects(name)))
        self._canonical = canonical_names(self.protected_names)
        self._stems: dict[str, str] = {}  # grows with the vocabulary of the texts seen
        self._forms: dict[str, tuple[str, str] | None] = {}  # word as written → (exact, stem); None: not a term

    def __reduce__(self):  # pickled in the Whoosh schema: keep only what rebuilds it
        return (Analyzer, (self.protected_names,))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Analyzer) and other.protected_names == self.protected_names

    def __hash__(self) -> int:
        return hash(self.protected_names)

    def analyze(self, text: str) -> list[Word]:
        """The words of ``text`` that are not stop words, in order."""
        words = []
        for original, start, end in tokenize(text):
            exact = normalize_word(original)
            if exact and not is_stop_word(exact):
                words.append(Word(exact, self.stem(exact), start, end))
        return words

    def forms(self, text: str) -> list[tuple[str, str]]:
        """``(exact, stem)`` of each word of ``text`` that is not a stop word, in order: :meth:`analyze`
        without the offsets, and faster (each word as written is analysed once per analyzer), for indexing."""
        known = self._forms
        found = []
        for original in _WORD.findall(text):
            form = known.get(original, _UNKNOWN)
            if form is _UNKNOWN:
                exact = normalize_word(original)
                form = known[original] = (exact, self.stem(exact)) if exact and not is_stop_word(exact) else None
            if form is not None:
                found.append(form)
        return found

    def terms(self, text: str) -> list[str]:
        """The stemmed terms of ``text`` (what the stemmed index fields hold)."""
        return [w.stem for w in self.analyze(text)]

    def exact_terms(self, text: str) -> list[str]:
        """The normalized, unstemmed terms of ``text`` (what the exact index fields hold)."""
        return [w.exact for w in self.analyze(text)]

    def stem(self, word: str) -> str:
        """The stem of one normalized word."""
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = _stem(word, self._canonical)
        return stem


def protects(name: str) -> bool:
    """Whether a vocabulary name is protected from the stemmer: the rule for names given to :class:`Analyzer`.

    Protection is for proper names whose first letters look like a clitic. A name qualifies
    when it is one word and the ordinary stemmer, once its article is off, would cut a
    letter from its start (بغداد → غداد, بيروت → يروت, كفرنبل → رنبل, واسط → اسط). Any other
    name (المدنيين, مدني, سوريه) is stemmed like every word, so it meets its inflections.
    The hand-checked list in ``data/protected.json`` (names that end like a suffix, such as
    إيران or الميادين) is protected whatever this says.
    """
    words = [normalize_word(t) for t, _, _ in tokenize(name)]
    if len(words) != 1 or not words[0]:
        return False
    word = words[0]
    bare = word[len(ARTICLE):] if word.startswith(ARTICLE) and len(word) - len(ARTICLE) >= MIN_BARE_NAME else word
    rest, _ = _strip(bare, {})
    return not bare.startswith(rest)


def canonical_names(names: Iterable[str]) -> dict[str, str]:
    """Normalized one-word names (built-in and given) → the term they are indexed under."""
    canonical: dict[str, str] = {}
    for name in sorted(builtin_protected()) + sorted(names):
        words = [normalize_word(t) for t, _, _ in tokenize(name)]
        if len(words) != 1 or not words[0]:
            continue
        word = words[0]
        bare = word[len(ARTICLE):] if word.startswith(ARTICLE) and len(word) - len(ARTICLE) >= MIN_BARE_NAME else word
        canonical[word] = canonical[bare] = bare
    return canonical


def _stem(word: str, protected: dict[str, str]) -> str:
    """The stem of a word: a protected name as it is, anything else stripped then de-pluralized."""
    rest, is_name = _strip(word, protected)
    return rest if is_name else plural_stems().get(rest, rest)


def _strip(word: str, protected: dict[str, str]) -> tuple[str, bool]:
    """Strip a doubled conjunction, an article prefix (and an alef-lam after it), then single-letter clitics, then suffixes.

    Returns the remainder and whether it is a protected name: a name is returned as soon
    as it appears, so it is freed of its prefixes but never cut.
    """
    rules = stem_rules()
    if word in protected:
        return protected[word], True
    rest = word
    if len(rest) > 2 and rest[0] == rest[1] and rest[0] in rules.doubled_letters:
        rest = rest[1:]
        if rest in protected:
            return protected[rest], True
    for prefix in rules.article_prefixes:
        if rest.startswith(prefix) and len(rest) - len(prefix) >= rules.article_min_rest:
            rest = rest[len(prefix):]
            name = protected.get(rest) or protected.get(ARTICLE + rest)
            if name:
                return name, True
            also = rules.article_then_also
            if rest.startswith(also) and len(rest) - len(also) >= rules.article_min_rest:
                rest = rest[len(also):]
                name = protected.get(rest) or protected.get(also + rest)
                if name:
                    return name, True
            break
    for _ in range(rules.max_letters):
        min_rest = rules.letter_min_rest.get(rest[:1])
        if min_rest is None or len(rest) - 1 < min_rest:
            break
        rest = rest[1:]
        if rest in protected:
            return protected[rest], True
    for suffix in rules.suffixes:
        if rest.endswith(suffix) and len(rest) - len(suffix) >= rules.suffix_min_rest:
            rest = rest[: -len(suffix)]
    return rest, False


@lru_cache(maxsize=1)
def plural_stems() -> dict[str, str]:
    """Stem of a broken plural → stem of its singular (pairs whose stems already meet left out)."""
    pairs = ((_strip(p, {})[0], _strip(s, {})[0]) for p, s in stem_rules().plural_pairs)
    return {p: s for p, s in pairs if p != s}
