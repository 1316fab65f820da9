"""Pages from the archive: one Jinja2 environment, Markdown bodies made safe.

Templates are looked up in the user's ``templates/`` first and sitegen's built-in theme
last, so a project overrides one template without copying the rest. Autoescape is on:
titles and metadata come from news sources and are untrusted; only the article body, after
Markdown and sanitizing, is marked safe.

:func:`plan_pages` returns every page as a :class:`Page` (its path and how to render it);
the build driver writes them, so this module never decides where the site lives.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import hashlib
import posixpath
import re
import shutil
import threading
import traceback
from collections import Counter
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable, Iterable, NamedTuple
from urllib.parse import quote, urlsplit

import jinja2
import markdown
import nh3
from markupsafe import Markup

import sitegen

from sitegen import archive as pages_of
from sitegen import jsmin
from sitegen import list_headings
from sitegen import mapviews
from sitegen import places as place_levels
from sitegen.arabic_plural import count_phrase, group_thousands
from sitegen.month_names import MONTH_NAMES
from sitegen import bidi
from sitegen.archive import Archive
from sitegen.config import SiteConfig
from sitegen.errors import Diagnostic, SitegenError, processing

# The built-in theme: inside the package when installed from a wheel (pyproject.toml maps the
# repository's templates/ to sitegen/templates), beside the package in a source checkout.
_PACKAGE = Path(__file__).resolve().parent
BUILTIN_TEMPLATES = next((p for p in (_PACKAGE / "templates", _PACKAGE.parent / "templates") if p.is_dir()),
                         _PACKAGE / "templates")
ASSETS_FOLDER = "assets"
SEARCH_PATH = "search.html"  # the browser search page (its index: search/, written by sitegen.search)

# What a sanitized article body may contain: text structure, links, local images.
ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "strong", "em", "b", "i",
    "code", "pre", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "span", "abbr", "q",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "abbr": {"title"},
                      "th": {"align"}, "td": {"align"}}


class TemplateProblem(SitegenError):
    """A template could not be found or rendered; names the template file and line."""

    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


class Page(NamedTuple):
    """A page of the site (a named tuple: a build plans one per article, and a tuple is made
    several times faster than a frozen dataclass)."""

    path: str  # relative to the site root, with forward slashes
    template: str
    context: dict[str, Any]


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Templates compiled by earlier builds, in Jinja's folder of the user's temporary
    directory (private to the user: Jinja checks its owner and mode). A file is used only for
    the same template source (Jinja checks its checksum) and Python, and, by its name, the
    same Jinja, sitegen and environment (this module's source): compiling the theme is most of
    what an incremental build spends rendering a few pages. Anything wrong with a cached file
    means compiling again; a cache that cannot be written is done without."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # truncated, or another program's file: compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


@functools.lru_cache(maxsize=1)
def _compiled_templates() -> _CompiledTemplates | None:
    key = hashlib.sha256(f"{jinja2.__version__}\0{sitegen.__version__}\0".encode() + Path(__file__).read_bytes())
    try:
        return _CompiledTemplates(pattern=f"sitegen-{key.hexdigest()[:16]}-%s.cache")
    except (OSError, RuntimeError):  # no usable temporary folder
        return None


def make_environment(config: SiteConfig) -> jinja2.Environment:
    search_path = [str(p) for p in dict.fromkeys([config.templates_dir, BUILTIN_TEMPLATES]) if p.is_dir()]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search_path),
        bytecode_cache=_compiled_templates(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_isolate_bidi,
    )
    env.globals.update(site=config, paths=pages_of, url=_url, markdown=_markdown_filter,
                       month_names=list(MONTH_NAMES[config.months]), places=place_levels,
                       built_on=dt.date.today(),
                       home_map=lambda site: Markup(mapviews.home_map(site, _url)),
                       place_map=lambda site, facet: Markup(mapviews.place_map(site, facet, _url)),
                       incident_map=lambda site, record: Markup(mapviews.incident_map(site, record, _url)))
    env.filters.update(count=_count_filter, number=group_thousands, zip=lambda a, b: list(zip(a, b)))
    return env


def _count_filter(n: int, forms: dict[str, str], strong: bool = False) -> Markup:
    """``{{ n | count(NOUNS.incident) }}``: the number and its noun in the agreeing form."""
    escaped = {category: str(Markup.escape(text)) for category, text in forms.items()}
    number = f"<strong>{group_thousands(n)}</strong>" if strong else None
    return Markup(count_phrase(n, escaped, number))


def _isolate_bidi(value: Any) -> Any:
    """Every ``{{ value }}`` of every template, in text and attributes: bidi controls from
    content stay inside the value (:mod:`sitegen.bidi`). Markup is left to whoever made it."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return bidi.isolate(value)
    return value


_converters = threading.local()  # each thread's Markdown converter


def _markdown_converter() -> markdown.Markdown:
    """A Markdown converter, made once per thread (making one, with its extensions, costs more
    than converting an article) and reset before each use, as Python-Markdown asks."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(extensions=["extra", "sane_lists"],
                                                             output_format="html")
    return converter.reset()


def markdown_to_html(text: str) -> str:
    """Markdown to HTML with no script, no event handler and nothing loaded from elsewhere."""
    text = bidi.balance_lines(text)
    html = _markdown_converter().convert(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        attribute_filter=_keep_local_images,
    )


def _keep_local_images(tag: str, attribute: str, value: str) -> str | None:
    # An image from another origin is a network request: the archive makes none.
    if tag == "img" and attribute == "src":
        # Judge the address as a browser reads it: tabs and newlines dropped, leading controls
        # and spaces ignored, backslashes taken as slashes (so \\host\x is //host/x).
        seen = re.sub(r"[\t\n\r]", "", value).lstrip("\x00- ").replace("\\", "/")
        parts = urlsplit(seen)
        if parts.scheme or parts.netloc or seen.startswith("/"):
            return None
    return value


def relative_url(from_page: str, target: str) -> str:
    """A link from one page to another (both relative to the site root), percent-encoded."""
    return _relative_from(posixpath.dirname(from_page) or ".", target)


@functools.lru_cache(maxsize=65536)
def _relative_from(start: str, target: str) -> str:
    return quote(posixpath.relpath(target, start), safe="/#")


def plan_pages(site: Archive, page_size: int = pages_of.PAGE_SIZE, latest: int | None = None) -> list[Page]:
    """Every page of the site, with the data its template needs; every long list paged.

    A page's context holds what it shows, not more (``list_headings``): the slice of its list,
    and small values for the rest, so that an edit re-renders only the pages that show it.
    ``latest``: the ``latest`` setting (how many newest items the home page lists; None: the
    home page's context holds every item, newest first)."""
    common = {"archive": site}
    incidents, articles = site.incidents, site.articles
    dated = tuple(r for r in incidents if r.date is not None)
    headings = list_headings.month_headings(site)
    counts = list_headings.ArchiveCounts(articles=len(articles), incidents=len(incidents), dated=len(dated),
                                         undated=len(incidents) - len(dated), months=len(headings))
    planned = [Page(pages_of.HOME_PATH, "home.html",
                    {**common, "counts": counts, "newest_months": list_headings.newest(tuple(headings), 12),
                     "newest_incidents": list_headings.newest(dated, latest),
                     "newest_articles": list_headings.newest(articles, latest)}),
               Page(pages_of.TIMELINE_PATH, "timeline.html", {**common, "counts": counts, "months": tuple(headings)}),
               Page(pages_of.NOT_FOUND_PATH, "404.html", common),
               Page(SEARCH_PATH, "search.html", common)]
    planned += _paged(lambda n: pages_of.latest_path("incidents", n), dated[::-1], "latest.html",
                      {**common, "what": "incidents"}, page_size)
    planned += _paged(lambda n: pages_of.latest_path("articles", n), site.articles[::-1], "latest.html",
                      {**common, "what": "articles"}, page_size)
    if site.undated_incidents:
        planned += _paged(pages_of.undated_path, site.undated_incidents, "latest.html",
                          {**common, "what": "undated"}, page_size)
    # a list page's context holds its slice, and of its month or facet only the heading it
    # shows (list_headings): an edited article re-renders the one page whose slice holds it
    for (before, heading, after), month in zip(pages_of.with_neighbours(headings), site.months):
        around = {**common, "month": heading, "previous": before, "next": after}
        planned += _paged(lambda n, key=month.key: pages_of.month_incidents_path(key, n), month.incidents,
                          "month.html", around, page_size)
        if month.articles:
            planned += _paged(lambda n, key=month.key: pages_of.month_articles_path(key, n), month.articles,
                              "month_articles.html", around, page_size)
    # an article page says whether its headline is another's too (its title then adds its day):
    # a flag each, so that a headline edited elsewhere re-renders only the pages it concerns
    articles, repeated = site.articles, site.repeated_titles
    paths = map(pages_of.article_path, map(attrgetter("id"), articles))
    planned += [Page(path, "article.html", {"archive": site, "article": article, "previous": before, "next": after,
                                            "title_repeated": article.title in repeated})
                for path, before, article, after in zip(paths, (None, *articles), articles, (*articles[1:], None))]
    for record in site.incidents:
        planned.append(Page(pages_of.incident_path(record.id), "incident.html", {**common, "record": record}))
    planned.append(Page(pages_of.ABOUT_PATH, "about.html", {**common, "counts": counts}))
    for kind, facets in site.facets.items():
        shown = list_headings.facet_headings(site, kind, facets)
        planned.append(Page(f"{kind}/index.html", "facets.html", {**common, "kind": kind, "facets": shown}))
        for facet, heading in zip(facets, shown):
            planned += _paged(lambda n, f=facet: pages_of.facet_path(f.kind, f.id, n), facet.incidents,
                              "facet.html", {**common, "facet": heading}, page_size)
    return planned


def _paged(path_of: Callable[[int], str], items: tuple, template: str, context: dict[str, Any],
           size: int) -> list[Page]:
    """One page per slice of ``items``; each knows every page's path, for its page links."""
    slices = pages_of.paginate(items, size)
    paths = [path_of(part.number) for part in slices]
    return [Page(path, template, {**context, "part": part, "part_paths": paths}) for part, path in zip(slices, paths)]


_current_page: contextvars.ContextVar[str] = contextvars.ContextVar("current_page")
_base_url: contextvars.ContextVar[str] = contextvars.ContextVar("base_url", default="")


def _url(target: str) -> str:
    """``url(path)`` in templates: a link from the page being rendered to ``path``.

    The 404 page is served at whatever address was missing, so its links are absolute when
    the site's ``base_url`` is known (and relative to the site root otherwise).
    """
    page = _current_page.get()
    if page == pages_of.NOT_FOUND_PATH and _base_url.get():
        return _base_url.get().rstrip("/") + "/" + quote(target, safe="/#")
    return relative_url(page, target)


def render_page(env: jinja2.Environment, page: Page) -> str:
    token = _current_page.set(page.path)
    base = _base_url.set(env.globals["site"].base_url)
    try:
        return env.get_template(page.template).render(page.context, page_path=page.path)
    finally:
        _current_page.reset(token)
        _base_url.reset(base)


_REFERENCE = re.compile(r"\{%[-+]?\s*(?:extends|include|import|from)\b\s*(.*?)\s*(?:%\}|\s)", re.S)
_LITERAL = re.compile(r"""^(["'])([^"'\\]+)\1$""")


def template_sources(env: jinja2.Environment, name: str) -> list[tuple[str, str]]:
    """The template ``name`` and every template it extends, includes or imports, with their
    sources, sorted by name. Read from the tags' text, not parsed (much faster): a tag naming
    its template otherwise than by one quoted name (a variable, a list) brings in every template."""
    found: dict[str, str] = {}
    waiting = [name]
    while waiting:
        current = waiting.pop()
        if current in found:
            continue
        try:
            source = env.loader.get_source(env, current)[0]
        except (jinja2.TemplateNotFound, UnicodeDecodeError):
            found[current] = "\0missing or unreadable"
            continue
        found[current] = source
        for argument in _REFERENCE.findall(source):
            literal = _LITERAL.match(argument)
            if literal:
                waiting.append(literal.group(2))
            else:
                waiting += [t for t in env.list_templates() if not t.startswith(ASSETS_FOLDER + "/")]
    return sorted(found.items())


def _markdown_filter(text: str) -> Markup:
    return Markup(markdown_to_html(text))


def copy_assets(config: SiteConfig, out_dir: Path, write: Callable[[str, bytes], None] | None = None) -> list[str]:
    """Copy the theme's assets (user overrides win) into ``out_dir/assets`` (or hand them to ``write``)."""
    written: dict[str, Path] = {}
    for root in (BUILTIN_TEMPLATES, config.templates_dir):  # later wins
        folder = root / ASSETS_FOLDER
        if folder.is_dir():
            for path in folder.rglob("*"):
                if path.is_file():
                    written[path.relative_to(folder).as_posix()] = path
    for relative, source in sorted(written.items()):
        if relative.endswith(".js") and source.is_relative_to(BUILTIN_TEMPLATES):  # the theme's scripts, lean
            data = jsmin.strip(source.read_text(encoding="utf-8")).encode("utf-8")
        elif write:
            data = source.read_bytes()
        else:
            data = None
        if write:
            write(f"{ASSETS_FOLDER}/{relative}", data)
            continue
        target = out_dir / ASSETS_FOLDER / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            shutil.copyfile(source, target)
        else:
            target.write_bytes(data)
    return [f"{ASSETS_FOLDER}/{r}" for r in sorted(written)]


_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def page_title(html: str) -> str | None:
    title = _TITLE.search(html)
    return title.group(1) if title else None


def write_pages(env: jinja2.Environment, planned: list[Page], out_dir: Path,
                done: Callable[[int], None] | None = None,
                write: Callable[[str, bytes], None] | None = None,
                first_pass: Callable[[list[Page]], Iterable[list[str | None]]] | None = None,
                reuse=None) -> None:
    """Write every page; pages whose ``<title>`` another page has already are numbered (2), (3)...

    ``done(n)``: called as pages are written, with how many are so far (for a progress bar).
    ``write(path, data)``, when given, writes each page instead (paths relative to the site).
    ``first_pass(planned)``, when given, writes the pages (elsewhere: ``sitegen.parallel``, or
    not at all for pages linked unchanged) and yields their titles in runs of consecutive
    pages, in order; the numbered pages are then written here.
    ``reuse`` (a ``pagereuse.PageReuse``), when given, numbers the pages it linked unchanged
    without rendering them when their number is the same as before.
    """
    runs = first_pass(planned) if first_pass else ([page_title(write_page(env, p, out_dir, write))] for p in planned)
    titles: list[str | None] = []
    for run in runs:
        titles += run
        if done:
            done(len(titles))
    assert len(titles) == len(planned), (len(titles), len(planned))
    # pages that share a title, by title in the order the titles first come (found with C loops:
    # 100,000s of pages, nearly all of them with a title of their own)
    taken = Counter(titles)  # every title, and then the numbered ones (no set of them all made again)
    shared = {title for title, count in taken.items() if count > 1 and title is not None}
    by_title: dict[str, list[Page]] = {}
    for index in [index for index, title in enumerate(titles) if title in shared] if shared else ():
        by_title.setdefault(titles[index], []).append(planned[index])
    for title, pages in by_title.items():
        number = 1
        for page in pages[1:]:
            while True:
                number += 1
                new_title = reuse.numbered_title(page, number) if reuse else None
                if new_title is None:
                    numbered = Page(page.path, page.template, {**page.context, "title_number": number})
                    html = reuse.write_numbered(numbered) if reuse else write_page(env, numbered, out_dir, write)
                    new_title = _TITLE.search(html).group(1)
                if new_title not in taken or new_title == title:  # (a theme without title_number)
                    taken[new_title] += 1
                    break
            if reuse:
                reuse.numbered(page, number, new_title)
    if reuse:
        reuse.finish(planned)


def write_page(env: jinja2.Environment, page: Page, out_dir: Path,
               write: Callable[[str, bytes], None] | None = None) -> str:
    """Render one page and write it (through ``write`` when given); returns its HTML."""
    try:
        with processing(_source_of(page)):
            html = render_page(env, page)
    except jinja2.TemplateError as exc:
        raise TemplateProblem(_template_diagnostic(exc, env, page)) from None
    if write:
        write(page.path, html.encode("utf-8"))
        return html
    target = out_dir / page.path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")
    return html


def _source_of(page: Page) -> str:
    """What a page is made from: its article's file, else the page itself."""
    article = page.context.get("article")
    return getattr(article, "source_path", "") or page.path


def _template_diagnostic(exc: jinja2.TemplateError, env: jinja2.Environment, page: Page) -> Diagnostic:
    if isinstance(exc, jinja2.TemplateNotFound):
        searched = ", ".join(env.loader.searchpath)
        return Diagnostic(exc.name, None, f"template not found (looked in {searched})",
                          hint=f"needed for {page.path}")
    filename, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if filename is None:  # runtime errors: Jinja puts the template's file and line in the traceback
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
        filename, line = (frames[-1].filename, frames[-1].lineno) if frames else (page.template, None)
    return Diagnostic(filename, line, f"{type(exc).__name__}: {exc.message}",
                      hint=f"while rendering {page.path}")
