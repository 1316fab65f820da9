"""Pages rendered in worker processes while the main process writes the search index; or, for a
rebuild that re-indexes few articles, the index updated in a forked process while the main one
plans and renders the pages (:class:`IndexWorker`).

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
import pickle
import threading
from itertools import compress, filterfalse
from operator import eq, ne
from typing import Callable, Iterator

from sitegen import forked, pagedeps, render
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


class IndexWorker:
    """``job()`` (an incremental build's index update, then the browser's projection of it) run in
    a forked process while this one plans and renders the pages. The child stages the browser's files
    through its copy of ``stager`` and sets fields of its copy of ``state``; :meth:`result`
    records those files in ``stager`` (as :class:`PageWorkers` does for pages), copies those
    fields into ``state`` and returns what ``job`` returned, or raises what it raised."""

    STATE_FIELDS = ("analyzer", "documents", "vocabulary", "fresh_index")

    def __init__(self, job: Callable[[], object], stager: Stager, state, documents: dict[str, str],
                 ids: list[str]) -> None:
        """``documents``: the previous build's document hashes, and ``ids`` the articles' ids in
        order: the child sends only the hashes that differ (100,000 of them unchanged)."""
        self.stager, self.state = stager, state
        self._documents, self._ids = documents, ids
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read)
            _run_and_report(job, stager, state, write, documents)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self):
        with os.fdopen(self._read, "rb") as pipe:
            self._read = None
            data = pipe.read()
        try:
            ok, value = pickle.loads(data)
        except Exception:  # killed (out of memory?), or an error that does not unpickle
            raise RuntimeError("the process writing the search index stopped without a result") from None
        if not ok:
            raise value
        returned, fields, staged, kept = value
        fields["documents"] = self._documents_now(*fields["documents"])
        for name, field_value in fields.items():
            setattr(self.state, name, field_value)
        for path, digest, linked in staged:
            self.stager.record(path, digest, linked)
        self.stager.record_kept(kept)
        return returned

    def _documents_now(self, changed: dict[str, str], count: int) -> dict[str, str]:
        """Every article's document hash, in article order, from the ones that ``changed`` (the
        child's) and the previous build's: most often the same ids in the same order, when a
        copy of the previous table, updated, is that (C loops, not 100,000 lookups in Python)."""
        before, ids = self._documents, self._ids
        if len(before) == len(ids) == count and list(before) == ids and changed.keys() <= before.keys():
            documents = dict(before)
            documents.update(changed)
        else:
            documents = {i: changed[i] if i in changed else before[i] for i in ids}
        assert len(documents) == count
        return documents

    def close(self) -> None:
        """Stop the child (a build that failed meanwhile), or reap it (it has reported: its exit,
        the unmapping of its memory, is waited for only here, once the build is done)."""
        if self._read is not None:
            os.close(self._read)
            self._read = None
        if self._pid:
            forked.end(self._pid, stop=True)
            self._pid = 0


def _staged_and_kept(stager: Stager, known: set[str]) -> tuple[list[tuple[str, str, bool]], list[str]]:
    """The files ``stager`` recorded besides the ``known`` ones: those staged, with their hash and
    whether they were linked, and those of a delta left in place with the previous build's hash
    (most of them, sent by name only: C loops over the 100,000 documents' files of the projection)."""
    hashes, previous = stager.hashes, stager.previous
    recorded = list(filterfalse(known.__contains__, hashes))
    written = set(stager.staged())
    kept: list[str] = []
    if stager.delta:
        linked = list(filterfalse(written.__contains__, recorded))
        kept = list(compress(linked, map(eq, map(previous.get, linked), map(hashes.__getitem__, linked))))
    others = filterfalse(set(kept).__contains__, recorded) if kept else recorded
    return [(path, hashes[path], path not in written) for path in others], kept


def _run_and_report(job: Callable[[], object], stager: Stager, state, pipe: int, documents: dict[str, str]) -> None:
    try:
        known = set(stager.hashes)
        try:
            returned = job()
            staged, kept = _staged_and_kept(stager, known)
            fields = {name: getattr(state, name) for name in IndexWorker.STATE_FIELDS}
            now = state.documents  # (the hashes that differ from the previous build's: C loops over 100,000)
            fields["documents"] = (dict(compress(now.items(), map(ne, map(documents.get, now), now.values()))),
                                   len(now))
            outcome = (True, (returned, fields, staged, kept))
        except BaseException as exc:  # (KeyboardInterrupt too: the parent raises it)
            outcome = (False, exc)
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.loads(data) if not outcome[0] else None  # an exception that cannot be rebuilt: said as text
        except Exception:
            data = pickle.dumps((False, RuntimeError(f"{type(outcome[1]).__name__}: {outcome[1]}")))
        with os.fdopen(pipe, "wb") as out:
            out.write(data)
    finally:
        os._exit(0)
