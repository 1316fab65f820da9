"""The build, in the order of the data flow: config → content → archive → pages + index.

Everything is read and checked before anything is written. Pages and the search index are
written into staging folders and swapped into place together only when both are complete,
so a failed build leaves the previous site and index untouched.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sitegen import exports, feeds, lock, output, render, swap
from sitegen.search import index_content, write_browser_index
from sitegen.archive import NOT_FOUND_PATH, Archive, export_path as exports_path, make_archive
from sitegen.config import SiteConfig, check_paths
from sitegen.content import load_content
from sitegen.errors import WARNING, BuildFailed, Diagnostic
from sitegen.model import Content

# Called as work advances: (stage, items done, items in all); stages are "pages", "index" and "browser".
Progress = Callable[[str, int, int], None]
# Writes the full-text index of the content into the (empty) folder it is given, reporting
# (documents done, documents in all) to the callback when there is one.
IndexWriter = Callable[..., None]
# Projects the written index into the site for the browser's search: (index folder, site folder,
# content), reporting (steps done, steps in all) to the ``progress`` keyword when there is one.
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

    @property
    def home(self) -> Path:
        return self.site_dir / "index.html"


def build(config: SiteConfig, *, strict: bool = False, force: bool = False, progress: Progress | None = None,
          write_index: IndexWriter | None = index_content,
          write_browser: BrowserIndexWriter | None = write_browser_index) -> BuildResult:
    """Build the site and its full-text index; raise BuildFailed on errors.

    ``write_index`` writes the index into the staging folder it is given (None: no index);
    ``write_browser`` then projects it into the site for the search page (None: no browser search).
    ``force`` deletes files a person added to the output folder (refused otherwise).
    """
    check_paths(config)
    content, diagnostics = load_content(config.content_dir)
    if content is None:
        raise BuildFailed(diagnostics)
    site = make_archive(content, reviewed_only=config.reviewed_only)
    if config.reviewed_only and content.articles and not site.articles:
        diagnostics.append(Diagnostic(config.content_dir / "articles", None,
                                      "reviewed_only is set and no article is marked 'review: reviewed': "
                                      "the site has no article", severity=WARNING,
                                      hint="review the proposals (set review: reviewed), or unset reviewed_only"))
    if strict and diagnostics:
        raise BuildFailed(diagnostics)
    notes: list[str] = []
    targets = {"site": output.resolve_target(config.output_dir)}
    if write_index:
        targets["index"] = output.resolve_target(config.index_dir)
    for name, given in (("site", config.output_dir), ("index", config.index_dir)):
        if name in targets and given.is_symlink():
            notes.append(f"{given} is a symbolic link: building into its target {targets[name]}")
    try:
        with lock.hold(list(targets.values())):
            for target in targets.values():
                notes += swap.recover([target])
                notes += swap.clean_leftovers(target)
                output.check_replaceable(target, protected=[config.content_dir, config.templates_dir,
                                                            config.static_dir, Path.cwd()], force=force,
                                         static_dir=config.static_dir if target == targets["site"] else None)
            pages = _stage_and_swap(content, site, config, targets, progress, write_index, write_browser)
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
        pages=pages,
        diagnostics=tuple(diagnostics),
        pending_incidents=site.pending_incidents,
        withheld=len(site.withheld),
        notes=tuple(notes),
    )



def _stage_and_swap(content: Content, site: Archive, config: SiteConfig, targets: dict[str, Path],
                    progress: Progress | None, write_index: IndexWriter | None,
                    write_browser: BrowserIndexWriter | None = None) -> int:
    transaction = swap.Swap()
    try:
        site_dir = transaction.stage(targets["site"])
        pages = _write_site(site, config, site_dir, progress)
        output.copy_static(config.static_dir, site_dir)
        if write_index:
            index_dir = transaction.stage(targets["index"])
            published = Content(articles=site.articles, vocabulary=content.vocabulary)  # reviewed_only applies
            write_index(published, index_dir,
                        progress=(lambda done, total: progress("index", done, total)) if progress else None)
            if write_browser:  # the browser's index is part of the site: written before the site is sealed
                write_browser(index_dir, site_dir, published,
                              progress=(lambda done, total: progress("browser", done, total)) if progress else None)
            output.seal(index_dir)
        output.seal(site_dir)
    except BaseException:
        transaction.abort()
        raise
    try:
        transaction.commit()
    except OSError as exc:
        raise swap.SwapError(f"the swap of the new site and index stopped half way ({exc.strerror}: "
                             f"{exc.filename}); the next `sitegen build`, `sitegen search` or `sitegen extract` finishes it") from None
    return pages


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


def _write_site(site: Archive, config: SiteConfig, out_dir: Path, progress: Progress | None) -> int:
    env = render.make_environment(config)
    planned = render.plan_pages(site, config.page_size)
    render.copy_assets(config, out_dir)
    written = 0

    def on_page(_page: render.Page) -> None:
        nonlocal written
        written += 1
        if progress:
            progress("pages", written, len(planned))

    render.write_pages(env, planned, out_dir, on_page)
    _write_exports(site, out_dir)
    files = feeds.plan_feeds(site, config.title, config.base_url)
    if config.base_url:
        files.update(feeds.sitemaps([page.path for page in planned if page.path != NOT_FOUND_PATH],
                                     config.base_url))
        files["robots.txt"] = feeds.robots(config.base_url)
    for path, text in files.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return len(planned)


def _write_exports(site: Archive, out_dir: Path) -> None:
    """incidents.json/.csv/.geojson for the whole archive, and for each browse page's incidents."""
    subsets = [(None, None, site.incidents)] + [(f.kind, f.id, f.incidents)
                                                for facets in site.facets.values() for f in facets]
    for kind, key, records in subsets:
        for fmt, (write, encoding) in exports.FORMATS.items():
            target = out_dir / exports_path(fmt, kind, key)
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "w", encoding=encoding, newline="") as file:
                file.write(write(records, site.vocabulary))
