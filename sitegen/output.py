"""Replace an output folder whole, or not at all.

A build writes into a fresh sibling folder (``site.new-<random>``) and, only when every
file is written, swaps it with the old one: rename old aside, rename new into place,
delete old. A failure at any point before the swap leaves the old folder exactly as it
was; a failure during the swap puts the old folder back.

A folder is only ever replaced if sitegen wrote it (it holds the marker file), so a
mistyped ``--out`` cannot delete someone's documents.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

MARKER = ".sitegen-output"


class OutputError(Exception):
    """The output folder cannot be replaced safely."""


def check_replaceable(final: Path, protected: list[Path]) -> None:
    """Refuse to replace a folder sitegen did not write, or one that holds the project's files."""
    final = final.resolve()
    for other in protected:
        other = other.resolve()
        if final == other or final in other.parents:
            raise OutputError(f"{final} contains {other}; choose an output folder of its own")
    if final.exists():
        if not final.is_dir():
            raise OutputError(f"{final} exists and is not a folder; remove it or choose another output folder")
        if any(final.iterdir()) and not (final / MARKER).exists():
            raise OutputError(f"{final} is not empty and was not written by sitegen; "
                              "move its files away or choose another output folder")


def new_staging_dir(final: Path) -> Path:
    """An empty folder beside ``final``, on the same file system, so the swap is a rename."""
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.new-", dir=final.parent))
    (staging / MARKER).write_text("written by sitegen; this folder is replaced whole on each build\n", encoding="utf-8")
    return staging


def swap_into_place(staging: Path, final: Path) -> None:
    """Put ``staging`` where ``final`` is; the previous folder is removed once the new one is in place."""
    old = None
    if final.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{final.name}.old-", dir=final.parent))
        os.rmdir(old)
        os.rename(final, old)
    try:
        os.rename(staging, final)
    except OSError:
        if old is not None:
            os.rename(old, final)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
