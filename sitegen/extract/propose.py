"""One article's proposal: every extracted value, with the phrase it came from.

:func:`propose` is pure: a raw article and the scanner in, the proposed front matter (a
plain dict in the content format, ``review: pending``) and the notes for the reviewer out.
The title is kept but not mined for incidents (a headline repeats the body without its
dates); the lede is read like the body (a date or place may be stated only there), and the
two are scanned once, every stage reading that scan. An event the lede and the body both
tell is one incident (see ``incidents``).

Named speakers (``{name, role, actor, date, text}``) are written as ``speakers``; an
incident whose date phrase holds two disagreeing cues gets a ``date_conflict`` note, and
the conflict is also reported in the run's notes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sitegen.extract.normtext import normalize
from sitegen.extract.actors import find_actors
from sitegen.extract.dates import find_dates
from sitegen.extract.incidents import Mentions, build_incidents
from sitegen.extract.inputs import RawArticle
from sitegen.extract.outlets import find_outlets
from sitegen.extract.places import find_places
from sitegen.extract.scan import TYPE, Scanner
from sitegen.extract.speakers import find_speakers
from sitegen.extract.weapons import find_weapons
from sitegen.model import Incident


@dataclass
class Proposal:
    front: dict  # the article's front matter, in the content format
    body: str
    notes: list[str] = field(default_factory=list)  # for the reviewer: conflicts, unknowns
    speakers: list[dict] = field(default_factory=list)


class Proposer:
    """Holds the scanner and the outlet index, built once for a run."""

    def __init__(self, scanner: Scanner):
        self.scanner = scanner
        vocabulary = scanner.lexicons.vocabulary
        self.vocabulary = vocabulary
        self.outlet_forms = {
            " ".join(normalize(form).split()): term.id
            for term in vocabulary.outlets.values()
            for form in (term.name, term.name_en or "", *term.variants) if form
        }

    def propose(self, raw: RawArticle, published: dt.date | None = None) -> Proposal:
        published = published or raw.published
        text = _with_lede(raw)
        scan = self.scanner.scan(text)
        dates = find_dates(text, published, scan.norm)
        mentions = Mentions(
            text=text,
            norm=scan.norm,
            dates=dates,
            places=find_places(scan, self.scanner),
            actors=find_actors(scan),
            weapons=find_weapons(scan),
            events=[(*scan.norm.span(m.start, m.end), ids[0]) for m, ids in scan.of(TYPE)],
        )
        found = build_incidents(mentions, self.vocabulary, published)
        front = {
            "id": raw.id,
            "title": raw.title,
            "published": published,
            "published_basis": "stated" if published else None,
            "lede": raw.lede,
            "outlet": self._outlet(raw.outlet),
            "url": raw.url,
            "author": raw.author,
            "category": raw.category,
            "cited_outlets": [o.name for o in find_outlets(scan, self.outlet_forms)],
            "speakers": (speakers := self._speakers(scan, mentions)),
            "review": "pending",
            "incidents": [_incident(i, found.conflicts.get(i.id)) for i in found.incidents],
        }
        notes = [f"incident {iid}: date cues disagree: {note}" for iid, note in found.conflicts.items()]
        if published is None:
            notes.append("no publication date: relative dates are left unresolved (give --published)")
        front = {k: v for k, v in front.items() if v not in (None, [])}
        return Proposal(front, raw.body, notes, speakers)

    def _outlet(self, src: str | None) -> str | None:
        if not src:
            return None
        return self.outlet_forms.get(" ".join(normalize(src).split()), src)

    def _speakers(self, scan, mentions: Mentions) -> list[dict]:
        speakers = []
        for speaker in find_speakers(scan.norm):
            actor = next((a.actor for a in mentions.actors if speaker.start <= a.start < speaker.end), None)
            before = [c for c in mentions.dates if c.start <= speaker.start and not c.since]
            line_start = scan.norm.original.rfind("\n", 0, speaker.start)
            cue = before[-1] if before and before[-1].start > line_start else None
            entry = {"name": speaker.name, "role": speaker.role, "actor": actor,
                     "date": cue.date if cue else None, "text": scan.norm.original[speaker.start:speaker.end]}
            speakers.append({k: v for k, v in entry.items() if v is not None})
        return speakers


def _with_lede(raw: RawArticle) -> str:
    """The text mined for incidents: the lede (unless the body starts with it), then the body."""
    lede = (raw.lede or "").strip()
    if not lede or raw.body.lstrip().startswith(lede.rstrip(".")):
        return raw.body
    return lede + "\n" + raw.body


def _incident(incident: Incident, conflict: str | None) -> dict:
    """An incident as front-matter data: schema key order, empty values left out."""
    data = {
        "id": incident.id,
        "type": incident.type,
        "date": incident.date,
        "date_end": incident.date_end,
        "date_precision": incident.date_precision,
        "date_text": incident.date_text,
        "date_conflict": conflict,
        "time_of_day": incident.time_of_day,
        "location": incident.location,
        "location_precision": incident.location_precision,
        "location_text": incident.location_text,
        "actors": [_compact(vars(a)) for a in incident.actors],
        "weapons": [_compact(vars(w), keep=("count",)) for w in incident.weapons],
        "killed": incident.killed,
        "killed_text": incident.killed_text,
        "injured": incident.injured,
        "injured_text": incident.injured_text,
        "related": [vars(r) for r in incident.related],
    }
    return _compact(data, keep=("date",))


def _compact(data: dict, keep: tuple = ()) -> dict:
    return {k: v for k, v in data.items() if k in keep or v not in (None, [], ())}
