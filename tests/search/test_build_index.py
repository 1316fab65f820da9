"""`sitegen build` writes the index beside the site; `sitegen search` then finds it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitegen import build as build_stage
from sitegen.cli import main
from sitegen.config import load_config
from sitegen.errors import BuildFailed
from sitegen.search import SearchIndex

REPO = Path(__file__).resolve().parents[2]
SEED_PAGE = "articles/2022-01-08-deir-ez-zor-exchange-of-fire.html"


@pytest.fixture
def built(tmp_path, monkeypatch):
    shutil.copytree(REPO / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    return tmp_path


def _paths(index_dir: Path, query: str) -> list[str]:
    with SearchIndex(index_dir) as index:
        return [hit.path for hit in index.search(query).hits]


def test_build_then_search(built):
    config = load_config()
    with SearchIndex(config.index_dir) as index:
        hits = index.search("الميادين", place="deir-ez-zor-governorate").hits
    assert [hit.path for hit in hits] == [SEED_PAGE]
    output = CliRunner().invoke(main, ["search", "فيلق", "--json"]).output
    assert json.loads(output)["suggestion"] == "فليق"


def test_failed_build_keeps_the_previous_index(built, monkeypatch):
    config = load_config()
    (built / "content" / "articles" / "new.md").write_text(
        "---\nid: new\ntitle: قصف بزاعة\npublished: 2022-03-01\n---\nقصف مدفعي على بزاعة.\n", encoding="utf-8")

    def crash(*args, **kwargs):
        raise RuntimeError("index writer crashed")

    monkeypatch.setattr("sitegen.search.index.document", crash)
    with pytest.raises(RuntimeError):
        build_stage.build(config)
    assert _paths(config.index_dir, "الميادين") == [SEED_PAGE]
    assert _paths(config.index_dir, "بزاعة") == []

    monkeypatch.undo()
    monkeypatch.chdir(built)
    (built / "content" / "articles" / "broken.md").write_text("---\nid: broken\n---\n", encoding="utf-8")
    with pytest.raises(BuildFailed):
        build_stage.build(config)
    assert _paths(config.index_dir, "بزاعة") == []
    (built / "content" / "articles" / "broken.md").unlink()
    build_stage.build(config)
    assert _paths(config.index_dir, "بزاعة") == ["articles/new.html"]
    assert sorted(p.name for p in config.index_dir.parent.iterdir()) == [".index.lock", "index"]


def test_an_index_of_another_format_asks_for_a_rebuild(tmp_path):
    from sitegen.model import Vocabulary
    from sitegen.search import SearchError, build_index
    from sitegen.search.query import FILTERS_FILE

    directory = tmp_path / "ix"
    build_index([], Vocabulary(), directory)
    sidecar = directory / FILTERS_FILE
    data = json.loads(sidecar.read_text(encoding="utf-8"))
    sidecar.write_text(json.dumps({**data, "format": "sitegen-search-index/1"}), encoding="utf-8")
    with pytest.raises(SearchError, match="another version of sitegen: run `sitegen build` again"):
        SearchIndex(directory)
    sidecar.unlink()
    with pytest.raises(SearchError, match="run `sitegen build` again"):
        SearchIndex(directory)
