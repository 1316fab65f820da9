"""The build, in the order of the data flow: config → content → archive → pages + index.

Everything is read and checked before anything is written. Pages and the search index are
written into staging folders and swapped into place together only when both are complete,
so a failed build leaves the previous site and index untouched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sitegen import output, render
from sitegen.search import index_content, write_browser_index
from sitegen.archive import Archive, make_archive
from sitegen.config import SiteConfig
from sitegen.content import load_content
from sitegen.errors import BuildFailed, Diagnostic
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
    diagnostics: tuple[Diagnostic, ...]

    @property
    def home(self) -> Path:
        return self.site_dir / "index.html"


def build(config: SiteConfig, *, strict: bool = False, progress: Progress | None = None,
          write_index: IndexWriter | None = index_content,
          write_browser: BrowserIndexWriter | None = write_browser_index) -> BuildResult:
    """Build the site and its full-text index; raise BuildFailed on errors.

    ``write_index`` writes the index into the staging folder it is given (None: no index);
    ``write_browser`` then projects it into the site for the search page (None: no browser search).
    """
    content, diagnostics = load_content(config.content_dir)
    if content is None or (strict and diagnostics):
        raise BuildFailed(diagnostics)
    site = make_archive(content)
    targets = [config.output_dir] + ([config.index_dir] if write_index else [])
    for target in targets:
        try:
            output.check_replaceable(target, protected=[config.content_dir, config.templates_dir, Path.cwd()])
        except output.OutputError as exc:
            raise BuildFailed([Diagnostic(target, None, str(exc))]) from None

    staged: dict[Path, Path] = {}
    try:
        staged[config.output_dir] = output.new_staging_dir(config.output_dir)
        pages = _write_site(site, config, staged[config.output_dir], progress)
        if write_index:
            staged[config.index_dir] = output.new_staging_dir(config.index_dir)
            write_index(content, staged[config.index_dir],
                        progress=(lambda done, total: progress("index", done, total)) if progress else None)
            if write_browser:
                write_browser(staged[config.index_dir], staged[config.output_dir], content,
                              progress=(lambda done, total: progress("browser", done, total)) if progress else None)
    except BaseException:
        for folder in staged.values():
            output.discard(folder)
        raise
    for final, folder in staged.items():
        output.swap_into_place(folder, final)
    return BuildResult(
        site_dir=config.output_dir,
        index_dir=config.index_dir if write_index else None,
        articles=len(site.articles),
        incidents=len(site.incidents),
        pages=pages,
        diagnostics=tuple(diagnostics),
    )


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
