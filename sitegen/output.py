"""What may be written where: the rules of the output folders.

A build never writes into ``site/`` itself: it stages a complete new folder beside it, or
for an incremental build only the new files, and swaps them in (:mod:`sitegen.swap`),
holding the lock (:mod:`sitegen.lock`). This module says whether a folder may be replaced
at all:

- only a folder sitegen wrote (it holds the marker file), or an empty one, and never one
  that holds the project's content, templates or working folder;
- the marker lists every file the build wrote; a file found there that is not listed was
  added by a person (a ``CNAME``, ``.well-known/``) and would be lost, so the build stops and
  names it, unless ``--force``. Files meant to be published go in ``static/``, which every
  build copies into the site;
- an output path that is a symbolic link is followed: the build replaces the folder it
  points to, and the link stays.

Staged folders are made readable by all (0755 folders, 0644 files, as the umask allows),
so a web server running as another user can serve them.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path
from typing import Collection, Iterable

from sitegen import lock, sitelisting, swap
from sitegen.swap import MARKER

MARKER_HEADER = sitelisting.MARKER_HEADER  # the marker's first line, then one file a line
SHOWN = 10  # foreign files named in a message


class OutputError(Exception):
    """The output folder cannot be replaced safely."""


def resolve_target(folder: Path) -> Path:
    """The folder a build really replaces: a symbolic link is followed to its target."""
    return folder.resolve() if folder.is_symlink() else folder.absolute()


def check_replaceable(final: Path, protected: list[Path], force: bool = False,
                      static_dir: Path | None = None, record: Path | None = None,
                      early: sitelisting.Prefetch | None = None) -> list[str] | None:
    """Refuse to replace a folder sitegen did not write, one that holds the project's files,
    or one where a person added files (unless ``force``); a file that ``static_dir`` holds
    too is not lost, so it does not count.

    Returns the files found in a folder sitegen wrote (its marker aside), for a build that
    changes only some of them; None when there is no such folder. ``record``: the file where
    the last build recorded the folder's folders (``sitelisting``): only the folders changed
    since are listed, and the files found are a ``sitelisting.Listing``; ``early``: the same, read
    in a thread since the build started (brought up to date here)."""
    final = final.resolve()
    for other in protected:
        other = other.resolve()
        if final == other or final in other.parents:
            raise OutputError(f"{final} contains {other}; choose an output folder of its own")
    if not final.exists():
        return None
    if not final.is_dir():
        raise OutputError(f"{final} exists and is not a folder; remove it or choose another output folder")
    if not any(final.iterdir()):
        return None
    if not (final / MARKER).exists():
        raise OutputError(f"{final} is not empty and was not written by sitegen; "
                          "move its files away or choose another output folder")
    present, found = _files_of(final, record, early)
    foreign = [path for path in found if not (static_dir and (static_dir / path).is_file())]
    if foreign and not force:
        shown = ", ".join(foreign[:SHOWN]) + (f" and {len(foreign) - SHOWN} more" if len(foreign) > SHOWN else "")
        keep = "Move the ones to publish into static/ (copied into every build), or" if static_dir else "Move them, or"
        raise OutputError(f"{final} holds {len(foreign)} file(s) sitegen did not write, which the build would "
                          f"delete: {shown}. {keep} pass --force to delete them")
    return present


def _files_of(final: Path, record: Path | None, early: sitelisting.Prefetch | None = None) -> tuple[list[str], list[str]]:
    """The files of a sitegen folder and those of them its marker does not list."""
    if record is None:
        present = sitelisting.walk(final, MARKER)
        return present, foreign_files(final, present)
    text = (final / MARKER).read_text(encoding="utf-8", errors="replace")
    if text.startswith(MARKER_HEADER):  # (its 200,000 lines are split only when the early listing cannot serve)
        found = early.result() if early is not None else None
        listing = sitelisting.refresh(final, found, text, None, MARKER) if found is not None else None
        if listing is None:
            listing = sitelisting.read(final, record, text.splitlines()[1:], text, MARKER)
        if listing is not None:
            return listing, listing.unlisted
    present = sitelisting.walk(final, MARKER)
    return present, foreign_files(final, present)


def foreign_files(folder: Path, present: list[str] | None = None) -> list[str]:
    """Files in a sitegen folder that its marker does not list (none for a marker without a list);
    ``present``: the folder's files, when they were listed already."""
    lines = (folder / MARKER).read_text(encoding="utf-8", errors="replace").splitlines()
    if not lines or lines[0] + "\n" != MARKER_HEADER:
        return []  # written before sitegen listed its files: nothing to compare with
    written = set(lines[1:])
    return [path for path in (sitelisting.walk(folder, MARKER) if present is None else present) if path not in written]


def seal(staging: Path, files: Iterable[str] | None = None, in_order: bool = False) -> bytes:
    """Finish a staged folder: list its files in the marker and make it readable by all; returns
    the marker's bytes.

    ``files``: every file of the output when the folder holds only some (a delta: the others
    stay in place, ``sitegen.swap``); by default, the folder's own. ``in_order``: ``files`` is
    a sorted list already (of 200,000 paths, on a large site: joined as it is)."""
    if files is None:
        listed = sitelisting.walk(staging, MARKER)
    elif in_order:
        listed = files if MARKER not in files else [p for p in files if p != MARKER]
    else:
        listed = sorted(p for p in files if p != MARKER)
    marker = (MARKER_HEADER + "\n".join(listed) + ("\n" if listed else "")).encode("utf-8")
    (staging / MARKER).write_bytes(marker)
    mask = _umask()
    staging.chmod(0o777 & ~mask)  # mkdtemp made it 0700
    for root, dirs, files in os.walk(staging):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o777 & ~mask)
        for name in files:
            os.chmod(os.path.join(root, name), 0o666 & ~mask)
    return marker


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def copy_static(static_dir: Path, staging: Path, written: Collection[str] | None = None,
                live: Path | None = None, present: Collection[str] = ()) -> list[str]:
    """Copy ``static/`` into the staged site as it is; a file that a page already uses is an error.
    Returns the paths of the static files, relative to the site.

    For a delta (``sitegen.swap``), ``written`` are the paths the build wrote (the staging folder
    holds only the new ones), and a file the live site holds (``present``) with the same bytes
    (in ``live``) is left there, not copied."""
    if not static_dir.is_dir():
        return []
    copied = []
    for root, dirs, files in os.walk(static_dir):
        dirs.sort()
        for name in sorted(files):
            source = Path(root, name)
            relative = source.relative_to(static_dir).as_posix()
            target = staging / relative
            if relative == MARKER:
                raise OutputError(f"{source}: this name is sitegen's own marker file; rename it")
            if relative in written if written is not None else target.exists():
                raise OutputError(f"{source} has the same path as a file sitegen writes ({relative}); "
                                  "rename or move it")
            copied.append(relative)
            if live is not None and relative in present and filecmp.cmp(source, live / relative, shallow=False):
                continue  # in place already
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return copied


def settle(config) -> list[str]:
    """Finish a swap that a dead build left half done (for commands other than build).

    When a live build holds the lock, it will finish its own swap: nothing to do.
    """
    targets = [resolve_target(config.output_dir), resolve_target(config.index_dir)]
    if not any(swap.journal_path(target).exists() for target in targets):
        return []
    try:
        with lock.hold(targets):
            return swap.recover(targets)
    except lock.LockBusy:
        return []
    except swap.SwapError as exc:
        return [str(exc)]
