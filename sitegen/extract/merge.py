"""Re-running extraction without overwriting a person's edits.

Each extraction keeps its machine proposal for an article in ``content/.extracted/<id>.yaml``
(committed with the content). On a later run, field by field (the article's keys, and
inside ``incidents`` each incident's keys, incidents matched by id):

- the file's value equals the last proposal: nobody touched it, the new proposal is written;
- it differs: a person edited it, so it stays, and if the new proposal differs from the
  person's value the run reports "field X of article Y was edited by hand; extraction now
  proposes Z" (not for ``review``: marking an article reviewed is what review is for).

Incidents follow the same rule as a whole: one a person added stays; one a person deleted
is not brought back (its new proposal is reported); one extraction no longer proposes is
dropped only if nobody edited it; one newly found is added.

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
INCIDENTS = "incidents"


@dataclass
class Merged:
    front: dict | None  # the front matter to write, or None to leave the file as it is
    # (field, new proposal) kept by hand; None: extraction no longer proposes that incident
    edited: list[tuple[str, object]] = field(default_factory=list)


def merge(proposal: dict, current: dict | None, last: dict | None) -> Merged:
    """What to write, given the new proposal, the file's front matter and the last proposal.

    ``current`` is None when the article file does not exist; ``last`` is None when there is
    no proposal record (then an existing file is a person's own and is left alone).
    """
    if current is None:
        return Merged(dict(proposal))
    if last is None:
        return Merged(None)
    edited: list[tuple[str, object]] = []
    return Merged(_merge_fields(proposal, current, last, "", edited), edited)


def _merge_fields(proposal: dict, current: dict, last: dict, prefix: str, edited: list) -> dict:
    result: dict = {}
    for key in list(current) + [k for k in proposal if k not in current]:
        mine, before, new = current.get(key), last.get(key), proposal.get(key)
        if key == INCIDENTS and not prefix:
            merged = _merge_incidents(new or [], mine or [], before or [], edited)
            if merged:
                result[key] = merged
        elif plain(mine) == plain(before):
            if new is not None:
                result[key] = new
        else:
            if key in current:
                result[key] = mine
            if new is not None and plain(new) != plain(mine) and key not in _SILENT:
                edited.append((prefix + key, new))
    return result


def _merge_incidents(proposed: list, mine: list, last: list, edited: list) -> list:
    new_by_id, last_by_id = _by_id(proposed), _by_id(last)
    mine_ids = {item.get("id") for item in mine if isinstance(item, dict)}
    result = []
    for item in mine:
        incident_id = item.get("id") if isinstance(item, dict) else None
        before = last_by_id.get(incident_id)
        if before is None:  # a person's own incident
            result.append(item)
        elif incident_id in new_by_id:
            prefix = f"{INCIDENTS}[{incident_id}]."
            result.append(_merge_fields(new_by_id[incident_id], item, before, prefix, edited))
        elif plain(item) != plain(before):  # no longer proposed, but a person edited it
            result.append(item)
            edited.append((f"{INCIDENTS}[{incident_id}]", None))
    for incident_id, item in new_by_id.items():
        if incident_id in mine_ids:
            continue
        if incident_id in last_by_id:  # a person deleted it
            if plain(item) != plain(last_by_id[incident_id]):
                edited.append((f"{INCIDENTS}[{incident_id}]", item))
        else:
            result.append(item)
    return result


def check_shape(front: dict | None) -> None:
    """Raise ValueError when a file or record cannot be merged field by field (``incidents: 5``)."""
    if front is None:
        return
    incidents = front.get(INCIDENTS)
    if incidents is not None and not isinstance(incidents, list):
        raise ValueError(f"{INCIDENTS} must be a list of incidents, found {type(incidents).__name__} {incidents!r}")
    for i, item in enumerate(incidents or []):
        if not isinstance(item, dict):
            raise ValueError(f"{INCIDENTS}[{i}] must be a mapping of incident fields, found {item!r}")
        if not isinstance(item.get("id", ""), (str, int)) or isinstance(item.get("id"), bool):
            raise ValueError(f"{INCIDENTS}[{i}].id must be one id, found {item['id']!r}")
    if not isinstance(front.get("id", ""), (str, int)):
        raise ValueError(f"id must be one id, found {front['id']!r}")


def _by_id(items: list) -> dict:
    return {item["id"]: item for item in items if isinstance(item, dict) and "id" in item}
