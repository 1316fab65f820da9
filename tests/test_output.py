"""The output folders: nothing a person put there is lost, interrupted swaps are finished,
one build at a time, folders a host can serve."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen import lock, swap
from sitegen.cli import main

ARTICLE = "content/articles/2022-01-08-deir-ez-zor-exchange-of-fire.md"


def _snapshot(project: Path) -> dict[str, str]:
    """Every file of the site, the index and the content, by content."""
    return {p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in (project / "site", project / ".sitegen" / "index", project / "content")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(*args: str):
    return CliRunner().invoke(main, ["build", *args])


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()
                  if ".new-" in p.name or ".old-" in p.name or p.name.endswith((".swap.json", ".swap.json.tmp")))


def test_a_file_added_to_the_site_stops_the_build_and_is_named(project: Path):
    assert _build().exit_code == 0
    (project / "site" / "CNAME").write_text("archive.example.org\n", encoding="utf-8")
    (project / "site" / ".well-known").mkdir()
    (project / "site" / ".well-known" / "security.txt").write_text("Contact: x\n", encoding="utf-8")
    before = _snapshot(project)
    result = _build()
    assert result.exit_code == 1
    assert ("holds 2 file(s) sitegen did not write, which the build would delete: .well-known/security.txt, "
            "CNAME. Move the ones to publish into static/ (copied into every build), or pass --force") in result.output
    assert _snapshot(project) == before


def test_static_folder_is_published_and_force_deletes_foreign_files(project: Path):
    assert _build().exit_code == 0
    (project / "site" / "CNAME").write_text("old\n", encoding="utf-8")
    (project / "static" / ".well-known").mkdir(parents=True)
    (project / "static" / ".well-known" / "security.txt").write_text("Contact: x\n", encoding="utf-8")
    result = _build("--force")
    assert result.exit_code == 0, result.output
    assert not (project / "site" / "CNAME").exists()
    assert (project / "site" / ".well-known" / "security.txt").read_text(encoding="utf-8") == "Contact: x\n"
    assert _build().exit_code == 0, "files copied from static/ are the build's own, not foreign"


def test_a_file_added_to_the_site_and_kept_in_static_is_not_lost(project: Path):
    assert _build().exit_code == 0
    (project / "site" / "CNAME").write_text("archive.example.org\n", encoding="utf-8")
    (project / "static").mkdir()
    (project / "static" / "CNAME").write_text("archive.example.org\n", encoding="utf-8")
    result = _build()
    assert result.exit_code == 0, result.output
    assert (project / "site" / "CNAME").read_text(encoding="utf-8") == "archive.example.org\n"


def test_static_file_clashing_with_a_page_is_refused(project: Path):
    (project / "static").mkdir()
    (project / "static" / "index.html").write_text("<p>mine</p>", encoding="utf-8")
    result = _build()
    assert result.exit_code == 1
    assert "static/index.html has the same path as a file sitegen writes (index.html); rename or move it" in result.output
    assert not (project / "site").exists()


@pytest.mark.parametrize("index_dir", ["site", "site/search", "."])
def test_overlapping_output_and_index_folders_are_refused(project: Path, index_dir: str):
    assert _build().exit_code == 0
    before = _snapshot(project)
    (project / "sitegen.yaml").write_text(f"index_dir: {index_dir}\n", encoding="utf-8")
    result = _build()
    assert result.exit_code == 2
    assert (f"output_dir {project / 'site'} and index_dir {project / index_dir} overlap (one is, or is inside, "
            "the other)") in result.output
    assert _snapshot(project) == before


def test_out_naming_a_symlink_builds_into_its_target(project: Path, tmp_path: Path):
    target = tmp_path / "served"
    target.mkdir()
    (project / "public").symlink_to(target)
    for _ in range(2):
        result = _build("--out", "public")
        assert result.exit_code == 0, result.output
    assert f"public is a symbolic link: building into its target {target}" in result.output
    assert (project / "public").is_symlink() and (project / "public" / "index.html").is_file()
    assert (target / "index.html").is_file()
    assert _leftovers(project) == [] and _leftovers(tmp_path) == []


def test_a_second_build_says_who_holds_the_lock(project: Path):
    assert _build().exit_code == 0
    before = _snapshot(project)
    with lock.hold([project / "site"]):
        result = _build()
    assert result.exit_code == 1
    assert f"is being written by pid {os.getpid()} on " in result.output
    assert "wait for that build to finish or stop it" in result.output
    assert _snapshot(project) == before
    assert _build().exit_code == 0, "the lock is released when its holder ends"


def test_leftovers_of_dead_builds_are_removed_and_reported(project: Path):
    dead = project / ".site.new-k1ll3d"
    dead.mkdir()
    (dead / swap.MARKER).write_text("x", encoding="utf-8")
    (dead / "index.html").write_bytes(b"x" * 2_000_000)
    stranger = project / ".site.old-notours"
    stranger.mkdir()
    result = _build()
    assert result.exit_code == 0, result.output
    assert f"note: removed {dead}, left by an interrupted build (2.0 MB)" in result.output
    assert f"{stranger} looks like a leftover of a build but sitegen did not write it" in result.output
    assert not dead.exists() and stranger.is_dir()


@pytest.mark.parametrize("umask, folder_mode, file_mode", [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)])
def test_site_and_index_are_readable_as_the_umask_allows(project: Path, umask: int, folder_mode: int, file_mode: int):
    previous = os.umask(umask)
    try:
        assert _build().exit_code == 0
    finally:
        os.umask(previous)
    for root in (project / "site", project / ".sitegen" / "index"):
        for path in [root, *root.rglob("*")]:
            mode = stat.S_IMODE(path.stat().st_mode)
            assert mode == (folder_mode if path.is_dir() else file_mode), (path, oct(mode))


class _Killed(BaseException):
    """Stands for SIGKILL: nothing in sitegen catches it."""


def _index_titles(index_dir: Path) -> set[str]:
    from whoosh import index

    with index.open_dir(str(index_dir)).searcher() as searcher:
        return {fields["id"] for fields in searcher.all_stored_fields()}


@pytest.mark.parametrize("crash_at", [1, 2, 3, 4])
@pytest.mark.parametrize("next_command", ["build", "search", "extract"])
def test_a_build_killed_at_any_rename_of_the_swap_is_completed_by_the_next_command(
        project: Path, monkeypatch: pytest.MonkeyPatch, crash_at: int, next_command: str):
    assert _build().exit_code == 0
    new = project / "content" / "articles" / "new.md"
    new.write_text("---\nid: new-article\ntitle: قصف جديد\npublished: 2023-01-01\n---\nنص.\n", encoding="utf-8")

    calls = []
    real_rename = swap._rename

    def rename(source: Path, target: Path) -> None:
        calls.append((source, target))
        if len(calls) == crash_at:
            raise _Killed()
        real_rename(source, target)

    monkeypatch.setattr(swap, "_rename", rename)
    with pytest.raises(_Killed):
        from sitegen.build import build
        from sitegen.config import load_config
        build(load_config())
    monkeypatch.setattr(swap, "_rename", real_rename)
    assert (project / ".site.swap.json").exists()

    if next_command == "build":
        result = _build()
        assert "note: completed the swap of an interrupted build" in result.output
    elif next_command == "search":
        result = CliRunner().invoke(main, ["search", "قصف"])
        assert "note: completed the swap of an interrupted build" in result.output
    else:
        raw = project / "raw.txt"
        raw.write_text("قصف على البلدة\nسقطت قذائف.\nسقطت قذائف على البلدة أمس.\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["extract", str(raw), "--published", "2023-01-02"])
        assert "note: completed the swap of an interrupted build" in result.output
    assert result.exit_code == 0, result.output
    assert (project / "site" / "articles" / "new-article.html").is_file()
    assert "new-article" in _index_titles(project / ".sitegen" / "index"), "the index matches the site"
    assert _leftovers(project) == [] and _leftovers(project / ".sitegen") == []


def test_a_file_added_to_the_index_folder_stops_the_build(project: Path):
    assert _build().exit_code == 0
    (project / ".sitegen" / "index" / "notes.txt").write_text("mine", encoding="utf-8")
    before = _snapshot(project)
    result = _build()
    assert result.exit_code == 1
    assert (f"{project / '.sitegen' / 'index'} holds 1 file(s) sitegen did not write, which the build would delete: "
            "notes.txt. Move them, or pass --force to delete them") in result.output
    assert _snapshot(project) == before
