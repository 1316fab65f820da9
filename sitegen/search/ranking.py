"""The ranking contract: how ``sitegen search`` scores, collects, orders and tiers articles.

This module is the single home of every ranking constant and of the collection rule. The
browser search reproduces it exactly; anything it must repeat is either a constant here
or a table exported by ``sitegen.arabic.export_tables``. The query language (what a
query means before it is scored) is in ``querylang.py``.

Fields
    Each text part of an article (``title``, ``lede``, ``body``) is indexed twice: the
    *stemmed* field ``<part>`` (``Analyzer.terms``) and the *exact* field ``<part>_exact``
    (normalized, unstemmed: ``Analyzer.exact_terms``). Positions skip stop words.

Statistics (of the live documents: an index updated in place by an incremental build
ranks exactly as a fresh index of the same articles; ``livestats.py``)
    ``N``   = number of live documents in the index (``doc_count``; Whoosh's ``doc_count_all``
              also counts deleted ones until a merge).
    ``n``   = number of live documents whose field holds the term.
    ``idf`` = ln(N / (n + 1)) + 1.
    ``tf``  = occurrences of the term in the document's field.
    ``L``   = the field's length in the document (words, stop words excluded), stored as one
              byte by Whoosh's 256-step table and read back rounded up: ``L = byte_to_length(
              length_to_byte(words))`` (``whoosh.util.numeric``; the browser ships the table).
    ``avgL``= total words of the field over the live documents / ``N`` (exact total, not
              rounded: sitegen's ``sitegen-lengths.json``, as a merge re-adds rounded lengths
              to Whoosh's total). In a fresh index (what the browser's projection reads) these
              equal Whoosh's own figures.

Score of one term in one field (Whoosh's BM25F, per field)::

    term_score(f, t, d) = BOOST[f] × idf(f, t) × tf × (K1 + 1) / (tf + K1 × (1 − B[f] + B[f] × L / avgL))

with ``K1 = BM25_K1``, ``B[f] = FIELD_B[f]`` and ``BOOST[f]`` from the boost table in use
(``FIELD_BOOSTS`` for the main score, ``WHOLE_EXACT_BOOSTS`` for the bonus below). All
arithmetic is IEEE float64.

Score of a query node in a document (only where the node matches; see ``querylang``)
    word w (normalized ``e``, stem ``s``): Σ over parts p of term_score(p, s) + term_score(p_exact, e)
                                          (a missing term adds nothing);
    prefix x*: Σ over parts p, over every exact word t of ``p_exact`` starting with x:
               term_score(p_exact, t);
    "phrase": Σ over the fields f where the phrase occurs (consecutive positions) of
              Σ over its words of term_score(f, word's term in f);
    a AND b (and juxtaposition): matches when every child matches; score = Σ children;
    a OR b: matches when any child matches; score = Σ of the children that match;
    NOT a: removes the documents a matches; adds nothing.

Summation order (float64 addition is not associative; the rounding below absorbs the rest)
    clauses in query order; within a word, the fields in the order title, title_exact, lede,
    lede_exact, body, body_exact; a prefix's words field by field, each field's words in
    code-point order; a phrase field by field, its words in order; OR children in order.

Whole-query exact bonus
    The query is evaluated a second time on the exact fields only (words match only their
    exact form, phrases only in exact fields, prefixes as before), with
    ``WHOLE_EXACT_BOOSTS``. A document of tier ``all`` whose every positive clause matches
    that way adds that second score (NOT parts play no part here).
    So a query typed as the article wrote it ranks like an unstemmed search, and a
    misspelt or inflected one still finds its article through the stems.

    score(d) = main(d) + (exact(d) if d matches the exact-only query else 0)

Collection: every matching document is scored; nothing is pruned by block or score
bounds, so the results never depend on the limit: the top N with ``--limit N`` are the
first N with any larger limit.

Tiers
    The query's *clauses* are the children of its top-level AND (a query without a top-level
    AND is one clause). Positive clauses are those not under NOT.

    * tier ``all``: documents matching the whole query (every positive clause, no NOT clause).
    * tier ``closest``: only when tier ``all`` holds fewer documents than the limit and the
      query has at least two positive clauses: documents matching at least one positive
      clause (and no NOT clause) but not all of them. Their score is the sum of the
      scores of the clauses they match (no bonus). The user is told ("no article holds
      every word; closest matches:" / ``"tier": "closest"`` in JSON).

    A query therefore comes back empty only when none of its clauses matches anywhere
    (after filters).

Order: by the key ``(tier, −clauses held, −round(score, SCORE_DECIMALS), article id)``:
tier ``all`` first; within ``closest``, more clauses held first; then the score rounded
to ``SCORE_DECIMALS`` decimals (so float noise from summation order cannot reorder); then
the article id compared by code point (JavaScript's ``<`` on strings compares UTF-16
units: the same for ids, which are letters, digits and hyphens of the BMP). Never
Whoosh's internal document number. The score shown is the rounded one.

Filters (dates, place, actor, type) remove documents; they never change scores or N.
"""

from __future__ import annotations

import heapq
import math
from typing import Callable, Iterable, NamedTuple

BM25_K1 = 1.2  # term-frequency saturation
BM25_B = 0.75  # length normalization of lede and body
TITLE_B = 0.5  # titles vary little in length: normalize them less

TEXT_PARTS = ("title", "lede", "body")
EXACT_SUFFIX = "_exact"
PART_BOOSTS = {"title": 4.0, "lede": 1.5, "body": 1.0}
EXACT_BOOST = 0.5  # weight of an exact (unstemmed) match of a word, added to its stemmed match
WHOLE_EXACT_BOOST = 8.0  # weight of the bonus for matching the whole query in the exact fields

FIELD_BOOSTS = {
    **PART_BOOSTS,
    **{part + EXACT_SUFFIX: boost * EXACT_BOOST for part, boost in PART_BOOSTS.items()},
}
WHOLE_EXACT_BOOSTS = {part + EXACT_SUFFIX: boost * WHOLE_EXACT_BOOST for part, boost in PART_BOOSTS.items()}
FIELD_B = {field: (TITLE_B if field.startswith("title") else BM25_B) for field in FIELD_BOOSTS}

SCORE_DECIMALS = 6  # scores are compared (and shown) rounded to this many decimals

TIER_ALL = "all"
TIER_CLOSEST = "closest"
TIERS = (TIER_ALL, TIER_CLOSEST)


def idf(doc_count: int, doc_frequency: int) -> float:
    """Whoosh's inverse document frequency: ln(N / (n + 1)) + 1."""
    return math.log(doc_count / (doc_frequency + 1)) + 1


def length_norm(field: str, length: float, average: float) -> float:
    """The denominator's length part, K1 × (1 − B + B × L / avgL), for one document's field."""
    b = FIELD_B[field]
    return BM25_K1 * (1 - b + b * length / average) if average else BM25_K1


def term_score(boost: float, idf_value: float, tf: float, norm: float) -> float:
    """One term in one field of one document (``norm`` from :func:`length_norm`)."""
    return boost * idf_value * tf * (BM25_K1 + 1) / (tf + norm)


class Ranked(NamedTuple):
    docnum: int  # the index's internal number: only for fetching the document, never for order
    tier: str
    held: int  # positive clauses matched
    score: float  # rounded to SCORE_DECIMALS


def rounded(score: float) -> float:
    return round(score, SCORE_DECIMALS)


def top(candidates: Iterable[tuple[int, int, int, float]], limit: int, id_of: Callable[[int], str]) -> list[Ranked]:
    """The first ``limit`` of ``(docnum, tier index, clauses held, score)`` in contract order.

    ``id_of(docnum)`` gives the article id; it is asked only for documents that reach the
    boundary of the selection, where ties are broken.
    """
    keyed = [(tier, -held, -rounded(score), docnum) for docnum, tier, held, score in candidates]
    if not keyed:
        return []
    best = heapq.nsmallest(limit, keyed)
    boundary = best[-1][:3]
    chosen = [k for k in best if k[:3] < boundary]
    ties = [k for k in keyed if k[:3] == boundary]
    ties.sort(key=lambda k: id_of(k[3]))
    chosen += ties[: limit - len(chosen)]
    chosen.sort(key=lambda k: (k[:3], id_of(k[3])))
    return [Ranked(k[3], TIERS[k[0]], -k[1], -k[2]) for k in chosen]
