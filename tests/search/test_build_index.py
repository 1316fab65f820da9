"""The lead's build writes the index with ``index_content``; ``sitegen search`` then finds it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from sitegen import build as build_stage
from sitegen.cli import main
from sitegen.config import load_config
from sitegen.search import SearchIndex, index_content

REPO = Path(__file__).resolve().parents[2]


def test_build_then_search(tmp_path, monkeypatch):
    shutil.copytree(REPO / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    config = load_config()
    result = build_stage.build(config, write_index=index_content)
    assert result.index_dir == config.index_dir
    with SearchIndex(config.index_dir) as index:
        hits = index.search("الميادين", place="deir-ez-zor-governorate").hits
    assert [hit.path for hit in hits] == ["articles/2022-01-08-deir-ez-zor-exchange-of-fire.html"]
    output = CliRunner().invoke(main, ["search", "فيلق", "--json"]).output
    assert json.loads(output)["suggestion"] == "فليق"
