"""The texts of a full build's articles analysed in a forked process, while this one writes.

The index writer (``index.build_index``) is the first link of a cold build's longest chain
(the index, then the browser's projection of it), so the analysis it needs runs ahead of it
in one worker process, forked after the documents are made (they are shared, not pickled);
each run of documents comes back as the term counts and lengths of their text fields, in
document order. One worker: the other cores render pages, and the writer stays one process.

Forking needs the ``fork`` start method and a process with one thread: not ``sitegen serve``,
nor a build whose page workers run (their pool has threads), where the cores are busy with
pages anyway; then, and for a few documents, the writer analyses them itself, with the same code.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Iterator

from sitegen import arabic

from .analysis import analyzed_fields

RUN = 128  # documents analysed per task
MIN_DOCUMENTS = 4 * RUN  # fewer: analysed in this process (a fork costs more than it saves)
_JOB: tuple | None = None  # what the forked worker analyses: (analyzer, documents)


def analysed(analyzer: arabic.Analyzer, documents: list[dict]) -> Iterator[dict]:
    """``analyzed_fields`` of each document, in order; in a worker process when it pays."""
    if len(documents) < MIN_DOCUMENTS or (os.cpu_count() or 1) < 2 or not _can_fork():
        for doc in documents:
            yield analyzed_fields(analyzer, doc)
        return
    global _JOB
    _JOB = (analyzer, documents)
    try:
        pool = multiprocessing.get_context("fork").Pool(1)
    finally:
        _JOB = None
    try:
        bounds = [(start, min(start + RUN, len(documents))) for start in range(0, len(documents), RUN)]
        for run in pool.imap(_analyse_run, bounds):
            yield from run
    finally:
        pool.terminate()
        pool.join()


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _analyse_run(bounds: tuple[int, int]) -> list[dict]:
    """The analyses of a run of documents, with plain dicts for counts (a Counter unpickles slower)."""
    analyzer, documents = _JOB
    return [{name: (dict(counts), length) for name, (counts, length) in analyzed_fields(analyzer, documents[n]).items()}
            for n in range(*bounds)]
