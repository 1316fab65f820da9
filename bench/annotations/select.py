"""Print the docnos of the articles hand-annotated in extract-gold.yaml.

The selection is deterministic, so anyone can re-derive the annotated set:

1. Read the ANT corpus (``<repo>/../shared/corpus/ant-v1.1.jsonl.gz``), drop the
   articles whose title or text is empty and those over 600 words (title,
   abstract and text together), and sort the rest by docno.
2. *Syria/Iraq candidates* are the articles whose title or text matches
   ``SYRIA_IRAQ``. They are shuffled with ``random.Random(2017)`` and read in
   that order; an article that only mentions Syria or Iraq in passing (not
   substantially about events there) was judged by the annotator and is listed
   in ``PASSING_MENTION``. The first 60 others are taken.
3. *Other articles* are all the remaining articles (no match), shuffled with a
   fresh ``random.Random(2017)``; the first 50 are taken.

The corpus is also split into two pools by a fixed rule (:func:`pool`): an article
whose ``int(sha1(docno), 16)`` is odd is in the *held-out* pool, annotated by reading for an
evaluation that is never used to tune the rules (``extract-heldout.yaml``, made apart); the
even ones are the *tuning* pool. Any article added to the tuning gold beyond the 110 above
must come from the tuning pool; the held-out gold takes none of the 110.

Usage: ``python bench/annotations/select.py [--corpus PATH]``; it prints one
line per article: group, docno.
"""

import argparse
import gzip
import hashlib
import json
import random
import re
from pathlib import Path

SYRIA_IRAQ = re.compile("سوريا|سورية|السوري|العراق|العراقي")
MAX_WORDS = 600
SEED = 2017
SYRIA_IRAQ_COUNT = 60
OTHER_COUNT = 50

# Candidates read and judged to mention Syria or Iraq only in passing.
PASSING_MENTION = frozenset({
    "JA-culture-114-20170601",
    "JA-culture-14-20161204",
    "JA-culture-25-20161110",
    "JA-culture-30-20161105",
    "JA-culture-69-20170318",  # keyword only inside العراقيل (obstacles)
    "JA-culture-97-20170408",
    "JA-diverse-205-20170330",
    "JA-diverse-237-20150801",
    "JA-diverse-253-20170416",
    "JA-diverse-382-20160606",
    "JA-diverse-383-20170526",
    "JA-diverse-413-20170530",
    "JA-diverse-443-20170618",
    "JA-diverse-93-20151121",
    "JA-economy-15-20170109",
    "JA-economy-313-20161024",
    "JA-economy-77-20160328",
    "JA-internationalNews-1072-20151116",
    "JA-internationalNews-1075-20170606",
    "JA-internationalNews-113-04012017",
    "JA-internationalNews-1130-20160826",
    "JA-internationalNews-1180-20160501",
    "JA-internationalNews-1199-20170617",
    "JA-internationalNews-123-20170131",
    "JA-internationalNews-1233-20151205",
    "JA-internationalNews-1234-20151208",
    "JA-internationalNews-1250-20170619",
    "JA-internationalNews-143-20170201",
    "JA-internationalNews-171-20151119",
    "JA-internationalNews-274-20150909",
    "JA-internationalNews-276-20151116",
    "JA-internationalNews-300-20151221",
    "JA-internationalNews-340-20161207",
    "JA-internationalNews-359-20150320",
    "JA-internationalNews-369-20170226",
    "JA-internationalNews-495-20151109",
    "JA-internationalNews-497-20160514",
    "JA-internationalNews-5-20170121",
    "JA-internationalNews-560-20151211",
    "JA-internationalNews-572-20160703",
    "JA-internationalNews-573-20160725",
    "JA-internationalNews-614-20170328",
    "JA-internationalNews-635-20160327",
    "JA-internationalNews-643-20170405",
    "JA-internationalNews-700-20170416",
    "JA-internationalNews-718-20161201",
    "JA-internationalNews-724-20170414",
    "JA-internationalNews-802-20170411",
    "JA-internationalNews-842-20170429",  # keyword only inside العراقيل (obstacles)
    "JA-internationalNews-855-20170426",
    "JA-internationalNews-935-20170510",
    "JA-internationalNews-95-29012017",
    "JA-localNews-1011-20161219",
    "JA-localNews-1284-20170215",
    "JA-localNews-1852-20170227",
    "JA-localNews-1899-20170228",
    "JA-localNews-1911-20161207",
    "JA-localNews-1925-20150822",
    "JA-localNews-1969-20170301",
    "JA-localNews-2043-20151119",
    "JA-localNews-2046-20150806",
    "JA-localNews-2134-20161027",
    "JA-localNews-2250-20151023",
    "JA-localNews-2294-20170306",
    "JA-localNews-24-20170120",
    "JA-localNews-2507-20161227",
    "JA-localNews-2528-20150905",
    "JA-localNews-2550-20160726",
    "JA-localNews-2605-20160301",
    "JA-localNews-2617-20160330",
    "JA-localNews-2660-20150729",
    "JA-localNews-281-15042016",
    "JA-localNews-286-02112016",
    "JA-localNews-287-08122016",
    "JA-localNews-288-12122016",
    "JA-localNews-3136-20151113",
    "JA-localNews-3139-20151231",
    "JA-localNews-3189-20170327",
    "JA-localNews-3281-20170404",
    "JA-localNews-3333-20170405",
    "JA-localNews-3341-20170409",
    "JA-localNews-3604-20170407",  # keyword only inside العراقيل (obstacles)
    "JA-localNews-3697-20150515",
    "JA-localNews-3771-20170505",
    "JA-localNews-3789-20170505",
    "JA-localNews-4157-20170414",
    "JA-localNews-4546-20170411",
    "JA-localNews-4578-20150628",
    "JA-localNews-4720-20170522",
    "JA-localNews-4796-20170619",
    "JA-localNews-549-30052014",
    "JA-localNews-627-20170202",
    "JA-localNews-649-20170203",
    "JA-localNews-682-20170103",
    "JA-localNews-70-20170123",
    "JA-localNews-738-20131129",
    "JA-localNews-739-20170204",
    "JA-localNews-77-20170123",
    "JA-localNews-841-20170206",
    "JA-localNews-867-20170207",
    "JA-localNews-910-20170207",
    "JA-politic-126-20140115",
    "JA-politic-162-20161004",
    "JA-politic-279-20161102",
    "JA-politic-287-20170323",
    "JA-politic-290-20170330",
    "JA-politic-292-20170328",
    "JA-politic-299-20170328",
    "JA-politic-476-20170601",
    "JA-society-1078-20170620",
    "JA-society-246-20161215",
    "JA-sport-1139-20170505",
    "JA-sport-1152-20170504",
    "JA-sport-1327-20170605",
    "JA-sport-1334-20170605",
    "JA-sport-386-20170216",
    "JA-sport-566-20170228",
    "JA-sport-838-20170315",
    "JA-sport-945-20170331",
})

DEFAULT_CORPUS = (
    Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "ant-v1.1.jsonl.gz"
)


TUNING, HELDOUT = "tuning", "heldout"


def pool(docno):
    """``HELDOUT`` when the SHA-1 of the docno (UTF-8) is odd, else ``TUNING``."""
    return HELDOUT if int(hashlib.sha1(docno.encode("utf-8")).hexdigest(), 16) % 2 == 1 else TUNING


def load_usable(path):
    """Return the corpus records with title and text, at most MAX_WORDS long, by docno."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        records = [json.loads(line) for line in stream]
    usable = [
        r for r in records
        if (r.get("title") or "").strip() and (r.get("text") or "").strip()
        and word_count(r) <= MAX_WORDS
    ]
    return sorted(usable, key=lambda r: r["docno"])


def word_count(record):
    """Count whitespace-separated words in title, abstract and text."""
    parts = (record.get("title"), record.get("abstract"), record.get("text"))
    return sum(len((p or "").split()) for p in parts)


def mentions_syria_iraq(record):
    """Tell whether the title or text names Syria or Iraq (or their adjectives)."""
    return bool(SYRIA_IRAQ.search(record["title"] + "\n" + record["text"]))


def syria_iraq_candidates(records):
    """Return the Syria/Iraq candidates in reading order (seeded shuffle)."""
    candidates = [r for r in records if mentions_syria_iraq(r)]
    random.Random(SEED).shuffle(candidates)
    return candidates


def select(records):
    """Return (syria_iraq, other) lists of selected records."""
    syria_iraq = [
        r for r in syria_iraq_candidates(records) if r["docno"] not in PASSING_MENTION
    ][:SYRIA_IRAQ_COUNT]
    others = [r for r in records if not mentions_syria_iraq(r)]
    random.Random(SEED).shuffle(others)
    return syria_iraq, others[:OTHER_COUNT]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    syria_iraq, others = select(load_usable(args.corpus))
    for record in syria_iraq:
        print("syria_iraq", record["docno"])
    for record in others:
        print("other", record["docno"])


if __name__ == "__main__":
    main()
