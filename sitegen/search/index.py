"""Writing the Whoosh index: into a folder it is handed, or atomically into place.

One writer only: Whoosh's multiprocessing writer can drop documents. A multi-file
index is not crash-safe, so :func:`write_index_atomically` builds into a sibling
temporary folder and renames it into place, keeping the old index if anything fails.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Iterable

from whoosh import index as whoosh_index

from sitegen import arabic
from sitegen.model import Article, Content, Vocabulary

from .schema import document, make_schema, protected_names

WRITER_MEMORY_MB = 256  # RAM the writer may fill before spilling a run to disk


def build_index(articles: Iterable[Article], vocabulary: Vocabulary, directory: Path) -> int:
    """Write a complete index of ``articles`` into ``directory`` (created; must hold no index).

    Returns the number of documents written. Articles are added in id order so two builds
    of the same content hold the same documents in the same order.
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    if whoosh_index.exists_in(str(directory)):
        raise FileExistsError(f"{directory} already holds an index: build into an empty folder")
    schema = make_schema(arabic.Analyzer(protected_names(vocabulary)))
    ix = whoosh_index.create_in(str(directory), schema)
    writer = ix.writer(procs=1, limitmb=WRITER_MEMORY_MB)
    count = 0
    try:
        for article in sorted(articles, key=lambda a: a.id):
            writer.add_document(**document(article, vocabulary))
            count += 1
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    ix.close()
    return count


def write_index_atomically(articles: Iterable[Article], vocabulary: Vocabulary, final_dir: Path) -> int:
    """Build the index beside ``final_dir`` and swap it in; on failure the old index stays."""
    final_dir = Path(final_dir)
    final_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{final_dir.name}.new-", dir=final_dir.parent))
    try:
        count = build_index(articles, vocabulary, fresh)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    old = final_dir.parent / f".{final_dir.name}.old-{uuid.uuid4().hex}"
    if final_dir.exists():
        final_dir.rename(old)
    try:
        fresh.rename(final_dir)
    except BaseException:
        if old.exists():
            old.rename(final_dir)
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return count


def index_content(content: Content, directory: Path) -> None:
    """``build_index`` with the signature of the build's index writer (``build.IndexWriter``)."""
    build_index(content.articles, content.vocabulary, directory)
