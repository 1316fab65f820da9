"""Validate extract-gold.yaml (or extract-heldout.yaml, extract-heldout-weapons.yaml) against the corpus; exit 1 on any problem.

``--heldout`` checks the first held-out set (select_heldout.py selects it),
``--heldout-weapons`` the second, rich in weapon counts (select_heldout_weapons.py).

Checks every article entry: the docno exists in the corpus and is the set that
select.py and select_weapons.py (select_heldout.py) select, with the right group in ``about_syria_iraq``
(and, in the held-out file, ``armed_incident``; a held-out group C article, about
Syria or Iraq but not an incident, must name at least one place); ``published``
is the date of the record's ``time``; every date is a valid ISO date with an
allowed precision (``date_end`` present exactly for ``range`` and ``week``, and
not before ``date``); every place has an allowed kind and country; only the
documented keys appear; every weapon count is a positive integer with a label
(``weapons`` is required in the held-out file); and every annotated ``text``
occurs in the article (title, abstract and text) once whitespace is collapsed.
All problems are printed, then the counts of articles, dates, places and weapons.

Usage: ``python bench/annotations/check.py [--heldout | --heldout-weapons] [--gold PATH] [--corpus PATH]``
"""

import argparse
import datetime
import importlib.util
import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent


def load_selection(name="select.py"):
    """Import a selection script by path (select.py would otherwise shadow the stdlib module)."""
    spec = importlib.util.spec_from_file_location(f"annotation_{Path(name).stem}", HERE / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


selection = load_selection()


class StringDateLoader(yaml.SafeLoader):
    """A safe loader that keeps dates as strings, so a bad date is reported, not raised."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
PRECISIONS = {"day", "range", "week", "month", "year"}
WITH_END = {"range", "week"}
KINDS = {"country", "governorate", "district", "town", "village", "site", "region"}
COUNTRIES = {"SY", "IQ"}
# The held-out set also annotates the neighbouring areas incidents spill into.
HELDOUT_COUNTRIES = COUNTRIES | {"TR", "LB", "JO", "IR"}
ARTICLE_KEYS = {"docno", "published", "about_syria_iraq", "armed_incident", "dates", "places",
                "weapons", "note"}
DATE_KEYS = {"text", "date", "date_end", "precision"}
PLACE_KEYS = {"text", "name_en", "kind", "country"}
WEAPON_KEYS = {"text", "count", "weapon"}


def normalize(text):
    """Collapse every run of whitespace (including no-break spaces) to one space."""
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def publication_date(time):
    """Return the date of a corpus ``time``: ISO 8601 or DD/MM/YYYY."""
    iso = re.match(r"(\d{4})-(\d\d)-(\d\d)", time)
    if iso:
        return datetime.date(*map(int, iso.groups()))
    day, month, year = time.split("/")
    return datetime.date(int(year), int(month), int(day))


def as_date(value):
    """Return value (an ISO date string, or a date) as a date, or None if it is not one."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def check_keys_and_text(where, entry, body, keys):
    """Yield the problems every annotation can have: unknown keys, a text not in the article."""
    if set(entry) - keys:
        yield f"{where}: unknown keys {sorted(set(entry) - keys)}"
    text = entry.get("text")
    if not isinstance(text, str) or normalize(text) not in body:
        yield f"{where}: text {text!r} does not occur in the article"


def check_date(where, entry, body):
    """Yield the problems of one date annotation."""
    yield from check_keys_and_text(where, entry, body, DATE_KEYS)
    precision = entry.get("precision")
    if precision not in PRECISIONS:
        yield f"{where}: precision {precision!r} not in {sorted(PRECISIONS)}"
    start, end = entry.get("date"), entry.get("date_end")
    if start is not None and as_date(start) is None:
        yield f"{where}: date {start!r} is not an ISO date"
    if end is not None and as_date(end) is None:
        yield f"{where}: date_end {end!r} is not an ISO date"
    if start is None and end is not None:
        yield f"{where}: date_end without date"
    if start is not None and precision in PRECISIONS:
        if (precision in WITH_END) != (end is not None):
            yield f"{where}: date_end must be set exactly for {sorted(WITH_END)}"
    if as_date(start) and as_date(end) and as_date(end) < as_date(start):
        yield f"{where}: date_end before date"


def check_weapon(where, entry, body):
    """Yield the problems of one weapon-count annotation."""
    yield from check_keys_and_text(where, entry, body, WEAPON_KEYS)
    count = entry.get("count")
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        yield f"{where}: count {count!r} is not a positive integer"
    if not isinstance(entry.get("weapon"), str) or not entry["weapon"].strip():
        yield f"{where}: weapon label missing"


def check_place(where, entry, body, countries=COUNTRIES):
    """Yield the problems of one place annotation."""
    yield from check_keys_and_text(where, entry, body, PLACE_KEYS)
    if not isinstance(entry.get("name_en"), str) or not entry["name_en"].strip():
        yield f"{where}: name_en missing"
    if entry.get("kind") not in KINDS:
        yield f"{where}: kind {entry.get('kind')!r} not in {sorted(KINDS)}"
    if entry.get("country") not in countries:
        yield f"{where}: country {entry.get('country')!r} not in {sorted(countries)}"


def check_article(article, record, group, countries=COUNTRIES, weapons_required=False):
    """Yield the problems of one article entry, given its corpus record.

    ``group`` maps each group flag (``about_syria_iraq``, and ``armed_incident`` in the
    held-out set) to the value the selection gives this article.
    """
    docno = article.get("docno")
    in_syria_iraq_group = group["about_syria_iraq"]
    if set(article) - ARTICLE_KEYS:
        yield f"{docno}: unknown keys {sorted(set(article) - ARTICLE_KEYS)}"
    if as_date(article.get("published")) != publication_date(record["time"]):
        yield f"{docno}: published {article.get('published')!r} != time {record['time']!r}"
    for flag, expected in group.items():
        if article.get(flag) is not expected:
            yield f"{docno}: {flag} should be {expected}"
    if "note" in article and not isinstance(article["note"], str):
        yield f"{docno}: note must be a string"
    body = normalize("\n".join(record.get(k) or "" for k in ("title", "abstract", "text")))
    dates, places = article.get("dates"), article.get("places")
    if not isinstance(dates, list) or not isinstance(places, list):
        yield f"{docno}: dates and places must be lists"
        return
    if places and not in_syria_iraq_group:
        yield f"{docno}: places are annotated only in Syria/Iraq articles"
    if not places and in_syria_iraq_group and group.get("armed_incident") is False:
        yield (f"{docno}: a group C article must name a place in Syria or Iraq; list it in"
               " NO_SYRIA_IRAQ_PLACE (select_heldout.py) instead")
    for index, entry in enumerate(dates):
        yield from check_date(f"{docno} dates[{index}]", entry, body)
    for index, entry in enumerate(places):
        yield from check_place(f"{docno} places[{index}]", entry, body, countries)
    weapons = article.get("weapons")
    if weapons is None and not weapons_required:
        return
    if not isinstance(weapons, list):
        yield f"{docno}: weapons must be a list"
        return
    for index, entry in enumerate(weapons):
        yield from check_weapon(f"{docno} weapons[{index}]", entry, body)


def tuning_groups(records):
    """Return {docno: group flags} of the tuning selection over the records with title and text.

    select.py's two groups, then select_weapons.py's weapon-count group, whose articles are
    about Syria or Iraq when they match select.py's ``SYRIA_IRAQ``, then
    select_weapons_any.py's group (any length; about Syria or Iraq when listed in its
    ``ABOUT_SYRIA_IRAQ``).
    """
    usable = [r for r in records if selection.word_count(r) <= selection.MAX_WORDS]
    syria_iraq, others = selection.select(usable)
    weapons = load_selection("select_weapons.py").select(usable)
    any_weapon = load_selection("select_weapons_any.py")
    return ({r["docno"]: {"about_syria_iraq": True} for r in syria_iraq}
            | {r["docno"]: {"about_syria_iraq": False} for r in others}
            | {r["docno"]: {"about_syria_iraq": selection.mentions_syria_iraq(r)} for r in weapons}
            | {r["docno"]: {"about_syria_iraq": r["docno"] in any_weapon.ABOUT_SYRIA_IRAQ}
               for r in any_weapon.select(records)})


def heldout_groups(pool):
    """Return {docno: group flags} of the held-out selection (select_heldout.py) over its pool."""
    syria_iraq, elsewhere, others, places = load_selection("select_heldout.py").select(pool)
    flags = [(syria_iraq, True, True), (elsewhere, False, True), (others, False, False),
             (places, True, False)]
    return {r["docno"]: {"about_syria_iraq": about, "armed_incident": armed}
            for chosen, about, armed in flags for r in chosen}


def heldout_weapons_groups(pool):
    """Return {docno: group flags} of the weapons held-out selection (select_heldout_weapons.py)."""
    return load_selection("select_heldout_weapons.py").groups(pool)


def check(gold, records, groups=tuning_groups, countries=COUNTRIES, weapons_required=False):
    """Return (problems, counts) for the parsed gold file and the selection's corpus records."""
    by_docno = {r["docno"]: r for r in records}
    expected = groups(records)
    articles = gold.get("articles") if isinstance(gold, dict) else None
    if not isinstance(articles, list):
        return ["top level must be a mapping with an 'articles' list"], {}
    problems, seen = [], set()
    for article in articles:
        docno = article.get("docno")
        if docno in seen:
            problems.append(f"{docno}: annotated twice")
        seen.add(docno)
        if docno not in by_docno:
            problems.append(f"{docno}: not a usable corpus docno")
            continue
        if docno not in expected:
            problems.append(f"{docno}: not in the selection printed by select.py")
            continue
        problems.extend(check_article(article, by_docno[docno], expected[docno], countries,
                                      weapons_required))
    missing = sorted(set(expected) - seen)
    if missing:
        problems.append(f"{len(missing)} selected articles not annotated yet: {missing[:5]}...")
    counts = {
        "articles": len(articles),
        "syria_iraq": sum(1 for a in articles if a.get("about_syria_iraq")),
        "armed_incident": sum(1 for a in articles if a.get("armed_incident")),
        "dates": sum(len(a.get("dates") or []) for a in articles),
        "places": sum(len(a.get("places") or []) for a in articles),
        "weapons": sum(len(a.get("weapons") or []) for a in articles),
    }
    return problems, counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--heldout", action="store_true",
                       help="check the held-out set (extract-heldout.yaml, select_heldout.py)")
    which.add_argument("--heldout-weapons", action="store_true",
                       help="check the weapons held-out set (extract-heldout-weapons.yaml,"
                            " select_heldout_weapons.py)")
    parser.add_argument("--gold", type=Path,
                        help="the annotation file (default: by --heldout or --heldout-weapons)")
    parser.add_argument("--corpus", type=Path, default=selection.DEFAULT_CORPUS)
    args = parser.parse_args()
    default = ("extract-heldout.yaml" if args.heldout else
               "extract-heldout-weapons.yaml" if args.heldout_weapons else "extract-gold.yaml")
    gold_path = args.gold or HERE / default
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus}")
    if not gold_path.exists():
        sys.exit(f"annotation file not found: {gold_path}")
    with open(gold_path, encoding="utf-8") as stream:
        try:
            gold = yaml.load(stream, Loader=StringDateLoader)
        except yaml.YAMLError as error:
            sys.exit(f"{gold_path}: not valid YAML: {error}")
    if args.heldout:
        heldout = load_selection("select_heldout.py")
        pool = heldout.load_pool(args.corpus, heldout.tuning_docnos())
        problems, counts = check(gold, pool, heldout_groups, HELDOUT_COUNTRIES, weapons_required=True)
    elif args.heldout_weapons:
        weapons = load_selection("select_heldout_weapons.py")
        problems, counts = check(gold, weapons.load_weapons_pool(args.corpus), heldout_weapons_groups,
                                 HELDOUT_COUNTRIES, weapons_required=True)
    else:
        records = load_selection("select_weapons_any.py").load_all(args.corpus)
        problems, counts = check(gold, records)
    for problem in problems:
        print(problem)
    print(" ".join(f"{key}={value}" for key, value in counts.items()))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
