"""Read the vocabularies the extractor matches: gazetteer, actors, lexicon, ambiguous names.

TEMPORARY in part: ``content.py`` (the lead's) loads and validates the same files for the
build; once it is on main, :func:`load` should take its ``Vocabulary`` and keep only the
extractor's own file, ``content/ambiguous-names.yaml``. Missing files give empty lexicons,
so extraction still finds dates in a fresh project.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from sitegen.model import Actor, Place, Term, Vocabulary


@dataclass(frozen=True)
class Lexicons:
    vocabulary: Vocabulary
    ambiguous_names: frozenset[str]  # place names that are also common words


def load(content_dir: Path) -> Lexicons:
    content_dir = Path(content_dir)
    gazetteer = _read(content_dir / "gazetteer.yaml")
    actors = _read(content_dir / "actors.yaml")
    lexicon = _read(content_dir / "lexicon.yaml")
    ambiguous = _read(content_dir / "ambiguous-names.yaml")
    vocabulary = Vocabulary(
        places={p["id"]: _build(Place, p) for p in gazetteer.get("places") or []},
        actors={a["id"]: _build(Actor, a) for a in actors.get("actors") or []},
        incident_types={t["id"]: _build(Term, t) for t in lexicon.get("incident_types") or []},
        weapons={t["id"]: _build(Term, t) for t in lexicon.get("weapons") or []},
        outlets={t["id"]: _build(Term, t) for t in lexicon.get("outlets") or []},
    )
    return Lexicons(vocabulary, frozenset(ambiguous.get("names") or []))


def _read(path: Path) -> dict:
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _build(cls, entry: dict):
    fields = {k: v for k, v in entry.items() if k in cls.__dataclass_fields__}
    fields["variants"] = tuple(str(v) for v in fields.get("variants") or ())
    return cls(**fields)
