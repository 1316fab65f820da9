"""Searching the index: parse, filter, rank in tiers, highlight, and suggest a correction.

The query language is ``querylang.py`` (a small grammar over the Arabic analyzer); scores,
collection, ties and tiers follow ``ranking.py`` and are computed by ``evaluate.py`` over
the index's posting lists. Filters (dates, place, actor, type) narrow the results without
changing their scores; an unknown place, actor or type id is an error naming the nearest.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from whoosh import index as whoosh_index

from sitegen import arabic

from . import livestats, ranking
from .analysis import StemFilter
from .evaluate import Evaluator
from .postings import IndexPostings
from .querylang import OPERATORS, SearchError, parse
from .ranking import EXACT_SUFFIX, TEXT_PARTS
from .snippets import Parts, highlight, opening

MAX_EDITS = 2  # how far (Damerau-Levenshtein) a "did you mean" word may be from the typed one,
SHORT_WORD = 4  # or 1 edit for words of at most this many letters (more would propose anything)
MIN_SUGGEST_LETTERS = 3  # shorter words get no "did you mean" (two edits away is most of the short words)
MAX_SUGGEST_LETTERS = 20  # longer words get no "did you mean" (the search for neighbours grows with length)
MAX_SUGGEST_WORDS = 8  # at most this many unknown words are corrected in one query
FILTERS_FILE = "sitegen-filters.json"  # beside the index: its format, and every place, actor and type id
INDEX_FORMAT = "sitegen-search-index/3"  # changes whenever the analysis or the fields change: rebuild
FILTER_KINDS = {"places": ("--place", "place"), "actors": ("--actor", "actor"), "types": ("--type", "incident type")}


@dataclass(frozen=True)
class Hit:
    id: str
    title: str
    date: str  # publication date, ISO 8601
    path: str  # page path relative to the site root
    score: float  # rounded to ranking.SCORE_DECIMALS
    snippet: Parts  # (text, is_match) parts of the original text
    tier: str = ranking.TIER_ALL  # "all": holds the whole query; "closest": only some of its words
    held: int = 1  # how many of the query's clauses (top-level words) it holds

    def to_dict(self) -> dict:
        data = asdict(self)
        data["snippet"] = [{"text": text, "match": match} for text, match in self.snippet]
        return data


@dataclass(frozen=True)
class SearchResults:
    query: str
    total: int  # every article matching the whole query, not only those returned
    hits: tuple[Hit, ...]
    suggestion: str | None = None  # a corrected query that finds something, when this one found nothing
    closest: int = 0  # articles holding only some of the query's words (counted when ``total`` < limit)
    clauses: int = 1  # the query's clauses (top-level words, phrases, groups) that tiers count
    filtered: bool = False  # whether filters narrowed the search

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "closest_total": self.closest,
            "clauses": self.clauses,
            "filtered": self.filtered,
            "suggestion": self.suggestion,
            "hits": [hit.to_dict() for hit in self.hits],
        }


class SearchIndex:
    """An open index; reuse one for many queries (``with SearchIndex(path) as ix: ...``)."""

    def __init__(self, index_dir: Path):
        index_dir = Path(index_dir)
        if not whoosh_index.exists_in(str(index_dir)):
            raise SearchError(f"no search index in {index_dir}: run `sitegen build` first")
        self._filters = _read_filters(index_dir)
        try:
            self._index = whoosh_index.open_dir(str(index_dir))
            self.schema = self._index.schema
            self.analyzer = _stem_filter(self.schema).analyzer
        except Exception as error:  # Whoosh raises many types for a damaged index
            raise SearchError(f"cannot read the search index in {index_dir} ({error}): run `sitegen build` again") from error
        self._searcher = self._index.searcher()
        self._postings = IndexPostings(self._searcher, livestats.read(index_dir))
        self._ids: dict[int, str] = {}

    def close(self) -> None:
        self._searcher.close()
        self._index.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

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
        suggest: bool = True,
    ) -> SearchResults:
        """Ranked articles for ``text``, best first, at most ``limit`` of them, in tiers (``ranking.py``)."""
        if limit < 1:
            raise SearchError(f"limit must be at least 1, not {limit}")
        tree = parse(text)
        self._check_filter_ids(places=place, actors=actor, types=type)
        allowed = _allowed(self._postings, date_from, date_to, place, actor, type)
        evaluator = Evaluator(self._postings, self.analyzer)
        found = evaluator.run(tree, allowed, limit)
        ranked = ranking.top(found.candidates, limit, self._id_of)
        hits = []
        for item in ranked:
            fields = self._searcher.stored_fields(item.docnum)
            hits.append(
                Hit(
                    id=fields["id"],
                    title=fields["title"],
                    date=fields["published"],
                    path=fields["path"],
                    score=item.score,
                    snippet=self._snippet(fields, found.stems, found.exacts) if highlight else (),
                    tier=item.tier,
                    held=item.held,
                )
            )
        suggestion = self.suggest(text, allowed) if suggest and found.matched_all == 0 else None
        return SearchResults(
            query=text, total=found.matched_all, hits=tuple(hits), suggestion=suggestion,
            closest=found.matched_closest, clauses=found.clause_count, filtered=allowed is not None,
        )

    def ranked_ids(self, text: str, limit: int = 10) -> list[str]:
        """Ids of the best ``limit`` articles, nothing else (for evaluations and benchmarks)."""
        return [hit.id for hit in self.search(text, limit=limit, highlight=False, suggest=False).hits]

    def suggest(self, text: str, allowed: set[int] | None = None) -> str | None:
        """``text`` with each word unknown to the index replaced by the nearest indexed word.

        Returns the corrected query only if every word of it is found together somewhere.
        """
        reader = self._searcher.reader()
        corrected, changed, end, tried = [], False, 0, 0
        for original, start, stop in arabic.tokenize(text):
            if original in OPERATORS or text[stop : stop + 1] == "*" or not MIN_SUGGEST_LETTERS <= len(original) <= MAX_SUGGEST_LETTERS:
                continue
            word = arabic.normalize_word(original)
            if not word or arabic.is_stop_word(word) or self._known(reader, word):
                continue
            tried += 1
            if tried > MAX_SUGGEST_WORDS:
                break
            replacement = self._nearest(reader, word)
            if replacement:
                corrected += [text[end:start], replacement]
                end, changed = stop, True
        if not changed:
            return None
        suggestion = "".join(corrected) + text[end:]
        try:
            found = Evaluator(self._postings, self.analyzer).run(parse(suggestion), allowed, 1)
        except SearchError:
            return None
        return suggestion if found.matched_all else None

    def _id_of(self, docnum: int) -> str:
        article_id = self._ids.get(docnum)
        if article_id is None:
            article_id = self._ids[docnum] = self._searcher.stored_fields(docnum)["id"]
        return article_id

    def _check_filter_ids(self, **values: str | None) -> None:
        reader = self._searcher.reader()
        for field, value in values.items():
            if not value:
                continue
            if value in self._filters.get(field, ()) or self._postings.has_term(field, value):
                continue  # a vocabulary id (perhaps used by no article), or an id some article uses
            known = sorted({*self._filters.get(field, ()), *self._postings.live_terms(field, reader.lexicon(field))})
            option, what = FILTER_KINDS[field]
            nearest = difflib.get_close_matches(value, known, n=1, cutoff=0.5)
            hint = f"did you mean {nearest[0]}?" if nearest else f"the ids are in the {what} vocabulary of content/"
            raise SearchError(f"{option}: unknown {what} id {value!r}: {hint}")

    def _known(self, reader, word: str) -> bool:
        stem = self.analyzer.stem(word)
        return any(
            self._postings.has_term(part + EXACT_SUFFIX, word) or self._postings.has_term(part, stem)
            for part in TEXT_PARTS
        )

    def _nearest(self, reader, word: str) -> str | None:
        allowed = 1 if len(word) <= SHORT_WORD else MAX_EDITS
        candidates: dict[str, int] = {}
        for part in TEXT_PARTS:
            field = part + EXACT_SUFFIX
            for term in self._postings.live_terms(field, reader.terms_within(field, word, MAX_EDITS)):
                # Levenshtein: a swap counts 2 there
                candidates[term] = candidates.get(term, 0) + self._postings.doc_frequency(field, term)
        ranked = sorted((edit_distance(word, t), -count, t) for t, count in candidates.items())
        return ranked[0][2] if ranked and ranked[0][0] <= allowed else None

    def _snippet(self, fields: dict, stems: set[str], exacts: set[str]) -> Parts:
        for part in ("body", "lede", "title"):
            parts = highlight(fields.get(part) or "", self.analyzer, stems, exacts)
            if parts:
                return parts
        return opening(fields.get("body") or fields.get("lede") or "", self.analyzer)


def search(index_dir: Path, query: str, **options) -> SearchResults:
    """Open the index in ``index_dir``, run one query (see :meth:`SearchIndex.search`), close it."""
    parse(query)  # a malformed query is said before a missing index
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


def _text(term) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def _read_filters(index_dir: Path) -> dict[str, list[str]]:
    """The vocabulary ids the build recorded beside the index (``FILTERS_FILE``); SearchError if it is of another format."""
    try:
        data = json.loads((index_dir / FILTERS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict) or data.get("format") != INDEX_FORMAT:
        raise SearchError(
            f"the search index in {index_dir} was written by another version of sitegen: run `sitegen build` again"
        )
    return {k: v for k, v in data.items() if k in FILTER_KINDS and isinstance(v, list)}


def _date(value: dt.date | str | None, name: str) -> str | None:
    if value is None or isinstance(value, dt.date):
        return value.isoformat() if value else None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise SearchError(f"{name}: {value!r} is not a date (write YYYY-MM-DD)") from None


def _allowed(postings: IndexPostings, date_from, date_to, place, actor, type) -> set[int] | None:
    """Documents the filters let through (None: no filter). ``dates`` holds publication and incident days."""
    start, end = _date(date_from, "--from"), _date(date_to, "--to")
    if start and end and start > end:
        raise SearchError(f"--from {start} is after --to {end}")
    sets: list[set[int]] = []
    if start or end:
        sets.append(postings.docs_in_range("dates", start, end))
    sets += [set(postings.doc_ids(field, value)) for field, value in (("places", place), ("actors", actor), ("types", type)) if value]
    return set.intersection(*sets) if sets else None
