"""Arabic text analysis: the same words for the index, the query and the browser.

The model is a chain of four small steps over words, with every rule kept as data in
``data/*.json`` and a small engine (``engine.py``) applying them:

1. **Tokenize** (:func:`tokenize`): a word is a run of letters, digits, combining marks
   (harakat, Quranic marks) and invisible format characters (ZWNJ, RLM, ...); anything
   else, including every kind of punctuation and quote, separates words. Each word keeps
   its start and end offsets in the original text, so highlights show the original.
2. **Normalize** (:func:`normalize_word`): NFKC (presentation forms, lam-alef ligatures),
   lower case, delete marks, tatweel and invisibles, then unify letters: أ إ آ ٱ → ا,
   ى → ي, ة → ه, ؤ ئ → ء, Persian-keyboard letters → Arabic, Eastern digits → 0-9.
3. **Stop words** (:func:`is_stop_word`): a short hand-made list of function words.
4. **Light stemming** (:meth:`Analyzer.stem`): an article prefix (وال بال لل ال ...)
   comes off, then up to three one-letter clitics (و ف ب ك ل) in any order, each only
   if enough letters remain; then suffixes (pronouns, plural, dual, nisba, feminine) in a fixed
   order; then a small broken-plural table (صواريخ → صاروخ). Protected words (place
   and actor names passed to :class:`Analyzer`, plus a built-in list) lose their
   prefixes but are never cut: بغداد never becomes غداد.

:class:`Analyzer` gives both forms a search index needs: ``terms`` (stemmed, forgiving)
and ``exact_terms`` (normalized only, for exact matches that should count more).
:func:`fold` normalizes a whole text character by character and maps every folded
character back to the original (for extraction, which quotes what it matched).
:func:`export_tables` hands every rule, already normalized, to a JavaScript port.

This package imports nothing from sitegen and nothing from Whoosh.
"""

from __future__ import annotations

from typing import Iterable

from .engine import (
    ARTICLE,
    MIN_BARE_NAME,
    Analyzer,
    Word,
    canonical_names,
    fold,
    is_stop_word,
    normalize,
    normalize_word,
    plural_stems,
    tokenize,
)
from .tables import char_rules, stem_rules, stop_clitics, stop_words

__all__ = ["Analyzer", "Word", "export_tables", "fold", "is_stop_word", "normalize", "normalize_word", "tokenize"]

TABLES_FORMAT = "sitegen-arabic-tables/1"


def _merged_ranges(code_points: Iterable[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for cp in sorted(set(code_points)):
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return ranges


def export_tables(protected: Iterable[str] = ()) -> dict:
    """Every rule the analyzer applies, as JSON-serialisable data with a fixed order.

    A port reproduces :class:`Analyzer` token for token with it: find words with
    ``word_pattern`` (a JavaScript regular expression, flags ``gu``; ``\\p{L}\\p{N}``
    is what Python's ``[^\\W_]`` matches, ``\\p{Nd}`` Python's ``\\d``: a run of digits
    and a run of letters are separate words), normalize each with ``normalize``, drop
    ``stop_words`` and any of them behind one of ``stop_word_clitics.letters`` (unless
    listed in ``except``), then stem: ``protected`` first, then the prefix and suffix
    rules exactly as ``engine._strip`` applies them (a doubled letter of
    ``doubled_letters`` loses one; after an article prefix, ``article_then_also`` comes
    off too), then ``plural_stems``. ``protected`` holds only the names the analyzer
    protects (``engine.protects``): a port uses it as given.
    """
    chars = char_rules()
    rules = stem_rules()
    return {
        "format": TABLES_FORMAT,
        "word_pattern": (
            f"(?:\\p{{Nd}}[{chars.word_class_extra}]*)+|(?:(?!\\p{{Nd}})[\\p{{L}}\\p{{N}}]|[{chars.word_class_extra}])+"
        ),
        "normalize": {
            "unicode_form": chars.unicode_form,
            "lowercase": chars.lowercase,
            "delete": _merged_ranges(cp for cp, dst in chars.translation.items() if dst is None),
            "map": {chr(cp): dst for cp, dst in sorted(chars.translation.items()) if dst is not None},
        },
        "stop_words": sorted(stop_words()),
        "stop_word_clitics": {
            "letters": list(stop_clitics().letters),
            "except": sorted(stop_clitics().exceptions),
        },
        "stem": {
            "article": ARTICLE,
            "min_bare_name": MIN_BARE_NAME,
            "doubled_letters": list(rules.doubled_letters),
            "article_prefixes": list(rules.article_prefixes),
            "article_min_rest": rules.article_min_rest,
            "article_then_also": rules.article_then_also,
            "max_letters": rules.max_letters,
            "letter_min_rest": dict(sorted(rules.letter_min_rest.items())),
            "suffixes": list(rules.suffixes),
            "suffix_min_rest": rules.suffix_min_rest,
            "plural_stems": dict(sorted(plural_stems().items())),
        },
        "protected": dict(sorted(canonical_names(Analyzer(protected).protected_names).items())),
    }
