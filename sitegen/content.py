"""Read and validate ``content/``: the articles and the vocabularies they point into.

Everything is read first and checked as a whole, and every problem of every file is
returned at once as diagnostics with file and line. Parsing is pure
(:func:`parse_article` takes a path and its text); only :func:`load_content` and
:func:`read_text` touch the disk.

Layout::

    content/articles/*.md    one article per file: YAML front matter, then Markdown
    content/gazetteer.yaml   places:          [{id, name, kind, parent, ...}]
    content/actors.yaml      actors:          [{id, name, ...}]
    content/lexicon.yaml     incident_types:, weapons:, outlets:  [{id, name, ...}]
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from operator import attrgetter
from pathlib import Path
from typing import Callable

from sitegen import inputwalk, model, schema, yamlio
from sitegen.errors import WARNING, Diagnostic, processing
from sitegen.plausibility import likely_wrong

FRONT_MATTER_FENCE = "---"

VOCABULARY_FILES = {
    # file name: {top-level key: (table, entry schema)}
    "gazetteer.yaml": {"places": ("places", schema.PLACE)},
    "actors.yaml": {"actors": ("actors", schema.ACTOR)},
    "lexicon.yaml": {
        "incident_types": ("incident_types", schema.INCIDENT_TYPE),
        "weapons": ("weapons", schema.TERM),
        "outlets": ("outlets", schema.TERM),
    },
}


class ParsedArticle:
    """An article checked on its own; references are resolved later, against the vocabularies.

    ``path`` may be given as a string: the ``Path`` is made when it is asked for (on 100,000
    articles, making one per article costs more than taking them from the parse cache).
    ``reference_keys``: each reference as ``table + "\0" + id`` (what the check against the
    vocabularies needs). An article from the cache (:meth:`cached`) has no YAML tree and no
    places of its references: the file is parsed again if a message needs them."""

    __slots__ = ("_path", "_located", "article", "diagnostics", "_references", "reference_keys")

    def __init__(self, path: Path | str, located: yamlio.Located | None, article: model.Article | None,
                 diagnostics: list[Diagnostic] | None = None, references: list[schema.Reference] | None = None):
        self._path = path
        self._located = located
        self.article = article
        self.diagnostics = [] if diagnostics is None else diagnostics
        self._references = [] if references is None else references
        self.reference_keys = tuple(reference_key(r.table, r.value) for r in self._references)

    @classmethod
    def cached(cls, path: str, article: model.Article | None, diagnostics: tuple, reference_keys: tuple
               ) -> ParsedArticle:
        item = cls.__new__(cls)
        item._path, item._located, item._references = path, _ON_DEMAND, _ON_DEMAND
        item.article, item.diagnostics, item.reference_keys = article, diagnostics, reference_keys
        return item

    @property
    def path(self) -> Path:
        if isinstance(self._path, str):
            self._path = Path(self._path)
        return self._path

    @property
    def located(self) -> yamlio.Located | _NoLines | None:
        if self._located is _ON_DEMAND:
            self._parse_again()
        return self._located

    @property
    def references(self) -> list[schema.Reference]:
        if self._references is _ON_DEMAND:
            self._parse_again()
        return self._references

    def _parse_again(self) -> None:
        again = _parse_file(self.path)
        self._located = again._located if again._located is not None else _NoLines()
        self._references = again._references


_ON_DEMAND = object()  # a cached article's YAML tree and references: parsed again when asked for


class _NoLines:
    """The YAML tree of a file that no longer parses: no line is known."""

    def line(self, where) -> None:
        return None


def reference_key(table: str, value: str) -> str:
    """A reference as the vocabulary check looks it up (interned: a cache holds each once)."""
    return sys.intern(f"{table}\0{value}")


def read_bytes(path: Path) -> tuple[bytes | None, Diagnostic | None]:
    try:
        return path.read_bytes(), None
    except OSError as exc:
        return None, Diagnostic(path, None, f"cannot read the file: {exc.strerror}")


def read_text(path: Path) -> tuple[str | None, Diagnostic | None]:
    """A file's text as UTF-8, or a diagnostic naming the line of the first bad byte."""
    raw, problem = read_bytes(path)
    return (None, problem) if problem else decode(path, raw)


def decode(path: Path, raw: bytes) -> tuple[str | None, Diagnostic | None]:
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, Diagnostic(path, line, f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                                hint="save it as UTF-8 in your editor, or convert it with `iconv -f CP1256 -t UTF-8`")


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """Split ``---`` front matter from the body: (yaml, body, line where the body starts)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != FRONT_MATTER_FENCE:
        return None
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() == FRONT_MATTER_FENCE:  # at column 0 only: an indented '---' is YAML text
            return "".join(lines[1:number]), "".join(lines[number + 1:]), number + 2
    return None


def parse_article(path: Path, text: str) -> ParsedArticle:
    """Check one article file on its own (no vocabulary needed)."""
    parts = split_front_matter(text)
    if parts is None:
        opened = text.lstrip("\ufeff").split("\n", 1)[0].rstrip() == FRONT_MATTER_FENCE
        message = "the front matter is never closed" if opened else "no front matter found"
        hint = ("add a line '---' after the last YAML field, before the article text" if opened else
                "start the file with a line '---', the YAML fields, another '---', then the article text")
        return ParsedArticle(path, None, None, [Diagnostic(path, 1, message, hint=hint)])
    front, body, _ = parts
    try:
        located = yamlio.load(front, first_line=2)
    except yamlio.YamlProblem as problem:
        return ParsedArticle(path, None, None, [Diagnostic(
            path, problem.line, f"malformed YAML front matter: {problem.message}",
            hint=problem.hint or "check indentation and quote values that contain ':' or start with a special character")])
    values, problems, references = schema.check(schema.ARTICLE, located.data or {})
    diagnostics = [_diagnostic(path, located, p) for p in problems]
    diagnostics += _duplicate_incident_ids(path, located, values)
    diagnostics += _date_order(path, located, values)
    diagnostics += _nesting(path, body, parts[2])
    article = None
    if not diagnostics:
        article = _article(values, body, path)
        diagnostics += likely_wrong(path, located, article)
    return ParsedArticle(path, located, article, diagnostics, references)


def _diagnostic(path: Path, located: yamlio.Located, problem: schema.Problem, severity: str = "error") -> Diagnostic:
    return Diagnostic(path, located.line(problem.path), problem.message,
                      field=_field_name(problem.path), hint=problem.hint, severity=severity)


def _field_name(path: tuple) -> str | None:
    if not path:
        return None
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _duplicate_incident_ids(path: Path, located: yamlio.Located, values: dict) -> list[Diagnostic]:
    seen: dict[str, int] = {}
    found = []
    for i, incident in enumerate(values.get("incidents", [])):
        incident_id = incident.get("id")
        if incident_id in seen:
            found.append(Diagnostic(path, located.line(("incidents", i, "id")),
                                    f"incident id {incident_id!r} is used twice in this article",
                                    field=f"incidents[{i}].id",
                                    hint=f"the first is incidents[{seen[incident_id]}]; give each incident its own id"))
        else:
            seen[incident_id] = i
    return found


MAX_BODY_NESTING = 32  # lists and quotes inside one another in a body; news needs 3 or 4
_NESTING_MARKS = re.compile(r"(?:[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)|>))+")


def _nesting(path: Path, body: str, first_line: int) -> list[Diagnostic]:
    """Refuse Markdown nested so deep that rendering it takes minutes and gigabytes."""
    for number, line in enumerate(body.splitlines(), start=first_line):
        indent = len(line) - len(line.lstrip(" \t"))
        marks = _NESTING_MARKS.match(line)
        if not marks:
            continue  # indentation alone (a paragraph, code) nests nothing
        depth = line[:indent].count("\t") + (indent - line[:indent].count("\t")) // 2
        depth += len(re.findall(r"[-*+>]|\d[.)]", marks.group(0)))
        if depth > MAX_BODY_NESTING:
            return [Diagnostic(path, number, f"the text is nested {depth} levels deep (lists or quotes inside one "
                               f"another); at most {MAX_BODY_NESTING}",
                               hint="flatten the lists, or indent code with fewer spaces")]
    return []


def _date_order(path: Path, located: yamlio.Located, values: dict) -> list[Diagnostic]:
    found = []
    for i, incident in enumerate(values.get("incidents", [])):
        start, end = incident.get("date"), incident.get("date_end")
        if start and end and end < start:
            found.append(Diagnostic(path, located.line(("incidents", i, "date_end")),
                                    f"date_end {end} is before date {start}", field=f"incidents[{i}].date_end",
                                    hint="swap them, or correct one of them"))
    return found


def _article(values: dict, body: str, path: Path) -> model.Article:
    incidents = tuple(_incident(item) for item in values.pop("incidents", []))
    values["cited_outlets"] = tuple(_shared(outlet) for outlet in values.get("cited_outlets", ()))
    values["speakers"] = tuple(model.Speaker(**_sharing(item, ("role", "actor", "date")))
                               for item in values.get("speakers", ()))
    values = _sharing(values, ("published", "published_basis", "outlet", "author", "category", "review"))
    return model.Article(**values, body=body.strip("\n"), incidents=incidents, source_path=str(path))


def _weapons(items: list[dict]) -> tuple[model.Weapon, ...]:
    return tuple(model.Weapon(**_sharing(item, ("type",))) for item in items)


def _incident(values: dict) -> model.Incident:
    values = _sharing(values, ("type", "date", "date_end", "date_precision", "time_of_day", "location",
                               "location_precision"))
    values["actors"] = tuple(model.ActorRole(**_sharing(a, ("actor", "role", "origin"))) for a in values.get("actors", ()))
    values["weapons"] = _weapons(values.get("weapons", ()))
    values["related"] = tuple(model.Relation(**_sharing(r, ("relation",))) for r in values.get("related", ()))
    if "response" in values:
        response = values["response"]
        values["response"] = model.Response(actor=_shared(response.get("actor")),
                                            weapons=_weapons(response.get("weapons", ())))
    return model.Incident(**values)


# Values that many articles repeat (dates, ids of places and actors, review states) are shared:
# one object each, so that the parse cache holds and loads each once (pickle keeps identity).
_DATES: dict = {}


def _shared(value):
    if type(value) is str:
        return sys.intern(value)
    if type(value) is dt.date:
        return _DATES.setdefault(value, value)
    return value


def shared_date(value: dt.date) -> dt.date:
    """The one object of this date (the parse cache reads each date once, for every article)."""
    return _DATES.setdefault(value, value)


def _sharing(values: dict, keys: tuple[str, ...]) -> dict:
    """A copy of ``values`` with the values of ``keys`` shared (:func:`_shared`)."""
    values = dict(values)
    for key in keys:
        if key in values:
            values[key] = _shared(values[key])
    return values


# --- vocabularies -------------------------------------------------------------------------


def parse_vocabulary_file(path: Path, text: str) -> tuple[dict[str, list[dict]], list[Diagnostic], dict]:
    """Entries per table of one vocabulary file, its diagnostics, and (table, id) -> line."""
    sections = VOCABULARY_FILES[path.name]
    try:
        located = yamlio.load(text)
    except yamlio.YamlProblem as problem:
        return {}, [Diagnostic(path, problem.line, f"malformed YAML: {problem.message}", hint=problem.hint)], {}
    data = located.data or {}
    diagnostics: list[Diagnostic] = []
    tables: dict[str, list[dict]] = {}
    lines: dict = {}
    if not isinstance(data, dict):
        return {}, [Diagnostic(path, located.line(()), "expected a mapping with " + ", ".join(sections))], {}
    for key in data:
        if key not in sections:
            diagnostics.append(Diagnostic(path, located.line((key,)), f"unknown section {key!r}",
                                          hint="known sections: " + ", ".join(sections)))
    for key, (table, entry_schema) in sections.items():
        entries = data.get(key) or []
        if not isinstance(entries, list):
            diagnostics.append(Diagnostic(path, located.line((key,)), f"{key} must be a list of entries"))
            continue
        good = []
        for i, entry in enumerate(entries):
            values, problems, _ = schema.check(entry_schema, entry, (key, i))
            diagnostics += [_diagnostic(path, located, p) for p in problems]
            if not problems:
                good.append(values)
                lines[(table, values["id"])] = located.line((key, i))
        tables[table] = good
    return tables, diagnostics, lines


def _check_vocabulary(tables: dict[str, list[dict]], lines: dict, paths: dict[str, Path]) -> list[Diagnostic]:
    diagnostics = []
    for table, entries in tables.items():
        seen: set[str] = set()
        folded: dict[str, str] = {}
        for entry in entries:
            where = paths[table], lines.get((table, entry["id"]))
            if entry["id"] in seen:
                diagnostics.append(Diagnostic(*where, f"{table} id {entry['id']!r} is defined twice",
                                              field="id", hint="ids must be unique; merge the two entries"))
            elif folded.setdefault(entry["id"].casefold(), entry["id"]) != entry["id"]:
                diagnostics.append(Diagnostic(*where, f"{table} id {entry['id']!r} differs from "
                                              f"{folded[entry['id'].casefold()]!r} only by case", field="id",
                                              hint="their pages would be one file on many disks; rename one"))
            seen.add(entry["id"])
        for entry in entries:
            parent = entry.get("parent")
            if parent and parent not in seen:
                diagnostics.append(Diagnostic(paths[table], lines.get((table, entry["id"])),
                                              f"unknown parent {parent!r}", field="parent",
                                              hint=f"add {parent!r} to {table}, or fix the id"))
            lat, lon = entry.get("lat"), entry.get("lon")
            if (lat is None) != (lon is None) or (lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)):
                diagnostics.append(Diagnostic(paths[table], lines.get((table, entry["id"])),
                                              "coordinates need both lat (-90..90) and lon (-180..180)", field="lat"))
        parents = {e["id"]: e.get("parent") for e in entries}
        for start in parents:
            node, steps = start, 0
            while node and steps <= len(parents):
                node, steps = parents.get(node), steps + 1
            if node:
                diagnostics.append(Diagnostic(paths[table], lines.get((table, start)),
                                              f"{start!r} is its own ancestor (a parent cycle)", field="parent"))
    return diagnostics


def _vocabulary(tables: dict[str, list[dict]]) -> model.Vocabulary:
    def variants(entry: dict) -> dict:
        return {**entry, "variants": tuple(entry.get("variants", ()))}

    return model.Vocabulary(
        places={e["id"]: model.Place(**variants(e)) for e in tables.get("places", [])},
        actors={e["id"]: model.Actor(**variants(e)) for e in tables.get("actors", [])},
        incident_types={e["id"]: model.Term(**variants(e)) for e in tables.get("incident_types", [])},
        weapons={e["id"]: model.Term(**variants(e)) for e in tables.get("weapons", [])},
        outlets={e["id"]: model.Term(**variants(e)) for e in tables.get("outlets", [])},
    )


# --- the whole content folder -------------------------------------------------------------


def load_vocabulary(content_dir: Path, parse_file: Callable[[Path, str], tuple] | None = None
                    ) -> tuple[model.Vocabulary, list[Diagnostic]]:
    """Read and check the vocabulary files; a missing file is an empty vocabulary.
    ``parse_file(path, text)``: ``parse_vocabulary_file`` or a cache of its results."""
    diagnostics: list[Diagnostic] = []
    tables: dict[str, list[dict]] = {}
    lines: dict = {}
    table_paths: dict[str, Path] = {}
    for name, sections in VOCABULARY_FILES.items():
        path = content_dir / name
        for table, _ in sections.values():
            table_paths[table] = path
            tables.setdefault(table, [])
        if not path.exists():
            continue
        problem = outside_link(path, content_dir.resolve())
        if problem is None and not path.is_file():
            problem = Diagnostic(path, None, "not a regular file", hint="replace it with a file")
        if problem is None:
            text, problem = read_text(path)
        if problem:
            diagnostics.append(problem)
            continue
        with processing(path):
            file_tables, file_diagnostics, file_lines = (parse_file or parse_vocabulary_file)(path, text)
        tables.update(file_tables)
        lines.update(file_lines)
        diagnostics += file_diagnostics
    diagnostics += _check_vocabulary(tables, lines, table_paths)
    return _vocabulary(tables), diagnostics


def read_paths(content_dir: Path) -> list[Path]:
    """Every file and folder :func:`load_content` reads: the vocabulary files and ``articles/``
    (the build's inputs from the content folder; others, such as `sitegen extract`'s records
    in ``.extracted/``, are not read by a build)."""
    return [content_dir / name for name in VOCABULARY_FILES] + [content_dir / "articles"]


def load_content(content_dir: Path, parse_files: Callable[[list[str]], list[ParsedArticle]] | None = None,
                 parse_vocabulary: Callable[[Path, str], tuple] | None = None, listings: dict | None = None
                 ) -> tuple[model.Content | None, list[Diagnostic]]:
    """Read and check everything under ``content_dir``; content is None when there are errors.

    ``parse_files(paths)`` parses articles (their paths as strings), each on its own,
    ``parse_vocabulary(path, text)`` one vocabulary file (default: parse them; the build
    passes a cache, ``sitegen.parsecache``). ``listings``: folders' entries by path, as
    ``buildstate.fingerprint_inputs`` listed them (``articles/`` is not listed again)."""
    if not content_dir.is_dir():
        return None, [Diagnostic(content_dir, None, "the content folder does not exist",
                                 hint="run from a project folder, or pass --content DIR")]
    vocabulary, diagnostics = load_vocabulary(content_dir, parse_vocabulary)

    paths, found = find_articles(content_dir, (listings or {}).get(str(content_dir / "articles")))
    diagnostics += found
    parsed = parse_files(paths) if parse_files else [_parse_file(path) for path in paths]
    known = {reference_key(table, key) for table in _TABLE_FILES for key in getattr(vocabulary, table)}
    for item in parsed:  # (a tight loop: it runs once per article)
        if item.diagnostics:
            diagnostics += item.diagnostics
        if item.reference_keys and not known.issuperset(item.reference_keys):
            diagnostics += _unresolved_references(item, vocabulary, known)
    articles = [item for item in parsed if item.article is not None]
    ids = [item.article.id for item in articles]
    incidents = [incident for item in articles for incident in item.article.incidents]
    distinct = set(ids)
    if len(distinct) != len(ids):
        diagnostics += _duplicate_article_ids(articles)
    if _folding_joins(distinct) or _folding_joins({incident.id for incident in incidents}):
        diagnostics += _ids_differing_in_case(articles)
    if not {relation.incident for incident in incidents for relation in incident.related} <= {
            incident.id for incident in incidents}:
        diagnostics += _dangling_relations(articles)
    if not parsed:
        diagnostics.append(Diagnostic(content_dir / "articles", None, "no articles found", severity=WARNING,
                                      hint="add Markdown files with front matter to content/articles/"))
    if any(d.is_error for d in diagnostics):
        return None, diagnostics
    # by (published, id): by id, then by date keeping that order (two sorts on plain keys are faster than one on pairs)
    ordered = tuple(sorted(sorted((item.article for item in articles), key=attrgetter("id")),
                           key=attrgetter("published")))
    return model.Content(articles=ordered, vocabulary=vocabulary), diagnostics


def _folding_joins(distinct: set[str]) -> bool:
    """Whether two of the ``distinct`` ids have the same case fold (one casefold of them all:
    a fold maps each character on its own, and ids hold no NUL)."""
    joined = "\0".join(distinct)
    folded = joined.casefold()
    return folded != joined and len(set(folded.split("\0"))) != len(distinct)


def find_articles(content_dir: Path, listing: list | None = None) -> tuple[list[str], list[Diagnostic]]:
    """The article files (their paths, as strings), and a word on every file of ``articles/``
    that is not read. ``listing``: the folder's entries when they were just listed
    (``inputwalk.walk``, as the build's hash of its inputs did), else it is listed here.

    Only regular ``*.md`` files are articles. A symbolic link is followed only if it stays
    inside the content folder (a link out of it is an error: it would publish any file);
    folder links, FIFOs, devices and other names are skipped, each reported once.
    """
    folder = content_dir / "articles"
    if not folder.is_dir():
        return [], []
    if listing is None:
        listing = inputwalk.walk(str(folder))
    found: list[str] = []
    diagnostics: list[Diagnostic] = []
    root = None
    for _, entry, kind in listing:
        name = entry.name
        if kind == inputwalk.FILE and name.endswith(".md") and not name.startswith("."):
            found.append(entry.path)  # (the common case first: a plain article file)
            continue
        path = Path(entry.path)
        if kind == inputwalk.FOLDER_LINK:
            diagnostics.append(_skipped(path, "a link to a folder is not followed",
                                        "move the folder into content/articles/ instead"))
        elif name.startswith("."):
            continue  # editors' and systems' own files
        elif not name.endswith(".md"):
            diagnostics.append(_skipped(path, "not an article file (articles end in .md, lower case)",
                                        "rename it to end in .md if it is an article"))
        else:
            problem = None
            if kind == inputwalk.LINK:
                root = root or content_dir.resolve()
                problem = outside_link(path, root)
            if problem:
                diagnostics.append(problem)
            elif not _is_file(entry):
                diagnostics.append(_skipped(path, "not a regular file (a FIFO, a device or a broken link)",
                                            "replace it with a file"))
            else:
                found.append(entry.path)
    return found, diagnostics


def _skipped(path: Path, why: str, hint: str) -> Diagnostic:
    return Diagnostic(path, None, f"skipped: {why}", hint=hint, severity=WARNING)


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


def outside_link(path: Path, root: Path) -> Diagnostic | None:
    """An error when ``path`` is a symbolic link that leads out of the content folder."""
    if not path.is_symlink():
        return None
    target = path.resolve()
    if target == root or root in target.parents:
        return None
    return Diagnostic(path, None, f"a link to {target}, outside the content folder: refused",
                      hint="copy the file into content/ if it is meant to be published")


def _parse_file(path: Path | str) -> ParsedArticle:
    path = Path(path)
    with processing(path):
        raw, problem = read_bytes(path)
        return ParsedArticle(path, None, None, [problem]) if problem else parse_raw(path, raw)


def parse_raw(path: Path, raw: bytes) -> ParsedArticle:
    """Check one article file on its own, from its bytes."""
    text, problem = decode(path, raw)
    return ParsedArticle(path, None, None, [problem]) if problem else parse_article(path, text)


_TABLE_FILES = {"places": "gazetteer.yaml", "actors": "actors.yaml", "incident_types": "lexicon.yaml",
                "weapons": "lexicon.yaml", "outlets": "lexicon.yaml"}


def _unresolved_references(item: ParsedArticle, vocabulary: model.Vocabulary, known: set[str]) -> list[Diagnostic]:
    found = []
    for ref in item.references:
        if ref.value not in getattr(vocabulary, ref.table):
            found.append(Diagnostic(item.path, item.located.line(ref.path), f"unknown {ref.table} id {ref.value!r}",
                                    field=_field_name(ref.path),
                                    hint=f"add it to content/{_TABLE_FILES[ref.table]} or correct the id"))
    if not found:  # a cached article whose file changed since it was hashed: what the cache knew
        for key in item.reference_keys:
            if key not in known:
                table, value = key.split("\0", 1)
                found.append(Diagnostic(item.path, None, f"unknown {table} id {value!r}",
                                        hint=f"add it to content/{_TABLE_FILES[table]} or correct the id"))
    return found


def _duplicate_article_ids(items: list[ParsedArticle]) -> list[Diagnostic]:
    first: dict[str, ParsedArticle] = {}
    found = []
    for item in items:
        article_id = item.article.id
        if article_id in first:
            found.append(Diagnostic(item.path, item.located.line(("id",)), f"article id {article_id!r} is already used",
                                    field="id", hint=f"also used by {first[article_id].path}; ids must be unique"))
        else:
            first[article_id] = item
    return found


def _ids_differing_in_case(items: list[ParsedArticle]) -> list[Diagnostic]:
    """Ids that differ only by case name one file on most disks (macOS, Windows): refuse them."""
    found = []
    first: dict[tuple[str, str], str] = {}
    for item in items:
        keyed = [("article", item.article.id, ("id",))]
        keyed += [("incident", incident.id, ("incidents", i, "id")) for i, incident in enumerate(item.article.incidents)]
        for kind, value, path in keyed:
            other = first.setdefault((kind, value.casefold()), value)
            if other != value:
                found.append(Diagnostic(item.path, item.located.line(path),
                                        f"{kind} id {value!r} differs from {other!r} only by case",
                                        field=_field_name(path),
                                        hint="their pages would be one file on many disks; use the same id or "
                                             "really different ones"))
    return found


def _dangling_relations(items: list[ParsedArticle]) -> list[Diagnostic]:
    known = {incident.id for item in items for incident in item.article.incidents}
    found = []
    for item in items:
        for i, incident in enumerate(item.article.incidents):
            for j, relation in enumerate(incident.related):
                if relation.incident not in known:
                    path = ("incidents", i, "related", j, "incident")
                    found.append(Diagnostic(item.path, item.located.line(path),
                                            f"related incident {relation.incident!r} is not defined in any article",
                                            field=_field_name(path), hint="correct the id, or remove the link"))
    return found

