"""What ranking reads from a Whoosh index: statistics, posting lists, prefix expansions, phrases.

Whoosh is used as storage only: scores are computed in ``evaluate.py`` by the contract of
``ranking.py``, so nothing here depends on Whoosh's searcher, collectors or their pruning.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.reading import TermNotFound

from . import ranking

_BLOCK_READER = "W3LeafMatcher"  # Whoosh's on-disk posting reader, read a block at a time


class IndexPostings:
    """Per-field statistics and term scores of one open searcher."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.doc_count = self.reader.doc_count_all()
        self._norms: dict[str, list[float]] = {}
        self._scores: dict[tuple[str, str, float], dict[int, float]] = {}

    def reset_scores(self) -> None:
        """Forget the term scores of the last query (they are kept for one query only)."""
        self._scores.clear()

    def doc_ids(self, field: str, term: str) -> list[int]:
        """Documents whose ``field`` holds ``term``."""
        return self._postings(field, term)[0]

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
            average = self.reader.field_length(field) / self.doc_count if self.doc_count else 0.0
            length = self.reader.doc_field_length
            norms = [ranking.length_norm(field, length(d, field) or 0, average) for d in range(self.doc_count)]
            self._norms[field] = norms
        return norms

    def term_scores(self, field: str, term: str, boost: float) -> dict[int, float]:
        """``term_score`` of ``term`` in ``field`` for every document holding it."""
        key = (field, term, boost)
        scores = self._scores.get(key)
        if scores is None:
            scores = {}
            ids, weights = self._postings(field, term)
            if ids:
                idf = ranking.idf(self.doc_count, self.reader.doc_frequency(field, term))
                norms = self.norms(field)
                score = ranking.term_score
                scores = {d: score(boost, idf, tf, norms[d]) for d, tf in zip(ids, weights)}
            self._scores[key] = scores
        return scores

    def expand_prefix(self, field: str, prefix: str, limit: int) -> list[str]:
        """Words of ``field`` starting with ``prefix``, at most ``limit + 1`` of them (to detect overflow)."""
        words = []
        for term in self.reader.expand_prefix(field, prefix):
            words.append(term.decode("utf-8") if isinstance(term, bytes) else term)
            if len(words) > limit:
                break
        return words

    def phrase_docs(self, field: str, words: tuple[str, ...]) -> set[int]:
        """Documents whose ``field`` holds ``words`` at consecutive positions."""
        if any(self.reader.doc_frequency(field, w) == 0 for w in words):
            return set()
        matcher = wq.Phrase(field, list(words)).matcher(self.searcher)
        return set(matcher.all_ids()) if matcher.is_active() else set()

    def _postings(self, field: str, term: str) -> tuple[list[int], list[float]]:
        try:
            matcher = self.reader.postings(field, term)
        except TermNotFound:
            return [], []
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
