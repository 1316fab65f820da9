"""The site configuration, ``sitegen.yaml``: a typed object with documented defaults.

Every setting is optional; a project folder with only ``content/`` builds as is. Paths are
relative to the folder holding ``sitegen.yaml`` (or the current folder when there is none).
Unknown keys are errors, so a misspelt setting never silently does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from sitegen import yamlio
from sitegen.month_names import MONTH_NAMES
from sitegen.errors import ConfigError, Diagnostic

CONFIG_FILE = "sitegen.yaml"
# Settings whose value is one of a closed set.
CHOICES = {"months": tuple(MONTH_NAMES)}


@dataclass(frozen=True)
class SiteConfig:
    title: str = "أرشيف الحوادث"
    """Site title, shown in every page header and the browser tab."""

    description: str = "أرشيف زمني للحوادث المسلحة كما ترويها الأخبار العربية."
    """One sentence under the title on the home page."""

    base_url: str = ""
    """Public address of the site (e.g. https://example.org/archive/), used only in feeds, the sitemap and the 404 page; pages link relatively."""

    content_dir: Path = Path("content")
    """Folder with articles/ and the vocabularies."""

    output_dir: Path = Path("site")
    """Where the site is written (replaced whole, only when a build succeeds)."""

    index_dir: Path = Path(".sitegen/index")
    """Where the Whoosh full-text index is written (beside the site, replaced whole)."""

    static_dir: Path = Path("static")
    """Files published as they are (a CNAME, .well-known/, images): copied into the site on every build."""

    templates_dir: Path = Path("templates")
    """Your template overrides; files here win over sitegen's built-in templates."""

    latest: int = 10
    """How many incidents and articles the home page lists."""

    months: str = "standard"
    """Month names on the pages: standard (يناير), levant (كانون الثاني), maghreb (جانفي) or morocco (يناير، غشت)."""

    reviewed_only: bool = False
    """Publish only articles marked `review: reviewed`, and their incidents; pending proposals are left out."""

    about: str = ""
    """Markdown for the about page: what the archive is and who keeps it (a general text when empty)."""

    sources: str = ""
    """Markdown for the about page's sources and licences (the corpus's licence, for one built from a corpus)."""

    page_size: int = 100
    """How many items one page of a long list shows (a month's incidents, a place's...); the rest are paged."""


def documented_settings() -> dict[str, str]:
    """Setting name -> its docstring, read from the source so the README can be checked against it."""
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(SiteConfig))
    body = tree.body[0].body
    docs = {}
    for node, following in zip(body, body[1:]):
        if isinstance(node, ast.AnnAssign) and isinstance(following, ast.Expr):
            docs[node.target.id] = following.value.value
    return docs


def load_config(path: Path | None = None, root: Path | None = None) -> SiteConfig:
    """Read ``sitegen.yaml`` (if present) and resolve its paths against its folder."""
    root = Path(root or Path.cwd())
    if path is None:
        path = root / CONFIG_FILE
        if not path.exists():
            return _resolved(SiteConfig(), root)
    elif not path.exists():
        raise ConfigError([Diagnostic(path, None, "the configuration file does not exist")])
    elif path.is_dir():
        raise ConfigError([Diagnostic(path, None, "is a folder, not a configuration file",
                                      hint=f"name the file itself, like {path / CONFIG_FILE}")])
    root = path.parent
    try:
        located = yamlio.load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError([Diagnostic(path, None, f"cannot read the file: {exc.strerror}")]) from None
    except yamlio.YamlProblem as problem:
        raise ConfigError([Diagnostic(path, problem.line, f"malformed YAML: {problem.message}",
                                      hint=problem.hint)]) from None
    except UnicodeDecodeError:
        raise ConfigError([Diagnostic(path, None, "the file is not UTF-8")]) from None
    data = located.data or {}
    if not isinstance(data, dict):
        raise ConfigError([Diagnostic(path, 1, "expected a mapping of settings")])
    known = {f.name: f for f in fields(SiteConfig)}
    problems, values = [], {}
    for key, value in data.items():
        spec = known.get(key)
        if spec is None:
            problems.append(Diagnostic(path, located.line((key,)), f"unknown setting {key!r}",
                                       hint="known settings: " + ", ".join(known)))
            continue
        default = spec.default
        if isinstance(default, Path) and isinstance(value, str) and value.strip():
            values[key] = Path(value)
        elif type(value) is not type(default):
            kind = {"bool": "true or false"}.get(type(default).__name__, type(default).__name__.replace("Posix", ""))
            problems.append(Diagnostic(path, located.line((key,)), f"{key} must be {kind}, found {value!r}"))
        elif key in CHOICES and value not in CHOICES[key]:
            problems.append(Diagnostic(path, located.line((key,)), f"{key} must be one of {', '.join(CHOICES[key])}, "
                                       f"found {value!r}"))
        elif key == "base_url" and value and not value.startswith(("http://", "https://")):
            problems.append(Diagnostic(path, located.line((key,)), f"base_url must be an http(s) address, found {value!r}",
                                       hint="write it whole, e.g. https://example.org/archive/"))
        elif key == "page_size" and value < 1:
            problems.append(Diagnostic(path, located.line((key,)), f"page_size must be 1 or more, found {value}"))
        else:
            values[key] = value
    if problems:
        raise ConfigError(problems)
    return _resolved(SiteConfig(**values), root)


def _resolved(config: SiteConfig, root: Path) -> SiteConfig:
    changes = {f.name: (root / getattr(config, f.name)) for f in fields(SiteConfig)
               if isinstance(getattr(config, f.name), Path)}
    return SiteConfig(**{**config.__dict__, **changes})


def overlapping(first: Path, second: Path) -> bool:
    """True when two folders are the same or one is inside the other."""
    a, b = first.resolve(), second.resolve()
    return a == b or a in b.parents or b in a.parents


def check_paths(config: SiteConfig) -> None:
    """Refuse output folders that overlap: each build replaces them whole, one would erase the other."""
    pairs = [("output_dir", "index_dir"), ("output_dir", "static_dir"), ("index_dir", "static_dir"),
             ("index_dir", "content_dir"), ("index_dir", "templates_dir")]
    problems = []
    for first, second in pairs:
        a, b = getattr(config, first), getattr(config, second)
        if overlapping(a, b):
            problems.append(Diagnostic(CONFIG_FILE, None, f"{first} {a} and {second} {b} overlap (one is, or is "
                                       "inside, the other); a build replaces the output folders whole",
                                       hint=f"give {first} a folder of its own"))
    if problems:
        raise ConfigError(problems)


def with_overrides(config: SiteConfig, **paths: Path | None) -> SiteConfig:
    """The config with command-line paths (``--content``, ``--out``) in place of its own."""
    changes = {name: Path(value) for name, value in paths.items() if value is not None}
    return SiteConfig(**{**config.__dict__, **changes})
