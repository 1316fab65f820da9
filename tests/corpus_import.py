"""Turn shared-corpus records into content files, as a user importing a news collection would.

Records with an empty title or text are reported (not written); the rest become articles
without incidents, which the schema allows (plain news).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
from pathlib import Path

from sitegen import yamlio


def publication_date(time: str) -> str:
    if re.match(r"^\d{2}/\d{2}/\d{4}$", time):
        return dt.datetime.strptime(time, "%d/%m/%Y").date().isoformat()
    return dt.datetime.fromisoformat(time).date().isoformat()


def import_corpus(corpus: Path, articles_dir: Path, limit: int | None = None) -> tuple[int, list[str]]:
    """Write one article file per usable record; return (written, problems)."""
    articles_dir.mkdir(parents=True, exist_ok=True)
    written, problems = 0, []
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if limit is not None and number > limit:
                break
            record = json.loads(line)
            empty = [name for name in ("title", "text") if not (record.get(name) or "").strip()]
            if empty:
                problems.append(f"{corpus}:{number}: {record['docno']}: empty {' and '.join(empty)}; not imported")
                continue
            meta = {"id": record["docno"].lower(), "title": record["title"].strip(),
                    "published": publication_date(record["time"]), "outlet": record["src"],
                    "url": record["url"], "category": record["cat"]}
            if (record.get("abstract") or "").strip():
                meta["lede"] = record["abstract"].strip()
            body = "\n\n".join(p.strip() for p in record["text"].splitlines() if p.strip())
            text = f"---\n{yamlio.dump(meta)}---\n{body}\n"
            (articles_dir / f"{meta['id']}.md").write_text(text, encoding="utf-8")
            written += 1
    return written, problems
