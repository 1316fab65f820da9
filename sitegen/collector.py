"""Python's cyclic garbage collector told what a build keeps.

A build first reads a great many objects that live to its end (the previous state, the
parsed articles, the archive, the planned pages and their records) and makes no cyclic
garbage while doing so (parsing, digesting, planning: tested). Yet each full collection
walks every object the collector tracks, and collections come more often as objects pile
up: on 100,000 articles they cost a rebuild more than most stages. So a function marked
:func:`keeping` (the build) starts with collections paused; :func:`keep` moves what exists
into the collector's permanent generation (``gc.freeze``) so that later collections never
walk it, and :func:`resume` lets collections run again (before rendering, indexing and
their garbage). When the function returns or fails, the frozen objects are ordinary again
and collections run as they did before. :func:`paused` stops collections while one large
structure is decoded or encoded.

Freeing what a build read costs too: on 100,000 articles, more than half a second of
deallocating millions of objects one by one once the build is done. The `sitegen` program
ends right after a build, so a build run by it hands its data to :func:`leave` instead, and
the program ends with :func:`end_process`, which exits without freeing anything (the
operating system takes the memory back at once). Nothing else calls them: a process that
builds again (the tests, `sitegen serve`) frees each build's data as usual.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
from typing import Callable, Iterator, NoReturn, TypeVar

T = TypeVar("T")
_collecting: list[bool] = []  # whether collections ran when each running keeping function was called
_left: list = []  # what the process keeps until it ends (leave, end_process)


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No collection inside the block (as it was after it)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def keeping(function: Callable[..., T]) -> Callable[..., T]:
    """``function`` starts with collections paused, and may call :func:`keep` and :func:`resume`;
    when it returns or fails, nothing is frozen and collections run as before the call."""

    @functools.wraps(function)
    def call(*args, **kwargs) -> T:
        _collecting.append(gc.isenabled())
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.unfreeze()
            if _collecting.pop():
                gc.enable()

    return call


def keep() -> None:
    """What exists now lives until the :func:`keeping` function returns: collections never walk it."""
    gc.freeze()


def resume() -> None:
    """Collections run again (if they ran when the :func:`keeping` function was called)."""
    if _collecting and _collecting[-1]:
        gc.enable()


def leave(*objects) -> None:
    """Keep ``objects`` until the process ends (:func:`end_process`): never freed one by one."""
    _left.extend(objects)


def anything_left() -> bool:
    """Whether something was left for the end of the process (:func:`leave`)."""
    return bool(_left)


def end_process(code: int) -> NoReturn:
    """End the process with ``code`` once its output is written, without freeing its objects."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)
