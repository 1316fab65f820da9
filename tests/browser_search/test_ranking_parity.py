"""One ranking: the browser's engine under Node and `sitegen search` agree on the corpus.

The corpus index is built once for the module (Whoosh index, then its projection for the
browser, as `sitegen build` writes them), and at least 500 queries of every class of
``bench/search_eval.py`` (clean and perturbed titles and body passages), plus queries with
OR, NOT, phrases and prefixes, run through both engines.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from nodejs import run_json
from sitegen import arabic
from sitegen.content import load_vocabulary
from sitegen.model import Content
from sitegen.search import SearchError, SearchIndex, build_index, write_browser_index

pytestmark = pytest.mark.corpus
PER_CLASS = 50
# Queries at the edges of the query language: both sides must refuse or accept them alike.
EDGES = ["ال*", "الح* وزير", "NOT NOT الحكومة", "الحكومة NOT NOT التونسية", "ت*", "الحكومة NOT", "(الحكومة OR",
         "الحكومة؟ التونسية!", "آيفون7", "-الحكومة", "title:الحكومة", '"" الحكومة', "وزير OR NOT الخارجية"]
FIRST_GOAL, TOP10_GOAL = 0.99, 0.95


@pytest.fixture(scope="module")
def corpus_build(corpus_path: Path, tmp_path_factory):
    sys.path.insert(0, str(REPO / "bench"))
    import corpus  # noqa: PLC0415  (bench/corpus.py: the corpus as sitegen articles)

    articles, _ = corpus.read_articles(corpus_path)
    vocabulary, problems = load_vocabulary(REPO / "content")
    assert vocabulary is not None, problems
    folder = tmp_path_factory.mktemp("corpus-search")
    build_index(articles, vocabulary, folder / "index")
    write_browser_index(folder / "index", folder / "site", Content(tuple(articles), vocabulary))
    return articles, folder


HOSTILE = [line for line in (REPO / "tests" / "fixtures" / "hostile-queries.txt").read_text(encoding="utf-8").splitlines()
           if line.strip() and not line.startswith("#")]


def _operator_queries(articles, rng: random.Random, count: int) -> list[str]:
    queries = []
    for article in rng.sample(articles, count * 3):
        words = [w for w, _, _ in arabic.tokenize(article.title)
                 if (n := arabic.normalize_word(w)) and not arabic.is_stop_word(n) and len(n) > 2 and not n.isdigit()]
        if len(words) < 3:
            continue
        kind = len(queries) % 4
        if kind == 0:
            queries.append(f"{words[0]} OR {words[-1]}")
        elif kind == 1:
            queries.append(f"{words[0]} {words[1]} NOT {words[-1]}")
        elif kind == 2:
            queries.append(f'"{words[0]} {words[1]}" {words[2]}')
        else:
            queries.append(f"{words[1][:4]}* {words[0]}")
        if len(queries) == count:
            break
    return queries


def test_browser_engine_ranks_like_sitegen_search(corpus_build):
    sys.path.insert(0, str(REPO / "bench"))
    import search_eval  # noqa: PLC0415

    articles, folder = corpus_build
    classes = search_eval.query_classes(articles, PER_CLASS)
    classes["operators: OR, NOT, phrase, prefix*"] = _operator_queries(articles, random.Random(8), 80) + EDGES
    classes["hostile (tests/fixtures/hostile-queries.txt)"] = HOSTILE
    queries = [(name, item if isinstance(item, str) else item[0]) for name, items in classes.items() for item in items]
    assert len(queries) >= 500 and all(len(items) >= 20 for items in classes.values()), {k: len(v) for k, v in classes.items()}

    browser = run_json("search.js", [str(folder / "site")], [{"text": text, "limit": 10} for _, text in queries])
    same_first = same_top10 = 0
    misses = []
    with SearchIndex(folder / "index") as index:
        for (name, text), got in zip(queries, browser):
            try:
                expected = [hit.id for hit in index.search(text, limit=10, highlight=False, suggest=False).hits]
            except SearchError:
                expected = None
            ids = got.get("ids") if "error" not in got else None
            first = ids is not None and expected is not None and ids[:1] == expected[:1] or ids is expected is None
            top10 = ids is not None and expected is not None and set(ids) == set(expected) or ids is expected is None
            same_first += first
            same_top10 += top10
            if not top10:
                misses.append((name, text, expected and expected[:3], ids and ids[:3], got.get("error")))
    first_rate, top10_rate = same_first / len(queries), same_top10 / len(queries)
    print(f"\n{len(queries)} queries: same first result {first_rate:.4f}, same top-10 set {top10_rate:.4f}")
    assert first_rate >= FIRST_GOAL and top10_rate >= TOP10_GOAL, misses[:10]
    assert sum(1 for got in browser if got.get("ids")) > 0.9 * len(queries), "most queries find something"


def test_browser_snippets_mark_the_same_words_as_the_terminal(corpus_build):
    articles, folder = corpus_build
    rng = random.Random(3)
    texts = [" ".join(w for w, _, _ in arabic.tokenize(a.title)[:3]) for a in rng.sample(articles, 40)]
    browser = run_json("search.js", [str(folder / "site")], [{"text": t, "limit": 3, "snippets": True} for t in texts])
    compared = 0
    with SearchIndex(folder / "index") as index:
        for text, got in zip(texts, browser):
            try:
                hits = index.search(text, limit=3, suggest=False).hits
            except SearchError:
                continue
            if [h.id for h in hits] != got.get("ids"):
                continue
            assert [[list(p) for p in h.snippet] for h in hits] == got["snippets"], text
            compared += 1
    assert compared >= 30


def test_sitegen_search_command_gives_what_the_parity_test_compares(corpus_build):
    """The in-process SearchIndex the parity test calls is what the `sitegen search` command prints."""
    articles, folder = corpus_build
    text = " ".join(w for w, _, _ in arabic.tokenize(articles[7].title)[:3])
    command = [str(Path(sys.executable).parent / "sitegen"), "search", text, "--json", "--index", str(folder / "index")]
    printed = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    browser = run_json("search.js", [str(folder / "site")], [{"text": text, "limit": 10}])[0]
    assert [hit["id"] for hit in printed["hits"]] == browser["ids"]
    assert [hit["score"] for hit in printed["hits"]] == browser["scores"]
