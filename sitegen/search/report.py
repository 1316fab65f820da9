"""What ``sitegen search`` prints: ranked hits with highlighted snippets, or JSON.

Kept apart from the click command so the command stays a thin wrapper and this can be
tested with plain strings.
"""

from __future__ import annotations

import json

from .query import SearchResults

MATCH_ON, MATCH_OFF = "\x1b[1;33m", "\x1b[0m"  # bold yellow on a colour terminal
PLAIN_ON, PLAIN_OFF = "[", "]"


def format_results(results: SearchResults, *, as_json: bool = False, color: bool = False) -> str:
    """The text the terminal shows for ``results``."""
    if as_json:
        return json.dumps(results.to_dict(), ensure_ascii=False, indent=2)
    on, off = (MATCH_ON, MATCH_OFF) if color else (PLAIN_ON, PLAIN_OFF)
    lines = [f"{results.total} result(s) for {results.query}"]
    if results.suggestion:
        lines.append(f"did you mean: {results.suggestion}")
    for rank, hit in enumerate(results.hits, 1):
        lines.append("")
        lines.append(f"{rank}. {hit.title}")
        lines.append(f"   {hit.date}  {hit.path}  (score {hit.score:.2f})")
        if hit.snippet:
            lines.append("   " + "".join(f"{on}{text}{off}" if match else text for text, match in hit.snippet))
    return "\n".join(lines)
