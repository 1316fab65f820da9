"""Put staged outputs in place together, recoverably.

A build stages each output (the site, the index) in a sibling folder ``.<name>.new-*``, in
one of two ways:

- a **whole folder**: the staging folder is the complete new output, which replaces the
  previous folder by a rename (a full build; the index, which is a few files);
- a **delta** (:meth:`Swap.stage` with ``delta=True``, an incremental build of the site):
  the staging folder holds only the files written anew; the journal also lists them
  (``staged``) and the previous files the build no longer writes (``dropped``).

When all are complete, :meth:`Swap.commit`

1. writes a journal ``.<name>.swap.json`` beside every target (fsynced), listing each target,
   its staging folder, the name its previous version will be moved to (``.<name>.old-*``)
   and, for a delta, its staged and dropped files;
2. for a whole folder, renames the previous folder aside, then the staging folder into
   place; for a delta, moves the dropped files into the previous folder ``.<name>.old-*``
   (removing the folders they leave empty), then for each staged file moves the live one
   it replaces there too and renames the staged one into place (each rename is atomic: a
   static server never serves a half-written file), then removes the emptied staging
   folder. (A staged file is not renamed over the live one: on ext4, replacing a file by a
   rename flushes the new file to disk first, about 2 ms a file.)
3. deletes the journals, then the previous folders.

A crash anywhere in step 2 leaves a journal. The next command that takes the lock calls
:func:`recover`, which rolls the swap *forward* (the staged files were complete when the
journal was written): whatever renames and removals are missing are done (each step can be
done twice: a staged file no longer in the staging folder is in place), so the site and
the index always end up from the same build. Folders of dead builds that no journal names
(``.<name>.new-*`` of a build killed while writing, ``.<name>.old-*`` of one killed while
deleting) are removed by :func:`clean_leftovers`, and reported.

A delta's previous folder is as small as the change; a whole-folder swap leaves one as large
as the output. Deleting a file costs milliseconds on a disk (its blocks are freed), so
``Swap.commit(defer=True)`` leaves the deletion to the caller (:func:`discard`), which the
command line calls after printing the build's result, and ``sitegen serve`` after the page
has reloaded. A process that dies before leaves the folder to :func:`clean_leftovers`.

The caller holds the lock (:mod:`sitegen.lock`) around all of this.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

MARKER = ".sitegen-output"  # in every folder sitegen writes; only such folders are ever replaced


class SwapError(Exception):
    """An interrupted swap cannot be completed without a person's decision."""


@dataclass
class Entry:
    final: Path
    new: Path
    old: Path
    delta: bool = False  # only the staged files are in ``new``: they replace files of ``final``
    staged: list[str] = field(default_factory=list)  # a delta's files, relative to ``new`` and ``final``
    dropped: list[str] = field(default_factory=list)  # a delta's files of ``final`` to remove


def journal_path(final: Path) -> Path:
    return final.parent / f".{final.name}.swap.json"


def _rename(source: Path, target: Path) -> None:
    """One rename of the swap (a single point, so tests can inject a crash at each)."""
    os.rename(source, target)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


def _write_journal(path: Path, entries: list[Entry]) -> None:
    data = {"pid": os.getpid(),
            "entries": [{"final": str(e.final), "new": str(e.new), "old": str(e.old)}
                        | ({"delta": True, "staged": e.staged, "dropped": e.dropped} if e.delta else {})
                        for e in entries]}
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
    _fsync_dir(path.parent)


def _read_journal(path: Path) -> list[Entry]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = [Entry(Path(e["final"]), Path(e["new"]), Path(e["old"]), bool(e.get("delta")),
                         [str(p) for p in e.get("staged", [])], [str(p) for p in e.get("dropped", [])])
                   for e in data["entries"]]
        if any(_escapes(p) for e in entries for p in e.staged + e.dropped):
            raise ValueError("a path leaves its folder")
        return entries
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SwapError(f"{path}: unreadable swap journal ({exc}); compare the folders named "
                        f".{path.name.split('.')[1]}.new-* and .old-* beside it, keep the complete one, "
                        "and delete the journal") from None


class Swap:
    """Staging folders for several targets, put in place together by :meth:`commit`."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def stage(self, final: Path, delta: bool = False) -> Path:
        """A new empty folder beside ``final`` (same file system, so the swap is a rename).

        ``delta``: the folder will hold only files that replace or add to those of ``final``;
        say which with :meth:`plan_delta` before the commit."""
        final.parent.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=f".{final.name}.new-", dir=final.parent))
        (new / MARKER).write_text("written by sitegen; this folder is replaced whole on each build\n",
                                  encoding="utf-8")
        old = new.with_name(new.name.replace(".new-", ".old-", 1))
        self.entries.append(Entry(final, new, old, delta))
        return new

    def plan_delta(self, new: Path, staged: list[str], dropped: list[str]) -> None:
        """The files of the delta staged in ``new`` (the marker included), and the files of the
        live folder the build no longer writes."""
        entry = next(e for e in self.entries if e.new == new and e.delta)
        entry.staged, entry.dropped = sorted(staged), sorted(dropped)

    def abort(self) -> None:
        for entry in self.entries:
            shutil.rmtree(entry.new, ignore_errors=True)
        self.entries = []

    def commit(self, defer: bool = False) -> list[Path]:
        """Put every staged output in place. ``defer``: leave the previous folders of
        whole-folder swaps (returned) for the caller to :func:`discard`."""
        journals = [journal_path(e.final) for e in self.entries]
        for journal in journals:
            _write_journal(journal, self.entries)
        _roll_forward(self.entries)
        return _finish(self.entries, journals, defer)


def _escapes(relative: str) -> bool:
    return os.path.isabs(relative) or ".." in relative.replace(os.sep, "/").split("/")


def _roll_forward(entries: list[Entry]) -> None:
    for entry in entries:
        if entry.delta:
            _roll_delta(entry)
            continue
        if not entry.new.exists():
            continue  # this one is already in place
        if entry.final.exists() or entry.final.is_symlink():
            if entry.old.exists():
                raise SwapError(f"cannot finish the interrupted swap of {entry.final}: {entry.final}, "
                                f"{entry.new} and {entry.old} all exist; keep the one you want as "
                                f"{entry.final}, delete the others and {journal_path(entry.final)}")
            _rename(entry.final, entry.old)
        _rename(entry.new, entry.final)
        _fsync_dir(entry.final.parent)


def _roll_delta(entry: Entry) -> None:
    """Move the dropped and replaced files of a delta aside (into ``entry.old``), then put the
    staged ones in place; each step is skipped when done already, so this can run twice."""
    if not entry.new.exists():
        return  # removed after its last rename: done
    final, new, old = str(entry.final), str(entry.new), str(entry.old)
    if not os.path.isdir(old):
        os.mkdir(old)
        with open(os.path.join(old, MARKER), "w", encoding="utf-8") as handle:  # (clean_leftovers knows it)
            handle.write("written by sitegen: the files a build replaced; deleted after its swap\n")
    made: set[str] = set()  # folders made in the previous folder
    for relative in entry.dropped:
        path = os.path.join(final, relative)
        if os.path.islink(path) or os.path.isfile(path):  # (a folder: the new build's, in place already)
            _aside(path, old, relative, made)
    for relative in entry.dropped:
        _prune(entry.final, os.path.dirname(relative))
    folders = set()
    for relative in entry.staged:
        source = os.path.join(new, relative)
        if not os.path.lexists(source):
            continue  # in place already
        folder = os.path.dirname(relative)
        if folder not in folders:
            os.makedirs(os.path.join(final, folder), exist_ok=True)
            folders.add(folder)
        target = os.path.join(final, relative)
        if os.path.isdir(target) and not os.path.islink(target):
            _remove_empty_folders(target)  # a folder turned into a file: its files were dropped
        elif os.path.lexists(target):
            _aside(target, old, relative, made)  # (not renamed over: ext4 would flush each file it replaces)
        _rename(Path(source), Path(target))
    for folder in sorted(folders):
        _fsync_dir(entry.final / folder)
    shutil.rmtree(entry.new)


def _aside(path: str, old: str, relative: str, made: set[str]) -> None:
    """Move a live file into the previous folder, at its place there."""
    folder = os.path.dirname(relative)
    if folder not in made:
        os.makedirs(os.path.join(old, folder), exist_ok=True)
        made.add(folder)
    _rename(Path(path), Path(os.path.join(old, relative)))


def _prune(root: Path, folder: str) -> None:
    """Remove ``folder`` (relative to ``root``) and its parents while they are empty."""
    while folder:
        try:
            os.rmdir(os.path.join(root, folder))
        except OSError:  # not empty, gone, or a file now
            return
        folder = os.path.dirname(folder)


def _remove_empty_folders(folder: str) -> None:
    for root, dirs, _ in os.walk(folder, topdown=False):
        for name in dirs:
            os.rmdir(os.path.join(root, name))
    os.rmdir(folder)


def _finish(entries: list[Entry], journals: list[Path], defer: bool = False) -> list[Path]:
    for journal in journals:
        journal.unlink(missing_ok=True)
    previous = [entry.old for entry in entries if entry.old.exists()]
    if not defer:
        discard(previous)
        return []
    return previous


def discard(folders: list[Path]) -> None:
    """Delete the previous folders a swap left (gone ones are skipped)."""
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def recover(finals: list[Path]) -> list[str]:
    """Complete any swap interrupted beside these folders; returns what was done, for the user."""
    notes = []
    for final in finals:
        journal = journal_path(final)
        journal.with_name(journal.name + ".tmp").unlink(missing_ok=True)  # a journal never completed
        if not journal.exists():
            continue
        entries = _read_journal(journal)
        _roll_forward(entries)
        _finish(entries, [journal_path(e.final) for e in entries] + [journal])
        notes.append("completed the swap of an interrupted build: "
                     + ", ".join(str(e.final) for e in entries) + " are now from that build")
    return notes


def clean_leftovers(final: Path) -> list[str]:
    """Remove staging and previous folders of dead builds beside ``final`` (call under the lock)."""
    notes = []
    for kind in ("new", "old"):
        for folder in sorted(final.parent.glob(f".{final.name}.{kind}-*")):
            if not folder.is_dir() or folder.is_symlink():
                continue
            if not (folder / MARKER).exists():
                notes.append(f"{folder} looks like a leftover of a build but sitegen did not write it; "
                             "left as it is: delete it if you do not need it")
                continue
            size = _size(folder)
            shutil.rmtree(folder, ignore_errors=True)
            notes.append(f"removed {folder}, left by an interrupted build ({size / 1e6:.1f} MB)")
    return notes


def _size(folder: Path) -> int:
    """Bytes in the files of ``folder`` (a file deleted meanwhile, by a build discarding it, counts 0)."""
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total
