"""The index step of a rebuild (``sitegen.incremental_index``): the state's table of documents
holds each article's digest, and a change of the vocabularies alone (which changes no article,
but the names in every document's filters) re-indexes every article, so that the updated
index and its browser projection are a full build's."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest

from sitegen import buildstate
from sitegen.build import build
from sitegen.config import load_config
from sitegen.search import SearchIndex

REPO = Path(__file__).resolve().parent.parent
QUERIES = ["قصف", "الميادين", "حقل العمر", "القوات الأمريكية", "دير الزور"]


def _tree(folder: Path) -> dict[str, str]:
    return {Path(root, name).relative_to(folder).as_posix(): hashlib.sha256(Path(root, name).read_bytes()).hexdigest()
            for root, _, files in os.walk(folder) for name in files}


def _answers(index_dir: Path) -> list:
    with SearchIndex(index_dir) as index:
        return [[(hit.id, hit.score) for hit in index.search(query, limit=50, highlight=False).hits]
                for query in QUERIES]


@pytest.mark.parametrize("browser", [True, False], ids=["with-browser-index", "whoosh-updated-in-place"])
def test_a_vocabulary_change_reindexes_every_article_as_a_full_build_does(tmp_path, browser):
    options = {} if browser else {"write_browser": None}
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    config = load_config(root=root)
    build(config, **options)
    with SearchIndex(config.index_dir) as index:
        assert index.search("الميادين", place="anbar-governorate", highlight=False).total == 0
    state = buildstate.load(config.index_dir, config.output_dir.resolve())[0]
    assert state is not None and len(state.documents) == 1
    assert all(re.fullmatch(r"[0-9a-f]{64}", digest) for digest in state.documents.values())
    # al-mayadin moved from its district to Anbar: the same names (the stemmer's protected
    # names, so the index is updated in place), another place chain in the filters
    gazetteer = root / "content" / "gazetteer.yaml"
    text = gazetteer.read_text(encoding="utf-8")
    moved = "  - id: al-mayadin\n    name: الميادين\n    name_en: Al Mayādīn\n    kind: town\n    parent: "
    assert moved + "al-mayadin-district\n" in text
    gazetteer.write_text(text.replace(moved + "al-mayadin-district\n", moved + "anbar-governorate\n", 1),
                         encoding="utf-8")
    again = build(config, **options)
    assert again.incremental and again.reindexed == again.articles == 1
    assert (config.index_dir / "sitegen-lengths.json").exists()  # (updated in place, not built anew)
    after = buildstate.load(config.index_dir, config.output_dir.resolve())[0]
    assert after.documents == state.documents  # (the article is the same: the vocabularies are not)
    full = dataclasses.replace(config, output_dir=tmp_path / "full" / "site", index_dir=tmp_path / "full" / "index")
    build(full, full=True, **options)
    assert _answers(config.index_dir) == _answers(full.index_dir)
    assert _tree(config.output_dir) == _tree(full.output_dir)
    with SearchIndex(config.index_dir) as index:  # the article is found under al-mayadin's new chain
        assert index.search("الميادين", place="anbar-governorate", highlight=False).total == 1


def test_when_every_document_changes_in_a_large_archive_the_index_is_written_anew(tmp_path, monkeypatch):
    """A vocabulary change changes every document: past ``ANEW_FROM`` documents the index is
    written anew (faster than updating each in place), and it answers as a full build's."""
    from sitegen import incremental_index

    monkeypatch.setattr(incremental_index, "ANEW_FROM", 1)
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    config = load_config(root=root)
    build(config)
    gazetteer = root / "content" / "gazetteer.yaml"
    text = gazetteer.read_text(encoding="utf-8")
    moved = "  - id: al-mayadin\n    name: الميادين\n    name_en: Al Mayādīn\n    kind: town\n    parent: "
    gazetteer.write_text(text.replace(moved + "al-mayadin-district\n", moved + "anbar-governorate\n", 1),
                         encoding="utf-8")
    updated = []
    monkeypatch.setattr(incremental_index.search_index, "update_index", lambda *a, **k: updated.append(a))
    again = build(config)
    assert again.incremental and again.reindexed == again.articles == 1
    assert not updated  # written anew, not updated in place
    assert buildstate.load(config.index_dir, config.output_dir.resolve())[0].fresh_index
    full = dataclasses.replace(config, output_dir=tmp_path / "full" / "site", index_dir=tmp_path / "full" / "index")
    build(full, full=True)
    assert _answers(config.index_dir) == _answers(full.index_dir)
    assert _tree(config.output_dir) == _tree(full.output_dir)
