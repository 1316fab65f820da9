"""Bidirectional controls from content kept inside the value that holds them.

An article title holding U+202E (RIGHT-TO-LEFT OVERRIDE) would reverse the page text that
follows it, up to the end of the block: the date, the outlet, a link. :func:`isolate` wraps
a value holding any bidi control (U+202A-202E, U+2066-2069) in FIRST STRONG ISOLATE ... POP
DIRECTIONAL ISOLATE, after :func:`balance` has closed what the value opens and dropped the
closers it has no opener for (a stray PDI would otherwise close the wrapper early). Values
without controls, nearly all, are returned unchanged.
"""

from __future__ import annotations

import re

EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF
PDF = "\u202c"
ISOLATES = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI
PDI = "\u2069"
FSI = "\u2068"
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def balance(text: str) -> str:
    """``text`` with every opened embedding or isolate closed, and unmatched closers removed."""
    if not CONTROLS.search(text):
        return text
    out: list[str] = []
    open_: list[str] = []  # the closer each open control needs, innermost last
    for char in text:
        if char in EMBEDDINGS:
            open_.append(PDF)
        elif char in ISOLATES:
            open_.append(PDI)
        elif char == PDF:
            if not open_ or open_[-1] != PDF:
                continue  # nothing to close here: a PDF cannot reach out of an isolate
            open_.pop()
        elif char == PDI:
            if PDI not in open_:
                continue
            while open_.pop() != PDI:  # a PDI also closes the embeddings opened inside its isolate
                pass
        out.append(char)
    out.extend(reversed(open_))
    return "".join(out)


def isolate(text: str) -> str:
    """``text`` unchanged, or balanced and isolated when it holds a bidi control."""
    if not CONTROLS.search(text):
        return text
    return FSI + balance(text) + PDI


def balance_lines(text: str) -> str:
    """Each line balanced on its own (for Markdown, whose paragraphs are made of lines)."""
    if not CONTROLS.search(text):
        return text
    return "\n".join(balance(line) for line in text.split("\n"))
