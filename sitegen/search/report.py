"""What ``sitegen search`` prints: ranked hits with highlighted snippets and where to open them, or JSON.

Kept apart from the click command so the command stays a thin wrapper and this can be
tested with plain strings. Everything printed comes from content or from the user, so
control characters (escape sequences, C1 controls) and bidi overrides are removed from
every string first: a title cannot retitle the terminal or reorder the line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

from .query import SearchResults

MATCH_ON, MATCH_OFF = "\x1b[1;33m", "\x1b[0m"  # bold yellow on a colour terminal
PLAIN_ON, PLAIN_OFF = "[", "]"
NO_FULL_MATCH = "no article holds every word; closest matches:"
NOTHING = "nothing found: no article holds any word, phrase or group of the query"
NOTHING_FILTERED = "nothing found with these filters (--from, --to, --place, --actor, --type): try without them"
THEN_CLOSEST = "closest matches, holding some of the words:"

# C0 and C1 controls, DEL, and the bidi embeddings, overrides and isolates (U+202A-E, U+2066-9)
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` without control characters and bidi overrides (tabs and newlines become spaces)."""
    return _UNPRINTABLE.sub(lambda m: " " if m.group() in "\t\n\r" else "", text)


def page_url(path: str, output_dir: Path, base_url: str = "") -> str:
    """Where a result opens: its address under ``base_url`` if one is set, else its ``file://`` URL."""
    if base_url:
        return base_url.rstrip("/") + "/" + path
    return (Path(output_dir).resolve() / path).as_uri()


def format_results(
    results: SearchResults,
    *,
    as_json: bool = False,
    color: bool = False,
    url_of: Callable[[str], str] | None = None,
) -> str:
    """The text the terminal shows for ``results``; ``url_of(path)`` adds each page's URL."""
    if as_json:
        data = results.to_dict()
        for hit in data["hits"]:
            hit["url"] = url_of(hit["path"]) if url_of else None
        return json.dumps(_printable_data(data), ensure_ascii=False, indent=2)
    on, off = (MATCH_ON, MATCH_OFF) if color else (PLAIN_ON, PLAIN_OFF)
    lines = [f"{results.total} result(s) for {printable(results.query)}"]
    if not results.hits:
        lines.append(NOTHING_FILTERED if results.filtered else NOTHING)
    if results.suggestion:
        lines.append(f"did you mean: {printable(results.suggestion)}")
    for rank, hit in enumerate(results.hits, 1):
        if hit.tier != "all" and (rank == 1 or results.hits[rank - 2].tier == "all"):
            lines += ["", NO_FULL_MATCH if rank == 1 else THEN_CLOSEST]
        lines.append("")
        held = "" if hit.tier == "all" else f"  [{hit.held} of {results.clauses} words]"
        lines.append(f"{rank}. {printable(hit.title)}{held}")
        lines.append(f"   {hit.date}  {printable(hit.path)}  (score {hit.score:.2f})")
        if url_of:
            lines.append(f"   {printable(url_of(hit.path))}")
        if hit.snippet:
            lines.append("   " + "".join(f"{on}{printable(text)}{off}" if match else printable(text) for text, match in hit.snippet))
    return "\n".join(lines)


def _printable_data(value):
    """Every string of a JSON-able structure made :func:`printable`."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: _printable_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_printable_data(item) for item in value]
    return value
