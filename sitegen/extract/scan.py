"""One pass of every vocabulary over a text: the mentions the other stages read.

:class:`Scanner` builds a single :class:`~sitegen.extract.matcher.Matcher` from all the
vocabularies (places, actors, incident types, weapons, outlets), so a text is tokenized
and matched once, whatever the number of entries. A form may stand for several things at
once (``صواريخ`` is a weapon and a shelling cue; ``دير الزور`` a town and a governorate):
each match carries every ``(category, id)`` pair and the stages pick what they need.
Weapon names are also matched in their dual and accusative forms (``weapon_forms``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.extract.normtext import NormText, normalize
from sitegen.extract.matcher import Match, Matcher, Token, tokenize
from sitegen.extract.vocabulary import Lexicons
from sitegen.extract.weapon_forms import inflections

PLACE, ACTOR, TYPE, WEAPON, OUTLET = "place", "actor", "type", "weapon", "outlet"


@dataclass(frozen=True)
class Scan:
    """A text, its tokens and its vocabulary matches."""

    norm: NormText
    tokens: list[Token]
    joinable: list[bool]
    matches: list[Match]

    def of(self, category: str) -> list[tuple[Match, list[str]]]:
        """The matches that stand for something of ``category``, with those ids."""
        found = []
        for match in self.matches:
            ids = [pid for cat, pid in match.payloads if cat == category]
            if ids:
                found.append((match, ids))
        return found

    def words_before(self, match: Match, count: int) -> list[str]:
        """Up to ``count`` normalized tokens before ``match``, nearest last."""
        return [t.text for t in self.tokens[max(0, match.first - count):match.first]]


class Scanner:
    def __init__(self, lexicons: Lexicons):
        vocabulary = lexicons.vocabulary
        groups = [
            (PLACE, vocabulary.places.values()),
            (ACTOR, vocabulary.actors.values()),
            (TYPE, vocabulary.incident_types.values()),
            (WEAPON, vocabulary.weapons.values()),
            (OUTLET, vocabulary.outlets.values()),
        ]
        self.lexicons = lexicons
        # place names that are also common words, normalized and without the article
        self.ambiguous = frozenset(bare_article(normalize(n)) for n in lexicons.ambiguous_names)
        self.forms: dict[str, list[str]] = {}  # normalized place form -> place ids
        entries = []
        for category, items in groups:
            for item in items:
                for form in (item.name, *item.variants):
                    entries.append((form, (category, item.id)))
                    if category == PLACE:
                        self.forms.setdefault(" ".join(normalize(form).split()), []).append(item.id)
                    elif category == WEAPON:  # duals and accusatives: صاروخان، قذيفتي هاون، لغما
                        entries.extend((inflected, (category, item.id)) for inflected in inflections(form))
        self._matcher = Matcher(entries)

    def scan(self, text: str) -> Scan:
        norm = NormText(text)
        tokens, joinable = tokenize(norm)
        return Scan(norm, tokens, joinable, self._matcher.find(tokens, joinable))


def bare_article(form: str) -> str:
    return form[2:] if form.startswith("ال") else form
