"""The analyzer's rules, read from the JSON files in ``data/``.

Everything the engine knows about Arabic lives in those files; this module only turns
them into ready-to-use Python structures (a ``str.translate`` table, sets, tuples).
Word lists are written in ordinary spelling and normalized here with the character
rules, so a list entry and a word of text always meet.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

_DATA = resources.files(__package__) / "data"


def read_data(name: str) -> dict:
    """One data file, as parsed JSON."""
    return json.loads((_DATA / name).read_text(encoding="utf-8"))


def code_points(ranges: list[list[str]]) -> list[int]:
    """Every code point of a list of inclusive ``[first, last]`` hex ranges."""
    return [cp for first, last in ranges for cp in range(int(first, 16), int(last, 16) + 1)]


@dataclass(frozen=True)
class CharRules:
    """How a word's characters are normalized (see data/normalization.json)."""

    unicode_form: str
    lowercase: bool
    word_extra_ranges: tuple[tuple[str, str], ...]  # marks and invisibles kept inside words
    translation: dict[int, str | None]  # deletions (None) and letter replacements

    @property
    def word_class_extra(self) -> str:
        """The marks and invisibles as a regular-expression class body (``\\u064b-\\u065f...``)."""
        return "".join(f"\\u{first.lower()}-\\u{last.lower()}" for first, last in self.word_extra_ranges)

    def normalize_word(self, word: str) -> str:
        word = unicodedata.normalize(self.unicode_form, word)
        if self.lowercase:
            word = word.lower()
        return word.translate(self.translation)


@dataclass(frozen=True)
class StemRules:
    """How a normalized word is stemmed (see data/stemming.json)."""

    doubled_letters: tuple[str, ...]
    article_prefixes: tuple[str, ...]
    article_min_rest: int
    article_then_also: str
    max_letters: int
    letter_min_rest: dict[str, int]
    suffixes: tuple[str, ...]
    suffix_min_rest: int
    plural_pairs: tuple[tuple[str, str], ...]  # normalized (plural, singular)


@cache
def char_rules() -> CharRules:
    data = read_data("normalization.json")
    translation: dict[int, str | None] = {
        cp: None for key in ("marks", "invisible", "delete_also") for cp in code_points(data[key]["ranges"])
    }
    translation.update({ord(src): dst for src, dst in data["map"]["chars"].items()})
    return CharRules(
        unicode_form=data["unicode_form"],
        lowercase=data["lowercase"],
        word_extra_ranges=tuple(tuple(r) for r in data["marks"]["ranges"] + data["invisible"]["ranges"]),
        translation=translation,
    )


def _normalized_list(file: str) -> frozenset[str]:
    groups = read_data(file)["groups"]
    return frozenset(char_rules().normalize_word(w) for words in groups.values() for w in words)


@cache
def stop_words() -> frozenset[str]:
    return _normalized_list("stopwords.json")


@dataclass(frozen=True)
class StopClitics:
    """Conjunctions that leave a stop word a stop word (see data/stopwords.json ``clitics``)."""

    letters: tuple[str, ...]
    exceptions: frozenset[str]


@cache
def stop_clitics() -> StopClitics:
    data = read_data("stopwords.json")["clitics"]
    norm = char_rules().normalize_word
    return StopClitics(tuple(norm(c) for c in data["letters"]), frozenset(norm(w) for w in data["except"]))


@cache
def builtin_protected() -> frozenset[str]:
    return _normalized_list("protected.json")


@cache
def stem_rules() -> StemRules:
    data = read_data("stemming.json")
    norm = char_rules().normalize_word
    pairs = data["broken_plurals"]["pairs"]
    return StemRules(
        doubled_letters=tuple(data["doubled_prefixes"]["letters"]),
        article_prefixes=tuple(data["article_prefixes"]["prefixes"]),
        article_min_rest=data["article_prefixes"]["min_rest"],
        article_then_also=data["article_prefixes"]["then_also"],
        max_letters=data["letter_prefixes"]["max_letters"],
        letter_min_rest=dict(data["letter_prefixes"]["min_rest"]),
        suffixes=tuple(data["suffixes"]["suffixes"]),
        suffix_min_rest=data["suffixes"]["min_rest"],
        plural_pairs=tuple(sorted((norm(p), norm(s)) for p, s in pairs.items())),
    )
