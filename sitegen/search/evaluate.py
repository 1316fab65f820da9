"""Finds and scores the documents of a query tree by the contract of ``ranking.py``, in tiers.

Two passes. First *which* documents match: each node becomes a set of document numbers
(posting lists joined with set operations). Then *how well*: only the documents that can
be shown are scored, each node summing its terms' scores in query order and, for each
word, in the field order of ``FIELD_ORDER``. Every document of tier ``all`` is scored (no
pruning), and tier ``closest`` is scored one "clauses held" group at a time until the
limit is filled, so the ranking never depends on the limit.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

from sitegen import arabic

from . import ranking
from .postings import IndexPostings
from .querylang import MAX_PREFIX_TERMS, And, Node, Not, Or, Phrase, Prefix, SearchError, Word, clauses

# (stemmed field or None, exact field) per text part, in the order scores are summed
FIELD_ORDER = tuple((part, part + ranking.EXACT_SUFFIX) for part in ranking.TEXT_PARTS)


@dataclass
class Evaluation:
    """The scored documents of one query, before the limit: candidates for ``ranking.top``."""

    candidates: list[tuple[int, int, int, float]]  # (docnum, tier index, clauses held, score)
    matched_all: int  # documents in tier "all"
    matched_closest: int  # documents in tier "closest" (0 unless tier "all" was short)
    clause_count: int  # positive clauses
    stems: set[str] = field(default_factory=set)  # stemmed query terms, for highlights
    exacts: set[str] = field(default_factory=set)  # exact query terms (prefixes expanded)


class _Term:
    """One (field, term) posting list of the query, with its boost: matching documents and scores."""

    __slots__ = ("docs", "tfs", "idf", "boost", "norms")

    def __init__(self, postings: IndexPostings, field_name: str, term: str, boost: float):
        ids, weights = postings.postings(field_name, term)
        self.docs = set(ids)
        self.tfs = dict(zip(ids, weights)) if ids else {}
        self.idf = ranking.idf(postings.doc_count, postings.doc_frequency(field_name, term)) if ids else 0.0
        self.boost = boost
        self.norms = postings.norms(field_name) if ids else []

    def score(self, doc: int) -> float:
        tf = self.tfs.get(doc)
        return 0.0 if tf is None else ranking.term_score(self.boost, self.idf, tf, self.norms[doc])

    def add_scores(self, totals: dict[int, float]) -> None:
        """Add this term's score to ``totals`` for every document holding it."""
        boost, idf, norms, score = self.boost, self.idf, self.norms, ranking.term_score
        for doc, tf in self.tfs.items():
            totals[doc] = totals.get(doc, 0.0) + score(boost, idf, tf, norms[doc])


class Evaluator:
    """One query over one index: ``postings`` reads the index; ``analyzer`` stems as the index did."""

    def __init__(self, postings: IndexPostings, analyzer: arabic.Analyzer):
        self.postings = postings
        self.analyzer = analyzer
        self.stems: set[str] = set()
        self.exacts: set[str] = set()
        self._terms: dict[tuple[str, str, float], _Term] = {}
        self._prefixes: dict[str, list[tuple[str, str]]] = {}
        self._leaves: dict[tuple[Node, bool], list] = {}
        self._matches: dict[tuple[Node, bool], set[int]] = {}
        self._prefix_totals: dict[tuple[Node, bool], dict[int, float]] = {}
        self._expanded = 0  # distinct words all prefixes of the query expanded to so far

    # --- the run ---

    def run(self, tree: Node, allowed: set[int] | None, limit: int) -> Evaluation:
        """Tier ``all`` and, when it holds fewer than ``limit`` documents, tier ``closest``."""
        parts = clauses(tree)
        positive = [c for c in parts if not isinstance(c, Not)]
        excluded = set().union(*(self.match(c.child, False) for c in parts if isinstance(c, Not)))
        sets = [self.match(c, False) for c in positive]
        self._collect(positive)

        def keep(docs: set[int]) -> set[int]:
            docs = docs - excluded
            return docs & allowed if allowed is not None else docs

        every = keep(set.intersection(*sets)) if sets else set()
        exact_every = set.intersection(every, *(self.match(c, True) for c in positive)) if every else set()
        candidates = []
        for doc in every:
            score = 0.0
            for clause in positive:
                score += self.score(clause, doc, False)
            if doc in exact_every:
                bonus = 0.0
                for clause in positive:
                    bonus += self.score(clause, doc, True)
                score += bonus
            candidates.append((doc, 0, len(positive), score))
        matched_closest = 0
        if len(every) < limit and len(positive) > 1:
            held = Counter(chain.from_iterable(sets))
            closest = keep(set(held)) - every
            matched_closest = len(closest)
            groups: dict[int, list[int]] = {}
            for doc in closest:
                groups.setdefault(held[doc], []).append(doc)
            wanted = limit - len(every)
            for count in sorted(groups, reverse=True):  # more clauses held first; whole groups only
                if wanted <= 0:
                    break
                for doc in groups[count]:
                    score = 0.0
                    for clause, docs in zip(positive, sets):
                        if doc in docs:
                            score += self.score(clause, doc, False)
                    candidates.append((doc, 1, count, score))
                wanted -= len(groups[count])
        return Evaluation(candidates, len(every), matched_closest, len(positive), self.stems, self.exacts)

    # --- which documents match ---

    def match(self, node: Node, exact_only: bool) -> set[int]:
        key = (node, exact_only)
        found = self._matches.get(key)
        if found is None:
            found = self._matches[key] = self._match(node, exact_only)
        return found

    def _match(self, node: Node, exact_only: bool) -> set[int]:
        if isinstance(node, (Word, Prefix)):
            return set().union(*(term.docs for term in self.leaf(node, exact_only)))
        if isinstance(node, Phrase):
            return set().union(*(docs for docs, _ in self.leaf(node, exact_only)))
        if isinstance(node, Or):
            return set().union(*(self.match(c, exact_only) for c in node.children))
        if isinstance(node, And):
            positive = [self.match(c, exact_only) for c in node.children if not isinstance(c, Not)]
            docs = set.intersection(*positive) if positive else set()
            for child in node.children:
                if isinstance(child, Not) and docs:
                    docs -= self.match(child.child, False)
            return docs
        raise TypeError(f"not a query node: {node!r}")  # Not is only ever a child of And

    # --- how well ---

    def score(self, node: Node, doc: int, exact_only: bool) -> float:
        """The node's score in a document it matches (``ranking.py``)."""
        total = 0.0
        if isinstance(node, Prefix):  # often hundreds of words: scored once for all its documents
            return self._prefix_scores(node, exact_only)[doc]
        if isinstance(node, Word):
            for term in self.leaf(node, exact_only):
                total += term.score(doc)
        elif isinstance(node, Phrase):
            for docs, terms in self.leaf(node, exact_only):
                if doc in docs:  # Σ over fields of (Σ over the phrase's words), as ranking.py writes it
                    field_total = 0.0
                    for term in terms:
                        field_total += term.score(doc)
                    total += field_total
        elif isinstance(node, Or):
            for child in node.children:
                if doc in self.match(child, exact_only):
                    total += self.score(child, doc, exact_only)
        else:  # And: every positive child matches
            for child in node.children:
                if not isinstance(child, Not):
                    total += self.score(child, doc, exact_only)
        return total

    def _prefix_scores(self, node: Prefix, exact_only: bool) -> dict[int, float]:
        key = (node, exact_only)
        totals = self._prefix_totals.get(key)
        if totals is None:
            totals = self._prefix_totals[key] = {}
            for term in self.leaf(node, exact_only):  # per document, summed in term order as in score()
                term.add_scores(totals)
        return totals

    # --- leaves: the posting lists of a word, a prefix or a phrase ---

    def leaf(self, node: Node, exact_only: bool) -> list:
        key = (node, exact_only)
        found = self._leaves.get(key)
        if found is None:
            found = self._leaves[key] = self._leaf(node, exact_only)
        return found

    def _boosts(self, exact_only: bool):
        """(stemmed field or None, its boost, exact field, its boost) per text part, in ``FIELD_ORDER``."""
        for stemmed, exact in FIELD_ORDER:
            if exact_only:
                yield None, 0.0, exact, ranking.WHOLE_EXACT_BOOSTS[exact]
            else:
                yield stemmed, ranking.FIELD_BOOSTS[stemmed], exact, ranking.FIELD_BOOSTS[exact]

    def _term(self, field_name: str, term: str, boost: float) -> _Term:
        key = (field_name, term, boost)
        found = self._terms.get(key)
        if found is None:
            found = self._terms[key] = _Term(self.postings, field_name, term, boost)
        return found

    def _leaf(self, node: Node, exact_only: bool) -> list:
        if isinstance(node, Word):
            stem = self.analyzer.stem(node.exact)
            terms = []
            for stemmed, stem_boost, exact, exact_boost in self._boosts(exact_only):
                if stemmed:
                    terms.append(self._term(stemmed, stem, stem_boost))
                terms.append(self._term(exact, node.exact, exact_boost))
            return terms
        if isinstance(node, Prefix):
            words = self._expand(node.text)
            return [
                self._term(exact, word, exact_boost)
                for _, _, exact, exact_boost in self._boosts(exact_only)
                for field_name, word in words
                if field_name == exact
            ]
        stems = tuple(self.analyzer.stem(w) for w in node.words)  # Phrase: (documents, terms) per field
        fields = []
        for stemmed, stem_boost, exact, exact_boost in self._boosts(exact_only):
            targets = [(exact, node.words, exact_boost)]
            if stemmed:
                targets.insert(0, (stemmed, stems, stem_boost))
            for field_name, words, boost in targets:
                terms = [self._term(field_name, w, boost) for w in words]
                docs = set.intersection(*(t.docs for t in terms))
                if docs:
                    docs = self.postings.phrase_docs(field_name, words, docs, self.analyzer)
                fields.append((docs, terms))
        return fields

    def _expand(self, text: str) -> list[tuple[str, str]]:
        words = self._prefixes.get(text)
        if words is None:
            words, distinct = [], set()
            for _, exact in FIELD_ORDER:
                for word in self.postings.expand_prefix(exact, text, MAX_PREFIX_TERMS):
                    words.append((exact, word))
                    distinct.add(word)
                if len(distinct) + self._expanded > MAX_PREFIX_TERMS:
                    raise SearchError(
                        f"{text}* matches more than {MAX_PREFIX_TERMS} different words"
                        + (" with the other prefixes of the query" if self._expanded else "")
                        + ": give more letters before *"
                    )
            self._expanded += len(distinct)
            self._prefixes[text] = words
        return words

    def _collect(self, positive: list[Node]) -> None:
        """The query's terms as the highlighter wants them: stems, and exact words (prefixes expanded)."""
        for clause in positive:
            for node in _positive_leaves(clause):
                if isinstance(node, Word):
                    self.exacts.add(node.exact)
                    self.stems.add(self.analyzer.stem(node.exact))
                elif isinstance(node, Prefix):
                    self.exacts.update(word for _, word in self._expand(node.text))
                else:
                    self.exacts.update(node.words)
                    self.stems.update(self.analyzer.stem(w) for w in node.words)


def _positive_leaves(node: Node):
    if isinstance(node, (Word, Prefix, Phrase)):
        yield node
    elif isinstance(node, (And, Or)):
        for child in node.children:
            if not isinstance(child, Not):
                yield from _positive_leaves(child)
