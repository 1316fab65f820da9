"""The README documents what the code does: the schema tables are the generated ones."""

from __future__ import annotations

import re
from pathlib import Path

from sitegen import schema

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_schema_tables_are_generated_from_the_schema():
    section = re.search(r"<!-- schema:start -->\n(.*)<!-- schema:end -->", README, re.S).group(1)
    expected = "".join(f"#### {item.name}\n\n{schema.markdown_table(item)}\n\n" for item in schema.documented_schemas())
    assert section == expected, "run: python -m sitegen.schema, and paste its output between the schema markers"


def test_quick_start_has_the_two_commands_ci_runs():
    assert "make site" in README and "make test" in README
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
