"""Raw articles to extract from: text files in the seed's form, and JSON lines like the corpus.

- ``*.txt`` (and any other non-JSONL file): line 1 the title, line 2 the lede, then the body.
  Such a file states no publication date (the CLI's ``--published`` supplies one).
- ``*.jsonl`` / ``*.jsonl.gz``: one JSON object a line with ``title``, ``text``, ``time``
  (ISO 8601 or DD/MM/YYYY), ``url``, ``src`` or ``source``, ``abstract``, ``author``,
  ``cat``, and ``docno`` or ``id`` for the article id.

Ids come from the file stem or the docno, made safe (letters, digits and hyphens). A bad
input (not UTF-8, not JSON, empty title or text) becomes a :class:`Diagnostic` naming the
file and line, and the other articles are still read.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sitegen.errors import Diagnostic
from sitegen.schema import ID_MAX_BYTES, URL_PATTERN


@dataclass(frozen=True)
class RawArticle:
    id: str
    title: str
    body: str  # Markdown: paragraphs separated by blank lines
    source: str  # file, or file:line for a JSON line
    lede: str | None = None
    published: dt.date | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    category: str | None = None
    warnings: tuple[Diagnostic, ...] = ()  # values of the input left out (a url that is not http...)


def safe_id(name: str) -> str:
    """``name`` reduced to letters (Arabic included), digits and single hyphens, at most 200 bytes."""
    cleaned = re.sub(r"[^\w]+|_+", "-", name).strip("-")
    cleaned = re.sub(r"-{2,}", "-", cleaned)[:120]
    while len(cleaned.encode("utf-8")) > ID_MAX_BYTES:
        cleaned = cleaned[:-1]
    return cleaned.rstrip("-")


def parse_time(value: str | None) -> dt.date | None:
    """The date of an ISO 8601 timestamp or a DD/MM/YYYY date; None if it is neither."""
    if not value:
        return None
    value = value.strip()
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value)
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def read(path: Path) -> Iterator[RawArticle | Diagnostic]:
    """The articles of one input file, or a diagnostic for each one that cannot be read."""
    path = Path(path)
    name = path.name.lower()
    if name.endswith(".jsonl") or name.endswith(".jsonl.gz"):
        yield from _read_jsonl(path)
    else:
        yield _read_text(path)


def _read_text(path: Path) -> RawArticle | Diagnostic:
    try:
        data = path.read_bytes()
    except OSError as error:
        return Diagnostic(path, None, f"cannot read the file: {error.strerror}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        return Diagnostic(path, line, "not UTF-8 text", hint="save the file as UTF-8")
    lines = text.splitlines()
    title = lines[0].strip() if lines else ""
    if not title:
        return Diagnostic(path, 1, "empty title", hint="line 1 is the title, line 2 the lede, then the body")
    body = _paragraphs(lines[2:])
    if not body:
        return Diagnostic(path, 3, "empty text", hint="the body starts on line 3")
    lede = lines[1].strip() if len(lines) > 1 else None
    return RawArticle(safe_id(path.name.split(".")[0]), title, body, str(path), lede=lede or None)


def _read_jsonl(path: Path) -> Iterator[RawArticle | Diagnostic]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as stream:
            for number, raw in enumerate(stream, 1):
                if raw.strip():
                    yield _record(path, number, raw)
    except (OSError, EOFError) as error:
        yield Diagnostic(path, None, f"cannot read the file: {error}")


_TEXT_FIELDS = ("title", "text", "abstract", "author", "time", "published", "url", "src", "source", "cat",
                "category", "docno", "id")


def _record(path: Path, number: int, raw: bytes) -> RawArticle | Diagnostic:
    try:
        record = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return Diagnostic(path, number, "not UTF-8 text", hint="save the file as UTF-8")
    except json.JSONDecodeError as error:
        return Diagnostic(path, number, f"not a JSON object: {error.msg}")
    except RecursionError:
        return Diagnostic(path, number, "not a JSON object: nested too deeply")
    if not isinstance(record, dict):
        return Diagnostic(path, number, "not a JSON object")
    for key in _TEXT_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str) and not (key in ("docno", "id") and _is_int(value)):
            kind = {list: "a list", dict: "an object", bool: "true/false", int: "a number", float: "a number"}.get(
                type(value), type(value).__name__)
            return Diagnostic(path, number, f"{key} must be text, found {kind}; record skipped", field=key,
                              hint="write it as a JSON string, in quotes")
    stem = path.name.split(".")[0]
    name = str(record.get("docno") or record.get("id") or f"{stem}-{number}")
    article_id = safe_id(name) or safe_id(f"{stem}-{number}")
    if not article_id:
        return Diagnostic(path, number, f"record {name!r}: no usable id (docno and file name hold no letter or "
                          "digit)", field="docno", hint="give the record a docno made of letters and digits")
    title = (record.get("title") or "").strip()
    text = record.get("text") or ""
    if not title:
        return Diagnostic(path, number, f"record {name}: empty title", field="title",
                          hint="give the record a title, or remove the line")
    body = _paragraphs(text.splitlines())
    if not body:
        return Diagnostic(path, number, f"record {name}: empty text", field="text",
                          hint="give the record its text, or remove the line")
    url, warnings = (record.get("url") or "").strip() or None, []
    if url and not URL_PATTERN.match(url):
        warnings.append(Diagnostic(path, number, f"record {name}: url {url[:60]!r} is not a web address "
                                   "(http or https); left out", field="url", severity="warning"))
        url = None
    return RawArticle(
        id=article_id,
        title=title,
        body=body,
        source=f"{path}:{number}",
        lede=(record.get("abstract") or "").strip() or None,
        published=parse_time(record.get("time") or record.get("published")),
        url=url,
        outlet=(record.get("src") or record.get("source") or "").strip() or None,
        author=(record.get("author") or "").strip() or None,
        category=(record.get("cat") or record.get("category") or "").strip() or None,
        warnings=tuple(warnings),
    )


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _paragraphs(lines: list[str]) -> str:
    return "\n\n".join(line.strip() for line in lines if line.strip())
