"""The delta commit of an incremental build (``sitegen.swap``): only the files that changed are
staged and put in place, recoverably, and the site is the one a full build writes."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen import swap
from sitegen.build import build
from sitegen.cli import main
from sitegen.config import load_config
from sitegen.errors import BuildFailed

ARTICLE = "content/articles/2022-01-08-deir-ez-zor-exchange-of-fire.md"

LIVE = {"a": b"a is a file", "b/x": b"b/x", "b/y": b"b/y", "c/d/e": b"old e", "same": b"unchanged",
        "deep/er/gone": b"gone", swap.MARKER: b"old marker"}
NEW = {"a/y": b"a is a folder now", "b": b"b is a file now", "c/d/e": b"new e", "same": b"unchanged",
       "f/g": b"a new file", swap.MARKER: b"new marker"}


class _Killed(Exception):
    """Stands for the process dying at a rename."""


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _folders(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir()}


def _write(folder: Path, files: dict[str, bytes]) -> None:
    for relative, data in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)


def _delta_swap(root: Path) -> swap.Swap:
    """A site changed by a delta (files removed, changed, added, a file turned into a folder and
    back) and an index replaced whole, in one swap."""
    site, index = root / "site", root / "index"
    _write(site, LIVE)
    _write(index, {swap.MARKER: b"old index", "segment": b"old segment"})
    transaction = swap.Swap()
    staging = transaction.stage(site, delta=True)
    staged = sorted(p for p, data in NEW.items() if LIVE.get(p) != data)
    _write(staging, {p: NEW[p] for p in staged})
    transaction.plan_delta(staging, staged, sorted(set(LIVE) - set(NEW)))
    _write(transaction.stage(index), {swap.MARKER: b"new index", "segment": b"new segment"})
    return transaction


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()
                  if ".new-" in p.name or ".old-" in p.name or p.name.endswith((".swap.json", ".swap.json.tmp")))


def test_a_delta_commit_replaces_adds_and_removes_files_and_leaves_the_rest_in_place(tmp_path: Path):
    transaction = _delta_swap(tmp_path)
    unchanged = os.stat(tmp_path / "site" / "same").st_ino
    site_folder = os.stat(tmp_path / "site").st_ino
    previous = transaction.commit(defer=True)
    assert _tree(tmp_path / "site") == NEW
    assert _folders(tmp_path / "site") == {"a", "c", "c/d", "f"}, "folders emptied by removals are removed"
    assert _tree(tmp_path / "index") == {swap.MARKER: b"new index", "segment": b"new segment"}
    assert os.stat(tmp_path / "site" / "same").st_ino == unchanged, "an unchanged file is left where it is"
    assert os.stat(tmp_path / "site").st_ino == site_folder, "the site folder itself is not replaced"
    old_site = next(p for p in previous if p.name.startswith(".site.old-"))
    assert _tree(old_site) == {"a": b"a is a file", "b/x": b"b/x", "b/y": b"b/y", "c/d/e": b"old e",
                               "deep/er/gone": b"gone", swap.MARKER: b"old marker"}, "only what was replaced"
    swap.discard(previous)
    assert _leftovers(tmp_path) == []


def _dying_rename(real, crash_after: int, done: list):
    """A rename that kills the process after its ``crash_after``-th call (the calls go in ``done``)."""
    def rename(source: Path, target: Path) -> None:
        real(source, target)
        done.append(source)
        if len(done) == crash_after:
            raise _Killed()
    return rename


def _count_renames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    calls = []
    real = swap._rename
    monkeypatch.setattr(swap, "_rename", lambda source, target: (calls.append(source), real(source, target)))
    _delta_swap(tmp_path / "count").commit()
    monkeypatch.setattr(swap, "_rename", real)
    return len(calls)


def test_a_delta_commit_killed_after_any_rename_is_rolled_forward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    renames = _count_renames(tmp_path, monkeypatch)
    assert renames == 2 + 4 + 5 + 2, "index: 2; site: 4 dropped files aside, 5 staged in, 2 replaced ones aside"
    real = swap._rename
    for crash_after in range(1, renames + 1):
        root = tmp_path / f"crash-{crash_after}"
        transaction = _delta_swap(root)
        monkeypatch.setattr(swap, "_rename", _dying_rename(real, crash_after, []))
        with pytest.raises(_Killed):
            transaction.commit()
        assert swap.journal_path(root / "site").exists()
        monkeypatch.setattr(swap, "_rename", real)
        notes = swap.recover([root / "site", root / "index"])
        assert notes and "completed the swap of an interrupted build" in notes[0], crash_after
        assert _tree(root / "site") == NEW, crash_after
        assert _folders(root / "site") == {"a", "c", "c/d", "f"}, crash_after
        assert _tree(root / "index") == {swap.MARKER: b"new index", "segment": b"new segment"}, crash_after
        assert _leftovers(root) == [], crash_after
        assert swap.recover([root / "site", root / "index"]) == [], "recovering twice does nothing"


def test_a_journal_naming_a_path_outside_the_site_is_refused(tmp_path: Path):
    transaction = _delta_swap(tmp_path)
    entry = next(e for e in transaction.entries if e.delta)
    entry.dropped = ["../outside"]
    swap._write_journal(swap.journal_path(tmp_path / "site"), transaction.entries)
    (tmp_path / "outside").write_text("mine", encoding="utf-8")
    with pytest.raises(swap.SwapError, match="unreadable swap journal"):
        swap.recover([tmp_path / "site"])
    assert (tmp_path / "outside").read_text(encoding="utf-8") == "mine"


# --- the delta commit of a real incremental build ---

def _site(project: Path) -> dict[str, str]:
    folder = project / "site"
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _full_site(project: Path, where: Path) -> dict[str, str]:
    """The site a full build of the project's content writes, elsewhere."""
    config = dataclasses.replace(load_config(root=project), output_dir=where / "site", index_dir=where / "index")
    shutil.rmtree(where, ignore_errors=True)
    build(config, full=True)
    return _site(where)


def _cli_build(*args: str):
    result = CliRunner().invoke(main, ["build", *args])
    assert result.exit_code == 0, result.output
    return result


def test_an_incremental_build_changes_the_live_site_in_place_and_equals_a_full_build(project: Path):
    _cli_build()
    site = project / "site"
    folder, home_page = os.stat(site).st_ino, os.stat(site / "about.html").st_ino
    (project / "static").mkdir()
    (project / "static" / "notes").write_text("a file\n", encoding="utf-8")
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nسقطت قذائف على الحقل.\n", encoding="utf-8")
    assert "Incremental build" in _cli_build().output
    assert _site(project) == _full_site(project, project.parent / "full")
    assert os.stat(site).st_ino == folder, "the site folder is the same: only the changed files were swapped"
    assert os.stat(site / "about.html").st_ino == home_page, "an unchanged page is left where it was"
    (project / "static" / "notes").unlink()
    (project / "static" / "notes").mkdir()  # a file turned into a folder
    (project / "static" / "notes" / "one.txt").write_text("inside\n", encoding="utf-8")
    assert "Incremental build" in _cli_build().output
    assert (site / "notes" / "one.txt").read_text(encoding="utf-8") == "inside\n"
    assert _site(project) == _full_site(project, project.parent / "full")
    shutil.rmtree(project / "static" / "notes")
    (project / "static" / "notes").write_text("a file again\n", encoding="utf-8")  # and back
    assert "Incremental build" in _cli_build().output
    assert (site / "notes").read_text(encoding="utf-8") == "a file again\n"
    assert _site(project) == _full_site(project, project.parent / "full")
    new = project / "content" / "articles" / "new.md"
    new.write_text("---\nid: new-article\ntitle: قصف جديد\npublished: 2023-01-01\n---\nنص.\n", encoding="utf-8")
    _cli_build()
    assert (site / "articles" / "new-article.html").is_file()
    new.unlink()  # a deleted article's page disappears
    assert "Incremental build" in _cli_build().output
    assert not (site / "articles" / "new-article.html").exists()
    assert _site(project) == _full_site(project, project.parent / "full")
    assert _leftovers(project) == [], "the replaced files were deleted once the result was shown"


def test_a_delta_build_killed_after_any_rename_is_finished_by_the_next_build(project: Path,
                                                                           monkeypatch: pytest.MonkeyPatch):
    _cli_build()
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nسقطت قذائف على الحقل.\n", encoding="utf-8")
    expected = _full_site(project, project.parent / "full")
    saved = project.parent / "saved"
    shutil.copytree(project, saved, symlinks=True)
    real = swap._rename
    renames, crash_after = None, 1
    while renames is None or crash_after <= renames:
        done = []
        monkeypatch.setattr(swap, "_rename", _dying_rename(real, crash_after, done))
        try:
            build(load_config(), jobs=1)
            renames = len(done)  # (a crash past the last rename: the count)
        except _Killed:
            assert (project / ".site.swap.json").exists()
        monkeypatch.setattr(swap, "_rename", real)
        if renames is not None and crash_after > renames:
            break
        result = _cli_build()
        assert "note: completed the swap of an interrupted build" in result.output, crash_after
        assert _site(project) == expected, crash_after
        assert _leftovers(project) == [] and _leftovers(project / ".sitegen") == [], crash_after
        for folder in ("site", ".sitegen", "content"):  # back to before the edited build
            shutil.rmtree(project / folder)
            shutil.copytree(saved / folder, project / folder, symlinks=True)
        crash_after += 1 if renames is None or crash_after < 4 or crash_after > renames - 4 else 3
    assert renames and renames > 4, "the edit moved several files"


def test_a_failure_in_the_middle_of_an_incremental_build_leaves_the_previous_site_and_index(
        project: Path, monkeypatch: pytest.MonkeyPatch):
    _cli_build()
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nسقطت قذائف على الحقل.\n", encoding="utf-8")
    before = {"site": _tree(project / "site"), "index": _tree(project / ".sitegen" / "index")}
    from sitegen import build as build_module

    def disk_full(*_args, **_kwargs):  # after the pages were staged, before the exports
        raise OSError(28, "No space left on device", "site/incidents.json")

    write_exports = build_module._write_exports
    monkeypatch.setattr(build_module, "_write_exports", disk_full)
    with pytest.raises(BuildFailed) as failed:
        build(load_config())
    assert "cannot write: No space left on device" in str(failed.value.diagnostics[0])
    assert {"site": _tree(project / "site"), "index": _tree(project / ".sitegen" / "index")} == before
    assert _leftovers(project) == [] and _leftovers(project / ".sitegen") == []
    monkeypatch.setattr(build_module, "_write_exports", write_exports)
    assert "Incremental build" in _cli_build().output
    assert _site(project) == _full_site(project, project.parent / "full")


def _custom_projection(index_dir: Path, site_dir: Path, content, progress=None):
    """A browser projection that writes its files itself (not through the build's stager)."""
    from sitegen.search import write_browser_index

    return write_browser_index(index_dir, site_dir, content, progress=progress)


def test_a_custom_browser_projection_in_a_delta_stages_only_its_changed_files(project: Path):
    build(load_config(), write_browser=_custom_projection)
    shards = sorted((project / "site" / "search").rglob("*.js"))
    inodes = {p: os.stat(p).st_ino for p in shards}
    article = project / ARTICLE
    article.write_text(article.read_text(encoding="utf-8") + "\nسقطت قذائف على الحقل.\n", encoding="utf-8")
    result = build(load_config(), write_browser=_custom_projection)
    assert result.incremental
    config = dataclasses.replace(load_config(), output_dir=project.parent / "full" / "site",
                                 index_dir=project.parent / "full" / "index")
    build(config, full=True, write_browser=_custom_projection)
    assert _site(project) == _site(project.parent / "full")
    left = [p for p in shards if p.exists() and os.stat(p).st_ino == inodes[p]]
    assert 0 < len(left) < len(shards), "the unchanged files of the projection were left in place, the others replaced"


def test_a_delta_stager_writes_into_a_folder_where_workers_only_kept_files(tmp_path: Path):
    """A page worker that left a file in place made no folder in the staging folder: the next
    file written there by the build's own process must make it."""
    from sitegen.buildstate import digest
    from sitegen.staging import Stager

    live = tmp_path / "site"
    _write(live, {"months/a.html": b"a", "months/b.html": b"b"})
    previous = {"months/a.html": digest(b"a"), "months/b.html": digest(b"b")}
    staging = tmp_path / "staging"
    staging.mkdir()
    stager = Stager(staging, live, previous, delta=True, present=set(previous))
    stager.record("months/a.html", digest(b"a"), True)  # as parallel.PageWorkers reports a kept page
    stager.write("months/b.html", b"b, numbered again")
    stager.write("months/c.html", b"new")
    assert _tree(staging) == {"months/b.html": b"b, numbered again", "months/c.html": b"new"}
    assert stager.staged() == ["months/b.html", "months/c.html"] and stager.linked == 1
    stager.write("months/b.html", b"b")  # back to the previous bytes: unstaged, left in place
    assert _tree(staging) == {"months/c.html": b"new"} and stager.staged() == ["months/c.html"]
