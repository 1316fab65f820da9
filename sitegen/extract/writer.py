"""Article files in the content format: YAML front matter between ``---`` lines, then Markdown.

Written to be read and edited by a person: keys in the schema's order (keys a person added
stay, after them), Arabic as written (``allow_unicode``), no YAML anchors, dates as
``YYYY-MM-DD``, long lines not folded. :func:`split` reads a file back into its front matter
and body; the merge compares values in :func:`plain` form, so ``2022-01-07`` read back by
YAML as a date equals the date the extractor proposed.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import yaml

ARTICLE_KEYS = (
    "id", "title", "published", "published_basis", "lede", "outlet", "url", "author", "category",
    "cited_outlets", "speakers", "review", "incidents",
)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data):  # a date used twice is written twice, not as &id001
        return True


def _represent_date(dumper, value: dt.date):
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(dt.date, _represent_date)


def ordered(front: dict) -> dict:
    known = {k: front[k] for k in ARTICLE_KEYS if k in front}
    return {**known, **{k: v for k, v in front.items() if k not in known}}


def render(front: dict, body: str) -> str:
    text = yaml.dump(ordered(front), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{text}---\n\n{body.strip()}\n"


def dump_data(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def split(text: str) -> tuple[dict, str]:
    """Front matter and body of an article file; raises ValueError when it has no front matter."""
    if not text.startswith("---"):
        raise ValueError("no front matter: the file must start with a '---' line")
    end = text.find("\n---", 3)
    if end < 0:
        raise ValueError("the front matter has no closing '---' line")
    try:
        front = yaml.safe_load(text[3:end]) or {}
    except yaml.YAMLError as error:
        raise ValueError(f"the front matter is not valid YAML: {error}") from None
    if not isinstance(front, dict):
        raise ValueError("the front matter is not a mapping")
    body = text[end + 4:].lstrip("\n")
    return front, body


def load_data(text: str) -> dict:
    data = yaml.safe_load(text) or {}
    return data if isinstance(data, dict) else {}


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
