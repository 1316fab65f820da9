"""The state of incremental builds as files (``sitegen.buildstate``): a base of the large tables,
linked from build to build, and a small delta; what is read back is what was saved."""

from __future__ import annotations

import dataclasses
import marshal
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitegen import buildstate
from sitegen.buildstate import BASE_FILE, STATE_FILE, State

REPO = Path(__file__).resolve().parent.parent
SITEGEN = str(Path(sys.executable).parent / "sitegen")


def _state(site: Path, pages: int) -> State:
    return State(
        site_dir=str(site), inputs="i" * 64, analyzer="a", vocabulary="v", hashed_at=12345,
        outputs={f"articles/a-{n}.html": f"{n:064x}" for n in range(pages)},
        documents={f"a-{n}": f"{n + 1:064x}" for n in range(pages)},
        files={f"/content/articles/a-{n}.md": bytes(32) + n.to_bytes(32, "big") for n in range(pages)},
        pages={"reads": [["archive.articles"], ["site.title"]],
               "pages": {f"articles/a-{n}.html": [f"{n:064x}", n % 2, f"مقالة {n}", 0, ""] for n in range(pages)}},
        derived={"incidents.json": "d" * 64}, result={"articles": pages, "diagnostics": []})


def _fields(state: State) -> dict:
    return {name: getattr(state, name) for name in State.__dataclass_fields__}


def _edited(state: State, rng: random.Random, count: int) -> State:
    """``state`` with ``count`` entries of each table changed, removed or added."""
    tables = {name: dict(getattr(state, name)) for name in ("outputs", "documents", "files")}
    pages = dict(state.pages["pages"])
    for table in (*tables.values(), pages):
        for _ in range(count):
            key = rng.choice(sorted(table))
            action = rng.choice(["change", "remove", "add"])
            if action == "remove":
                del table[key]
            elif action == "add":
                table[key + f"-new{rng.random()}"] = table[key]
            else:
                table[key] = table[rng.choice(sorted(table))]
    return dataclasses.replace(state, **tables, pages={**state.pages, "pages": pages}, inputs=f"{rng.random():064}")


def test_a_state_saved_on_its_previous_base_reads_back_as_saved_and_links_that_base(tmp_path):
    rng = random.Random(11)
    site = tmp_path / "site"
    folders = [tmp_path / f"index-{n}" for n in range(6)]
    for folder in folders:
        folder.mkdir()
    state = _state(site, 3000)
    buildstate.save(state, folders[0])
    previous, _ = buildstate.load(folders[0], site)
    assert _fields(previous) == _fields(state)
    for number, folder in enumerate(folders[1:], start=1):
        state = _edited(previous, rng, count=5)
        buildstate.save(state, folder, previous)
        # the base is the first one, linked (not written again); the state file holds the changes only
        assert os.stat(folder / BASE_FILE).st_ino == os.stat(folders[0] / BASE_FILE).st_ino
        assert (folder / STATE_FILE).stat().st_size < (folder / BASE_FILE).stat().st_size / 20
        previous, reason = buildstate.load(folder, site)
        assert reason == "" and _fields(previous) == _fields(state), number
    # a change of more than a twentieth of the tables: a new base, and still what was saved
    state = _edited(previous, rng, count=400)
    fresh = tmp_path / "index-big"
    fresh.mkdir()
    buildstate.save(state, fresh, previous)
    assert os.stat(fresh / BASE_FILE).st_ino != os.stat(folders[0] / BASE_FILE).st_ino
    again, _ = buildstate.load(fresh, site)
    assert _fields(again) == _fields(state)


def test_saving_again_in_place_never_writes_into_a_base_another_folder_links(tmp_path):
    site = tmp_path / "site"
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    state = _state(site, 100)
    buildstate.save(state, first)
    loaded, _ = buildstate.load(first, site)
    buildstate.save(_edited(loaded, random.Random(3), 2), second, loaded)
    before = (first / BASE_FILE).read_bytes()
    loaded_second, _ = buildstate.load(second, site)
    buildstate.save(dataclasses.replace(loaded_second, hashed_at=99), second)  # no previous: a new base, in place
    assert (first / BASE_FILE).read_bytes() == before
    assert buildstate.load(first, site)[0] is not None and buildstate.load(second, site)[0].hashed_at == 99


def _project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    return root


def _sitegen(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run([SITEGEN, "build"], cwd=root, capture_output=True, text=True)


def _edit(root: Path, text: str) -> None:
    article = sorted((root / "content" / "articles").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + f"\n{text}\n", encoding="utf-8")


@pytest.mark.parametrize("damage", ["base missing", "base of another state", "base truncated", "base garbage",
                                    "base empty", "an older format", "delta of another shape"])
def test_a_bad_base_or_an_older_state_means_a_full_build_that_says_why(tmp_path, damage):
    root = _project(tmp_path)
    assert _sitegen(root).returncode == 0
    _edit(root, "فقرة أولى")
    assert "Incremental build" in _sitegen(root).stdout  # (the state now has a delta on a base)
    index = root / ".sitegen" / "index"
    base, state = index / BASE_FILE, index / STATE_FILE
    header, _, body = state.read_bytes().partition(b"\n")
    data = marshal.loads(body)
    if damage == "base missing":
        base.unlink()
    elif damage == "base of another state":
        base_header, _, base_body = base.read_bytes().partition(b"\n")
        base.unlink()
        base.write_bytes(base_header + b"\n" + marshal.dumps({**marshal.loads(base_body), "token": "another"}))
    elif damage == "base truncated":
        data_bytes = base.read_bytes()
        base.unlink()
        base.write_bytes(data_bytes[: len(data_bytes) // 2])
    elif damage == "base garbage":
        base.unlink()
        base.write_bytes(b"\x00\x01 not a state")
    elif damage == "base empty":
        base.unlink()
        base.write_bytes(b"")
    elif damage == "an older format":  # as sitegen-build-state/3 wrote it: one file, every field in it
        state.write_bytes(header.replace(buildstate.STATE_FORMAT.encode(), b"sitegen-build-state/3") + b"\n"
                          + marshal.dumps(data["fields"]))
    else:
        data["delta"] = {where: [1, 2, 3] for where in data["delta"]}
        state.write_bytes(header + b"\n" + marshal.dumps(data))
    _edit(root, "فقرة ثانية")
    done = _sitegen(root)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    why = "another sitegen version" if damage == "an older format" else f"{state} is unreadable"
    assert f"Full build ({why}" in done.stdout or why in done.stdout, done.stdout
    assert "فقرة ثانية" in "".join(p.read_text(encoding="utf-8") for p in (root / "site" / "articles").glob("*.html"))
    again = _sitegen(root)  # the full build wrote a good state: the next build is incremental again
    assert "Nothing changed since the last build" in again.stdout


def test_an_edit_after_a_full_build_saves_a_small_delta_on_its_base(tmp_path):
    """The page records keep the numbering of the lists of names read that the previous build
    gave them, so the first rebuild after a full build links that base and saves only the few
    records that changed (it had rewritten the whole base)."""
    from sitegen.build import build
    from sitegen.config import load_config

    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    config = load_config(root=root)
    build(config, full=True)
    base = (config.index_dir / BASE_FILE).stat().st_ino
    article = sorted((root / "content" / "articles").glob("*.md"))[0]
    article.write_text(article.read_text(encoding="utf-8") + "\nفقرة جديدة.\n", encoding="utf-8")
    rebuilt = build(config)
    assert rebuilt.incremental and rebuilt.pages_rendered < rebuilt.pages
    assert (config.index_dir / BASE_FILE).stat().st_ino == base  # the base linked, not written again
    saved = marshal.loads((config.index_dir / STATE_FILE).read_bytes().partition(b"\n")[2])
    changed, removed = saved["delta"][("pages", "pages")]
    assert 0 < len(changed) <= rebuilt.pages_rendered and not removed
