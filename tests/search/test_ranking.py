"""The ranking contract's pure parts: Whoosh's BM25 pieces, the order key, ties on the id."""

from __future__ import annotations

import math

from sitegen.search import ranking


def test_idf_is_whooshs():
    assert ranking.idf(100, 9) == math.log(100 / 10) + 1


def test_term_score_saturates_and_normalizes_length():
    short = ranking.term_score(1.0, 2.0, 1, ranking.length_norm("body", 10, 20))
    long = ranking.term_score(1.0, 2.0, 1, ranking.length_norm("body", 40, 20))
    assert short > long
    assert ranking.term_score(1.0, 1.0, 1000, ranking.BM25_K1) < ranking.BM25_K1 + 1


def test_ties_are_broken_on_the_article_id_not_the_document_number():
    ids = {0: "zeta", 1: "alpha", 2: "mid", 3: "beta"}
    candidates = [(0, 0, 2, 1.0), (1, 0, 2, 1.0), (2, 0, 2, 2.0), (3, 0, 2, 1.0000000001)]
    got = ranking.top(candidates, 2, ids.__getitem__)
    assert [ids[r.docnum] for r in got] == ["mid", "alpha"]
    assert [ids[r.docnum] for r in ranking.top(candidates, 10, ids.__getitem__)] == ["mid", "alpha", "beta", "zeta"]


def test_tier_then_clauses_held_then_score():
    ids = {n: f"a{n}" for n in range(4)}
    candidates = [(0, 1, 2, 50.0), (1, 0, 3, 1.0), (2, 1, 1, 90.0), (3, 1, 2, 60.0)]
    got = ranking.top(candidates, 4, ids.__getitem__)
    assert [(r.docnum, r.tier, r.held) for r in got] == [(1, "all", 3), (3, "closest", 2), (0, "closest", 2), (2, "closest", 1)]


def test_results_do_not_depend_on_the_limit():
    ids = {n: f"id{n % 7}-{n}" for n in range(200)}
    candidates = [(n, n % 2, 3 - n % 3, float(n % 5)) for n in range(200)]
    everything = ranking.top(candidates, 200, ids.__getitem__)
    for limit in (1, 5, 17, 100):
        assert ranking.top(candidates, limit, ids.__getitem__) == everything[:limit]
