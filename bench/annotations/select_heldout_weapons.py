"""Print the docnos of the held-out weapon-count articles annotated in extract-heldout-weapons.yaml.

The first held-out set (extract-heldout.yaml) holds only 11 gold weapon counts,
too few for a figure, so this second held-out set (issue 12) is drawn from the
articles that name a weapon. The selection is deterministic, so anyone can
re-derive it:

1. *Pool*: the ANT corpus articles (``<repo>/../shared/corpus/ant-v1.1.jsonl.gz``)
   whose docno hashes odd (``int(sha1(docno).hexdigest(), 16) % 2 == 1``), that
   have a title and a text and at most 600 words (title, abstract and text
   together), and that are in neither annotation file already made: not among
   the docnos of the tuning set (``extract-gold.yaml``) nor of the first
   held-out set (``extract-heldout.yaml``). This is ``select_heldout.load_pool``
   less the first held-out set, sorted by docno.
2. *Group weapons* (``weapons``): the pool articles whose title, abstract or
   text, with short vowels, shadda and tatweel removed, matches ``WEAPON``: a
   weapon noun (صاروخ/صواريخ، قذيفة/قذائف، غارة/غارات، برميل/براميل،
   عبوة/عبوات، سيارة مفخخة/ملغومة، عجلة مفخخة، انتحاري، حزام ناسف، طائرة
   مسيرة/بدون طيار، لغم/ألغام، قنبلة/قنابل، هاون) in any inflection (dual,
   plural, feminine, pronoun suffix), after any prefix of clitics (و، ف، ب، ل،
   ك، ال) and nothing else, so that مغارة (a cave), الغموض or تهاون do not
   match. They are shuffled with ``random.Random(SEED)`` and read in that
   order, each in full (a first version of the regex missed the plurals
   غارات، عبوات and قنابل; the 10 candidates they add were read after the 87
   others: every candidate is read, so the order does not change the set). A
   candidate is taken when it is about an incident in which weapons were used,
   anywhere in the world; the others are listed, with the reason, in
   ``SKIPPED_WEAPON_CANDIDATES`` (no incident: a missile test, a threat, a
   plot, an arrest, a trial, weapons bought, seized or found unused, a
   metaphor, an oil or plastic barrel, tear gas at a protest, a news digest
   that only names headlines...). A candidate is not filtered on whether it
   states a weapon count: those with none measure false positives. The pool
   holds only 97 such candidates; all were read, and 35 taken.
3. *Group no_weapon_noun*, so that the set reaches ``INCIDENT_COUNT`` armed
   incidents (the pool's weapon-noun articles run out at 35): the other
   pool articles that match ``select_heldout.VIOLENCE`` (strikes, shelling,
   bombings, clashes, attacks, killings...), shuffled with a fresh
   ``random.Random(SEED)`` and read in that order; a candidate that is not
   about an armed incident (the held-out file's rule: an arrest, a trial, a
   statement, a threat, an accident, a crime between private persons...) is
   listed in ``NOT_AN_INCIDENT``, and the others are taken, up to
   ``INCIDENT_COUNT`` minus the size of group weapons. Only the first
   ``NO_WEAPON_NOUN_READ`` candidates were read (the deadline), so the group
   is taken from that prefix of the reading order. These articles name no
   weapon of the regex, so they rarely hold a count: they measure
   false-positive counts (and dates) on incidents. Report figures per group
   as well as pooled.

``ABOUT_SYRIA_IRAQ`` lists the taken articles judged to be about Syria or Iraq
(places are annotated only there, as in the other files). Every taken article is
about an armed incident. Nothing in this selection or in the annotation was
produced by, or checked against, the extractor.

Usage: ``python bench/annotations/select_heldout_weapons.py [--corpus PATH]``; it
prints one line per article: group (``weapons`` or ``no_weapon_noun``), docno.
"""

import argparse
import random
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from select_heldout import (  # noqa: E402  (a sibling script, not a package)
    DEFAULT_CORPUS, VIOLENCE, full_text, load_pool, tuning_docnos,
)

FIRST_HELDOUT = HERE / "extract-heldout.yaml"
SEED = 2026
INCIDENT_COUNT = 60
# Group no_weapon_noun: how many of its candidates (in seeded order) were read.
NO_WEAPON_NOUN_READ = 0

# Short vowels, shadda, superscript alef and tatweel are dropped before matching,
# so that "مفخّخة" matches "مفخخة".
DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
# A weapon noun after any prefix of clitics (و، ف، ب، ل، ك، ال) and nothing else;
# the stems end where inflection starts (قذيف: قذيفة، قذيفتين; عبو(ة|ت|ات): عبوة،
# عبوتين، عبوات; غار(ة|ت|ات): غارة، غارتين، غارات; قنبل: قنبلة، قنبلتين; قنابل).
WEAPON = re.compile(
    r"(?<!\w)(?:[وف]?[بلك]?(?:ال|ل)?)"
    r"(?:صاروخ|صواريخ|قذيف|قذائف|غار(?:ة|ت|ات)|برميل|براميل|عبو(?:ة|ت|ات)"
    r"|سيار\w*\s+(?:مفخخ|ملغوم)|عجل\w*\s+مفخخ|انتحاري|حزام\w*\s+ناسف|[أا]حزمة\s+ناسفة"
    r"|طائر\w*\s+(?:مسير|بدون\s+طيار|بلا\s+طيار|من\s+دون\s+طيار|دون\s+طيار)"
    r"|لغم|[أا]لغام|قنبل|قنابل|هاون)"
)

# Group weapons: candidates read and not taken, with the reason.
SKIPPED_WEAPON_CANDIDATES = {
    "JA-internationalNews-896-20161213": "a bomb threat on a plane; no weapon used",
    "JA-internationalNews-887-20170428": "a North Korean missile test, no target",
    "JA-localNews-4496-20170610": "a digest of headlines; incidents only named",
    "JA-economy-11-20170110": "oil price per barrel",
    "JA-internationalNews-373-20170226": "naval drills; a missile test recalled",
    "JA-internationalNews-1142-20170609": "arrests; weapons seized",
    "JA-localNews-1678-20151228": "terrorist hideouts found; no weapon used",
    "JA-diverse-398-20170517": "caffeine; عبوة is a can",
    "JA-internationalNews-823-20170502": "a statement on North Korea",
    "JA-internationalNews-920-20170513": "an arms deal; weapons bought",
    "JA-localNews-4754-20160222": "600 old shells found in a shop; unused",
    "JA-internationalNews-247-20160623": "a North Korean missile test, no target",
    "JA-society-1044-20170616": "spoilt food seized; storage barrels",
    "JA-internationalNews-766-20170423": "a North Korean threat",
    "JA-localNews-3375-20170327": "a condolence; the Hammam Chott raid only named",
    "JA-localNews-2979-20170317": "a statement; قنبلة موقوتة is a metaphor",
    "JA-technology-73-20170516": "a phone; rocket science named",
    "JA-localNews-4684-20170616": "a digest of headlines; incidents only named",
    "JA-localNews-906-20160910": "suicide statistics; the regex matched الانتحارية",
    "JA-internationalNews-57-20170126": "a contract for a mine-detecting drone",
    "JA-localNews-2366-20170307": "a lake; the regex matched الغامضة",
    "JA-sport-1402-20170618": "football; صاروخ ماديرا is a nickname",
    "JA-localNews-2541-20161025": "schoolchildren; the regex matched الغامرة",
    "JA-internationalNews-381-20170227": "a bomb found in London; not used",
    "JA-internationalNews-764-20170423": "a North Korean threat",
    "JA-internationalNews-67-20170128": "bodies found, weapons seized; no incident reported",
    "JA-internationalNews-314-20170218": "arms purchases; weapons bought",
    "JA-sport-1306-20170602": "football; drone attacks only feared",
    "JA-internationalNews-230-20151210": "a hydrogen bomb claim",
    "JA-localNews-298-24022016": "a trial; the 2013 bombing only recalled",
    "JA-internationalNews-590-20170331": "a fire under a bridge; barrels",
    "JA-internationalNews-609-20170329": "an arrest; an attack only planned",
    "JA-internationalNews-251-20170212": "a wall around the Eiffel Tower; attacks only recalled",
    "JA-economy-305-20170606": "oil price per barrel",
    "JA-internationalNews-53-20170125": "police searches; the Brussels bombings only recalled",
    "JA-internationalNews-335-20170221": "arms sales; weapons bought",
    "JA-internationalNews-895-20160921": "schools evacuated after a threat; no weapon used",
    "JA-localNews-1902-20160729": "an inquiry into a cell; attacks only planned",
    "JA-internationalNews-179-20170206": "a long flight; عبوة is a bottle",
    "JA-internationalNews-338-20160405": "naval drills",
    "JA-society-476-20170302": "a bag snatching; the regex matched الغامض",
    "JA-sport-928-20170401": "football; صاروخ is a shot",
    "JA-diverse-348-20170513": "a carcass; the regex matched الغامضة",
    "JA-localNews-1519-20170113": "riots with stones; عبوة أكسجين is an oxygen bottle",
    "JA-internationalNews-1236-20170530": "an arrest; an attack only planned",
    "JA-diverse-295-20160911": "a NASA launch rocket",
    "JA-internationalNews-454-20160223": "drones allowed to fly; the Sabratha strike only recalled",
    "JA-localNews-2651-20170312": "a digest of headlines; incidents only named",
    "JA-internationalNews-913-20170509": "an arrest in North Korea",
    "JA-internationalNews-449-20170308": "chemicals seized in plastic barrels",
    "JA-internationalNews-136-20170201": "arrests for arms smuggling",
    "JA-sport-1279-20170604": "a crowd panic at fireworks; no weapon used",
    "JA-internationalNews-707-20170416": "a military parade",
    "JA-localNews-3181-20170330": "6 old shells found; unused",
    "JA-internationalNews-147-20170202": "20 missiles found; unused",
    # Added by the plurals غارات، عبوات، قنابل (read last, see the docstring).
    "JA-localNews-2147-20161101": "a phone battery fire; oxygen bottles",
    "JA-localNews-2221-20140411": "clashes with stone-throwing protesters; tear-gas grenades",
    "JA-internationalNews-830-20170501": "May Day clashes; tear-gas grenades",
    "JA-internationalNews-346-20160810": "bomb threats on two planes; no weapon used",
    "JA-internationalNews-215-20170210": "arrests; an attack only planned",
    "JA-internationalNews-756-20170423": "a protest; smoke and tear-gas grenades",
    "JA-diverse-135-20170301": "lip balm containers (العبوات)",
}

# Group no_weapon_noun: candidates read and judged not about an armed incident,
# up to the last one taken.
NOT_AN_INCIDENT = {
}

# Taken articles about Syria or Iraq (places annotated there only).
ABOUT_SYRIA_IRAQ = frozenset()


def first_heldout_docnos(path=FIRST_HELDOUT):
    """Return the docnos of the first held-out set (extract-heldout.yaml), which the pool excludes."""
    with open(path, encoding="utf-8") as stream:
        gold = yaml.load(stream, Loader=yaml.BaseLoader)
    return {article["docno"] for article in gold["articles"]}


def load_weapons_pool(path):
    """Return the pool: the held-out half, usable, in neither annotation file, sorted by docno."""
    return load_pool(path, tuning_docnos() | first_heldout_docnos())


def names_a_weapon(record):
    """Tell whether title, abstract or text (diacritics removed) matches ``WEAPON``."""
    return bool(WEAPON.search(DIACRITICS.sub("", full_text(record))))


def weapon_candidates(pool):
    """Return the candidates for group weapons in reading order (seeded shuffle)."""
    candidates = [r for r in pool if names_a_weapon(r)]
    random.Random(SEED).shuffle(candidates)
    return candidates


def violence_candidates(pool):
    """Return the candidates for group no_weapon_noun in reading order (seeded shuffle)."""
    candidates = [r for r in pool if not names_a_weapon(r) and VIOLENCE.search(full_text(r))]
    random.Random(SEED).shuffle(candidates)
    return candidates


def select(pool):
    """Return the (weapons, no_weapon_noun) lists of selected records."""
    weapons = [r for r in weapon_candidates(pool) if r["docno"] not in SKIPPED_WEAPON_CANDIDATES]
    read = violence_candidates(pool)[:NO_WEAPON_NOUN_READ]
    others = [r for r in read if r["docno"] not in NOT_AN_INCIDENT]
    return weapons, others[:max(0, INCIDENT_COUNT - len(weapons))]


def groups(pool):
    """Return {docno: group flags} of the selection, as check.py compares them."""
    return {r["docno"]: {"about_syria_iraq": r["docno"] in ABOUT_SYRIA_IRAQ, "armed_incident": True}
            for chosen in select(pool) for r in chosen}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (the shared corpus lives in ../shared/corpus)")
    for group, records in zip(("weapons", "no_weapon_noun"), select(load_weapons_pool(args.corpus))):
        for record in records:
            print(group, record["docno"])


if __name__ == "__main__":
    main()
