"""One listing of an input folder, shared by the digest of the inputs and the search for articles.

A build looks at every file of ``content/articles/`` twice: to hash its inputs
(``buildstate.fingerprint_inputs``) and to find the articles (``content.find_articles``).
On 100,000 articles a walk of the folder costs more than either use of it, so it is walked
once (:func:`walk`) and both read the same entries. Paths stay strings: a ``pathlib.Path``
per file costs more than the walk itself, and is made only for a file that needs one (a
diagnostic, a parse).

The build also needs every file's stat (:func:`look`), 0.3 s for 100,000 files on one core.
:class:`StatsAhead` takes them in a forked process (it lists the folders itself) while the
build reads the previous build's state, which takes as long and cannot share a core with
threads (decoding it holds the interpreter's lock throughout).
"""

from __future__ import annotations

import marshal
import os
import stat
import struct
import threading
from itertools import starmap
from operator import attrgetter, itemgetter

from sitegen import forked

# What an entry is, as the folder's listing tells it (no stat for a plain file or folder):
FILE = 0  # a plain file (not a link)
LINK = 1  # a link to anything but a folder, or a broken link
OTHER = 2  # a FIFO, a socket, a device
FOLDER_LINK = 3  # a link to a folder: never followed

Entry = tuple  # (path relative to the walked folder, "/" between its parts; os.DirEntry; kind)


def walk(folder: str) -> list[Entry]:
    """Every entry under ``folder`` but its plain folders, in ``os.walk``'s order: a folder's
    links to folders (by name), then its other entries by name, then its subfolders, each in
    the same way. An unreadable folder is left out (as ``os.walk`` does)."""
    found: list[Entry] = []
    _walk(folder, "", found)
    return found


def _walk(directory: str, prefix: str, found: list[Entry]) -> None:
    """A plain function, not a closure calling itself: that would be a reference cycle per
    call (``sitegen.collector``)."""
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=_name)
    except OSError:
        return
    folders, links, others = [], [], []
    for entry in entries:
        try:
            if entry.is_file(follow_symlinks=False):  # (the listing says so: no stat)
                others.append((prefix + entry.name, entry, FILE))
                continue
            is_link = entry.is_symlink()
        except OSError:  # gone since the listing
            others.append((prefix + entry.name, entry, OTHER))
            continue
        if _is_dir(entry):
            if is_link:
                links.append((prefix + entry.name, entry, FOLDER_LINK))
            else:
                folders.append(entry)
        else:
            others.append((prefix + entry.name, entry, LINK if is_link else OTHER))
    found += links
    found += others
    for entry in folders:
        _walk(entry.path, prefix + entry.name + "/", found)


def _name(entry: os.DirEntry) -> str:
    return entry.name


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def without_folder_links(listing: list[Entry]) -> list[Entry]:
    """The entries of ``listing`` but its links to folders (never followed: not inputs)."""
    if FOLDER_LINK in map(_KIND, listing):
        return [item for item in listing if item[2] != FOLDER_LINK]
    return listing


STAT_KEY = struct.Struct("<qqqQ")  # size, mtime_ns, ctime_ns, inode: what says a file is unchanged


def look(listing: list[Entry]) -> tuple[bytes, dict[int, str]]:
    """Each entry's stat (links followed), packed in ``STAT_KEY`` one after the other, and a word
    for each entry that is not a readable regular file, by its position (its key: zeros).
    (The loops run in C: ``map``; one entry after the other only when a stat fails.)"""
    entries = list(map(_ENTRY, listing))
    problems: dict[int, str] = {}
    try:
        infos = list(map(_STAT, entries))
    except OSError:
        infos = []
        for number, entry in enumerate(entries):
            try:
                infos.append(entry.stat())
            except OSError as exc:  # unreadable, a broken link: the loader says what is wrong
                problems[number] = f"unreadable {exc.errno}"
                infos.append(_NO_STAT)
    regular = stat.S_ISREG
    if not all(map(regular, map(_MODE, infos))):
        for number, info in enumerate(infos):
            if not regular(info.st_mode) and number not in problems:  # a FIFO, a socket: never opened
                problems[number] = "not a file"
        infos = [_NO_STAT if number in problems else info for number, info in enumerate(infos)]
    return b"".join(starmap(STAT_KEY.pack, map(_KEY_FIELDS, infos))), problems


_KIND, _ENTRY, _NAME = itemgetter(2), itemgetter(1), itemgetter(0)
_STAT = os.DirEntry.stat
_MODE = attrgetter("st_mode")
_KEY_FIELDS = attrgetter("st_size", "st_mtime_ns", "st_ctime_ns", "st_ino")
_NO_STAT = os.stat_result((0,) * os.stat_result.n_sequence_fields, {"st_mtime_ns": 0, "st_ctime_ns": 0})


def _can_fork() -> bool:
    """Whether forking is safe (no other thread) and worth it (another core is free)."""
    return hasattr(os, "fork") and threading.active_count() == 1 and _a_core_is_free()


def _a_core_is_free() -> bool:
    """Whether another core is likely idle (the load average of the last minute leaves one):
    on a machine busy with other work, the forked process would only take this one's time."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    try:
        return os.getloadavg()[0] <= cores - 1
    except OSError:
        return cores > 1


class StatsAhead:
    """:func:`look` at every file under ``folders``, done by a forked process while this one
    reads the previous build's state; :meth:`of` gives a folder's result when the process
    listed the same files as this one. Nothing is forked from a process with other threads
    (``sitegen serve``), where ``fork`` is missing, or when no other core is free (the forked
    process would only slow this one down): :meth:`of` says None, and the build looks at its
    files itself."""

    def __init__(self, folders: list[str]):
        self._pid, self._read, self._found = 0, None, None
        if not _can_fork():
            return
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: never returns
            try:
                os.close(read)
                found = []
                for folder in folders:
                    if os.path.isdir(folder):
                        listing = without_folder_links(walk(folder))
                        found.append((folder, "\0".join(map(_NAME, listing)), *look(listing)))
                with os.fdopen(write, "wb") as out:
                    out.write(marshal.dumps(found))
            finally:
                os._exit(0)
        os.close(write)
        self._pid, self._read = pid, read

    def of(self, folder: str, listing: list[Entry]) -> tuple[bytes, dict[int, str]] | None:
        """:func:`look` at ``listing`` (``folder``'s, without its folder links), as the forked
        process did it; None when it listed other files, or failed."""
        got = self._collect().get(folder)
        if got is None or got[0] != "\0".join(map(_NAME, listing)):
            return None
        return got[1], got[2]

    def _collect(self) -> dict:
        if self._found is None:
            self._found = {}
            try:
                if self._read is not None:
                    with os.fdopen(self._read, "rb") as pipe:
                        self._read = None
                        data = pipe.read()
                    found = marshal.loads(data)
                    self._found = {folder: (names, keys, problems) for folder, names, keys, problems in found}
            except (OSError, ValueError, EOFError, TypeError):  # the process died (killed?): looked at here
                self._found = {}
            finally:
                self.close()
        return self._found

    def close(self) -> None:
        """Stop the forked process if it still runs (a build that failed meanwhile), and reap it."""
        reported = self._read is None
        if not reported:
            os.close(self._read)
            self._read = None
        if self._pid:
            forked.end(self._pid, stop=not reported)
            self._pid = 0
