"""Dependencies point one way, and each third-party library sits behind one module."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "sitegen"

# library -> the modules (or packages, ending in '/') allowed to import it
LIBRARIES = {
    "yaml": {"yamlio.py"},
    "whoosh": {"search/"},
    "jinja2": {"render.py"},
    "markupsafe": {"render.py"},
    "markdown": {"render.py"},
    "nh3": {"render.py"},
    "click": {"cli.py"},
}
# sitegen module -> sitegen modules it must not import
FORBIDDEN = {
    "arabic/": {"*"},
    "errors.py": {"*"},
    "model.py": {"content", "archive", "render", "build", "cli", "search", "extract"},
    "content.py": {"archive", "render", "build", "cli", "search", "extract"},
    "archive.py": {"content", "render", "build", "cli", "search", "extract"},
    "places.py": {"content", "archive", "render", "build", "cli", "search", "extract"},
    "plausibility.py": {"content", "archive", "render", "build", "cli", "search", "extract"},
    "arabic_plural.py": {"*"},
    "month_names.py": {"*"},
    "render.py": {"content", "build", "cli", "search", "extract"},
    "list_headings.py": {"*"},
    "exports.py": {"content", "render", "build", "cli", "search", "extract"},
    "feeds.py": {"content", "render", "build", "cli", "search", "extract"},
    "mapsvg.py": {"*"},
    "mapviews.py": {"content", "render", "build", "cli", "search", "extract", "exports", "feeds"},
    "build.py": {"cli"},
    "buildstate.py": {"content", "archive", "render", "build", "cli", "search", "extract"},
    "staging.py": {"content", "archive", "render", "build", "cli", "search", "extract"},
    "pagedeps.py": {"*"},
    "parsecache.py": {"archive", "render", "build", "cli", "search", "extract"},
    "pagereuse.py": {"content", "archive", "build", "cli", "search", "extract"},
    "incremental_index.py": {"content", "archive", "render", "build", "cli", "extract"},
    "output.py": {"content", "archive", "render", "build", "cli", "search", "extract"},
    "sitelisting.py": {"*"},
    "swap.py": {"*"},
    "collector.py": {"*"},
    "inputwalk.py": {"content", "archive", "render", "build", "cli", "search", "extract", "buildstate", "parallel"},
    "forked.py": {"*"},
    "jsmin.py": {"*"},
    "lock.py": {"*"},
    "bidi.py": {"*"},
    "watch.py": {"*"},
    "serve.py": {"content", "archive", "render", "cli", "search", "extract", "output", "swap"},
    "search/": {"render", "build", "cli", "extract"},
    "extract/": {"render", "build", "cli", "search"},
}


def _imports(path: Path) -> set[str]:
    names = set()
    folder = path.relative_to(PACKAGE).parent.parts
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            if node.module == "sitegen":
                names.update(f"sitegen.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            base = folder[:len(folder) - (node.level - 1)]
            names.add(".".join(("sitegen", *base, *([node.module] if node.module else []))))
    return names


def _owner(path: Path, rules) -> str | None:
    relative = path.relative_to(PACKAGE).as_posix()
    for key in rules:
        if relative == key or (key.endswith("/") and relative.startswith(key)):
            return key
    return None


def test_third_party_libraries_stay_behind_their_module():
    for path in PACKAGE.rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top in LIBRARIES:
                assert _owner(path, LIBRARIES[top]) is not None, f"{path.relative_to(PACKAGE)} imports {top}"


def test_sitegen_modules_depend_one_way():
    for path in PACKAGE.rglob("*.py"):
        key = _owner(path, FORBIDDEN)
        if key is None:
            continue
        for name in _imports(path):
            if not name.startswith("sitegen."):
                continue
            target = name.split(".")[1]
            if key.endswith("/") and target == key.rstrip("/"):
                continue  # a module of the same package
            forbidden = FORBIDDEN[key]
            assert "*" not in forbidden, f"{path.relative_to(PACKAGE)} imports {name}"
            assert target not in forbidden, f"{path.relative_to(PACKAGE)} imports {name}"
