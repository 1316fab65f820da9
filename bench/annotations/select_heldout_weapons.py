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
   ``INCIDENT_COUNT`` minus the size of group weapons: the first
   ``NO_WEAPON_NOUN_READ`` candidates were read, the last of them being the
   25th taken, so the group is taken from that prefix of the reading order.
   The candidates were screened on their title and lede, and read in full when
   they could be about an incident (every one taken was read in full). These articles name no
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

import random
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from select_heldout import (  # noqa: E402  (a sibling script, not a package)
    VIOLENCE, full_text, load_pool, print_selection, tuning_docnos,
)

FIRST_HELDOUT = HERE / "extract-heldout.yaml"
SEED = 2026
INCIDENT_COUNT = 60
# Group no_weapon_noun: how many of its candidates (in seeded order) were read.
NO_WEAPON_NOUN_READ = 260

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
    "JA-society-428-20160916": "murder and robbery by private persons; arrests",
    "JA-internationalNews-1193-20170614": "a fire",
    "JA-localNews-4678-20170617": "a trial",
    "JA-diverse-247-20170417": "a visa form mistake",
    "JA-localNews-508-23112016": "robberies; an arrest",
    "JA-localNews-3075-20161028": "men with sticks try to storm a school; no armed incident",
    "JA-politic-67-20170129": "a statement",
    "JA-localNews-2560-20170310": "a statement",
    "JA-localNews-1306-20170215": "an arrest",
    "JA-localNews-1694-20170223": "a fire rescue",
    "JA-politic-78-06022016": "a statement; an assassination recalled",
    "JA-internationalNews-101-20170129": "a statement",
    "JA-internationalNews-484-20161203": "bodies of a gang crime found",
    "JA-localNews-163-20170127": "a smuggling sweep; seizures",
    "JA-internationalNews-677-20161129": "a plane crash",
    "JA-localNews-869-20170207": "a statement",
    "JA-internationalNews-219-20160917": "an arrest; attacks only planned",
    "JA-internationalNews-693-20160608": "a statement",
    "JA-localNews-1847-20160621": "a murder case in court",
    "JA-localNews-4121-20151026": "a statement",
    "JA-localNews-2423-20170308": "a digest of headlines",
    "JA-localNews-1589-20170112": "an arrest",
    "JA-localNews-3304-20170405": "a statement",
    "JA-localNews-4598-20150219": "a statement",
    "JA-localNews-1487-20150508": "an arrest",
    "JA-localNews-3824-20170506": "industrial pollution",
    "JA-internationalNews-1088-20170606": "banking",
    "JA-internationalNews-283-20161214": "a state of emergency voted",
    "JA-localNews-2464-20170310": "statistics of cases",
    "JA-society-887-20170515": "an arrest",
    "JA-internationalNews-152-20150701": "a law",
    "JA-politic-108-20160713": "a death threat",
    "JA-localNews-1635-20160517": "weapons seized",
    "JA-localNews-4059-20170502": "a statement",
    "JA-localNews-358-22102016": "an arrest",
    "JA-internationalNews-1037-20170601": "a death sentence for a rape",
    "JA-localNews-1388-20160922": "a fraud",
    "JA-localNews-3119-20150327": "a protest by police officers",
    "JA-internationalNews-904-20170515": "a cyber attack",
    "JA-localNews-1272-20170103": "a statement",
    "JA-localNews-2755-20170314": "a statement",
    "JA-localNews-3605-20170421": "arrests",
    "JA-internationalNews-311-20170217": "a statement",
    "JA-localNews-2672-20170312": "an expulsion",
    "JA-localNews-4560-20170609": "a digest of headlines",
    "JA-localNews-513-27032016": "ammunition found",
    "JA-diverse-195-20150720": "a serial murderer arrested",
    "JA-localNews-280-12032016": "an arrest",
    "JA-localNews-1463-20160607": "a condemnation; the bombing's day not reported",
    "JA-society-111-20170201": "a road accident",
    "JA-localNews-3915-20170503": "a death sentence for a murder",
    "JA-society-501-20161016": "a fight at a wedding (private persons)",
    "JA-localNews-2641-20170311": "an accident",
    "JA-localNews-1243-20161226": "a statement",
    "JA-internationalNews-490-20170311": "deaths at protests",
    "JA-localNews-4231-20160319": "an arrest",
    "JA-localNews-305-05012016": "an armed robbery by private persons; arrests",
    "JA-localNews-450-08062016": "a party's request",
    "JA-diverse-243-20170403": "a health study",
    "JA-internationalNews-720-20170324": "a shipwreck",
    "JA-society-372-20170221": "a burial denied",
    "JA-localNews-2272-20170306": "arrests",
    "JA-diverse-230-20170324": "a photographer's statement; the London attack recalled",
    "JA-localNews-4722-20170513": "a trial",
    "JA-internationalNews-829-20170501": "a travel warning",
    "JA-localNews-135-20170126": "a medical error",
    "JA-localNews-4687-20170402": "a statement; an assassination recalled",
    "JA-localNews-1052-20170209": "a memorial plaque",
    "JA-localNews-2063-20161223": "a statement",
    "JA-politic-202-20170306": "a party congress",
    "JA-localNews-1271-20170102": "a statement",
    "JA-diverse-200-20161112": "a Facebook bug",
    "JA-localNews-1200-20170213": "a cell dismantled; arrests",
    "JA-internationalNews-959-20170520": "an arms deal",
    "JA-localNews-2506-20160905": "school costs",
    "JA-localNews-3146-20170329": "a commemoration",
    "JA-localNews-4592-20170609": "a statement",
    "JA-localNews-3110-20150717": "security sweeps; arrests",
    "JA-localNews-3490-20160905": "arrests",
    "JA-localNews-26-20170120": "a parliamentary motion",
    "JA-internationalNews-796-20170503": "a debate",
    "JA-diverse-9-20170118": "a health study",
    "JA-society-806-20160118": "a murder by a private person; an arrest",
    "JA-economy-1-20170121": "tourism",
    "JA-internationalNews-1101-20170605": "diplomatic relations cut",
    "JA-internationalNews-1045-20150508": "a helicopter crash",
    "JA-localNews-2409-20161228": "a train accident",
    "JA-localNews-1598-20161203": "a torture case in court",
    "JA-localNews-1411-20170217": "a phone call",
    "JA-localNews-1273-20170103": "a statement",
    "JA-internationalNews-965-20170525": "websites blocked",
    "JA-localNews-3547-20170422": "a trial announced",
    "JA-localNews-213-21062016": "a statement",
    "JA-society-68-05082016": "a health caravan",
    "JA-sport-1360-20170611": "football",
    "JA-localNews-2886-20170316": "an inauguration",
    "JA-sport-1282-20170604": "football",
    "JA-internationalNews-929-20170511": "a fire on a ship",
    "JA-society-668-20161111": "a road accident",
    "JA-localNews-292-16112015": "a wanted notice",
    "JA-localNews-4349-20150825": "a protest banned",
    "JA-diverse-16-20170114": "a fight between passengers",
    "JA-localNews-1516-20161218": "a statement",
    "JA-localNews-2079-20170302": "a commemoration",
    "JA-localNews-4348-20170604": "anti-corruption measures",
    "JA-localNews-3079-20140703": "an arrest",
    "JA-society-341-20170217": "drug arrests",
    "JA-localNews-205-15112016": "a trial",
    "JA-sport-514-20170224": "football",
    "JA-internationalNews-620-20170328": "vandalism at a mosque; an arrest",
    "JA-society-459-20161125": "a theft",
    "JA-localNews-4180-20170127": "a dog bite",
    "JA-localNews-4254-20170604": "a family's appeal",
    "JA-localNews-4423-20150329": "a march against terrorism",
    "JA-localNews-3799-20170505": "arrests",
    "JA-localNews-3708-20161217": "a statement",
    "JA-localNews-648-20161229": "a denial",
    "JA-localNews-1647-20160205": "a hospital drill",
    "JA-society-449-20170103": "a death sentence",
    "JA-localNews-2587-20150728": "a union's request",
    "JA-localNews-3475-20151221": "a New Year's event",
    "JA-localNews-334-09022016": "airport measures",
    "JA-sport-840-20170315": "football",
    "JA-localNews-21-20170120": "industrial pollution",
    "JA-society-759-20170411": "a murder by private persons; arrests",
    "JA-localNews-1557-20170221": "a strike",
    "JA-internationalNews-250-20161216": "a threat",
    "JA-internationalNews-916-20170513": "a bus accident",
    "JA-localNews-1258-20160303": "a statement",
    "JA-internationalNews-839-20160705": "a helicopter crash",
    "JA-economy-277-20170520": "prices",
    "JA-internationalNews-149-11012017": "a health study",
    "JA-internationalNews-1079-20170606": "a TV office closed",
    "JA-diverse-161-20170309": "a health tip",
    "JA-society-488-20161207": "drug arrests",
    "JA-localNews-4497-20170610": "a soldier's death in barracks; an inquiry",
    "JA-localNews-279-12032016": "an arrest",
    "JA-internationalNews-393-20170228": "a plane crash",
    "JA-localNews-2440-20170308": "a statement",
    "JA-society-1005-20170605": "an arrest",
    "JA-society-33-20170122": "a rape by private persons; arrests",
    "JA-localNews-1685-20161205": "conscription of doctors",
    "JA-localNews-3815-20170506": "conscription of doctors",
    "JA-localNews-4248-20150629": "a psychologist's account after an attack",
    "JA-internationalNews-412-20170304": "hideouts destroyed; an arrest",
    "JA-localNews-473-08012017": "a statement",
    "JA-internationalNews-231-20151211": "hideouts destroyed",
    "JA-localNews-2783-20160914": "a statement",
    "JA-localNews-3796-20170504": "a statement",
    "JA-diverse-81-20161215": "a study",
    "JA-society-638-20160411": "drug arrests",
    "JA-localNews-4719-20151204": "an arson attack on a nightclub by a dismissed worker (private persons)",
    "JA-localNews-1274-20170109": "a statement",
    "JA-economy-281-20160405": "banking",
    "JA-internationalNews-347-20161213": "a smuggler sentenced",
    "JA-localNews-4385-20170605": "a denial",
    "JA-localNews-2148-20170304": "a security agreement",
    "JA-society-801-20170419": "drug arrests",
    "JA-society-272-20160825": "a murder in a fight (private persons)",
    "JA-internationalNews-29-20170117": "a terrorist listing",
    "JA-internationalNews-877-20170504": "a statement",
    "JA-localNews-2146-20150627": "an attacker's phone recovered",
    "JA-society-259-20150529": "weapons seized",
    "JA-localNews-1507-20170220": "tourism",
    "JA-localNews-4469-20150621": "a statement",
    "JA-politic-510-20170612": "a statement",
    "JA-localNews-1125-20160115": "a gun workshop found; seizures",
    "JA-internationalNews-1010-20160125": "an earthquake",
    "JA-localNews-3039-20170318": "flights rerouted",
    "JA-diverse-131-20161104": "a health study",
    "JA-internationalNews-816-20161121": "a fuel truck explosion (an accident)",
    "JA-localNews-798-20170205": "a robbery; arrests",
    "JA-technology-75-20170513": "a cyber attack",
    "JA-internationalNews-142-20170201": "a human rights report",
    "JA-internationalNews-415-20170304": "an assassination case inquiry",
    "JA-sport-876-20170317": "football",
    "JA-internationalNews-391-20161021": "a bus accident",
    "JA-localNews-824-20160228": "a statement",
    "JA-society-1011-20170605": "a murder arrest",
    "JA-localNews-1401-20170217": "scuffles at a protest",
    "JA-society-821-20161021": "a child's accidental shooting",
    "JA-localNews-4519-20170610": "arrests",
    "JA-localNews-4289-20170603": "a condemnation; the killing's day not reported",
    "JA-politic-134-20161209": "a condemnation; the bombing's day not reported",
    "JA-localNews-1247-20170214": "a digest of headlines",
    "JA-society-450-20170227": "a gang of robbers arrested",
    "JA-politic-28-20161225": "a statement",
    "JA-internationalNews-833-20170429": "a plane crash",
    "JA-localNews-1110-20170211": "arrests",
    "JA-localNews-181-19012017": "a sit-in; a killing recalled",
    "JA-localNews-4372-20170522": "a statement",
    "JA-internationalNews-950-20170525": "an arrest",
    "JA-localNews-1072-20161121": "a kidnapping for ransom by private persons",
    "JA-localNews-1714-20161115": "a trial",
    "JA-internationalNews-870-20170504": "a helicopter crash",
    "JA-localNews-1565-20170221": "a cell arrested",
    "JA-localNews-104-20170124": "a digest of headlines",
    "JA-localNews-3347-20170408": "antiquities seized",
    "JA-localNews-289-27032014": "an arrest",
    "JA-internationalNews-499-20170312": "a bus accident",
    "JA-technology-39-20170225": "a phone battery fire",
    "JA-localNews-1981-20150910": "an arrest",
    "JA-internationalNews-135-20170201": "police searches",
    "JA-internationalNews-493-20170312": "a knife attack after a café dispute, stopped by arrest (private persons)",
    "JA-localNews-403-18032016": "an arrest",
    "JA-localNews-2301-20170306": "a referral to court",
    "JA-internationalNews-331-20160825": "an earthquake",
    "JA-localNews-2538-20160930": "a road accident",
    "JA-internationalNews-87-25112016": "a train collision",
    "JA-localNews-277-08022016": "a statement; a plot",
    "JA-localNews-2562-20170310": "deportees received",
    "JA-internationalNews-23-20170119": "an avalanche",
    "JA-internationalNews-389-20170228": "a bus accident",
    "JA-sport-32-20170122": "football",
    "JA-localNews-1929-20160627": "a statement",
    "JA-diverse-428-20170610": "a health study",
    "JA-internationalNews-652-20170404": "a phone call",
    "JA-diverse-59-22092016": "a health study",
    "JA-localNews-3017-20150721": "an arrest; a plot",
    "JA-internationalNews-986-20170527": "a phone call",
    "JA-localNews-626-20140820": "a law",
    "JA-internationalNews-327-20160216": "a soldier assaults a disabled man (no weapon used)",
    "JA-localNews-3080-20170318": "a commemoration",
    "JA-internationalNews-1056-20151114": "a state of emergency",
    "JA-localNews-2441-20160629": "a cabinet meeting",
    "JA-localNews-501-17032016": "arrests",
    "JA-society-264-20141102": "a road accident",
    "JA-localNews-2935-20160122": "arrests; weapons seized",
    "JA-localNews-215-03122016": "a media report",
    "JA-diverse-42-20170128": "a fraud",
    "JA-localNews-4549-20150813": "a human rights report",
    "JA-internationalNews-1163-20161105": "hostages released; no incident reported",
    "JA-localNews-3379-20170411": "a shooting death, circumstances unknown",
    "JA-society-200-20160903": "an accidental shooting",
    "JA-internationalNews-838-20160515": "a plane crash in training",
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
    print_selection(__doc__.splitlines()[0], ("weapons", "no_weapon_noun"),
                    lambda corpus: select(load_weapons_pool(corpus)))


if __name__ == "__main__":
    main()
