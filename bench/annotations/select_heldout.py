"""Print the docnos of the held-out articles hand-annotated in extract-heldout.yaml.

The held-out set measures extraction on articles its rules were never tuned on
(issue 12). The selection is deterministic, so anyone can re-derive it:

1. *Pool*: the ANT corpus articles (``<repo>/../shared/corpus/ant-v1.1.jsonl.gz``)
   whose docno hashes odd (``int(sha1(docno).hexdigest(), 16) % 2 == 1``), that
   are not among the 110 docnos of the tuning set (``extract-gold.yaml``), that
   have a title and a text, and at most 600 words (title, abstract and text
   together), sorted by docno.
2. *Group A, armed incidents in Syria or Iraq* (``syria_iraq``): the pool
   articles whose title, abstract or text matches both ``SYRIA_IRAQ`` (Syria,
   Iraq or one of their main places) and ``VIOLENCE`` (strikes, shelling,
   bombings, clashes, attacks, killings...), shuffled with
   ``random.Random(SEED)`` and read in that order. A candidate that is not about
   an armed incident in Syria or Iraq (or one spilling from them into a
   neighbouring area) was judged so by the annotator and is listed in
   ``NOT_SYRIA_IRAQ_INCIDENT``; all the others are taken. The pool holds only
   8 such articles (this outlet is Tunisian), far fewer than 60. The word cap
   does not cause this: the held-out half holds only 13 longer articles, and
   the one matching both regexes (JA-internationalNews-760-20170423, profiles
   of the French presidential candidates) reports no incident.
3. *Group A2, armed incidents elsewhere* (``elsewhere``), so that at least
   ``INCIDENT_COUNT`` articles are about armed incidents: the other pool
   articles that match ``VIOLENCE`` (any candidate of step 2 not taken there
   included), shuffled with a fresh ``random.Random(SEED)`` and read in that
   order; a candidate that is not about an armed incident (an arrest, a trial,
   a statement, a threat, a crime without weapons...) is listed in
   ``NOT_AN_INCIDENT``. The first ``INCIDENT_COUNT`` minus the size of group A
   others are taken.
4. *Group B, other articles* (``other``): the pool articles (any topic) that do
   not match ``SYRIA_IRAQ``, shuffled with a fresh ``random.Random(SEED)``; the
   first ``OTHER_COUNT`` that are not in group A2 are taken (shuffled first, so
   that a larger group A2 does not reorder group B).
5. *Group C, places in other Syria/Iraq articles* (``syria_iraq_places``), so
   that places are measured on more than group A's few: the candidates of
   step 2 judged not about an armed incident (``NOT_SYRIA_IRAQ_INCIDENT``) and
   not taken in group A2 (3 of them are), in the seeded order of step 2 (the
   same shuffle, not a new one). Only the first ``PLACES_READ`` of them were
   read, so the taken set is a prefix of that order; of those, a candidate that
   names no place in Syria or Iraq at all (only adjectives, or a regex match
   inside another word or a name) is listed in ``NO_SYRIA_IRAQ_PLACE``, and the
   others are taken. Their places are annotated as in the tuning set, which
   annotates places in every Syria/Iraq article, not only in incident articles;
   unlike the tuning selection, an article naming Syria or Iraq only in passing
   is kept.

Usage: ``python bench/annotations/select_heldout.py [--corpus PATH]``; it prints
one line per article: group (``syria_iraq``, ``elsewhere``, ``other`` or
``syria_iraq_places``), docno.
"""

import argparse
import gzip
import hashlib
import json
import random
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parents[1].parent / "shared" / "corpus" / "ant-v1.1.jsonl.gz"
TUNING_GOLD = HERE / "extract-gold.yaml"

MAX_WORDS = 600
SEED = 1212
INCIDENT_COUNT = 80
OTHER_COUNT = 40
# Group C: how many of its candidates (in seeded order) were read.
PLACES_READ = 75

SYRIA_IRAQ = re.compile(
    "سوريا|سورية|السوري|العراق|العراقي|دمشق|حلب|حمص|حماة|إدلب|ادلب|الرقة|دير الزور|درعا"
    "|اللاذقية|الحسكة|تدمر|بغداد|الموصل|نينوى|الأنبار|الانبار|الفلوجة|الرمادي|كركوك|تكريت"
    "|صلاح الدين|ديالى|البصرة|أربيل|اربيل|سامراء|كربلاء|النجف"
)
VIOLENCE = re.compile(
    "غارة|غارات|قصف|تفجير|انفجار|هجوم|هجمات|اشتباك|معارك|معركة|قذائف|قذيفة|صاروخ|صواريخ"
    "|انتحاري|مفخخ|برميل|براميل|عبوة|عبوات|لغم|ألغام|أعدم|إعدام|مقتل|قتلى|قتيل|قتل|اغتيال"
    "|كمين|مسلح|جرحى|ضحايا|استهدف|رصاص|داعش|إرهاب|ارهاب|كيميائي|كيماوي"
)

# Syria/Iraq candidates read and judged not to be about an armed incident in
# Syria or Iraq (or one spilling from them into a neighbouring area).
NOT_SYRIA_IRAQ_INCIDENT = frozenset({
    "JA-society-983-20170601",
    "JA-localNews-2691-20161207",
    "JA-internationalNews-1061-20160615",
    "JA-localNews-4546-20170411",
    "JA-internationalNews-643-20170405",
    "JA-localNews-3280-20170402",
    "JA-internationalNews-24-20170119",
    "JA-internationalNews-593-20170330",
    "JA-internationalNews-276-20151116",
    "JA-localNews-1925-20150822",
    "JA-localNews-1899-20170228",
    "JA-localNews-281-15042016",
    "JA-localNews-3669-20160719",
    "JA-internationalNews-724-20170414",
    "JA-internationalNews-720-20170324",
    "JA-localNews-2160-20150326",
    "JA-localNews-222-09042014",
    "JA-localNews-1148-20161124",
    "JA-politic-211-20170308",
    "JA-localNews-1092-20161114",
    "JA-politic-72-03072014",
    "JA-internationalNews-862-20140716",
    "JA-internationalNews-1259-20160706",
    "JA-internationalNews-1068-20170606",
    "JA-localNews-829-20161116",
    "JA-localNews-400-26122016",
    "JA-internationalNews-519-20151116",
    "JA-internationalNews-470-20170311",
    "JA-localNews-3667-20170503",
    "JA-politic-279-20161102",
    "JA-internationalNews-120-20170131",
    "JA-internationalNews-5-20170121",
    "JA-localNews-3789-20170505",
    "JA-localNews-549-30052014",
    "JA-localNews-4229-20150819",
    "JA-society-1078-20170620",
    "JA-internationalNews-1250-20170619",
    "JA-localNews-3140-20160227",
    "JA-politic-162-20161004",
    "JA-localNews-3668-20160704",
    "JA-localNews-4829-20170522",
    "JA-diverse-36-20170124",
    "JA-localNews-3039-20170318",
    "JA-localNews-1011-20161219",
    "JA-internationalNews-802-20170411",
    "JA-localNews-3138-20170329",
    "JA-internationalNews-1233-20151205",
    "JA-internationalNews-58-17112015",
    "JA-internationalNews-731-20170412",  # a statement; the Shayrat strike only mentioned
    "JA-internationalNews-651-20160607",  # a speech
    "JA-internationalNews-110-20170131",
    "JA-internationalNews-967-20170521",
    "JA-economy-77-20160328",
    "JA-localNews-4373-20170605",
    "JA-technology-73-20170516",
    "JA-politic-287-20170323",
    "JA-localNews-3206-20170401",
    "JA-localNews-738-20131129",
    "JA-localNews-1284-20170215",
    "JA-localNews-1969-20170301",
    "JA-internationalNews-1082-20170606",  # new photos of a child; the shelling only recalled
    "JA-localNews-682-20170103",
    "JA-internationalNews-258-20170213",
    "JA-localNews-2043-20151119",
    "JA-localNews-1852-20170227",
    "JA-society-921-20150424",
    "JA-diverse-168-20160217",
    "JA-internationalNews-1095-20170605",
    "JA-sport-1327-20170605",
    "JA-localNews-3026-20170318",
    "JA-localNews-1257-20150907",
    "JA-internationalNews-340-20161207",
    "JA-localNews-4578-20150628",
    "JA-localNews-4157-20170414",
    "JA-localNews-2605-20160301",
    "JA-localNews-841-20170206",
    "JA-internationalNews-954-20170524",
    "JA-localNews-1005-20160920",
})

# Candidates for armed incidents elsewhere read and judged not to be about an
# armed incident (arrests, trials, seizures, statements, threats, accidents,
# crimes between private persons...), up to the last one taken.
NOT_AN_INCIDENT = frozenset({
    "JA-internationalNews-74-20170127",
    "JA-localNews-3490-20160905",
    "JA-localNews-1525-20140409",
    "JA-society-501-20161016",
    "JA-internationalNews-152-20150701",
    "JA-localNews-2850-20170316",
    "JA-internationalNews-731-20170412",
    "JA-localNews-2560-20170310",
    "JA-diverse-135-20170301",
    "JA-localNews-4786-20170617",
    "JA-localNews-4755-20160720",
    "JA-internationalNews-809-20170503",
    "JA-society-804-20160103",
    "JA-localNews-2863-20161221",
    "JA-localNews-3591-20160219",
    "JA-society-99-13092014",
    "JA-localNews-3375-20170327",
    "JA-sport-1260-20170415",
    "JA-internationalNews-49-20170124",
    "JA-localNews-1929-20160627",
    "JA-localNews-279-12032016",
    "JA-internationalNews-335-20170221",
    "JA-localNews-1565-20170221",
    "JA-society-187-20150323",
    "JA-localNews-3572-20170422",
    "JA-localNews-135-20170126",
    "JA-localNews-4754-20160222",
    "JA-localNews-344-20170128",
    "JA-localNews-2935-20160122",
    "JA-localNews-337-01092016",
    "JA-localNews-829-20161116",
    "JA-localNews-1311-20160904",
    "JA-society-497-20170105",
    "JA-localNews-3463-20161106",
    "JA-diverse-131-20161104",
    "JA-politic-78-06022016",
    "JA-localNews-1558-20170221",
    "JA-localNews-3367-20150418",
    "JA-localNews-4592-20170609",
    "JA-internationalNews-192-20160707",
    "JA-internationalNews-5-20170121",
    "JA-internationalNews-311-20170217",
    "JA-localNews-2158-20170304",
    "JA-internationalNews-391-20161021",
    "JA-localNews-3187-20170321",
    "JA-localNews-501-17032016",
    "JA-localNews-2120-20170303",
    "JA-diverse-81-20161215",
    "JA-diverse-417-20160703",
    "JA-localNews-1040-20170209",
    "JA-society-921-20150424",
    "JA-society-145-20160207",
    "JA-society-33-20170122",
    "JA-internationalNews-1060-20170605",
    "JA-economy-305-20170606",
    "JA-localNews-2152-20160809",
    "JA-localNews-2871-20170116",
    "JA-internationalNews-346-20160810",
    "JA-internationalNews-57-20170126",
    "JA-localNews-1900-20160703",
    "JA-localNews-1505-20141118",
    "JA-internationalNews-87-25112016",
    "JA-localNews-1388-20160922",
    "JA-localNews-4180-20170127",
    "JA-internationalNews-870-20170504",
    "JA-internationalNews-749-20170424",
    "JA-diverse-59-22092016",
    "JA-localNews-2683-20170312",
    "JA-internationalNews-37-20170122",
    "JA-internationalNews-404-20170302",
    "JA-internationalNews-675-20170402",
    "JA-localNews-821-20151006",
    "JA-localNews-2409-20161228",
    "JA-localNews-1406-20170217",
    "JA-internationalNews-110-20170131",
    "JA-society-344-20161230",
    "JA-localNews-1247-20170214",
    "JA-localNews-4718-20170609",
    "JA-internationalNews-30-20170117",
    "JA-localNews-1284-20170215",
    "JA-internationalNews-802-20170411",
    "JA-localNews-144-20170126",
    "JA-localNews-2886-20170316",
    "JA-internationalNews-255-20170212",
    "JA-localNews-2034-20170302",
    "JA-localNews-4192-20170519",
    "JA-diverse-200-20161112",
    "JA-localNews-582-11012017",
    "JA-internationalNews-1166-20170615",
    "JA-internationalNews-258-20170213",
    "JA-localNews-1113-20160426",
    "JA-localNews-2161-20151127",
    "JA-localNews-3461-20161104",
    "JA-internationalNews-904-20170515",
    "JA-internationalNews-995-20160506",
    "JA-localNews-4324-20170523",
    "JA-society-72-21072016",
    "JA-sport-876-20170317",
    "JA-localNews-392-05012017",
    "JA-society-640-20170316",
    "JA-internationalNews-454-20160223",
    "JA-society-1005-20170605",
    "JA-politic-484-20170605",
    "JA-localNews-1318-20170216",
    "JA-diverse-220-20170326",
    "JA-internationalNews-593-20170330",
    "JA-localNews-820-20170206",
    "JA-internationalNews-838-20160515",
    "JA-society-473-20150720",
    "JA-diverse-281-20160606",
    "JA-society-618-20170314",
    "JA-internationalNews-1259-20160706",
    "JA-technology-73-20170516",
    "JA-localNews-3280-20170402",
    "JA-localNews-1969-20170301",
    "JA-localNews-4567-20170609",
    "JA-society-113-06012017",
    "JA-society-449-20170103",
    "JA-society-218-20161101",
    "JA-localNews-4240-20140901",
    "JA-localNews-1103-20170210",
    "JA-localNews-4256-20160719",
    "JA-localNews-424-20092016",
    "JA-localNews-1330-20170216",
    "JA-localNews-4549-20150813",
    "JA-internationalNews-276-20151116",
    "JA-society-468-20170228",
    "JA-localNews-2441-20160629",
    "JA-localNews-2506-20160905",
    "JA-society-840-20170429",
    "JA-politic-316-20131101",
    "JA-sport-32-20170122",
    "JA-localNews-3730-20160929",
    "JA-localNews-1519-20170113",
    "JA-localNews-400-26122016",
    "JA-localNews-4649-20170617",
    "JA-politic-156-20160810",
    "JA-internationalNews-215-20170210",
    "JA-society-299-20150605",
    "JA-internationalNews-784-20170419",
    "JA-localNews-1581-20151204",
    "JA-localNews-1269-20170215",
    "JA-localNews-1274-20170109",
    "JA-internationalNews-965-20170525",
    "JA-sport-1424-20170616",
    "JA-localNews-1088-20161026",
    "JA-localNews-277-08022016",
    "JA-localNews-2105-20160317",
    "JA-internationalNews-1088-20170606",
    "JA-localNews-1647-20160205",
    "JA-localNews-1303-20170215",
    "JA-internationalNews-816-20161121",
    "JA-localNews-3833-20170103",
    "JA-localNews-1635-20160517",
    "JA-localNews-1685-20161205",
    "JA-society-801-20170419",
    "JA-sport-392-20170216",
    "JA-localNews-3010-20160621",
    "JA-localNews-3712-20160921",
    "JA-localNews-2301-20170306",
    "JA-localNews-4057-20151116",
    "JA-internationalNews-29-20170117",
    "JA-localNews-1306-20170215",
    "JA-internationalNews-707-20170416",
    "JA-localNews-1261-20160927",
    "JA-society-573-20170311",
    "JA-localNews-4097-20170527",
    "JA-localNews-1852-20170227",
    "JA-society-841-20170428",
    "JA-localNews-906-20160910",
    "JA-localNews-327-20170129",
    "JA-internationalNews-1010-20160125",
    "JA-localNews-1542-20161221",
    "JA-politic-490-20150818",
    "JA-localNews-156-20170126",
    "JA-society-272-20160825",
    "JA-politic-495-20170609",
    "JA-localNews-2370-20170307",
    "JA-localNews-4598-20150219",
    "JA-diverse-265-20170410",
    "JA-localNews-2498-20170309",
    "JA-localNews-2630-20170311",
    "JA-localNews-1703-20150603",
    "JA-internationalNews-903-20170515",
    "JA-internationalNews-149-11012017",
    "JA-localNews-3351-20170415",
    "JA-internationalNews-142-20170201",
    "JA-internationalNews-914-20170516",
    "JA-localNews-1925-20150822",
    "JA-internationalNews-247-20160623",
    "JA-economy-238-20151229",
    "JA-internationalNews-565-20170323",
    "JA-diverse-42-20170128",
    "JA-internationalNews-582-20170401",
    "JA-localNews-502-09032016",
    "JA-localNews-104-20170124",
    "JA-diverse-72-20170205",
    "JA-internationalNews-367-20160218",
    "JA-sport-1279-20170604",
    "JA-society-447-20160911",
    "JA-economy-99-20170219",
    "JA-internationalNews-135-20170201",
    "JA-localNews-2530-20161219",
    "JA-localNews-1204-20170213",
    "JA-economy-164-20150309",
    "JA-localNews-292-16112015",
    "JA-localNews-4394-20150703",
    "92",
    "JA-localNews-1588-20160103",
    "JA-internationalNews-1163-20161105",
    "JA-localNews-549-30052014",
    "JA-localNews-1678-20151228",
    "JA-localNews-3815-20170506",
    "JA-localNews-3272-20170326",
    "JA-internationalNews-1203-20170616",
    "JA-internationalNews-100-20170129",
    "JA-internationalNews-1185-20170618",
    "JA-localNews-44-20170122",
    "JA-localNews-382-21122016",
    "JA-internationalNews-48-20170124",
    "JA-politic-287-20170323",
    "JA-localNews-763-20161231",
    "JA-localNews-3544-20170424",
    "JA-localNews-1490-20170220",
    "JA-localNews-4579-20151107",
    "JA-localNews-2163-20170224",
    "JA-localNews-2464-20170310",
    "JA-localNews-3273-20170405",
    "JA-internationalNews-34-20170122",
    "JA-localNews-3547-20170422",
    "JA-localNews-714-20161224",
    "JA-localNews-2595-20170310",
    "JA-society-741-20170401",
    "JA-localNews-1492-20170220",
    "JA-localNews-4231-20160319",
    "JA-internationalNews-756-20170423",
    "JA-politic-12-20170106",
    "JA-localNews-2789-20160129",
    "JA-localNews-1273-20170103",
    "JA-society-612-20150921",
    "JA-localNews-609-16012017",
    "JA-localNews-1105-20170211",
    "JA-localNews-2240-20170305",
    "JA-localNews-43-20170122",
    "JA-localNews-1154-20170211",
    "JA-sport-1402-20170618",
    "JA-localNews-1227-20160404",
    "JA-society-876-20170324",
    "JA-internationalNews-499-20170312",
    "JA-localNews-4228-20161127",
    "JA-localNews-4248-20150629",
    "JA-economy-194-20151115",
    "JA-localNews-4469-20150621",
    "JA-localNews-2848-20170316",
    "JA-localNews-2573-20170310",
    "JA-localNews-2136-20170114",
    "JA-politic-43-19102016",
    "JA-internationalNews-620-20170328",
    "JA-sport-322-20170114",
    "JA-politic-279-20161102",
    "JA-society-36-20170123",
    "JA-localNews-4385-20170605",
    "JA-internationalNews-1091-20170605",
    "JA-localNews-3026-20170318",
    "JA-localNews-3929-20170326",
    "JA-diverse-428-20170610",
    "JA-society-915-20170511",
    "JA-society-488-20161207",
    "JA-localNews-971-20170117",
    "JA-society-843-20170429",
    "JA-society-426-20160428",
    "JA-society-240-20170210",
})

# Group C candidates, among the first PLACES_READ, that name no place in Syria
# or Iraq at all: SYRIA_IRAQ matched only an adjective or inside another word.
NO_SYRIA_IRAQ_PLACE = frozenset({
    "JA-internationalNews-720-20170324",  # 22 سوريا is 'Syrians' (a boat off Turkey)
    "JA-internationalNews-1259-20160706",  # only مناطق المعارضة السورية (an adjective)
    "JA-internationalNews-519-20151116",  # only adjectives (سوري، جواز السفر السوري)
    "JA-diverse-36-20170124",  # the regex matched تدمر, 'destroys'
    "JA-localNews-3039-20170318",  # the regex matched the name صلاح الدين
    "JA-technology-73-20170516",  # only السيف الدمشقي (an adjective)
    "JA-internationalNews-1082-20170606",  # only adjectives (الطفل السوري، الحرب السورية)
    "JA-diverse-168-20160217",  # the regex matched the name البغدادي
    "JA-localNews-3026-20170318",  # the regex matched the name صلاح الدين
    "JA-localNews-4157-20170414",  # the regex matched العراقيل, 'obstacles'
})


def in_pool(docno):
    """Tell whether a docno belongs to the held-out half of the corpus (its SHA-1 is odd)."""
    return int(hashlib.sha1(docno.encode("utf-8")).hexdigest(), 16) % 2 == 1


def tuning_docnos(path=TUNING_GOLD):
    """Return the docnos of the tuning set (extract-gold.yaml), which the pool excludes."""
    with open(path, encoding="utf-8") as stream:
        gold = yaml.load(stream, Loader=yaml.BaseLoader)
    return {article["docno"] for article in gold["articles"]}


def word_count(record):
    """Count whitespace-separated words in title, abstract and text."""
    parts = (record.get("title"), record.get("abstract"), record.get("text"))
    return sum(len((p or "").split()) for p in parts)


def load_pool(path, excluded):
    """Return the pool records (held-out half, usable, not excluded), sorted by docno."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        records = [json.loads(line) for line in stream]
    pool = [
        r for r in records
        if in_pool(r["docno"]) and r["docno"] not in excluded
        and (r.get("title") or "").strip() and (r.get("text") or "").strip()
        and word_count(r) <= MAX_WORDS
    ]
    return sorted(pool, key=lambda r: r["docno"])


def full_text(record):
    """Title, abstract and text of a record, one per line."""
    return "\n".join(record.get(key) or "" for key in ("title", "abstract", "text"))


def syria_iraq_candidates(pool):
    """Return the candidates for group A in reading order (seeded shuffle)."""
    candidates = [
        r for r in pool if SYRIA_IRAQ.search(full_text(r)) and VIOLENCE.search(full_text(r))
    ]
    random.Random(SEED).shuffle(candidates)
    return candidates


def elsewhere_candidates(pool, syria_iraq):
    """Return the candidates for group A2 (not in group A) in reading order (seeded shuffle)."""
    taken = {r["docno"] for r in syria_iraq}
    candidates = [r for r in pool if VIOLENCE.search(full_text(r)) and r["docno"] not in taken]
    random.Random(SEED).shuffle(candidates)
    return candidates


def places_candidates(pool, elsewhere):
    """Return the candidates for group C in reading order: step 2's skipped, not in group A2."""
    taken = {r["docno"] for r in elsewhere}
    return [
        r for r in syria_iraq_candidates(pool)
        if r["docno"] in NOT_SYRIA_IRAQ_INCIDENT and r["docno"] not in taken
    ]


def select(pool):
    """Return the (syria_iraq, elsewhere, others, syria_iraq_places) lists of selected records."""
    syria_iraq = [
        r for r in syria_iraq_candidates(pool) if r["docno"] not in NOT_SYRIA_IRAQ_INCIDENT
    ]
    elsewhere = [
        r for r in elsewhere_candidates(pool, syria_iraq) if r["docno"] not in NOT_AN_INCIDENT
    ][:max(0, INCIDENT_COUNT - len(syria_iraq))]
    # Shuffled before group A2 is left out, so that taking more A2 articles does not reorder B.
    others = [r for r in pool if not SYRIA_IRAQ.search(full_text(r))]
    random.Random(SEED).shuffle(others)
    taken = {r["docno"] for r in elsewhere}
    others = [r for r in others if r["docno"] not in taken][:OTHER_COUNT]
    places = [
        r for r in places_candidates(pool, elsewhere)[:PLACES_READ]
        if r["docno"] not in NO_SYRIA_IRAQ_PLACE
    ]
    return syria_iraq, elsewhere, others, places


def print_selection(description: str, names: tuple[str, ...], select_groups) -> None:
    """The command line of a selection script: print "group docno" lines of
    ``select_groups(corpus path)``, one list of records per name of ``names``."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (the shared corpus lives in ../shared/corpus)")
    for group, records in zip(names, select_groups(args.corpus)):
        for record in records:
            print(group, record["docno"])


def main():
    print_selection(__doc__.splitlines()[0], ("syria_iraq", "elsewhere", "other", "syria_iraq_places"),
                    lambda corpus: select(load_pool(corpus, tuning_docnos())))


if __name__ == "__main__":
    main()
