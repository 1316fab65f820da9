"""Parsed articles kept between builds, keyed by file path and content hash.

Parsing an article (YAML front matter with line numbers, schema checks) is a pure function
of its path and its bytes (``content.parse_article``), and the slowest part of reading the
content. The build keeps what it parsed in the index folder (``CACHE_FILE`` and a small
``DELTA_FILE`` of what changed since), swapped in with the state, and a rebuild takes an
article from it when the file's hash (``buildstate.fingerprint_inputs``) is the same. The
cache is never trusted across sitegen versions, and anything unreadable in it is ignored
(everything is parsed). A cached article does not keep its YAML tree: the rare message that
needs a line number parses the file again (:class:`_LinesOnDemand`).

What is kept is the article, its diagnostics, its vocabulary references and its content
digest (``pagedeps.Fingerprints.of``, which pages and index documents are compared by),
never the verdict on them: references are checked against the current vocabularies on
every build. The digest is a function of the article alone (its repr), so an unchanged file
is never digested again (:attr:`ParseCache.fingerprints` seeds the build's digests).
Vocabulary files are kept the same way (their tables, diagnostics and line numbers, by
path and text), and checked together on every build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable

import sitegen
from sitegen import collector, content
from sitegen.content import ParsedArticle
from sitegen.errors import processing

CACHE_FILE = "sitegen-parsed-articles.pickle"
DELTA_FILE = "sitegen-parsed-articles-delta.pickle"
FORMAT = "sitegen-parsed-articles/2"


class _LinesOnDemand:
    """Stands for a cached article's YAML tree: parses the file again when a line is asked for."""

    def __init__(self, path: Path):
        self.path = path

    def line(self, where) -> int | None:
        located = content._parse_file(self.path).located
        return located.line(where) if located is not None else None


class ParseCache:
    def __init__(self, previous_dir: Path | None, hashes: dict[str, list]):
        """``previous_dir``: the previous build's index folder (None: start empty); ``hashes``:
        each input file's stat and hash by path (``buildstate.fingerprint_inputs``)."""
        self.previous_dir = previous_dir
        self.hashes = hashes
        self.problem = ""  # why a previous cache could not be used ("" when it could, or there was none)
        self.base = self._read(CACHE_FILE) if previous_dir else {}
        self.delta = self._read(DELTA_FILE) if previous_dir and self.base else {}
        self.used: set[tuple[str, str]] = set()
        self.new: dict[tuple[str, str], tuple] = {}
        self.hits = 0
        self.fingerprints: list[tuple[object, bytes]] = []  # (cached article, its digest) of every hit
        self._articles_parsed: list[tuple[str, str]] = []  # keys of the articles parsed by this build

    def _read(self, name: str) -> dict:
        path = self.previous_dir / name
        try:
            with open(path, "rb") as handle, collector.paused():  # (unpickling makes no garbage: 20% faster)
                header = pickle.load(handle)
                if header != (FORMAT, sitegen.__version__):
                    self.problem = f"{path} was written by another sitegen version"
                    return {}
                entries = pickle.load(handle)
            if isinstance(entries, dict):
                return entries
        except FileNotFoundError:
            if name != DELTA_FILE:
                self.problem = f"{path} is missing"
            return {}
        except Exception:  # truncated, another Python's pickle: parse everything
            pass
        self.problem = f"{path} is unreadable"
        return {}

    def parse(self, path: Path) -> ParsedArticle:
        """The article at ``path`` parsed, from the cache when its hash was seen before."""
        name = str(path)
        known = self.hashes.get(name)
        key = (name, known[4]) if known else None
        entry = (self.delta.get(key) or self.base.get(key)) if key else None
        if entry is not None and not (type(entry) is tuple and len(entry) == 4):
            self.problem, entry = f"{self.previous_dir / CACHE_FILE} is unreadable", None  # another shape
        if entry is not None:
            self.used.add(key)
            self.hits += 1
            article, diagnostics, references, fingerprint = entry
            if article is not None and fingerprint is not None:
                self.fingerprints.append((article, fingerprint))
            return ParsedArticle(path, _LinesOnDemand(path), article, list(diagnostics), list(references))
        with processing(path):
            raw, problem = content.read_bytes(path)
            if problem:
                return ParsedArticle(path, None, None, [problem])
            parsed = content.parse_raw(path, raw)
        key = (name, hashlib.sha256(raw).hexdigest())
        self.new[key] = (parsed.article, tuple(parsed.diagnostics), tuple(parsed.references), None)
        self._articles_parsed.append(key)
        return parsed

    def vocabulary(self, path: Path, text: str) -> tuple:
        """``content.parse_vocabulary_file(path, text)``, from the cache when this text was seen before."""
        key = ("vocabulary:" + str(path), hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
        entry = self.delta.get(key) or self.base.get(key)
        if entry is None:
            result = content.parse_vocabulary_file(path, text)
            self.new[key] = pickle.loads(pickle.dumps(result))  # a copy: the build may change what it got
            return result
        self.used.add(key)
        self.hits += 1
        return pickle.loads(pickle.dumps(entry))

    def save(self, index_dir: Path, fingerprint: Callable[[object], bytes]) -> None:
        """Write the cache of this build's articles into the (staged) ``index_dir``: the previous
        base linked and a small delta when most of it is still used, else a new base.
        ``fingerprint(article)``: the digest of a newly parsed article (the build's, memoized)."""
        delta = {key: self.delta[key] for key in self.used if key in self.delta}
        delta.update(self.new)
        for key in self._articles_parsed:  # digested here, once: the next builds take it from the cache
            article, diagnostics, references, _ = self.new[key]
            if article is not None:
                delta[key] = (article, diagnostics, references, fingerprint(article))
        stale = len(self.base) - sum(1 for key in self.used if key in self.base)  # entries no file has now
        if self.base and len(delta) <= max(200, len(self.base) // 10) and stale <= max(200, len(self.base) // 10):
            try:
                os.link(self.previous_dir / CACHE_FILE, index_dir / CACHE_FILE)
                self._write(index_dir / DELTA_FILE, delta)
                return
            except OSError:
                pass
        base = {key: self.base[key] for key in self.used if key in self.base}
        base.update(delta)
        self._write(index_dir / CACHE_FILE, base)
        self._write(index_dir / DELTA_FILE, {})

    @staticmethod
    def _write(path: Path, entries: dict) -> None:
        with open(path, "wb") as handle:
            pickle.dump((FORMAT, sitegen.__version__), handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(entries, handle, protocol=pickle.HIGHEST_PROTOCOL)
