"""The index step of an incremental build: re-index only the articles whose document changed.

Each article's index document (``search.schema.document``: its text parts and filter
keywords) is hashed; the previous build's hashes are in its state (``buildstate``). When
the stemmer's protected names are the same as before and the previous index is complete,
the previous index is linked into the staging folder and updated by id (deleted articles
removed, changed and new ones rewritten); otherwise the index is built in full.
"""

from __future__ import annotations

from itertools import compress
from operator import ne
from pathlib import Path
from typing import Callable, Iterator

from sitegen.buildstate import State, text_digest
from sitegen.model import Article, Content
from sitegen.search import index as search_index
from sitegen.search import livestats
from sitegen.search.schema import document, protected_names


ANEW_FROM = 1000  # documents: when every one changes, updating them one by one in place costs more
# than writing a new index (at 100,000 articles about 8 minutes against 2)


def write(content: Content, previous_dir: Path, staging: Path, previous: State | None, state: State,
          progress: Callable[[int, int], None] | None = None, fresh: bool = False,
          document_digest: Callable[[Article], str] | None = None) -> int:
    """Write the index of ``content`` into ``staging``; record its document hashes in ``state``.

    Returns how many articles were (re)indexed. ``fresh``: when any document changed, build
    the index anew rather than update the previous one (the browser's projection numbers
    documents as a fresh index does; an updated index appends and deletes).
    ``document_digest(article)``: a digest that changes whenever the article's document may
    with the same vocabularies (the build's: the article's digest, already computed: a hex
    string is all it costs on 100,000 articles); by default, the document's own. A document
    is made from its article and the vocabularies (the names its filters hold), so when the
    vocabularies changed (``state.vocabulary``), every document counts as changed.
    """
    state.analyzer = text_digest(sorted(protected_names(content.vocabulary)))
    digest = document_digest or (lambda article: text_digest(document(article, content.vocabulary)))
    state.documents = {article.id: digest(article) for article in content.articles}
    state.vocabulary = vocabulary_digest(content.vocabulary)
    before = previous.documents if previous is not None and previous.vocabulary == state.vocabulary else {}
    usable = (previous is not None and previous.analyzer == state.analyzer
              and livestats.read(previous_dir) is not None)
    if usable and fresh and (before != state.documents or not previous.fresh_index):
        usable = False
    if usable and not before and len(state.documents) >= ANEW_FROM:
        usable = False  # every document changes (the vocabularies did): a new index is written faster
    state.fresh_index = not usable or (previous.fresh_index and before == state.documents)
    if not usable:
        return search_index.build_index(content.articles, content.vocabulary, staging, progress)
    differs = _differs(before, state.documents)  # (C loops: 100,000 articles, most of them unchanged)
    if len(state.documents) == len(content.articles):  # (ids unique: the table is in article order)
        # the changed articles without reading the others (100,000 objects all over memory)
        articles = list(compress(content.articles, differs))
        changed = {article.id for article in articles}
    else:
        articles = content.articles
        changed = set(compress(state.documents, differs))
    removed = previous.documents.keys() - state.documents.keys()
    return search_index.update_index(previous_dir, staging, articles, content.vocabulary,
                                     changed, removed, progress)


def vocabulary_digest(vocabulary) -> str:
    """The digest of the vocabularies kept in the state (their names label the browser's results)."""
    return text_digest(repr(vocabulary))


def changed_ids(previous: State, state: State) -> set[str]:
    """Ids of the articles whose index document was added, changed or removed since ``previous``
    (every one when the vocabularies changed: ``write``)."""
    before, now = previous.documents, state.documents
    if previous.vocabulary != state.vocabulary:
        return set(now) | set(before)
    changed = set(compress(now, _differs(before, now)))
    changed.update(before.keys() - now.keys())
    return changed


def _differs(before: dict[str, str], now: dict[str, str]) -> Iterator[bool]:
    """For each id of ``now``, in order, whether its hash is not the one in ``before``."""
    return map(ne, map(before.get, now), now.values())


def projection_unchanged(previous: State | None, state: State) -> bool:
    """Whether the browser's projection of the index would be the same as the previous build's:
    the same documents and the same vocabulary (its names label the results)."""
    return (previous is not None and previous.documents == state.documents
            and previous.vocabulary == state.vocabulary and previous.analyzer == state.analyzer)
