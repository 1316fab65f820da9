"""The ``sitegen`` command line: parse options, call the stage, report, set the exit code."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from sitegen import build as build_stage
from sitegen.config import load_config, with_overrides
from sitegen.errors import BuildFailed, ConfigError, Diagnostic, SitegenError, sort_key


def _report(diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
    for diagnostic in sorted(diagnostics, key=sort_key):
        click.secho(str(diagnostic), err=True, fg="red" if diagnostic.is_error else "yellow")


def _load(config_file: Path | None, **overrides):
    try:
        return with_overrides(load_config(config_file), **overrides)
    except ConfigError as exc:
        _report(exc.diagnostics)
        sys.exit(2)


class _ProgressBar:
    """A bar on a terminal; nothing when stderr is not one (CI, pipes, logs)."""

    def __init__(self) -> None:
        self.bar = None

    def __call__(self, done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="كتابة الصفحات", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(1)
        if done == total:
            self.bar.__exit__(None, None, None)


@click.group()
@click.version_option(package_name="sitegen")
def main() -> None:
    """sitegen: static, searchable incident archives for Arabic news."""


@main.command()
@click.option("--content", "content_dir", type=click.Path(path_type=Path), help="Content folder (default: content/).")
@click.option("--out", "output_dir", type=click.Path(path_type=Path), help="Output folder (default: site/).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Configuration file (default: sitegen.yaml if present).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def build(content_dir: Path | None, output_dir: Path | None, config_file: Path | None, strict: bool) -> None:
    """Build the static site from the content folder.

    Reads every article and vocabulary, reports every problem at once, and writes the site
    only when there is no error: the previous site stays untouched otherwise.
    """
    config = _load(config_file, content_dir=content_dir, output_dir=output_dir)
    try:
        result = build_stage.build(config, strict=strict, progress=_ProgressBar())
    except BuildFailed as exc:
        _report(exc.diagnostics)
        click.secho(str(exc), err=True, fg="red")
        sys.exit(1)
    except SitegenError as exc:
        click.secho(str(exc), err=True, fg="red")
        sys.exit(1)
    _report(result.diagnostics)
    click.echo(f"Built {result.articles} articles, {result.incidents} incidents, {result.pages} pages.")
    click.echo(f"Open {result.home.resolve().as_uri()}")


if __name__ == "__main__":  # pragma: no cover
    main()
