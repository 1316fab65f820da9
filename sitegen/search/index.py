"""Writing the Whoosh index into the folder it is handed.

One writer only: Whoosh's multiprocessing writer can drop documents. A multi-file index
is not crash-safe, so the build hands this module an empty staging folder and swaps it
into place only when the whole site and index are written (``sitegen/output.py``).

A full build analyses each text part once (``analysis.analyzed_fields``: the stemmed and
the exact field, and the lengths ``livestats`` keeps) and writes the segment directly
(``segment.py``); an update deletes and adds a few documents with Whoosh's own writer.
"""

from __future__ import annotations

import gc
import json
import os
from contextlib import closing
from pathlib import Path
from typing import Callable, Iterable

from whoosh import index as whoosh_index

from sitegen import arabic
from sitegen.model import Article, Content, Vocabulary

from . import analysis_pool, livestats
from .query import FILTERS_FILE, INDEX_FORMAT
from .ranking import EXACT_SUFFIX, TEXT_PARTS
from .schema import document, filter_ids, make_schema, protected_names
from .segment import SegmentBuilder

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
    analyzer = arabic.Analyzer(protected_names(vocabulary))
    ix = whoosh_index.create_in(str(directory), make_schema(analyzer))
    ordered = sorted(articles, key=lambda a: a.id)
    lengths: dict[str, list[int]] = {}
    builder = SegmentBuilder(ix, analyzed=[part + suffix for part in TEXT_PARTS for suffix in ("", EXACT_SUFFIX)])
    collecting = gc.isenabled()
    gc.disable()  # millions of postings, no cycle: the cycle collector would rescan them again and again
    try:
        documents = [document(article, vocabulary) for article in ordered]
        with closing(analysis_pool.analysed(analyzer, documents)) as analyses:
            for count, (article, doc, analyzed) in enumerate(zip(ordered, documents, analyses), 1):
                builder.add(doc, analyzed)
                lengths[article.id] = [analyzed[part][1] for part in TEXT_PARTS]
                if progress:
                    progress(count, len(ordered))
        builder.commit()
    except BaseException:
        builder.cancel()
        raise
    finally:
        if collecting:
            gc.enable()
    ix.close()
    if builder.doc_count != len(ordered):  # what Whoosh's multiprocessing writer gets wrong: never silently
        raise RuntimeError(f"the index holds {builder.doc_count} documents of {len(ordered)}")
    _finish(directory, vocabulary, lengths)
    return len(ordered)


def update_index(previous: Path, directory: Path, articles: Iterable[Article], vocabulary: Vocabulary,
                 changed: set[str], removed: set[str], progress: Callable[[int, int], None] | None = None) -> int:
    """Write into the empty ``directory`` the index of ``previous`` with the articles of ids
    ``removed`` deleted and those of ids ``changed`` (re)written from ``articles``.

    ``previous`` is left as it is: its files are hard-linked (Whoosh never rewrites a segment
    file; a commit writes new files and deletes the old names), then one writer deletes and
    adds by id. Scores equal a fresh index's: ranking takes its statistics from the live
    documents and ``livestats`` (``postings.py``). Returns the number of documents written.
    """
    directory = Path(directory)
    lengths = livestats.read(previous)
    if lengths is None:
        raise FileNotFoundError(f"{previous / livestats.STATS_FILE} is missing: build the index in full")
    for entry in os.scandir(previous):
        if entry.is_file() and entry.name.startswith(("_", "MAIN_")) and "LOCK" not in entry.name:
            _link_or_copy(Path(entry.path), directory / entry.name)
    ix = whoosh_index.open_dir(str(directory))
    analyzer = arabic.Analyzer(protected_names(vocabulary))
    ordered = sorted((a for a in articles if a.id in changed), key=lambda a: a.id)
    for article_id in removed | changed:
        lengths.pop(article_id, None)
    _write(ix, ordered, vocabulary, analyzer, lengths, sorted(removed | changed), progress)
    _finish(directory, vocabulary, lengths)
    return len(ordered)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        import shutil

        shutil.copyfile(source, target)


def _write(ix, ordered: list[Article], vocabulary: Vocabulary, analyzer: arabic.Analyzer,
           lengths: dict[str, list[int]], deleted, progress) -> None:
    writer = ix.writer(procs=1, limitmb=WRITER_MEMORY_MB)
    try:
        for article_id in deleted:
            writer.delete_by_term("id", article_id)
        for count, article in enumerate(ordered, 1):
            doc = document(article, vocabulary)
            writer.add_document(**doc)
            lengths[article.id] = livestats.part_lengths(analyzer, doc)
            if progress:
                progress(count, len(ordered))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    ix.close()


def _finish(directory: Path, vocabulary: Vocabulary, lengths: dict[str, list[int]]) -> None:
    livestats.write(directory, lengths)
    text = json.dumps({"format": INDEX_FORMAT, **filter_ids(vocabulary)}, ensure_ascii=False, sort_keys=True, indent=1)
    (directory / FILTERS_FILE).write_text(text + "\n", encoding="utf-8")


def index_content(content: Content, directory: Path, progress: Callable[[int, int], None] | None = None) -> None:
    """``build_index`` with the signature of the build's index writer (``build.IndexWriter``)."""
    build_index(content.articles, content.vocabulary, directory, progress)
