"""The browser's search index: a projection of the built Whoosh index into ``site/search/``.

Everything the browser ranks with is read out of the Whoosh index the build has just
written (never computed a second time): the postings and term frequencies of the six text
fields of the **live** documents, each document's field lengths as Whoosh stores them (one
byte, decoded through Whoosh's table), the number of live documents and the exact total
length of each field (``livestats``). So the browser's BM25F (``assets/search/engine.js``)
sees the numbers the terminal's scorer sees, whether the index is fresh or was updated in
place by an incremental build (deleted documents are skipped everywhere).

Documents are numbered by the rank of their article id among the live documents (sorted
ids), never by Whoosh's document number: a projection of an index updated in place is
byte for byte the projection of a fresh index of the same articles, and ties (broken by
article id) are broken by number in the browser.

Files, each a script that hands its data to the page's global ``sitegenSearchData(name,
data)`` (``<script>`` tags load them: ``fetch()`` and ES modules fail on ``file://``):

* ``tables.js``: the analyzer's tables (``sitegen.arabic.export_tables``), protected names included;
* ``meta.js``: ranking constants, statistics, Whoosh's length table, the dictionary (for each
  term shard, in term order, the shortest prefix of its first term that sorts after the
  previous shard's last term, front-coded into one string, see :func:`front_code`: a binary
  search tells which shard holds a term; the shard's file is named by the CRC-32 of that
  key, see :func:`shard_names`) and how many exact words each shard holds (encoded as a
  posting list is; so a prefix that expands too far is refused unloaded);
* ``terms/<name>.js``: term shards; each term maps to one string, its six posting lists (one per
  text field, ``FIELDS`` order) joined by ``,``, trailing empty lists left out;
* ``facets.js``: the filter fields as posting lists (place, actor, type, outlet, day) and their labels;
* ``docs/<n>.js``: one per document: id, title, date, page path, place and type names, and the
  original title, lede and body for snippets (loaded only for the results shown);
* ``words.js`` and ``words/<name>.js``: the exact words with their document frequency,
  ordered by length then word, in chunks (``words.js`` gives each chunk's first and last
  word length), for "did you mean" (loaded only when nothing matches).

Shards and word chunks are cut where the content says, not at a running byte count
(content-defined chunking, as FastCDC): a term starts a new shard when the shard so far
holds at least ``SHARD_MIN`` bytes and the CRC-32 of the term is divisible by
``SHARD_DIVISOR``, or when adding it would pass ``SHARD_MAX``. An edit that changes the
postings of some terms therefore rewrites only their shards (and sometimes a neighbour):
the boundaries after them do not move. :func:`update_browser_index` relies on it.

A posting list is a string of base-32 varints (see ``encode``): for each document, twice
the gap from the previous document number (the first counts from -1), plus one when its
term frequency is above 1, then that frequency (only then), then the byte Whoosh stores
for the document's field length. No positions: a phrase is checked against the text of
the documents that hold all its words (see engine.js).
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import shutil
import zlib
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable

from whoosh import index as whoosh_index
from whoosh.util.numeric import byte_to_length

from sitegen import arabic
from sitegen.model import Article, Content

from . import livestats, posting_patch, recut
from . import query as search_query
from . import querylang, ranking
from .postings import IndexPostings, read_matcher
from .ranking import EXACT_SUFFIX, FIELD_BOOSTS, TEXT_PARTS, WHOLE_EXACT_BOOSTS
from .schema import FILTER_FIELDS, protected_names, document as schema_document

FORMAT = "sitegen-browser-index/2"
FOLDER = "search"
CALLBACK = "sitegenSearchData"
FIELDS = (*TEXT_PARTS, *(part + EXACT_SUFFIX for part in TEXT_PARTS))
EXACT_SLOTS = tuple(slot for slot, field in enumerate(FIELDS) if field.endswith(EXACT_SUFFIX))
# Content-defined cuts (see the module's docstring); sizes are bytes of a shard's entries.
SHARD_MIN, SHARD_MAX, SHARD_DIVISOR = 2_500, 12_000, 24
# update_browser_index projects in full when more articles changed than a tenth of them (and more
# than UPDATE_MIN): each changed article adds its terms, each a posting list to patch, and past
# that a full projection is faster (all 10,134 corpus articles: 24.6 s against 5.3 s, measured
# before the lists were patched; 50 of them now: 2.1 s of CPU against 14 s for a full projection).
UPDATE_MIN, UPDATE_SHARE = 50, 0.1
WORDS_MIN, WORDS_MAX, WORDS_DIVISOR = 4_000, 16_000, 256
SHARDS = recut.Limits(SHARD_MIN, SHARD_MAX, SHARD_DIVISOR)
WORD_LISTS = recut.Limits(WORDS_MIN, WORDS_MAX, WORDS_DIVISOR)
ALPHABET = posting_patch.ALPHABET  # 32 final digits, 32 continued
_code = posting_patch.code
_SMALL = [_code(n) for n in range(1024)]  # the codes of 0 .. 1023, precomputed (nearly every number written is small)

Write = Callable[[str, bytes], None]  # (path relative to the site, bytes)


def encode(numbers: Iterable[int]) -> str:
    """Non-negative integers as base-32 varints, most significant group first.

    Every group but the last is written with the alphabet's upper half, the last with its lower half.
    """
    small = _SMALL
    return "".join(small[n] if n < 1024 else _code(n) for n in numbers)


def decode(text: str) -> list[int]:
    """The inverse of :func:`encode` (for tests; the browser has its own in engine.js)."""
    numbers, value = [], 0
    for char in text:
        digit = ALPHABET.index(char)
        if digit >= 32:
            value = value * 32 + digit - 32
        else:
            numbers.append(value * 32 + digit)
            value = 0
    return numbers


def decode_postings(text: str) -> list[tuple[int, int, int]]:
    """(document, term frequency, length byte) of an encoded posting list (for tests)."""
    numbers, out, doc, i = decode(text), [], -1, 0
    while i < len(numbers):
        value = numbers[i]
        tf = numbers[i + 1] if value & 1 else 1
        i += 2 if value & 1 else 1
        doc += value >> 1
        out.append((doc, tf, numbers[i]))
        i += 1
    return out


def script(name: str, data) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"{CALLBACK}({json.dumps(name)},{payload});\n"


def crc_name(key: str) -> str:
    """A shard's file name: the CRC-32 of its key (UTF-8) in base 36 (engine.js computes the same)."""
    n, digits = zlib.crc32(key.encode("utf-8")), "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def front_code(keys: list[str]) -> str:
    """Sorted keys as one string: each key is the number of leading characters it shares with
    the key before (one digit, at most 9) and the rest of it; keys are separated by spaces
    (terms hold none)."""
    out, previous = [], ""
    for key in keys:
        shared = 0
        while shared < min(9, len(key), len(previous)) and key[shared] == previous[shared]:
            shared += 1
        out.append(f"{shared}{key[shared:]}")
        previous = key
    return " ".join(out)


def front_decode(text: str) -> list[str]:
    """The inverse of :func:`front_code` (engine.js has its own)."""
    keys, previous = [], ""
    for item in text.split(" ") if text else []:
        previous = previous[: int(item[0])] + item[1:]
        keys.append(previous)
    return keys


def shard_names(keys: list[str], first_name: Callable[[str], str] = crc_name) -> list[str]:
    """The file names of the shards of ``keys``: ``first_name(key)`` (``crc_name(key)``); a name
    taken by an earlier key is hashed again with the key (``crc_name(name + key)``) until free
    (engine.js does the same)."""
    names, used = [], set()
    for key in keys:
        name = first_name(key)
        while name in used:
            name = crc_name(name + key)
        used.add(name)
        names.append(name)
    return names


# ---- what the projection reads from the index ----

class _Source:
    """The live documents of an open index, numbered by article id, and their postings."""

    def __init__(self, searcher, index_dir: Path):
        reader = searcher.reader()
        self.reader = reader
        stats = livestats.read(index_dir)
        if stats is None and reader.has_deletions():
            raise ValueError(f"{index_dir}: {livestats.STATS_FILE} is missing: the index needs a full build")
        self.postings = IndexPostings(searcher, stats)
        live = sorted(_live_ids(reader))
        for (a, _), (b, _) in zip(live, live[1:]):
            if a == b:
                raise ValueError(f"{index_dir}: two live documents have the id {a}: build the index in full")
        self.ids = [article_id for article_id, _ in live]
        self.docnums = [docnum for _, docnum in live]  # slot → Whoosh document number
        self.slot_of = [-1] * reader.doc_count_all()  # Whoosh document number → slot (-1: deleted)
        for slot, docnum in enumerate(self.docnums):
            self.slot_of[docnum] = slot
        self.in_order = all(slot == docnum for slot, docnum in enumerate(self.slot_of))  # a fresh index
        columns = [self.postings.length_bytes(field) for field in FIELDS]  # by Whoosh number
        self.lengths = columns if self.in_order else [bytes(c[d] for d in self.docnums) for c in columns]  # by slot
        totals = livestats.field_totals(stats) if stats is not None else {f: reader.field_length(f) for f in FIELDS}
        self.averages = [(totals[f] / len(self.ids)) if self.ids else 1.0 for f in FIELDS]

    def stored(self, slot: int) -> dict:
        """The stored fields of the document of ``slot``."""
        fields = self.reader.stored_fields(self.docnums[slot])
        if fields.get("id") != self.ids[slot]:
            raise ValueError(f"document {self.docnums[slot]} is not {self.ids[slot]}: build the index in full")
        return fields


    def raw_postings(self, field: str, term: str) -> tuple[list[int], list[float]]:
        """Whoosh numbers and weights of ``term`` in ``field``, deleted documents included (their
        slot is -1: :meth:`encode_postings` leaves them out), read a block at a time from each segment."""
        try:
            ids: list[int] = []
            weights: list[float] = []
            btext, field_format = term.encode("utf-8"), self.reader.schema[field].format
            for leaf, offset in self.reader.leaf_readers():
                if (field, btext) not in leaf._terms:
                    continue
                leaf_ids, leaf_weights = read_matcher(leaf._terms.matcher(field, btext, field_format))
                ids.extend(d + offset for d in leaf_ids)
                weights.extend(leaf_weights)
            return ids, weights
        except AttributeError:  # another kind of reader: through Whoosh's filters of deleted documents
            return self.postings.postings(field, term)

    def encode_postings(self, slot: int, ids: list[int], weights: list[float]) -> tuple[str, int]:
        """Whoosh's postings of one term in field ``slot``, encoded over live documents, and their count."""
        lengths, slot_of = self.lengths[slot], self.slot_of  # lengths by slot
        if self.in_order:  # a fresh index: Whoosh's numbers are the slots (the loop below, written for speed)
            rows = zip(ids, weights)
        else:
            rows = sorted((slot_of[d], w) for d, w in zip(ids, weights) if slot_of[d] >= 0)
        small, out, previous, count = _SMALL, [], -1, 0
        for doc, weight in rows:
            tf = int(weight)
            gap = (doc - previous) * 2 + (tf > 1)
            out.append(small[gap] if gap < 1024 else _code(gap))
            if tf > 1:
                out.append(small[tf] if tf < 1024 else _code(tf))
            out.append(small[lengths[doc]])
            previous = doc
            count += 1
        return "".join(out), count


class _Changes:
    """What an update reads from an open index: the live documents' ids (from ``livestats``,
    written with the index: no pass over the index's documents) and their statistics, and the
    postings of the changed documents only (the rest is in the previous projection)."""

    def __init__(self, searcher, index_dir: Path, changed: set[str]):
        reader = searcher.reader()
        self.reader = reader
        stats = livestats.read(index_dir)
        if stats is None:
            raise ValueError(f"{index_dir}: {livestats.STATS_FILE} is missing")
        self.ids = list(stats)  # written sorted by id
        if len(self.ids) != reader.doc_count() or any(a >= b for a, b in zip(self.ids, self.ids[1:])):
            raise ValueError(f"{index_dir}: {livestats.STATS_FILE} does not list the live documents")
        totals = livestats.field_totals(stats)
        self.averages = [(totals[f] / len(self.ids)) if self.ids else 1.0 for f in FIELDS]
        self.slots: dict[str, int] = {}
        self.docnums: dict[int, int] = {}  # slot → Whoosh document number, of the changed documents
        for article_id in sorted(changed):
            slot = bisect.bisect_left(self.ids, article_id)
            live = []
            if slot < len(self.ids) and self.ids[slot] == article_id and ("id", article_id) in reader:
                live = list(reader.postings("id", article_id).all_ids())
            if len(live) != 1:
                raise ValueError(f"{index_dir}: {article_id} is not one live document")
            self.slots[article_id], self.docnums[slot] = slot, live[0]
        leaves = list(reader.leaf_readers())
        starts = [offset for _, offset in leaves]
        by_leaf: dict[int, dict[int, int]] = defaultdict(dict)  # segment → {its number for a document: slot}
        for slot, docnum in self.docnums.items():
            n = bisect.bisect_right(starts, docnum) - 1
            by_leaf[n][docnum - starts[n]] = slot
        self._leaves = [(leaves[n][0], dict(sorted(found.items()))) for n, found in sorted(by_leaf.items())]
        columns = [IndexPostings(searcher).length_bytes(field) for field in FIELDS]
        self.lengths = [{slot: column[docnum] for slot, docnum in self.docnums.items()} for column in columns]

    def stored(self, slot: int) -> dict:
        """The stored fields of the changed document of ``slot``."""
        fields = self.reader.stored_fields(self.docnums[slot])
        if fields.get("id") != self.ids[slot]:
            raise ValueError(f"document {self.docnums[slot]} is not {self.ids[slot]}: build the index in full")
        return fields

    def weights(self, field: str, term: str) -> dict[int, float]:
        """The weight of ``term`` in ``field`` of each changed document that holds it, by slot: read
        from the segments that hold changed documents only (whole when they are mostly changed
        documents, as an update's new segment is; else by skipping to each)."""
        btext, out = term.encode("utf-8"), {}
        for leaf, slots in self._leaves:
            if (field, btext) not in leaf:
                continue
            matcher = leaf.postings(field, btext)
            if len(slots) * 8 >= leaf.doc_count_all():
                for local, weight in zip(*read_matcher(matcher)):
                    if local in slots:
                        out[slots[local]] = weight
                continue
            for local, slot in slots.items():
                matcher.skip_to(local)
                if not matcher.is_active():
                    break
                if matcher.id() == local:
                    out[slot] = matcher.weight()
        return out

    def entry(self, term: str, old_entry: str) -> tuple[str, int, int]:
        """A term's entry (its six posting lists joined by ``,``, trailing empty ones dropped; ""
        when no live document holds it) and its document frequency summed over the exact fields,
        from its entry in the previous projection (``old_entry``); and that frequency before."""
        lists, exact_df, old_exact_df = (old_entry.split(",") + [""] * len(FIELDS))[:len(FIELDS)], 0, 0
        for slot, field in enumerate(FIELDS):
            weights = self.weights(field, term)
            changes = {doc: (int(weights[doc]), self.lengths[slot][doc]) if doc in weights else None
                       for doc in self.docnums}
            lists[slot], count, old_count = posting_patch.patch_term_list(lists[slot], changes)
            if slot in EXACT_SLOTS:
                exact_df += count
                old_exact_df += old_count
        return ",".join(lists).rstrip(","), exact_df, old_exact_df


def _live_ids(reader) -> list[tuple[str, int]]:
    """(article id, Whoosh document number) of every live document: read from the ``id`` field's
    postings (each id is one posting, kept in its term's entry), or from the stored fields."""
    try:
        live = []
        field_format = reader.schema["id"].format
        for leaf, offset in reader.leaf_readers():
            terms = leaf._terms
            for (field, btext), info in terms.items_from("id", b""):
                if field != "id":
                    break
                if info.doc_frequency() == 1:  # an id held once (nearly always): its document is in the term's info
                    ids = [info.min_id()]
                else:
                    ids, _ = read_matcher(leaf._codec.postings_reader(terms._postfile, info, field_format, term=(field, btext)))
                live.extend((btext.decode("utf-8"), d + offset) for d in ids if not leaf.is_deleted(d))
        return live
    except AttributeError:  # another kind of reader
        return [(fields["id"], docnum) for docnum, fields in reader.iter_docs()]


def _all_postings(source: _Source):
    """(slot, term, document numbers, weights) of every term of the text fields.

    A fresh index (one segment, nothing deleted) is read in one pass over its terms file, in
    file order (no lookup per term: three times faster); any other index term by term."""
    reader, slots = source.reader, {field: slot for slot, field in enumerate(FIELDS)}
    terms = getattr(reader, "_terms", None)
    if type(reader).__name__ == "SegmentReader" and terms is not None and source.in_order and hasattr(terms, "items"):
        schema = reader.schema
        for (field, btext), info in terms.items():
            slot = slots.get(field)
            if slot is not None:
                matcher = reader._codec.postings_reader(terms._postfile, info, schema[field].format, term=(field, btext))
                yield (slot, btext.decode("utf-8"), *read_matcher(matcher))
        return
    for slot, field in enumerate(FIELDS):
        for btext in reader.lexicon(field):
            term = btext.decode("utf-8")
            yield (slot, term, *source.postings.postings(field, term))


def _all_entries(source: _Source, tick: Callable[[int], None]) -> tuple[dict[str, str], dict[str, int]]:
    """Every term's entry, in term order, and every exact word's document frequency."""
    lists: dict[str, list[str]] = defaultdict(lambda: [""] * len(FIELDS))
    words: dict[str, int] = defaultdict(int)
    last_slot, fields_done = -1, 0
    for slot, term, ids, weights in _all_postings(source):
        encoded, count = source.encode_postings(slot, ids, weights)
        if count:  # else only deleted documents held it
            lists[term][slot] = encoded
            if slot in EXACT_SLOTS:
                words[term] += count
        if slot != last_slot:  # fields come interleaved: progress only moves forward (1 to 5, then 6 at the end)
            if last_slot != -1 and fields_done < len(FIELDS) - 1:
                fields_done += 1
                tick(fields_done)
            last_slot = slot
    tick(len(FIELDS))
    return {term: ",".join(lists[term]).rstrip(",") for term in sorted(lists)}, dict(words)


# ---- content-defined cutting ----

def _entry_size(term: str, entry: str) -> int:
    """The bytes a term's entry counts for in the cut of the term shards."""
    return len(term.encode("utf-8")) + len(entry.encode("ascii")) + 6


def _separator(previous: str | None, first: str) -> str:
    """The shortest prefix of ``first`` that sorts after ``previous`` ("" for the first shard)."""
    if previous is None:
        return ""
    for n in range(1, len(first) + 1):
        if first[:n] > previous:
            return first[:n]
    return first


def _term_shards(entries: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """(key, {term: entry}) of each term shard, in term order."""
    terms = list(entries)
    sizes = [(t, _entry_size(t, entries[t])) for t in terms]
    starts = recut.cut(sizes, SHARDS)
    shards = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(terms)
        key = _separator(terms[start - 1] if start else None, terms[start])
        shards.append((key, {t: entries[t] for t in terms[start:end]}))
    return shards


def _word_order(word: str) -> tuple[int, str]:
    return len(word), word


def _word_size(word: str, frequency: int) -> int:
    """The bytes a word counts for in the cut of the word lists."""
    return len(word.encode("utf-8")) + len(str(frequency)) + 4


def _word_chunks(words: dict[str, int]) -> list[tuple[str, list[int], dict[str, int]]]:
    """(name, [first and last word length], {word: frequency}) of each chunk of the exact words,
    ordered by length then word."""
    ordered = sorted(words, key=_word_order)
    starts = recut.cut([(w, _word_size(w, words[w])) for w in ordered], WORD_LISTS)
    chunks = [ordered[start:end] for start, end in zip(starts, [*starts[1:], len(ordered)])]
    names = _word_list_names([chunk[0] for chunk in chunks])
    return [(name, [len(chunk[0]), len(chunk[-1])], {w: words[w] for w in chunk}) for name, chunk in zip(names, chunks)]


def _word_list_names(firsts: list[str]) -> list[str]:
    """The file names of the word lists starting with the words ``firsts``: the CRC-32 of the
    first word (with its length); a name taken by an earlier list is hashed again with the word."""
    return shard_names(firsts, lambda first: crc_name(f"{len(first)} {first}"))


# ---- the files ----

class _Files:
    """The files of a projection, as relative path under ``search/`` → (data name, data), in memory."""

    def __init__(self):
        self.data: dict[str, tuple[str, object]] = {}

    def add(self, relative: str, name: str, data) -> None:
        self.data[relative] = (name, data)


def _shared_files(files: _Files, source: _Source, content: Content, entries: dict[str, str],
                  words: dict[str, int], facets: tuple[dict, dict] | None = None) -> tuple[list, list]:
    """Everything but the documents' files: term shards, facets, words, meta, tables. Returns
    the term shards and word chunks, as written."""
    shards = _term_shards(entries)
    names = shard_names([key for key, _ in shards])
    for name, (_, shard) in zip(names, shards):
        files.add(f"terms/{name}.js", f"terms/{name}", shard)
    renamed = {str(i): name for i, (name, (key, _)) in enumerate(zip(names, shards)) if name != crc_name(key)}
    chunks = _word_chunks(words)
    _other_shared_files(files, source, content, chunks, [key for key, _ in shards],
                        [_exact_words(shard) for _, shard in shards], renamed, facets)
    return shards, chunks


def _exact_words(shard: dict[str, str]) -> int:
    """How many terms of a shard are exact words (hold a posting in an exact field)."""
    return sum(1 for e in shard.values() if any(p for p in e.split(",")[EXACT_SLOTS[0]:]))


def _other_shared_files(files: _Files, source: _Source, content: Content,
                        word_lists: list[tuple[str, list[int], dict[str, int] | None]],
                        dictionary: list[str], exact_words: list[int], renamed: dict[str, str],
                        facets: tuple[dict, dict] | None = None, tables: dict | None = None) -> None:
    """Facets, words, meta and tables, the term shards being ``dictionary`` (their keys), with
    ``exact_words`` each, named as ``renamed`` says where not ``crc_name(key)``; the word lists
    ``word_lists`` (name, first and last word length, words: None for a previous list kept as it was)."""
    postings, labels = facets or _facets(source, content)
    files.add("facets.js", "facets", {"postings": postings, "labels": labels})
    for name, _, chunk in word_lists:
        if chunk is not None:
            files.add(f"words/{name}.js", f"words/{name}", chunk)
    files.add("words.js", "words", [[*lengths, name] for name, lengths, _ in word_lists])
    files.add("meta.js", "meta", _meta(source, dictionary, exact_words, renamed))
    files.add("tables.js", "tables", tables if tables is not None else arabic.export_tables(protected_names(content.vocabulary)))


def _write_files(site_dir: Path, files: _Files, write: Write | None, sizes: dict[str, int] | None = None) -> None:
    out = Path(site_dir)
    folders: set[Path] = set()
    for relative, (name, content) in files.data.items():
        data = script(name, content).encode("utf-8")
        if sizes is not None:
            sizes[relative.split("/")[0].removesuffix(".js")] += len(data)
        path = f"{FOLDER}/{relative}"
        if write is not None:
            write(path, data)
            continue
        target = out / path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(data)


def write_browser_index(index_dir: Path, site_dir: Path, content: Content,
                        progress: Callable[[int, int], None] | None = None,
                        write: Write | None = None) -> dict[str, int]:
    """Write ``site_dir/search/`` from the Whoosh index in ``index_dir``; returns bytes written per kind.

    ``progress`` is told (steps done, steps in all) after each text field read and each document
    written. ``write(path, data)``, when given, writes each file (``path`` relative to ``site_dir``)
    instead of writing it directly (the build's ``Stager.write``).
    """
    sizes: dict[str, int] = defaultdict(int)
    ix = whoosh_index.open_dir(str(index_dir))
    try:
        with ix.searcher() as searcher:
            source = _Source(searcher, Path(index_dir))
            steps = len(FIELDS) + len(source.ids)
            tick = (lambda done: progress(done, steps)) if progress else (lambda done: None)
            entries, words = _all_entries(source, tick)
            files = _Files()
            _shared_files(files, source, content, entries, words)
            articles = {article.id: article for article in content.articles}
            for slot in range(len(source.ids)):
                fields = source.stored(slot)
                files.add(f"docs/{slot}.js", f"docs/{slot}", _doc(fields, articles.get(fields["id"]), content))
                tick(len(FIELDS) + slot + 1)
    finally:
        ix.close()
    _write_files(site_dir, files, write, sizes)
    return dict(sizes)


def _facets(source: _Source, content: Content) -> tuple[dict, dict]:
    """Each filter value's live documents (an encoded list of gaps), and the Arabic labels of the values."""
    postings: dict[str, dict[str, str]] = {}
    for field in FILTER_FIELDS:
        values = {}
        for btext in source.reader.lexicon(field):
            encoded = _facet_postings(source, field, btext.decode("utf-8"))
            if encoded:
                values[btext.decode("utf-8")] = encoded
        postings[field] = values
    return postings, _facet_labels(postings, content)


def _facet_postings(source: _Source, field: str, value: str) -> str:
    """The live documents holding ``value`` in the filter ``field``, an encoded list of gaps ("" for none)."""
    ids, _ = source.raw_postings(field, value)
    docs = sorted(s for s in (source.slot_of[d] for d in ids) if s >= 0)
    return encode(b - a for a, b in zip([-1, *docs], docs))


def _patched_facets(source: "_Changes", content: Content, old_postings: dict, changed: dict[int, Article]) -> dict:
    """What :func:`_facets` gives (the postings), from the previous ``facets.js`` postings where only
    the documents of ``changed`` (slot → its article) changed: the lists of the values they held or
    hold are patched (``posting_patch``), the others kept as they were."""
    postings: dict[str, dict[str, str]] = {}
    slots = set(changed)
    for field in FILTER_FIELDS:
        values = dict(old_postings[field])
        affected = {value.strip() for article in changed.values()
                    for value in schema_document(article, content.vocabulary)[field].split(",") if value.strip()}
        affected.update(value for value, encoded in old_postings[field].items()
                        if value not in affected and posting_patch.facet_holds(encoded, slots))
        for value in affected:
            weights = source.weights(field, value)
            holds = {slot: slot in weights for slot in slots}
            encoded = posting_patch.patch_facet_list(values.get(value, ""), holds)
            if encoded:
                values[value] = encoded
            else:
                values.pop(value, None)
        postings[field] = values
    return postings


def _same_labels(old: dict, new: dict) -> bool:
    """Whether the filter values that both label have the same labels (else the vocabulary changed:
    the filters of every document may have; a value that the changed documents alone held, or
    now hold first, comes and goes with them)."""
    if not isinstance(old, dict) or sorted(old) != sorted(new):
        return False
    return all(isinstance(old[kind], dict) and all(old[kind][value] == label for value, label in new[kind].items()
                                                   if value in old[kind]) for kind in new)


def _facet_labels(postings: dict[str, dict[str, str]], content: Content) -> dict:
    """The Arabic labels of the filter values that some live document holds."""
    vocabulary = content.vocabulary
    labels = {
        "places": {pid: [p.name, p.parent or ""] for pid, p in vocabulary.places.items() if pid in postings["places"]},
        "actors": {aid: [a.name, a.parent or ""] for aid, a in vocabulary.actors.items() if aid in postings["actors"]},
        "types": {tid: [t.name, ""] for tid, t in vocabulary.incident_types.items() if tid in postings["types"]},
    }
    return labels


def _doc(fields: dict, article: Article | None, content: Content) -> dict:
    """What a result shows: title, date, page, where and what (names), and the text for its snippet."""
    incidents = article.incidents if article else ()
    places = content.vocabulary.places
    types = content.vocabulary.incident_types
    return {
        "id": fields["id"],
        "places": sorted({places[i.location].name for i in incidents if i.location in places}),
        "types": sorted({types[i.type].name for i in incidents if i.type in types}),
        "path": fields["path"],
        "date": fields["published"],
        "title": fields.get("title") or "",
        "lede": fields.get("lede") or "",
        "body": fields.get("body") or "",
    }


def _ids_digest(ids: list[str]) -> str:
    return hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest()[:32]


def _meta(source: _Source, dictionary: list[str], exact_words: list[int], renamed: dict[str, str]) -> dict:
    """Statistics and every constant of the ranking and query-language contracts the engine applies."""
    return {
        "format": FORMAT,
        "doc_count": len(source.ids),
        "ids_digest": _ids_digest(source.ids),  # the documents' numbering (an update keeps it)
        "fields": list(FIELDS),
        "field_boosts": [FIELD_BOOSTS[f] for f in FIELDS],
        "whole_exact_boosts": [WHOLE_EXACT_BOOSTS.get(f, 0.0) for f in FIELDS],
        "b": [ranking.FIELD_B[f] for f in FIELDS],
        "k1": ranking.BM25_K1,
        "score_decimals": ranking.SCORE_DECIMALS,
        "tiers": list(ranking.TIERS),
        "avg_field_length": source.averages,
        "length_table": [byte_to_length(code) for code in range(256)],
        "dictionary": front_code(dictionary),
        "exact_words": encode(exact_words),
        "renamed": renamed,  # shard number → file name, where it is not crc_name(key) (a collision)
        "query_language": {
            "max_query_chars": querylang.MAX_QUERY_CHARS,
            "max_words": querylang.MAX_WORDS,
            "max_word_chars": querylang.MAX_WORD_CHARS,
            "max_depth": querylang.MAX_DEPTH,
            "min_prefix": querylang.MIN_PREFIX,
            "max_prefix_terms": querylang.MAX_PREFIX_TERMS,
            "operators": list(querylang.OPERATORS),
            "field_names": sorted(querylang.FIELD_NAMES),
        },
        "max_edits": search_query.MAX_EDITS,
        "short_word": search_query.SHORT_WORD,
        "min_suggest_letters": search_query.MIN_SUGGEST_LETTERS,
        "max_suggest_letters": search_query.MAX_SUGGEST_LETTERS,
        "max_suggest_words": search_query.MAX_SUGGEST_WORDS,
        "alphabet": ALPHABET,
    }


# ---- updating a previous projection in place ----

def _read_script(path: Path, name: str):
    """The data a projection's file hands to ``sitegenSearchData``; ValueError when it is not one."""
    text = path.read_text(encoding="utf-8")
    prefix = f"{CALLBACK}({json.dumps(name)},"
    if not text.startswith(prefix) or not text.endswith(");\n"):
        raise ValueError(f"{path}: not a search data file")
    return json.loads(text[len(prefix):-3])


def _terms_of(analyzer: arabic.Analyzer, texts: Iterable[str]) -> set[str]:
    """Every stemmed and exact term of ``texts`` as the index's fields hold them."""
    terms: set[str] = set()
    for text in texts:
        for word in analyzer.analyze(text or ""):
            terms.add(word.exact)
            terms.add(word.stem)
    return terms


def update_browser_index(index_dir: Path, previous_search_dir: Path, site_dir: Path, content: Content,
                         changed_ids: Iterable[str], keep: Callable[[str], object] | None = None,
                         write: Write | None = None,
                         keep_many: Callable[[list[str]], object] | None = None) -> bool:
    """Write into ``site_dir/search/`` the projection of the index in ``index_dir`` by updating
    the previous projection in ``previous_search_dir`` (the live site's ``search/``), where only
    the articles of ``changed_ids`` changed (their index documents: text, date, filters).

    Only what changed is written: the changed articles' ``docs/`` files, the term shards
    holding a term of their old or new text, the word chunks whose frequencies moved,
    ``meta.js``, ``words.js`` and ``facets.js`` when they differ. And only what changed is
    read: each changed term's previous entry is patched with the changed documents' postings
    (``posting_patch``; Whoosh is asked about those documents only), the live ids come from
    ``livestats``, and the shards and word lists read are those near a changed term. Every other file is the
    previous one: ``keep(path)`` is called with its path relative to ``site_dir`` (the build's
    ``Stager.keep`` links it from the previous site); without ``keep`` it is hard-linked (or
    copied) from ``previous_search_dir``. ``keep_many(paths)``, when given, takes the unchanged
    documents' files at once (100,000 of them at 100,000 articles), in place of a ``keep`` each.
    ``write(path, data)`` writes a file when given.

    The result is byte for byte what :func:`write_browser_index` writes for the same index.
    Returns False, having written nothing, when the previous projection cannot be updated:
    another format, articles added, removed or renamed (the numbering moves), other analyzer
    tables or other labels for the same filter values (vocabulary edits), a missing or
    unreadable previous file (or index statistics: ``livestats``), or so
    many changed articles that a full projection is faster (``UPDATE_MIN``, ``UPDATE_SHARE``).
    The caller then writes the projection in full.
    """
    previous = Path(previous_search_dir)
    changed = set(changed_ids)
    if len(changed) > max(UPDATE_MIN, UPDATE_SHARE * len(content.articles)):
        return False
    try:
        old_meta = _read_script(previous / "meta.js", "meta")
        if not isinstance(old_meta, dict) or old_meta.get("format") != FORMAT:
            return False
        tables = arabic.export_tables(protected_names(content.vocabulary))
        if _read_script(previous / "tables.js", "tables") != json.loads(json.dumps(tables)):
            return False
        articles = {article.id: article for article in content.articles if article.id in changed}
        if len(articles) != len(changed):
            return False
        ix = whoosh_index.open_dir(str(index_dir))
        try:
            with ix.searcher() as searcher:
                source = _Changes(searcher, Path(index_dir), changed)
                if old_meta.get("ids_digest") != _ids_digest(source.ids):
                    return False
                slots = source.slots
                old_facets = _read_script(previous / "facets.js", "facets")
                facets = _patched_facets(source, content, old_facets["postings"],
                                         {slots[article_id]: articles[article_id] for article_id in changed})
                labels = _facet_labels(facets, content)
                if not _same_labels(old_facets.get("labels"), json.loads(json.dumps(labels))):
                    return False
                analyzer = arabic.Analyzer(protected_names(content.vocabulary))
                affected: set[str] = set()
                new_docs = {}
                for article_id in sorted(changed):
                    slot = slots[article_id]
                    old = _read_script(previous / "docs" / f"{slot}.js", f"docs/{slot}")
                    fields = source.stored(slot)
                    affected |= _terms_of(analyzer, (old.get(part) for part in TEXT_PARTS))
                    affected |= _terms_of(analyzer, (fields.get(part) for part in TEXT_PARTS))
                    new_docs[slot] = _doc(fields, articles.get(article_id), content)
                old_keys = front_decode(old_meta["dictionary"])
                old_names = shard_names(old_keys)
                old_exact_words = decode(old_meta["exact_words"])
                if len(old_exact_words) != len(old_keys) or not old_keys or old_keys[0] != "":
                    return False
                old_shards = _OldShards(previous, old_keys, old_names)
                updates: dict[str, str] = {}
                old_words = _OldWordLists(previous)
                frequencies: dict[str, int] = {}  # exact word → document frequency (0: no longer a word)
                for term in affected:
                    old_entry = old_shards(max(0, bisect.bisect_right(old_keys, term) - 1)).get(term, "")
                    updates[term], frequency, old_frequency = source.entry(term, old_entry)
                    if frequency != old_frequency:  # its word list changes
                        frequencies[term] = frequency
                shards = _recut_term_shards(old_shards, updates)
                keys = [key for key, _ in shards]
                names = shard_names(keys)
                files, kept_shards = _Files(), []
                for name, (key, shard) in zip(names, shards):
                    if isinstance(shard, int):  # a previous shard, as it was
                        if name == old_names[shard]:
                            kept_shards.append(f"terms/{name}.js")
                            continue
                        shard = old_shards(shard)
                    files.add(f"terms/{name}.js", f"terms/{name}", shard)
                exact_words = [old_exact_words[shard] if isinstance(shard, int) else _exact_words(shard)
                               for _, shard in shards]
                renamed = {str(i): name for i, (name, key) in enumerate(zip(names, keys)) if name != crc_name(key)}
                word_lists, kept_words = [], []
                for name, n, chunk in _recut_word_lists(old_words, frequencies):
                    if chunk is not None:
                        word_lists.append((name, [len(next(iter(chunk))), len(next(reversed(chunk)))], chunk))
                    elif name == old_words.index[n][2]:  # a previous list, as it was
                        kept_words.append(f"words/{name}.js")
                        word_lists.append((name, old_words.index[n][:2], None))
                    else:
                        word_lists.append((name, old_words.index[n][:2], old_words(n)))
                _other_shared_files(files, source, content, word_lists, keys, exact_words, renamed, (facets, labels), tables)
        finally:
            ix.close()
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return False  # a previous file missing or not of this format: project in full
    for slot, doc in new_docs.items():
        files.add(f"docs/{slot}.js", f"docs/{slot}", doc)
    old_data = {f"terms/{old_names[n]}.js": data for n, data in old_shards.read.items()}
    old_data.update((f"words/{old_words.index[n][2]}.js", data) for n, data in old_words.read.items())
    fresh = _Files()
    for relative, (name, data) in files.data.items():
        if relative in old_data:
            same = old_data[relative] == data
        elif relative.startswith(("terms/", "words/", "docs/")):
            same = False
        else:  # meta.js, words.js, facets.js, tables.js: compared as written
            try:
                same = (previous / relative).read_text(encoding="utf-8") == script(name, data)
            except OSError:
                same = False
        if same:
            _keep(previous, site_dir, relative, keep)
        else:
            fresh.data[relative] = (name, data)
    for relative in kept_shards + kept_words:
        _keep(previous, site_dir, relative, keep)
    unchanged_docs = (f"{FOLDER}/docs/{slot}.js" for slot in range(len(source.ids)) if slot not in new_docs)
    if keep_many is not None:
        keep_many(list(unchanged_docs))
    elif keep is not None:  # (one call per document: 100,000 of them at 100,000 articles)
        for path in unchanged_docs:
            keep(path)
    else:
        for path in unchanged_docs:
            _keep(previous, site_dir, path.removeprefix(FOLDER + "/"), None)
    _write_files(site_dir, fresh, write)
    return True


class _OldWordLists:
    """The word lists of a previous projection: ``words.js`` read at once, a list only when asked for (then once)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.index = _read_script(folder / "words.js", "words")  # [first word's length, last word's length, name]
        if not isinstance(self.index, list) or not self.index or \
                not all(isinstance(item, list) and len(item) == 3 for item in self.index):
            raise ValueError(f"{folder}/words.js: not a list of word lists")
        self.read: dict[int, dict[str, int]] = {}
        self._ordered: dict[int, list[tuple[str, int]]] = {}
        self._first: dict[int, str] = {}

    def __call__(self, n: int) -> dict[str, int]:
        if n not in self.read:
            name = self.index[n][2]
            chunk = _read_script(self.folder / "words" / f"{name}.js", f"words/{name}")
            if not isinstance(chunk, dict) or not chunk:
                raise ValueError(f"{self.folder}/words/{name}.js: not a word list")
            self.read[n] = chunk
        return self.read[n]

    def items(self, n: int) -> list[tuple[str, int]]:
        """The words of list ``n`` and their frequencies, in their order (length, then word)."""
        if n not in self._ordered:
            chunk = self(n)
            words = sorted(chunk)
            words.sort(key=len)  # stable: by length, then word (_word_order)
            self._ordered[n] = [(word, chunk[word]) for word in words]
        return self._ordered[n]

    def first(self, n: int) -> str:
        """The first word of list ``n``."""
        if n not in self._first:
            self._first[n] = self._ordered[n][0][0] if n in self._ordered else min(self(n), key=_word_order)
        return self._first[n]

    def locate(self, word: str) -> int:
        """The list whose range holds ``word``: the last one whose first word is not after it
        (a binary search that reads only lists whose first word has the word's length)."""
        key = _word_order(word)
        low, high = 0, len(self.index) - 1
        while low < high:  # the answer is in [low, high]
            middle = (low + high + 1) // 2
            first_length = self.index[middle][0]
            if first_length < key[0] or (first_length == key[0] and _word_order(self.first(middle)) <= key):
                low = middle
            else:
                high = middle - 1
        return low


def _recut_word_lists(old: _OldWordLists, frequencies: dict[str, int]) -> list[tuple[str, int, dict[str, int] | None]]:
    """The word lists after the words of ``frequencies`` took those document frequencies (0: the
    word is gone), as (name, the previous list's number, None when it is kept as it was, else its words).

    Exactly what :func:`_word_chunks` cuts, reading only the lists near a changed word
    (:func:`recut.recut`). The names are the previous ones while the lists start with the
    same words; else every list's first word is read and the names given again (a name
    depends on the names before it when two collide)."""
    by_list: dict[int, dict[str, int | None]] = defaultdict(dict)
    for word, frequency in frequencies.items():
        by_list[old.locate(word)][word] = frequency or None
    count = len(old.index)
    chunks = recut.recut(old.items, count, by_list, _word_size, WORD_LISTS, order=_word_order)
    if len(chunks) == count and all(chunk == i if isinstance(chunk, int) else chunk[0][0] == old.first(i)
                                    for i, chunk in enumerate(chunks)):
        names = [old.index[i][2] for i in range(count)]
    else:
        names = _word_list_names([old.first(chunk) if isinstance(chunk, int) else chunk[0][0] for chunk in chunks])
    return [(name, chunk, None) if isinstance(chunk, int) else (name, -1, dict(chunk))
            for name, chunk in zip(names, chunks)]


class _OldShards:
    """The term shards of a previous projection, read only when asked for (and then once)."""

    def __init__(self, folder: Path, keys: list[str], names: list[str]):
        self.folder, self.keys, self.names = folder, keys, names
        self.read: dict[int, dict[str, str]] = {}

    def __call__(self, n: int) -> dict[str, str]:
        if n not in self.read:
            name = self.names[n]
            shard = _read_script(self.folder / "terms" / f"{name}.js", f"terms/{name}")
            if not isinstance(shard, dict):
                raise ValueError(f"{self.folder}/terms/{name}.js: not a term shard")
            self.read[n] = shard
        return self.read[n]


def _recut_term_shards(old: _OldShards, updates: dict[str, str]) -> list[tuple[str, int | dict[str, str]]]:
    """The term shards after ``updates`` (term → its new entry, "" when gone) of the previous
    shards ``old``, as (key, the previous shard's number when it is kept as it was, else its terms).

    Exactly what :func:`_term_shards` cuts from all the entries, reading only the previous
    shards that hold an updated term, and the neighbours a cut may move into
    (:func:`recut.recut`). A shard's key depends on the term before it too: the previous
    cuts come back only where the key is the previous one."""
    keys = old.keys
    by_shard: dict[int, dict[str, str | None]] = defaultdict(dict)
    for term, entry in updates.items():
        by_shard[max(0, bisect.bisect_right(keys, term) - 1)][term] = entry or None
    chunks = recut.recut(lambda n: list(old(n).items()), len(keys), by_shard, _entry_size, SHARDS,
                         restart=lambda m, before, first: _separator(before, first) == keys[m])
    out: list[tuple[str, int | dict[str, str]]] = []
    before: str | int | None = None  # the last term of the shard before (an int: of that previous shard, kept)
    for chunk in chunks:
        if isinstance(chunk, int):
            out.append((keys[chunk], chunk))
            before = chunk
        elif isinstance(before, int) and chunk[0][0] == next(iter(old(before + 1)), None):
            out.append((keys[before + 1], dict(chunk)))  # it starts where the next previous shard did
            before = chunk[-1][0]
        else:
            if isinstance(before, int):
                before = next(reversed(old(before)))
            out.append((_separator(before, chunk[0][0]), dict(chunk)))
            before = chunk[-1][0]
    return out


def _keep(previous: Path, site_dir: Path, relative: str, keep: Callable[[str], object] | None) -> None:
    path = f"{FOLDER}/{relative}"
    if keep is not None:
        keep(path)
        return
    target = Path(site_dir) / path
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(previous / relative, target)
    except OSError:
        shutil.copyfile(previous / relative, target)
