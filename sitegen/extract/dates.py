"""Dates in Arabic news text, resolved against the publication date.

:func:`find_dates` returns every date cue of a text with the exact phrase and its offsets in
the original text, the resolved date (or range) and its precision. The cues:

- absolute dates: ``18 جانفي 2017``, ``5 كانون الثاني/يناير``, ``الأربعاء 5 يناير 2022``,
  ``2022/01/05``, ``آب 2014`` (month precision), ``عام 2014`` (year precision), with the month
  names of every region (Egyptian/Gulf يناير…, Levantine كانون الثاني…, Maghrebi جانفي… and
  Moroccan يوليوز…) and Arabic-Indic digits (folded by normalization). A day and month without a
  year take the publication year, or the year before when that would lie in the future.
- Hijri dates (``12 رمضان 1443 هـ``), converted with the *tabular* (arithmetical) Islamic
  calendar: 30-year cycle with leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 and the civil
  epoch 1 Muharram 1 AH = 16 July 622 (Julian). It approximates Umm al-Qura within a day or
  two; the phrase is kept, so a reviewer can correct it.
- relative expressions, counted back from the publication date: ``أمس``, ``أول أمس``,
  ``ليلة/مساء/صباح/فجر أمس`` and ``... اليوم`` (with the time of day), ``اليوم``, weekdays
  (``الخميس`` = the most recent Thursday on or before publication; ``الخميس الماضي`` strictly
  before it), ``الأسبوع الماضي`` (precision week: publication − 7 days .. publication − 1 day,
  the convention the annotations share), ``الشهر الماضي`` (month), ``العام الماضي`` (year),
  ``منذ/قبل N أيام|أسابيع|أشهر|سنوات`` with N in digits or words or a dual (``يومين``),
  ``الليلة الماضية`` (last night: the day before, night), ``الليل قبل الماضي`` and ``أمس الأول``
  (the day before yesterday; not أمس); seasons (``صيف 2014``, ``الخريف الماضي``: a range of
  the meteorological months) and pairs of years (``العامين 2014 و2015``, ``من 2011 إلى 2015``).

A cue introduced by منذ, "since" (``منذ 2013``, ``منذ بداية العام الماضي``), is marked
``since``: the start of a span, which never dates an incident.

Two cues in one phrase that disagree (``ليلة أمس السبت`` published on a Saturday: أمس is a
Friday) keep the first cue's date and carry a ``conflict`` note. Without a publication date a
relative cue keeps its phrase and gets precision ``unresolved``, never an invented date.
Cues inside short quotations (names such as “روسيا اليوم”) are ignored.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from dataclasses import dataclass

from sitegen.extract.normtext import NormText
from sitegen.extract.numbers import WORDS as NUMBER_WORDS

WEEKDAYS = {  # normalized name -> Python weekday (Monday = 0)
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5, "الاحد": 6,
}
WEEKDAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Weekday names that are also common words (الأحد "the One", الاثنين "both", الجمعة "Friday
# prayer"): read as days only next to a day word (يوم، الماضي، أمس، صباح ...).
_AMBIGUOUS_WEEKDAYS = {"الاحد", "الاثنين", "الجمعه"}

MONTHS = {
    # Egyptian / Gulf
    "يناير": 1, "فبراير": 2, "مارس": 3, "ابريل": 4, "مايو": 5, "يونيو": 6, "يونيه": 6,
    "يوليو": 7, "يوليه": 7, "اغسطس": 8, "سبتمبر": 9, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    # Levant and Iraq
    "كانون الثاني": 1, "شباط": 2, "اذار": 3, "نيسان": 4, "ايار": 5, "حزيران": 6, "تموز": 7,
    "اب": 8, "ايلول": 9, "تشرين الاول": 10, "تشرين الثاني": 11, "كانون الاول": 12,
    # Tunisia, Algeria
    "جانفي": 1, "فيفري": 2, "افريل": 4, "ماي": 5, "جوان": 6, "جويليه": 7, "اوت": 8,
    # Morocco
    "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
}
HIJRI_MONTHS = {
    "محرم": 1, "صفر": 2, "ربيع الاول": 3, "ربيع الثاني": 4, "ربيع الاخر": 4, "جمادي الاولي": 5,
    "جمادي الاول": 5, "جمادي الثانيه": 6, "جمادي الاخره": 6, "جمادي الاخر": 6, "رجب": 7,
    "شعبان": 8, "رمضان": 9, "شوال": 10, "ذو القعده": 11, "ذي القعده": 11, "ذو الحجه": 12,
    "ذي الحجه": 12,
}
TIMES_OF_DAY = {
    "ليله": "night", "ليل": "night", "مساء": "evening", "صباح": "morning", "فجر": "dawn",
    "ظهر": "noon", "ظهيره": "noon", "عصر": "afternoon", "عشيه": "evening", "منتصف ليل": "night",
}
SEASONS = {  # meteorological seasons: (first month, last month); winter spans the new year
    "الربيع": (3, 5), "ربيع": (3, 5), "الصيف": (6, 8), "صيف": (6, 8),
    "الخريف": (9, 11), "خريف": (9, 11), "الشتاء": (12, 2), "شتاء": (12, 2),
}
_LAST = "(?:الماضي|الماضيه|المنصرم|المنصرمه|الفايت|الفايته|السابق|الفارط)"
# After a month name without a year: which one it is (في مارس الماضي, 26 فيفري الجاري)
_MONTH_REL = rf"(?:{_LAST[3:-1]}|المقبل|القادم|الجاري|الحالي|(?:من\s+)?(?:العام|السنه)\s+(?:الماضي|الماضيه|الجاري|الجاريه|الحالي|الحاليه|المقبل|المقبله|القادم|القادمه))"
# Words before a bare month name that make it a date (في مارس; مارس alone is also a verb)
_MONTH_LEAD = re.compile(r"(?:شهر|شهري|في|خلال|منذ|بحلول|مطلع|بدايه|نهايه|اواخر|اوايل|منتصف|موفي)\s+$")
_UNITS = {
    "يوم": ("day", 1), "ايام": ("day", None), "يومين": ("day", 2), "يومان": ("day", 2),
    "اسبوع": ("week", 1), "اسابيع": ("week", None), "اسبوعين": ("week", 2),
    "شهر": ("month", 1), "اشهر": ("month", None), "شهور": ("month", None), "شهرين": ("month", 2),
    "عام": ("year", 1), "اعوام": ("year", None), "عامين": ("year", 2), "سنه": ("year", 1),
    "سنوات": ("year", None), "سنتين": ("year", 2),
}


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_WD = _alternation(WEEKDAYS)
_MONTH = _alternation(MONTHS)
_TOD = _alternation(TIMES_OF_DAY)
_NUMBER = r"\d{1,3}|" + _alternation(w for w, n in NUMBER_WORDS.items() if n > 0)
_START = r"(?<!\w)(?:[وف]?[بل]?)"  # a word start, then attached clitics left out of the phrase
_WEEKDAY_TAIL = rf"(?:\s*[،,]?\s*(?:يوم\s+)?(?P<wd2>{_WD}))?"

PATTERNS = [  # (kind, regex) in priority order: earlier kinds win overlaps
    ("iso", rf"{_START}(?P<cue>(?P<y>\d{{4}})[-/.](?P<m>\d{{1,2}})[-/.](?P<d>\d{{1,2}}))(?!\d)"),
    ("numeric", rf"{_START}(?P<cue>(?P<d>\d{{1,2}})[-/.](?P<m>\d{{1,2}})[-/.](?P<y>\d{{4}}))(?!\d)"),
    ("hijri", rf"{_START}(?P<cue>(?P<d>\d{{1,2}})\s+(?:من\s+)?(?P<hm>{_alternation(HIJRI_MONTHS)})\s+(?P<y>1[34]\d\d)(?:\s*(?:ه|للهجره)(?!\w))?)"),
    ("range", rf"{_START}(?P<cue>(?P<d1>\d{{1,2}})\s*(?:و|او|-|الي|حتي)\s*(?P<d>\d{{1,2}})\s+(?P<month>{_MONTH})(?:\s*[،,]?\s*(?P<y>\d{{4}}))?)(?!\w)"),
    ("absolute", rf"{_START}(?P<cue>(?:(?:يوم\s+)?(?P<wd>{_WD})\s*[،,]?\s*)?(?:(?:ال)?(?P<d>\d{{1,2}})\s*(?:من\s+)?)?(?P<month>{_MONTH})(?:\s*[/(]\s*(?:{_MONTH})\s*\)?)?(?:\s*[،,]?\s*(?:(?:من\s+)?(?:عام|العام|سنه)\s+)?(?P<y>\d{{4}})|\s+(?P<rel>{_MONTH_REL}))?)(?!\w)"),
    ("years", rf"{_START}(?P<cue>(?:(?:بين|خلال)\s+)?(?:العامين|عامي|سنتي|السنتين)\s+(?P<y1>(?:19|20)\d\d)\s*(?:و|الي|-)\s*(?:(?:عام|سنه)\s+)?(?P<y>(?:19|20)\d\d)|من\s+(?:(?:عام|سنه)\s+)?(?P<y3>(?:19|20)\d\d)\s+(?:الي|حتي)\s+(?:غايه\s+)?(?:(?:عام|سنه)\s+)?(?P<y4>(?:19|20)\d\d))(?![\d/-]|\.\d)"),
    ("season", rf"{_START}(?P<cue>(?:فصل\s+)?(?P<season>{_alternation(SEASONS)})(?:\s+(?:(?:عام|العام|سنه)\s+)?(?P<y>(?:19|20)\d\d)(?![\d/-]|\.\d)|\s+(?P<rel>{_LAST}|المقبل|القادم)(?!\w)))"),
    ("year", rf"{_START}(?P<cue>(?:(?:في|منذ|خلال|حتي|بحلول|اواخر|اوايل|مطلع|بدايه|نهايه|منتصف|موفي)\s+)?(?:عام|العام|سنه|السنه)\s+(?P<y>\d{{4}})|(?:في|منذ|خلال|حتي|بحلول|اواخر|اوايل|مطلع|بدايه|نهايه|منتصف|موفي)\s+(?P<y2>(?:19|20)\d\d))(?![\d/-]|\.\d)"),
    ("tomorrow", rf"{_START}(?P<cue>(?:(?P<tod>{_TOD})\s+)?(?P<after>بعد\s+)?(?:يوم\s+(?:غد|الغد)|غدا|غد(?=\s+(?:{_WD})))(?:{_WEEKDAY_TAIL}))(?!\w)"),
    ("night_before_last", rf"{_START}(?P<cue>(?:الليله|ليله|الليل)\s+(?:ما\s+)?قبل\s+(?:الماضي|الماضيه){_WEEKDAY_TAIL})(?!\w)"),
    ("last_night", rf"{_START}(?P<cue>(?:الليله|ليله)\s+(?:الماضيه|الفايته|المنصرمه|البارحه){_WEEKDAY_TAIL})(?!\w)"),
    ("before_yesterday", rf"{_START}(?P<cue>(?:(?P<tod>{_TOD})\s+)?(?:اول\s+(?:من\s+)?امس|امس\s+الاول){_WEEKDAY_TAIL})(?!\w)"),
    ("yesterday", rf"{_START}(?P<cue>(?:(?P<tod>{_TOD})\s+)?(?:امس|الامس|البارحه){_WEEKDAY_TAIL})(?!\w)"),
    ("today", rf"{_START}(?P<cue>(?:(?P<tod>{_TOD})\s+)?اليوم{_WEEKDAY_TAIL})(?!\w)"),
    ("last_week", rf"{_START}(?P<cue>الاسبوع\s+{_LAST})(?!\w)"),
    ("next_week", rf"{_START}(?P<cue>الاسبوع\s+(?:المقبل|القادم))(?!\w)"),
    ("this_week", rf"{_START}(?P<cue>هذا\s+الاسبوع|الاسبوع\s+(?:الجاري|الحالي))(?!\w)"),
    ("last_month", rf"{_START}(?P<cue>الشهر\s+{_LAST})(?!\w)"),
    ("this_month", rf"{_START}(?P<cue>(?:الشهر\s+(?:الجاري|الحالي)|هذا\s+الشهر))(?!\w)"),
    ("last_year", rf"{_START}(?P<cue>(?:العام|السنه)\s+{_LAST})(?!\w)"),
    ("this_year", rf"{_START}(?P<cue>(?:العام\s+(?:الجاري|الحالي)|السنه\s+(?:الجاريه|الحاليه)|هذا\s+العام|هذه\s+السنه))(?!\w)"),
    ("ago", rf"{_START}(?P<cue>(?P<ago>منذ|قبل)\s+(?:(?:حوالي|نحو|قرابه)\s+)?(?:(?P<n>{_NUMBER})\s+)?(?P<unit>{_alternation(_UNITS)}))(?!\w)(?!\s+(?:من\s|(?:يوم\s+)?{_WD}))"),
    ("weekday", rf"{_START}(?P<cue>(?:(?P<tod>{_TOD})\s+)?(?P<day_word>يوم\s+)?(?P<wd>{_WD})(?:\s+(?P<rel>{_LAST}|المقبل|القادم))?)(?!\w)"),
]
_COMPILED = [(kind, re.compile(pattern)) for kind, pattern in PATTERNS]
_SHORT_QUOTE = re.compile(r"[“«\"][^”»\"\n]{1,30}[”»\"]")
_NOT_TODAY_BEFORE = re.compile(r"(?:روسيا|حتي|الي|لحد)\s+$")
_NOT_TODAY_AFTER = re.compile(r"^\s+(?:العالمي|الوطني|الدولي|العربي)")


@dataclass(frozen=True)
class DateCue:
    """A date phrase and what it resolves to."""

    text: str  # the phrase as written
    start: int  # offsets in the original text
    end: int
    date: dt.date | None
    date_end: dt.date | None = None
    precision: str = "day"
    time_of_day: str | None = None
    conflict: str | None = None  # two cues of the phrase disagree
    relative: bool = False  # resolved against the publication date
    since: bool = False  # introduced by منذ: the start of a span, not an event day


def find_dates(text: str, published: dt.date | None, norm: NormText | None = None) -> list[DateCue]:
    """Every date cue in ``text``, in text order, resolved against ``published``."""
    norm = norm or NormText(text)
    normalized = norm.text
    masked = [(m.start(), m.end()) for m in _SHORT_QUOTE.finditer(normalized)]
    taken: list[tuple[int, int]] = []
    cues: list[tuple[int, DateCue]] = []
    for kind, regex in _COMPILED:
        for m in regex.finditer(normalized):
            start, end = m.span("cue")
            if any(a < end and start < b for a, b in taken) or any(a <= start and end <= b for a, b in masked):
                continue
            cue = _resolve(kind, m, normalized, published)
            if cue is None:
                continue
            taken.append((start, end))
            a, b = norm.span(start, end)
            since = _is_since(normalized, start, end)
            cues.append((start, DateCue(norm.original[a:b], a, b, **cue.__dict__, since=since)))
    return [cue for _, cue in sorted(cues, key=lambda item: item[0])]


@dataclass
class _Resolved:
    date: dt.date | None
    date_end: dt.date | None = None
    precision: str = "day"
    time_of_day: str | None = None
    conflict: str | None = None
    relative: bool = False


def _resolve(kind: str, m: re.Match, text: str, published: dt.date | None) -> _Resolved | None:
    groups = m.groupdict()
    tod = TIMES_OF_DAY.get(_squash(groups.get("tod")))
    if kind in ("iso", "numeric"):
        return _day(int(groups["y"]), int(groups["m"]), int(groups["d"]))
    if kind == "hijri":
        return _hijri(int(groups["y"]), HIJRI_MONTHS[_squash(groups["hm"])], int(groups["d"]))
    if kind in ("absolute", "range"):
        lead = _MONTH_LEAD.search(text, max(0, m.start("cue") - 12), m.start("cue")) is not None
        return _absolute(groups, published, lead, kind == "range")
    if kind == "years":
        first, last = int(groups["y1"] or groups["y3"]), int(groups["y"] or groups["y4"])
        return _Resolved(dt.date(first, 1, 1), dt.date(last, 12, 31), "range") if first < last else None
    if kind == "season":
        return _season(SEASONS[groups["season"]], groups["y"], _squash(groups["rel"]), published)
    if kind == "year":
        year = int(groups["y"] or groups["y2"])
        return _Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), "year") if 1900 <= year <= 2100 else None
    if kind == "today" and (
        _NOT_TODAY_BEFORE.search(text, 0, m.start("cue")) or _NOT_TODAY_AFTER.match(text[m.end("cue"):])
    ):
        return None
    if kind == "weekday" and groups["wd"] in _AMBIGUOUS_WEEKDAYS and not (
        groups["day_word"] or groups["rel"] or groups["tod"] or _starts_clause(text, m.start())
    ):
        return None
    if kind == "ago":
        return _ago(groups, published)
    if published is None:
        return _Resolved(None, None, "unresolved", tod, relative=True)
    if kind == "tomorrow":
        day = published + dt.timedelta(days=2 if groups["after"] else 1)
        return _Resolved(day, None, "day", tod, _weekday_conflict(groups.get("wd2"), day), relative=True)
    if kind in ("last_night", "night_before_last"):
        tod = "night"
    if kind in ("today", "yesterday", "before_yesterday", "last_night", "night_before_last"):
        back = {"today": 0, "yesterday": 1, "before_yesterday": 2, "last_night": 1, "night_before_last": 2}[kind]
        day = published - dt.timedelta(days=back)
        return _Resolved(day, None, "day", tod, _weekday_conflict(groups.get("wd2"), day), relative=True)
    if kind == "weekday":
        return _Resolved(_weekday(WEEKDAYS[groups["wd"]], groups["rel"], published), None, "day", tod, relative=True)
    if kind == "last_week":
        return _Resolved(published - dt.timedelta(days=7), published - dt.timedelta(days=1), "week", relative=True)
    if kind == "next_week":
        return _Resolved(published + dt.timedelta(days=1), published + dt.timedelta(days=7), "week", relative=True)
    if kind == "this_week":
        return _Resolved(published - dt.timedelta(days=published.weekday()), published, "week", relative=True)
    if kind in ("last_month", "this_month"):
        return _month(_shift_month(published.year, published.month, -1 if kind == "last_month" else 0), relative=True)
    if kind in ("last_year", "this_year"):
        year = published.year - (1 if kind == "last_year" else 0)
        return _Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", relative=True)
    raise AssertionError(kind)


_SINCE_BEFORE = re.compile(r"(?<!\w)[و]?منذ\s+(?:(?:بدايه|مطلع|اوايل|اواخر|نهايه|منتصف|اول)\s+)?$")
_SINCE_INSIDE = re.compile(r"[و]?منذ\s")


def _is_since(text: str, start: int, end: int) -> bool:
    """A cue introduced by منذ (``منذ 2013``, ``منذ بداية العام الماضي``) starts a span: no event day.

    ``منذ ثلاثة أيام`` (three days ago) is a date, not a span start, and stays one.
    """
    if _SINCE_INSIDE.match(text, start) and not re.match(r"منذ\s+(?:(?:حوالي|نحو|قرابه)\s+)?\S+\s+(?:يوم|ايام|يومين|اسبوع|اسابيع|اسبوعين)(?!\w)", text[start:end]):
        return True
    return _SINCE_BEFORE.search(text, max(0, start - 20), start) is not None


def _season(months: tuple[int, int], year: str | None, rel: str | None, published: dt.date | None) -> _Resolved | None:
    """A season of a year (``صيف 2014``), or the last or next one (``الخريف الماضي``): a range."""
    first, last = months

    def span(y: int) -> tuple[dt.date, dt.date]:  # the season that ends in year y
        start = dt.date(y - 1 if first > last else y, first, 1)
        return start, dt.date(y, last, calendar.monthrange(y, last)[1])

    if year:
        start, end = span(int(year))
        return _Resolved(start, end, "range")
    if published is None:
        return _Resolved(None, None, "unresolved", relative=True)
    if rel in ("المقبل", "القادم"):
        y = published.year
        while span(y)[0] <= published:
            y += 1
    else:
        y = published.year
        while span(y)[1] >= published:
            y -= 1
    start, end = span(y)
    return _Resolved(start, end, "range", relative=True)


def _squash(phrase: str | None) -> str | None:
    return " ".join(phrase.split()) if phrase else phrase


def _starts_clause(text: str, start: int) -> bool:
    """A weekday at the start of a clause (``والجمعة، ...``, ``. الأحد``) is read as a day."""
    before = text[max(0, start - 3):start].rstrip()
    after = text[start:start + 16]
    return (not before or before[-1] in ".،,؛:\n") and re.match(r"\w+\s*[،,]", after) is not None


def _day(year: int, month: int, day: int) -> _Resolved | None:
    try:
        return _Resolved(dt.date(year, month, day))
    except ValueError:
        return None


def _month(year_month: tuple[int, int], relative: bool = False) -> _Resolved:
    year, month = year_month
    last = calendar.monthrange(year, month)[1]
    return _Resolved(dt.date(year, month, 1), dt.date(year, month, last), "month", relative=relative)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _absolute(groups: dict, published: dt.date | None, lead: bool, is_range: bool) -> _Resolved | None:
    month = MONTHS[_squash(groups["month"])]
    day = int(groups["d"]) if groups["d"] else None
    year = int(groups["y"]) if groups["y"] else None
    rel = _squash(groups.get("rel"))
    if day is None and year is None and not (lead or rel):
        return None  # a bare month name (مارس is also a verb, ماي a word)
    relative = year is None
    if year is None:
        if published is None:
            return _Resolved(None, None, "unresolved", relative=True)
        year = _year_of(month, day, rel, published)
    if day is None:
        resolved = _month((year, month), relative)
    else:
        resolved = _day(year, month, day)
        if resolved and is_range:
            first = _day(year, month, int(groups["d1"]))
            if first is None or first.date >= resolved.date:
                return None
            resolved = _Resolved(first.date, resolved.date, "range")
    if resolved is None:
        return None
    resolved.relative = relative
    if groups.get("wd") and resolved.precision == "day":
        resolved.conflict = _weekday_conflict(groups["wd"], resolved.date)
        if resolved.conflict and not relative and published is not None:
            _mend_year(resolved, groups["wd"], published)
    return resolved


_SOON = 21  # days after publication within which a day and month without a year are this year's


def _year_of(month: int, day: int | None, rel: str | None, published: dt.date) -> int:
    """The year of a month (and day) written without one, from the word after it."""
    year = published.year
    if rel and ("العام" in rel or "السنه" in rel):
        if any(word in rel for word in ("الماضي", "الماضيه")):
            return year - 1
        if any(word in rel for word in ("المقبل", "المقبله", "القادم", "القادمه")):
            return year + 1
        return year
    if rel in ("الجاري", "الحالي"):
        return year
    later = (month, day or 1) > (published.month, published.day if day else 1)
    if rel in ("المقبل", "القادم"):
        return year if later else year + 1
    if rel:  # الماضي and its synonyms: strictly before this month
        return year if month < published.month or (day and later is False and month == published.month) else year - 1
    if later and day is not None:
        ahead = dt.date(year, month, min(day, calendar.monthrange(year, month)[1])) - published
        if ahead.days <= _SOON:
            return year  # an announcement: the coming days of this year (16 أو 17 فيفري)
    return year - 1 if later else year


def _mend_year(resolved: _Resolved, weekday: str, published: dt.date) -> None:
    """A year that contradicts the weekday and the publication date is read as a slip.

    ``اليوم السبت 07 جانفي 2016`` published on Saturday 2017-01-07: the publication year (or
    the one before) that gives the named weekday, within a week after publication, is meant.
    The conflict note stays, saying what was read.
    """
    for year in (published.year, published.year - 1):
        candidate = _day(year, resolved.date.month, resolved.date.day)
        if candidate and candidate.date.weekday() == WEEKDAYS[weekday] and candidate.date <= published + dt.timedelta(days=7):
            resolved.conflict += f"; read as {candidate.date.isoformat()}, the {WEEKDAY_NAMES_EN[WEEKDAYS[weekday]]} nearest the publication"
            resolved.date = candidate.date
            return


def _weekday_conflict(weekday: str | None, day: dt.date) -> str | None:
    if not weekday or WEEKDAYS[weekday] == day.weekday():
        return None
    named = WEEKDAY_NAMES_EN[WEEKDAYS[weekday]]
    return f"the phrase names a {named}, but {day.isoformat()} is a {WEEKDAY_NAMES_EN[day.weekday()]}"


def _weekday(weekday: int, rel: str | None, published: dt.date) -> dt.date:
    back = (published.weekday() - weekday) % 7
    if rel in ("المقبل", "القادم"):
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if rel and back == 0:
        back = 7  # "last Thursday" said on a Thursday is a week ago
    return published - dt.timedelta(days=back)


def _ago(groups: dict, published: dt.date | None) -> _Resolved | None:
    unit, implied = _UNITS[_squash(groups["unit"])]
    if groups["ago"] == "منذ" and unit in ("month", "year"):
        return None  # منذ 6 سنوات: mostly a duration ("for six years"), not a date
    if groups["n"]:
        n = int(groups["n"]) if groups["n"].isdigit() else NUMBER_WORDS[_squash(groups["n"])]
    else:
        n = implied
    if n is None:
        return None  # منذ أيام: some days ago, no date to give
    if published is None:
        return _Resolved(None, None, "unresolved", relative=True)
    if unit == "day":
        return _Resolved(published - dt.timedelta(days=n), relative=True)
    if unit == "week":
        start = published - dt.timedelta(days=7 * n)
        return _Resolved(start, start + dt.timedelta(days=6), "week", relative=True)
    if unit == "month":
        return _month(_shift_month(published.year, published.month, -n), relative=True)
    year = published.year - n
    return _Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", relative=True)


def hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The tabular Islamic calendar (civil epoch) date as a Gregorian date."""
    julian_day = (
        day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30 + 1948439.5 - 1
    )
    return dt.date.fromordinal(int(julian_day - 1721424.5))


def _hijri(year: int, month: int, day: int) -> _Resolved | None:
    if not 1 <= day <= 30:
        return None
    return _Resolved(hijri_to_gregorian(year, month, day))
