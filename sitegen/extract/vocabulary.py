"""The vocabularies the extractor matches, read and checked by ``content.py``.

Gazetteer, actors and lexicon are the files the build reads, checked by the same code
(``content.load_vocabulary``): a bad entry is reported with its file and line and
left out. One file is the extractor's own: ``content/ambiguous-names.yaml`` (``names:``),
place names that are also common words (optional). The three shared vocabularies are
required: :func:`missing_vocabularies` names those absent, so a wrong folder is an error
rather than a run that silently proposes no place, actor or incident.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitegen import content, yamlio
from sitegen.errors import Diagnostic
from sitegen.model import Vocabulary

AMBIGUOUS_NAMES = "ambiguous-names.yaml"
REQUIRED = tuple(content.VOCABULARY_FILES)  # gazetteer.yaml, actors.yaml, lexicon.yaml


@dataclass(frozen=True)
class Lexicons:
    vocabulary: Vocabulary
    ambiguous_names: frozenset[str]  # place names that are also common words


def missing_vocabularies(content_dir: Path) -> list[str]:
    """The required vocabulary files absent from ``content_dir``."""
    return [name for name in REQUIRED if not (Path(content_dir) / name).is_file()]


def load(content_dir: Path) -> tuple[Lexicons, list[Diagnostic]]:
    content_dir = Path(content_dir)
    vocabulary, diagnostics = content.load_vocabulary(content_dir)
    return Lexicons(vocabulary, _ambiguous(content_dir / AMBIGUOUS_NAMES, diagnostics)), diagnostics


def _ambiguous(path: Path, diagnostics: list[Diagnostic]) -> frozenset[str]:
    if not path.exists():
        return frozenset()
    try:
        data = yamlio.load(path.read_text(encoding="utf-8")).data or {}
    except (yamlio.YamlProblem, UnicodeDecodeError, OSError) as error:
        diagnostics.append(Diagnostic(path, getattr(error, "line", None),
                                      f"cannot read the list of ambiguous names: {error}"))
        return frozenset()
    names = data.get("names") if isinstance(data, dict) else None
    if not isinstance(names, list):
        diagnostics.append(Diagnostic(path, None, "expected `names:` with a list of Arabic names"))
        return frozenset()
    return frozenset(str(name) for name in names)
