"""Parsed articles kept between builds, keyed by file path and content hash.

Parsing an article (YAML front matter with line numbers, schema checks) is a pure function
of its path and its bytes (``content.parse_article``), and the slowest part of reading the
content. The build keeps what it parsed in the index folder (``CACHE_FILE`` and a small
``DELTA_FILE`` of what changed since), swapped in with the state, and a rebuild takes an
article from it when the file's hash (``buildstate.fingerprint_inputs``) is the same. The
cache is never trusted across sitegen versions, and anything unreadable in it is ignored
(everything is parsed). A cached article keeps neither its YAML tree nor its references'
places in it, only the references themselves (``ParsedArticle.reference_keys``): the rare
message that needs a line number parses the file again (``ParsedArticle.cached``).

What is kept is the article, its diagnostics, its vocabulary references and its content
digest (``pagedeps.Fingerprints.of``, which pages and index documents are compared by),
never the verdict on them: references are checked against the current vocabularies on
every build. The digest is a function of the article alone (its repr), so an unchanged file
is never digested again (:attr:`ParseCache.fingerprints` seeds the build's digests).
Vocabulary files are kept the same way (their tables, diagnostics and line numbers, by
path and text), and checked together on every build.

The entries: an article's path -> ``(sha256 of its bytes, article, diagnostics, reference
keys, digest)``, and ``"vocabulary:" + path`` -> ``(sha256 of its text, parsed tables)``;
the articles' bodies are read from the file only when asked for (see :func:`write`).
"""

from __future__ import annotations

import copyreg
import datetime as dt
import hashlib
import io
import marshal
import mmap
import os
import pickle
from operator import itemgetter
from pathlib import Path
from typing import Callable, Iterator

import sitegen
from sitegen import collector, content
from sitegen.buildstate import file_hash
from sitegen.content import ParsedArticle
from sitegen.errors import processing
from sitegen.model import Article

CACHE_FILE = "sitegen-parsed-articles.pickle"
DELTA_FILE = "sitegen-parsed-articles-delta.pickle"
FORMAT = "sitegen-parsed-articles/5"
VOCABULARY = "vocabulary:"  # the key of a vocabulary file's entry: this, then its path
FOLD_FROM = 200  # entries: a delta (or stale entries) past this many, and past a tenth of the base, make a new base


class ParseCache:
    def __init__(self, previous_dir: Path | None, hashes: dict[str, bytes]):
        """``previous_dir``: the previous build's index folder (None: start empty); ``hashes``:
        each input file's stat and hash by path (``buildstate.fingerprint_inputs``)."""
        self.previous_dir = previous_dir
        self.hashes = hashes
        self.problem = ""  # why a previous cache could not be used ("" when it could, or there was none)
        self.base = self._read(CACHE_FILE) if previous_dir else {}
        self.delta = self._read(DELTA_FILE) if previous_dir and self.base else {}
        self.used_base: list[str] = []  # the keys taken from the base, and from the delta
        self.used_delta: list[str] = []
        self.new: dict[str, tuple] = {}  # what this build parsed
        self.fingerprints: list[tuple[object, bytes]] = []  # (cached article, its digest) of every hit
        self._articles_parsed: list[str] = []  # keys of the articles parsed by this build

    @property
    def parsed_count(self) -> int:
        """How many articles this build parsed (not found in the cache): what changed, at most."""
        return len(self._articles_parsed)

    @property
    def fresh_ids(self) -> list[str]:
        """The ids of the articles this build parsed: every other article is the cache's, unchanged
        since the build that cached it (the previous one)."""
        return [entry[1].id for entry in map(self.new.__getitem__, self._articles_parsed) if entry[1] is not None]

    @property
    def hits(self) -> int:
        return len(self.used_base) + len(self.used_delta)

    def _read(self, name: str) -> dict:
        path = self.previous_dir / name
        try:
            return read(path)
        except FileNotFoundError:
            if name != DELTA_FILE:
                self.problem = f"{path} is missing"
            return {}
        except OtherVersion:
            self.problem = f"{path} was written by another sitegen version"
            return {}
        except Exception:  # truncated, another Python's pickle: parse everything
            self.problem = f"{path} is unreadable"
            return {}

    def parse_all(self, names: list[str]) -> list[ParsedArticle]:
        """The articles at ``names`` (paths) parsed, each from the cache when its hash was seen
        before (a tight loop: it runs once per article)."""
        hashes, base, delta = self.hashes, self.base, self.delta
        fingerprints, cached = self.fingerprints, ParsedArticle.cached
        used_base, used_delta = self.used_base, self.used_delta
        found = []
        for name in names:
            known = hashes.get(name)
            if known is not None:
                entry = delta.get(name) if delta else None
                used = used_base if entry is None else used_delta
                if entry is None:
                    entry = base.get(name)
                if entry is not None:
                    try:
                        sha, article, diagnostics, references, fingerprint = entry
                    except (TypeError, ValueError):  # another shape
                        self.problem = f"{self.previous_dir / CACHE_FILE} is unreadable"
                    else:
                        if sha == file_hash(known):
                            used.append(name)
                            if fingerprint is not None:
                                fingerprints.append((article, fingerprint))
                            found.append(cached(name, article, diagnostics, references))
                            continue
            found.append(self._parse(name))
        return found

    def _parse(self, name: str) -> ParsedArticle:
        path = Path(name)
        with processing(path):
            raw, problem = content.read_bytes(path)
            if problem:
                return ParsedArticle(path, None, None, [problem])
            parsed = content.parse_raw(path, raw)
        self.new[name] = (hashlib.sha256(raw).digest(), parsed.article, tuple(parsed.diagnostics),
                          parsed.reference_keys, None)
        self._articles_parsed.append(name)
        return parsed

    def vocabulary(self, path: Path, text: str) -> tuple:
        """``content.parse_vocabulary_file(path, text)``, from the cache when this text was seen before."""
        key = VOCABULARY + str(path)
        sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
        entry = self.delta.get(key) or self.base.get(key)
        if type(entry) is tuple and len(entry) == 2 and entry[0] == sha:
            (self.used_delta if key in self.delta else self.used_base).append(key)
            return pickle.loads(pickle.dumps(entry[1]))  # a copy: the build may change what it got
        result = content.parse_vocabulary_file(path, text)
        self.new[key] = (sha, pickle.loads(pickle.dumps(result)))
        return result

    def save(self, index_dir: Path, fingerprint: Callable[[object], bytes]) -> None:
        """Write the cache of this build's articles into the (staged) ``index_dir``: the previous
        base linked and a small delta when most of it is still used, else a new base.
        ``fingerprint(article)``: the digest of a newly parsed article (the build's, memoized)."""
        delta = {key: self.delta[key] for key in self.used_delta}
        delta.update(self.new)
        for key in self._articles_parsed:  # digested here, once: the next builds take it from the cache
            sha, article, diagnostics, references, _ = self.new[key]
            if article is not None:
                delta[key] = (sha, article, diagnostics, references, fingerprint(article))
        stale = len(self.base) - len(self.used_base)  # entries no file has now (or the delta replaces)
        most = max(FOLD_FROM, len(self.base) // 10)
        if self.base and len(delta) <= most and stale <= most:
            try:
                os.link(self.previous_dir / CACHE_FILE, index_dir / CACHE_FILE)
                self._write(index_dir / DELTA_FILE, delta)
                return
            except OSError:
                pass
        base = {key: self.base[key] for key in self.used_base}
        base.update(delta)
        self._write(index_dir / CACHE_FILE, base)
        self._write(index_dir / DELTA_FILE, {})

    @staticmethod
    def _write(path: Path, entries: dict) -> None:
        write(path, entries)


# --- the file ------------------------------------------------------------------------------
#
# A pickled header (FORMAT, sitegen's version, the length of the bodies, the length of the rows),
# the plain articles as rows in Python's ``marshal`` format, the other entries pickled, then
# every article's body in UTF-8, one after the other. Most articles are plain (no incident, no
# speaker, no diagnostic: strings, a date and a tuple of strings): each is one tuple of its
# fields (``_ROW_FIELDS``), which ``marshal`` reads back about twice as fast as ``pickle``
# reads the same articles as objects, and :func:`_articles_of_rows` makes the articles in one
# tight loop. An article keeps no body but ``_body_at`` = (the bodies of its file, start, end):
# read back, it takes its body from the file when the body is first asked for
# (``model.Article.body``), so a rebuild decodes only the bodies it shows or indexes.


class OtherVersion(Exception):
    """The file was written by another format or sitegen version."""


def read(path: Path) -> dict:
    """A cache file's entries; OtherVersion, OSError or any unpickling error when they cannot be used."""
    global _reading
    with open(path, "rb") as handle, collector.paused():  # (decoding makes no garbage: 20% faster)
        header = pickle.load(handle)
        if not (type(header) is tuple and len(header) == 4 and header[:2] == (FORMAT, sitegen.__version__)):
            raise OtherVersion(path)
        size = os.fstat(handle.fileno()).st_size
        if not (type(header[2]) is int and type(header[3]) is int and 0 <= header[2] and 0 <= header[3]
                and header[2] + header[3] <= size):
            raise ValueError(f"{path}: bodies of {header[2]!r} bytes, rows of {header[3]!r}")
        bodies = _Bodies(handle, size - header[2]) if header[2] else None
        rows = marshal.loads(handle.read(header[3]))
        _reading = bodies
        try:
            entries = pickle.load(handle)
        finally:
            _reading = None
        if not isinstance(entries, dict) or type(rows) is not list:
            raise ValueError(f"{path}: not a dict")
        if rows:
            if bodies is None:
                raise ValueError(f"{path}: articles without bodies")
            entries.update(_articles_of_rows(rows, bodies))
    return entries


def write(path: Path, entries: dict) -> None:
    """Write ``entries`` into a new cache file at ``path`` (never in place: it may be linked)."""
    bodies = bytearray()
    place = _NewBodies()

    def body_at(held: dict) -> tuple:
        if "body" in held:
            raw = held["body"].encode("utf-8", "surrogatepass")
        else:
            source, start, end = held["_body_at"]
            raw = source.raw(start, end)
        at = (len(bodies), len(bodies) + len(raw))
        bodies.extend(raw)
        return at

    def reduce_article(article: Article) -> tuple:
        held = article.__dict__
        state = {key: value for key, value in held.items() if key != "body"}
        state["_body_at"] = (place, *body_at(held))
        return copyreg.__newobj__, (Article,), state

    rows, others = [], {}
    for key, entry in entries.items():
        row = _row(key, entry, body_at)
        if row is None:
            others[key] = entry
        else:
            rows.append(row)
    rows_data = marshal.dumps(rows)
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, Article: reduce_article}
    with collector.paused():
        pickler.dump(others)
    if os.path.lexists(path):
        os.unlink(path)
    with open(path, "wb") as handle:
        pickle.dump((FORMAT, sitegen.__version__, len(bodies), len(rows_data)), handle,
                    protocol=pickle.HIGHEST_PROTOCOL)
        handle.write(rows_data)
        handle.write(buffer.getbuffer())
        handle.write(bodies)


# A plain article's row: (key, sha, digest, reference keys, body start, body end, published as
# a day number, then these fields); it has no speaker, no incident and no diagnostic.
_ROW_FIELDS = ("id", "title", "lede", "published_basis", "outlet", "url", "author", "category",
               "cited_outlets", "review", "source_path")
_PLAIN_KEYS = frozenset(_ROW_FIELDS) | {"published", "speakers", "incidents"}
_NONE = type(None)


def _row(key, entry, body_at: Callable[[dict], tuple]) -> tuple | None:
    """A plain article's entry as a row (its body added to the file's bodies), else None."""
    if type(key) is not str or type(entry) is not tuple or len(entry) != 5:
        return None
    sha, article, diagnostics, references, fingerprint = entry
    if (type(article) is not Article or diagnostics != () or type(sha) is not bytes
            or type(references) is not tuple or type(fingerprint) not in (bytes, _NONE)):
        return None
    held = article.__dict__
    if (held.keys() - {"body", "_body_at"} != _PLAIN_KEYS or held["speakers"] != () or held["incidents"] != ()
            or type(held["published"]) is not dt.date):
        return None
    values = tuple(held[name] for name in _ROW_FIELDS)
    if not all(type(value) in (str, _NONE) for value in values if type(value) is not tuple) or not all(
            type(item) is str for value in values if type(value) is tuple for item in value):
        return None
    if not all(type(reference) is str for reference in references):
        return None
    return (key, sha, fingerprint, references, *body_at(held), held["published"].toordinal(), *values)


def _articles_of_rows(rows: list, bodies: _Bodies) -> Iterator[tuple[str, tuple]]:
    """The entries of the rows: ``(key, (sha, article, (), reference keys, digest))`` (a tight
    loop: it runs once per article)."""
    days = {day: content.shared_date(dt.date.fromordinal(day)) for day in set(map(itemgetter(6), rows))}
    new, fields, plain = object.__new__, _ROW_FIELDS, ()
    for key, sha, fingerprint, references, start, end, day, *values in rows:
        article = new(Article)
        held = article.__dict__
        held.update(zip(fields, values))
        held["published"] = days[day]
        held["speakers"] = held["incidents"] = plain
        held["_body_at"] = (bodies, start, end)
        yield key, (sha, article, plain, references, fingerprint)


class _Bodies:
    """The bodies of one cache file, mapped in memory (the mapping outlives the file's name: the
    file may be replaced or deleted while articles still point into it)."""

    def __init__(self, handle, start: int):
        self.path = handle.name
        self.start = start
        self.mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)

    def raw(self, start: int, end: int) -> bytes:
        return self.mapped[self.start + start:self.start + end]

    def text(self, start: int, end: int) -> str:
        return self.raw(start, end).decode("utf-8", "surrogatepass")

    def __reduce__(self):  # (an article pickled elsewhere takes its body with it: model.Article.__getstate__)
        raise TypeError("the bodies of a parse cache file are not pickled")


class _NewBodies:
    """Stands for the bodies of the file being written: read back, the bodies of the file being read."""

    def __reduce__(self):
        return _bodies_being_read, ()


_reading: _Bodies | None = None  # the bodies of the file ``read`` is reading


def _bodies_being_read() -> _Bodies:
    if _reading is None:
        raise pickle.UnpicklingError("article bodies outside a parse cache file")
    return _reading
