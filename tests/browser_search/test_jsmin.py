"""The theme's scripts as a site ships them (``sitegen/jsmin.py``): smaller, and the same code."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from nodejs import node
from sitegen import jsmin
from sitegen.render import BUILTIN_TEMPLATES

SCRIPTS = sorted((BUILTIN_TEMPLATES / "assets").rglob("*.js"))


def _code(text: str) -> list[str]:
    """The code lines of a script: comment-only and blank lines dropped, indentation stripped."""
    text = re.sub(r"^\s*/\*.*?\*/\s*$", "", text, flags=re.S | re.M)
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("//")]


def test_every_theme_script_is_stripped_and_still_parses(tmp_path: Path):
    assert len(SCRIPTS) >= 5
    for script in SCRIPTS:
        source = script.read_text(encoding="utf-8")
        stripped = jsmin.strip(source)
        assert len(stripped) < 0.9 * len(source), script.name
        assert stripped.splitlines() == _code(source), script.name  # no line of code lost or changed
        target = tmp_path / script.name
        target.write_text(stripped, encoding="utf-8")
        result = subprocess.run([node(), "--check", str(target)], capture_output=True, text=True)
        assert result.returncode == 0, (script.name, result.stderr)


def test_scripts_it_cannot_strip_safely_are_kept_whole():
    for text in ["var a = `one\n  two`;\n", "var a = 1; /* open\n still a comment */\n", "var s = 'a\\\n b';\n",
                 "/* closed */ var after = 1;\n"]:
        assert jsmin.strip(text) == text


def test_the_built_site_ships_stripped_scripts(tmp_path: Path):
    from sitegen import render
    from sitegen.config import SiteConfig

    render.copy_assets(SiteConfig(output_dir=tmp_path, templates_dir=tmp_path / "none"), tmp_path)
    engine = BUILTIN_TEMPLATES / "assets" / "search" / "engine.js"
    shipped = (tmp_path / "assets" / "search" / "engine.js").read_text(encoding="utf-8")
    assert shipped == jsmin.strip(engine.read_text(encoding="utf-8"))
