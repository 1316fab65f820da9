"""``sitegen search`` in process: finds the project's index, prints hits, JSON, errors."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.model import Article, Vocabulary
from sitegen.search import build_index

ARTICLES = [
    Article(id="mayadin", title="قصف على الميادين", published=dt.date(2022, 1, 8), body="سقطت قذائف على مدينة الميادين ليلاً."),
    Article(id="raqqa", title="اشتباكات في الرقة", published=dt.date(2023, 2, 1), body="اشتباكات عنيفة في ريف الرقة."),
]


@pytest.fixture
def project(tmp_path, monkeypatch):
    build_index(ARTICLES, Vocabulary(), tmp_path / ".sitegen" / "index")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, ["search", *args])


def test_finds_the_index_of_the_project_folder(project):
    result = run("بالميادين")
    assert result.exit_code == 0, result.output
    assert "articles/mayadin.html" in result.output and "[الميادين]" in result.output
    assert "raqqa" not in result.output


def test_json_and_filters(project):
    result = run("قذائف OR اشتباكات", "--from", "2023-01-01", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [hit["id"] for hit in data["hits"]] == ["raqqa"]


def test_did_you_mean_is_printed(project):
    result = run("اشتباكاث")
    assert result.exit_code == 0
    assert "did you mean: اشتباكات" in result.output


def test_index_option(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "ix"
    build_index(ARTICLES[1:], Vocabulary(), elsewhere)
    result = run("الرقة", "--index", str(elsewhere), "--json")
    assert [hit["id"] for hit in json.loads(result.output)["hits"]] == ["raqqa"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["قصف", "--index", "nowhere"], "run `sitegen build` first"),
        (['"قصف'], "unbalanced quote"),
        (["في"], "nothing to search for"),
    ],
)
def test_errors_exit_1_with_a_message(project, args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.output


def test_a_malformed_date_is_a_usage_error(project):
    result = run("قصف", "--from", "8/1/2022")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output
