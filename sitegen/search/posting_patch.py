"""Encoded posting lists of the browser index, patched where a few documents changed.

An update of the browser's projection (``browser_index.update_browser_index``) knows the
previous posting list of a term (or of a filter value) over every live document, and the
new postings of the few documents that changed. Every other document's posting is as it
was, so the new list is the previous one with the changed documents' postings taken out
and put back, and the posting after each of them given a new gap: the rest of the string
is copied, never decoded one posting at a time in Python (a regular expression splits a
list into postings, a dictionary reads their gaps). Reading the whole list again from
Whoosh, then mapping every Whoosh document number to its rank, costs an order of magnitude
more on the terms that most documents hold.

The codes are those of ``browser_index``: base-32 varints, every group but the last from
the alphabet's upper half. A term's posting is (twice the gap, plus one when a term
frequency follows), the frequency (only then), the length byte; a filter value's is the gap.
"""

from __future__ import annotations

import bisect
import re
from itertools import accumulate
from typing import Callable

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"  # 32 final digits, 32 continued
_UPPER = "[W-Za-z_-]"  # ALPHABET[32:]: a group that another follows
_FINAL = "[0-9A-V]"  # ALPHABET[:32]: a number's last group; its parity is the number's
_EVEN, _ODD = "[02468ACEGIKMOQSU]", "[13579BDFHJLNPRTV]"
# One posting of a term, whole; and its first number (a term frequency follows when it is odd)
_TERM_POSTING = re.compile(f"{_UPPER}*(?:{_EVEN}|{_ODD}{_UPPER}*{_FINAL}){_UPPER}*{_FINAL}")
_TERM_GAP = re.compile(f"({_UPPER}*{_FINAL})(?:(?<={_ODD}){_UPPER}*{_FINAL})?{_UPPER}*{_FINAL}")
_NUMBER = re.compile(f"{_UPPER}*{_FINAL}")
_BLOCK = 64
_TERM_BLOCK = re.compile(f"(?:{_TERM_POSTING.pattern}){{{_BLOCK}}}")
_SMALL = 4096  # numbers below this are read from a table


def code(n: int) -> str:
    """``n`` as a base-32 varint, most significant group first."""
    groups = [n & 31]
    n >>= 5
    while n:
        groups.append(n & 31)
        n >>= 5
    return "".join(ALPHABET[32 + g] for g in reversed(groups[1:])) + ALPHABET[groups[0]]


def _value(code: str) -> int:
    value = 0
    for char in code[:-1]:
        value = value * 32 + ALPHABET.index(char) - 32
    return value * 32 + ALPHABET.index(code[-1])


class _Table(dict):
    """Codes → numbers, read from the table when small, else digit by digit (``__missing__``)."""

    def __init__(self, numbers, decode):
        super().__init__(numbers)
        self._decode = decode

    def __missing__(self, code: str) -> int:
        return self._decode(code)


_CODES = [code(n) for n in range(_SMALL)]
_VALUES = {code: n for n, code in enumerate(_CODES)}
_NUMBERS = _Table(_VALUES, _value)
_GAPS = _Table({code: n >> 1 for code, n in _VALUES.items()}, lambda code: _value(code) >> 1)  # a term's gaps


def encode_number(n: int) -> str:
    return _CODES[n] if n < _SMALL else code(n)


def _term_posting(gap: int, tf: int, length: int) -> str:
    if tf > 1:
        return encode_number(gap * 2 + 1) + encode_number(tf) + encode_number(length)
    return encode_number(gap * 2) + encode_number(length)


class _TermOffsets:
    """Where each posting of a term's list starts, found walking forward through the string
    (a regular expression steps over ``_BLOCK`` postings at a time: no Python object per posting)."""

    def __init__(self, encoded: str):
        self.encoded, self.index, self.position = encoded, 0, 0

    def __call__(self, i: int) -> int:
        """The offset of posting ``i`` (never less than the last asked for; the count of postings:
        the end of the string, checked to be one)."""
        encoded, position, index = self.encoded, self.position, self.index
        while i - index >= _BLOCK:
            match = _TERM_BLOCK.match(encoded, position)
            if match is None:
                break
            position, index = match.end(), index + _BLOCK
        while index < i:
            match = _TERM_POSTING.match(encoded, position)
            if match is None:
                raise ValueError("not a posting list of the browser index")
            position, index = match.end(), index + 1
        self.position, self.index = position, index
        return position


def _term_docs(encoded: str) -> list[int]:
    """The documents of a term's list, in order."""
    return list(accumulate(map(_GAPS.__getitem__, _TERM_GAP.findall(encoded)), initial=-1))[1:]


def _split_facet(encoded: str) -> tuple[list[str], list[int]]:
    """The gaps of a filter value's list (as written) and their documents."""
    codes = _NUMBER.findall(encoded)
    if sum(map(len, codes)) != len(encoded):
        raise ValueError("not a filter list of the browser index")
    docs = list(accumulate(map(_NUMBERS.__getitem__, codes), initial=-1))
    return codes, docs[1:]


def _reread_term(posting: str, gap: int) -> str:
    """``posting`` (a term's) with its gap replaced."""
    numbers = [_NUMBERS[code] for code in _NUMBER.findall(posting)]
    return _term_posting(gap, numbers[1] if numbers[0] & 1 else 1, numbers[-1])


def _patch(encoded: str, docs: list[int], offset: Callable[[int], int], changes: dict[int, tuple[int, int] | None],
           facet: bool) -> tuple[str, int, int]:
    """The list ``encoded`` (of documents ``docs``, posting ``i`` starting at ``offset(i)``) with each
    document of ``changes`` given its new posting ((term frequency, length byte); for a filter,
    any tuple) or taken out (None); the number of documents it holds, and held."""
    out: list[str] = []
    previous, i, count = -1, 0, len(docs)  # previous: the last document written

    def copy_until(end: int) -> None:
        nonlocal previous
        if i < end:
            start = offset(i)
            if previous == (docs[i - 1] if i else -1):
                out.append(encoded[start:offset(end)])
            else:  # the first one's gap counts from another document now
                second = offset(i + 1)
                gap = docs[i] - previous
                out.append(encode_number(gap) if facet else _reread_term(encoded[start:second], gap))
                out.append(encoded[second:offset(end)])
            previous = docs[end - 1]

    size = count
    for doc in sorted(changes):
        end = bisect.bisect_left(docs, doc, i)
        new = changes[doc]
        if new is None and (end == count or docs[end] != doc):
            continue  # neither held nor holds it
        copy_until(end)
        i = end
        if i < count and docs[i] == doc:  # its previous posting: left out
            i += 1
            size -= 1
        if new is not None:
            out.append(encode_number(doc - previous) if facet else _term_posting(doc - previous, *new))
            previous = doc
            size += 1
    copy_until(count)
    if offset(count) != len(encoded):
        raise ValueError("not a posting list of the browser index")
    return "".join(out), size, count


def patch_term_list(encoded: str, changes: dict[int, tuple[int, int] | None]) -> tuple[str, int, int]:
    """A term's encoded posting list with the documents of ``changes`` (document → (term
    frequency, length byte), or None where the document no longer holds the term) changed,
    the number of documents it holds, and the number it held."""
    return _patch(encoded, _term_docs(encoded), _TermOffsets(encoded), changes, facet=False)


def patch_facet_list(encoded: str, changes: dict[int, bool]) -> str:
    """A filter value's encoded list with the documents of ``changes`` put in (True) or taken out (False)."""
    codes, docs = _split_facet(encoded)
    offsets = list(accumulate(map(len, codes), initial=0))
    return _patch(encoded, docs, offsets.__getitem__, {doc: (() if holds else None) for doc, holds in changes.items()},
                  facet=True)[0]


def facet_holds(encoded: str, docs: set[int]) -> bool:
    """Whether the filter value's list holds any of ``docs``."""
    _, listed = _split_facet(encoded)
    for doc in docs:
        i = bisect.bisect_left(listed, doc)
        if i < len(listed) and listed[i] == doc:
            return True
    return False
