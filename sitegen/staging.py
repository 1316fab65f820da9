"""Writing files into a staged site, reusing the previous site's identical files.

Every output file goes through :meth:`Stager.write`, which hashes it. A file is never
modified in place: a path written twice is unlinked first, so the live site is never
touched and the previous site stays intact until the swap. Two ways to stage:

- **whole folder** (a full build, or no usable previous site): the staging folder becomes
  the complete new site. When the previous build wrote the same bytes at the same path,
  the previous file is hard-linked into it instead of written (a copy when links are not
  possible);
- **delta** (``delta=True``, an incremental build): the staging folder holds only the files
  whose bytes are new. A file equal to the previous build's (same recorded hash, still in
  the live site) is only *recorded*, never linked or copied: it stays where it is, and
  :meth:`sitegen.swap.Swap.commit` renames the staged files into the live site and removes
  the dropped ones. The cost of a build's output is then that of what changed.

``linked`` counts the files left as the previous build wrote them (linked, or left in place),
``written`` the files written anew.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from sitegen.buildstate import digest


class Stager:
    def __init__(self, staging: Path, previous_dir: Path | None = None, previous: dict[str, str] | None = None,
                 delta: bool = False, present: set[str] | None = None):
        """``previous_dir``: the live site, whose files ``previous`` (path: hash) the previous
        build wrote; ``delta``: stage only new bytes (needs ``previous_dir``); ``present``: the
        files found in the live site (a recorded file missing there is written again)."""
        self.staging = Path(staging)
        self.previous_dir = previous_dir
        self.previous = previous or {}
        self.delta = delta and previous_dir is not None
        self.present = present
        self._root = str(self.staging)
        self._previous_root = str(previous_dir) if previous_dir is not None else ""
        self.hashes: dict[str, str] = {}
        self._written: set[str] = set()  # the paths of ``hashes`` written anew (the others: left as
        # the previous build wrote them; a set of the few, not a flag for each of 200,000 files)
        self._folders: set[str] = set()

    @property
    def linked(self) -> int:
        return len(self.hashes) - len(self._written)

    @property
    def written(self) -> int:
        return len(self._written)

    def staged(self) -> list[str]:
        """The paths written anew (in a delta, the only files in the staging folder besides the marker)."""
        return sorted(self._written)

    def write(self, relative: str, data: bytes) -> None:
        sha = digest(data)
        if self.delta and self.previous.get(relative) == sha and self._in_place(relative, len(data)):
            self._leave(relative, sha)
            return
        target = self._place(relative)
        self.hashes[relative] = sha
        if (not self.delta and self.previous_dir is not None and self.previous.get(relative) == sha
                and self._link(relative, target, len(data))):
            self._written.discard(relative)
            return
        Path(target).write_bytes(data)
        self._written.add(relative)

    def _place(self, relative: str) -> str:
        """The staged path of ``relative``, its folder made, a file staged there before unlinked
        (paths as strings: pathlib is slow over 10,000s of files)."""
        target = os.path.join(self._root, relative)
        if relative in self.hashes and self._is_staged(relative):
            os.unlink(target)
        else:
            folder = os.path.dirname(relative)
            if folder not in self._folders:
                os.makedirs(os.path.dirname(target), exist_ok=True)
                self._folders.add(folder)
        return target

    def _is_staged(self, relative: str) -> bool:
        """Whether a file for ``relative`` is in the staging folder (in a delta, a kept one is not)."""
        return not self.delta or relative in self._written

    def _leave(self, relative: str, sha: str) -> None:
        """A delta's unchanged file: recorded, left in the live site (a copy staged before is unlinked)."""
        if relative in self.hashes and self._is_staged(relative):
            os.unlink(os.path.join(self._root, relative))
        self.hashes[relative] = sha
        self._written.discard(relative)

    def _in_place(self, relative: str, size: int | None = None) -> bool:
        """Whether the live site still holds the previous build's file at ``relative``."""
        if self.present is not None:
            if size is None or relative not in self.present:
                return relative in self.present
        try:
            actual = os.path.getsize(os.path.join(self._previous_root, relative))
        except OSError:
            return False
        return size is None or actual == size

    def was_linked(self, relative: str) -> bool:
        if relative not in self.hashes:
            raise KeyError(relative)
        return relative not in self._written

    def record(self, relative: str, sha: str, linked: bool) -> None:
        """Count a file another process staged (``parallel``) as if written here."""
        self.hashes[relative] = sha
        if not (self.delta and linked):  # (a delta's kept file made no folder in the staging folder)
            self._folders.add(os.path.dirname(relative))
        if linked:
            self._written.discard(relative)
        else:
            self._written.add(relative)

    def record_kept(self, paths: list[str]) -> None:
        """Count files left in place in a delta (by another process, or :meth:`keep_many`), each
        with the previous build's hash (:meth:`record` of each, in bulk: a rebuild keeps 100,000)."""
        assert self.delta or not paths
        self.hashes.update(zip(paths, map(self.previous.__getitem__, paths)))
        if self._written:
            self._written.difference_update(paths)

    def record_folder(self, folder: str) -> None:
        """Count the files another writer put in the staged ``folder`` (hashing them for the state).

        A file that is a hard link to the previous site's file at the same path is that file:
        its recorded hash is kept, unread. In a delta, a staged file with the previous build's
        bytes is removed from the staging folder and left in the live site."""
        for root, _, files in os.walk(self.staging / folder):
            for name in files:
                path = Path(root, name)
                relative = path.relative_to(self.staging).as_posix()
                known = self.previous.get(relative)
                if known is not None and self.previous_dir is not None and self._same_file(relative, path):
                    self.record(relative, known, True)
                    continue
                sha = digest(path.read_bytes())
                if self.delta and known == sha and self._in_place(relative, path.stat().st_size):
                    path.unlink()
                    self.record(relative, sha, True)
                else:
                    self.record(relative, sha, False)

    def _same_file(self, relative: str, staged: Path) -> bool:
        try:
            return os.path.samefile(self.previous_dir / relative, staged)
        except OSError:
            return False

    def keep(self, relative: str) -> bool:
        """Keep the previous site's file at ``relative`` unchanged (its recorded hash is kept):
        linked into the staging folder, or in a delta left where it is; False if it cannot."""
        sha = self.previous.get(relative)
        if self.previous_dir is None or sha is None:
            return False
        if self.delta:  # (called for nearly every file of the site: kept short)
            if not (relative in self.present if self.present is not None else self._in_place(relative)):
                return False
            if relative in self._written:  # written before: unstaged
                os.unlink(os.path.join(self._root, relative))
                self._written.discard(relative)
            self.hashes[relative] = sha
            return True
        target = self._place(relative)
        if not self._link(relative, target):
            self.hashes.pop(relative, None)  # nothing is staged there now
            self._written.discard(relative)
            return False
        self.hashes[relative] = sha
        self._written.discard(relative)
        return True

    def keep_many(self, paths: list[str]) -> list[str]:
        """:meth:`keep` each of ``paths``; the ones that could not be kept. In a delta whose live
        files are known, in bulk (a rebuild keeps 100,000 pages: set operations, no call each)."""
        if not (self.delta and self.present is not None):
            return [path for path in paths if not self.keep(path)]
        wanted = set(paths)
        kept = wanted & self.present & self.previous.keys()
        for path in kept.intersection(self._written) if self._written else ():
            os.unlink(os.path.join(self._root, path))  # written before: unstaged
            self._written.discard(path)
        refused = wanted - kept
        self.record_kept([path for path in paths if path not in refused] if refused else paths)
        return [path for path in paths if path in refused] if refused else []

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
