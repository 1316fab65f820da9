"""Article files in the content format: YAML front matter between ``---`` lines, then Markdown.

Written to be read and edited by a person: keys in the schema's order (keys a person added
stay, after them), Arabic as written, dates as ``YYYY-MM-DD``, through ``sitegen.yamlio``
(the one module that speaks YAML). :func:`split` reads a file back into its front matter and
body; the merge compares values in :func:`plain` form, so a date read back as text equals
the date the extractor proposed.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path

from sitegen import yamlio
from sitegen.content import split_front_matter

ARTICLE_KEYS = (
    "id", "title", "published", "published_basis", "lede", "outlet", "url", "author", "category",
    "cited_outlets", "speakers", "review", "incidents",
)
_DATE_KEYS = {"published", "date", "date_end"}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def ordered(front: dict) -> dict:
    known = {k: front[k] for k in ARTICLE_KEYS if k in front}
    return {**known, **{k: v for k, v in front.items() if k not in known}}


def render(front: dict | str, body: str) -> str:
    """The article file: front matter (a mapping, or its YAML already written) and body."""
    yaml_text = front if isinstance(front, str) else dump_data(ordered(front))
    return f"---\n{yaml_text}---\n\n{body.strip()}\n"


def dump_data(data: dict) -> str:
    return yamlio.dump(_dated(data))


def _dated(value, key=None):
    """A fresh copy where dates are date objects, each its own (YAML writes no &id anchors)."""
    if isinstance(value, dict):
        return {k: _dated(v, k) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_dated(v) for v in value]
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if key in _DATE_KEYS and isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # an impossible date a person wrote stays as written, for the build to report
    return value


def split(text: str) -> tuple[dict, str]:
    """Front matter and body of an article file; raises ValueError when it has no front matter."""
    if not text.startswith("---"):
        raise ValueError("no front matter: the file must start with a '---' line")
    parts = split_front_matter(text)  # the build's own rule: the closing '---' is at column 0
    if parts is None:
        raise ValueError("the front matter has no closing '---' line")
    front = load_data(parts[0])
    return front, parts[1].lstrip("\n")


def load_data(text: str) -> dict:
    """A YAML mapping (dates stay text); raises ValueError when it is not one."""
    try:
        data = yamlio.load(text).data or {}
    except yamlio.YamlProblem as problem:
        raise ValueError(f"not valid YAML (line {problem.line}): {problem.message}") from None
    if not isinstance(data, dict):
        raise ValueError("not a YAML mapping")
    return data


def plain(value):
    """A value in comparable form: dates as ISO strings, tuples as lists, recursively."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(tmp, 0o644)  # mkstemp creates files readable by their owner only
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
