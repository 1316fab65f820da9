"""Warnings about proposals that are likely wrong, for the person reviewing them.

Extraction proposes metadata; some proposals are valid by the schema yet unlikely. For every
article still marked ``review: pending``, each incident is checked for:

- a date after the article that reports it (news does not report the future);
- a date years before the article (more than ``YEARS_BEFORE`` years: usually a date read
  from a reminder of history, not the event reported);
- a casualty figure (killed, injured) that several incidents of the article share (one
  figure spread over every incident of the text);
- neither a place (not even one the gazetteer lacks, kept as ``location_text``) nor an actor.

These are warnings (file, line, field, hint): they never stop a build, except with
``--strict``. Articles marked ``reviewed`` are a person's word and are not second-guessed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitegen.errors import WARNING, Diagnostic
from sitegen.model import Article
from sitegen.yamlio import Located

YEARS_BEFORE = 2


def likely_wrong(path: Path, located: Located, article: Article) -> list[Diagnostic]:
    """Warnings for one article's incidents; nothing for reviewed articles."""
    if article.review == "reviewed":
        return []
    found: list[Diagnostic] = []

    def warn(where: tuple, message: str, hint: str) -> None:
        field = f"incidents[{where[1]}]" + (f".{where[2]}" if len(where) > 2 else "")
        found.append(Diagnostic(path, located.line(where), message, field=field, hint=hint, severity=WARNING))

    published = article.published
    long_before = published - dt.timedelta(days=round(365.25 * YEARS_BEFORE))
    for i, incident in enumerate(article.incidents):
        if incident.date is not None and incident.date > published:
            warn(("incidents", i, "date"), f"the incident is dated {incident.date}, after the article ({published})",
                 "check the date against the text, or the article's published date")
        elif incident.date is not None and incident.date < long_before:
            warn(("incidents", i, "date"), f"the incident is dated {incident.date}, more than {YEARS_BEFORE} years "
                 f"before the article ({published})", "check it is the event reported, not a reminder of history")
        if not incident.location and not incident.location_text and not incident.actors:
            warn(("incidents", i), "the incident has neither a place nor an actor",
                 "add its location or actors, or remove the incident")
    for name in ("killed", "injured"):
        holders: dict[int, list[int]] = {}
        for i, incident in enumerate(article.incidents):
            value = getattr(incident, name)
            if value:
                holders.setdefault(value, []).append(i)
        for value, indexes in holders.items():
            for i in indexes[1:]:
                warn(("incidents", i, name), f"the same figure ({value}) is on incidents[{indexes[0]}] too",
                     f"a figure is usually of one incident: keep {name} where the text gives it")
    return found
