"""The files of a live site, found without walking all of it.

Before it replaces files, a build must know every file of the site (``output.check_replaceable``:
a file its marker does not list was added by a person). At 100,000 articles the site holds
215,000 files; walking them costs a rebuild more than most of its stages. But POSIX updates a
folder's modification time whenever an entry is created in it, removed or renamed, so a folder
whose inode and mtime are those seen when its entries were known still has those entries (as
git's untracked cache reasons).

So an incremental build records, beside its index (``RECORD_FILE``, swapped in with the site),
each folder of the site with the (inode, mtime) it had when its entries were last known, for
the folders that the swap does not change and that had not changed for ``RACY_NS`` before
being seen (a change within the same tick of the clock could leave the mtime as it was); other
folders are recorded as unknown. The next build lists only the folders that changed or are
unknown, and takes the files of the others from the marker, which the same build wrote (the
record holds the marker's digest). Anything unexpected (no record, another marker, a recorded
folder gone from under an unchanged parent) means a walk of the whole site, as before.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import stat
import threading
import time
from pathlib import Path
from typing import Iterable

MARKER_HEADER = "# written by sitegen; this folder is replaced whole on each build. Files it wrote:\n"
RECORD_FILE = "sitegen-site-folders.json"  # in the index folder
FORMAT = "sitegen-site-folders/1"
RACY_NS = 3_000_000_000  # a folder changed less than this before it was seen is not trusted (FAT: 2 s ticks)


class Listing(list):
    """The files of a site (sorted, relative, the marker left out; a symbolic link to a folder is
    a file), with ``seen``: each folder's (inode, mtime) when its entries were read or trusted,
    and ``unlisted``: the files the marker does not list (None: not compared)."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: dict[str, tuple[int, int]] = {}
        self.at = time.time_ns()  # when the folders were seen
        self.unlisted: list[str] | None = None
        self.removed: set[str] = set()  # files of the list it was made from that are gone
        self.marker = ""  # the digest of the marker it was compared with
        self.marker_text: str | None = None  # and that marker, when kept (compared as text: no digest again)


class Prefetch:
    """:func:`files` read in a thread while the build does other work (listing a folder waits on
    the file system, which lets the other thread run), then :func:`refresh`-ed under the lock."""

    def __init__(self, site: Path, record_file: Path, skip: str):
        self._result: Listing | None = None
        self._thread = threading.Thread(target=self._run, args=(site, record_file, skip), daemon=True)
        self._thread.start()

    def _run(self, site: Path, record_file: Path, skip: str) -> None:
        try:
            self._result = files(site, record_file, skip)
        except (OSError, ValueError):  # no site, no marker: the build finds out and says so
            self._result = None

    def result(self) -> Listing | None:
        self._thread.join()
        return self._result


def walk(site: Path, skip: str) -> Listing:
    """Every file of ``site`` but ``skip`` (the marker), each folder's stat taken before it is read."""
    listing = Listing()
    found: list[str] = []
    _read_tree(str(site), "", listing.seen, found)
    listing.extend(sorted(p for p in found if p != skip))
    return listing


def _read_tree(root: str, folder: str, seen: dict, found: list[str]) -> None:
    """The files under ``folder`` (relative to ``root``) into ``found``, its folders' stats into ``seen``."""
    path = os.path.join(root, folder) if folder else root
    st = os.lstat(path)
    seen[folder] = (st.st_ino, st.st_mtime_ns)
    prefix = folder + "/" if folder else ""
    with os.scandir(path) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _read_tree(root, prefix + entry.name, seen, found)
            else:
                found.append(prefix + entry.name)


def marker_digest(text: str | bytes) -> str:
    """The digest of a marker's text (or of its bytes, as written: the same)."""
    return hashlib.sha256(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")).hexdigest()


def files(site: Path, record_file: Path, skip: str) -> Listing | None:
    """The files of the sitegen folder ``site`` and those its marker does not list: from the
    record when it can tell, else by a walk; None when the marker lists no files."""
    text = (site / skip).read_text(encoding="utf-8", errors="replace")
    lines = text.splitlines()
    if not lines or lines[0] + "\n" != MARKER_HEADER:
        return None
    written = lines[1:]
    listing = read(site, record_file, written, text, skip)
    if listing is None:
        listing = walk(site, skip)
        listed = set(written)
        listing.unlisted = [path for path in listing if path not in listed]
        listing.marker = marker_digest(text)
    listing.marker_text = text
    return listing


def read(site: Path, record_file: Path, written: list[str], marker_text: str, skip: str) -> Listing | None:
    """The files of ``site`` from the folders' record and the marker's list ``written`` (sorted),
    listing only the folders that changed; None when the record cannot tell (walk instead)."""
    try:
        record = json.loads(record_file.read_text(encoding="utf-8"))
        if not isinstance(record, dict) or record.get("format") != FORMAT or record.get("site") != str(site):
            return None
        digest = marker_digest(marker_text)
        if record.get("marker") != digest or not isinstance(record.get("folders"), dict):
            return None
        folders = {str(k): (None if v is None else (int(v[0]), int(v[1]))) for k, v in record["folders"].items()}
    except (OSError, ValueError, TypeError, IndexError):
        return None
    listing = _update(site, folders, written, skip)
    if listing is not None:
        listing.marker = digest
    return listing


def refresh(site: Path, early: Listing, marker_text: str, written: list[str] | None, skip: str) -> Listing | None:
    """``early`` (read before the build held the lock) brought up to date: the folders changed since
    it saw them, or changed shortly before, listed again; None if the marker is not the same.
    ``written``: the files the marker lists (None: read from ``marker_text`` when needed)."""
    if (early.marker_text != marker_text if early.marker_text is not None
            else early.marker != marker_digest(marker_text)):
        return None
    folders = {folder: (None if early.at - known[1] < RACY_NS else known) for folder, known in early.seen.items()}
    listing = _update(site, folders, list(early), skip)
    if listing is None:
        return None
    new = listing.unlisted
    if new:
        listed = set(written if written is not None else marker_text.splitlines()[1:])
        new = [path for path in new if path not in listed]
    gone = listing.removed
    listing.unlisted = sorted({path for path in early.unlisted if path not in gone}.union(new))
    listing.marker, listing.marker_text = early.marker, early.marker_text
    return listing


def _update(site: Path, folders: dict[str, tuple[int, int] | None], written: list[str], skip: str) -> Listing | None:
    """The files of ``site``, where ``written`` (sorted) were its files when each folder had the
    (inode, mtime) of ``folders`` (None: unknown): the folders that differ are listed again."""
    if "" not in folders:
        return None
    listing = Listing()
    root = str(site)
    changed, gone = [], []
    for folder, known in folders.items():
        try:
            st = os.lstat(os.path.join(root, folder) if folder else root)
        except OSError:
            gone.append(folder)
            continue
        if not stat.S_ISDIR(st.st_mode):
            gone.append(folder)
            continue
        now = (st.st_ino, st.st_mtime_ns)
        if known != now:
            changed.append(folder)
        listing.seen[folder] = now
    relisted, went = set(changed), set(gone)
    if "" in went or any(os.path.dirname(folder) not in relisted | went for folder in gone):
        return None  # a folder went away under a parent that did not change: not what POSIX does
    removed: set[str] = set()
    added: list[str] = []
    children: dict[str, set[str]] = {}  # folder → the names of its subfolders that are there
    for folder in listing.seen:
        if folder:
            children.setdefault(os.path.dirname(folder), set()).add(os.path.basename(folder))
    for folder in changed:
        prefix = folder + "/" if folder else ""
        known = children.get(folder, set())
        try:
            subfolders, actual = _entries(os.path.join(root, folder) if folder else root, known)
        except OSError:
            return None
        for name in subfolders - known:  # a new folder: all of it is new
            try:
                _read_tree(root, prefix + name, listing.seen, added)
            except OSError:
                return None
        expected = _files_in(written, prefix, bool(known))
        if actual != expected:
            removed.update(prefix + name for name in expected - actual)
            added.extend(prefix + name for name in actual - expected)
    for folder in gone:  # everything the marker lists under it went with it
        prefix = folder + "/"
        start = bisect.bisect_left(written, prefix)
        end = bisect.bisect_left(written, prefix[:-1] + chr(ord("/") + 1))
        removed.update(written[start:end])
    added = [p for p in added if p != skip]
    listing.unlisted, listing.removed = sorted(added), removed
    if not removed and not added:
        listing.extend(written)
    else:
        listing.extend(sorted((set(written) - removed) | set(added)))
    return listing


def _entries(path: str, known: set[str]) -> tuple[set[str], set[str]]:
    """The names of the subfolders and of the other entries of the folder ``path``, whose
    subfolders were ``known``. A folder's link count is 2 and one per subfolder on most file
    systems: when it says that the known ones are all, the names are read without a stat of
    each (100,000 of them in ``articles/``); else each entry says what it is."""
    st = os.lstat(path)
    names = os.listdir(path)
    if st.st_nlink == 2 + len(known) and known.issubset(names) and os.lstat(path).st_mtime_ns == st.st_mtime_ns:
        return set(known), set(names).difference(known)
    with os.scandir(path) as scan:
        entries = list(scan)
    folders = {entry.name for entry in entries if entry.is_dir(follow_symlinks=False)}
    return folders, {entry.name for entry in entries}.difference(folders)


def _files_in(written: list[str], prefix: str, subfolders: bool = True) -> set[str]:
    """The names of the files ``written`` (sorted) lists directly in the folder of ``prefix``
    (its subfolders' ranges skipped by binary search; ``subfolders``: whether it has any)."""
    start = bisect.bisect_left(written, prefix) if prefix else 0
    end = bisect.bisect_left(written, prefix[:-1] + chr(ord("/") + 1)) if prefix else len(written)
    size, names = len(prefix), set()
    if not subfolders:  # every name listed under it is a file of its own
        return {path[size:] for path in written[start:end]}
    while start < end:
        name = written[start][size:]
        slash = name.find("/")
        if slash < 0:
            names.add(name)
            start += 1
        else:  # past the subfolder's files
            start = bisect.bisect_left(written, written[start][:size + slash] + chr(ord("/") + 1), start, end)
    return names


def save(record_file: Path, site: Path, listing: Listing | None, touched: Iterable[str],
         marker_text: str | bytes) -> None:
    """Record the site's folders for the next build, before a delta swap: ``touched`` are the
    files the swap puts in place or removes (their folders change, and new ones are made);
    ``listing``: what was seen of the live site when the build started (None: nothing, then
    every folder is unknown). ``marker_text``: the new marker (its text, or its bytes as written)."""
    seen = listing.seen if listing is not None else {}
    folders: dict[str, list[int] | None] = dict.fromkeys(seen)
    changing: set[str] = {""}
    for path in touched:
        folder = os.path.dirname(path)
        while folder not in changing:
            changing.add(folder)
            folder = os.path.dirname(folder)
    folders.update(dict.fromkeys(changing))
    root = str(site)
    for folder in folders:
        before = seen.get(folder)
        if before is None or folder in changing or listing.at - before[1] < RACY_NS:
            continue
        try:
            st = os.lstat(os.path.join(root, folder) if folder else root)
        except OSError:
            continue
        if (st.st_ino, st.st_mtime_ns) == before and stat.S_ISDIR(st.st_mode):  # unchanged while building
            folders[folder] = list(before)
    data = {"format": FORMAT, "site": str(site), "marker": marker_digest(marker_text), "folders": folders}
    record_file.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
