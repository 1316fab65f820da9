"""The ``sitegen`` command line: parse options, call the stage, report, set the exit code."""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import click

from sitegen.config import load_config, with_overrides
from sitegen.errors import BuildFailed, ConfigError, Diagnostic, SitegenError, file_being_processed, sort_key


def _report(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
    for diagnostic in sorted(diagnostics, key=sort_key):
        click.secho(str(diagnostic), err=True, fg="red" if diagnostic.is_error else "yellow")


def _load(config_file: Path | None, **overrides):
    try:
        return with_overrides(load_config(config_file), **overrides)
    except ConfigError as exc:
        _report(exc.diagnostics)
        sys.exit(2)



class _Counter:
    """A running count on a terminal for runs of unknown length; nothing when stderr is not one."""

    def __init__(self, what: str, every: float = 0.5) -> None:
        self.what, self.every = what, every
        self.started = self.shown = time.monotonic()
        self.count = 0

    def __call__(self, count: int) -> None:
        self.count = count
        now = time.monotonic()
        if now - self.shown >= self.every and sys.stderr.isatty():
            self.shown = now
            rate = count / max(now - self.started, 1e-9)
            click.echo(f"\r{self.what} {count:,} articles ({rate:,.0f}/s)", nl=False, err=True)

    def close(self) -> None:
        if self.shown != self.started and sys.stderr.isatty():
            click.echo("", err=True)


class _ProgressBar:
    """A bar per stage on a terminal; nothing when stderr is not one (CI, pipes, logs)."""

    # English, like every terminal message: terminals that do not shape Arabic garble it.
    LABELS = {"pages": "Writing pages", "index": "Indexing for search",
              "browser": "Writing the browser's search index"}

    def __init__(self) -> None:
        self.bar = None
        self.stage: str | None = None
        self.shown = sys.stderr.isatty()  # (asked once: a rebuild reports each of 100,000 pages)

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.shown:
            return
        if stage != self.stage:
            self._close()
            self.stage = stage
            self.bar = click.progressbar(length=total, label=self.LABELS.get(stage, stage), file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)
        if done == total:
            self._close()

    def _close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


EXIT_INTERNAL = 3  # a bug of sitegen's, not a problem of the user's files
EXIT_INTERRUPTED = 130


class _Commands(click.Group):
    """Every command ends with a message, never a traceback, unless ``--debug`` asks for one."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except KeyboardInterrupt:
            click.secho("interrupted: files are written whole or not at all, and a half-done swap of the site "
                        "is finished by the next build or search", err=True, fg="red")
            sys.exit(EXIT_INTERRUPTED)
        except SitegenError as exc:
            if ctx.params.get("debug"):
                raise
            click.secho(f"error: {exc}", err=True, fg="red")
            sys.exit(1)
        except Exception as exc:
            if ctx.params.get("debug"):
                raise
            where = file_being_processed(exc)
            click.secho(f"sitegen: unexpected error{f' while processing {where}' if where else ''}: "
                        f"{type(exc).__name__}: {exc}", err=True, fg="red")
            click.secho("This is a bug in sitegen. Please report it with this message and, if you can, the file; "
                        "run again with `sitegen --debug ...` to see the traceback. Nothing was left half written.",
                        err=True)
            sys.exit(EXIT_INTERNAL)


_PROGRAM = False  # True in the `sitegen` program itself (run), which ends right after its command


def run() -> None:
    """The `sitegen` program: :func:`main`, then the end of the process. After a build, the
    process ends without freeing what the build read (``collector.end_process``): on 100,000
    articles that deallocation cost more than half a second after the result was printed."""
    global _PROGRAM
    _PROGRAM = True
    from sitegen import collector

    try:
        main()
    except SystemExit as exc:
        if not collector.anything_left():
            raise
        code = exc.code
        if isinstance(code, str):  # (what sys.exit would print)
            print(code, file=sys.stderr)
            code = 1
        collector.end_process(0 if code is None else int(code))


@click.group(cls=_Commands)
@click.version_option(package_name="sitegen")
@click.option("--debug", is_flag=True, help="Show the Python traceback of an unexpected error.")
def main(debug: bool) -> None:
    """sitegen: static, searchable incident archives for Arabic news."""


@main.command()
@click.option("--content", "content_dir", type=click.Path(path_type=Path), help="Content folder (default: content/).")
@click.option("--out", "output_dir", type=click.Path(path_type=Path), help="Output folder (default: site/).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Configuration file (default: sitegen.yaml if present).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--force", is_flag=True, help="Delete files a person added to the output folder (refused otherwise).")
@click.option("--full", is_flag=True, help="Build everything again, ignoring what the last build recorded.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Processes rendering pages (default: the number of cores).")
def build(content_dir: Path | None, output_dir: Path | None, config_file: Path | None, strict: bool,
          force: bool, full: bool, jobs: int | None) -> None:
    """Build the static site from the content folder.

    Reads every article and vocabulary, reports every problem at once, and writes the site
    only when there is no error: the previous site stays untouched otherwise.
    """
    from sitegen import build as build_stage  # each command imports only its stage: `sitegen search` starts fast

    config = _load(config_file, content_dir=content_dir, output_dir=output_dir)
    try:
        result = build_stage.build(config, strict=strict, force=force, progress=_ProgressBar(), full=full, jobs=jobs,
                                   discard_later=True, exits_after=_PROGRAM)
    except ConfigError as exc:
        _report(exc.diagnostics)
        sys.exit(2)
    except BuildFailed as exc:
        _report(exc.diagnostics)
        click.secho(str(exc), err=True, fg="red")
        sys.exit(1)
    except SitegenError as exc:
        click.secho(str(exc), err=True, fg="red")
        sys.exit(1)
    _report(result.diagnostics)
    for note in result.notes:
        click.secho(f"note: {note}", err=True, fg="yellow")
    plural = build_stage.plural
    click.echo(f"Built {plural(result.articles, 'article')}, {plural(result.incidents, 'incident')}, "
               f"{plural(result.pages, 'page')}.")
    click.echo(build_stage.describe_mode(result))
    if result.pending_incidents:
        click.echo(f"{plural(result.pending_incidents, 'incident')} of {result.incidents:,} await review "
                   "(marked on every page; set reviewed_only: true in sitegen.yaml to publish reviewed ones only).")
    if result.withheld:
        click.echo(f"Left out {plural(result.withheld, 'pending article')} (reviewed_only is set).")
    warnings = sum(1 for d in result.diagnostics if not d.is_error)
    if warnings:
        click.secho(f"{plural(warnings, 'warning')} above (sitegen build --strict makes them fail the build).",
                    err=True, fg="yellow")
    click.echo("Data: incidents.csv, incidents.json, incidents.geojson; Atom feed: feed.xml")
    if result.located < result.incidents:
        click.echo(f"{result.incidents - result.located} of {result.incidents} incidents have no place with "
                   "coordinates: they are on no map and not in incidents.geojson (give them a location).")
    if not config.base_url:
        click.echo("No base_url in sitegen.yaml: no sitemap.xml or robots.txt written (feeds link relatively).")
    if result.index_dir:
        click.echo(f"Search index: {result.index_dir} (try: sitegen search QUERY)")
    click.echo(f"Open {result.home.resolve().as_uri()}")
    build_stage.discard_previous(result)  # the replaced files: deleted once the result is shown


@main.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--content", "content_dir", type=click.Path(path_type=Path), help="Content folder (default: content/).")
@click.option("--out", "output_dir", type=click.Path(path_type=Path), help="Output folder (default: site/).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Configuration file (default: sitegen.yaml if present).")
def serve(port: int, content_dir: Path | None, output_dir: Path | None, config_file: Path | None) -> None:
    """Preview the site on http://127.0.0.1:PORT/ while you edit.

    Builds, then rebuilds whenever content, vocabularies, templates, static files or the
    settings change, and the open page reloads. A failed build shows its problems over the
    page and here, and the last good site stays served. Ctrl-C stops.
    """
    from sitegen import serve as serve_stage
    from sitegen.config import CONFIG_FILE, load_config

    _load(config_file, content_dir=content_dir, output_dir=output_dir)  # a bad command line stops here (status 2)

    def load():
        return with_overrides(load_config(config_file), content_dir=content_dir, output_dir=output_dir)

    def say(message: str, problem: bool) -> None:
        click.secho(message, err=problem, fg="red" if problem else None)

    try:
        serve_stage.serve(load, port=port, say=say, config_file=config_file or Path.cwd() / CONFIG_FILE)
    except serve_stage.PortBusy as exc:
        click.secho(f"error: {exc}", err=True, fg="red")
        sys.exit(1)


class _Date(click.ParamType):
    """A YYYY-MM-DD date, checked at the boundary."""

    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date; write it as YYYY-MM-DD", param, ctx)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", type=_Date(), help="Publication date of the inputs (raw text files state none).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Folder of the article files (default: articles/ in the content folder).")
@click.option("--content", "content_dir", type=click.Path(path_type=Path),
              help="Folder of the vocabularies and proposal records (default: content_dir of sitegen.yaml, content/).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Configuration file (default: sitegen.yaml if present).")
def extract(inputs: tuple[Path, ...], published: dt.date | None, out_dir: Path | None, content_dir: Path | None,
            config_file: Path | None) -> None:
    """Propose metadata for raw articles (text files or JSON lines), for a person to review.

    Writes one article file per input with `review: pending`. Re-running never overwrites a
    field a person edited: the new proposal is reported instead. Exit status: 0 every article
    written, 1 some inputs skipped (see the messages), 2 nothing written.
    """
    from sitegen import extract as extract_stage

    from sitegen.output import settle

    config = _load(config_file, content_dir=content_dir)
    for note in settle(config):  # a swap a killed build left half done is finished first
        click.secho(f"note: {note}", err=True, fg="yellow")
    out_dir = out_dir or config.content_dir / "articles"
    counter = _Counter("extracted")
    report = extract_stage.extract(list(inputs), out_dir, config.content_dir, published, progress=counter)
    counter.close()
    _report(report.problems)
    for line in report.edited + report.notes:
        click.echo(line)
    click.echo(report.summary())
    if report.status == extract_stage.NOTHING_WRITTEN:
        click.secho("nothing written", err=True, fg="red")
    sys.exit(report.status)


class _QueryMayStartWithDash(click.Command):
    """A query such as ``-قصف`` is the query, not an option: only ASCII options are options."""

    def parse_args(self, ctx, args):
        queries = [a for a in args if len(a) > 1 and a[0] == "-" and not a[1].isascii()]
        if queries:
            args = [a for a in args if a not in queries] + ["--", *queries]
        return super().parse_args(ctx, args)


@main.command(cls=_QueryMayStartWithDash)
@click.argument("query")
@click.option("--from", "date_from", type=_Date(), help="Only articles published or reporting incidents on or after this day (YYYY-MM-DD).")
@click.option("--to", "date_to", type=_Date(), help="Only articles published or reporting incidents on or before this day.")
@click.option("--place", help="Only incidents at this place id or anywhere inside it.")
@click.option("--actor", help="Only incidents involving this actor id (or an actor under it).")
@click.option("--type", "type_", help="Only incidents of this type.")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True, help="How many results to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option("--index", "index_dir", type=click.Path(path_type=Path), help="Index folder (default: .sitegen/index).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Configuration file (default: sitegen.yaml if present).")
def search(query, date_from, date_to, place, actor, type_, limit, as_json, index_dir, config_file) -> None:
    """Search the archive's full-text index built by ``sitegen build``.

    Articles holding every QUERY word come first; when they are fewer than --limit, the
    closest matches (most of the words) follow, said so. Use OR, NOT, "phrases" and
    prefix* as needed. Hamza, diacritics, tatweel, ة/ه, ى/ي, digits, punctuation and
    attached و/ب/ل/ال do not matter. Each result shows where to open its page.
    """
    from sitegen import search as search_stage

    from sitegen.output import settle

    config = _load(config_file, index_dir=index_dir)
    for note in settle(config):
        click.secho(f"note: {note}", err=True, fg="yellow")
    try:
        results = search_stage.search(
            config.index_dir, query, date_from=date_from, date_to=date_to,
            place=place, actor=actor, type=type_, limit=limit,
        )
    except SitegenError as exc:
        click.secho(str(exc), err=True, fg="red")
        sys.exit(1)
    def url_of(path: str) -> str:
        return search_stage.page_url(path, config.output_dir, config.base_url)

    click.echo(search_stage.format_results(results, as_json=as_json, color=sys.stdout.isatty(), url_of=url_of))


if __name__ == "__main__":  # pragma: no cover
    main()
