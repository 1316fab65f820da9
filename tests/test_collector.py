"""The build pauses Python's cyclic collector while it reads and plans (``sitegen.collector``):
that is safe only if reading and planning make no cyclic garbage, which this checks."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from sitegen import buildstate, collector, inputwalk, pagedeps, render
from sitegen.archive import make_archive
from sitegen.build import _input_folders, build
from sitegen.config import load_config
from sitegen.content import load_content
from sitegen.pagereuse import PageReuse
from sitegen.parsecache import ParseCache
from sitegen.staging import Stager

REPO = Path(__file__).resolve().parent.parent


def _read_and_plan(config, previous_index: Path | None, tmp_path: Path) -> int:
    ahead = inputwalk.StatsAhead([str(folder) for folder in _input_folders(config)])  # (forked, as a build does)
    state = buildstate.load(config.index_dir, config.output_dir.resolve())[0] if previous_index else None
    _, files = buildstate.fingerprint_inputs(config, _input_folders(config), [True],
                                             state.files if state else None, state.hashed_at if state else 0,
                                             ahead=ahead)
    parsed = ParseCache(previous_index, files)
    content, _ = load_content(config.content_dir, parsed.parse_all, parsed.vocabulary)
    site = make_archive(content)
    env = render.make_environment(config)
    env.globals["site"] = pagedeps.Recorder(config, pagedeps.SETTINGS)
    planned = render.plan_pages(pagedeps.Recorder(site, pagedeps.ARCHIVE), config.page_size, config.latest)
    digests = pagedeps.PageDigests(site, config, lambda name: render.template_sources(env, name),
                                   env.globals["built_on"], fixed=(env.globals["month_names"],))
    digests.values.seed(parsed.fingerprints)
    (tmp_path / "staged").mkdir(exist_ok=True)
    stager = Stager(tmp_path / "staged", config.output_dir if state else None, state.outputs if state else None)
    reuse = PageReuse(env, digests, stager, pagedeps.PageRecords.from_json(state.pages) if state else None)
    return len(reuse.split(planned))


def test_reading_and_planning_make_no_cyclic_garbage(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    for number in range(30):  # articles with incidents, places and actors: every kind of page
        source = next((REPO / "content" / "articles").glob("*.md")).read_text(encoding="utf-8")
        (root / "content" / "articles" / f"copy-{number}.md").write_text(
            source.replace("\nid: ", f"\nid: copy-{number}-", 1).replace("  - id: ", f"  - id: copy-{number}-"),
            encoding="utf-8")
    config = load_config(root=root)
    for previous in (None, config.index_dir):  # a first build (everything parsed), then a cached one
        gc.collect()  # (the garbage of what ran before)
        gc.disable()
        try:
            stale = _read_and_plan(config, previous, tmp_path)
            assert gc.collect() == 0
        finally:
            gc.enable()
        assert stale > 0 if previous is None else stale == 0
        if previous is None:
            assert build(config).articles == 31


def test_a_build_restores_the_collector_as_it_found_it(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    config = load_config(root=root)
    build(config)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        build(config, full=True)
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_only_the_sitegen_program_ends_without_freeing_a_build_and_it_prints_everything(tmp_path, monkeypatch):
    """The `sitegen` program ends right after a build without freeing what it read
    (``collector.end_process``): its output must still be complete and its exit status right.
    A build called from Python (tests, `sitegen serve`) keeps nothing."""
    import subprocess
    import sys

    from sitegen.archive import Archive

    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    monkeypatch.setattr(collector, "_left", [])
    config = load_config(root=root)
    build(config)
    assert not collector.anything_left()  # an ordinary call frees its build
    article = next((root / "content" / "articles").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nفقرة جديدة.\n", encoding="utf-8")
    build(config, exits_after=True)
    assert any(isinstance(value, Archive) for value in collector._left[0])  # left for the end of the process
    program = str(Path(sys.executable).parent / "sitegen")
    for change in ("\nفقرة أخرى.\n", None):  # a rebuild (its data left), then one with nothing to do
        if change:
            article.write_text(article.read_text(encoding="utf-8") + change, encoding="utf-8")
        done = subprocess.run([program, "build"], cwd=root, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert lines[0].startswith("Built ") and lines[-1] == f"Open {(root / 'site' / 'index.html').as_uri()}"
        assert ("Incremental build:" if change else "Nothing changed") in done.stdout
    bad = root / "content" / "articles" / "bad.md"
    bad.write_text("---\nid: [\n---\nنص\n", encoding="utf-8")
    failed = subprocess.run([program, "build"], cwd=root, capture_output=True, text=True)
    assert failed.returncode == 1 and "bad.md" in failed.stderr
