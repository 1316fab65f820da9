"""Writing the Whoosh index into the folder it is handed.

One writer only: Whoosh's multiprocessing writer can drop documents. A multi-file index
is not crash-safe, so the build hands this module an empty staging folder and swaps it
into place only when the whole site and index are written (``sitegen/output.py``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable, Iterable

from whoosh import index as whoosh_index

from sitegen import arabic
from sitegen.model import Article, Content, Vocabulary

from .query import FILTERS_FILE, INDEX_FORMAT
from .schema import document, filter_ids, make_schema, protected_names

WRITER_MEMORY_MB = 256  # RAM the writer may fill before spilling a run to disk


def build_index(articles: Iterable[Article], vocabulary: Vocabulary, directory: Path,
                progress: Callable[[int, int], None] | None = None) -> int:
    """Write a complete index of ``articles`` into ``directory`` (created; must hold no index).

    Returns the number of documents written. Articles are added in id order so two builds
    of the same content hold the same documents in the same order. ``progress`` is told
    (documents added, documents in all) after each one.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    if whoosh_index.exists_in(str(directory)):
        raise FileExistsError(f"{directory} already holds an index: build into an empty folder")
    schema = make_schema(arabic.Analyzer(protected_names(vocabulary)))
    ix = whoosh_index.create_in(str(directory), schema)
    writer = ix.writer(procs=1, limitmb=WRITER_MEMORY_MB)
    count = 0
    ordered = sorted(articles, key=lambda a: a.id)
    try:
        for article in ordered:
            writer.add_document(**document(article, vocabulary))
            count += 1
            if progress:
                progress(count, len(ordered))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    ix.close()
    text = json.dumps({"format": INDEX_FORMAT, **filter_ids(vocabulary)}, ensure_ascii=False, sort_keys=True, indent=1)
    (directory / FILTERS_FILE).write_text(text + "\n", encoding="utf-8")
    return count


def index_content(content: Content, directory: Path, progress: Callable[[int, int], None] | None = None) -> None:
    """``build_index`` with the signature of the build's index writer (``build.IndexWriter``)."""
    build_index(content.articles, content.vocabulary, directory, progress)
