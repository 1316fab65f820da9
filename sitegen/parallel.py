"""Pages rendered in worker processes while the main process writes the search index.

The workers are forked after the archive is made, so they share it (and the Jinja
environment) without pickling it. Each renders a run of consecutive pages and writes them
into the staged site through its own :class:`~sitegen.staging.Stager` (unchanged files
linked from the previous site, or left in place in a delta), and sends back for each page
its title and content hash.
Results come back in page order, so the title numbering of ``render.write_pages`` (the
second page of a title is "(2)") is the same as a sequential build's.

Forking needs the ``fork`` start method (Linux, macOS); elsewhere, or with one job, the
build renders in its own process.

The workers run at a lower priority (``WORKER_NICENESS``): the index, then the browser's
projection of it, are written one after the other by the main process, the longest chain
of work of a cold build, so it gets a core whenever it can use one, and the pages take
the rest; when the index has little to do (an incremental build), the pages get every core.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from typing import Iterator

from sitegen import pagedeps, render
from sitegen.staging import Stager

CHUNK = 64  # pages a worker renders per task
WORKER_NICENESS = 2  # added to the page workers' niceness: the index writer comes first
_JOB: tuple | None = None  # what the forked workers render: (env, pages, stager)


def default_jobs() -> int:
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Forking is safe only from a process with one thread (``sitegen serve`` has more: it
    renders in its own process then)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


class PageWorkers:
    """Worker processes rendering ``pages``; :meth:`results` yields ``(page, title, reads)`` in page
    order (``reads``: what the page read from the archive and the settings, ``pagedeps``)."""

    def __init__(self, env, pages: list[render.Page], stager: Stager, jobs: int):
        global _JOB
        self.pages, self.stager = pages, stager
        _JOB = (env, pages, stager)
        bounds = [(start, min(start + CHUNK, len(pages))) for start in range(0, len(pages), CHUNK)]
        try:  # no more workers than runs: forking a large process costs
            self._pool = multiprocessing.get_context("fork").Pool(max(1, min(jobs, len(bounds))),
                                                                  initializer=_yield_to_the_index)
        finally:
            _JOB = None
        self._results = self._pool.imap(_render_run, bounds)

    def results(self) -> Iterator[tuple[render.Page, str | None, list[str]]]:
        for run in self._results:  # an error of a worker (a template problem) is raised here
            for index, title, digest, linked, reads in run:
                self.stager.record(self.pages[index].path, digest, linked)
                yield self.pages[index], title, reads

    def close(self) -> None:
        self._pool.terminate()
        self._pool.join()


def _yield_to_the_index() -> None:
    try:
        os.nice(WORKER_NICENESS)
    except (OSError, AttributeError):  # not allowed, or no os.nice: the workers compete as equals
        pass


def _render_run(bounds: tuple[int, int]):
    env, pages, parent = _JOB
    stager = Stager(parent.staging, parent.previous_dir, parent.previous, parent.delta, parent.present)
    done = []
    for index in range(*bounds):
        path = pages[index].path
        html, reads = pagedeps.recording(lambda: render.write_page(env, pages[index], parent.staging, stager.write))
        done.append((index, render.page_title(html), stager.hashes[path], stager.was_linked(path), sorted(reads)))
    return done
