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

from sitegen import lock, output, render, swap
from sitegen.search import index_content
from sitegen.archive import Archive, make_archive
from sitegen.config import SiteConfig, check_paths
from sitegen.content import load_content
from sitegen.errors import BuildFailed, Diagnostic
from sitegen.model import Content

# Called as work advances: (stage, items done, items in all); stages are "pages" and "index".
Progress = Callable[[str, int, int], None]
# Writes the full-text index of the content into the (empty) folder it is given, reporting
# (documents done, documents in all) to the callback when there is one.
IndexWriter = Callable[..., None]


@dataclass(frozen=True)
class BuildResult:
    site_dir: Path
    index_dir: Path | None
    articles: int
    incidents: int
    pages: int
    diagnostics: tuple[Diagnostic, ...]
    notes: tuple[str, ...] = ()  # what the build did besides building (recovered a swap...)

    @property
    def home(self) -> Path:
        return self.site_dir / "index.html"


def build(config: SiteConfig, *, strict: bool = False, force: bool = False, progress: Progress | None = None,
          write_index: IndexWriter | None = index_content) -> BuildResult:
    """Build the site and its full-text index; raise BuildFailed on errors.

    ``write_index`` writes the index into the staging folder it is given (None: no index).
    ``force`` deletes files a person added to the output folder (refused otherwise).
    """
    check_paths(config)
    content, diagnostics = load_content(config.content_dir)
    if content is None or (strict and diagnostics):
        raise BuildFailed(diagnostics)
    site = make_archive(content)
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
            pages = _stage_and_swap(content, site, config, targets, progress, write_index)
    except (output.OutputError, lock.LockBusy, swap.SwapError) as exc:
        raise BuildFailed([Diagnostic(targets["site"], None, str(exc))]) from None
    except OSError as exc:
        raise BuildFailed([_os_diagnostic(exc)]) from None
    return BuildResult(
        site_dir=config.output_dir,
        index_dir=config.index_dir if write_index else None,
        articles=len(site.articles),
        incidents=len(site.incidents),
        pages=pages,
        diagnostics=tuple(diagnostics),
        notes=tuple(notes),
    )


def settle(config: SiteConfig) -> list[str]:
    """Finish a swap that a dead build left half done (for commands other than build).

    When a live build holds the lock, it will finish its own swap: nothing to do.
    """
    targets = [output.resolve_target(config.output_dir), output.resolve_target(config.index_dir)]
    if not any(swap.journal_path(target).exists() for target in targets):
        return []
    try:
        with lock.hold(targets):
            return swap.recover(targets)
    except lock.LockBusy:
        return []
    except swap.SwapError as exc:
        return [str(exc)]


def _stage_and_swap(content: Content, site: Archive, config: SiteConfig, targets: dict[str, Path],
                    progress: Progress | None, write_index: IndexWriter | None) -> int:
    transaction = swap.Swap()
    try:
        site_dir = transaction.stage(targets["site"])
        pages = _write_site(site, config, site_dir, progress)
        output.copy_static(config.static_dir, site_dir)
        output.seal(site_dir)
        if write_index:
            index_dir = transaction.stage(targets["index"])
            write_index(content, index_dir,
                        progress=(lambda done, total: progress("index", done, total)) if progress else None)
            output.seal(index_dir)
    except BaseException:
        transaction.abort()
        raise
    try:
        transaction.commit()
    except OSError as exc:
        raise swap.SwapError(f"the swap of the new site and index stopped half way ({exc.strerror}: "
                             f"{exc.filename}); the next `sitegen build` or `sitegen search` finishes it") from None
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
    planned = render.plan_pages(site)
    render.copy_assets(config, out_dir)
    written = 0

    def on_page(_page: render.Page) -> None:
        nonlocal written
        written += 1
        if progress:
            progress("pages", written, len(planned))

    render.write_pages(env, planned, out_dir, on_page)
    return len(planned)
