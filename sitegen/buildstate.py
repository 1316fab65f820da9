"""What the last build was made from: the state file of incremental builds.

The state is kept in the index folder, so that it is swapped in with the site and the index
it describes, and is never published. Its large tables (``TABLES``: a hash per output file,
per index document, per input file, a record per page) are kept in a base (``BASE_FILE``)
that later builds link unchanged from the previous index folder, and ``STATE_FILE`` holds
the other fields and what changed in each table since that base (folded into a new base
once that is more than a twentieth of it): on 100,000 articles, an edit writes a few
kilobytes instead of 75 MB. Each file is one header line (the format, the sitegen and the
Python that wrote it), then one dict in Python's ``marshal`` format (about five times as
fast to write and twice as fast to read as JSON). It records content hashes, never
modification times:

- ``inputs``: one digest of every input (each file the build reads from the content folder, templates, built-in
  theme and static folders, by path and content; the settings; sitegen's version; the day,
  which pages print): equal digests mean a rebuild has nothing to do; ``files`` and
  ``hashed_at``: each file's content hash with its stat, so that a file unchanged long before
  the last build is not read again (:func:`fingerprint_inputs` says when that is safe);
- ``outputs``: the SHA-256 of every file the build wrote into the site, so a rebuild links
  the unchanged ones from the previous site instead of writing them;
- ``documents``: a digest of what each article's index document is made from (the article
  and the vocabularies), and ``analyzer`` one of the
  names the stemmer protects, so a rebuild re-indexes only the articles whose document
  changed (all of them when the analyzer changed);
- ``vocabulary``: a digest of the vocabularies, whose names label the browser's results;
- ``fresh_index``: whether the index was built anew, never updated in place since;
- ``result``: the figures and warnings of the build, repeated by a rebuild that does nothing;
- ``pages``: each page's digest of what it was rendered from and the names it read from the
  archive and the settings (``pagedeps``), so a rebuild renders only the pages whose digest changed;
  ``derived``: the same for exports and feeds (a digest of the data each is made from).

A missing, unreadable or foreign state (another format, another sitegen version, another
site or index folder, a base that is not the one its state was written on) means a full build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import marshal
import mmap
import os
import stat
import struct
import sys
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import and_, attrgetter, eq, itemgetter, ne, not_
from pathlib import Path

import sitegen
from sitegen import collector, inputwalk
from sitegen.errors import Diagnostic

STATE_FILE = "sitegen-build-state.marshal"
BASE_FILE = "sitegen-build-state-base.marshal"  # the large tables, as an earlier build wrote them (linked)
STATE_FORMAT = "sitegen-build-state/7"  # a header line, then one dict in Python's marshal format
TABLES = (("outputs",), ("documents",), ("files",), ("pages", "pages"))  # where they are in the state


@dataclass
class State:
    site_dir: str
    inputs: str
    outputs: dict[str, str] = field(default_factory=dict)
    documents: dict[str, str] = field(default_factory=dict)
    analyzer: str = ""
    vocabulary: str = ""
    fresh_index: bool = True  # no document deleted or replaced since the index was built anew
    result: dict = field(default_factory=dict)
    pages: dict = field(default_factory=dict)  # each page's digest and what it read (pagedeps.PageRecords.to_json)
    derived: dict[str, str] = field(default_factory=dict)  # each export's and feed's digest of its data
    files: dict[str, bytes] = field(default_factory=dict)  # each input file's stat and SHA-256 (fingerprint_inputs)
    hashed_at: int = 0  # when this build started hashing its inputs (ns since the epoch)


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def text_digest(value) -> str:
    """A digest of a JSON-able value (keys sorted)."""
    return digest(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))


RACY_NS = 2_000_000_000  # a file changed this close before the previous hashing is hashed again


def fingerprint_inputs(config, folders: list[Path], options=(), known: dict | None = None,
                       hashed_before: int = 0, listings: dict | None = None,
                       ahead: inputwalk.StatsAhead | None = None) -> tuple[str, dict[str, bytes]]:
    """One digest of the settings, the build's ``options``, sitegen's version, today's date and
    every file of ``folders`` (a file among them counts as itself); and each file's size,
    mtime_ns, ctime_ns and inode, packed in 32 bytes, then its SHA-256 (32 bytes: :func:`file_hash`), by path.

    Every file's content hash goes into the digest. ``known`` (the previous build's list,
    taken when it started hashing at ``hashed_before``, in ns) spares reading a file whose
    size, times and inode are all the same as then, and whose last change (mtime and ctime,
    which no tool can set back) is older than ``hashed_before`` by ``RACY_NS``: a later write
    would have moved its ctime past ``hashed_before``. A file changed within that margin
    (or on a file system with coarse times) is read and hashed again, like git's "racy" entries.
    ``listings``, when given, receives each folder's entries (``inputwalk.walk``) by its path,
    so that the articles are found without walking their folder again. ``ahead``: the stats of
    ``folders``' files, taken by a forked process meanwhile (used when it saw the same files).
    """
    try:
        return _fingerprint(config, folders, options, known or {}, hashed_before, listings, ahead)
    finally:
        if ahead is not None:
            ahead.close()


def _fingerprint(config, folders: list[Path], options, known: dict, hashed_before: int, listings: dict | None,
                 ahead: inputwalk.StatsAhead | None) -> tuple[str, dict[str, bytes]]:
    files: dict[str, bytes] = {}
    h = hashlib.sha256()
    h.update(json.dumps([STATE_FORMAT, sitegen.__version__, dt.date.today().isoformat(), repr(config), list(options)],
                        ensure_ascii=False).encode("utf-8"))
    limit = hashed_before - RACY_NS
    for number, folder in enumerate(folders):
        if folder.is_dir():
            listing = inputwalk.walk(str(folder))
            if listings is not None:
                listings[str(folder)] = listing
            listing = inputwalk.without_folder_links(listing)
            looked = ahead.of(str(folder), listing) if ahead is not None else None
            names, digests = _hash_folder(listing, looked or inputwalk.look(listing), known, limit, files)
        elif os.path.lexists(folder):  # a file among the folders: itself, by the name ""
            names, digests = _hash_file(str(folder), known, limit, files)
        else:
            continue
        # (every name, then a word for each file without a hash; then the hashes, in order)
        h.update(f"\0{number}\0{len(names)}\0".encode())
        h.update("\0".join(names).encode("utf-8", "surrogateescape"))
        h.update(b"".join(digests))
    return h.hexdigest(), files


_STAT = inputwalk.STAT_KEY  # size, mtime_ns, ctime_ns, inode: what says a file is unchanged
_FILE_ENTRY = _STAT.size + 32  # then the file's SHA-256


def file_hash(entry: bytes) -> bytes:
    """The SHA-256 of a file, from its entry in :func:`fingerprint_inputs`'s list."""
    return entry[_STAT.size:]


def _hash_folder(listing: list, looked: tuple[bytes, dict[int, str]], known: dict, limit: int,
                 files: dict) -> tuple[list[str], list[bytes]]:
    """The names and the hashes of a folder's files (``listing``, without its links to folders;
    ``looked``: their stats, ``inputwalk.look``). It runs on every file of the site's content
    (100,000 articles): its loops run in C (``map``, ``compress``) over the folder at once, and
    Python looks only at the files that are not as the previous build hashed them. The names
    are the files' relative paths, then a word for each file that has no hash (by its position)."""
    blob, problems = looked
    paths = list(map(_PATH, map(_ENTRY, listing)))
    keys = list(map(_FIRST, _KEY_BYTES.iter_unpack(blob)))
    before = list(map(known.get, paths, repeat(b"")))
    same = map(eq, map(_KEY_OF, before), keys)  # as hashed before, and long enough before (not "racy")
    same = list(map(and_, same, map(limit.__gt__, map(max, _TIMES.iter_unpack(blob)))))
    files.update(zip(paths, before))  # (in the folder's order: the state's delta compares tables in order)
    digests = list(map(_HASH_OF, before))
    words = []
    for number in compress(range(len(paths)), map(not_, same)):
        path = paths[number]
        word = problems.get(number)
        if word is None:
            try:
                with open(path, "rb") as handle:
                    sha = hashlib.sha256(handle.read()).digest()
            except OSError as exc:
                word = f"unreadable {exc.errno}"
        if word is None:
            files[path] = keys[number] + sha
            digests[number] = sha
        else:
            words.append(f"{number} {word}")
            del files[path]
            digests[number] = b""
    return list(map(_NAME, listing)) + words, digests


_ENTRY, _NAME, _FIRST = itemgetter(1), itemgetter(0), itemgetter(0)
_PATH = attrgetter("path")
_KEY_OF, _HASH_OF = itemgetter(slice(0, _STAT.size)), itemgetter(slice(_STAT.size, None))
_KEY_BYTES = struct.Struct(f"{_STAT.size}s")  # a file's whole key
_TIMES = struct.Struct("<8xqq8x")  # its mtime_ns and ctime_ns


def _hash_file(path: str, known: dict, limit: int, files: dict) -> tuple[list[str], list[bytes]]:
    """:func:`_hash_folder` of one file, named ""."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return ["", f"unreadable {exc.errno}"], []
    if not stat.S_ISREG(info.st_mode):
        return ["", "not a file"], []
    key = _STAT.pack(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    before = known.get(path)
    if before is not None and before.startswith(key) and info.st_mtime_ns < limit and info.st_ctime_ns < limit:
        sha = file_hash(before)
    else:
        try:
            with open(path, "rb") as handle:
                sha = hashlib.sha256(handle.read()).digest()
        except OSError as exc:
            return ["", f"unreadable {exc.errno}"], []
    files[path] = key + sha
    return ["", ""], [sha]


def load(index_dir: Path, site_dir: Path) -> tuple[State | None, str]:
    """The state of the build that wrote ``index_dir``, or None and the reason for a full build.
    A build reads it once and checks with :func:`still_current` that no other build replaced it."""
    path = Path(index_dir) / STATE_FILE
    if not path.exists():
        return None, "no state of a previous build"
    try:
        signature = _signature(path)
        data = _read(path)
        if data is None:
            return None, f"{path} was written by another sitegen version (or another Python)"
        base = _read(Path(index_dir) / BASE_FILE)
        if base is None or base["token"] != data["base"] or set(base["tables"]) != set(data["delta"]):
            return None, f"{path} is unreadable"
        fields = data["fields"]
        pristine = {}
        for where, table in base["tables"].items():
            changed, removed = data["delta"][where]
            pristine[where] = table
            table = table.copy()  # (the base as read is kept for the next build's delta: see save)
            for key in removed:
                del table[key]
            table.update(changed)
            _put(fields, where, table)
        state = State(**{k: fields[k] for k in State.__dataclass_fields__})
    except (OSError, ValueError, TypeError, KeyError, AttributeError, EOFError, IndexError):
        return None, f"{path} is unreadable"
    if state.site_dir != str(site_dir) or not isinstance(state.outputs, dict) or not isinstance(state.documents, dict):
        return None, f"{path} describes another site"
    if (not isinstance(state.files, dict) or not isinstance(state.derived, dict)
            or not set(map(type, state.files.values())) <= {bytes}
            or not set(map(len, state.files.values())) <= {_FILE_ENTRY}):  # (loops in C: 100,000 files)
        return None, f"{path} is unreadable"
    state.read_from = (path, signature)  # (not fields: never saved)
    state.base_read = (Path(index_dir) / BASE_FILE, data["base"], pristine)
    return state, ""


def _read(path: Path) -> dict | None:
    """A state file's data; None when another format, sitegen or Python wrote it (OSError,
    ValueError... when it is unreadable). The file is mapped, not read: its 75 MB (on 100,000
    articles) are decoded where they are, never copied."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            raise ValueError(f"{path} is empty")
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    with mapped:
        end = mapped.find(b"\n", 0, 256)  # (a header line is shorter)
        header = mapped[:end] if end >= 0 else mapped[:256]
        if header != _header():
            if header.startswith(b"sitegen-build-state"):
                return None
            raise ValueError(f"{path} is not a state file")
        with memoryview(mapped) as whole, whole[end + 1:] as body, collector.paused():
            data = marshal.loads(body)  # (decoding makes no garbage: a collection would only walk what it makes)
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a state file")
    return data


def _signature(path: Path) -> tuple:
    info = os.stat(path)
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def still_current(state: State | None, index_dir: Path) -> bool:
    """Whether ``state`` (from :func:`load`) is still the one in ``index_dir``: its file has the
    same size, times and inode as when it was read (no other build has replaced it since)."""
    path, signature = getattr(state, "read_from", (None, None))
    if path != Path(index_dir) / STATE_FILE:
        return False
    try:
        return _signature(path) == signature
    except OSError:
        return False


def save(state: State, index_dir: Path, previous: State | None = None) -> None:
    """Write ``state`` into ``index_dir`` (a folder being staged, or one no build is reading).
    Given the ``previous`` state (from :func:`load`), its base is linked and only what
    changed since that base is written, unless that has grown past a twentieth of it."""
    fields = {name: getattr(state, name) for name in State.__dataclass_fields__}  # (asdict copies deeply: slow)
    tables = {}
    for where in TABLES:
        table = _get(fields, where)
        if type(table) is dict:
            tables[where] = table
            fields = _put(fields, where, None, copy=True)
    index_dir = Path(index_dir)
    with collector.paused():  # encoding makes no garbage: a collection would only walk the state
        delta, token = _delta(previous, tables, index_dir)
        if delta is None:  # a new base, of everything
            token = os.urandom(16).hex()
            _write(index_dir / BASE_FILE, {"token": token, "tables": tables})
            delta = {where: ({}, []) for where in tables}
        _write(index_dir / STATE_FILE, {"base": token, "fields": fields, "delta": delta})


def _delta(previous: State | None, tables: dict, index_dir: Path) -> tuple[dict | None, str]:
    """What changed in ``tables`` since the base of ``previous`` (linked into ``index_dir``),
    by table: (the new or changed entries, the keys removed); None when there is no base to
    link, another set of tables, or more than a twentieth of the base changed."""
    path, token, pristine = getattr(previous, "base_read", (None, "", {}))
    if path is None or set(pristine) != set(tables):
        return None, ""
    delta = {}
    size = total = 0
    for where, table in tables.items():
        base = pristine[where]
        changed, removed = _changes(table, base)
        delta[where] = (changed, removed)
        size += len(changed) + len(removed)
        total += len(base)
    if size > max(1000, total // 20):
        return None, ""
    try:
        target = index_dir / BASE_FILE
        if os.path.lexists(target):
            os.unlink(target)
        os.link(path, target)
    except OSError:
        return None, ""
    return delta, token


_MISSING = object()


def _changes(table: dict, base: dict) -> tuple[dict, list]:
    """The entries of ``table`` that are new or differ from ``base``'s, and the keys of ``base``
    that ``table`` lacks. Every loop runs in C (``map``, ``compress``): a table has an entry
    per file of the site, and few of them change. When both have the same keys in the same
    order (the input files, the index documents, most often), values are compared pairwise
    without a lookup; else each key is looked up in ``base``."""
    keys = list(table)
    if len(table) == len(base) and keys == list(base):
        return {key: table[key] for key in compress(keys, map(ne, table.values(), base.values()))}, []
    changed = {key: table[key] for key in compress(keys, map(ne, table.values(), map(base.get, keys, repeat(_MISSING))))}
    added = sum(1 for key in changed if key not in base)
    if len(table) - added == len(base):  # every key of the base is still there
        return changed, []
    return changed, list(base.keys() - table.keys())


def _get(fields: dict, where: tuple[str, ...]):
    value = fields
    for name in where:
        value = value.get(name) if type(value) is dict else None
    return value


def _put(fields: dict, where: tuple[str, ...], value, copy: bool = False) -> dict:
    """``fields`` with ``value`` at ``where`` (in place, or in copies of the dicts on the way)."""
    top = dict(fields) if copy else fields
    inner = top
    for name in where[:-1]:
        if copy:
            inner[name] = dict(inner[name])
        inner = inner[name]
    inner[where[-1]] = value
    return top


def _write(path: Path, data: dict) -> None:
    """A state file anew (never in place: it may be linked from an older index folder)."""
    body = marshal.dumps(data)  # (5 times as fast as JSON both ways on 100,000 articles)
    if os.path.lexists(path):
        os.unlink(path)
    path.write_bytes(_header() + b"\n" + body)


def _header() -> bytes:
    """The state's first line: its format, the sitegen and the Python (marshal) that wrote it."""
    return (f"{STATE_FORMAT} sitegen {sitegen.__version__} marshal {marshal.version} "
            f"python {sys.version_info[0]}.{sys.version_info[1]}").encode()


def diagnostics_to_json(diagnostics) -> list[dict]:
    return [{"path": str(d.path), "line": d.line, "message": d.message, "field": d.field, "hint": d.hint,
             "severity": d.severity} for d in diagnostics]


def diagnostics_from_json(items: list[dict]) -> list[Diagnostic]:
    return [Diagnostic(**item) for item in items]
