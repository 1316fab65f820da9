"""The browser's search index: a projection of the built Whoosh index into ``site/search/``.

Everything the browser ranks with is read out of the Whoosh index the build has just
written (never computed a second time): the postings and term frequencies of the six text
fields, each document's field lengths as Whoosh stores them (one byte, decoded through
Whoosh's table), the document count and the total length of each field. So the browser's
BM25F (``assets/search/engine.js``) sees the numbers Whoosh's scorer sees.

Files, each a script that hands its data to the page's global ``sitegenSearchData(name,
data)`` (``<script>`` tags load them: ``fetch()`` and ES modules fail on ``file://``):

* ``tables.js``: the analyzer's tables (``sitegen.arabic.export_tables``), protected names included;
* ``meta.js``: ranking constants, statistics, Whoosh's length table, the dictionary (the first
  term of each term shard, sorted: a binary search tells which shard holds a term) and how
  many exact words each shard holds (so a prefix that expands too far is refused unloaded);
* ``terms/<n>.js``: term shards, cut at about ``SHARD_BYTES``; each term maps to six posting
  lists, one per text field (``FIELDS`` order), ``""`` when the term is not in that field;
* ``facets.js``: the filter fields as posting lists (place, actor, type, outlet, day) and their labels;
* ``docs/<n>.js``: one per document: id, title, date, page path, place and type names, and the
  original title, lede and body for snippets (loaded only for the results shown);
* ``words/<n>.js``: the exact words of ``n`` letters with their document frequency, for
  "did you mean" (loaded only when nothing matches).

A posting list is a string of base-32 varints (see ``encode``): for each document, the gap
from the previous document number (the first counts from -1), the term frequency, and the
byte Whoosh stores for the document's field length. No positions: a phrase is checked
against the text of the documents that hold all its words (see engine.js).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Callable

from whoosh import index as whoosh_index
from whoosh.util.numeric import byte_to_length, length_to_byte

from sitegen import arabic
from sitegen.model import Article, Content

from . import query as search_query
from . import querylang, ranking
from .ranking import EXACT_SUFFIX, FIELD_BOOSTS, TEXT_PARTS, WHOLE_EXACT_BOOSTS
from .schema import FILTER_FIELDS, protected_names

FORMAT = "sitegen-browser-index/1"
FOLDER = "search"
CALLBACK = "sitegenSearchData"
FIELDS = (*TEXT_PARTS, *(part + EXACT_SUFFIX for part in TEXT_PARTS))
SHARD_BYTES = 6_000  # a term shard is cut once its JSON passes this size (one huge term may exceed it)
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"  # 32 final digits, 32 continued


def encode(numbers) -> str:
    """Non-negative integers as base-32 varints, most significant group first.

    Every group but the last is written with the alphabet's upper half, the last with its lower half.
    """
    out = []
    for n in numbers:
        groups = [n & 31]
        n >>= 5
        while n:
            groups.append(n & 31)
            n >>= 5
        out.extend(ALPHABET[32 + g] for g in reversed(groups[1:]))
        out.append(ALPHABET[groups[0]])
    return "".join(out)


def decode(text: str) -> list[int]:
    """The inverse of :func:`encode` (for tests; the browser has its own in engine.js)."""
    numbers, value = [], 0
    for char in text:
        digit = ALPHABET.index(char)
        if digit >= 32:
            value = value * 32 + digit - 32
        else:
            numbers.append(value * 32 + digit)
            value = 0
    return numbers


def script(name: str, data) -> str:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return f"{CALLBACK}({json.dumps(name)},{payload});\n"


def write_browser_index(index_dir: Path, site_dir: Path, content: Content,
                        progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Write ``site_dir/search/`` from the Whoosh index in ``index_dir``; returns bytes written per kind.

    ``progress`` is told (steps done, steps in all) after each text field read and each document written.
    """
    out = Path(site_dir) / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = defaultdict(int)

    def write(relative: str, name: str, data) -> None:
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        text = script(name, data)
        path.write_text(text, encoding="utf-8")
        sizes[relative.split("/")[0].removesuffix(".js")] += len(text.encode("utf-8"))

    ix = whoosh_index.open_dir(str(index_dir))
    try:
        with ix.reader() as reader:
            if reader.has_deletions():
                raise ValueError(f"{index_dir}: the index has deleted documents; the browser index needs a fresh build")
            doc_count = reader.doc_count_all()
            steps = len(FIELDS) + doc_count
            tick = (lambda done: progress(done, steps)) if progress else (lambda done: None)
            lengths = _length_bytes(reader, doc_count)
            terms = _terms(reader, lengths, tick)
            dictionary, exact_words = [], []
            exact_slots = [slot for slot, field in enumerate(FIELDS) if field.endswith(EXACT_SUFFIX)]
            for number, shard in enumerate(_shards(terms)):
                dictionary.append(next(iter(shard)))
                exact_words.append(sum(1 for postings in shard.values() if any(postings[s] for s in exact_slots)))
                write(f"terms/{number}.js", f"terms/{number}", shard)
            facets, labels = _facets(reader, content)
            write("facets.js", "facets", {"postings": facets, "labels": labels})
            articles = {article.id: article for article in content.articles}
            previous_id = None
            for docnum, fields in enumerate(reader.all_stored_fields()):
                if previous_id is not None and not previous_id < fields["id"]:
                    raise ValueError(f"{index_dir}: documents are not in id order; the browser breaks ties by document number")
                previous_id = fields["id"]
                write(f"docs/{docnum}.js", f"docs/{docnum}", _doc(fields, articles.get(fields["id"]), content))
                tick(len(FIELDS) + docnum + 1)
            word_lengths = []
            for length, words in sorted(_words_by_length(reader).items()):
                write(f"words/{length}.js", f"words/{length}", words)
                word_lengths.append(length)
            write("meta.js", "meta", _meta(reader, doc_count, dictionary, exact_words, word_lengths))
    finally:
        ix.close()
    write("tables.js", "tables", arabic.export_tables(protected_names(content.vocabulary)))
    return dict(sizes)


def _length_bytes(reader, doc_count: int) -> list[list[int]]:
    """For each field, each document's length as the byte Whoosh stores (its scorer decodes it)."""
    table = []
    for field in FIELDS:
        column = []
        for docnum in range(doc_count):
            length = reader.doc_field_length(docnum, field) or 0  # None: the field is empty
            code = length_to_byte(length)
            assert byte_to_length(code) == length, (field, docnum, length)
            column.append(code)
        table.append(column)
    return table


def _terms(reader, lengths: list[list[int]], tick: Callable[[int], None]) -> dict[str, list[str]]:
    """term → six encoded posting lists (``""`` where absent), in term order."""
    terms: dict[str, list[str]] = defaultdict(lambda: [""] * len(FIELDS))
    for slot, field in enumerate(FIELDS):
        for btext in reader.lexicon(field):
            numbers, previous = [], -1
            matcher = reader.postings(field, btext)
            while matcher.is_active():
                docnum, weight = matcher.id(), matcher.weight()
                tf = int(weight)
                assert tf == weight, (field, btext, weight)
                numbers += [docnum - previous, tf, lengths[slot][docnum]]
                previous = docnum
                matcher.next()
            terms[btext.decode("utf-8")][slot] = encode(numbers)
        tick(slot + 1)
    return {term: terms[term] for term in sorted(terms)}


def _shards(terms: dict[str, list[str]]):
    """Consecutive runs of terms of about SHARD_BYTES each."""
    shard: dict[str, list[str]] = {}
    size = 0
    for term, postings in terms.items():
        shard[term] = postings
        size += len(term.encode("utf-8")) + sum(len(p) for p in postings) + 20
        if size >= SHARD_BYTES:
            yield shard
            shard, size = {}, 0
    if shard:
        yield shard


def _facets(reader, content: Content) -> tuple[dict, dict]:
    """Each filter value's documents (an encoded list of gaps), and the Arabic labels of the values."""
    postings: dict[str, dict[str, str]] = {}
    for field in FILTER_FIELDS:
        values = {}
        for btext in reader.lexicon(field):
            docs, previous = [], -1
            for docnum in reader.postings(field, btext).all_ids():
                docs.append(docnum - previous)
                previous = docnum
            values[btext.decode("utf-8")] = encode(docs)
        postings[field] = values
    vocabulary = content.vocabulary
    labels = {
        "places": {pid: [p.name, p.parent or ""] for pid, p in vocabulary.places.items() if pid in postings["places"]},
        "actors": {aid: [a.name, a.parent or ""] for aid, a in vocabulary.actors.items() if aid in postings["actors"]},
        "types": {tid: [t.name, ""] for tid, t in vocabulary.incident_types.items() if tid in postings["types"]},
    }
    return postings, labels


def _doc(fields: dict, article: Article | None, content: Content) -> dict:
    """What a result shows: title, date, page, where and what (names), and the text for its snippet."""
    incidents = article.incidents if article else ()
    places = content.vocabulary.places
    types = content.vocabulary.incident_types
    return {
        "id": fields["id"],
        "places": sorted({places[i.location].name for i in incidents if i.location in places}),
        "types": sorted({types[i.type].name for i in incidents if i.type in types}),
        "path": fields["path"],
        "date": fields["published"],
        "title": fields.get("title") or "",
        "lede": fields.get("lede") or "",
        "body": fields.get("body") or "",
    }


def _words_by_length(reader) -> dict[int, dict[str, int]]:
    """Exact words by length in letters, each with its document frequency summed over the exact fields."""
    words: dict[int, dict[str, int]] = defaultdict(dict)
    for part in TEXT_PARTS:
        field = part + EXACT_SUFFIX
        for btext in reader.lexicon(field):
            word = btext.decode("utf-8")
            group = words[len(word)]
            group[word] = group.get(word, 0) + reader.doc_frequency(field, btext)
    return words


def _meta(reader, doc_count: int, dictionary: list[str], exact_words: list[int], word_lengths: list[int]) -> dict:
    """Statistics and every constant of the ranking and query-language contracts the engine applies."""
    return {
        "format": FORMAT,
        "doc_count": doc_count,
        "fields": list(FIELDS),
        "field_boosts": [FIELD_BOOSTS[f] for f in FIELDS],
        "whole_exact_boosts": [WHOLE_EXACT_BOOSTS.get(f, 0.0) for f in FIELDS],
        "b": [ranking.FIELD_B[f] for f in FIELDS],
        "k1": ranking.BM25_K1,
        "score_decimals": ranking.SCORE_DECIMALS,
        "tiers": list(ranking.TIERS),
        "avg_field_length": [(reader.field_length(f) / doc_count) if doc_count else 1.0 for f in FIELDS],
        "length_table": [byte_to_length(code) for code in range(256)],
        "dictionary": dictionary,
        "exact_words": exact_words,
        "word_lengths": word_lengths,
        "query_language": {
            "max_query_chars": querylang.MAX_QUERY_CHARS,
            "max_words": querylang.MAX_WORDS,
            "max_word_chars": querylang.MAX_WORD_CHARS,
            "max_depth": querylang.MAX_DEPTH,
            "min_prefix": querylang.MIN_PREFIX,
            "max_prefix_terms": querylang.MAX_PREFIX_TERMS,
            "operators": list(querylang.OPERATORS),
            "field_names": sorted(querylang.FIELD_NAMES),
        },
        "max_edits": search_query.MAX_EDITS,
        "short_word": search_query.SHORT_WORD,
        "min_suggest_letters": search_query.MIN_SUGGEST_LETTERS,
        "max_suggest_letters": search_query.MAX_SUGGEST_LETTERS,
        "max_suggest_words": search_query.MAX_SUGGEST_WORDS,
        "alphabet": ALPHABET,
    }
