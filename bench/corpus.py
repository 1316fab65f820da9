"""The shared ANT corpus as sitegen ``Article`` objects, for benchmarks and evaluations.

The corpus (10,161 Arabic news articles, Apache-2.0; A. Chouigui, O. Ben Khiroun,
B. Elayeb, "ANT Corpus: An Arabic News Text Collection for Textual Classification",
AICCSA 2017, pp. 135-142) lives beside the repository in ``../shared/corpus``; it is
read from there and never copied into the project.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

from sitegen.model import Article

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "ant-v1.1.jsonl.gz"


def read_articles(path: Path = CORPUS) -> tuple[list[Article], int]:
    """Every usable article of the JSONL corpus, and how many were skipped (empty title or text).

    id = docno in lower case, published from ``time`` (ISO 8601 or DD/MM/YYYY),
    lede = abstract, body = text, outlet = src.
    """
    articles, skipped = [], 0
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            title, text = (record.get("title") or "").strip(), (record.get("text") or "").strip()
            if not title or not text:
                skipped += 1
                continue
            time = record["time"]
            published = (
                dt.datetime.strptime(time, "%d/%m/%Y").date() if "/" in time else dt.datetime.fromisoformat(time).date()
            )
            articles.append(
                Article(
                    id=record["docno"].lower(),
                    title=title,
                    published=published,
                    body=text,
                    lede=(record.get("abstract") or "").strip() or None,
                    outlet=record.get("src"),
                    url=record.get("url"),
                    author=record.get("author"),
                    category=record.get("cat"),
                )
            )
    return articles, skipped
