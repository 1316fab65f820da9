"""Swap complete staging folders into place together, recoverably.

A build stages each output (the site, the index) in a sibling folder ``.<name>.new-*``.
When all are complete, :meth:`Swap.commit`

1. writes a journal ``.<name>.swap.json`` beside every target, listing each target, its
   staging folder and the name its previous version will be moved to (``.<name>.old-*``);
2. for each target, renames the previous folder aside, then the staging folder into place;
3. deletes the journals, then the previous folders.

A crash anywhere in step 2 leaves a journal. The next command that takes the lock calls
:func:`recover`, which rolls the swap *forward* (the staging folders were complete when the
journal was written): whatever renames are missing are done, so the site and the index
always end up from the same build. Folders of dead builds that no journal names
(``.<name>.new-*`` of a build killed while writing, ``.<name>.old-*`` of one killed while
deleting) are removed by :func:`clean_leftovers`, and reported.

The caller holds the lock (:mod:`sitegen.lock`) around all of this.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

MARKER = ".sitegen-output"  # in every folder sitegen writes; only such folders are ever replaced


class SwapError(Exception):
    """An interrupted swap cannot be completed without a person's decision."""


@dataclass
class Entry:
    final: Path
    new: Path
    old: Path


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
            "entries": [{"final": str(e.final), "new": str(e.new), "old": str(e.old)} for e in entries]}
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
        return [Entry(Path(e["final"]), Path(e["new"]), Path(e["old"])) for e in data["entries"]]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SwapError(f"{path}: unreadable swap journal ({exc}); compare the folders named "
                        f".{path.name.split('.')[1]}.new-* and .old-* beside it, keep the complete one, "
                        "and delete the journal") from None


class Swap:
    """Staging folders for several targets, put in place together by :meth:`commit`."""

    def __init__(self) -> None:
        self.entries: list[Entry] = []

    def stage(self, final: Path) -> Path:
        """A new empty folder beside ``final`` (same file system, so the swap is a rename)."""
        final.parent.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=f".{final.name}.new-", dir=final.parent))
        (new / MARKER).write_text("written by sitegen; this folder is replaced whole on each build\n",
                                  encoding="utf-8")
        old = new.with_name(new.name.replace(".new-", ".old-", 1))
        self.entries.append(Entry(final, new, old))
        return new

    def abort(self) -> None:
        for entry in self.entries:
            shutil.rmtree(entry.new, ignore_errors=True)
        self.entries = []

    def commit(self) -> None:
        journals = [journal_path(e.final) for e in self.entries]
        for journal in journals:
            _write_journal(journal, self.entries)
        _roll_forward(self.entries)
        _finish(self.entries, journals)


def _roll_forward(entries: list[Entry]) -> None:
    for entry in entries:
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


def _finish(entries: list[Entry], journals: list[Path]) -> None:
    for journal in journals:
        journal.unlink(missing_ok=True)
    for entry in entries:
        shutil.rmtree(entry.old, ignore_errors=True)


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
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
            shutil.rmtree(folder, ignore_errors=True)
            notes.append(f"removed {folder}, left by an interrupted build ({size / 1e6:.1f} MB)")
    return notes
