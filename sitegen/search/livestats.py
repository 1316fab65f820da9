"""sitegen's own statistics of the live documents of an index, kept beside it.

Whoosh's statistics depend on the edit history of an index: a deleted document still counts
in ``doc_count_all`` and in the document frequencies of its terms until its segment is
merged, and a merge re-adds each document's field length rounded to Whoosh's one-byte table
(``../shared/STYLE.md``, "Whoosh incremental indexing"). An index updated in place would then
rank differently from a fresh one of the same articles.

So the index writer records, in ``STATS_FILE``, the exact length (words, stop words excluded)
of each text part of every live document, by article id; the scorer takes the field totals
for ``avgL`` from it, and counts ``N`` and ``n`` over live documents only (``postings.py``).
The stemmed and exact fields of a part have the same length (stemming drops no word), so
one number per part serves both.
"""

from __future__ import annotations

import json
from operator import itemgetter
from pathlib import Path

from sitegen import arabic

from .ranking import EXACT_SUFFIX, TEXT_PARTS

STATS_FILE = "sitegen-lengths.json"
STATS_FORMAT = "sitegen-lengths/2"  # /1: an index with positions (update it no more: rebuild)


def part_lengths(analyzer: arabic.Analyzer, texts: dict[str, str]) -> list[int]:
    """The length of each text part (``TEXT_PARTS`` order) as the index counts it."""
    return [len(analyzer.forms(texts.get(part) or "")) for part in TEXT_PARTS]


# The last file this process read or wrote, as (its bytes, its lengths): a build reads the previous
# index's file, writes the new one, then reads it again for the browser's projection; decoding
# 100,000 entries costs more than reading the bytes and comparing them with these.
_last: tuple[bytes, dict[str, list[int]]] | None = None


def write(directory: Path, lengths: dict[str, list[int]]) -> None:
    global _last
    ordered = dict(sorted(lengths.items()))
    raw = (json.dumps({"format": STATS_FORMAT, "lengths": ordered}, ensure_ascii=False, separators=(",", ":"))
           + "\n").encode("utf-8")
    (Path(directory) / STATS_FILE).write_bytes(raw)
    _last = (raw, ordered)


def read(directory: Path) -> dict[str, list[int]] | None:
    """Lengths by article id (a dict of the caller's own), or None when the file is missing or
    not of this format."""
    global _last
    try:
        raw = (Path(directory) / STATS_FILE).read_bytes()
        if _last is not None and _last[0] == raw:  # the very bytes last read or written here
            return dict(_last[1])
        data = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != STATS_FORMAT or not isinstance(data.get("lengths"), dict):
        return None
    _last = (raw, data["lengths"])
    return dict(data["lengths"])


def field_totals(lengths: dict[str, list[int]]) -> dict[str, int]:
    """Total words of every text field (stemmed and exact) over the live documents."""
    totals: dict[str, int] = {}
    for i, part in enumerate(TEXT_PARTS):
        total = sum(map(itemgetter(i), lengths.values()))
        totals[part] = totals[part + EXACT_SUFFIX] = total
    return totals
