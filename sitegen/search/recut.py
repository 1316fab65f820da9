"""Content-defined chunks of ordered items: cut in full, or cut again only where items changed.

The browser index cuts its term shards and its word lists where the content says (as FastCDC
does), not at a running byte count: an item starts a new chunk when the chunk so far holds at
least ``minimum`` bytes and the CRC-32 of the item's key is divisible by ``divisor``, or when
adding it would pass ``maximum``. A cut depends on the chunk so far and the next item only
(:func:`cuts_before`), so after an edit the cuts before the first changed chunk stay, and
after it they fall where they fell before as soon as one of them does: :func:`recut` reads
and cuts again only the chunks near a change.
"""

from __future__ import annotations

import zlib
from typing import Callable, NamedTuple, TypeVar

V = TypeVar("V")


class Limits(NamedTuple):
    minimum: int
    maximum: int
    divisor: int


def cuts_before(size: int, key: str, item_size: int, limits: Limits) -> bool:
    """Whether a chunk holding ``size`` bytes so far ends before the item ``key`` (of ``item_size``).

    The decision reads only the chunk so far and the item: so two orderings that agree on
    the items up to a cut and from it on cut alike after it (what :func:`recut` relies on)."""
    return (size >= limits.minimum and zlib.crc32(key.encode("utf-8")) % limits.divisor == 0) \
        or size + item_size > limits.maximum


def cut(items: list[tuple[str, int]], limits: Limits) -> list[int]:
    """Where each chunk starts (indexes into ``items``: (key, size) in order)."""
    starts, size = [0] if items else [], 0
    for i, (key, item_size) in enumerate(items):
        if size and cuts_before(size, key, item_size, limits):
            starts.append(i)
            size = 0
        size += item_size
    return starts


def recut(old_items: Callable[[int], list[tuple[str, V]]], count: int, updates: dict[int, dict[str, V | None]],
          size: Callable[[str, V], int], limits: Limits, order: Callable[[str], object] | None = None,
          restart: Callable[[int, str, str], bool] | None = None) -> list[int | list[tuple[str, V]]]:
    """The chunks after ``updates`` of the ``count`` previous chunks, as :func:`cut` would cut
    all their items: each an int (the previous chunk of that number, kept as it was) or a
    list of (key, value) (a chunk cut again).

    ``old_items(n)``: the items of previous chunk ``n`` in order (called only for the chunks
    near an update, and the caller may read them lazily); ``updates``: for a previous chunk,
    the new value of the items of its range (None: the item is gone); ``size(key, value)``:
    the bytes an item counts for; ``order``: the items' sort key (default: the key);
    ``restart(m, before, first)``: whether a cut that falls right before the first item
    ``first`` of previous chunk ``m`` (after the item ``before``) brings back the previous
    cuts (default: yes; the term shards also need the same shard key).

    A previous chunk whose items did not change, before a chunk whose items did not change
    either, is kept whole: the cut after it reads nothing else. From a changed one (or the one
    before it) the items are cut again until a cut falls where a previous chunk started."""
    dirty = set()
    for n, changes in updates.items():
        values = dict(old_items(n))
        if any(values.get(key) != value for key, value in changes.items()):
            dirty.add(n)

    def current(n: int) -> list[tuple[str, V]]:
        items = old_items(n)
        if n not in dirty:
            return items
        merged = dict(items)
        for key, value in updates[n].items():
            if value is None:
                merged.pop(key, None)
            else:
                merged[key] = value
        return sorted(merged.items(), key=(lambda item: order(item[0])) if order else (lambda item: item[0]))

    out: list[int | list[tuple[str, V]]] = []
    n = 0
    while n < count:
        if n not in dirty and (n + 1 == count or n + 1 not in dirty):
            out.append(n)
            n += 1
            continue
        chunk: list[tuple[str, V]] = []
        total, m, restarted, before = 0, n, False, ""
        while m < count and not restarted:
            for position, (key, value) in enumerate(current(m)):
                item_size = size(key, value)
                if chunk and cuts_before(total, key, item_size, limits):
                    out.append(chunk)
                    chunk, total = [], 0
                    if position == 0 and m > n and (restart is None or restart(m, before, key)):
                        n, restarted = m, True  # the previous cuts from here on
                        break
                chunk.append((key, value))
                total += item_size
                before = key
            else:
                m += 1
        if not restarted:
            if chunk:
                out.append(chunk)
            n = count
    return out
