"""Re-running extraction without overwriting a person's edits.

Each extraction keeps its machine proposal for an article in ``content/.extracted/<id>.yaml``
(committed with the content). On a later run, field by field (the article's top-level keys;
``incidents`` is one field):

- the file's value equals the last proposal: nobody touched it, the new proposal is written;
- it differs: a person edited it, so it stays, and if the new proposal differs from the
  person's value the run reports "field X of article Y was edited by hand; extraction now
  proposes Z" (not for ``review``: marking an article reviewed is what review is for).

An article file without a proposal record is entirely a person's: never overwritten, and
reported. The body is never rewritten once the file exists. :func:`merge` is pure: the
driver reads the files and writes what it returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitegen.extract.writer import plain

# Fields whose edits are the normal course of review, kept without a word: a reviewer marks
# an article reviewed, and extraction always proposes pending.
_SILENT = {"review"}


@dataclass
class Merged:
    front: dict | None  # the front matter to write, or None to leave the file as it is
    edited: list[tuple[str, object]] = field(default_factory=list)  # (field, new proposal) kept by hand


def merge(proposal: dict, current: dict | None, last: dict | None) -> Merged:
    """What to write, given the new proposal, the file's front matter and the last proposal.

    ``current`` is None when the article file does not exist; ``last`` is None when there is
    no proposal record (then an existing file is a person's own and is left alone).
    """
    if current is None:
        return Merged(dict(proposal))
    if last is None:
        return Merged(None)
    result: dict = {}
    edited: list[tuple[str, object]] = []
    keys = list(current) + [k for k in proposal if k not in current]
    for key in keys:
        mine, before, new = current.get(key), last.get(key), proposal.get(key)
        if plain(mine) == plain(before):
            if new is not None:
                result[key] = new
        else:
            if key in current:
                result[key] = mine
            if new is not None and plain(new) != plain(mine) and key not in _SILENT:
                edited.append((key, new))
    return Merged(result, edited)
