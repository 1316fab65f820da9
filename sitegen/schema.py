"""The content schema: every field of an article, an incident and a vocabulary entry.

Declared once, as data. :func:`check` walks a record against it and returns the converted
values with one :class:`Problem` per bad field; ``content.py`` turns problems into
diagnostics with the file and line. The README's field tables are generated from the same
declarations (``python -m sitegen.schema``), and a test keeps them in step.

Keys the schema does not know are errors: a misspelt ``dat:`` must not vanish silently.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from sitegen import model

# Ids become file names and URLs: letters (Arabic too), digits, hyphens, underscores, dots
# inside; no slash, no leading dot, nothing that could climb out of the output folder.
ID_PATTERN = re.compile(r"^[^\W_](?:[\w.-]{0,118}[^\W_])?$")
ID_MAX_BYTES = 200  # a file name holds 255 bytes: the id, ".html", and room for staging names
# Names a page may not take: listing pages (``places/index.html``) and the device names
# Windows reserves whatever the extension (a copy of the site on such a disk would break).
RESERVED_IDS = {"index", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL_PATTERN = re.compile(r"^https?://[^\x00-\x20\x7f/?#][^\x00-\x20\x7f]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Problem:
    path: tuple
    message: str
    hint: str | None = None


@dataclass(frozen=True)
class Field:
    kind: str  # id, text, date, int, number, choice, ref, list, record
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    ref: str | None = None  # vocabulary table a "ref" points into
    item: "Field | Schema | None" = None  # element of a list
    record: "Schema | None" = None  # nested mapping

    def type_name(self) -> str:
        if self.kind == "list":
            inner = self.item.name if isinstance(self.item, Schema) else self.item.type_name()
            return f"list of {inner}"
        if self.kind == "record":
            return self.record.name
        if self.kind == "choice":
            return " \\| ".join(self.choices)
        if self.kind == "ref":
            return f"{self.ref} id"
        return {"id": "id", "text": "text", "url": "URL", "date": "YYYY-MM-DD", "int": "integer", "number": "number"}[self.kind]


@dataclass(frozen=True)
class Schema:
    name: str
    fields: dict[str, Field] = field(default_factory=dict)


@dataclass
class Reference:
    """A vocabulary id used somewhere, checked once all vocabularies are read."""

    table: str
    value: str
    path: tuple


def _text(doc: str, required: bool = False) -> Field:
    return Field("text", doc, required)


def _ref(table: str, doc: str, required: bool = False) -> Field:
    return Field("ref", doc, required, ref=table)


WEAPON = Schema(
    "weapon",
    {
        "type": _ref("weapons", "Weapon type, an id from `lexicon.yaml` `weapons`.", required=True),
        "count": Field("int", "How many were used, when the article says."),
        "count_text": _text("The phrase the count was read from (`عدة قذائف صاروخية`)."),
    },
)

ACTOR_ROLE = Schema(
    "actor",
    {
        "actor": _ref("actors", "An id from `actors.yaml`.", required=True),
        "role": Field("choice", "What the actor did in the incident.", choices=model.ACTOR_ROLES),
        "origin": _ref("places", "Where the actor acted from, a gazetteer id."),
        "text": _text("The phrase the actor was read from."),
    },
)

RELATION = Schema(
    "relation",
    {
        "incident": Field("id", "Id of the related incident.", required=True),
        "relation": Field("choice", "How this incident relates to it.", required=True, choices=model.RELATIONS),
    },
)

RESPONSE = Schema(
    "response",
    {
        "actor": _ref("actors", "Who responded, an id from `actors.yaml`."),
        "weapons": Field("list", "Weapons of the response.", item=WEAPON),
    },
)

SPEAKER = Schema(
    "speaker",
    {
        "name": _text("Name as written (`جين بساكي`).", required=True),
        "role": _text("Role as written (`المتحدثة باسم البيت الأبيض`)."),
        "actor": _ref("actors", "The body spoken for, an id from `actors.yaml`."),
        "date": Field("date", "When it was said, when the article says."),
        "text": _text("The phrase the speaker was read from."),
    },
)

INCIDENT = Schema(
    "incident",
    {
        "id": Field("id", "Stable id; articles reporting the same incident use the same id.", required=True),
        "type": _ref("incident_types", "Incident type, an id from `lexicon.yaml` `incident_types`."),
        "date": Field("date", "When it happened (the start of a range); empty when unresolved."),
        "date_end": Field("date", "Last day, for ranges and weeks."),
        "date_precision": Field("choice", "How exact `date` is (default `day`).", choices=model.DATE_PRECISIONS),
        "date_text": _text("The Arabic phrase the date was read from (`ليلة أمس الجمعة`)."),
        "date_conflict": _text("Set by extraction when two cues of the date disagree (`أمس` is not `السبت`); what was read."),
        "time_of_day": Field("choice", "Part of the day, when stated.", choices=model.TIMES_OF_DAY),
        "location": _ref("places", "Where it happened, a gazetteer id."),
        "location_precision": Field("choice", "How exact `location` is.", choices=model.LOCATION_PRECISIONS),
        "location_text": _text("The phrase the place was read from."),
        "actors": Field("list", "Who took part, with their roles.", item=ACTOR_ROLE),
        "weapons": Field("list", "Weapons used, with counts.", item=WEAPON),
        "killed": Field("int", "People killed, when reported."),
        "killed_text": _text("The phrase the figure was read from."),
        "injured": Field("int", "People injured, when reported."),
        "injured_text": _text("The phrase the figure was read from."),
        "related": Field("list", "Links to other incidents.", item=RELATION),
        "response": Field("record", "A response reported together with the incident.", record=RESPONSE),
        "summary": _text("One sentence on what happened."),
    },
)

ARTICLE = Schema(
    "article",
    {
        "id": Field("id", "Unique id; the page is `articles/<id>.html`.", required=True),
        "title": _text("Headline.", required=True),
        "published": Field("date", "Publication date.", required=True),
        "published_basis": Field(
            "choice", "`stated` by the source (default) or `inferred` from the text.", choices=model.PUBLISHED_BASES
        ),
        "lede": _text("Standfirst or first sentence."),
        "outlet": _text("Who published the article."),
        "url": Field("url", "The article's address at its source (http or https)."),
        "author": _text("Author, when known."),
        "category": _text("The source's section (politics, sport...)."),
        "cited_outlets": Field("list", "Outlets the article cites, as written.", item=_text("")),
        "speakers": Field("list", "Named people the article quotes.", item=SPEAKER),
        "review": Field("choice", "`pending` until a person has checked the metadata.", choices=model.REVIEW_STATES),
        "incidents": Field("list", "The incidents the article reports (may be empty).", item=INCIDENT),
    },
)

PLACE = Schema(
    "place",
    {
        "id": Field("id", "Unique id, an English slug (`deir-ez-zor-governorate`).", required=True),
        "name": _text("Arabic name.", required=True),
        "kind": Field("choice", "Level in the hierarchy.", required=True, choices=model.PLACE_KINDS),
        "name_en": _text("English name."),
        "parent": _ref("places", "The place that contains it (a site's district...)."),
        "variants": Field("list", "Other Arabic spellings.", item=_text("")),
        "lat": Field("number", "Latitude, WGS84 degrees."),
        "lon": Field("number", "Longitude, WGS84 degrees."),
        "source": _text("Where the facts come from (`geonames:170794`)."),
    },
)

ACTOR = Schema(
    "actor entry",
    {
        "id": Field("id", "Unique id, an English slug.", required=True),
        "name": _text("Arabic name.", required=True),
        "name_en": _text("English name."),
        "kind": _text("What the actor is (state force, militia, ...)."),
        "parent": _ref("actors", "The actor it belongs to."),
        "variants": Field("list", "Other Arabic spellings.", item=_text("")),
        "acled_inter": Field("choice", "ACLED actor type, for the CSV's `inter1`/`inter2` (else the parent's).",
                             choices=model.ACLED_ACTOR_TYPES),
    },
)

TERM = Schema(
    "term",
    {
        "id": Field("id", "Unique id.", required=True),
        "name": _text("Arabic name.", required=True),
        "name_en": _text("English name."),
        "variants": Field("list", "Other Arabic spellings.", item=_text("")),
    },
)

INCIDENT_TYPE = Schema(
    "incident type",
    {
        **TERM.fields,
        "acled_event_type": Field("choice", "ACLED event type, for the CSV's `event_type`.",
                                  choices=model.ACLED_EVENT_TYPES),
        "acled_sub_event_type": _text("ACLED sub-event type, for the CSV's `sub_event_type` (`Armed clash`)."),
    },
)


def check(schema: Schema, data: Any, path: tuple = ()) -> tuple[dict, list[Problem], list[Reference]]:
    """Check one mapping against ``schema``; return converted values, problems, references."""
    problems: list[Problem] = []
    references: list[Reference] = []
    if not isinstance(data, dict):
        problems.append(Problem(path, f"expected a mapping of {schema.name} fields, found {_kind(data)}",
                                "write `field: value` lines, indented under the item"))
        return {}, problems, references
    values: dict[str, Any] = {}
    for key in data:
        if key not in schema.fields:
            known = ", ".join(schema.fields)
            problems.append(Problem(path + (key,), f"unknown {schema.name} field {key!r}", f"known fields: {known}"))
    for name, spec in schema.fields.items():
        value = data.get(name)
        if value is None or value == "":
            if spec.required:
                problems.append(Problem(path + (name,), f"required {schema.name} field is missing",
                                        f"add `{name}:` ({spec.doc})"))
            continue
        if isinstance(value, str) and not value.strip() and spec.required:
            problems.append(Problem(path + (name,), f"required {schema.name} field is blank",
                                    f"a {schema.name} needs a {name}: write it"))
            continue
        converted = _convert(spec, value, path + (name,), problems, references)
        if converted is not None:
            values[name] = converted
    return values, problems, references


def _convert(spec: Field, value: Any, path: tuple, problems: list[Problem], references: list[Reference]) -> Any:
    converter: Callable = _CONVERTERS[spec.kind]
    try:
        return converter(spec, value, path, problems, references)
    except _Bad as bad:
        problems.append(Problem(path, bad.message, bad.hint))
        return None


class _Bad(Exception):
    def __init__(self, message: str, hint: str | None = None):
        self.message, self.hint = message, hint


def _kind(value: Any) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


def _as_id(spec, value, path, problems, references):
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise _Bad(f"expected an id, found {_kind(value)}", "write the id on one line, like `al-mayadin`")
    text = str(value)
    if not ID_PATTERN.match(text):
        shown = text if len(text) <= 60 else text[:60] + "…"
        raise _Bad(f"invalid id {shown!r}",
                   "use letters, digits and hyphens (no '/', no leading dot, at most 120 characters)")
    if len(text.encode("utf-8")) > ID_MAX_BYTES:
        raise _Bad(f"id too long: {len(text.encode('utf-8'))} bytes in UTF-8, at most {ID_MAX_BYTES}",
                   "it names a file; shorten it (an Arabic letter takes 2 bytes)")
    if text.split(".")[0].casefold() in RESERVED_IDS:
        raise _Bad(f"the id {text!r} is reserved: it would overwrite a listing page or is a name Windows "
                   "forbids for files", "choose another id, for example add a word to it")
    return text


def _as_text(spec, value, path, problems, references):
    if isinstance(value, bool) or isinstance(value, (dict, list)):
        raise _Bad(f"expected text, found {_kind(value)}", "quote the value if it is meant as text")
    return str(value).strip()


def _as_url(spec, value, path, problems, references):
    text = _as_text(spec, value, path, problems, references)
    if not URL_PATTERN.match(text):
        raise _Bad(f"expected a web address, found {text!r}", "write the full address, starting with https://")
    return text


def _as_date(spec, value, path, problems, references):
    text = str(value).strip()
    if not DATE_PATTERN.match(text):
        raise _Bad(f"expected a date as YYYY-MM-DD, found {text!r}", "write it like 2022-01-08")
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise _Bad(f"impossible date {text!r}: {exc}", "check the day and the month") from None


def _as_int(spec, value, path, problems, references):
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"expected a whole number, found {_kind(value)} {value!r}",
                   "write digits (3), or leave the field empty when the article gives no number")
    if value < 0:
        raise _Bad(f"expected a number of at least 0, found {value}", "counts cannot be negative")
    return value


def _as_number(spec, value, path, problems, references):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _Bad(f"expected a number, found {_kind(value)} {value!r}", "write a decimal number like 35.33")
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        raise _Bad("expected a number, found one too large to be a coordinate", "write a decimal number like 35.33")
    return number


def _as_choice(spec, value, path, problems, references):
    if value not in spec.choices:
        raise _Bad(f"unknown value {value!r}", "one of: " + ", ".join(spec.choices))
    return value


def _as_ref(spec, value, path, problems, references):
    text = _as_id(spec, value, path, problems, references)
    references.append(Reference(spec.ref, text, path))
    return text


def _as_list(spec, value, path, problems, references):
    if not isinstance(value, list):
        raise _Bad(f"expected a list, found {_kind(value)}", "write one item per line, each starting with '- '")
    items = []
    for i, item in enumerate(value):
        if isinstance(spec.item, Schema):
            converted, sub_problems, sub_refs = check(spec.item, item, path + (i,))
            problems.extend(sub_problems)
            references.extend(sub_refs)
            if not sub_problems:
                items.append(converted)
        else:
            converted = _convert(spec.item, item, path + (i,), problems, references)
            if converted is not None:
                items.append(converted)
    return items


def _as_record(spec, value, path, problems, references):
    converted, sub_problems, sub_refs = check(spec.record, value, path)
    problems.extend(sub_problems)
    references.extend(sub_refs)
    return converted if not sub_problems else None


_CONVERTERS = {
    "id": _as_id,
    "text": _as_text,
    "url": _as_url,
    "date": _as_date,
    "int": _as_int,
    "number": _as_number,
    "choice": _as_choice,
    "ref": _as_ref,
    "list": _as_list,
    "record": _as_record,
}


def markdown_table(schema: Schema) -> str:
    """The schema as a Markdown table for the README."""
    rows = ["| field | type | required | meaning |", "|---|---|---|---|"]
    for name, spec in schema.fields.items():
        rows.append(f"| `{name}` | {spec.type_name()} | {'yes' if spec.required else ''} | {spec.doc} |")
    return "\n".join(rows)


def documented_schemas() -> list[Schema]:
    return [ARTICLE, INCIDENT, ACTOR_ROLE, WEAPON, RELATION, RESPONSE, SPEAKER, PLACE, ACTOR, TERM, INCIDENT_TYPE]


if __name__ == "__main__":  # python -m sitegen.schema > schema tables
    for item in documented_schemas():
        print(f"#### {item.name}\n\n{markdown_table(item)}\n")
