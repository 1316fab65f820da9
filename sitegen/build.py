"""The build, in the order of the data flow: config → content → archive → pages + index.

Everything is read and checked before anything is written. Pages and the search index are
written into staging folders and swapped into place together only when both are complete,
so a failed build leaves the previous site and index untouched.
"""

from __future__ import annotations

import errno
import itertools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sitegen import buildstate, collector, exports, feeds, incremental_index, inputwalk, lock, output, pagedeps, parallel, render, sitelisting, swap
from sitegen.buildstate import State
from sitegen.search import index_content, write_browser_index
from sitegen.search.browser_index import update_browser_index
from sitegen.pagereuse import DerivedFiles, PageReuse
from sitegen.parsecache import ParseCache
from sitegen.staging import Stager

BROWSER_FOLDER = "search"  # where write_browser_index writes in the site
from sitegen.archive import NOT_FOUND_PATH, Archive, export_path as exports_path, make_archive
from sitegen.config import SiteConfig, check_paths
from sitegen.content import load_content, read_paths
from sitegen.errors import WARNING, BuildFailed, Diagnostic
from sitegen.model import Content

# Called as work advances: (stage, items done, items in all); stages are "pages", "index" and "browser".
Progress = Callable[[str, int, int], None]
# Writes the full-text index of the content into the (empty) folder it is given, reporting
# (documents done, documents in all) to the callback when there is one.
IndexWriter = Callable[..., None]
# Projects the written index into the site for the browser's search: (index folder, site folder,
# published content, progress=...).
BrowserIndexWriter = Callable[..., object]


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    index_dir: Path | None
    articles: int
    incidents: int
    pages: int
    located: int  # incidents with coordinates: on the maps and in incidents.geojson
    diagnostics: tuple[Diagnostic, ...]
    pending_incidents: int = 0  # incidents shown as awaiting review
    withheld: int = 0  # pending articles left out by reviewed_only
    notes: tuple[str, ...] = ()  # what the build did besides building (recovered a swap...)
    incremental: bool = False  # built from the previous build's state (False: a full build)
    pages_written: int = 0  # site files written anew (the others were linked from the previous site)
    pages_rendered: int = 0  # pages rendered (the others' inputs were unchanged: linked, not rendered)
    files_kept: int = 0  # site files linked unchanged from the previous site
    reindexed: int = 0  # articles (re)written into the index; removed ones are not counted
    full_reason: str = ""  # why a build was full ("" for an incremental one)
    unchanged: bool = False  # no input changed since the last build: nothing was written
    timings: dict = field(default_factory=dict)  # seconds by stage: inputs, load, pages, index, swap
    previous_folders: tuple[Path, ...] = ()  # the replaced outputs, left for swap.discard (discard_later)

    @property
    def home(self) -> Path:
        return self.site_dir / "index.html"


@collector.keeping
def build(config: SiteConfig, *, strict: bool = False, force: bool = False, progress: Progress | None = None,
          write_index: IndexWriter | None = index_content,
          write_browser: BrowserIndexWriter | None = write_browser_index, full: bool = False,
          jobs: int | None = None, discard_later: bool = False, exits_after: bool = False) -> BuildResult:
    """Build the site and its full-text index; raise BuildFailed on errors.

    ``write_index`` writes the index into the staging folder it is given (None: no index);
    ``write_browser`` then projects it into the site for the search page (None: no browser search).
    ``force`` deletes files a person added to the output folder (refused otherwise).

    With the default index writer, a build is incremental (``buildstate``): it does nothing
    when no input changed, else it writes only the files that changed and re-indexes only
    the changed articles, and its site and search results equal a full build's. ``full``
    (or a missing, corrupt or foreign state) makes a clean build. ``jobs``: processes that
    render pages (default: the number of cores; 1: all in this process). ``discard_later``: the
    replaced files are left in folders the caller deletes once it has shown the result
    (``swap.discard(result.previous_folders)``), so that the deletion costs no waiting.
    ``exits_after``: the caller ends the process right after (the `sitegen` program): what the
    build read is left to it (``collector.leave``), not freed object by object.
    """
    check_paths(config)
    clock = _Clock()
    incremental = write_index is index_content and not full
    notes: list[str] = []
    targets = {"site": output.resolve_target(config.output_dir)}
    if write_index:
        targets["index"] = output.resolve_target(config.index_dir)
    for name, given in (("site", config.output_dir), ("index", config.index_dir)):
        if name in targets and given.is_symlink():
            notes.append(f"{given} is a symbolic link: building into its target {targets[name]}")
    ahead = (inputwalk.StatsAhead([str(folder) for folder in _input_folders(config)])
             if write_index is index_content else None)  # the input files' stats, meanwhile (forked first)
    early = (sitelisting.Prefetch(targets["site"], targets["index"] / sitelisting.RECORD_FILE, swap.MARKER)
             if incremental and (targets["site"] / swap.MARKER).is_file() else None)  # the site's files, meanwhile
    earlier, earlier_reason = (buildstate.load(targets["index"], targets["site"]) if incremental
                               else (None, ""))  # read once; still_current says if another build replaced it
    hashed_at = time.time_ns()
    listings: dict = {}  # the input folders' entries, listed once (articles/ is not listed again to load it)
    inputs, files = (buildstate.fingerprint_inputs(config, _input_folders(config), [write_browser is not None],
                                                   earlier.files if earlier else None,
                                                   earlier.hashed_at if earlier else 0, listings, ahead)
                     if write_index is index_content else ("", {}))
    clock.lap("inputs")
    if incremental:
        unchanged = _nothing_changed(config, targets, earlier, inputs, strict, force, notes, early)
        if unchanged is not None:
            unchanged.timings.update(clock.lap("check"))
            return unchanged
    parsed = ParseCache(targets["index"] if earlier else None, files)
    content, diagnostics = load_content(config.content_dir, parsed.parse_all, parsed.vocabulary, listings)
    if parsed.problem:
        notes.append(f"{parsed.problem}: every article was parsed again (the cache is rewritten)")
    if content is None:
        raise BuildFailed(diagnostics)
    site = make_archive(content, reviewed_only=config.reviewed_only)
    clock.lap("load")
    if config.reviewed_only and content.articles and not site.articles:
        diagnostics.append(Diagnostic(config.content_dir / "articles", None,
                                      "reviewed_only is set and no article is marked 'review: reviewed': "
                                      "the site has no article", severity=WARNING,
                                      hint="review the proposals (set review: reviewed), or unset reviewed_only"))
    if strict and diagnostics:
        raise BuildFailed(diagnostics)
    try:
        with lock.hold(list(targets.values())):
            present = {}  # each output folder's files, as found
            for name, target in targets.items():
                notes += swap.recover([target])
                notes += swap.clean_leftovers(target)
                present[name] = _check_replaceable(config, target, force, site=name == "site", early=early)
            previous, reason = None, ("--full was given" if full else "no index written" if not write_index
                                      else "a custom index writer" if write_index is not index_content else "")
            if incremental:
                previous, reason = ((earlier, earlier_reason) if earlier is None or buildstate.still_current(earlier, targets["index"])
                                    else buildstate.load(targets["index"], targets["site"]))
                if previous is not None and not (targets["site"] / swap.MARKER).exists():
                    previous, reason = None, f"{targets['site']} is missing"
            inputs_seen = {"inputs": inputs, "files": files, "hashed_at": hashed_at, "parsed": parsed}
            held: list | None = [content, site, parsed, earlier, previous, files, present] if exits_after else None
            stats = _stage_and_swap(content, site, config, targets, progress, write_index, previous, inputs_seen,
                                    diagnostics, clock, jobs or parallel.default_jobs(), write_browser,
                                    present["site"], discard_later, held)
            if held is not None:
                collector.leave(held)
    except (output.OutputError, lock.LockBusy, swap.SwapError) as exc:
        raise BuildFailed([Diagnostic(targets["site"], None, str(exc))]) from None
    except OSError as exc:
        raise BuildFailed([_os_diagnostic(exc)]) from None
    return BuildResult(
        site_dir=config.output_dir,
        index_dir=config.index_dir if write_index else None,
        articles=len(site.articles),
        incidents=len(site.incidents),
        located=sum(site.vocabulary.located(r.incident.location) is not None for r in site.incidents),
        pages=stats["pages"],
        diagnostics=tuple(diagnostics),
        pending_incidents=site.pending_incidents,
        withheld=len(site.withheld),
        notes=tuple(notes),
        incremental=stats["incremental"],
        pages_written=stats["written"],
        pages_rendered=stats["rendered"],
        files_kept=stats["kept"],
        reindexed=stats["reindexed"],
        full_reason=reason,
        timings=clock.laps,
        previous_folders=tuple(stats["previous"]),
    )


class _Clock:
    """Seconds spent in each stage of a build, in order."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> dict[str, float]:
        now = time.perf_counter()
        self.laps[stage] = self.laps.get(stage, 0.0) + now - self._last
        self._last = now
        return self.laps


def discard_previous(result: BuildResult) -> None:
    """Delete what a build with ``discard_later`` replaced (call once its result is shown)."""
    swap.discard(list(result.previous_folders))


def describe_mode(result: BuildResult) -> str:
    """One line for the user: how much of the site the build rewrote, or why it was full."""
    if not result.incremental:
        return f"Full build ({result.full_reason})." if result.full_reason else "Full build."
    if result.unchanged:
        return f"Nothing changed since the last build: {result.files_kept:,} files left as they were."
    return (f"Incremental build: {result.pages_rendered:,} of {plural(result.pages, 'page')} rendered, "
            f"{plural(result.pages_written, 'file')} written, {result.files_kept:,} unchanged, "
            f"{plural(result.reindexed, 'article')} re-indexed.")


def plural(n: int, noun: str) -> str:
    """``1 article``, ``2 articles``, ``10,161 articles``: English in the terminal."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _project(write_browser: BrowserIndexWriter, index_dir: Path, live_site: Path, stager: Stager,
             published: Content, previous: State | None, state: State | None, progress: Progress | None) -> None:
    """The browser's index in the staged site: the previous one linked when no document and no
    vocabulary changed; else updated (only the files the changed articles touch are written,
    ``update_browser_index``); else, or when it cannot be updated, projected in full (a file
    with the previous build's bytes still linked, not written)."""
    projected = previous is not None and f"{BROWSER_FOLDER}/meta.js" in previous.outputs  # (every projection has it)
    if projected and state is not None and incremental_index.projection_unchanged(previous, state):
        paths = [p for p in previous.outputs if p.startswith(BROWSER_FOLDER + "/")]
        if all((live_site / p).is_file() for p in paths):
            for path in paths:
                stager.keep(path)
            return
    if write_browser is not write_browser_index:  # a custom projection writes where it likes
        write_browser(index_dir, stager.staging, published,
                      progress=(lambda done, total: progress("browser", done, total)) if progress else None)
        stager.record_folder(BROWSER_FOLDER)
        return

    def keep(path: str) -> None:  # a file of the previous projection, unchanged
        if not stager.keep(path):
            stager.write(path, (live_site / path).read_bytes())

    def keep_many(paths: list[str]) -> None:  # (in bulk: the documents' files, 100,000 of them)
        for path in stager.keep_many(paths):
            stager.write(path, (live_site / path).read_bytes())

    if (projected and state is not None and (previous.vocabulary, previous.analyzer) == (state.vocabulary, state.analyzer)
            and update_browser_index(index_dir, live_site / BROWSER_FOLDER, stager.staging, published,
                                     incremental_index.changed_ids(previous, state), keep=keep,
                                     write=stager.write, keep_many=keep_many)):
        return
    write_browser_index(index_dir, stager.staging, published, write=stager.write,
                        progress=(lambda done, total: progress("browser", done, total)) if progress else None)


def _index_and_project(update_index: Callable[..., int], write_browser: BrowserIndexWriter | None, index_dir: Path,
                       live_site: Path, stager: Stager, published: Content, previous: State, state: State) -> int:
    """A rebuild's index update, then the browser's projection of it (in ``parallel.IndexWorker``)."""
    reindexed = update_index(progress=None)
    if write_browser:
        _project(write_browser, index_dir, live_site, stager, published, previous, state, None)
    return reindexed


def _input_folders(config: SiteConfig) -> list[Path]:
    return [*read_paths(config.content_dir), config.templates_dir, render.BUILTIN_TEMPLATES, config.static_dir]


def _check_replaceable(config: SiteConfig, target: Path, force: bool, site: bool,
                       early: sitelisting.Prefetch | None = None) -> list[str] | None:
    """``output.check_replaceable`` for one output folder of this project (the site keeps the
    files ``static/`` also holds, and is listed from its folders' record: ``early``, read since
    the build started); the files found in it."""
    return output.check_replaceable(target, protected=[config.content_dir, config.templates_dir,
                                                       config.static_dir, Path.cwd()], force=force,
                                    static_dir=config.static_dir if site else None,
                                    record=(output.resolve_target(config.index_dir) / sitelisting.RECORD_FILE
                                            if site else None), early=early if site else None)


def _nothing_changed(config: SiteConfig, targets: dict[str, Path], state: State | None, inputs: str, strict: bool,
                     force: bool, notes: list[str], early: sitelisting.Prefetch | None = None) -> BuildResult | None:
    """The previous build's result when no input changed and its outputs are in place; else None
    (and the build goes on, which recovers a swap or says what is wrong with the output folders)."""
    site_dir, index_dir = targets["site"], targets["index"]
    if swap.journal_path(site_dir).exists() or swap.journal_path(index_dir).exists():
        return None
    if state is None or state.inputs != inputs or not (site_dir / swap.MARKER).exists():
        return None
    try:
        with lock.hold([site_dir, index_dir]):
            for target in (site_dir, index_dir):
                present = _check_replaceable(config, target, force, site=target == site_dir, early=early)
                if (present is not None and output.foreign_files(target, present)
                        or any(target.parent.glob(f".{target.name}.[no][el][wd]-*"))):
                    return None  # --force deletes them; leftovers of a dead build are cleaned
    except (output.OutputError, lock.LockBusy, OSError):
        return None
    figures = state.result
    diagnostics = buildstate.diagnostics_from_json(figures.get("diagnostics", []))
    if strict and diagnostics:
        raise BuildFailed(diagnostics)
    return BuildResult(site_dir=config.output_dir, index_dir=config.index_dir, articles=figures["articles"],
                       incidents=figures["incidents"], pages=figures["pages"], located=figures["located"],
                       diagnostics=tuple(diagnostics), pending_incidents=figures["pending_incidents"],
                       withheld=figures["withheld"], notes=tuple(notes),
                       incremental=True, files_kept=len(state.outputs), unchanged=True)



def _stage_and_swap(content: Content, site: Archive, config: SiteConfig, targets: dict[str, Path],
                    progress: Progress | None, write_index: IndexWriter | None, previous: State | None,
                    inputs: dict, diagnostics: list[Diagnostic], clock: _Clock, jobs: int,
                    write_browser: BrowserIndexWriter | None = None, present: list[str] | None = None,
                    discard_later: bool = False, held: list | None = None) -> dict:
    """Stage the site and the index, then swap them in. With ``jobs`` > 1, pages are rendered by
    worker processes while this process writes the index. ``inputs``: the digest of the inputs,
    each file's hash and stat, when hashing started, and the cache of parsed articles.

    An incremental build stages only the site's new files, a delta (``present``: the files of the
    live site); a full build stages the whole site (``sitegen.swap``). ``held``: a list that
    takes what was planned and digested, when the process ends without freeing it."""
    transaction = swap.Swap()
    stats = {"incremental": previous is not None, "reindexed": 0}
    workers = indexer = None
    delta = previous is not None and present is not None
    try:
        site_dir = transaction.stage(targets["site"], delta=delta)
        stager = Stager(site_dir, targets["site"] if previous else None, previous.outputs if previous else None,
                        delta=delta, present=set(present) if delta else None)
        env = render.make_environment(config)
        env.globals["site"] = pagedeps.Recorder(config, pagedeps.SETTINGS)  # what each page reads is recorded
        digests = pagedeps.PageDigests(site, config, lambda name: render.template_sources(env, name),
                                       env.globals["built_on"], fixed=(env.globals["month_names"],))
        digests.values.seed(inputs["parsed"].fingerprints)  # unchanged articles are not digested again
        # a rebuild that re-indexes few articles forks its index work (the Whoosh update, then the
        # browser's projection) first, so that it runs beside the planning and the pages done here;
        # otherwise many pages are rendered by workers beside the index written here
        fork_index = (write_index is index_content and previous is not None and jobs > 1 and parallel.can_fork()
                      and inputs["parsed"].parsed_count <= parallel.CHUNK
                      and previous.vocabulary == incremental_index.vocabulary_digest(content.vocabulary))
        state = None
        if write_index:
            index_dir = transaction.stage(targets["index"])
            published = Content(articles=site.articles, vocabulary=content.vocabulary)  # reviewed_only applies
            index_progress = (lambda done, total: progress("index", done, total)) if progress else None
            if write_index is index_content:
                state = State(site_dir=str(targets["site"]), inputs=inputs["inputs"], files=inputs["files"],
                              hashed_at=inputs["hashed_at"])

                def update_index(progress=index_progress) -> int:
                    # in place when it can be: the browser's projection of an updated index is a fresh one's
                    return incremental_index.write(
                        published, targets["index"], index_dir, previous, state, progress,
                        fresh=write_browser is not None and write_browser is not write_browser_index,
                        document_digest=lambda article: digests.values.of(article).hex())

                if fork_index:  # (the browser's projection too: progress is not shown from there)
                    indexer = parallel.IndexWorker(lambda: _index_and_project(update_index, write_browser, index_dir, targets["site"],
                                                                              stager, published, previous, state),
                                                   stager, state, previous.documents, [a.id for a in published.articles])
        planned = render.plan_pages(pagedeps.Recorder(site, pagedeps.ARCHIVE), config.page_size, config.latest)
        reuse = PageReuse(env, digests, stager, pagedeps.PageRecords.from_json(previous.pages) if previous else None,
                          pagedeps.memory_from_json(previous.pages) if previous else None, inputs["parsed"].fresh_ids)
        stale = reuse.split(planned)
        collector.keep()  # what was read and planned lives to the end: collections never walk it
        collector.resume()  # (paused since the build started: reading and planning make no cyclic garbage)
        clock.lap("plan")
        if jobs > 1 and parallel.can_fork() and len(stale) > parallel.CHUNK:
            workers = parallel.PageWorkers(env, [planned[i] for i in stale], stager, jobs)
        if write_index and not indexer:
            if write_index is index_content:
                stats["reindexed"] = update_index()
            else:
                write_index(published, index_dir, progress=index_progress)
            clock.lap("index")
            if write_browser:  # the browser's index is part of the site: written before the site is sealed
                _project(write_browser, index_dir, targets["site"], stager, published, previous, state, progress)
                clock.lap("browser")
        derived = DerivedFiles(digests.values, stager, previous.derived if previous else {})
        pages = _write_site(site, config, env, planned, site_dir, progress, stager.write,
                            lambda pages: reuse.first_pass(pages, stale, workers.results() if workers else None),
                            reuse, derived)
        if indexer:
            clock.lap("pages")
            stats["reindexed"] = indexer.result()  # its files recorded, the state's document hashes set
            clock.lap("index")  # (the child is reaped at the end: its exit is not waited for here)
        _seal_site(config, site_dir, stager, transaction, targets["site"], delta,
                   index_dir / sitelisting.RECORD_FILE if write_index and delta else None, present)
        stats.update(pages=pages, written=stager.written, kept=stager.linked, rendered=reuse.rendered_count)
        clock.lap("pages")
        if state is not None:
            state.outputs = stager.hashes
            state.pages = reuse.records.to_json(digests.memory(), reuse.runs)
            state.derived = derived.digests
            state.result = {"articles": len(site.articles), "incidents": len(site.incidents), "pages": pages,
                            "located": sum(site.vocabulary.located(r.incident.location) is not None
                                           for r in site.incidents),
                            "pending_incidents": site.pending_incidents, "withheld": len(site.withheld),
                            "diagnostics": buildstate.diagnostics_to_json(diagnostics)}
            buildstate.save(state, index_dir, previous)
            inputs["parsed"].save(index_dir, digests.values.of)
        if write_index:
            output.seal(index_dir)
        if held is not None:
            held += [planned, digests, reuse, stager, state, derived, env]
        clock.lap("state")
    except BaseException:
        for worker in (workers, indexer):  # stopped first: a worker would write into the removed staging folders
            if worker:
                worker.close()
        workers = indexer = None
        transaction.abort()
        raise
    finally:
        for worker in (workers, indexer):
            if worker:
                worker.close()
    try:
        stats["previous"] = transaction.commit(defer=discard_later)
        clock.lap("swap")
    except OSError as exc:
        raise swap.SwapError(f"the swap of the new site and index stopped half way ({exc.strerror}: "
                             f"{exc.filename}); the next `sitegen build`, `sitegen search` or `sitegen extract` finishes it") from None
    return stats


def _seal_site(config: SiteConfig, site_dir: Path, stager: Stager, transaction: swap.Swap, live: Path,
               delta: bool, record: Path | None = None, listing: list[str] | None = None) -> None:
    """Copy ``static/`` and list every file in the marker; for a delta, say which files the
    commit puts in place and which of the live site's files (``stager.present``) it removes,
    and ``record`` the site's folders for the next build (``sitelisting``; ``listing``: the
    live site's files, as found)."""
    if not delta:
        output.copy_static(config.static_dir, site_dir)
        output.seal(site_dir)
        return
    static = output.copy_static(config.static_dir, site_dir, written=stager.hashes, live=live, present=stager.present)
    # The site's files are those the stager recorded and the static ones; in a delta, the ones it did
    # not write anew are the live site's, left in place (in ``present``): only the few written anew
    # and the static ones can be new, and the count says whether any live file is dropped (no pass
    # over the 220,000 paths of 100,000 articles unless one is)
    present, hashes = stager.present, stager.hashes
    new = sorted(path for path in itertools.chain(stager.staged(), static) if path not in present)
    missing = len(present) - (len(hashes) + len(static) - len(new))
    dropped = sorted(present.difference(hashes, static)) if missing else []
    assert len(dropped) == missing, (len(dropped), missing)
    if isinstance(listing, sitelisting.Listing):  # sorted: the new list is it, less the dropped, merged with the new
        gone = set(dropped)
        ordered = [path for path in listing if path not in gone] if gone else list(listing)
        ordered += new
        ordered.sort()  # (two sorted runs: merged in one pass)
        marker = output.seal(site_dir, ordered, in_order=True)
    else:
        marker = output.seal(site_dir, hashes.keys() | static)
    staged = stager.staged() + [path for path in static if os.path.lexists(site_dir / path)] + [swap.MARKER]
    transaction.plan_delta(site_dir, staged, dropped)
    if record is not None:
        sitelisting.save(record, live, listing if isinstance(listing, sitelisting.Listing) else None,
                         staged + dropped, marker)


def _os_diagnostic(exc: OSError) -> Diagnostic:
    """A file-system failure (disk full, read-only, too long a name) as a message, not a traceback."""
    hints = {errno.ENOSPC: "free some space and build again",
             errno.EROFS: "the file system is read-only: choose another --out",
             errno.EACCES: "check the folder's permissions, or choose another --out",
             errno.ENAMETOOLONG: "shorten the id that names this file"}
    where = exc.filename or "output"
    return Diagnostic(where, None, f"cannot write: {exc.strerror or exc}",
                      hint=(hints.get(exc.errno, "check the disk and the folder") +
                            "; the previous site and index are untouched"))


def _write_site(site: Archive, config: SiteConfig, env, planned: list[render.Page], out_dir: Path,
                progress: Progress | None, write: Callable[[str, bytes], None], first_pass, reuse,
                derived: DerivedFiles) -> int:
    render.copy_assets(config, out_dir, write)
    render.write_pages(env, planned, out_dir, (lambda n: progress("pages", n, len(planned))) if progress else None,
                       write, first_pass, reuse)
    _write_exports(site, derived)
    for path, (inputs, make) in feeds.feed_sources(site, config.title, config.base_url).items():
        derived.write(path, inputs, lambda make=make: make().encode("utf-8"))
    files = {}
    if config.base_url:
        files.update(feeds.sitemaps([page.path for page in planned if page.path != NOT_FOUND_PATH],
                                     config.base_url))
        files["robots.txt"] = feeds.robots(config.base_url)
    for path, text in files.items():
        write(path, text.encode("utf-8"))
    return len(planned)


def _write_exports(site: Archive, derived: DerivedFiles) -> None:
    """incidents.json/.csv/.geojson for the whole archive, and for each browse page's incidents."""
    subsets = [(None, None, site.incidents)] + [(f.kind, f.id, f.incidents)
                                                for facets in site.facets.values() for f in facets]
    for kind, key, records in subsets:
        for fmt, (export, encoding) in exports.FORMATS.items():
            derived.write(exports_path(fmt, kind, key), (fmt, records, site.vocabulary),
                          lambda export=export, records=records, encoding=encoding:
                          export(records, site.vocabulary).encode(encoding))
