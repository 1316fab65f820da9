"""The query language of ``sitegen search``: a small explicit grammar, bounded, over the analyzer.

The browser search reproduces this module exactly; every bound is a named constant here.

Reading the text
    1. A query longer than ``MAX_QUERY_CHARS`` characters is refused.
    2. The text is cut into *chunks* at white space, ``"``, ``(`` and ``)``; those three
       characters are syntax. A ``"`` opens a phrase that the next ``"`` closes (an
       unclosed quote is an error); parentheses group (unbalanced ones are an error;
       nesting deeper than ``MAX_DEPTH`` is refused).
    3. A chunk that is exactly ``AND``, ``OR`` or ``NOT`` (Latin capitals, outside a
       phrase) is an operator. Any other chunk is split into words by
       ``sitegen.arabic.tokenize``, exactly as text is: every other punctuation mark
       (؟ ، ؛ « » “ ” … ! : ٪ ...) separates words, and digits glued to letters split.
    4. A ``*`` directly after the last word of a chunk makes that word a prefix; a ``*``
       anywhere else (alone, leading, inside a word) is an error. A ``-`` that starts a
       chunk before a word is an error pointing to ``NOT``; a chunk ``name:word`` whose
       ``name`` is an index field (``title:``) is an error: every query searches title,
       lede and body together.
    5. Each word is normalized (``normalize_word``). Stop words and words that normalize
       to nothing are dropped (also inside phrases, whose positions skip stop words as
       the index's do). A word longer than ``MAX_WORD_CHARS`` is refused; a prefix needs
       ``MIN_PREFIX`` letters. More than ``MAX_WORDS`` words in all is refused.

Grammar (over the operators, words, prefixes, phrases and parentheses)::

    query  := and
    and    := or ( ["AND"] or )*                juxtaposition means AND
    or     := unary ( "OR" unary )*             OR binds closer: a b OR c is a AND (b OR c)
    unary  := "NOT" unary | atom                NOT NOT x is x
    atom   := chunk | phrase | "(" and ")"
    chunk  := the words of one chunk; several (آيفون7, قصف-درعا) form an AND group

    An operator with nothing on one side (``قصف OR``, ``OR قصف``, ``قصف NOT``, ``AND``
    alone) is an error naming it. A group or query that has only NOT parts (``NOT قصف``)
    is an error: there is nothing to search for; so is a NOT among the parts of an OR. A query whose words are all stop words
    or punctuation is an error. Empty groups ``()`` and phrases of stop words only vanish;
    an operator left without a side by them is an error as above.

Nodes: ``Word(exact)``, ``Prefix(text)``, ``Phrase(words)``, ``And(children)``,
``Or(children)``, ``Not(child)`` (a ``Not`` is only ever a child of an ``And``). A chunk
that yields several words (``الكعبة؟`` → one word, ``آيفون7`` → two) gives several
children of the enclosing AND. Scoring is in ``ranking.py``.

Cost bounds (each refusal is a ``SearchError`` telling what to change)
    ``MAX_QUERY_CHARS``, ``MAX_WORDS``, ``MAX_WORD_CHARS``, ``MAX_DEPTH`` above, and
    ``MAX_PREFIX_TERMS``: the prefixes of a query together may expand to at most this many
    distinct exact words of the index (each prefix's words counted over the three exact
    fields together); beyond, give more letters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitegen import arabic
from sitegen.errors import SitegenError

MAX_QUERY_CHARS = 1000
MAX_WORDS = 32  # the corpus's longest title has 15 words that are not stop words
MAX_WORD_CHARS = 40
MAX_DEPTH = 8
MIN_PREFIX = 2
MAX_PREFIX_TERMS = 1000
OPERATORS = ("AND", "OR", "NOT")
FIELD_NAMES = frozenset({"title", "lede", "body", "id", "path", "published", "dates", "places", "actors", "types", "outlets"})

_SYNTAX = re.compile(r'\s+|"|\(|\)|[^\s"()]+')
_FIELD = re.compile(r"^([A-Za-z_]+):")


class SearchError(SitegenError):
    """The index is missing or unreadable, or the query or a filter is invalid."""


@dataclass(frozen=True)
class Word:
    exact: str


@dataclass(frozen=True)
class Prefix:
    text: str


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class And:
    children: tuple


@dataclass(frozen=True)
class Or:
    children: tuple


@dataclass(frozen=True)
class Not:
    child: object


Node = Word | Prefix | Phrase | And | Or | Not


def parse(text: str) -> Node:
    """The query tree of ``text``; ``SearchError`` with what to change if it cannot be searched."""
    if not text.strip():
        raise SearchError("empty query: give a word to search for")
    if len(text) > MAX_QUERY_CHARS:
        raise SearchError(f"query too long ({len(text)} characters; at most {MAX_QUERY_CHARS}): search for fewer words")
    tokens = _lex(text)
    _check_operators(tokens, text)
    parser = _Parser(tokens, text)
    node = parser.parse_and(0)
    if parser.pos < len(tokens):  # only an unmatched ")" can stop the grammar early
        raise SearchError(f"unbalanced parentheses in {text!r}: a ) has no (")
    if node is None or not has_positive(node):
        raise SearchError(f"nothing to search for in {text!r}: only stop words, punctuation or NOT parts")
    count = sum(1 for _ in words_of(node))
    if count > MAX_WORDS:
        raise SearchError(f"too many words ({count}; at most {MAX_WORDS}): search for fewer words")
    return node


def clauses(node: Node) -> tuple[Node, ...]:
    """The top-level clauses that tiers count: the children of a root AND, else the root."""
    return node.children if isinstance(node, And) else (node,)


def has_positive(node: Node) -> bool:
    if isinstance(node, Not):
        return False
    if isinstance(node, (And, Or)):
        return any(has_positive(c) for c in node.children)
    return True


def words_of(node: Node):
    """Every word, prefix and phrase word of the tree, NOT parts included, in order."""
    if isinstance(node, Word):
        yield node.exact
    elif isinstance(node, Prefix):
        yield node.text
    elif isinstance(node, Phrase):
        yield from node.words
    elif isinstance(node, Not):
        yield from words_of(node.child)
    else:
        for child in node.children:
            yield from words_of(child)


# --- reading ---

_OPEN, _CLOSE = "(", ")"


def _lex(text: str) -> list:
    """Operators and parentheses as strings, words, prefixes and phrases as nodes."""
    tokens: list = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char.isspace():
            pos += 1
        elif char in "()":
            tokens.append(char)
            pos += 1
        elif char == '"':
            end = text.find('"', pos + 1)
            if end < 0:
                raise SearchError(f"unbalanced quote in {text!r}: close the phrase with \"")
            words = tuple(_words(text[pos + 1 : end], text))
            tokens.append(Word(words[0]) if len(words) == 1 else Phrase(words) if words else _EMPTY)
            pos = end + 1
        else:
            end = pos
            while end < len(text) and not text[end].isspace() and text[end] not in '"()':
                end += 1
            nodes = _chunk(text[pos:end], text)
            tokens.append(nodes[0] if len(nodes) == 1 else And(tuple(nodes)) if nodes else _EMPTY)
            pos = end
    return tokens


def _chunk(chunk: str, text: str) -> list:
    if chunk in OPERATORS:
        return [chunk]
    field = _FIELD.match(chunk)
    if field and field.group(1).lower() in FIELD_NAMES and len(chunk) > len(field.group()):
        rest = chunk[len(field.group()) :]
        raise SearchError(
            f"{field.group()} in {text!r}: fields cannot be searched one by one; "
            f"every query searches titles, ledes and bodies together: search {rest!r}"
        )
    found = arabic.tokenize(chunk)
    if chunk.startswith("-") and found and found[0][1] == 1:
        word = found[0][0]
        raise SearchError(f"-{word} in {text!r}: to leave out articles holding a word write NOT {word}; to search it, drop the -")
    prefix_end = None
    if "*" in chunk:
        stars = [i for i, c in enumerate(chunk) if c == "*"]
        if found and stars == [len(chunk) - 1] and found[-1][2] == len(chunk) - 1:
            prefix_end = found[-1]
        else:
            raise SearchError(
                f"* in {chunk!r}: a * only ends a word, to find the words it begins "
                f"(at least {MIN_PREFIX} letters, as in قص*)"
            )
    nodes: list = []
    for original, start, end in found:
        if prefix_end is not None and (original, start, end) == prefix_end:
            nodes.append(_prefix(original, text))
            continue
        exact = _word(original, text)
        if exact:
            nodes.append(Word(exact))
    return nodes


def _word(original: str, text: str) -> str | None:
    if len(original) > MAX_WORD_CHARS:
        raise SearchError(
            f"a word of {len(original)} characters in the query: words have at most {MAX_WORD_CHARS}; "
            "check what was pasted"
        )
    exact = arabic.normalize_word(original)
    return exact if exact and not arabic.is_stop_word(exact) else None


def _prefix(original: str, text: str) -> Prefix:
    if len(original) > MAX_WORD_CHARS:
        raise SearchError(f"a prefix of {len(original)} characters in the query: at most {MAX_WORD_CHARS}")
    exact = arabic.normalize_word(original)
    if len(exact) < MIN_PREFIX:
        raise SearchError(f"prefix too short in {text!r}: give at least {MIN_PREFIX} letters before *")
    return Prefix(exact)


def _words(phrase: str, text: str):
    for original, _, _ in arabic.tokenize(phrase):
        exact = _word(original, text)
        if exact:
            yield exact


_EMPTY = "EMPTY"  # a chunk or phrase that held only stop words or punctuation


def _check_operators(tokens: list, text: str) -> None:
    """Every AND and OR needs something on both sides, every NOT something after it."""
    for i, token in enumerate(tokens):
        if not isinstance(token, str) or token not in OPERATORS:
            continue
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if token != "NOT" and (before is None or before in (_OPEN, "AND", "OR", "NOT")):
            raise _dangling(token, "before", text)
        if after is None or after in (_CLOSE, "AND", "OR"):
            raise _dangling(token, "after", text)


def _dangling(operator: str, side: str, text: str) -> SearchError:
    if operator == "NOT":
        return SearchError(f"NOT has no word after it in {text!r}: write the word to leave out (قصف NOT غارة)")
    return SearchError(f"{operator} has no word {side} it in {text!r}: write a word on each side (قصف {operator} غارة)")


class _Parser:
    def __init__(self, tokens: list, text: str):
        self.tokens, self.text, self.pos, self.depth = tokens, text, 0, 0

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse_and(self, depth: int):
        if depth > MAX_DEPTH:
            raise SearchError(f"parentheses nested deeper than {MAX_DEPTH} in the query: simplify it")
        parts = []
        while True:
            token = self.peek()
            if token is None or token == _CLOSE:
                break
            if token == "AND":
                self.pos += 1
                continue
            node = self.parse_or()
            if node is not None:
                parts.append(node)
        parts = _flatten(parts)
        if not parts:
            return None
        if not any(has_positive(p) for p in parts):
            raise SearchError(f"nothing to search for in {self.text!r}: a part of it has only NOT; add a word to find")
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def parse_or(self):
        parts = [self.parse_unary()]
        while self.peek() == "OR":
            self.pos += 1
            parts.append(self.parse_unary())
        parts = [p for p in parts if p is not None]
        if len(parts) > 1 and any(isinstance(p, Not) for p in parts):
            raise SearchError(f"NOT inside an OR in {self.text!r}: leave words out of the whole query, as in (قصف OR غارة) NOT درعا")
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def parse_unary(self):
        token = self.peek()
        self.pos += 1
        if token == "NOT":
            child = self.parse_unary()
            if isinstance(child, Not):  # NOT NOT x is x
                return child.child
            return Not(child) if child is not None else None
        if token == _OPEN:
            self.depth += 1
            node = self.parse_and(self.depth)
            self.depth -= 1
            if self.peek() != _CLOSE:
                raise SearchError(f"unbalanced parentheses in {self.text!r}: a ( is not closed")
            self.pos += 1
            return node
        if token == _EMPTY:
            return None
        return token


def _flatten(parts: list) -> list:
    flat = []
    for part in parts:
        flat.extend(part.children if isinstance(part, And) else [part])
    return flat
