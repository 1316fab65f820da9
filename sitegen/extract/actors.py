"""Actors named in a text, with the role the words around them suggest.

An actor mention is an ``actors.yaml`` form found by the scanner. Its role comes from the
words just before it: after a target word (``على``, ``ضد``, ``استهدفت``, ``مواقع``,
``قاعدة``, ``فيها`` ...) it is a ``target``; otherwise it acts, and is an ``attacker``.
Arabic puts the verb first (``قصفت الميليشيات القاعدة``: the militias shelled the base), so
the word order around the verb says little: the target words do. The incident builder then drops actors that only attribute a report.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.extract.scan import ACTOR, Scan

ATTACKER, TARGET = "attacker", "target"
_TARGET_WORDS = {
    "علي", "ضد", "استهداف", "باستهداف", "مواقع", "موقع", "مقرات", "مقر", "قاعده", "قاعدتي", "قواعد",
    "فيها", "نحو", "تجاه", "نقاط", "نقطه", "تمركزات", "بتعرض", "لهجوم",
}


@dataclass(frozen=True)
class ActorMention:
    actor: str
    role: str
    text: str
    start: int  # offsets in the original text
    end: int


def find_actors(scan: Scan) -> list[ActorMention]:
    mentions = []
    for match, ids in scan.of(ACTOR):
        before = scan.words_before(match, 2)
        role = TARGET if any(_bare(w) in _TARGET_WORDS for w in before) else ATTACKER
        a, b = scan.norm.span(match.start, match.end)
        mentions.append(ActorMention(ids[0], role, scan.norm.original[a:b], a, b))
    return mentions


def _bare(word: str) -> str:
    return word[1:] if len(word) > 3 and word[0] in "و" else word
