"""What ranking reads from a Whoosh index: statistics, posting lists, prefix expansions, phrases.

Whoosh is used as storage only: scores are computed in ``evaluate.py`` by the contract of
``ranking.py``, so nothing here depends on Whoosh's searcher, collectors or their pruning.
"""

from __future__ import annotations

from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length, length_to_byte

from . import livestats, ranking

ANALYSED_TEXTS_KEPT = 4096  # stored texts kept analysed between phrase checks (then forgotten)
_BLOCK_READER = "W3LeafMatcher"  # Whoosh's on-disk posting reader, read a block at a time


class IndexPostings:
    """Per-field statistics and posting lists of one open searcher."""

    def __init__(self, searcher, lengths: dict[str, list[int]] | None = None):
        """``lengths``: the index's ``livestats`` (exact field lengths of the live documents)."""
        self.searcher = searcher
        self.reader = searcher.reader()
        self.doc_count = self.reader.doc_count()  # N: live documents only
        self.doc_numbers = self.reader.doc_count_all()  # document numbers run up to this
        self.has_deletions = self.reader.has_deletions()
        self._totals = livestats.field_totals(lengths) if lengths is not None else None
        self._norms: dict[str, list[float]] = {}
        self._live_df: dict[tuple[str, str], int] = {}
        self._texts: dict[tuple[int, str], tuple[list[str], list[str]]] = {}  # analysed stored texts (phrases)

    def doc_ids(self, field: str, term: str) -> list[int]:
        """Documents whose ``field`` holds ``term``."""
        return self.postings(field, term)[0]

    def docs_in_range(self, field: str, first: str | None, last: str | None) -> set[int]:
        """Documents holding a term of ``field`` between ``first`` and ``last`` (inclusive; None: open)."""
        docs: set[int] = set()
        for name, term in self.reader.terms_from(field, first or ""):
            term = term.decode("utf-8") if isinstance(term, bytes) else term
            if name != field or (last is not None and term > last):
                break
            docs.update(self.doc_ids(field, term))
        return docs

    def norms(self, field: str) -> list[float]:
        """``length_norm`` of every document's ``field``, by document number (read once)."""
        norms = self._norms.get(field)
        if norms is None:
            total = self._totals[field] if self._totals is not None else self.reader.field_length(field)
            average = total / self.doc_count if self.doc_count else 0.0
            by_byte = [ranking.length_norm(field, byte_to_length(b) if b else 0, average) for b in range(256)]
            norms = [by_byte[b] for b in self.length_bytes(field)]
            self._norms[field] = norms
        return norms

    def length_bytes(self, field: str) -> bytes:
        """Every document's length byte for ``field`` (Whoosh's 256-step table), read in one go."""
        try:  # each segment's column of bytes, directly (one segment: what a full build writes)
            parts = []
            for leaf, offset in self.reader.leaf_readers():
                column = leaf._perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
                raw = bytes(column._dbfile.get(column._basepos, column._count)) if column is not None else b""
                parts.append(raw + bytes(leaf.doc_count_all() - len(raw)))
            return b"".join(parts)
        except AttributeError:  # another reader: one document at a time
            lengths = [self.reader.doc_field_length(d, field) or 0 for d in range(self.doc_numbers)]
            return bytes(_length_byte(n) for n in lengths)

    def doc_frequency(self, field: str, term: str) -> int:
        """n: live documents whose ``field`` holds ``term`` (Whoosh's count includes deleted ones)."""
        if not self.has_deletions:
            return self.reader.doc_frequency(field, term)
        key = (field, term)
        if key not in self._live_df:
            self._live_df[key] = len(self.postings(field, term)[0])
        return self._live_df[key]

    def has_term(self, field: str, term: str) -> bool:
        """Whether a live document holds ``term`` in ``field`` (a deleted one's terms stay in the lexicon)."""
        return (field, term) in self.reader and (not self.has_deletions or self.doc_frequency(field, term) > 0)

    def live_terms(self, field: str, terms):
        """``terms`` of ``field`` (text or bytes) that some live document holds, as text."""
        for term in terms:
            term = term.decode("utf-8") if isinstance(term, bytes) else term
            if not self.has_deletions or self.doc_frequency(field, term) > 0:
                yield term

    def expand_prefix(self, field: str, prefix: str, limit: int) -> list[str]:
        """Words of ``field`` starting with ``prefix``, at most ``limit + 1`` of them (to detect overflow)."""
        words = []
        for term in self.live_terms(field, self.reader.expand_prefix(field, prefix)):
            words.append(term)
            if len(words) > limit:
                break
        return words

    def phrase_docs(self, field: str, words: tuple[str, ...], candidates: set[int], analyzer) -> set[int]:
        """Those of ``candidates`` whose ``field`` holds ``words`` at consecutive positions.

        The index keeps no positions: each candidate's stored text of the field's part is
        analysed as the index analysed it (stop words skipped), and the words are looked for
        in a row, in the exact forms for an exact field, the stems for a stemmed one. The
        browser checks phrases the same way (``templates/assets/search/engine.js``).
        """
        exact = field.endswith(ranking.EXACT_SUFFIX)
        part = field[: -len(ranking.EXACT_SUFFIX)] if exact else field
        wanted, size = list(words), len(words)
        found = set()
        for doc in candidates:
            terms = self._analysed(doc, part, analyzer)[0 if exact else 1]
            if any(terms[i] == wanted[0] and terms[i:i + size] == wanted for i in range(len(terms) - size + 1)):
                found.add(doc)
        return found

    def _analysed(self, doc: int, part: str, analyzer) -> tuple[list[str], list[str]]:
        """(exact terms, stems) of a document's stored text of ``part``, kept for the next phrases."""
        key = (doc, part)
        terms = self._texts.get(key)
        if terms is None:
            if len(self._texts) >= ANALYSED_TEXTS_KEPT:
                self._texts.clear()
            forms = analyzer.forms(self.searcher.stored_fields(doc).get(part) or "")
            terms = self._texts[key] = ([e for e, _ in forms], [s for _, s in forms])
        return terms

    def postings(self, field: str, term: str) -> tuple[list[int], list[float]]:
        """Document numbers holding ``term`` in ``field``, and the term's count in each."""
        try:
            matcher = self.reader.postings(field, term)
        except TermNotFound:
            return [], []
        return read_matcher(matcher)


def read_matcher(matcher) -> tuple[list[int], list[float]]:
    """Every document number and weight a Whoosh matcher yields."""
    ids: list[int] = []
    weights: list[float] = []
    if type(matcher).__name__ == _BLOCK_READER:
        while matcher.is_active():  # whole blocks at once: much faster than one posting at a time
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
        return ids, weights
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def _length_byte(length: int) -> int:
    return length_to_byte(length) if length else 0
