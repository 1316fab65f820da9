"""Patching the browser index's encoded lists (``sitegen/search/posting_patch.py``): the result is
the list encoded from scratch, whatever the documents changed (first, last, absent, every one)."""

from __future__ import annotations

import random

import pytest

from sitegen.search import browser_index as bi
from sitegen.search import posting_patch as pp


def _term_list(postings: dict[int, tuple[int, int]]) -> str:
    """The list ``browser_index`` writes for these (document → (term frequency, length byte))."""
    out, previous = [], -1
    for doc in sorted(postings):
        tf, length = postings[doc]
        out.append(bi.encode([(doc - previous) * 2 + (tf > 1)] + ([tf] if tf > 1 else []) + [length]))
        previous = doc
    return "".join(out)


def _facet_list(docs: set[int]) -> str:
    ordered = sorted(docs)
    return bi.encode(b - a for a, b in zip([-1, *ordered], ordered))


def _random_postings(rng: random.Random, universe: int, share: float) -> dict[int, tuple[int, int]]:
    return {doc: (rng.choice([1, 1, 1, 2, 3, 40, 5000]), rng.randrange(256))
            for doc in range(universe) if rng.random() < share}


def test_term_lists_patched_equal_lists_encoded_afresh():
    rng = random.Random(3)
    for _ in range(400):
        universe = rng.choice([3, 40, 5000, 70_000])
        before = _random_postings(rng, universe, rng.choice([0.0, 0.01, 0.5, 1.0]))
        after = dict(before)
        changes: dict[int, tuple[int, int] | None] = {}
        candidates = [0, universe - 1, *rng.sample(range(universe), min(universe, 4)), *list(before)[:1], *list(before)[-1:]]
        for doc in rng.sample(candidates, rng.randint(1, min(5, len(candidates)))):
            new = rng.choice([None, (1, rng.randrange(256)), (rng.randint(2, 9000), rng.randrange(256))])
            changes[doc] = new
            if new is None:
                after.pop(doc, None)
            else:
                after[doc] = new
        encoded, count, previous_count = pp.patch_term_list(_term_list(before), changes)
        assert encoded == _term_list(after)
        assert (count, previous_count) == (len(after), len(before))
        assert bi.decode_postings(encoded) == [(doc, *after[doc]) for doc in sorted(after)]


def test_a_term_list_unchanged_keeps_its_bytes_and_counts_its_documents():
    rng = random.Random(4)
    postings = _random_postings(rng, 3000, 0.3)
    encoded = _term_list(postings)
    assert pp.patch_term_list(encoded, {}) == (encoded, len(postings), len(postings))
    doc = sorted(postings)[10]
    assert pp.patch_term_list(encoded, {doc: postings[doc]}) == (encoded, len(postings), len(postings))


def test_facet_lists_patched_equal_lists_encoded_afresh():
    rng = random.Random(5)
    for _ in range(300):
        universe = rng.choice([2, 50, 40_000])
        before = {doc for doc in range(universe) if rng.random() < rng.choice([0.0, 0.1, 0.9])}
        changes = {doc: rng.random() < 0.5 for doc in rng.sample(range(universe), min(universe, rng.randint(1, 4)))}
        after = (before - {d for d, holds in changes.items() if not holds}) | {d for d, holds in changes.items() if holds}
        assert pp.patch_facet_list(_facet_list(before), changes) == _facet_list(after)
        assert pp.facet_holds(_facet_list(before), set(changes)) == bool(before & set(changes))


def test_a_list_that_is_not_one_is_refused():
    with pytest.raises(ValueError):
        pp.patch_term_list("2", {0: None})  # a posting cut short: a gap without its length
    with pytest.raises(ValueError):
        pp.patch_facet_list("2W", {0: True})
