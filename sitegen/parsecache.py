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
import struct
from collections import deque
from itertools import compress, repeat
from operator import eq, gt, itemgetter, not_
from pathlib import Path
from typing import Callable

import sitegen
from sitegen import collector, content
from sitegen.content import ParsedArticle
from sitegen.errors import processing
from sitegen.model import Article

CACHE_FILE = "sitegen-parsed-articles.pickle"
DELTA_FILE = "sitegen-parsed-articles-delta.pickle"
FORMAT = "sitegen-parsed-articles/7"  # (5 kept plain articles as rows, 6 their fields as dicts)
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
        before. Its loops run in C (``map``, ``compress``): Python looks only at the files
        the cache does not have as they are now."""
        hashes, base, delta = self.hashes, self.base, self.delta
        entries = list(map(base.get, names, repeat(_NO_ENTRY)))
        from_delta = list(compress(range(len(names)), map(delta.__contains__, names))) if delta else []
        in_delta = bytearray(len(names))
        for number in from_delta:
            entries[number] = delta[names[number]]
            in_delta[number] = 1
        if not set(map(type, entries)) <= {tuple} or not set(map(len, entries)) <= {5}:  # another shape
            self.problem = f"{self.previous_dir / CACHE_FILE} is unreadable"
            entries = [entry if type(entry) is tuple and len(entry) == 5 else _NO_ENTRY for entry in entries]
        shas, articles, diagnostics, references, fingerprints = (list(column) for column in zip(*entries)) if entries \
            else ([], [], [], [], [])
        same = list(map(eq, shas, map(_HASH_OF, map(hashes.get, names, repeat(_NO_HASH)))))
        found = list(map(ParsedArticle.cached, names, articles, diagnostics, references))
        for number in compress(range(len(names)), map(not_, same)):
            found[number] = self._parse(names[number])
        self.used_delta += (names[number] for number in from_delta if same[number])
        self.used_base += compress(names, map(gt, same, in_delta))  # (the same, and not from the delta)
        kept = zip(compress(articles, same), compress(fingerprints, same))
        self.fingerprints += kept if None not in fingerprints else (pair for pair in kept if pair[1] is not None)
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
# A pickled header (FORMAT, sitegen's version, the length of the bodies, the length of the
# columns), the plain articles in columns in Python's ``marshal`` format, the other entries
# pickled, then every article's body in UTF-8, one after the other. Most articles are plain
# (no incident, no speaker, no diagnostic: strings, a date, tuples of strings): ``marshal``
# reads their columns back faster than ``pickle`` reads the same articles as objects, and
# :func:`_articles_of_columns` makes the articles in loops that run in C. An
# article keeps no body but ``_body_at`` = (the bodies of its file, start, end): read back, it
# takes its body from the file when the body is first asked for (``model.Article.body``), so
# a rebuild decodes only the bodies it shows or indexes.


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
            raise ValueError(f"{path}: bodies of {header[2]!r} bytes, columns of {header[3]!r}")
        bodies = _Bodies(handle, size - header[2]) if header[2] else None
        start = handle.tell()
        columns = _NO_COLUMNS
        if header[3]:  # (decoded where they are in the mapped file, not read into a copy)
            if bodies is None:
                raise ValueError(f"{path}: articles without bodies")
            with memoryview(bodies.mapped) as whole, whole[start:start + header[3]] as part:
                columns = marshal.loads(part)
            handle.seek(start + header[3])
        if type(columns) is not tuple or len(columns) != _COLUMNS:
            raise ValueError(f"{path}: not the columns of articles")
        _reading = bodies
        try:
            entries = pickle.load(handle)
        finally:
            _reading = None
        if not isinstance(entries, dict):
            raise ValueError(f"{path}: not a dict")
        entries.update(_articles_of_columns(columns, bodies))
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
    rows_data = marshal.dumps(_columns(rows)) if rows else b""  # (none: nothing, not empty columns)
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


# The plain articles, in columns: their keys, SHA-256s (one after the other), digests, reference
# keys, the start and the end of their bodies, their publication days (day numbers), then one
# column for each of these fields; an article's ``source_path`` is its key, and it has no
# speaker, no incident and no diagnostic.
_ROW_FIELDS = ("id", "title", "lede", "published_basis", "outlet", "url", "author", "category",
               "cited_outlets", "speakers", "review", "incidents")
_SET_ORDER = ("id", "title", "published", *_ROW_FIELDS[2:], "source_path")  # (the dataclass's order)
_PLAIN_KEYS = frozenset(_SET_ORDER)
_COLUMNS = 7 + len(_ROW_FIELDS)
_NONE = type(None)
_SHA = struct.Struct("32s")
_NO_COLUMNS = ([], b"", *([[]] * (_COLUMNS - 2)))
_NO_ENTRY = (None, None, (), (), None)  # (what parse_all takes for a file the cache does not have)
_NO_HASH = bytes(64)  # (a file not hashed: no sha equals its zeros)
_HASH_OF = itemgetter(slice(32, None))


def _row(key, entry, body_at: Callable[[dict], tuple]) -> tuple | None:
    """A plain article's entry as a row (its body added to the file's bodies), else None."""
    if type(key) is not str or type(entry) is not tuple or len(entry) != 5:
        return None
    sha, article, diagnostics, references, fingerprint = entry
    if (type(article) is not Article or diagnostics != () or type(sha) is not bytes or len(sha) != _SHA.size
            or type(references) is not tuple or type(fingerprint) not in (bytes, _NONE)):
        return None
    held = article.__dict__
    if (held.keys() - {"body", "_body_at"} != _PLAIN_KEYS or held["speakers"] != () or held["incidents"] != ()
            or type(held["published"]) is not dt.date or held["source_path"] != key):
        return None
    values = tuple(held[name] for name in _ROW_FIELDS)
    if not all(type(value) in (str, _NONE) for value in values if type(value) is not tuple) or not all(
            type(item) is str for value in values if type(value) is tuple for item in value):
        return None
    if not all(type(reference) is str for reference in references):
        return None
    return (key, sha, fingerprint, references, *body_at(held), held["published"].toordinal(), *values)


def _columns(rows: list[tuple]) -> tuple:
    """The rows of plain articles (at least one) as columns (what the file keeps: ``marshal`` reads them fast)."""
    columns = [list(column) for column in zip(*rows)]
    columns[1] = b"".join(columns[1])
    return tuple(columns)


def _articles_of_columns(columns: tuple, bodies: _Bodies | None) -> dict[str, tuple]:
    """The entries of the plain articles: ``key -> (sha, article, (), reference keys, digest)``.
    Every loop runs in C (``map``, ``zip``): it makes 100,000 articles. Each field is set as
    the dataclass sets it (``object.__setattr__``, in its order), so the articles keep their
    values as compactly as constructed ones, and reading a field of every article stays fast."""
    keys, shas, digests, references, starts, ends, days, *values = columns
    count = len(keys)
    if not (all(type(column) is list and len(column) == count for column in columns if type(column) is not bytes)
            and type(shas) is bytes and len(shas) == count * _SHA.size):
        raise ValueError("columns of different lengths")
    if count and bodies is None:
        raise ValueError("articles without bodies")
    articles = list(map(object.__new__, repeat(Article, count)))
    fields = dict(zip(_ROW_FIELDS, values))
    dates = {day: content.shared_date(dt.date.fromordinal(day)) for day in set(days)}
    fields["published"] = list(map(dates.__getitem__, days))
    fields["source_path"] = keys
    set_field = object.__setattr__
    for name in _SET_ORDER:
        deque(map(set_field, articles, repeat(name), fields[name]), 0)
    deque(map(set_field, articles, repeat("_body_at"), zip(repeat(bodies), starts, ends)), 0)
    shas = list(map(itemgetter(0), _SHA.iter_unpack(shas)))
    return dict(zip(keys, zip(shas, articles, repeat(()), references, digests)))


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
