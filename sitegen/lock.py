"""One writer at a time: a lock file beside each output folder, naming who holds it.

``.<name>.lock`` sits beside the folder it guards (``.site.lock`` beside ``site/``). The
lock is an advisory ``flock`` on that file, so the operating system releases it when the
holder exits, however it dies: a killed build never leaves a stale lock. The holder writes
its pid, start time, host and command line into the file, and a second build that finds
the lock taken says who holds it. The file itself stays (deleting it would race with the
next taker); it is a few bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks; the pid file still informs
    fcntl = None


class LockBusy(Exception):
    """Another live process holds the lock; the message says which."""


def lock_path(folder: Path) -> Path:
    return folder.parent / f".{folder.name}.lock"


def _holder(path: Path) -> str:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if not info:
        return "another sitegen process"
    return (f"pid {info.get('pid')} on {info.get('host')}, started {info.get('started')}"
            f" ({' '.join(info.get('command', []))})")


@contextmanager
def hold(folders: list[Path]) -> Iterator[None]:
    """Hold the locks of every folder (in a fixed order), or raise LockBusy at once."""
    handles = []
    try:
        for folder in sorted({f.resolve() for f in folders}):
            path = lock_path(folder)
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = open(path, "a+", encoding="utf-8")
            handles.append(handle)
            if fcntl is not None:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    raise LockBusy(f"{folder} is being written by {_holder(path)}; wait for that build to "
                                   f"finish or stop it (lock file: {path})") from None
            handle.seek(0)
            handle.truncate()
            handle.write(json.dumps({
                "pid": os.getpid(), "host": socket.gethostname(),
                "started": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
                "command": ["sitegen", *sys.argv[1:]],
            }, ensure_ascii=False))
            handle.flush()
        yield
    finally:
        for handle in handles:
            handle.close()  # closing releases the flock

