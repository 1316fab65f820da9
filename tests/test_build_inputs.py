"""What a rebuild looks at: the files a build reads, and only those, decide whether anything changed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITEGEN = str(Path(sys.executable).parent / "sitegen")


def _build(root: Path) -> subprocess.CompletedProcess:
    done = subprocess.run([SITEGEN, "build"], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done


def test_files_a_build_does_not_read_change_nothing_and_every_input_is_seen(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    _build(root)
    records = root / "content" / ".extracted"  # `sitegen extract`'s proposals: read by extract, not by a build
    records.mkdir(exist_ok=True)
    (records / "some-article.yaml").write_text("id: some-article\n", encoding="utf-8")
    (root / "content" / "notes.txt").write_text("ملاحظات المحرر\n", encoding="utf-8")
    assert "Nothing changed since the last build" in _build(root).stdout
    gazetteer = root / "content" / "gazetteer.yaml"  # a vocabulary file is an input
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8").replace("name: الميادين\n", "name: مدينة الميادين\n", 1),
                         encoding="utf-8")
    assert "Incremental build" in _build(root).stdout
    assert "مدينة الميادين" in (root / "site" / "places" / "al-mayadin.html").read_text(encoding="utf-8")
    (root / "content" / "actors.yaml").unlink()  # a vocabulary file removed: seen (and its references fail)
    gone = subprocess.run([SITEGEN, "build"], cwd=root, capture_output=True, text=True)
    assert gone.returncode == 1 and "unknown actors id" in gone.stderr
    shutil.copyfile(REPO / "content" / "actors.yaml", root / "content" / "actors.yaml")
    article = next((root / "content" / "articles").glob("*.md"))
    (article.parent / "sub").mkdir()
    shutil.copyfile(article, article.parent / "sub" / "copy.md")  # an article in a subfolder is read too
    failed = subprocess.run([SITEGEN, "build"], cwd=root, capture_output=True, text=True)
    assert failed.returncode == 1 and "already used" in failed.stderr


def test_a_state_read_once_is_known_to_be_replaced_by_another_build(tmp_path):
    """The build reads its state once, before it takes the lock; under the lock it reads it again
    only if another build replaced the file in between (``still_current``)."""
    from sitegen import buildstate
    from sitegen.config import load_config

    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    _build(root)
    config = load_config(root=root)
    site, index = config.output_dir.resolve(), config.index_dir.resolve()
    state, reason = buildstate.load(index, site)
    assert state is not None and reason == ""
    assert buildstate.still_current(state, index)
    assert not buildstate.still_current(state, tmp_path)  # another index folder
    assert not buildstate.still_current(None, index)
    (root / "content" / "articles" / "new.md").write_text(
        "---\nid: new\ntitle: مقالة\npublished: 2022-02-03\nreview: reviewed\n---\nنص\n", encoding="utf-8")
    _build(root)  # another build replaced the state file
    assert not buildstate.still_current(state, index)
    again, _ = buildstate.load(index, site)
    assert again.inputs != state.inputs and buildstate.still_current(again, index)


def test_a_build_leaves_no_object_frozen_for_the_collector(tmp_path):
    """What a build freezes (``sitegen.collector``) is an ordinary object again once it returns or
    fails: `sitegen serve` builds again and again in one process, and must not keep every build."""
    import gc

    import pytest

    from sitegen.build import build
    from sitegen.config import load_config
    from sitegen.errors import BuildFailed

    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    config = load_config(root=root)
    build(config)
    assert gc.get_freeze_count() == 0
    (root / "site" / "stray.txt").write_text("not sitegen's", encoding="utf-8")  # a foreign file: refused
    (root / "content" / "articles" / "new.md").write_text(
        "---\nid: new\ntitle: مقالة\npublished: 2022-02-03\nreview: reviewed\n---\nنص\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        build(config)
    assert gc.get_freeze_count() == 0


def test_a_damaged_or_foreign_state_is_never_used_and_says_why(tmp_path):
    from sitegen import buildstate
    from sitegen.config import load_config

    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    _build(root)
    config = load_config(root=root)
    site, index = config.output_dir.resolve(), config.index_dir.resolve()
    path = index / buildstate.STATE_FILE
    good = path.read_bytes()
    header, _, body = good.partition(b"\n")
    for damaged, why in [(b"{not json", "is unreadable"), (header + b"\n" + body[: len(body) // 2], "is unreadable"),
                         (header.replace(b"sitegen ", b"sitegen 0.0.1-", 1) + b"\n" + body, "another sitegen version"),
                         (b"", "is unreadable")]:
        path.unlink()
        path.write_bytes(damaged)
        state, reason = buildstate.load(index, site)
        assert state is None
        assert reason == f"{path} is unreadable" if why == "is unreadable" else why in reason
    path.write_bytes(good)
    done = _build(root)  # the intact state again: the build is incremental
    assert "Nothing changed since the last build" in done.stdout


def _odd_inputs(tmp_path: Path):
    """A project whose articles folder holds every kind of entry the digest of the inputs meets."""
    import os

    from sitegen.config import load_config

    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    articles = root / "content" / "articles"
    (articles / "sub").mkdir()
    (articles / "sub" / "nested.md").write_text("---\nid: nested\n---\n", encoding="utf-8")
    os.mkfifo(articles / "a-fifo.md")
    (articles / "broken.md").symlink_to(tmp_path / "nowhere.md")
    (articles / "folder-link").symlink_to(articles / "sub")
    (articles / "notes.txt").write_text("ملاحظات\n", encoding="utf-8")
    return load_config(root=root), articles


def test_the_input_stats_taken_by_a_forked_process_give_the_digest_a_build_takes_itself(tmp_path, monkeypatch):
    """``inputwalk.StatsAhead`` (the stats taken while the state is read) changes nothing: the same
    digest and the same hashes as stats taken in the build's own process, for every kind of entry
    (a FIFO, a broken link, a link to a folder, a subfolder), after an edit, and when a file was
    added after it listed the folder (then the build's own stats are used)."""
    import os
    import time

    from sitegen import buildstate, inputwalk
    from sitegen.build import _input_folders

    config, articles = _odd_inputs(tmp_path)
    folders = _input_folders(config)
    monkeypatch.setattr(inputwalk, "_a_core_is_free", lambda: True)
    # (a thread another test left, a daemon waiting on nothing of ours, would forbid the fork)
    monkeypatch.setattr(inputwalk.threading, "active_count", lambda: 1)

    def both(known=None, hashed_before=0):
        ahead = inputwalk.StatsAhead([str(folder) for folder in folders])
        assert ahead._pid  # (forked: pytest runs no other thread)
        forked = buildstate.fingerprint_inputs(config, folders, [True], known, hashed_before, ahead=ahead)
        assert ahead._pid == 0 and ahead._found  # reaped, and its result was there
        here = buildstate.fingerprint_inputs(config, folders, [True], known, hashed_before)
        assert forked == here
        return forked, ahead

    (digest, files), _ = both()
    assert str(articles / "sub" / "nested.md") in files and str(articles / "a-fifo.md") not in files
    assert str(articles / "broken.md") not in files
    hashed_at = time.time_ns() + buildstate.RACY_NS + 1  # (as if hashed long after: nothing is "racy")
    (again, known_files), _ = both(files, hashed_at)
    assert again == digest and known_files == files
    article = sorted(articles.glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nفقرة\n", encoding="utf-8")
    (edited, edited_files), _ = both(files, hashed_at - 10 * buildstate.RACY_NS)
    assert edited != digest and edited_files[str(article)] != files[str(article)]

    ahead = inputwalk.StatsAhead([str(folder) for folder in folders])
    os.waitpid(ahead._pid, 0)  # (done listing) then a file is added: the forked listing is not used
    ahead._pid = 0
    (articles / "added.md").write_text("---\nid: added\n---\n", encoding="utf-8")
    assert ahead.of(str(articles), inputwalk.without_folder_links(inputwalk.walk(str(articles)))) is None
    assert buildstate.fingerprint_inputs(config, folders, [True], ahead=ahead) == \
        buildstate.fingerprint_inputs(config, folders, [True])
    stopped = inputwalk.StatsAhead([str(folder) for folder in folders])
    stopped.close()  # stopped before it reported (a build that failed): the build looks itself
    assert buildstate.fingerprint_inputs(config, folders, [True], ahead=stopped) == \
        buildstate.fingerprint_inputs(config, folders, [True])
    monkeypatch.setattr(inputwalk, "_a_core_is_free", lambda: False)  # a busy machine: nothing forked
    assert inputwalk.StatsAhead([str(folder) for folder in folders])._pid == 0
