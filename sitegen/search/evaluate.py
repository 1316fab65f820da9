"""Scores every document a query tree matches, by the contract of ``ranking.py``, and tiers them.

A node evaluates to ``{document number: score}`` over the documents it matches. Every
matching document is scored (no pruning), so the ranking never depends on the limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitegen import arabic

from . import ranking
from .postings import IndexPostings
from .querylang import MAX_PREFIX_TERMS, And, Node, Not, Or, Phrase, Prefix, SearchError, Word, clauses

Scores = dict[int, float]


@dataclass
class Evaluation:
    """The documents of one query, before the limit: candidates for ``ranking.top``."""

    candidates: list[tuple[int, int, int, float]]  # (docnum, tier index, clauses held, score)
    matched_all: int  # documents in tier "all"
    matched_closest: int  # documents in tier "closest" (0 unless tier "all" was short)
    clause_count: int  # positive clauses
    stems: set[str] = field(default_factory=set)  # stemmed query terms, for highlights
    exacts: set[str] = field(default_factory=set)  # exact query terms (prefixes expanded)


class Evaluator:
    """One query over one index: ``postings`` gives term scores; ``analyzer`` stems as the index did."""

    def __init__(self, postings: IndexPostings, analyzer: arabic.Analyzer):
        self.postings = postings
        self.analyzer = analyzer
        self.stems: set[str] = set()
        self.exacts: set[str] = set()
        self._prefixes: dict[str, list[tuple[str, str]]] = {}

    def run(self, tree: Node, allowed: set[int] | None, limit: int) -> Evaluation:
        """Tier ``all`` and, when it holds fewer than ``limit`` documents, tier ``closest``."""
        parts = clauses(tree)
        positive = [c for c in parts if not isinstance(c, Not)]
        excluded: set[int] = set()
        for clause in parts:
            if isinstance(clause, Not):
                excluded |= self.node(clause.child, exact_only=False, collect=False).keys()
        main = [self.node(c, exact_only=False, collect=True) for c in positive]
        bonus = [self.node(c, exact_only=True, collect=False) for c in positive]

        def keep(doc: int) -> bool:
            return doc not in excluded and (allowed is None or doc in allowed)

        everything = _intersect(main)
        exact_all = _intersect(bonus)
        candidates = []
        for doc, score in everything.items():
            if keep(doc):
                if doc in exact_all:
                    score += exact_all[doc]
                candidates.append((doc, 0, len(positive), score))
        matched_all = len(candidates)
        matched_closest = 0
        if matched_all < limit and len(positive) > 1:
            held: dict[int, int] = {}
            partial: Scores = {}
            for scores in main:
                for doc, score in scores.items():
                    held[doc] = held.get(doc, 0) + 1
                    partial[doc] = partial.get(doc, 0.0) + score
            for doc, count in held.items():
                if count < len(positive) and keep(doc):
                    candidates.append((doc, 1, count, partial[doc]))
                    matched_closest += 1
        return Evaluation(candidates, matched_all, matched_closest, len(positive), self.stems, self.exacts)

    def node(self, node: Node, *, exact_only: bool, collect: bool) -> Scores:
        if isinstance(node, Word):
            return self.word(node.exact, exact_only, collect)
        if isinstance(node, Prefix):
            return self.prefix(node.text, exact_only, collect)
        if isinstance(node, Phrase):
            return self.phrase(node.words, exact_only, collect)
        if isinstance(node, Or):
            return _union([self.node(c, exact_only=exact_only, collect=collect) for c in node.children])
        if isinstance(node, And):
            positive = [c for c in node.children if not isinstance(c, Not)]
            scores = _intersect([self.node(c, exact_only=exact_only, collect=collect) for c in positive])
            for child in node.children:
                if isinstance(child, Not) and scores:
                    for doc in self.node(child.child, exact_only=False, collect=False):
                        scores.pop(doc, None)
            return scores
        raise TypeError(f"not a query node: {node!r}")  # Not is only ever a child of And

    def _fields(self, exact_only: bool):
        """(part, stemmed field or None, exact field, stemmed boost, exact boost) for each text part."""
        for part in ranking.TEXT_PARTS:
            exact = part + ranking.EXACT_SUFFIX
            if exact_only:
                yield part, None, exact, 0.0, ranking.WHOLE_EXACT_BOOSTS[exact]
            else:
                yield part, part, exact, ranking.FIELD_BOOSTS[part], ranking.FIELD_BOOSTS[exact]

    def word(self, exact: str, exact_only: bool, collect: bool) -> Scores:
        stem = self.analyzer.stem(exact)
        if collect:
            self.stems.add(stem)
            self.exacts.add(exact)
        lists = []
        for _, stemmed, exact_field, stem_boost, exact_boost in self._fields(exact_only):
            if stemmed:
                lists.append(self.postings.term_scores(stemmed, stem, stem_boost))
            lists.append(self.postings.term_scores(exact_field, exact, exact_boost))
        return _union(lists)

    def prefix(self, text: str, exact_only: bool, collect: bool) -> Scores:
        words = self._expand(text)
        if collect:
            self.exacts.update(w for _, w in words)
        lists = []
        for _, _, exact_field, _, exact_boost in self._fields(exact_only):
            lists += [self.postings.term_scores(f, w, exact_boost) for f, w in words if f == exact_field]
        return _union(lists)

    def _expand(self, text: str) -> list[tuple[str, str]]:
        words = self._prefixes.get(text)
        if words is None:
            words, distinct = [], set()
            for part in ranking.TEXT_PARTS:
                exact_field = part + ranking.EXACT_SUFFIX
                for word in self.postings.expand_prefix(exact_field, text, MAX_PREFIX_TERMS):
                    words.append((exact_field, word))
                    distinct.add(word)
                if len(distinct) > MAX_PREFIX_TERMS:
                    raise SearchError(
                        f"{text}* matches more than {MAX_PREFIX_TERMS} different words: give more letters before *"
                    )
            self._prefixes[text] = words
        return words

    def phrase(self, words: tuple[str, ...], exact_only: bool, collect: bool) -> Scores:
        stems = tuple(self.analyzer.stem(w) for w in words)
        if collect:
            self.stems.update(stems)
            self.exacts.update(words)
        result: Scores = {}
        for _, stemmed, exact_field, stem_boost, exact_boost in self._fields(exact_only):
            targets = [(exact_field, words, exact_boost)]
            if stemmed:
                targets.insert(0, (stemmed, stems, stem_boost))
            for field_name, terms, boost in targets:
                docs = self.postings.phrase_docs(field_name, terms)
                if not docs:
                    continue
                term_lists = [self.postings.term_scores(field_name, t, boost) for t in terms]
                for doc in docs:
                    result[doc] = result.get(doc, 0.0) + sum(scores[doc] for scores in term_lists)
        return result


def _union(lists: list[Scores]) -> Scores:
    lists = [scores for scores in lists if scores]
    if not lists:
        return {}
    result = dict(lists[0])
    for scores in lists[1:]:
        for doc, score in scores.items():
            result[doc] = result.get(doc, 0.0) + score
    return result


def _intersect(lists: list[Scores]) -> Scores:
    if not lists or not all(lists):
        return {}
    smallest = min(lists, key=len)
    result = {}
    for doc in smallest:
        if all(doc in scores for scores in lists):
            total = 0.0
            for scores in lists:  # summed in query order, as the contract's Σ reads
                total += scores[doc]
            result[doc] = total
    return result
