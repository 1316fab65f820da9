"""sitegen.yaml: defaults, types, unknown keys, paths relative to the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import SiteConfig, documented_settings, load_config
from sitegen.errors import ConfigError


def test_defaults_without_a_file(tmp_path: Path):
    config = load_config(root=tmp_path)
    assert config.content_dir == tmp_path / "content"
    assert config.output_dir == tmp_path / "site"
    assert config.title == SiteConfig.title


def test_paths_are_relative_to_the_file(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    path = tmp_path / "sub" / "sitegen.yaml"
    path.write_text("content_dir: articles-here\nlatest: 5\n", encoding="utf-8")
    config = load_config(path)
    assert config.content_dir == tmp_path / "sub" / "articles-here"
    assert config.latest == 5


@pytest.mark.parametrize(("text", "line", "words"), [
    ("titel: x\n", 1, "unknown setting 'titel'"),
    ("title: x\nlatest: many\n", 2, "latest must be int"),
    ("page_size: 0\n", 1, "page_size must be 1 or more"),
    ("title: x\nbase_url: example.org/archive\n", 2, "base_url must be an http(s) address"),
    ("title: [x\n", 2, "malformed YAML"),
])
def test_bad_settings(tmp_path: Path, text: str, line: int, words: str):
    path = tmp_path / "sitegen.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as failure:
        load_config(path)
    diagnostic = failure.value.diagnostics[0]
    assert diagnostic.line == line and words in str(diagnostic)


def test_every_setting_is_documented_in_code_and_readme():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    docs = documented_settings()
    assert set(docs) == set(SiteConfig.__dataclass_fields__)
    for name in docs:
        assert f"`{name}`" in readme, f"README does not document the setting {name}"
