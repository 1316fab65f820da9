"""Whoosh wiring of the Arabic analyzer: one tokenizer and three filters joined with ``|``.

Each piece calls ``sitegen.arabic`` for one step, so Whoosh applies exactly the rules of
:class:`sitegen.arabic.Analyzer` at index time and at query time (the chains are pickled
with the index schema, protected names included). Tokens keep their character offsets
in the original text.

When Whoosh asks for an untokenized value (``tokenize=False``: a prefix or wildcard
query such as ``قص*``), the tokenizer yields it whole, the normalizer normalizes it,
and the stemmer leaves it alone, so prefixes match normalized, unstemmed forms.
"""

from __future__ import annotations

from collections import Counter

from whoosh.analysis import Filter, Token, Tokenizer

from sitegen import arabic

from .ranking import EXACT_SUFFIX, TEXT_PARTS


class ArabicTokenizer(Tokenizer):
    """Words as :func:`sitegen.arabic.tokenize` finds them, with positions and offsets."""

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        words = arabic.tokenize(value) if tokenize else [(value, 0, len(value))]
        for pos, (text, start, end) in enumerate(words):
            token.text = text
            token.whole = not tokenize
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class NormalizeFilter(Filter):
    """Replaces each word by its normalized form; drops words that normalize to nothing."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = arabic.normalize_word(token.text)
            if token.text:
                yield token


class StopFilter(Filter):
    """Removes stop words and renumbers positions so that phrases ignore them."""

    def __call__(self, tokens):
        pos = None
        for token in tokens:
            if arabic.is_stop_word(token.text):
                if not token.removestops:
                    token.stopped = True
                    yield token
                continue
            if token.positions:
                pos = token.pos if pos is None else pos + 1
                token.pos = pos
            token.stopped = False
            yield token


class StemFilter(Filter):
    """Replaces each word by its stem under an :class:`sitegen.arabic.Analyzer`."""

    def __init__(self, analyzer: arabic.Analyzer):
        self.analyzer = analyzer

    def __eq__(self, other):
        return isinstance(other, StemFilter) and other.analyzer == self.analyzer

    def __call__(self, tokens):
        for token in tokens:
            if not token.whole and not token.stopped:
                token.text = self.analyzer.stem(token.text)
            yield token


def exact_analyzer():
    """Normalized, unstemmed words without stop words."""
    return ArabicTokenizer() | NormalizeFilter() | StopFilter()


def stemmed_analyzer(analyzer: arabic.Analyzer):
    """Normalized, stemmed words without stop words; ``analyzer`` holds the protected names."""
    return exact_analyzer() | StemFilter(analyzer)


def analyzed_fields(analyzer: arabic.Analyzer, texts: dict[str, str]) -> dict[str, tuple[Counter, int]]:
    """Each text field's term counts and length, every part analysed once for both its fields.

    ``texts`` maps each text part (``TEXT_PARTS``) to its text; the result maps the stemmed
    field (``title``) and the exact one (``title_exact``) to ``(Counter of terms, words)``:
    what the analyzers above give Whoosh, without a second pass. A part's two fields have the
    same length (stemming drops no word).
    """
    fields = {}
    for part in TEXT_PARTS:
        forms = analyzer.forms(texts.get(part) or "")
        fields[part] = (Counter([stem for _, stem in forms]), len(forms))
        fields[part + EXACT_SUFFIX] = (Counter([exact for exact, _ in forms]), len(forms))
    return fields
