"""The ``sitegen extract`` driver: read every input, propose, merge, then write.

Reads like the data flow: load the vocabularies once, read all inputs (collecting every
problem), propose metadata for each article, merge each proposal with the file a person may
have edited, and write the article and its proposal record. Nothing is written for an
article whose file could not be read back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from sitegen.content import parse_article
from sitegen.errors import WARNING, Diagnostic, processing
from sitegen.extract import inputs, merge, writer
from sitegen.extract.propose import Proposer
from sitegen.extract.scan import Scanner
from sitegen.extract.vocabulary import load, missing_vocabularies

RECORDS = ".extracted"

# Exit statuses of ``sitegen extract`` (documented in the README).
ALL_WRITTEN, SOME_SKIPPED, NOTHING_WRITTEN = 0, 1, 2


@dataclass
class Report:
    written: list[str] = field(default_factory=list)  # new article files
    updated: list[str] = field(default_factory=list)  # existing files with new proposals
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # a person's files, left alone
    edited: list[str] = field(default_factory=list)  # messages on fields kept because edited
    notes: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.is_error for p in self.problems)

    @property
    def done(self) -> int:
        """Articles whose file is now in place: written, updated or already up to date."""
        return len(self.written) + len(self.updated) + len(self.unchanged)

    @property
    def status(self) -> int:
        """``ALL_WRITTEN``, ``SOME_SKIPPED`` (some inputs or articles had errors) or ``NOTHING_WRITTEN``."""
        if self.done == 0:
            return NOTHING_WRITTEN
        return SOME_SKIPPED if self.failed else ALL_WRITTEN

    def summary(self) -> str:
        articles = self.done + len(self.kept)
        return (
            f"{articles:,} article{'' if articles == 1 else 's'}: "
            f"{len(self.written)} written, {len(self.updated)} updated, {len(self.unchanged)} unchanged, "
            f"{len(self.kept)} kept (no proposal record), {len(self.edited)} field(s) kept because edited, "
            f"{sum(p.is_error for p in self.problems)} problem(s)"
        )


def extract(
    paths: list[Path], out_dir: Path, content_dir: Path | None = None, published: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Extract every article of ``paths`` into ``out_dir`` (``content/articles``).

    ``content_dir`` holds the vocabularies and the proposal records (default: the parent of
    ``out_dir``; the command line passes the project's ``content/``); ``published`` overrides
    the publication date of every input. Missing vocabularies are an error and nothing is
    written. ``progress`` is called with the number of articles handled so far.
    """
    out_dir = Path(out_dir)
    content_dir = Path(content_dir) if content_dir else out_dir.parent
    report = Report()
    for folder, option in ((out_dir, "--out"), (content_dir, "--content")):
        if folder.exists() and not folder.is_dir():
            report.problems.append(Diagnostic(folder, None, "is a file, not a folder; nothing was extracted",
                                              hint=f"give {option} a folder"))
    missing = missing_vocabularies(content_dir)
    if missing:
        report.problems.append(Diagnostic(
            content_dir, None,
            f"no vocabularies: {', '.join(missing)} not found in {content_dir.resolve()}",
            hint="run from the project folder (the one with sitegen.yaml or content/), or give --content DIR",
        ))
    if report.problems:
        return report
    lexicons, report.problems = load(content_dir)
    proposer = Proposer(Scanner(lexicons))
    seen: set[str] = set()
    for path in paths:
        with processing(path):  # named if something unexpected stops the run
            for item in inputs.read(Path(path)):
                if isinstance(item, Diagnostic):
                    report.problems.append(item)
                elif item.id in seen:
                    report.problems.append(Diagnostic(item.source, None,
                                                      f"article id {item.id} repeats an earlier input; skipped"))
                else:
                    seen.add(item.id)
                    report.problems.extend(item.warnings)
                    with processing(item.source):
                        _one(proposer.propose(item, published), item, out_dir, content_dir / RECORDS, report)
                    if progress is not None:
                        progress(len(seen))
    return report


def _one(proposal, raw, out_dir: Path, records: Path, report: Report) -> None:
    article_id = proposal.front["id"]
    target = out_dir / f"{article_id}.md"
    record = records / f"{article_id}.yaml"
    report.notes.extend(f"{target}: {note}" for note in proposal.notes)
    current, body = None, proposal.body
    if target.exists() or target.is_symlink():
        try:
            current, body = writer.split(target.read_text(encoding="utf-8"))
            merge.check_shape(current)
        except (ValueError, UnicodeDecodeError, OSError) as error:
            report.problems.append(Diagnostic(target, None, f"cannot merge into this file: {_why(error)}",
                                              hint="fix or remove it"))
            return
    try:
        last = writer.load_data(record.read_text(encoding="utf-8")) if record.exists() else None
        merge.check_shape(last)
    except (ValueError, UnicodeDecodeError, OSError) as error:
        report.problems.append(Diagnostic(record, None, f"unreadable proposal record: {_why(error)}", hint="remove it"))
        return
    merged = merge.merge(proposal.front, current, last)
    if merged.front is None:
        report.kept.append(str(target))
        report.problems.append(Diagnostic(
            target, None, "exists without a proposal record: left as it is", severity=WARNING,
            hint=f"to let extraction update it, remove it or add {record}",
        ))
        return
    for key, value in merged.edited:
        now = "no longer proposes it" if value is None else f"now proposes {writer.plain(value)!r}"
        report.edited.append(f"field {key} of article {article_id} was edited by hand; extraction {now}")
    proposed = writer.dump_data(writer.ordered(proposal.front))
    front = proposed if merged.front == proposal.front else writer.dump_data(writer.ordered(merged.front))
    text = writer.render(front, body)
    rejected = [d for d in parse_article(target, text).diagnostics
                if d.is_error and d.field not in _LEFT_TO_A_PERSON]
    if rejected and current is None:  # never write a new file the build would reject
        report.problems.append(Diagnostic(raw.source, None, f"the proposal would not build ({rejected[0]}); "
                                          "nothing written for this input", hint="report this as a bug of extract"))
        return
    try:
        if current is None:
            writer.write_atomic(target, text)
            report.written.append(str(target))
        elif text == target.read_text(encoding="utf-8"):
            report.unchanged.append(str(target))
        else:
            writer.write_atomic(target, text)
            report.updated.append(str(target))
        writer.write_atomic(record, proposed)
    except OSError as error:
        report.problems.append(Diagnostic(error.filename or target, None, f"cannot write: {error.strerror}",
                                          hint="check the disk space and the folder's permissions"))


# Fields a proposal may lack, for a person to fill in (the run says so in a note).
_LEFT_TO_A_PERSON = {"published"}


def _why(error: Exception) -> str:
    if isinstance(error, IsADirectoryError):
        return "it is a folder, not a file"
    if isinstance(error, OSError):
        return error.strerror or str(error)
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    return str(error)
