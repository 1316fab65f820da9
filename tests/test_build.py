"""The build as a whole: atomic output, refusal to clobber, the CLI's exit codes and messages."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen import output
from sitegen.build import build
from sitegen.cli import main
from sitegen.config import load_config
from sitegen.errors import BuildFailed


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _leftovers(project: Path) -> list[Path]:
    """Staging folders, previous folders and journals of swaps (the lock file is meant to stay)."""
    return [p for pattern in (".site.new-*", ".site.old-*", ".*.swap.json*", ".sitegen/.index.*-*")
            for p in project.glob(pattern)]


def _break_an_article(project: Path) -> Path:
    bad = project / "content" / "articles" / "broken.md"
    bad.write_text("---\nid: broken\ntitle: t\npublished: 2022-02-30\n---\n", encoding="utf-8")
    return bad


def test_build_writes_home_article_timeline_and_month_pages(project: Path):
    result = build(load_config())
    site = project / "site"
    assert result.articles == 1 and result.incidents == 6
    for page in ("index.html", "timeline/index.html", "timeline/2022-01.html",
                 "articles/2022-01-08-deir-ez-zor-exchange-of-fire.html",
                 "incidents/2022-01-05-green-village-rocket-attack.html", "places/al-mayadin.html",
                 "assets/style.css", "assets/print.css"):
        assert (site / page).is_file(), page
    article = (site / "articles/2022-01-08-deir-ez-zor-exchange-of-fire.html").read_text(encoding="utf-8")
    assert "قصف متبادل بين الميليشيات الإيرانية" in article
    assert "الحرة" in article and "ليلة أمس الجمعة" in article and "× 8" in article
    assert not _leftovers(project), "no staging folder is left behind"


def test_failed_build_leaves_previous_site_byte_for_byte(project: Path):
    build(load_config())
    before = _snapshot(project / "site")
    _break_an_article(project)
    with pytest.raises(BuildFailed) as failure:
        build(load_config())
    assert any("impossible date" in d.message for d in failure.value.diagnostics)
    assert _snapshot(project / "site") == before
    assert not _leftovers(project)


def test_crash_while_writing_leaves_previous_site(project: Path, monkeypatch: pytest.MonkeyPatch):
    build(load_config())
    before = _snapshot(project / "site")

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("sitegen.render.write_pages", explode)
    with pytest.raises(RuntimeError):
        build(load_config(), full=True)
    assert _snapshot(project / "site") == before
    assert not _leftovers(project)
    article = next((project / "content" / "articles").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nفقرة جديدة.\n", encoding="utf-8")
    with pytest.raises(RuntimeError):  # an incremental build (the default) too
        build(load_config())
    assert _snapshot(project / "site") == before
    assert not _leftovers(project)


def test_index_writer_failure_keeps_both_site_and_index(project: Path):
    def write_index(content, folder: Path, progress=None) -> None:
        (folder / "segment").write_text(str(len(content.articles)), encoding="utf-8")

    build(load_config(), write_index=write_index, write_browser=None)  # a fake index: nothing to project
    site_before, index_before = _snapshot(project / "site"), _snapshot(project / ".sitegen" / "index")

    def failing_index(content, folder: Path, progress=None) -> None:
        raise OSError(28, "No space left on device", "index-segment")

    (project / "content" / "articles" / "new.md").write_text(
        "---\nid: new\ntitle: جديد\npublished: 2023-01-01\n---\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(load_config(), write_index=failing_index)
    assert _snapshot(project / "site") == site_before
    assert _snapshot(project / ".sitegen" / "index") == index_before
    assert str(failure.value.diagnostics[0]) == ("index-segment: error: cannot write: No space left on device "
                                                 "(free some space and build again; the previous site and index "
                                                 "are untouched)")
    assert not _leftovers(project)


def test_browser_index_failure_keeps_both_site_and_index(project: Path):
    build(load_config())
    site_before, index_before = _snapshot(project / "site"), _snapshot(project / ".sitegen" / "index")
    assert any(name.startswith("search/terms/") for name in site_before)

    def failing_browser_index(index_dir: Path, site_dir: Path, content, progress=None) -> None:
        (site_dir / "search").mkdir()
        raise OSError(28, "No space left on device", "search-shard")

    (project / "content" / "articles" / "new.md").write_text(
        "---\nid: new\ntitle: جديد\npublished: 2023-01-01\n---\n", encoding="utf-8")
    with pytest.raises(BuildFailed) as failure:
        build(load_config(), write_browser=failing_browser_index)
    assert _snapshot(project / "site") == site_before
    assert _snapshot(project / ".sitegen" / "index") == index_before
    assert "search-shard: error: cannot write: No space left on device" in str(failure.value.diagnostics[0])
    assert not _leftovers(project)


def test_refuses_to_replace_a_folder_it_did_not_write(project: Path):
    documents = project / "documents"
    documents.mkdir()
    (documents / "thesis.txt").write_text("years of work", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--out", "documents"])
    assert result.exit_code == 1
    assert "was not written by sitegen" in result.output
    assert (documents / "thesis.txt").read_text(encoding="utf-8") == "years of work"


def test_refuses_an_output_folder_that_contains_the_content(project: Path):
    with pytest.raises(output.OutputError, match="contains"):
        output.check_replaceable(project, protected=[project / "content"])


def test_cli_build_prints_where_the_archive_is(project: Path):
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert "Built 1 article, 6 incidents" in result.output
    assert (project / "site" / "index.html").resolve().as_uri() in result.output


def test_cli_build_reports_every_error_with_file_and_line(project: Path):
    bad = _break_an_article(project)
    other = project / "content" / "articles" / "also-broken.md"
    other.write_text("---\nid: also\ntitle: t\npublished: 2022-01-01\nincidents:\n  - id: i\n    location: mars\n---\n",
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert f"{bad}:4: error: published: impossible date" in result.output
    assert f"{other}:7: error: incidents[0].location: unknown places id 'mars'" in result.output
    assert "previous output is untouched" in result.output
    assert not (project / "site").exists()


def test_cli_build_with_content_and_out_options(project: Path, tmp_path: Path):
    elsewhere = tmp_path / "elsewhere"
    result = CliRunner().invoke(main, ["build", "--content", str(project / "content"), "--out", str(elsewhere)])
    assert result.exit_code == 0, result.output
    assert (elsewhere / "index.html").is_file()


def test_sitegen_yaml_settings_are_used(project: Path):
    (project / "sitegen.yaml").write_text("title: أرشيف دير الزور\noutput_dir: public\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert "أرشيف دير الزور" in (project / "public" / "index.html").read_text(encoding="utf-8")


def test_bad_sitegen_yaml_is_reported_with_line(project: Path):
    (project / "sitegen.yaml").write_text("title: x\noutput: public\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 2
    assert "sitegen.yaml:2: error: unknown setting 'output'" in result.output


def test_template_error_names_the_template(project: Path):
    (project / "templates").mkdir()
    (project / "templates" / "home.html").write_text('{% extends "base.html" %}\n{% block main %}\n{{ nothing.here }}\n{% endblock %}\n',
                                                     encoding="utf-8")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "home.html:3: error: UndefinedError" in result.output


def test_progress_is_reported_per_stage(project: Path):
    seen: list[tuple[str, int, int]] = []
    result = build(load_config(), progress=lambda stage, done, total: seen.append((stage, done, total)))
    pages = [item for item in seen if item[0] == "pages"]
    index = [item for item in seen if item[0] == "index"]
    assert [done for _, done, _ in pages] == list(range(1, result.pages + 1))
    assert pages[-1] == ("pages", result.pages, result.pages)
    assert index == [("index", 1, 1)]
    browser = [item for item in seen if item[0] == "browser"]
    assert [done for _, done, _ in browser] == list(range(1, 6 + result.articles + 1))  # six text fields, then each article
    assert browser[-1][1] == browser[-1][2]


def test_a_rebuild_indexes_in_a_forked_process_and_a_failure_on_either_side_keeps_everything(
        project: Path, monkeypatch):
    """An incremental build updates the index and the browser's projection in a forked process
    while this one renders the few changed pages: a template error here, or a write error
    there, is reported as in a one-process build, and the previous site and index stay."""
    import errno

    from sitegen import incremental_index, parallel

    if not parallel.can_fork():
        pytest.skip("the index worker needs the fork start method")
    started = []

    class Counted(parallel.IndexWorker):
        def __init__(self, *args, **kwargs):
            started.append(True)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(parallel, "IndexWorker", Counted)
    assert CliRunner().invoke(main, ["build", "--jobs", "2"]).exit_code == 0
    config = load_config()
    site, index = _snapshot(config.output_dir), _snapshot(config.index_dir)
    (project / "templates").mkdir()
    (project / "templates" / "incident.html").write_text(
        '{% extends "base.html" %}\n{% block main %}\n{{ nothing.here }}\n{% endblock %}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--jobs", "2"])
    assert result.exit_code == 1
    assert "incident.html:3: error: UndefinedError" in result.output
    assert started == [True]  # a rebuild: the index was forked
    assert _snapshot(config.output_dir) == site and _snapshot(config.index_dir) == index
    assert not _leftovers(project)
    (project / "templates" / "incident.html").unlink()
    article = next((project / "content" / "articles").glob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nفقرة جديدة.\n", encoding="utf-8")

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(config.index_dir / "x.seg"))

    update_index = incremental_index.search_index.update_index
    monkeypatch.setattr(incremental_index.search_index, "update_index", full_disk)  # in the forked process
    result = CliRunner().invoke(main, ["build", "--jobs", "2"])
    assert result.exit_code == 1
    assert "error: cannot write: No space left on device" in result.output
    assert "free some space and build again" in result.output
    assert len(started) == 2
    assert _snapshot(config.output_dir) == site and _snapshot(config.index_dir) == index
    assert not _leftovers(project)
    monkeypatch.setattr(incremental_index.search_index, "update_index", update_index)
    result = CliRunner().invoke(main, ["build", "--jobs", "2"])
    assert result.exit_code == 0 and "Incremental build" in result.output and "1 article re-indexed" in result.output
