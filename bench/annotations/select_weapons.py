"""Print the docnos of the weapon-count tuning group of extract-gold.yaml (issue 12).

The first 60 Syria/Iraq articles of the tuning set hold only 7 weapon counts, too few to
tune the count rules on. This group adds articles where a count of weapons is likely,
selected deterministically from the *tuning* half of the corpus only:

1. *Pool*: the ANT corpus articles (``<repo>/../shared/corpus/ant-v1.1.jsonl.gz``) whose
   docno hashes even (``select.pool(docno) == TUNING``: ``int(sha1(docno), 16) % 2 == 0``),
   with a title and a text, at most 600 words (``select.load_usable``), and not among the
   110 articles of select.py's two groups, sorted by docno.
2. *Candidates*: the pool articles whose title, abstract or text matches ``COUNTED_WEAPON``:
   a weapon noun (صاروخ، قذيفة، غارة، برميل، عبوة، مفخخة، انتحاري، حزام ناسف، طائرة مسيرة،
   لغم، رصاص ...) at most five words after a number (digits, Arabic-Indic digits or a
   number word), or a weapon noun in a dual form (صاروخين، عبوتين، انتحاريان ...).
3. They are shuffled with ``random.Random(SEED)`` and all of them are taken (52), every one,
   read in that order and annotated in full (dates; places when the article
   matches select.py's ``SYRIA_IRAQ``; weapon counts) before any count rule was changed.

``about_syria_iraq`` of these entries is whether the title or text matches select.py's
``SYRIA_IRAQ`` (``select.mentions_syria_iraq``): their places in Syria and Iraq are annotated.

Usage: ``python bench/annotations/select_weapons.py [--corpus PATH]``; it prints one line
per article: group (``weapons_syria_iraq`` or ``weapons_other``), docno.
"""

import argparse
import importlib.util
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("annotation_select", HERE / "select.py")
selection = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(selection)

SEED = 12122

_NUMBER = (
    r"(?:[0-9٠-٩]+|واحدة?|اثن(?:ان|ين|تان|تين)|ثلاثة?|أربعة?|اربعة?|خمسة?|ستة?|سبعة?|ثمانية?|ثماني"
    r"|تسعة?|عشرة?|عشرين|عشرون|ثلاثين|أربعين|خمسين|ستين|سبعين|ثمانين|تسعين|مئة|مائة|مئتي|ألف)"
)
_NOUN = (
    r"(?:صاروخ|صواريخ|قذيف|قذائف|غارة|غارات|برميل|براميل|عبوة|عبوات|مفخخ|انتحاري|حزام|أحزمة"
    r"|طائرات? مسيرة|طائرات? بدون طيار|لغم|ألغام|رصاص|طلقة|طلقات|قنبلة|قنابل|هاون)"
)
_DUAL = (
    r"(?:صاروخين|صاروخان|قذيفتين|قذيفتان|قذيفتي|غارتين|غارتان|برميلين|عبوتين|عبوتان|انتحاريان"
    r"|انتحاريين|حزامين|لغمين|قنبلتين|سيارتين مفخختين|طائرتين)"
)
COUNTED_WEAPON = re.compile(
    rf"(?<!\w)[وبلف]?{_NUMBER}(?:\s+\S+){{0,4}}?\s+\S{{0,3}}{_NOUN}|{_DUAL}"
)


def full_text(record):
    """Title, abstract and text of a record, one per line."""
    return "\n".join(record.get(key) or "" for key in ("title", "abstract", "text"))


def select(records):
    """Return the selected records, in reading order, from select.py's usable records."""
    syria_iraq, others = selection.select(records)
    taken = {r["docno"] for r in syria_iraq + others}
    candidates = [
        r for r in records
        if selection.pool(r["docno"]) == selection.TUNING and r["docno"] not in taken
        and COUNTED_WEAPON.search(full_text(r))
    ]
    random.Random(SEED).shuffle(candidates)
    return candidates


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=selection.DEFAULT_CORPUS)
    args = parser.parse_args()
    for record in select(selection.load_usable(args.corpus)):
        group = "weapons_syria_iraq" if selection.mentions_syria_iraq(record) else "weapons_other"
        print(group, record["docno"])


if __name__ == "__main__":
    main()
