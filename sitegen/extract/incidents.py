"""Incidents: one per dated event a text reports, with its place, actors, type and weapons.

The body is read sentence by sentence, in order, carrying the *current date*: the first
date cue of a sentence starts a new date group (cues introduced by منذ, "since", do not).
A sentence is split where a response is named:

- ``رداً على ...`` (adverbial): the words before are the response, the words after what it
  answers (``استهداف مواقع ... رداً على هجوم بالصواريخ استهدف قاعدة ...``);
- ``ردت``/``للرد``/``بالرد`` ... (verbal): from the clause holding the verb to the sentence end
  is the response to what came before (``عقب ذلك، ردت القوات الأمريكية ...``).

A part reports an incident when it names an event (an incident-type cue, a response, or,
in a sentence with its own date and a place below the country, a word of violence such as
أعدم، مقتل، تدمير: then the type is left for the reviewer) and something concrete: a weapon, a place below the country, or a country when the sentence
has its own date. Its locations are the places named as such (not as a reference, ``شرقي
دير الزور``, nor as an origin, ``المتمركزة في بادية الميادين``), without countries when
something smaller is named and without places that contain another one; each remaining
place is one incident. A part without its own date adds to the incident of the current date
group at a compatible place (the same, or one containing the other; the smaller wins), which
is how a report spread over several sentences becomes one incident.

Dates: an incident takes the current date cue (never a منذ "since" cue); when the cue is
followed by a report verb (``والأربعاء، أكدت ...``) a day becomes ``on_or_before``: the day
is when it was reported. Without any cue the date is left empty (``unresolved``): never the
publication day as a made-up date.

Casualty figures (``مقتل 7``) go to one incident of the part, the one whose place is named
last before the figure, with the phrase (``killed_text``). Actors keep the role of their
last mention; a civilian group (actor kind ``civilians``) is a ``victim``; actors that only
attribute the report (before ``أن``/``إن`` after a report verb) are left out. A response
whose sentence holds no incident answers the latest incident whose actors it fights (the
responder was its target), else the latest incident. At the end, one event told twice (the
lede, then the body) is merged into one incident. Ids are date-place-type, made unique.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from sitegen.extract.normtext import NormText
from sitegen.extract.actors import ActorMention
from sitegen.extract.dates import DateCue
from sitegen.extract.numbers import VAGUE, parse_count
from sitegen.extract.places import LOCATION, ORIGIN, REFERENCE, PlaceMention
from sitegen.extract.weapons import WeaponMention
from sitegen.model import ActorRole, Incident, Relation, Vocabulary, Weapon

_SENTENCE = re.compile(r"[^.!?؟\n]+(?:[.!?؟]+|$)", re.M)
_RESPONSE_ADVERB = re.compile(r"(?<!\w)[و]?ردا\s+(?:علي|ل)")
_RESPONSE_VERB = re.compile(r"(?<!\w)[وف]?(?:رد|ردت|ترد|يرد|للرد|بالرد|ردود)(?!\w)")
_REPORT_VERBS = {
    "اعلن", "اعلنت", "اكد", "اكدت", "افاد", "افادت", "ذكر", "ذكرت", "قال", "قالت", "كشف", "كشفت",
    "نشر", "نشرت", "اوضح", "اوضحت", "اورد", "اوردت", "نقل", "نقلت", "تبني", "تبنت", "اعترف", "اعترفت",
}
_THAT = {"ان", "انه", "انها", "بان", "بانه"}
_CASUALTY_NUMBER = r"(\d+|[^\W\d_]+)"
# Words of violence: with a date and a place, they make an incident even without a type cue
# (its type is left for the reviewer).
_VIOLENCE = re.compile(
    r"(?<!\w)[وفب]?(?:مقتل|قتل|قتلت|قتلي|قتيل|قتيلا|اعدم|اعدمت|اعدام|استشهاد|شهيد|شهداء|"
    r"تدمير|دمر|دمرت|احراق|احرق|اقتحام|اقتحمت|القي|القت)(?!\w)"
)
# ... unless the part tells of an accident (a road accident kills and injures too).
_ACCIDENT = re.compile(r"(?<!\w)[وفب]?(?:حادث|حادثه|اصطدام|انقلاب|انزلاق|غرق|حريق|صعقه|سقوط)(?!\w)")
_PEOPLE = r"(?:\s+(?:اشخاص|شخصا|شخص|مدنيين|مدنيا|اطفال|جنود|جنديا|عناصر|عنصرا|مسلحين|مسلحا))?(?:\s+علي\s+الاقل)?"
_KILLED = [re.compile(rf"(?<!\w)(?:مقتل|قتل|استشهاد)\s+{_CASUALTY_NUMBER}"),
           re.compile(rf"{_CASUALTY_NUMBER}\s+(?:قتلي|قتيلا|قتيل|شهداء|شهيدا|شهيد)(?!\w)"),
           re.compile(rf"(?<!\w)لقي\s+{_CASUALTY_NUMBER}{_PEOPLE}\s+(?:مصرعهم|مصرعهما|حتفهم|حتفهما)")]
_INJURED = [re.compile(rf"(?<!\w)(?:اصابه|جرح)\s+{_CASUALTY_NUMBER}"),
            re.compile(rf"{_CASUALTY_NUMBER}\s+(?:جرحي|مصابين|مصابا|جريحا|جريح)(?!\w)"),
            re.compile(rf"(?<!\w){_CASUALTY_NUMBER}{_PEOPLE}\s+(?:اصيبوا|اصيبا|جرحوا)")]


@dataclass
class Mentions:
    """Everything found in one text, with offsets in the original text."""

    text: str
    norm: NormText
    dates: list[DateCue]
    places: list[PlaceMention]
    actors: list[ActorMention]
    weapons: list[WeaponMention]
    events: list[tuple[int, int, str]]  # (start, end, incident type) in the original text


@dataclass
class _Draft:
    cue: DateCue | None
    reported: bool  # the cue dates the report, not the event
    location: PlaceMention | None = None
    type: str | None = None
    actors: dict[str, ActorRole] = field(default_factory=dict)
    weapons: dict[str, WeaponMention] = field(default_factory=dict)
    killed: int | None = None
    killed_text: str | None = None
    injured: int | None = None
    injured_text: str | None = None
    responds_to: _Draft | None = None


@dataclass(frozen=True)
class Found:
    incidents: list[Incident]
    conflicts: dict[str, str]  # incident id -> note on disagreeing date cues


def build_incidents(m: Mentions, vocabulary: Vocabulary, published: dt.date | None) -> Found:
    builder = _Builder(m, vocabulary)
    for sentence in _SENTENCE.finditer(m.text):
        builder.sentence(*sentence.span())
    return builder.finish(published)


class _Builder:
    def __init__(self, m: Mentions, vocabulary: Vocabulary):
        self.m = m
        self.vocabulary = vocabulary
        self.type_rank = {tid: i for i, tid in enumerate(vocabulary.incident_types)}
        self.drafts: list[_Draft] = []
        self.cue: DateCue | None = None
        self.reported = False
        self.current: _Draft | None = None

    # -- reading ---------------------------------------------------------------------------

    def sentence(self, start: int, end: int) -> None:
        cues = [c for c in self.m.dates if start <= c.start < end and not c.since]
        if cues:
            cue, reported = cues[0], self._report_follows(cues[0]) or self._report_precedes(cues[0], start)
            if reported and len(cues) > 1:
                # أعلنت الشرطة اليوم الأحد ... التفجيرين الذين وقعا الليلة الماضية: the report's
                # day, then the event's
                cue, reported = cues[1], self._report_follows(cues[1])
            self.cue, self.current, self.reported = cue, None, reported
        own_date = bool(cues)
        normalized = self.m.norm.text
        n_start, n_end = self._norm_offsets(start, end)
        adverb = _RESPONSE_ADVERB.search(normalized, n_start, n_end)
        verb = None if adverb else _RESPONSE_VERB.search(normalized, n_start, n_end)
        if adverb:
            cut = self._orig(adverb.start())
            original = self.part(cut, end, own_date)
            self.part(start, cut, own_date, responds_to=original or self._answered(start, cut))
        elif verb:
            clause = max(normalized.rfind("،", n_start, verb.start()), normalized.rfind(",", n_start, verb.start()))
            cut = self._orig(clause + 1 if clause >= 0 else verb.start())
            main = self.part(start, cut, own_date)
            self.part(cut, end, own_date, responds_to=main or self._answered(cut, end))
        else:
            self.part(start, end, own_date)

    def part(self, start: int, end: int, own_date: bool, responds_to: _Draft | None = None) -> _Draft | None:
        m = self.m
        inside = lambda items: [x for x in items if start <= x.start < end]  # noqa: E731
        events = [e for e in m.events if start <= e[0] < end]
        places = inside(m.places)
        weapons = inside(m.weapons)
        locations = self._locations(places, own_date)
        is_response = responds_to is not None
        concrete = weapons or locations or (is_response and places)
        n_start, n_end = self._norm_offsets(start, end)
        text = m.norm.text[n_start:n_end]
        untyped = not events and own_date and bool(self._below_country(locations)) and _VIOLENCE.search(text) \
            and not _ACCIDENT.search(text)
        if not (events or is_response or untyped) or not concrete:
            return None
        actors = self._participants(inside(m.actors), start, end)
        origins = [p for p in places if p.use == ORIGIN and p.place is not None]
        targets = [None] if not locations else locations
        killed = _casualties(_KILLED, text)
        injured = _casualties(_INJURED, text)
        # one figure goes to one incident: the one whose place is named last before it
        owner = self._figure_owner(targets, [self._orig(n_start + f[2]) for f in (killed, injured) if f])
        touched = None
        for location in targets:
            draft = self._draft_for(location, own_date, responds_to)
            draft.type = self._best_type(draft.type, [e[2] for e in events])
            if location is not None and (draft.location is None or self._contains(draft.location.place, location.place)):
                draft.location = location
            for actor in actors:
                origin = next((p.place for p in origins if p.start > actor.start), None)
                previous = draft.actors.get(actor.actor)
                role = actor.role
                if self.vocabulary.actors[actor.actor].kind == "civilians":
                    role = "victim"  # a civilian group suffers an attack; it is never the attacker
                draft.actors[actor.actor] = ActorRole(
                    actor.actor, role, origin or (previous.origin if previous else None), actor.text
                )
            for weapon in weapons:
                known = draft.weapons.get(weapon.type)
                if known is None or (known.count is None and weapon.count is not None):
                    draft.weapons[weapon.type] = weapon
            if location is owner:
                if killed and draft.killed is None:
                    draft.killed, draft.killed_text = killed[0], self._phrase(n_start, killed)
                if injured and draft.injured is None:
                    draft.injured, draft.injured_text = injured[0], self._phrase(n_start, injured)
            touched = draft
        self.current = touched
        return touched

    def _draft_for(self, location: PlaceMention | None, own_date: bool, responds_to: _Draft | None) -> _Draft:
        group = [d for d in self.drafts if d.cue is self.cue]
        if responds_to is not None:
            for draft in group + self.drafts:
                if draft.responds_to is responds_to:
                    return draft
        elif not own_date or group:
            for draft in reversed(group):
                if draft.responds_to is None and self._compatible(draft.location, location):
                    if own_date and draft is not self.current:
                        continue
                    return draft
        draft = _Draft(self.cue, self.reported, responds_to=responds_to)
        self.drafts.append(draft)
        return draft

    # -- helpers ---------------------------------------------------------------------------

    def _below_country(self, locations: list[PlaceMention]) -> list[PlaceMention]:
        return [p for p in locations if p.place is None or self.vocabulary.places[p.place].kind != "country"]

    @staticmethod
    def _figure_owner(targets: list, positions: list[int]):
        """The target a casualty figure belongs to: the last one named before the figure."""
        if len(targets) == 1 or not positions:
            return targets[0]
        before = [t for t in targets if t is not None and t.start < min(positions)]
        return before[-1] if before else targets[0]

    def _phrase(self, n_start: int, figure: tuple[int, int, int]) -> str:
        a, b = self.m.norm.span(n_start + figure[1], n_start + figure[2])
        return self.m.norm.original[a:b]

    def _answered(self, start: int, end: int) -> _Draft | None:
        """What a response with no incident of its own in the sentence answers.

        The latest incident whose actors the responders fought (the responder was its target,
        or the response's target was its attacker); else the latest incident.
        """
        actors = self._participants([a for a in self.m.actors if start <= a.start < end], start, end)
        responders = {a.actor for a in actors if a.role == "attacker"}
        targets = {a.actor for a in actors if a.role == "target"}
        for draft in reversed(self.drafts):
            if draft.responds_to is not None:
                continue
            if any(draft.actors.get(r) and draft.actors[r].role == "target" for r in responders) or any(
                draft.actors.get(t) and draft.actors[t].role == "attacker" for t in targets
            ):
                return draft
        return self.current

    def _locations(self, places: list[PlaceMention], own_date: bool) -> list[PlaceMention]:
        chosen = [p for p in places if p.use == LOCATION] or [p for p in places if p.use == REFERENCE]
        if self._below_country(chosen):
            chosen = self._below_country(chosen)
        elif not own_date:
            return []
        ids = {p.place for p in chosen if p.place is not None}
        leaves, seen = [], set()
        for p in chosen:
            key = p.place or ("unresolved", p.name)
            contains_other = p.place is not None and any(
                other != p.place and self._contains(p.place, other) for other in ids
            )
            if not contains_other and key not in seen:
                seen.add(key)
                leaves.append(p)
        return self._with_unresolved(leaves)

    def _with_unresolved(self, leaves: list[PlaceMention]) -> list[PlaceMention]:
        """Places the gazetteer lacks, named with others in one part, are inside them.

        ``بشارع الجزائر في منطقة المعادي``, ``قرية الصمدانية في ريف القنيطرة``: one place, the
        finest unresolved one, unless a village or site of the gazetteer is named (it wins).
        """
        unresolved = [p for p in leaves if p.place is None]
        if not unresolved:
            return leaves
        resolved = [p for p in leaves if p.place is not None]
        if any(self.vocabulary.places[p.place].kind in ("site", "village") for p in resolved):
            return resolved
        finest = min(_FINENESS.get(p.precision, 9) for p in unresolved)
        return [p for p in unresolved if _FINENESS.get(p.precision, 9) == finest]

    def _contains(self, outer: str | None, inner: str | None) -> bool:
        if outer is None or inner is None:
            return False  # an unresolved place has no hierarchy
        return any(place.id == outer for place in self.vocabulary.place_chain(inner)[1:])

    def _compatible(self, known: PlaceMention | None, new: PlaceMention | None) -> bool:
        if known is None or new is None:
            return True
        if known.place is None and new.place is None:
            # two places the gazetteer lacks: the same, or one finer than the other (شارع in منطقة)
            return known.name == new.name or known.precision != new.precision
        if known.place is None or new.place is None:
            return True  # a place the gazetteer lacks may lie inside the other: no hierarchy to say no
        if known.place == new.place:
            return True
        return self._contains(known.place, new.place) or self._contains(new.place, known.place)

    def _best_type(self, current: str | None, found: list[str]) -> str | None:
        ranked = [t for t in [current, *found] if t is not None]
        return min(ranked, key=lambda t: self.type_rank.get(t, 99), default=None)

    def _participants(self, actors: list[ActorMention], start: int, end: int) -> list[ActorMention]:
        """Actors that take part, leaving out those that only attribute the report."""
        n_start, n_end = self._norm_offsets(start, end)
        words = list(re.finditer(r"\w+", self.m.norm.text[n_start:n_end]))
        attribution_end = None
        for i, word in enumerate(words):
            if word.group().lstrip("وف") in _REPORT_VERBS or word.group() in _REPORT_VERBS:
                that = next((w for w in words[i + 1:] if w.group() in _THAT), None)
                if that is not None:
                    attribution_end = self._orig(n_start + that.start())
                break
        return [a for a in actors if attribution_end is None or a.start >= attribution_end]

    def _report_precedes(self, cue: DateCue, sentence_start: int) -> bool:
        """A report verb among the few words before the cue (``أفاد مصدر ... اليوم الأحد بأن``)."""
        n_start, n_cue = self._norm_offsets(sentence_start, cue.start)
        words = re.findall(r"\w+", self.m.norm.text[n_start:n_cue])[-7:]
        return any(w.lstrip("وف") in _REPORT_VERBS or w in _REPORT_VERBS for w in words)

    def _report_follows(self, cue: DateCue) -> bool:
        n_end = self._norm_offsets(cue.end, cue.end)[0]
        following = re.match(r"[\s،,]*(\w+)", self.m.norm.text[n_end:n_end + 30])
        return bool(following) and following.group(1).lstrip("وف") in _REPORT_VERBS

    def _norm_offsets(self, start: int, end: int) -> tuple[int, int]:
        return self.m.norm.to_normalized(start), self.m.norm.to_normalized(end)

    def _orig(self, normalized_offset: int) -> int:
        return self.m.norm.span(normalized_offset, normalized_offset)[0]

    # -- output ----------------------------------------------------------------------------

    def _merge_repeats(self, published: dt.date | None) -> None:
        """One event told twice (the lede, then the body) is one incident.

        A draft merges into an earlier one of the same dates (or none of its own), a compatible
        place (the same, or one inside the other) and a compatible type, when neither is a
        response; what it adds (a smaller place, actors, weapons, figures) is kept.
        """
        kept: list[_Draft] = []
        for draft in self.drafts:
            into = next((k for k in kept if self._same_event(k, draft, published)), None)
            if into is None:
                kept.append(draft)
                continue
            if into.cue is None and draft.cue is not None:
                into.cue, into.reported = draft.cue, draft.reported
            if draft.location is not None and (
                into.location is None or self._contains(into.location.place, draft.location.place)
            ):
                into.location = draft.location
            into.type = self._best_type(into.type, [draft.type] if draft.type else [])
            for key, role in draft.actors.items():
                into.actors.setdefault(key, role)
            for key, weapon in draft.weapons.items():
                known = into.weapons.get(key)
                if known is None or (known.count is None and weapon.count is not None):
                    into.weapons[key] = weapon
            if into.killed is None:
                into.killed, into.killed_text = draft.killed, draft.killed_text
            if into.injured is None:
                into.injured, into.injured_text = draft.injured, draft.injured_text
            for other in self.drafts:
                if other.responds_to is draft:
                    other.responds_to = into
        self.drafts = kept

    def _same_event(self, a: _Draft, b: _Draft, published: dt.date | None) -> bool:
        if a.responds_to is not None or b.responds_to is not None:
            return False
        if any(d.responds_to in (a, b) for d in self.drafts):
            return False
        if a.cue is not None and b.cue is not None and _dating(a, published) != _dating(b, published) \
                and not _one_night(a.cue, b.cue):
            return False
        if a.type and b.type and a.type != b.type:
            return False
        if a.location is None or b.location is None:
            return a.location is b.location or a.cue is None or b.cue is None
        return self._compatible(a.location, b.location)

    def finish(self, published: dt.date | None) -> Found:
        self._merge_repeats(published)
        ids: dict[int, str] = {}
        taken: set[str] = set()
        conflicts: dict[str, str] = {}
        for draft in self.drafts:
            date, _, _ = _dating(draft, published)
            base = "-".join(
                x for x in (date.isoformat() if date else "undated",
                            _slug(draft.location), draft.type or "incident") if x
            )
            incident_id, n = base, 2
            while incident_id in taken:
                incident_id, n = f"{base}-{n}", n + 1
            taken.add(incident_id)
            ids[id(draft)] = incident_id
            if draft.cue is not None and draft.cue.conflict:
                conflicts[incident_id] = f"{draft.cue.text}: {draft.cue.conflict}"
        incidents = []
        for draft in self.drafts:
            date, date_end, precision = _dating(draft, published)
            location = draft.location
            incidents.append(Incident(
                id=ids[id(draft)],
                type=draft.type,
                date=date,
                date_end=date_end,
                date_precision=precision,
                date_text=draft.cue.text if draft.cue else None,
                time_of_day=draft.cue.time_of_day if draft.cue else None,
                location=location.place if location else None,
                location_precision=location.precision if location else None,
                location_text=location.text if location else None,
                actors=tuple(draft.actors.values()),
                weapons=tuple(Weapon(w.type, w.count, w.count_text) for w in draft.weapons.values()),
                killed=draft.killed,
                killed_text=draft.killed_text,
                injured=draft.injured,
                injured_text=draft.injured_text,
                related=(Relation(ids[id(draft.responds_to)], "response_to"),) if draft.responds_to else (),
            ))
        return Found(incidents, conflicts)


# How fine an unresolved place is (منطقة X beside شارع Y is the coarser of the two).
_FINENESS = {"site": 0, "region": 1, "village": 2, "town": 3, "subdistrict": 4, "district": 5}


def _one_night(a: DateCue, b: DateCue) -> bool:
    """The night of one day and the dawn of the next (الليلة الماضية ... فجر الأحد) are one time."""
    if a.date is None or b.date is None or a.precision != "day" or b.precision != "day":
        return False
    first, second = (a, b) if a.date < b.date else (b, a)
    return (second.date - first.date).days == 1 and first.time_of_day in ("night", "evening") \
        and second.time_of_day == "dawn"


def _slug(location: PlaceMention | None) -> str | None:
    """The place part of an incident id: the gazetteer id, or an unresolved place's name."""
    if location is None:
        return None
    if location.place is not None:
        return location.place
    return "-".join(re.findall(r"\w+", location.name or "")) or None


def _dating(draft: _Draft, published: dt.date | None) -> tuple[dt.date | None, dt.date | None, str]:
    cue = draft.cue
    if cue is None:
        return None, None, "unresolved"  # never the publication day as a made-up date
    precision = cue.precision
    if draft.reported and precision == "day":
        precision = "on_or_before"
    return cue.date, cue.date_end, precision


def _casualties(patterns, text: str) -> tuple[int, int, int] | None:
    """The first figure the patterns read in ``text``: (number, start, end of its phrase)."""
    for pattern in patterns:
        for match in pattern.finditer(text):
            number = parse_count(match.group(1))
            if number is not None and number != VAGUE:
                return number, match.start(), match.end()
    return None
