"""One Whoosh segment written straight from documents whose text is already analysed.

Whoosh's own writer sends every posting through a pool (pickled runs on disk, sorted and
merged at commit), then looks up each posting's field length again while writing it: most
of an index build's time. A full build needs none of that: documents arrive in document
order, so each term's postings are already sorted by document. :class:`SegmentBuilder` keeps
them in compact arrays per term, and at :meth:`~SegmentBuilder.commit` writes them term by
term with Whoosh's codec (its block writer encodes each block, so the files are Whoosh's
own format), then the table of contents, as ``SegmentWriter.commit`` does. The result is the
index Whoosh's writer makes of the same documents: the same terms, postings, weights, values,
field lengths and stored fields (``tests/search/test_segment.py`` compares the two).

Text fields come pre-analysed, as ``{field: (term counts, length)}``; every other indexed
field is analysed by its own field type, as Whoosh would. Formats supported: ``Existence``
and ``Frequency`` (the schema's; positions are not indexed). One writer, one process.
"""

from __future__ import annotations

import struct
from array import array
from typing import Mapping

from whoosh import formats
from whoosh.util.numeric import byte_to_length, length_to_byte

UNUSED_POOL_MB = 32  # the SegmentWriter's posting pool, unused here: a small one


class SegmentBuilder:
    """Adds documents to a new segment of ``ix`` (an empty index) and commits it."""

    def __init__(self, ix):
        self._writer = ix.writer(procs=1, limitmb=UNUSED_POOL_MB)
        if self._writer.segments:
            self._writer.cancel()
            raise ValueError("SegmentBuilder writes the first segment of an empty index only")
        self.schema = self._writer.schema
        for name in self.schema.names():
            field = self.schema[name]
            if field.indexed and type(field.format) not in (formats.Existence, formats.Frequency):
                self._writer.cancel()
                raise ValueError(f"field {name!r}: format {type(field.format).__name__} is not supported")
        # field → term bytes → [document numbers, frequencies]; documents come in order
        self._postings: dict[str, dict[bytes, tuple[array, array]]] = {}
        self._lengths: dict[str, array] = {}  # field → each document's length as Whoosh reads it back

    @property
    def doc_count(self) -> int:
        return self._writer.docnum

    def add(self, fields: Mapping[str, object], analyzed: Mapping[str, tuple[Mapping[str, int], int]] = {}) -> None:
        """One document: ``fields`` as for ``add_document``; ``analyzed`` gives, for text fields,
        the count of each term and the field's length (words indexed), used instead of analysing."""
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
                if field.indexed:
                    if name in analyzed:
                        counts, length = analyzed[name]
                        rows = ((term.encode("utf-8"), freq) for term, freq in counts.items())
                    else:
                        rows = ((tbytes, freq) for tbytes, freq, _, _ in field.index(value))
                    length = self._add_postings(name, docnum, rows, length if name in analyzed else None)
                    if not field.scorable:
                        length = 0
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

    def _add_postings(self, name: str, docnum: int, rows, length: int | None) -> int:
        terms = self._postings.setdefault(name, {})
        total = 0
        for tbytes, freq in rows:
            lists = terms.get(tbytes)
            if lists is None:
                lists = terms[tbytes] = (array("I"), array("I"))
            lists[0].append(docnum)
            lists[1].append(freq)
            total += freq
        return total if length is None else length

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
        for name in sorted(self._postings):
            terms = self._postings[name]
            if not terms:
                continue
            field = self.schema[name]
            fieldwriter.start_field(name, field)
            boost = field.format.field_boost
            frequencies = isinstance(field.format, formats.Frequency)
            lengths = self._lengths.get(name, array("I"))
            for tbytes in sorted(terms):
                docs, freqs = terms[tbytes]
                fieldwriter.start_term(tbytes)
                _write_term(fieldwriter._postwriter, docs, freqs, lengths, boost, frequencies)
                fieldwriter.finish_term()
            fieldwriter.finish_field()
        self._postings.clear()


def _write_term(postwriter, docs: array, freqs: array, lengths: array, boost: float, frequencies: bool) -> None:
    """Fill the codec's block buffer a block at a time (what ``add_posting`` does one posting at a
    time) and let it encode each block; ``finish_term`` writes the last one."""
    limit = postwriter._blocklimit
    count = len(docs)
    for start in range(0, count, limit):
        if start:
            postwriter._write_block()
        end = min(start + limit, count)
        block_docs = docs[start:end]
        block_freqs = freqs[start:end]
        weights = array("f", block_freqs) if boost == 1.0 else array("f", (f * boost for f in block_freqs))
        postwriter._ids = block_docs
        postwriter._weights = weights
        postwriter._maxweight = max(weights)
        postwriter._values = [struct.pack(f"!{end - start}I", *block_freqs)] if frequencies else []
        block_lengths = [n for n in (lengths[d] for d in block_docs) if n]
        postwriter._minlength = min(block_lengths) if block_lengths else None
        postwriter._maxlength = max(block_lengths) if block_lengths else 0

