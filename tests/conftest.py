"""Shared fixtures: the repository's paths, a throw-away project, the shared corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "ant-v1.1.jsonl.gz"
VOCABULARY_FILES = ("gazetteer.yaml", "actors.yaml", "lexicon.yaml")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder holding a copy of the repository's content/, as the working directory."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def two_reports(project: Path) -> Path:
    """The project with a second, unreviewed article reporting one of the seed's incidents."""
    name = "second_report_of_omar_field_attack.md"
    shutil.copyfile(FIXTURES / "valid" / name, project / "content" / "articles" / name)
    return project


@pytest.fixture
def vocabulary_only(tmp_path: Path) -> Path:
    """A content folder with the repository's vocabularies and the seed, and room for one more article."""
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for name in VOCABULARY_FILES:
        shutil.copyfile(REPO / "content" / name, content / name)
    for seed in (REPO / "content" / "articles").glob("*.md"):
        shutil.copyfile(seed, content / "articles" / seed.name)
    return content


@pytest.fixture(scope="session")
def corpus_path() -> Path:
    if not CORPUS.exists():
        pytest.skip(f"the shared corpus is absent ({CORPUS}); corpus tests need ../shared/corpus beside the repository")
    return CORPUS
