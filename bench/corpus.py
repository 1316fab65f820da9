"""The shared ANT corpus as sitegen ``Article`` objects, for benchmarks and evaluations.

The corpus (10,161 Arabic news articles, Apache-2.0; A. Chouigui, O. Ben Khiroun,
B. Elayeb, "ANT Corpus: An Arabic News Text Collection for Textual Classification",
AICCSA 2017, pp. 135-142) lives beside the repository in ``../shared/corpus``; it is
read from there and never copied into the project.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.errors import Diagnostic
from sitegen.extract import inputs
from sitegen.model import Article

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "ant-v1.1.jsonl.gz"
CITATION = ('Corpus: ANT Corpus v1.1 (Apache-2.0), A. Chouigui, O. Ben Khiroun, B. Elayeb, "ANT Corpus: '
            'An Arabic News Text Collection for Textual Classification", AICCSA 2017, pp. 135-142.')


def write_results(path: Path, lines: list[str]) -> None:
    """Write a results page (Markdown lines, the corpus citation last) and print it."""
    text = "\n".join([*lines, "", CITATION]) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(text)


def read_articles(path: Path = CORPUS) -> tuple[list[Article], int]:
    """Every usable article of the JSONL corpus, and how many were skipped (empty title or text).

    Read as ``sitegen extract`` reads it (``sitegen.extract.inputs``), without extraction:
    plain news articles with no incidents.
    """
    articles, skipped = [], 0
    for item in inputs.read(path):
        if isinstance(item, Diagnostic):
            skipped += 1
            continue
        articles.append(Article(id=item.id, title=item.title, published=item.published, body=item.body,
                                lede=item.lede, outlet=item.outlet, url=item.url, author=item.author,
                                category=item.category))
    return articles, skipped
