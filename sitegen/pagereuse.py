"""Which pages a build renders and which it links unchanged from the previous site.

:class:`PageReuse` compares each planned page's digest (``pagedeps``) with the previous
build's: an equal page is linked by the :class:`~sitegen.staging.Stager` and keeps its
recorded title; the others are rendered, here or by worker processes (``parallel``), with
what they read recorded. It also serves ``render.write_pages``'s numbering of pages that
share a title: a linked page keeps the number it had, or is rendered again when its number
changes (or it no longer needs one), so the result is the one a full build writes.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from sitegen import pagedeps, render
from sitegen.pagedeps import DIGEST, FINAL, NUMBER, READS, TITLE, PageDigests, PageRecords
from sitegen.staging import Stager


RUN_TEMPLATE = "article.html"  # its pages are one run (render.plan_pages): told unchanged in bulk


class PageReuse:
    def __init__(self, env, digests: PageDigests, stager: Stager, previous: PageRecords | None = None,
                 memory: pagedeps.Memory | None = None, fresh: Iterable[str] = ()):
        """``memory``: the previous build's (``pagedeps.memory_from_json``); ``fresh``: the ids of
        the articles this build parsed (the others are the parse cache's, unchanged)."""
        self.env, self.digests, self.stager = env, digests, stager
        self.previous = previous = previous or PageRecords()
        self.memory = memory or pagedeps.Memory()
        self.fresh = list(fresh)
        self.runs: dict[str, pagedeps.Run] = {}  # each run of pages (pagedeps.Memory)
        self._numbers = {path: (record[NUMBER], record[FINAL]) for path, record in previous.pages.items()
                         if record[NUMBER]}
        self.records = previous.following()  # (a linked page's record: the previous one, as it is)
        self.kept: set[str] = set()
        self._rewritten: set[str] = set()  # kept pages written again (numbered differently)
        self._numbered: set[str] = set()
        self._had_number: list[int] = []  # positions of the linked pages that had a number
        self.rendered_count = 0  # page renders (a numbered page rendered again counts twice)

    def split(self, planned: list[render.Page]) -> list[int]:
        """Link every page whose digest is unchanged; returns the positions of the pages to render.

        The article pages, most of a large site, are told unchanged in bulk when they can be
        (``PageDigests.unchanged_in_run``): only the pages around the articles this build parsed
        are digested one by one. A linked page's record is the previous one (its numbering is
        remembered apart: ``numbered_title``)."""
        previous = self.previous
        positions: list[int] = []  # of the pages found unchanged
        paths: list[str] = []  # theirs
        others: list[int] | range = range(len(planned))
        start = next((index for index, page in enumerate(planned) if page.template == RUN_TEMPLATE), None)
        if start is not None:
            end = start
            while end < len(planned) and planned[end].template == RUN_TEMPLATE:
                end += 1
            pages = planned[start:end]
            run = self.runs[RUN_TEMPLATE] = self.digests.run(pages)
            run_paths = run.paths
            found = self.digests.unchanged_in_run(pages, run, self._around_fresh(run_paths), previous, self.memory)
            if found is not None:
                positions = [start + index for index in found]
                paths = [run_paths[index] for index in found]
                others = sorted(set(range(len(planned))).difference(positions))
        more = [others[index] for index in self.digests.unchanged([planned[index] for index in others], previous)]
        positions += more
        paths += [planned[index].path for index in more]
        refused = set(self.stager.keep_many(paths))
        if refused:
            positions = [index for index, path in zip(positions, paths) if path not in refused]
            paths = [path for path in paths if path not in refused]
        self.records.pages.update(zip(paths, map(previous.pages.__getitem__, paths)))
        self.kept.update(paths)
        self._had_number = sorted(index for index, path in zip(positions, paths) if path in self._numbers)
        return sorted(set(range(len(planned))).difference(positions))

    def _around_fresh(self, paths: list[str]) -> set[str]:
        """The paths of the run's pages next to a page of an article this build parsed, and its own
        (their contexts hold it: the article, or its neighbour)."""
        where = {render.pages_of.article_path(article_id) for article_id in self.fresh}
        around = set()
        if where:
            for index, path in enumerate(paths):
                if path in where:
                    around.update(paths[max(index - 1, 0):index + 2])
        return around

    def rendered(self, page: render.Page, title: str | None, reads: Iterable[str]) -> None:
        self.rendered_count += 1
        reads = tuple(sorted(reads))
        self.records.pages[page.path] = self.records.record(
            self.digests.page(page.path, page.template, page.context, reads), reads, title)

    def render(self, page: render.Page) -> str:
        """Render and write one page here, recording what it read."""
        html, reads = pagedeps.recording(lambda: render.write_page(self.env, page, self.stager.staging,
                                                                    self.stager.write))
        self.rendered(page, render.page_title(html), reads)
        return html

    def first_pass(self, planned: list[render.Page], stale: list[int],
                   rendered: Iterator[tuple[render.Page, str | None, list[str]]] | None = None
                   ) -> Iterator[list[str | None]]:
        """The title of every page, in runs of consecutive pages, in order: linked ones from the
        state (a run at a time), the others rendered here or taken from ``rendered`` (the
        workers' results, in order), one at a time. ``stale``: the positions of the pages to
        render, ascending (:meth:`split`)."""
        records, start = self.records.pages, 0
        for index in stale:
            if index > start:
                yield [records[page.path][TITLE] for page in planned[start:index]]
            page = planned[index]
            if rendered is not None:
                done, title, reads = next(rendered)
                assert done.path == page.path, (done.path, page.path)
                self.rendered(page, title, reads)
                yield [title]
            else:
                yield [render.page_title(self.render(page))]
            start = index + 1
        if start < len(planned):
            yield [records[page.path][TITLE] for page in planned[start:]]

    # --- numbering of pages that share a title (render.write_pages) ---

    def numbered_title(self, page: render.Page, number: int) -> str | None:
        """The final title of a linked page that had this number before (its file is that one)."""
        before = self._numbers.get(page.path)
        if page.path in self.kept and before is not None and before[0] == number:
            return before[1]
        return None

    def write_numbered(self, page: render.Page) -> str:
        if page.path in self.kept:
            self._rewritten.add(page.path)
        self.rendered_count += 1
        records = self.records
        record = records.pages[page.path]
        html, reads = pagedeps.recording(lambda: render.write_page(self.env, page, self.stager.staging,
                                                                    self.stager.write))
        if not reads <= set(records.reads(record)):
            everything = tuple(sorted(set(records.reads(record)) | reads))
            digest = self.digests.page(page.path, page.template,
                                       {k: v for k, v in page.context.items() if k != "title_number"}, everything)
            again = records.record(digest, everything, record[TITLE])
            again[NUMBER:] = record[NUMBER:]
            records.pages[page.path] = again  # (a new record: a linked page's is the previous state's)
        return html

    def numbered(self, page: render.Page, number: int, title: str) -> None:
        record = self.records.pages[page.path]
        if record[NUMBER:] != [number, title]:  # (a new record: a linked page's is the previous state's)
            self.records.pages[page.path] = [record[DIGEST], record[READS], record[TITLE], number, title]
        self._numbered.add(page.path)
        if page.path in self._rewritten and self.numbered_title(page, number) == title:
            if not self.stager.keep(page.path):  # back to the previous file, which has this number
                self.write_numbered(render.Page(page.path, page.template, {**page.context, "title_number": number}))

    def finish(self, planned: list[render.Page]) -> None:
        """Render again the linked pages that had a number and need none now."""
        for index in self._had_number:
            page = planned[index]
            if page.path not in self._numbered:
                self.render(page)


class DerivedFiles:
    """Exports and feeds: each is made and written only when the data it is made from changed
    (its digest, kept in the state); otherwise the previous site's file is linked."""

    def __init__(self, values: pagedeps.Fingerprints, stager: Stager, previous: dict[str, str]):
        self.values, self.stager, self.previous = values, stager, previous
        self.digests: dict[str, str] = {}

    def write(self, path: str, inputs: tuple, make: Callable[[], bytes]) -> None:
        digest = self.values.of(inputs).hex()
        self.digests[path] = digest
        if self.previous.get(path) == digest and self.stager.keep(path):
            return
        self.stager.write(path, make())
