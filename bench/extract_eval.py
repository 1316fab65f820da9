"""Precision, recall and F1 of extraction against hand annotations (dates; places; weapon counts).

Gold: ``bench/annotations/extract-gold.yaml`` (110 corpus articles, see its header). Each
article's title, abstract and text are read from the shared corpus, and the extractor's date
cues and place mentions are compared with the gold, per article, one to one:

Dates. An extracted cue (``dates.find_dates``, unresolved cues left out) matches a gold date
of the same *class* when the values agree: ``day`` (and ``on_or_before``) on the same day;
``month`` on the same year and month; ``year`` on the same year; ``week`` and ``range`` (both
spans) when the two spans overlap. Precision counts every resolved cue; a cue the gold leaves
out on purpose (a duration, a year inside a name) counts as a false positive.

Places. Each gold place is turned into candidate gazetteer ids through the gazetteer's names:
its phrase, with clitics and a head noun (مدينة، محافظة، ريف ...) removed, against every
Arabic name and variant (normalized), and its ``name_en`` against every ``name_en``
(letters and digits only, each parenthesized alternative too). An extracted place (every
distinct id ``places.find_places`` finds, in any use) matches a gold place whose candidates
hold it; so a town read where the gold has the governorate of the same name still matches.
An unresolved place (no id: a place word and a name the gazetteer lacks) matches a gold place
whose phrase, normalized, with or without its clitic and head noun, is its phrase or its name.
Gold places are annotated only in the 60 articles about Syria or Iraq: places extracted from
the 50 others are reported apart, as false positives. Gazetteer coverage is the share of gold
places with at least one candidate id (the gazetteer holds the place, found or not).

Weapon counts. Every weapon mention ``weapons.find_weapons`` reads with a count (vague ones,
count null, left out), once per (weapon type, count) in an article, matches a gold count of
the same article with the same integer, one to one. A gold count listed again in its article (same
count and weapon label) is matched once (``--gold-repeats once``, the default: the tuning
guideline annotates a repeated count once, the held-out files' guideline lists it again, and the
extractor reports each count once); ``--gold-repeats each`` matches every listing. Articles with a ``weapons`` key are the
ones annotated for counts (in the tuning set, the 60 Syria/Iraq articles); counts extracted
from the others are reported apart.

``--gold`` picks the gold file: the tuning set (default) or a held-out set in the same
format (``bench/annotations/check.py --heldout`` validates it). Given several times
(``--gold A --gold B``), the files are read as one set: an article in several files is one
article, each field (``dates``, ``places``, ``weapons``...) taken from the last file that
annotates it, so a file annotating only weapon counts adds them to another's articles. Each
field is measured only on the articles that annotate it (an article without a ``dates`` key
is left out of the dates; without ``places``, out of the places).

    .venv/bin/python bench/extract_eval.py [--gold PATH ...] [--out bench/results/extract_eval.md]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from corpus import CORPUS  # noqa: E402  (bench/corpus.py: where the shared corpus lives)

from sitegen.extract.normtext import normalize  # noqa: E402
from sitegen.extract.dates import find_dates  # noqa: E402
from sitegen.extract.inputs import parse_time  # noqa: E402
from sitegen.extract.places import find_places  # noqa: E402
from sitegen.extract.scan import Scanner  # noqa: E402
from sitegen.extract.vocabulary import load  # noqa: E402
from sitegen.extract.weapons import find_weapons  # noqa: E402

HEAD_NOUNS = {"مدينه", "بلده", "قريه", "محافظه", "محافظتي", "ريف", "قاعده", "مطار", "مخيم", "سوق", "منطقه",
              "ناحيه", "قضاء", "حي", "ساحه", "العاصمه", "جبل", "سد", "مدينتي"}


def date_class(precision: str) -> str:
    return {"on_or_before": "day", "range": "span", "week": "span"}.get(precision, precision)


def dates_match(gold: dict, cue) -> bool:
    if date_class(gold["precision"]) != date_class(cue.precision):
        return False
    g_start = gold["date"]
    kind = date_class(gold["precision"])
    if kind == "day":
        return cue.date == g_start
    if kind == "month":
        return (cue.date.year, cue.date.month) == (g_start.year, g_start.month)
    if kind == "year":
        return cue.date.year == g_start.year
    g_end = gold.get("date_end") or g_start
    return cue.date <= g_end and g_start <= (cue.date_end or cue.date)


def english_keys(name: str | None) -> set[str]:
    if not name:
        return set()
    parts = re.split(r"[(),]", name)
    keys = {re.sub(r"[^a-z0-9]", "", part.lower()) for part in parts}
    return {k for k in keys if len(k) > 2}


class PlaceIndex:
    def __init__(self, scanner: Scanner):
        self.arabic = scanner.forms
        self.english: dict[str, set[str]] = {}
        for place in scanner.lexicons.vocabulary.places.values():
            for key in english_keys(place.name_en):
                self.english.setdefault(key, set()).add(place.id)

    @staticmethod
    def forms(gold: dict) -> set[str]:
        """The gold phrase, normalized, with and without a clitic and a head noun."""
        words = normalize(re.sub(r"[\"'“”«»]", "", gold["text"])).split()
        forms = {" ".join(words)}
        if words and words[0][:1] in "وبل" and len(words[0]) > 3:
            forms.add(" ".join([words[0][1:], *words[1:]]))
        for form in list(forms):
            first, *rest = form.split()
            if first in HEAD_NOUNS and rest:
                forms.add(" ".join(rest))
        return forms

    def candidates(self, gold: dict) -> set[str]:
        forms = self.forms(gold)
        ids = set()
        for form in forms:
            ids.update(self.arabic.get(form, ()))
        for key in english_keys(gold.get("name_en")):
            ids.update(self.english.get(key, ()))
        return ids


def read_corpus(docnos: set[str]) -> dict[str, dict]:
    records = {}
    with gzip.open(CORPUS, "rt", encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            if record["docno"] in docnos:
                records[record["docno"]] = record
    return records


def read_gold(paths: list[Path]) -> list[dict]:
    """The articles of one or more gold files, one entry per docno, later files' fields last."""
    merged: dict[str, dict] = {}
    for path in paths:
        try:
            articles = yaml.safe_load(path.read_text(encoding="utf-8"))["articles"]
        except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
            sys.exit(f"{path}: not a gold file with an 'articles' list ({error})")
        for article in articles:
            merged.setdefault(article["docno"], {}).update(article)
    return list(merged.values())


def gold_counts(listed: list[dict], repeats: str, tally: Counter) -> list[dict]:
    """An article's gold weapon counts, as matched. The tuning set annotates a count repeated in
    an article once (its guideline) and the extractor reports each (weapon, count) once; the
    held-out files' guideline lists "the same weapons stated again in other words" again. With
    ``repeats == "once"`` (the default), a gold count whose (count, weapon label) an earlier one
    of the article already has is set aside (tallied in ``collapsed``), so every file is scored
    by the same rule; ``"each"`` matches every listing."""
    if repeats == "each":
        return listed
    kept, seen = [], set()
    for g in listed:
        key = (g["count"], str(g.get("weapon", "")).strip().lower())
        if key in seen:
            tally["collapsed"] += 1
            continue
        seen.add(key)
        kept.append(g)
    return kept


def results_path(gold: Path) -> Path:
    """Where the results of one gold file go, so that a held-out run never overwrites the tuning
    set's: extract-gold.yaml → extract_eval.md, extract-heldout-weapons.yaml → extract_eval_heldout_weapons.md."""
    name = gold.stem.removeprefix("extract-")
    suffix = "" if name == "gold" else "_" + name.replace("-", "_")
    return REPO / "bench" / "results" / f"extract_eval{suffix}.md"


def main() -> None:
    parser = argparse.ArgumentParser(description="Evaluate extraction against gold annotations.")
    parser.add_argument("--gold", type=Path, action="append",
                        help="a gold file (default: bench/annotations/extract-gold.yaml); repeat to combine")
    parser.add_argument("--out", type=Path,
                        help="the results file (default: bench/results/extract_eval.md for the tuning set, "
                             "extract_eval_<name>.md for one other gold file; required for several)")
    parser.add_argument("--gold-repeats", choices=("once", "each"), default="once",
                        help="a weapon count an article's gold lists again (same count and weapon): "
                             "matched once, as the tuning guideline annotates it (default), or each time")
    args = parser.parse_args()
    args.gold = args.gold or [REPO / "bench" / "annotations" / "extract-gold.yaml"]
    if args.out is None:
        if len(args.gold) > 1:
            parser.error("several --gold files: say where their results go with --out "
                         "(each file's own results keep their own names)")
        args.out = results_path(args.gold[0])
    if not CORPUS.exists():
        sys.exit(f"the shared corpus is absent: {CORPUS}")
    gold = read_gold(args.gold)
    records = read_corpus({a["docno"] for a in gold})
    lexicons, problems = load(REPO / "content")
    if problems:
        sys.exit("\n".join(map(str, problems)))
    scanner = Scanner(lexicons)
    index = PlaceIndex(scanner)

    d = Counter()
    by_class = Counter()
    p = Counter()
    w = Counter()
    coverage = Counter()
    misses: list[str] = []
    for article in gold:
        record = records[article["docno"]]
        published = parse_time(record["time"])
        texts = [record.get("title") or "", record.get("abstract") or "", record.get("text") or ""]
        cues, seen = [], set()
        for cue in (c for t in texts for c in find_dates(t, published) if c.date is not None):
            key = (" ".join(normalize(cue.text).split()), cue.date)
            if key not in seen:  # the gold lists a mention once (a title repeated in the text)
                seen.add(key)
                cues.append(cue)
        unmatched = list(cues) if "dates" in article else []  # not annotated for dates: left out
        for g in article.get("dates") or []:
            hit = next((c for c in unmatched if dates_match(g, c)), None)
            by_class[(date_class(g["precision"]), hit is not None)] += 1
            if hit is None:
                d["fn"] += 1
                misses.append(f"date missed {article['docno']}: {g['text']} ({g['precision']} {g['date']})")
            else:
                d["tp"] += 1
                unmatched.remove(hit)
        d["fp"] += len(unmatched)
        misses += [f"date extra  {article['docno']}: {c.text} ({c.precision} {c.date})" for c in unmatched]

        found, counts = set(), {}
        for t in texts:
            scan = scanner.scan(t)
            for m in find_places(scan, scanner):
                if m.place is not None:
                    found.add(m.place)
                else:  # unresolved: compared by its phrase and name
                    found.add(("unresolved", " ".join(normalize(re.sub(r"[\"'“”«»]", "", m.text)).split()), m.name))
            for m in find_weapons(scan):
                if m.count is not None:
                    counts.setdefault((m.type, m.count), m)
        if "weapons" not in article:  # not annotated for weapon counts
            w["fp_other"] += len(counts)
            misses += [f"weapon count extra (article not annotated for them) {article['docno']}: {m.count_text}"
                       for m in counts.values()]
        else:
            extracted = list(counts.values())
            for g in gold_counts(article["weapons"] or [], args.gold_repeats, w):
                hit = next((m for m in extracted if m.count == g["count"]), None)
                if hit is None:
                    w["fn"] += 1
                    misses.append(f"weapon count missed {article['docno']}: {g['text']} ({g['count']} {g['weapon']})")
                else:
                    w["tp"] += 1
                    extracted.remove(hit)
            w["fp"] += len(extracted)
            misses += [f"weapon count extra {article['docno']}: {m.count_text} ({m.count} {m.type})" for m in extracted]
        if "places" not in article:
            continue  # not annotated for places: left out
        if not article.get("about_syria_iraq"):
            p["fp_other"] += len(found)
            misses += [f"place extra (not Syria/Iraq article) {article['docno']}: {pid}" for pid in sorted(found, key=str)]
            continue
        remaining = set(found)
        for g in article.get("places") or []:
            held = bool(index.candidates(g))  # the gazetteer holds it (by an Arabic or English name)
            coverage[held] += 1
            if not held:
                misses.append(f"not in the gazetteer {article['docno']}: {g['text']} ({g['name_en']})")
            forms = index.forms(g)
            hit = next((u for u in sorted(x for x in remaining if isinstance(x, tuple))
                        if u[1] in forms or u[2] in forms), None)
            if hit is None:
                hit = next(iter(sorted(remaining & index.candidates(g), key=str)), None)
            if hit is None:
                p["fn"] += 1
                misses.append(f"place missed {article['docno']}: {g['text']} ({g['name_en']})")
            else:
                p["tp"] += 1
                remaining.discard(hit)
        p["fp"] += len(remaining)
        misses += [f"place extra {article['docno']}: {pid if isinstance(pid, str) else 'unresolved ' + pid[1]}"
                   for pid in sorted(remaining, key=str)]

    def row(label: str, c: Counter) -> str:
        precision = c["tp"] / max(1, c["tp"] + c["fp"])
        recall = c["tp"] / max(1, c["tp"] + c["fn"])
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return (f"| {label} | {c['tp'] + c['fn']} | {c['tp'] + c['fp']} | {c['tp']} | "
                f"{precision:.3f} | {recall:.3f} | {f1:.3f} |")

    about = sum(1 for a in gold if a.get("about_syria_iraq") and "places" in a)
    placed = sum(1 for a in gold if "places" in a)
    dated = sum(1 for a in gold if "dates" in a)
    lines = [
        "# Extraction evaluation: dates, places and weapon counts",
        "",
        f"Generated by `bench/extract_eval.py` on {dt.date.today().isoformat()} against "
        + " and ".join(f"`{g.relative_to(REPO) if g.is_relative_to(REPO) else g}`" for g in args.gold) + " "
        f"({len(gold)} articles; matching rules in the script's docstring).",
        "",
        "| field | gold | extracted | matched | precision | recall | F1 |",
        "|---|---|---|---|---|---|---|",
        row(f"dates ({dated} articles annotated for them)", d),
        row(f"places ({about} Syria/Iraq articles)", p),
        row(f"weapon counts ({sum(1 for a in gold if 'weapons' in a)} articles annotated for them)", w),
        "",
        f"From the {placed - about} articles not about Syria or Iraq (all false): "
        f"{p['fp_other']} places; from articles not annotated for weapon counts: {w['fp_other']} counts.",
        "",
        f"Gold weapon counts listed again in their article (same count and weapon), matched "
        + (f"once: {w['collapsed']} set aside (`--gold-repeats once`)." if args.gold_repeats == "once"
           else "each time (`--gold-repeats each`)."),
        "",
        f"Gazetteer coverage: {coverage[True]} of {coverage[True] + coverage[False]} gold places "
        f"({coverage[True] / max(1, coverage[True] + coverage[False]):.1%}) have a gazetteer entry "
        f"({len(scanner.lexicons.vocabulary.places)} places).",
        "",
        "Date recall by gold class: " + ", ".join(
            f"{cls} {by_class[(cls, True)]}/{by_class[(cls, True)] + by_class[(cls, False)]}"
            for cls in ("day", "span", "month", "year")
        ) + ".",
        "",
        "## Every miss and extra",
        "",
        *[f"- {m}" for m in misses],
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines[:18]))


if __name__ == "__main__":
    main()
