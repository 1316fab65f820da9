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

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from sitegen import model, schema, yamlio
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


@dataclass
class ParsedArticle:
    """An article checked on its own; references are resolved later, against the vocabularies."""

    path: Path
    located: yamlio.Located | None
    article: model.Article | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    references: list[schema.Reference] = field(default_factory=list)


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
    values["cited_outlets"] = tuple(values.get("cited_outlets", ()))
    values["speakers"] = tuple(model.Speaker(**item) for item in values.get("speakers", ()))
    return model.Article(**values, body=body.strip("\n"), incidents=incidents, source_path=str(path))


def _weapons(items: list[dict]) -> tuple[model.Weapon, ...]:
    return tuple(model.Weapon(**item) for item in items)


def _incident(values: dict) -> model.Incident:
    values = dict(values)
    values["actors"] = tuple(model.ActorRole(**a) for a in values.get("actors", ()))
    values["weapons"] = _weapons(values.get("weapons", ()))
    values["related"] = tuple(model.Relation(**r) for r in values.get("related", ()))
    if "response" in values:
        response = values["response"]
        values["response"] = model.Response(actor=response.get("actor"), weapons=_weapons(response.get("weapons", ())))
    return model.Incident(**values)


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


def load_content(content_dir: Path, parse_file: Callable[[Path], ParsedArticle] | None = None,
                 parse_vocabulary: Callable[[Path, str], tuple] | None = None
                 ) -> tuple[model.Content | None, list[Diagnostic]]:
    """Read and check everything under ``content_dir``; content is None when there are errors.

    ``parse_file(path)`` parses one article on its own, ``parse_vocabulary(path, text)`` one
    vocabulary file (default: parse them; the build passes a cache, ``sitegen.parsecache``)."""
    if not content_dir.is_dir():
        return None, [Diagnostic(content_dir, None, "the content folder does not exist",
                                 hint="run from a project folder, or pass --content DIR")]
    vocabulary, diagnostics = load_vocabulary(content_dir, parse_vocabulary)

    paths, found = find_articles(content_dir)
    diagnostics += found
    parsed = [(parse_file or _parse_file)(path) for path in paths]
    for item in parsed:
        diagnostics += item.diagnostics
        diagnostics += _unresolved_references(item, vocabulary)
    articles = [item for item in parsed if item.article is not None]
    diagnostics += _duplicate_article_ids(articles)
    diagnostics += _ids_differing_in_case(articles)
    diagnostics += _dangling_relations(articles)
    if not parsed:
        diagnostics.append(Diagnostic(content_dir / "articles", None, "no articles found", severity=WARNING,
                                      hint="add Markdown files with front matter to content/articles/"))
    if any(d.is_error for d in diagnostics):
        return None, diagnostics
    ordered = tuple(sorted((item.article for item in articles), key=lambda a: (a.published, a.id)))
    return model.Content(articles=ordered, vocabulary=vocabulary), diagnostics


def find_articles(content_dir: Path) -> tuple[list[Path], list[Diagnostic]]:
    """The article files, and a word on every file of ``articles/`` that is not read.

    Only regular ``*.md`` files are articles. A symbolic link is followed only if it stays
    inside the content folder (a link out of it is an error: it would publish any file);
    folder links, FIFOs, devices and other names are skipped, each reported once.
    """
    folder = content_dir / "articles"
    if not folder.is_dir():
        return [], []
    root = content_dir.resolve()
    found, diagnostics = [], []

    _walk_articles(str(folder), root, found, diagnostics)
    return found, diagnostics


def _skipped(path: Path, why: str, hint: str) -> Diagnostic:
    return Diagnostic(path, None, f"skipped: {why}", hint=hint, severity=WARNING)


def _walk_articles(directory: str, root: Path, found: list[Path], diagnostics: list[Diagnostic]) -> None:
    """os.walk's order, from scandir's entries (no stat per file); a plain function, not a
    closure calling itself: that would be a reference cycle per call (``sitegen.collector``)."""
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return  # (os.walk skips an unreadable folder too)
    folders = [entry for entry in entries if _is_dir(entry)]
    for entry in folders:
        if entry.is_symlink():
            diagnostics.append(_skipped(Path(entry.path), "a link to a folder is not followed",
                                        "move the folder into content/articles/ instead"))
    for entry in entries:
        name = entry.name
        if name.startswith(".") or _is_dir(entry):
            continue  # editors' and systems' own files; folders are walked below
        path = Path(entry.path)
        if not name.endswith(".md"):
            diagnostics.append(_skipped(path, "not an article file (articles end in .md, lower case)",
                                        "rename it to end in .md if it is an article"))
            continue
        problem = outside_link(path, root) if entry.is_symlink() else None
        if problem:
            diagnostics.append(problem)
        elif not _is_file(entry):
            diagnostics.append(_skipped(path, "not a regular file (a FIFO, a device or a broken link)",
                                        "replace it with a file"))
        else:
            found.append(path)
    for entry in folders:
        if not entry.is_symlink():
            _walk_articles(entry.path, root, found, diagnostics)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


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


def _parse_file(path: Path) -> ParsedArticle:
    with processing(path):
        raw, problem = read_bytes(path)
        return ParsedArticle(path, None, None, [problem]) if problem else parse_raw(path, raw)


def parse_raw(path: Path, raw: bytes) -> ParsedArticle:
    """Check one article file on its own, from its bytes."""
    text, problem = decode(path, raw)
    return ParsedArticle(path, None, None, [problem]) if problem else parse_article(path, text)


_TABLE_FILES = {"places": "gazetteer.yaml", "actors": "actors.yaml", "incident_types": "lexicon.yaml",
                "weapons": "lexicon.yaml", "outlets": "lexicon.yaml"}


def _unresolved_references(item: ParsedArticle, vocabulary: model.Vocabulary) -> list[Diagnostic]:
    found = []
    for ref in item.references:
        known: dict[str, Any] = getattr(vocabulary, ref.table)
        if ref.value not in known:
            found.append(Diagnostic(item.path, item.located.line(ref.path), f"unknown {ref.table} id {ref.value!r}",
                                    field=_field_name(ref.path),
                                    hint=f"add it to content/{_TABLE_FILES[ref.table]} or correct the id"))
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

