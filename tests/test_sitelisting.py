"""The files of a live site from its folders' record: always what a walk finds."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from sitegen import output, sitelisting
from sitegen.swap import MARKER

FILES = ["index.html", "a/1.html", "a/2.html", "a/b/3.html", "a/b/c/4.html", "d/5.html", "d.html", "e/f/6.html"]


def _site(root: Path) -> tuple[Path, str]:
    site = root / "site"
    for path in FILES:
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(path, encoding="utf-8")
    text = output.MARKER_HEADER + "".join(p + "\n" for p in sorted(FILES))
    (site / MARKER).write_text(text, encoding="utf-8")
    old = time.time() - 3600  # folders last changed an hour ago: trusted
    for folder, _, _ in os.walk(site):
        os.utime(folder, (old, old))
    return site, text


def _walked(folder: Path) -> list[str]:
    """Every file of ``folder`` by a plain ``os.walk`` (a link to a folder counts as a file): what a
    listing from the record must equal."""
    found = []
    for root, dirs, files in os.walk(folder):
        inside = os.path.relpath(root, folder).replace(os.sep, "/")
        prefix = "" if inside == "." else inside + "/"
        found += [prefix + name for name in files + [d for d in dirs if os.path.islink(os.path.join(root, d))]]
    return sorted(p for p in found if p != MARKER)


def _recorded(tmp_path: Path) -> tuple[Path, Path, str]:
    site, text = _site(tmp_path)
    record = tmp_path / sitelisting.RECORD_FILE
    listing = sitelisting.walk(site, MARKER)
    assert listing == sorted(FILES)
    sitelisting.save(record, site, listing, [], text)
    return site, record, text


def _read(site: Path, record: Path, text: str):
    return sitelisting.read(site, record, sorted(FILES), text, MARKER)


@pytest.mark.parametrize("change", ["nothing", "added", "removed", "new tree", "tree gone", "folder to file",
                                    "link to a folder", "nested trees gone"])
def test_the_files_read_from_the_record_are_those_a_walk_finds(tmp_path, change):
    site, record, text = _recorded(tmp_path)
    if change == "added":
        (site / "a" / "b" / "new.txt").write_text("x", encoding="utf-8")
    elif change == "removed":
        (site / "d" / "5.html").unlink()
    elif change == "new tree":
        (site / "a" / "g" / "h").mkdir(parents=True)
        (site / "a" / "g" / "h" / "7.txt").write_text("x", encoding="utf-8")
    elif change == "tree gone":
        for path in ("e/f/6.html",):
            (site / path).unlink()
        (site / "e" / "f").rmdir()
    elif change == "folder to file":
        (site / "d" / "5.html").unlink()
        (site / "d").rmdir()
        (site / "d").write_text("now a file", encoding="utf-8")
    elif change == "link to a folder":
        os.symlink(site / "a", site / "a" / "b" / "c" / "up")
    elif change == "nested trees gone":
        for path in ("a/b/3.html", "a/b/c/4.html"):
            (site / path).unlink()
        (site / "a" / "b" / "c").rmdir()
        (site / "a" / "b").rmdir()
    listing = _read(site, record, text)
    assert listing is not None
    assert list(listing) == _walked(site)
    assert listing.unlisted == [p for p in _walked(site) if p not in FILES]
    if change == "nothing":
        assert listing.unlisted == []


def test_a_record_of_another_marker_or_site_or_a_damaged_one_is_not_used(tmp_path):
    site, record, text = _recorded(tmp_path)
    assert _read(site, record, text) is not None
    assert _read(site, record, text + "other.html\n") is None  # another build's marker
    assert sitelisting.read(tmp_path / "elsewhere", record, sorted(FILES), text, MARKER) is None
    record.write_text("{not json", encoding="utf-8")
    assert _read(site, record, text) is None
    record.unlink()
    assert _read(site, record, text) is None


def test_a_folder_seen_changing_recently_or_changed_by_the_swap_is_listed_again(tmp_path):
    site, text = _site(tmp_path)
    record = tmp_path / sitelisting.RECORD_FILE
    os.utime(site / "d", None)  # changed just now: its mtime could stay the same after another change
    listing = sitelisting.walk(site, MARKER)
    sitelisting.save(record, site, listing, ["a/b/3.html"], text)  # the swap changes a/b (and a, and the root)
    import json
    folders = json.loads(record.read_text(encoding="utf-8"))["folders"]
    assert {f for f, known in folders.items() if known is None} == {"", "a", "a/b", "d"}
    assert folders["a/b/c"] is not None and folders["e/f"] is not None


def test_a_build_finds_a_file_added_to_a_folder_it_did_not_list(project: Path, monkeypatch):
    """Through the build: after an incremental build recorded the folders, a file a person adds
    to a folder no build changes is still found (and named), without walking the whole site."""
    from sitegen.build import build
    from sitegen.config import load_config
    from sitegen.errors import BuildFailed

    config = load_config()
    build(config)
    article = next((project / "content" / "articles").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nسطر جديد.\n", encoding="utf-8")
    old = time.time() - 3600
    for folder, _, _ in os.walk(config.output_dir):
        os.utime(folder, (old, old))
    assert build(config).incremental
    walks = []
    site = config.output_dir.resolve()  # (the index folder is walked as before: it has no record)
    monkeypatch.setattr(sitelisting, "walk",
                        lambda *args: (Path(args[0]).resolve() == site and walks.append(args)) or _walked(args[0]))
    (config.output_dir / "assets" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(config)
    assert "assets/notes.txt" in str(failure.value.diagnostics[0].message)
    (config.output_dir / "assets" / "notes.txt").unlink()
    (config.output_dir / "assets" / "print.css").unlink()  # a file the last build wrote, removed by a person
    article.write_text(article.read_text(encoding="utf-8") + "\nسطر آخر.\n", encoding="utf-8")
    assert build(config).incremental
    assert (config.output_dir / "assets" / "print.css").is_file()  # written again
    assert walks == []  # the record served every build


@pytest.mark.parametrize("change", ["nothing", "added", "removed", "new tree", "tree gone"])
def test_files_read_early_and_brought_up_to_date_are_those_a_walk_finds(tmp_path, change):
    """The build reads the site's files in a thread from its start; under the lock, what changed
    since (a person adding or removing files meanwhile) is listed again."""
    site, record, text = _recorded(tmp_path)
    (site / "stray.txt").write_text("a file the marker does not list", encoding="utf-8")
    early = sitelisting.Prefetch(site, record, MARKER).result()
    assert early is not None and early.unlisted == ["stray.txt"]
    if change == "added":
        (site / "a" / "b" / "new.txt").write_text("x", encoding="utf-8")
    elif change == "removed":
        (site / "d" / "5.html").unlink()
    elif change == "new tree":
        (site / "e" / "g").mkdir()
        (site / "e" / "g" / "7.txt").write_text("x", encoding="utf-8")
    elif change == "tree gone":
        (site / "a" / "b" / "c" / "4.html").unlink()
        (site / "a" / "b" / "c").rmdir()
    listing = sitelisting.refresh(site, early, text, sorted(FILES), MARKER)
    assert listing is not None and list(listing) == _walked(site)
    assert listing.unlisted == [p for p in _walked(site) if p not in FILES]
    assert sitelisting.refresh(site, early, text + "x.html\n", sorted(FILES), MARKER) is None  # another build's marker
