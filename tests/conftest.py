"""Shared fixtures: the repository's paths, a throw-away project, the shared corpus."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "ant-v1.1.jsonl.gz"
VOCABULARY_FILES = ("gazetteer.yaml", "actors.yaml", "lexicon.yaml")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--no-first-run", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright; skipped, saying why, when absent."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (make test installs it)")
    with playwright_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


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


@dataclass(frozen=True)
class CorpusArchive:
    root: Path  # the project folder: content/, site/, .sitegen/index
    report: Any  # what `sitegen extract` reported (sitegen.extract.run.Report)
    result: Any  # what `sitegen build` returned (sitegen.build.BuildResult)

    @property
    def site(self) -> Path:
        return self.root / "site"


@pytest.fixture(scope="session")
def corpus_archive(corpus_path: Path, tmp_path_factory: pytest.TempPathFactory) -> CorpusArchive:
    """The whole corpus extracted and built once per test session, as a new user would: the shipped
    vocabularies, default settings, pages and search index. Tests read it; none may change it."""
    from sitegen.build import build
    from sitegen.config import load_config
    from sitegen.extract.run import extract

    root = tmp_path_factory.mktemp("corpus-project")
    content = root / "content"
    content.mkdir()
    for name in VOCABULARY_FILES + ("ambiguous-names.yaml",):
        shutil.copyfile(REPO / "content" / name, content / name)
    report = extract([corpus_path], content / "articles", content)
    result = build(load_config(root=root))
    return CorpusArchive(root, report, result)
