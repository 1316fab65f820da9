"""News outlets a text cites: ``شبكة “فرات بوست”``, ``موقع “روسيا اليوم”``, ``قناة “الحرة”``.

Two ways to find them:

- the pattern *outlet word + quoted name* (``شبكة``, ``موقع``, ``قناة``, ``وكالة``, ``صحيفة``
  ... then “name”) finds outlets the lexicon does not know yet;
- a lexicon outlet named with two words or more (``سكاي نيوز``), or after an outlet word
  (``وكالة رويترز``); a one-word name alone (``الحرة``, also "free") is not enough.

Each outlet is returned once, as cited (the Arabic name without its outlet word), with the
lexicon id when known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen.extract.normtext import normalize
from sitegen.extract.scan import OUTLET, Scan

_OUTLET_WORDS = (
    "شبكه", "موقع", "قناه", "وكاله", "صحيفه", "جريده", "اذاعه", "تلفزيون", "مجله", "منصه", "وكاله انباء", "راديو",
)
_QUOTED = re.compile(
    r"(?<!\w)[وبل]?(?:" + "|".join(_OUTLET_WORDS) + r")(?:\s+\w+){0,2}?\s*[“«\"]([^”»\"\n]{2,40})[”»\"]"
)


@dataclass(frozen=True)
class CitedOutlet:
    name: str  # as cited, in Arabic
    outlet: str | None  # lexicon id when known
    start: int
    end: int


def find_outlets(scan: Scan, known: dict[str, str]) -> list[CitedOutlet]:
    """Cited outlets in text order; ``known`` maps normalized outlet forms to lexicon ids."""
    found: dict[str, CitedOutlet] = {}
    norm = scan.norm
    for m in _QUOTED.finditer(norm.text):
        a, b = norm.span(*m.span(1))
        name = norm.original[a:b].strip()
        key = " ".join(normalize(name).split())
        found.setdefault(key, CitedOutlet(name, known.get(key), a, b))
    for match, ids in scan.of(OUTLET):
        before = scan.words_before(match, 1)
        multiword = match.last - match.first > 1
        if not multiword and not (before and before[0].lstrip("وبل") in _OUTLET_WORDS):
            continue
        a, b = norm.span(match.start, match.end)
        if match.last - match.first > 1 and scan.tokens[match.first].text in _OUTLET_WORDS:
            a, _ = norm.span(scan.tokens[match.first + 1].start, match.end)  # وكالة رويترز: رويترز
        phrase = norm.original[a:b]
        key = " ".join(normalize(phrase).split())
        if any(key in k or k in key for k in found):
            continue
        found[key] = CitedOutlet(phrase, ids[0], a, b)
    return sorted(found.values(), key=lambda outlet: outlet.start)
