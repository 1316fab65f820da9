"""Writing files into a staged site, reusing the previous site's identical files.

Every output file goes through :meth:`Stager.write`, which hashes it. When the previous
build wrote the same bytes at the same path, the previous file is hard-linked into the
staging folder instead of written (a copy when links are not possible). A file is never
modified in place: a path written twice is unlinked first, so a linked file of the live
site is never touched and the previous site stays intact until the swap.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sitegen.buildstate import digest


class Stager:
    def __init__(self, staging: Path, previous_dir: Path | None = None, previous: dict[str, str] | None = None):
        self.staging = Path(staging)
        self.previous_dir = previous_dir
        self.previous = previous or {}
        self._root = str(self.staging)
        self._previous_root = str(previous_dir) if previous_dir is not None else ""
        self.hashes: dict[str, str] = {}
        self._linked: dict[str, bool] = {}  # each staged path: linked from the previous site, or written
        self._folders: set[str] = set()

    @property
    def linked(self) -> int:
        return sum(self._linked.values())

    @property
    def written(self) -> int:
        return len(self._linked) - self.linked

    def write(self, relative: str, data: bytes) -> None:
        sha = digest(data)
        target = self._place(relative)
        self.hashes[relative] = sha
        if self.previous_dir is not None and self.previous.get(relative) == sha and self._link(relative, target, len(data)):
            self._linked[relative] = True
            return
        Path(target).write_bytes(data)
        self._linked[relative] = False

    def _place(self, relative: str) -> str:
        """The staged path of ``relative``, its folder made, a file staged there before unlinked
        (paths as strings: pathlib is slow over 10,000s of files)."""
        target = os.path.join(self._root, relative)
        if relative in self.hashes:
            os.unlink(target)
        else:
            folder = os.path.dirname(relative)
            if folder not in self._folders:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                self._folders.add(folder)
        return target

    def was_linked(self, relative: str) -> bool:
        return self._linked[relative]

    def record(self, relative: str, sha: str, linked: bool) -> None:
        """Count a file another process staged (``parallel``) as if written here."""
        self.hashes[relative] = sha
        self._folders.add(os.path.dirname(relative))
        self._linked[relative] = linked

    def record_folder(self, folder: str) -> None:
        """Count the files another writer put in the staged ``folder`` (hashing them for the state).

        A file that is a hard link to the previous site's file at the same path is that file:
        its recorded hash is kept, unread."""
        for root, _, files in os.walk(self.staging / folder):
            for name in files:
                path = Path(root, name)
                relative = path.relative_to(self.staging).as_posix()
                known = self.previous.get(relative)
                if known is not None and self.previous_dir is not None and self._same_file(relative, path):
                    self.record(relative, known, True)
                else:
                    self.record(relative, digest(path.read_bytes()), False)

    def _same_file(self, relative: str, staged: Path) -> bool:
        try:
            return os.path.samefile(self.previous_dir / relative, staged)
        except OSError:
            return False

    def keep(self, relative: str) -> bool:
        """Link the previous site's file at ``relative`` unchanged (its recorded hash is kept); False if it cannot."""
        sha = self.previous.get(relative)
        if self.previous_dir is None or sha is None:
            return False
        target = self._place(relative)
        if not self._link(relative, target):
            self.hashes.pop(relative, None)  # nothing is staged there now
            self._linked.pop(relative, None)
            return False
        self.hashes[relative] = sha
        self._linked[relative] = True
        return True

    def _link(self, relative: str, target: str, size: int | None = None) -> bool:
        source = os.path.join(self._previous_root, relative)
        try:
            if size is not None and os.path.getsize(source) != size:
                return False  # changed since it was built: write it
            os.link(source, target)
        except OSError:
            try:
                shutil.copyfile(source, target)
            except OSError:
                return False
        return True
