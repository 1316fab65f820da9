"""What the last build was made from: the state file of incremental builds.

The state is kept in the index folder (``STATE_FILE``), so that it is swapped in with the
site and the index it describes, and is never published: one header line (the format, the
sitegen and the Python that wrote it), then its fields as one dict in Python's ``marshal``
format (on 100,000 articles, 80 MB: about five times as fast to write and twice as fast to
read as JSON). It records content hashes, never modification times:

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
site or index folder) means a full build.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import marshal
import os
import stat
import struct
import sys
from dataclasses import dataclass, field
from pathlib import Path

import sitegen
from sitegen import collector, inputwalk
from sitegen.errors import Diagnostic

STATE_FILE = "sitegen-build-state.marshal"
STATE_FORMAT = "sitegen-build-state/4"  # a header line, then the fields as one dict in Python's marshal format


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
    pages: dict = field(default_factory=dict)  # each page's digest and what it read (pagedeps.records_to_json)
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
                       hashed_before: int = 0, listings: dict | None = None) -> tuple[str, dict[str, bytes]]:
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
    so that the articles are found without walking their folder again.
    """
    known = known or {}
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
            names, digests = _hash_folder(listing, known, limit, files)
        elif os.path.lexists(folder):  # a file among the folders: itself, by the name ""
            names, digests = _hash_file(str(folder), known, limit, files)
        else:
            continue
        # (every name, with a word after it when it has no hash; then the hashes, in order)
        h.update(f"\0{number}\0{len(names)}\0".encode())
        h.update("\0".join(names).encode("utf-8", "surrogateescape"))
        h.update(b"".join(digests))
    return h.hexdigest(), files


_STAT = struct.Struct("<qqqQ")  # size, mtime_ns, ctime_ns, inode: what says a file is unchanged


def file_hash(entry: bytes) -> bytes:
    """The SHA-256 of a file, from its entry in :func:`fingerprint_inputs`'s list."""
    return entry[_STAT.size:]


def _hash_folder(listing: list, known: dict, limit: int, files: dict) -> tuple[list[str], list[bytes]]:
    """The names and the hashes of a folder's files (a tight loop: it runs once per article)."""
    names: list[str] = []
    digests: list[bytes] = []
    get = known.get
    pack = _STAT.pack
    regular = stat.S_ISREG
    for relative, entry, kind in listing:
        if kind == inputwalk.FOLDER_LINK:
            continue
        names.append(relative)
        try:
            info = entry.stat()
        except OSError as exc:  # unreadable, a broken link: the loader says what is wrong
            names.append(f"unreadable {exc.errno}")
            continue
        if not regular(info.st_mode):  # a FIFO, a socket: never opened (the loader refuses them)
            names.append("not a file")
            continue
        path = entry.path
        key = pack(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        before = get(path)
        if (before is not None and before.startswith(key)
                and info.st_mtime_ns < limit and info.st_ctime_ns < limit):
            files[path] = before
            digests.append(before[32:])
            names.append("")
            continue
        try:
            with open(path, "rb") as handle:
                sha = hashlib.sha256(handle.read()).digest()
        except OSError as exc:
            names.append(f"unreadable {exc.errno}")
            continue
        files[path] = key + sha
        digests.append(sha)
        names.append("")
    return names, digests


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
        header, _, body = path.read_bytes().partition(b"\n")
        if header != _header():
            if header.startswith(b"sitegen-build-state/"):
                return None, f"{path} was written by another sitegen version (or another Python)"
            return None, f"{path} is unreadable"
        with collector.paused():  # decoding makes no garbage: a collection would only walk what it makes
            data = marshal.loads(body)
        state = State(**{k: data[k] for k in State.__dataclass_fields__})
    except (OSError, ValueError, TypeError, KeyError, AttributeError, EOFError):
        return None, f"{path} is unreadable"
    if state.site_dir != str(site_dir) or not isinstance(state.outputs, dict) or not isinstance(state.documents, dict):
        return None, f"{path} describes another site"
    if not isinstance(state.files, dict) or not isinstance(state.derived, dict):
        return None, f"{path} is unreadable"
    state.read_from = (path, signature)  # (not a field: never saved)
    return state, ""


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


def save(state: State, index_dir: Path) -> None:
    data = {name: getattr(state, name) for name in State.__dataclass_fields__}  # (asdict copies deeply: slow)
    with collector.paused():  # encoding makes no garbage: a collection would only walk the state
        body = marshal.dumps(data)  # (5 times as fast as JSON both ways on 100,000 articles)
    (Path(index_dir) / STATE_FILE).write_bytes(_header() + b"\n" + body)


def _header() -> bytes:
    """The state's first line: its format, the sitegen and the Python (marshal) that wrote it."""
    return (f"{STATE_FORMAT} sitegen {sitegen.__version__} marshal {marshal.version} "
            f"python {sys.version_info[0]}.{sys.version_info[1]}").encode()


def diagnostics_to_json(diagnostics) -> list[dict]:
    return [{"path": str(d.path), "line": d.line, "message": d.message, "field": d.field, "hint": d.hint,
             "severity": d.severity} for d in diagnostics]


def diagnostics_from_json(items: list[dict]) -> list[Diagnostic]:
    return [Diagnostic(**item) for item in items]
