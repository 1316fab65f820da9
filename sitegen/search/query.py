"""Searching the index: parse, filter, rank, highlight, and suggest a correction.

Query syntax is Whoosh's, over every text field at once: words are ANDed; ``OR``,
``NOT``, ``AND``, parentheses, ``"phrases"`` and ``prefix*``. Each word is analysed
as the index was (so أعلنت finds اعلنت), phrases skip stop words, and prefixes match
normalized, unstemmed words. Filters (dates, place, actor, type) narrow the results
without changing their scores.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import matching, qparser, scoring
from whoosh import query as wq

from sitegen import arabic
from sitegen.errors import SitegenError

from .analysis import StemFilter
from .schema import (
    BM25_B,
    BM25_K1,
    EXACT_SUFFIX,
    FIELD_BOOSTS,
    TEXT_PARTS,
    WHOLE_EXACT_BOOSTS,
    field_b_values,
)
from .snippets import Parts, highlight, opening

MIN_PREFIX = 2  # letters a prefix query needs: shorter ones would match most of the index
MAX_EDITS = 2  # how far (Damerau-Levenshtein) a "did you mean" word may be from the typed one,
SHORT_WORD = 4  # or 1 edit for words of at most this many letters (more would propose anything)
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


class SearchError(SitegenError):
    """The index is missing or unreadable, or the query or a filter is invalid."""


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    date: str  # publication date, ISO 8601
    path: str  # page path relative to the site root
    score: float
    snippet: Parts  # (text, is_match) parts of the original text

    def to_dict(self) -> dict:
        data = asdict(self)
        data["snippet"] = [{"text": text, "match": match} for text, match in self.snippet]
        return data


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int  # every matching article, not only those returned
    hits: tuple[Hit, ...]
    suggestion: str | None = None  # a corrected query that finds something, when this one found nothing

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "suggestion": self.suggestion,
            "hits": [hit.to_dict() for hit in self.hits],
        }


class SearchIndex:
    """An open index; reuse one for many queries (``with SearchIndex(path) as ix: ...``)."""

    def __init__(self, index_dir: Path):
        index_dir = Path(index_dir)
        if not whoosh_index.exists_in(str(index_dir)):
            raise SearchError(f"no search index in {index_dir}: run `sitegen build` first")
        try:
            self._index = whoosh_index.open_dir(str(index_dir))
        except Exception as error:  # Whoosh raises many types for a damaged index
            raise SearchError(f"cannot read the search index in {index_dir} ({error}): run `sitegen build` again") from error
        self.schema = self._index.schema
        self.analyzer = _stem_filter(self.schema).analyzer
        self._parser = self._make_parser(FIELD_BOOSTS)
        self._whole_exact_parser = self._make_parser(WHOLE_EXACT_BOOSTS)
        self._searcher = self._index.searcher(weighting=scoring.BM25F(B=BM25_B, K1=BM25_K1, **field_b_values()))

    def _make_parser(self, boosts: dict[str, float]) -> qparser.QueryParser:
        parser = qparser.MultifieldParser(list(boosts), self.schema, fieldboosts=boosts, group=qparser.AndGroup)
        parser.remove_plugin_class(qparser.FieldsPlugin)
        return parser

    def close(self) -> None:
        self._searcher.close()
        self._index.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def parse(self, text: str) -> wq.Query:
        """The Whoosh query for ``text``; SearchError if it is malformed or has no word to search.

        Documents must match the query (each word in any of the six fields); those that match it
        over the exact fields alone (every word as typed, normalized) earn that score
        too, weighted by ``WHOLE_EXACT_BOOST``: so a clean query ranks like an
        unstemmed search, and a misspelt or inflected one still finds its article.
        """
        _check_syntax(text)
        q = self._parser.parse(text)
        if q is wq.NullQuery or not list(_positive_leaves(q)):
            raise SearchError(f"nothing to search for in {text!r}: only stop words or punctuation")
        for leaf in q.leaves():
            if isinstance(leaf, (wq.Prefix, wq.Wildcard)) and len(leaf.text.strip("*?")) < MIN_PREFIX:
                raise SearchError(f"prefix too short in {text!r}: give at least {MIN_PREFIX} letters before *")
        q = q.accept(_patterns_on_exact_fields).normalize()
        whole_exact = self._whole_exact_parser.parse(text).accept(_patterns_on_exact_fields).normalize()
        return q if whole_exact is wq.NullQuery else wq.AndMaybe(q, whole_exact)

    def search(
        self,
        text: str,
        *,
        date_from: dt.date | str | None = None,
        date_to: dt.date | str | None = None,
        place: str | None = None,
        actor: str | None = None,
        type: str | None = None,
        limit: int = 10,
        highlight: bool = True,
    ) -> SearchResults:
        """Ranked articles matching ``text``, best first, at most ``limit`` of them."""
        if limit < 1:
            raise SearchError(f"limit must be at least 1, not {limit}")
        q = self.parse(text)
        restrict = _filter(date_from, date_to, place, actor, type)
        results = self._searcher.search(q, limit=limit, filter=restrict)
        stems, exacts = self._query_terms(q) if highlight else (set(), set())
        hits = []
        for hit in results:
            fields = hit.fields()
            hits.append(
                Hit(
                    id=fields["id"],
                    title=fields["title"],
                    date=fields["published"],
                    path=fields["path"],
                    score=round(hit.score, 4),
                    snippet=self._snippet(fields, stems, exacts) if highlight else (),
                )
            )
        total = len(results)
        suggestion = self.suggest(text, restrict) if total == 0 else None
        return SearchResults(query=text, total=total, hits=tuple(hits), suggestion=suggestion)

    def ranked_ids(self, text: str, limit: int = 10) -> list[str]:
        """Ids of the best ``limit`` articles, nothing else (for evaluations and benchmarks)."""
        return [hit["id"] for hit in self._searcher.search(self.parse(text), limit=limit)]

    def suggest(self, text: str, restrict: wq.Query | None = None) -> str | None:
        """``text`` with each word unknown to the index replaced by the nearest indexed word.

        Returns the corrected query only if it finds something.
        """
        reader = self._searcher.reader()
        corrected, changed, end = [], False, 0
        for original, start, stop in arabic.tokenize(text):
            if original in OPERATORS or text[stop : stop + 1] in ("*", "?"):
                continue
            word = arabic.normalize_word(original)
            if not word or arabic.is_stop_word(word) or self._known(reader, word):
                continue
            replacement = self._nearest(reader, word)
            if replacement:
                corrected += [text[end:start], replacement]
                end, changed = stop, True
        if not changed:
            return None
        suggestion = "".join(corrected) + text[end:]
        found = self._searcher.search(self.parse(suggestion), limit=1, filter=restrict)
        return suggestion if len(found) else None

    def _known(self, reader, word: str) -> bool:
        stem = self.analyzer.stem(word)
        return any(
            (part + EXACT_SUFFIX, word) in reader or (part, stem) in reader for part in TEXT_PARTS
        )

    def _nearest(self, reader, word: str) -> str | None:
        candidates: dict[str, int] = {}
        for part in TEXT_PARTS:
            field = part + EXACT_SUFFIX
            for term in reader.terms_within(field, word, MAX_EDITS):
                candidates[term] = candidates.get(term, 0) + reader.doc_frequency(field, term)
        allowed = 1 if len(word) <= SHORT_WORD else MAX_EDITS
        ranked = sorted((edit_distance(word, t), -count, t) for t, count in candidates.items())
        return ranked[0][2] if ranked and ranked[0][0] <= allowed else None

    def _query_terms(self, q: wq.Query) -> tuple[set[str], set[str]]:
        """The query's terms found in the index (prefixes expanded), as (stems, exact words)."""
        stems, exacts = set(), set()
        reader = self._searcher.reader()
        for leaf in _positive_leaves(q):
            for field, term in leaf.expanded_terms(reader, phrases=True):
                term = term.decode("utf-8") if isinstance(term, bytes) else term
                (exacts if field.endswith(EXACT_SUFFIX) else stems).add(term)
        return stems, exacts

    def _snippet(self, fields: dict, stems: set[str], exacts: set[str]) -> Parts:
        for part in ("body", "lede", "title"):
            parts = highlight(fields.get(part) or "", self.analyzer, stems, exacts)
            if parts:
                return parts
        return opening(fields.get("body") or fields.get("lede") or "", self.analyzer)


def search(index_dir: Path, query: str, **options) -> SearchResults:
    """Open the index in ``index_dir``, run one query (see :meth:`SearchIndex.search`), close it."""
    with SearchIndex(index_dir) as index:
        return index.search(query, **options)


def edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions, swaps of neighbours."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def _stem_filter(schema) -> StemFilter:
    return next(item for item in schema["body"].analyzer.items if isinstance(item, StemFilter))


class _PreloadedOr(wq.Or):
    """An OR that reads every matching document at once: fast even for thousands of words."""

    matcher_type = wq.Or.ARRAY_MATCHER


class _Preloaded:
    """A query over many words of one field (prefix, wildcard, range) matched with one preloaded OR.

    Whoosh's default joins the words in a tree of matchers, which takes seconds for a
    short prefix such as الق* that expands to thousands of words.
    """

    def matcher(self, searcher, context=None):
        terms = [wq.Term(self.fieldname, word) for word in self._btexts(searcher.reader()) if word]
        if not terms:
            return matching.NullMatcher()
        return _PreloadedOr(terms, boost=self.boost).matcher(searcher, context)


class _Prefix(_Preloaded, wq.Prefix):
    pass


class _Wildcard(_Preloaded, wq.Wildcard):
    pass


class _TermRange(_Preloaded, wq.TermRange):
    pass


def _patterns_on_exact_fields(q: wq.Query) -> wq.Query:
    """Prefixes and wildcards match normalized words as typed: only in the exact fields."""
    if isinstance(q, (wq.Prefix, wq.Wildcard)):
        if not q.fieldname.endswith(EXACT_SUFFIX):
            return wq.NullQuery
        return (_Prefix if isinstance(q, wq.Prefix) else _Wildcard)(q.fieldname, q.text, boost=q.boost)
    return q


def _check_syntax(text: str) -> None:
    if not text.strip():
        raise SearchError("empty query")
    if text.count('"') % 2:
        raise SearchError(f"unbalanced quote in {text!r}: close the phrase with \"")
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            break
    if depth:
        raise SearchError(f"unbalanced parentheses in {text!r}")


def _positive_leaves(q: wq.Query):
    """Leaf queries that must or may match (terms under NOT are left out)."""
    if isinstance(q, wq.Not):
        return
    if isinstance(q, wq.AndNot):
        yield from _positive_leaves(q.a)
    elif q.is_leaf():
        yield q
    else:
        for child in q.children():
            yield from _positive_leaves(child)


def _date(value: dt.date | str | None, name: str) -> str | None:
    if value is None or isinstance(value, dt.date):
        return value.isoformat() if value else None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise SearchError(f"{name}: {value!r} is not a date (write YYYY-MM-DD)") from None


def _filter(date_from, date_to, place, actor, type) -> wq.Query | None:
    """Restrictions on the non-text fields; ``dates`` holds publication and incident days."""
    start, end = _date(date_from, "--from"), _date(date_to, "--to")
    if start and end and start > end:
        raise SearchError(f"--from {start} is after --to {end}")
    terms: list[wq.Query] = []
    if start or end:
        terms.append(_TermRange("dates", start, end))
    terms += [wq.Term(field, value) for field, value in (("places", place), ("actors", actor), ("types", type)) if value]
    return wq.And(terms) if terms else None
