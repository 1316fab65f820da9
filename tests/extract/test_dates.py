"""Date cues: every form with its precision, relative resolution and disagreement flags."""

import datetime as dt

import pytest

from sitegen.extract.dates import find_dates, hijri_to_gregorian

SAT = dt.date(2022, 1, 8)  # the seed's publication date, a Saturday
D = dt.date


def one(text, published=SAT):
    cues = find_dates(text, published)
    assert len(cues) == 1, cues
    return cues[0]


@pytest.mark.parametrize(
    "text, phrase, date, date_end, precision",
    [
        ("استضاف البرنامج الأربعاء 18 جانفي 2017 أبطال الفيلم", "الأربعاء 18 جانفي 2017", D(2017, 1, 18), None, "day"),
        ("في 3 فيفري 2017", "3 فيفري 2017", D(2017, 2, 3), None, "day"),
        ("يوم 12 أفريل 2016", "12 أفريل 2016", D(2016, 4, 12), None, "day"),
        ("في 1 ماي 2017", "1 ماي 2017", D(2017, 5, 1), None, "day"),
        ("منذ 25 جويلية 2016", "25 جويلية 2016", D(2016, 7, 25), None, "day"),
        ("في 13 أوت 2015", "13 أوت 2015", D(2015, 8, 13), None, "day"),
        ("في 5 كانون الثاني 2022", "5 كانون الثاني 2022", D(2022, 1, 5), None, "day"),
        ("في 5 كانون الثاني/يناير 2022", "5 كانون الثاني/يناير 2022", D(2022, 1, 5), None, "day"),
        ("في 9 تشرين الأول 2019", "9 تشرين الأول 2019", D(2019, 10, 9), None, "day"),
        ("في 30 يونيو 2013", "30 يونيو 2013", D(2013, 6, 30), None, "day"),
        ("في ٢٠ أيلول ٢٠٢١ قصفت", "٢٠ أيلول ٢٠٢١", D(2021, 9, 20), None, "day"),
        ("بتاريخ 2021/09/20 وقع", "2021/09/20", D(2021, 9, 20), None, "day"),
        ("بتاريخ 20/09/2021 وقع", "20/09/2021", D(2021, 9, 20), None, "day"),
        ("منذ آب 2014", "آب 2014", D(2014, 8, 1), D(2014, 8, 31), "month"),
        ("في عام 2014", "في عام 2014", D(2014, 1, 1), D(2014, 12, 31), "year"),
        ("نمو الاقتصاد في 2019", "في 2019", D(2019, 1, 1), D(2019, 12, 31), "year"),
        ("أيام 20 و21 ماي 2017", "20 و21 ماي 2017", D(2017, 5, 20), D(2017, 5, 21), "range"),
        ("في 12 رمضان 1443 هـ", "12 رمضان 1443 هـ", D(2022, 4, 14), None, "day"),
    ],
)
def test_absolute_dates(text, phrase, date, date_end, precision):
    cue = one(text)
    assert (cue.text, cue.date, cue.date_end, cue.precision) == (phrase, date, date_end, precision)
    assert text[cue.start:cue.end] == phrase
    assert not cue.relative


def test_day_and_month_take_the_publication_year_or_the_year_before():
    assert one("في 5 يناير").date == D(2022, 1, 5)
    assert one("في 20 ديسمبر").date == D(2021, 12, 20)  # 2022-12-20 would be in the future
    assert one("في 20 ديسمبر", None).precision == "unresolved"


def test_bare_month_names_are_not_dates():
    assert find_dates("مارس الرجل الرياضة وماي", SAT) == []
    assert find_dates("كأس تونس 2017", SAT) == []


@pytest.mark.parametrize(
    "text, published, date, precision",
    [
        ("في مارس الماضي", D(2015, 4, 21), D(2015, 3, 1), "month"),
        ("في أكتوبر الماضي", D(2017, 5, 28), D(2016, 10, 1), "month"),
        ("في أكتوبر السنة الماضية", D(2017, 3, 19), D(2016, 10, 1), "month"),
        ("في شهر ماي", SAT, D(2021, 5, 1), "month"),
        ("بداية أفريل المقبل", D(2017, 3, 21), D(2017, 4, 1), "month"),
        ("يوم الاحد 26 فيفري الجاري", D(2017, 2, 11), D(2017, 2, 26), "day"),
        ("في الـ19 فيفري الماضي", D(2017, 3, 19), D(2017, 2, 19), "day"),
    ],
)
def test_month_without_year_takes_it_from_the_word_after(text, published, date, precision):
    cue = one(text, published)
    assert (cue.date, cue.precision) == (date, precision)


@pytest.mark.parametrize(
    "hijri, gregorian",
    [((1443, 9, 1), D(2022, 4, 3)), ((1445, 1, 1), D(2023, 7, 19)), ((1, 1, 1), D(622, 7, 19))],
)
def test_tabular_hijri_conversion(hijri, gregorian):
    assert hijri_to_gregorian(*hijri) == gregorian


@pytest.mark.parametrize(
    "text, phrase, date, date_end, precision, time_of_day",
    [
        ("قصفت ليلة أمس الجمعة مواقع", "ليلة أمس الجمعة", D(2022, 1, 7), None, "day", "night"),
        ("وقع أمس هجوم", "أمس", D(2022, 1, 7), None, "day", None),
        ("وأول أمس الخميس، قالت", "أول أمس الخميس", D(2022, 1, 6), None, "day", None),
        ("وأول من أمس قالت", "أول من أمس", D(2022, 1, 6), None, "day", None),
        ("مساء أمس سقطت", "مساء أمس", D(2022, 1, 7), None, "day", "evening"),
        ("فجر اليوم السبت", "فجر اليوم السبت", D(2022, 1, 8), None, "day", "dawn"),
        ("صباح أمس", "صباح أمس", D(2022, 1, 7), None, "day", "morning"),
        ("نفذ اليوم عدد من الأهالي", "اليوم", D(2022, 1, 8), None, "day", None),
        ("والثلاثاء، أعلنت", "الثلاثاء", D(2022, 1, 4), None, "day", None),
        ("يوم الجمعة قصفت", "يوم الجمعة", D(2022, 1, 7), None, "day", None),
        ("السبت الماضي", "السبت الماضي", D(2022, 1, 1), None, "day", None),
        ("السبت قصفت", "السبت", D(2022, 1, 8), None, "day", None),
        ("والأسبوع الماضي، أفادت", "الأسبوع الماضي", D(2022, 1, 1), D(2022, 1, 7), "week", None),
        ("الشهر الماضي", "الشهر الماضي", D(2021, 12, 1), D(2021, 12, 31), "month", None),
        ("العام الماضي", "العام الماضي", D(2021, 1, 1), D(2021, 12, 31), "year", None),
        ("منذ ثلاثة أيام", "منذ ثلاثة أيام", D(2022, 1, 5), None, "day", None),
        ("منذ 3 أيام", "منذ 3 أيام", D(2022, 1, 5), None, "day", None),
        ("قبل يومين", "قبل يومين", D(2022, 1, 6), None, "day", None),
        ("منذ أسبوعين", "منذ أسبوعين", D(2021, 12, 25), D(2021, 12, 31), "week", None),
        ("قبل ثلاثة أشهر", "قبل ثلاثة أشهر", D(2021, 10, 1), D(2021, 10, 31), "month", None),
        ("منذ حوالي أسبوع", "منذ حوالي أسبوع", D(2022, 1, 1), D(2022, 1, 7), "week", None),
        ("منذ يوم الأربعاء الماضي", "يوم الأربعاء الماضي", D(2022, 1, 5), None, "day", None),
        ("يوم غد الأحد", "يوم غد الأحد", D(2022, 1, 9), None, "day", None),
        ("الأسبوع المقبل", "الأسبوع المقبل", D(2022, 1, 9), D(2022, 1, 15), "week", None),
        ("هذا الأسبوع", "هذا الأسبوع", D(2022, 1, 3), D(2022, 1, 8), "week", None),
    ],
)
def test_relative_dates(text, phrase, date, date_end, precision, time_of_day):
    cue = one(text)
    assert (cue.text, cue.date, cue.date_end, cue.precision, cue.time_of_day) == (
        phrase, date, date_end, precision, time_of_day,
    )
    assert cue.relative and cue.conflict is None


def test_disagreeing_cues_are_flagged_and_the_first_cue_wins():
    cue = one("ليلة أمس السبت")
    assert cue.date == D(2022, 1, 7)
    assert "Saturday" in cue.conflict and "Friday" in cue.conflict
    assert one("الخميس 6 يناير 2022").conflict is None
    assert "Friday" in one("الجمعة، 6 يناير 2022").conflict


def test_a_year_that_contradicts_weekday_and_publication_is_read_as_a_slip():
    cue = one("اليوم السبت 07 جانفي 2016", D(2017, 1, 7))
    assert cue.date == D(2017, 1, 7)
    assert "2017-01-07" in cue.conflict


def test_durations_are_not_dates():
    assert find_dates("يعيش في المدينة منذ 6 سنوات", SAT) == []
    assert find_dates("قبل 4 أيام من المباراة", SAT) == []


def test_unknown_publication_date_keeps_the_phrase_unresolved():
    for text in ("ليلة أمس الجمعة", "الأسبوع الماضي", "منذ يومين", "الثلاثاء،"):
        cue = one(text, None)
        assert cue.date is None and cue.precision == "unresolved" and cue.text in text


@pytest.mark.parametrize(
    "text",
    ["وفق ما نقل موقع “روسيا اليوم”.", "حتى اليوم لم يصدر", "صلاة الجمعة", "أحد الأشخاص", "منذ أيام"],
)
def test_words_that_only_look_like_dates(text):
    assert find_dates(text, SAT) == []


def test_since_marks_the_start_of_a_span():
    assert one("يضم أكثر من عشرين دولة منذ آب 2014").since
    assert not one("في آب 2014").since


@pytest.mark.parametrize(
    "text, phrase, date, time_of_day",
    [
        ("قصفت الطائرات الليلة الماضية مدينة الرقة", "الليلة الماضية", D(2022, 1, 7), "night"),
        ("وقع الهجوم الليل قبل الماضي", "الليل قبل الماضي", D(2022, 1, 6), "night"),
        ("وقع أمس الأول هجوم", "أمس الأول", D(2022, 1, 6), None),  # not أمس
    ],
)
def test_last_night_and_the_day_before_yesterday(text, phrase, date, time_of_day):
    cue = one(text)
    assert (cue.text, cue.date, cue.precision, cue.time_of_day) == (phrase, date, "day", time_of_day)


@pytest.mark.parametrize(
    "text, phrase",
    [("تسيطر عليها منذ 2013 قوات", "منذ 2013"), ("منذ بداية العام الماضي", "العام الماضي"),
     ("منذ عام 2003", "منذ عام 2003"), ("منذ مطلع هذا العام", "هذا العام")],
)
def test_since_phrases_start_a_span(text, phrase):
    cue = one(text)
    assert cue.text == phrase and cue.since


def test_days_ago_are_dates_not_since():
    assert not one("منذ ثلاثة أيام").since


@pytest.mark.parametrize(
    "text, phrase, date, date_end, precision",
    [
        ("ينخفض النمو سنة 2017.", "سنة 2017", D(2017, 1, 1), D(2017, 12, 31), "year"),  # a year closing a sentence
        ("في صيف 2014.", "صيف 2014", D(2014, 6, 1), D(2014, 8, 31), "range"),
        ("زارت برلين الخريف الماضي", "الخريف الماضي", D(2021, 9, 1), D(2021, 11, 30), "range"),
        ("خلال العامين 2014 و2015 نتيجة", "خلال العامين 2014 و2015", D(2014, 1, 1), D(2015, 12, 31), "range"),
        ("تواصلت من 2011 إلى غاية 2015، لأسباب", "من 2011 إلى غاية 2015", D(2011, 1, 1), D(2015, 12, 31), "range"),
    ],
)
def test_years_seasons_and_pairs_of_years(text, phrase, date, date_end, precision):
    cue = one(text)
    assert (cue.text, cue.date, cue.date_end, cue.precision) == (phrase, date, date_end, precision)


def test_a_day_and_month_in_the_coming_weeks_are_this_years():
    assert one("تقام البطولة يوم 20 جانفي").date == D(2022, 1, 20)  # announced 12 days ahead
    assert one("في 20 ديسمبر").date == D(2021, 12, 20)  # far ahead: last year's


def test_evening_and_midnight_of_today():
    cue = one("عشية اليوم")
    assert (cue.date, cue.time_of_day) == (SAT, "evening")
    assert one("منتصف ليل اليوم").time_of_day == "night"
