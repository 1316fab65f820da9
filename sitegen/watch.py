"""What `sitegen serve` watches: a snapshot of the project's input files, and what changed.

Polling, with no library: a snapshot maps each file under the watched folders (content,
vocabularies, templates, static files) and the settings file to its size and modification
time in nanoseconds; two snapshots compare to the files added, changed and removed. Stat
calls only, so a 10,000-article project is polled in tens of milliseconds; the build itself
decides from content what to redo, so a file touched without change costs one rebuild at most.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]  # path -> (size, mtime_ns)
SKIPPED_DIRS = {"__pycache__", ".git"}


def snapshot(roots: list[Path], skip: list[Path] = ()) -> Snapshot:
    """Every regular file under ``roots`` (a root may be a single file, or missing), but none under ``skip``."""
    skipped = {os.path.abspath(p) for p in skip}
    files: Snapshot = {}
    for root in roots:
        root = os.path.abspath(root)
        if os.path.isfile(root):
            _add(files, root)
            continue
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and os.path.join(folder, d) not in skipped]
            for name in names:
                _add(files, os.path.join(folder, name))
    return files


def _add(files: Snapshot, path: str) -> None:
    try:
        info = os.stat(path)
    except OSError:  # removed between the listing and the stat: the next poll sees it gone
        return
    files[path] = (info.st_size, info.st_mtime_ns)


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def describe(self, root: Path, shown: int = 3) -> str:
        """``content/articles/x.md changed, 2 more``: for the terminal."""
        words = [(p, "added") for p in self.added] + [(p, "changed") for p in self.changed] + \
                [(p, "removed") for p in self.removed]
        parts = [f"{_relative(p, root)} {what}" for p, what in words[:shown]]
        if len(words) > shown:
            parts.append(f"{len(words) - shown:,} more")
        return ", ".join(parts)


def compare(before: Snapshot, after: Snapshot) -> Changes:
    return Changes(added=tuple(sorted(after.keys() - before.keys())),
                   changed=tuple(sorted(p for p in after.keys() & before.keys() if after[p] != before[p])),
                   removed=tuple(sorted(before.keys() - after.keys())))


def _relative(path: str, root: Path) -> str:
    try:
        return os.path.relpath(path, root)
    except ValueError:  # another drive (Windows)
        return path
