"""Print the docnos of the any-weapon-noun tuning group of extract-gold.yaml (issue 12).

The weapon-count group (select_weapons.py) was selected by ``COUNTED_WEAPON``: a number
before a weapon noun within five words, or a dual. Counts stated any other way (after the
noun, far from it, in the title with the noun elsewhere, a weapon the regex lacks...) never
reached the tuner, while the held-out weapons set was selected by *any* weapon noun. This
group closes that gap, from the *tuning* half of the corpus only:

1. *Pool*: the ANT corpus articles (``<repo>/../shared/corpus/ant-v1.1.jsonl.gz``) whose
   docno hashes even (``select.pool(docno) == TUNING``), with a title and a text, of *any*
   length, and not among the 162 articles of the earlier groups (select.py's two groups and
   select_weapons.py's), sorted by docno.
2. *Candidates*: the pool articles whose title, abstract or text, diacritics removed,
   matches ``select_heldout_weapons.WEAPON`` (the held-out weapons set's regex and its
   ``names_a_weapon``, imported): 104 articles, none of which matches ``COUNTED_WEAPON``
   (those were all taken before). (Without removing the diacritics first there are 103: the
   104th, JA-society-637-20170315, writes عبوّات with a shadda; it was read like the others.)
3. They are shuffled with ``random.Random(SEED)`` and read in that order: each screened on
   its title and lede, and read in full when it could be about an incident in which weapons
   were used, anywhere in the world. Those are taken; the others are listed with the reason
   in ``NOT_A_WEAPON_INCIDENT``. Every taken article was annotated (weapon counts and dates;
   places when it is about Syria or Iraq, listed in ``ABOUT_SYRIA_IRAQ``) before any count
   rule was changed, and without running the extractor on it. All 104 were read: 44 taken
   (9 about Syria or Iraq), 60 not (missile tests, threats, statements, arrests, weapons
   seized or found, tear gas at protests, barrels and bottles...).

   None of the 44 states a count of weapons used in the guidelines' sense (a number or a
   dual with the weapon noun): they name one weapon in the singular (لغم، عبوة ناسفة،
   سيارة مفخخة، انتحاري، غارة، صاروخا), a plural without a number (عبوات ناسفة، غارات
   مكثفة), or count attacks and explosions (التفجيرين، الإنفجارين), which are no weapon
   counts. The group measures false counts on incidents, not recall.

Usage: ``python bench/annotations/select_weapons_any.py [--corpus PATH]``; it prints one
line per article: group (``weapons_any``), docno.
"""

import gzip
import importlib.util
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from select_heldout import print_selection  # noqa: E402  (a sibling script, not a package)
from select_heldout_weapons import names_a_weapon  # noqa: E402


def _load(name):
    """Import a sibling script by path (select.py would otherwise shadow the stdlib module)."""
    spec = importlib.util.spec_from_file_location(f"annotation_{Path(name).stem}", HERE / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


selection = _load("select.py")
counted = _load("select_weapons.py")

SEED = 12123

# Candidates screened or read and not taken, with the reason.
NOT_A_WEAPON_INCIDENT = {
    "JA-internationalNews-549-20160620": "a plot foiled; bombs seized",
    "JA-localNews-3709-20161219": "a condolence; drones only named",
    "JA-internationalNews-767-20170417": "a threat to North Korea",
    "JA-internationalNews-1050-20170531": "fish; the regex matched الغامضة",
    "JA-internationalNews-240-20151024": "a tear-gas canister thrown in a parliament",
    "JA-localNews-3377-20161217": "a report on the Zouari assassination's background; drones only his trade",
    "JA-localNews-581-11012017": "clashes with protesters; tear gas",
    "JA-localNews-2815-20151203": "a counterfeit tobacco workshop; barrels",
    "JA-localNews-3988-20170516": "an interview; oil barrels",
    "JA-society-637-20170315": "a drug network; bottles (عبوات)",
    "JA-localNews-2428-20160223": "a confession; car bombs only planned",
    "JA-internationalNews-300-20151221": "a statement; the strike on Kuntar only named",
    "JA-internationalNews-372-20150913": "clashes at a mosque; stun grenades and rubber bullets (crowd control)",
    "JA-internationalNews-912-20170513": "a North Korean missile test",
    "JA-internationalNews-297-20170216": "a threat",
    "JA-localNews-739-20170204": "an arrest; bomb-making files seized",
    "JA-internationalNews-1231-20150321": "a list of fighters found after clashes; mines found, not used",
    "JA-internationalNews-164-20160611": "a drone closes an airport; no weapon used",
    "JA-localNews-4510-20170523": "clashes with protesters; tear gas",
    "JA-internationalNews-857-20170505": "an inspection of troops; a 2010 shelling only recalled",
    "JA-localNews-416-30122016": "a street named after Zouari",
    "JA-diverse-356-20170511": "a photograph of Kim Jong-un",
    "JA-internationalNews-1146-20170609": "a membership ended",
    "JA-internationalNews-84-07082016": "an execution; bomb plots only in the charges",
    "JA-localNews-583-15012017": "clashes with protesters; tear gas",
    "JA-society-994-20170530": "spoilt food seized; barrels",
    "JA-internationalNews-1106-20170609": "a list of designated terrorists",
    "JA-internationalNews-822-20170428": "a statement on North Korea",
    "JA-localNews-1156-20151228": "statistics of terrorist hideouts found",
    "JA-localNews-3378-20170223": "a ceremony for Zouari",
    "JA-localNews-1774-20161227": "an old shell found and detonated by the army; not used",
    "JA-diverse-121-20170224": "tigers catch a drone",
    "JA-localNews-2157-20161004": "an appeal for a child; the Sabratha strike only recalled",
    "JA-internationalNews-1-20170121": "a statement",
    "JA-internationalNews-858-20161011": "a protest against a missile-defence deal",
    "JA-society-1035-20170613": "barrels turned into a toy train",
    "JA-localNews-512-26032016": "explosive belts found in a house; not used",
    "JA-localNews-2607-20161217": "an analysis of the Zouari assassination",
    "JA-internationalNews-20-20170119": "an arrest; a mine seized",
    "JA-localNews-3168-20160705": "a student arrested for stealing chemicals",
    "JA-localNews-2937-20160831": "weapons seized in a security operation; no use reported",
    "JA-internationalNews-1063-20160722": "arrests; attacks only planned",
    "JA-localNews-640-20170202": "a digest of headlines; incidents only named",
    "JA-politic-174-20160821": "a statement; the regex matched الغامضة",
    "JA-internationalNews-888-20170505": "an inspection of troops; a 2010 shelling only recalled",
    "JA-internationalNews-706-20170416": "a North Korean missile test",
    "JA-internationalNews-246-20170212": "a North Korean missile test",
    "JA-internationalNews-688-20170409": "a carrier group sent; no incident",
    "JA-localNews-2481-20161217": "testimonies at a truth-commission hearing",
    "JA-internationalNews-256-20170213": "a weapons cache found",
    "JA-diverse-232-20170324": "a child's account of captivity",
    "JA-diverse-137-20170302": "space tourism; a launch rocket",
    "JA-internationalNews-410-20170303": "a satellite launch",
    "JA-localNews-1684-20161124": "a defence budget",
    "JA-localNews-555-10042015": "drug smuggling; arrests",
    "JA-localNews-4632-20160709": "food seized; toy guns",
    "JA-localNews-2154-20161123": "a prison sentence",
    "JA-localNews-4291-20170603": "a warning about closed military zones",
    "JA-society-634-20161010": "a pupil throws a tear-gas canister at school",
    "JA-localNews-2663-20160621": "a bomb found, not used; an arrest",
}

# Taken articles about Syria or Iraq (their places in Syria and Iraq are annotated).
ABOUT_SYRIA_IRAQ = frozenset({
    "JA-internationalNews-235-20160703",
    "JA-internationalNews-918-20170407",
    "JA-internationalNews-243-20170211",
    "JA-internationalNews-580-20170326",
    "JA-internationalNews-236-20160905",
    "JA-internationalNews-17-20170119",
    "JA-internationalNews-478-20160614",
    "JA-internationalNews-729-20170407",
    "JA-internationalNews-489-20170105",
})


def load_all(path):
    """Return the corpus records with a title and a text (any length), sorted by docno."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        records = [json.loads(line) for line in stream]
    kept = [r for r in records
            if (r.get("title") or "").strip() and (r.get("text") or "").strip()]
    return sorted(kept, key=lambda r: r["docno"])


def earlier_docnos(records):
    """Return the docnos of the 162 articles of the earlier tuning groups."""
    usable = [r for r in records if selection.word_count(r) <= selection.MAX_WORDS]
    syria_iraq, others = selection.select(usable)
    return {r["docno"] for r in syria_iraq + others + counted.select(usable)}


def candidates(records):
    """Return the candidates in reading order (seeded shuffle)."""
    taken = earlier_docnos(records)
    found = [r for r in records
             if selection.pool(r["docno"]) == selection.TUNING and r["docno"] not in taken
             and names_a_weapon(r)]
    random.Random(SEED).shuffle(found)
    return found


def select(records):
    """Return the taken records, in reading order."""
    return [r for r in candidates(records) if r["docno"] not in NOT_A_WEAPON_INCIDENT]


def main():
    print_selection(__doc__.splitlines()[0], ("weapons_any",),
                    lambda corpus: (select(load_all(corpus)),))


if __name__ == "__main__":
    main()
