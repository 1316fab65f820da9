"""One Whoosh segment written straight from documents whose text is already analysed.

Whoosh's own writer sends every posting through a pool (pickled runs on disk, sorted and
merged at commit), then looks up each posting's field length again while writing it: most
of an index build's time. A full build needs none of that: documents arrive in document
order, so each term's postings are already sorted by document. :class:`SegmentBuilder` keeps
them in compact arrays per term, and at :meth:`~SegmentBuilder.commit` writes them term by
term in the W3 codec's format (the blocks ``W3PostingsWriter`` writes, encoded a block at a
time rather than a posting at a time; blocks under ``COMPRESS_FROM`` bytes uncompressed,
which each block's header allows), through the writer's own term table and per-document
writer, then the table of contents, as ``SegmentWriter.commit`` does. The result reads as
the index Whoosh's writer makes of the same documents: the same terms, postings, weights,
values, field lengths and stored fields (``tests/search/test_segment.py`` compares the two,
so a change of Whoosh's format, pinned to whoosh-reloaded 2.7, fails there first).

Text fields come pre-analysed, as ``{field: (term counts, length)}``; every other indexed
field is analysed by its own field type, as Whoosh would. Formats supported: ``Existence``
and ``Frequency`` (the schema's; positions are not indexed). One writer, one process.
"""

from __future__ import annotations

import pickle
import struct
import zlib
from array import array
from typing import Iterable, Mapping

from whoosh import formats
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte

COMPRESS_FROM = 128  # bytes: smaller blocks are stored as they are
# A block is at most a few KB: a 4 KB window and a small hash table compress it as well as
# zlib's defaults, and set up several times faster (zlib.decompress reads any window size).
WINDOW_BITS, MEMORY_LEVEL = 12, 3
_UINT = struct.Struct("!I")  # a Frequency posting's value: whoosh.system.pack_uint
_TERM_INFO = W3TermInfo._struct  # flags, weight, documents, min and max length bytes, max weight, first and last id
UNUSED_POOL_MB = 32  # the SegmentWriter's posting pool, unused here: a small one


class SegmentBuilder:
    """Adds documents to a new segment of ``ix`` (an empty index) and commits it."""

    def __init__(self, ix, analyzed: Iterable[str] = ()):
        """``analyzed``: the text fields whose documents come with their terms counted (see :meth:`add`)."""
        self._writer = ix.writer(procs=1, limitmb=UNUSED_POOL_MB)
        if self._writer.segments:
            self._writer.cancel()
            raise ValueError("SegmentBuilder writes the first segment of an empty index only")
        self.schema = self._writer.schema
        if getattr(self._writer.codec, "_inlinelimit", None) != 1:  # the W3 codec's default: nothing inlined
            self._writer.cancel()
            raise ValueError("SegmentBuilder writes with the W3 codec and no posting list inlined")
        for name in self.schema.names():
            field = self.schema[name]
            if field.indexed and type(field.format) not in (formats.Existence, formats.Frequency):
                self._writer.cancel()
                raise ValueError(f"field {name!r}: format {type(field.format).__name__} is not supported")
        self._analyzed = frozenset(analyzed)
        # field → term (text for analysed fields, else bytes) → (document numbers, frequencies), in document order
        self._postings: dict[str, dict] = {name: {} for name in self.schema.names() if self.schema[name].indexed}
        self._lengths: dict[str, array] = {}  # field → each document's length as Whoosh reads it back

    @property
    def doc_count(self) -> int:
        return self._writer.docnum

    def add(self, fields: Mapping[str, object], analyzed: Mapping[str, tuple[Mapping[str, int], int]]) -> None:
        """One document: ``fields`` as for ``add_document``; ``analyzed`` gives, for each of the
        builder's ``analyzed`` fields that the document has, its terms' counts and its length
        (words indexed), used instead of analysing its value."""
        writer, schema = self._writer, self.schema
        docnum = writer.docnum
        perdoc = writer.perdocwriter
        perdoc.start_doc(docnum)
        try:
            for name in sorted(n for n in fields if not n.startswith("_")):
                value = fields[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                if name in self._analyzed:
                    counts, length = analyzed[name]
                    self._add_counts(name, docnum, counts)
                    self._record_length(name, docnum, length)
                elif field.indexed:
                    counted = self._add_rows(name, docnum, field.index(value))
                    length = counted if field.scorable else 0  # Whoosh keeps lengths of scorable fields only
                    self._record_length(name, docnum, length)
                perdoc.add_field(name, field, value if field.stored else None, length)
                if field.column_type:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        except BaseException:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        writer._added = True
        writer.docnum += 1

    def _add_counts(self, name: str, docnum: int, counts: Mapping[str, int]) -> None:
        """Postings of an analysed field, by term as text (its order is the order of its UTF-8 bytes)."""
        terms = self._postings[name]
        get = terms.get
        for term, freq in counts.items():
            lists = get(term)
            if lists is None:
                lists = terms[term] = (array("I"), array("I"))
            lists[0].append(docnum)
            lists[1].append(freq)

    def _add_rows(self, name: str, docnum: int, rows) -> int:
        """Postings of a field its own type analyses, by term bytes; returns the words counted."""
        terms = self._postings[name]
        total = 0
        for tbytes, freq, _, _ in rows:
            lists = terms.get(tbytes)
            if lists is None:
                lists = terms[tbytes] = (array("I"), array("I"))
            lists[0].append(docnum)
            lists[1].append(freq)
            total += freq
        return total

    def _record_length(self, name: str, docnum: int, length: int) -> None:
        """The length a posting of this document carries: Whoosh's one-byte length, read back."""
        lengths = self._lengths.get(name)
        if lengths is None:
            lengths = self._lengths[name] = array("I")
        if len(lengths) < docnum:  # documents without this field
            lengths.extend([0] * (docnum - len(lengths)))
        byte = length_to_byte(length) if length else 0
        lengths.append(byte_to_length(byte) if byte else 0)

    def cancel(self) -> None:
        if not self._writer.is_closed:
            self._writer.cancel()

    def commit(self) -> None:
        """Write the postings, close the segment and publish it (the index's new generation)."""
        writer = self._writer
        try:
            writer.perdocwriter.close()
            self._write_postings()
            writer.fieldwriter.close()
            writer._close_segment()
            writer._assemble_segment()
            segments = [writer.get_segment()] if writer._added else []
            writer._commit_toc(segments)
        except BaseException:
            writer.cancel()
            raise
        writer._finish()

    def _write_postings(self) -> None:
        fieldwriter = self._writer.fieldwriter
        postfile, terms_table = fieldwriter._postfile, fieldwriter._tindex
        codec = self._writer.codec
        limit, level = codec._blocklimit, codec._compression
        for name in sorted(self._postings):
            terms = self._postings[name]
            if not terms:
                continue
            field = self.schema[name]
            fieldwriter.start_field(name, field)
            prefix = pack_ushort(fieldwriter._fieldid)
            boost = field.format.field_boost
            frequencies = isinstance(field.format, formats.Frequency)
            lengths = self._lengths.get(name, array("I"))
            for term in sorted(terms):  # str order is the order of the UTF-8 bytes
                docs, freqs = terms[term]
                tbytes = term.encode("utf-8") if isinstance(term, str) else term
                info = _write_term(postfile, docs, freqs, lengths, boost, frequencies, limit, level)
                terms_table.add(prefix + tbytes, info)
            fieldwriter.finish_field()
        self._postings.clear()


def _write_term(postfile, docs: array, freqs: array, lengths: array, boost: float, frequencies: bool,
                limit: int, level: int) -> bytes:
    """Write one term's posting list as the W3 codec's ``W3PostingsWriter`` does (blocks of ``limit``
    postings: pickled ids as deltas, weights, values, with the block's statistics) and return its
    term info bytes (``W3TermInfo.to_bytes``). A small block is stored uncompressed (each block
    says whether it is compressed): compressing a few bytes costs time and makes them longer."""
    start = postfile.tell()
    count = len(docs)
    if count == 1 and boost == 1.0 and freqs[0] < 1 << 24:  # half the terms: the same bytes, sooner
        return _write_single(postfile, start, docs[0], freqs[0], lengths[docs[0]], frequencies, level)
    chunks = [WHOOSH3_HEADER_MAGIC]
    total_weight, min_length, max_length, max_weight = 0.0, None, 0, 0
    for first in range(0, count, limit):
        last = min(first + limit, count)
        ids, block_freqs = docs[first:last], freqs[first:last]
        weights = array("f", block_freqs) if boost == 1.0 else array("f", [f * boost for f in block_freqs])
        top = max(weights)
        if top == 1.0 and min(weights) == 1.0:
            packed_weights = None
        elif min(weights) == top:
            packed_weights = weights[0]
        else:
            packed_weights = tuple(weights)
        values = struct.pack(f"!{last - first}I", *block_freqs) if frequencies else None
        deltas = tuple(b - a for a, b in zip((0, *ids), ids))
        data = pickle.dumps((deltas, packed_weights, values), 2)
        compression = level if len(data) >= COMPRESS_FROM else 0
        if compression:
            packer = zlib.compressobj(compression, zlib.DEFLATED, WINDOW_BITS, MEMORY_LEVEL)
            data = packer.compress(data) + packer.flush()
        known = [n for n in map(lengths.__getitem__, ids) if n]
        low, high = (min(known), max(known)) if known else (None, 0)
        info = pickle.dumps((last - first, ids[-1], top, compression, length_to_byte(low), length_to_byte(high)), 2)
        size = len(info) + len(data)
        chunks += (pack_int(-size if last == count else size), info, data)
        total_weight += sum(weights)
        if low is not None:
            min_length = low if min_length is None else min(min_length, low)
        max_length, max_weight = max(max_length, high), max(max_weight, top)
    written = b"".join(chunks)
    postfile.write(written)
    return _TERM_INFO.pack(False, total_weight, count, 0 if min_length is None else length_to_byte(min_length),
                           length_to_byte(max_length), max_weight, docs[0], docs[-1]) + pack_long(start) + pack_int(
                               len(written))


def _write_single(postfile, start: int, doc: int, freq: int, length: int, frequencies: bool, level: int) -> bytes:
    """``_write_term`` for a term of one posting (weight ``freq``, exact in float32)."""
    weight = float(freq)
    data = pickle.dumps(((doc,), None if freq == 1 else weight, _UINT.pack(freq) if frequencies else None), 2)
    compression = level if len(data) >= COMPRESS_FROM else 0
    if compression:
        packer = zlib.compressobj(compression, zlib.DEFLATED, WINDOW_BITS, MEMORY_LEVEL)
        data = packer.compress(data) + packer.flush()
    byte = length_to_byte(length) if length else 0
    info = pickle.dumps((1, doc, weight, compression, byte, byte), 2)
    size = len(info) + len(data)
    written = b"".join((WHOOSH3_HEADER_MAGIC, pack_int(-size), info, data))
    postfile.write(written)
    return _TERM_INFO.pack(False, weight, 1, byte, byte, weight, doc, doc) + pack_long(start) + pack_int(len(written))
