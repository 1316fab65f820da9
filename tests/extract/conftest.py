"""Fixtures of the extraction tests: the repository's vocabularies, scanned once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.extract.scan import Scanner
from sitegen.extract.vocabulary import AMBIGUOUS_NAMES, load

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_0aeae3b849c18532.txt"
VOCABULARIES = ("gazetteer.yaml", "actors.yaml", "lexicon.yaml", AMBIGUOUS_NAMES)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def seed() -> Path:
    """The seed article: line 1 the title, line 2 the lede, then the body."""
    return SEED


@pytest.fixture(scope="session")
def scanner() -> Scanner:
    lexicons, problems = load(REPO / "content")
    assert problems == []
    return Scanner(lexicons)


def make_content(parent: Path) -> Path:
    folder = parent / "content"
    folder.mkdir()
    for name in VOCABULARIES:
        shutil.copyfile(REPO / "content" / name, folder / name)
    return folder


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder with the repository's vocabularies and no articles."""
    return make_content(tmp_path)


@pytest.fixture(scope="module")
def module_content(tmp_path_factory) -> Path:
    """The same, shared by the tests of one module."""
    return make_content(tmp_path_factory.mktemp("extract"))
