"""Diagnostics and the exceptions that carry them.

Every problem sitegen finds in a user's files is a :class:`Diagnostic`: the file, the
line (1-based, when known), the field it concerns, what is wrong and what to do about it.
Stages collect diagnostics instead of stopping at the first one, so a single run reports
every problem in every file.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in one place of one file."""

    path: Path | str
    line: int | None
    message: str
    field: str | None = None
    hint: str | None = None
    severity: str = ERROR

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def location(self) -> str:
        where = str(self.path)
        if self.line:
            where += f":{self.line}"
        return where

    def __str__(self) -> str:
        text = f"{self.location()}: {self.severity}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


def sort_key(diagnostic: Diagnostic) -> tuple:
    return (str(diagnostic.path), diagnostic.line or 0, diagnostic.field or "")


class SitegenError(Exception):
    """Base class for errors sitegen reports to the user."""


class ConfigError(SitegenError):
    """The site configuration (sitegen.yaml) is invalid."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


class BuildFailed(SitegenError):
    """Content errors stopped the build; nothing was written."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        errors = sum(1 for d in diagnostics if d.is_error)
        super().__init__(f"build failed with {errors} error(s); the previous output is untouched")


@contextmanager
def processing(path: Path | str) -> Iterator[None]:
    """Name ``path`` in any unexpected exception raised while working on it (innermost wins),
    so the command's last-resort message can say which file was being processed."""
    try:
        yield
    except Exception as exc:
        if not hasattr(exc, "sitegen_file"):
            try:
                exc.sitegen_file = str(path)
            except AttributeError:  # pragma: no cover - exceptions without a __dict__
                pass
        raise


def file_being_processed(exc: BaseException) -> str | None:
    return getattr(exc, "sitegen_file", None)
