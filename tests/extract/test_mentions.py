"""Weapons with counts, actors with roles, cited outlets, named speakers, counts in words."""

import pytest

from sitegen.extract.normtext import NormText
from sitegen.extract.actors import find_actors
from sitegen.extract.numbers import VAGUE, parse_count
from sitegen.extract.outlets import find_outlets
from sitegen.extract.speakers import find_speakers
from sitegen.extract.weapons import find_weapons


@pytest.mark.parametrize(
    "token, count",
    [("8", 8), ("سته", 6), ("بسته", 6), ("ثمانيه", 8), ("وعشرين", 20), ("عده", VAGUE), ("بعده", VAGUE),
     ("عشرات", VAGUE), ("ثلاث", 3), ("الكلمه", None)],
)
def test_counts_in_digits_and_words(token, count):
    assert parse_count(token) == count


@pytest.mark.parametrize(
    "text, weapon",
    [
        ("وقصفت الميليشيات القاعدة بعدة قذائف صاروخية", ("rocket", None, "عدة قذائف صاروخية")),
        ("إن 8 صواريخ سقطت", ("rocket", 8, "8 صواريخ")),
        ("للرد بستة قذائف مدفعية", ("artillery_shell", 6, "ستة قذائف مدفعية")),
        ("أطلقوا ثلاث قذائف هاون", ("mortar", 3, "ثلاث قذائف هاون")),
        ("أطلقت صاروخين على المطار", ("rocket", 2, "صاروخين")),
        ("انفجار عبوة ناسفة", ("ied", None, "عبوة ناسفة")),
        # air-strike counts are weapon counts (issue 12)
        ("شنت الطائرات 20 غارة على المدينة", ("air_strike", 20, "20 غارة")),
        ("نفذ الطيران غارتين جويتين", ("air_strike", 2, "غارتين جويتين")),
        # dual forms
        ("انفجار عبوتين ناسفتين في السوق", ("ied", 2, "عبوتين ناسفتين")),
        ("فجر انتحاريان نفسيهما", ("suicide_bomber", 2, "انتحاريان")),
        ("يرتديان حزامين ناسفين", ("suicide_vest", 2, "حزامين ناسفين")),
        ("أطلقت طائرتان مسيرتان", ("drone", 2, "طائرتان مسيرتان")),
        # barrel bombs and vehicle bombs
        ("ألقى الطيران برميلين متفجرين", ("barrel_bomb", 2, "برميلين متفجرين")),
        ("ألقت المروحيات 12 برميلا متفجرا", ("barrel_bomb", 12, "12 برميلا متفجرا")),
        ("ألقى الطيران المروحي برميلين على داريا", ("barrel_bomb", 2, "برميلين")),
        ("انفجرت ثلاث عجلات مفخخة", ("car_bomb", 3, "ثلاث عجلات مفخخة")),
        # digits with an attached preposition or article
        ("استهدفت أمريكا ب59 صاروخ توماهوك", ("rocket", 59, "59 صاروخ")),
    ],
)
def test_weapons_and_their_counts(scanner, text, weapon):
    assert [(w.type, w.count, w.count_text) for w in find_weapons(scanner.scan(text))] == [weapon]


@pytest.mark.parametrize(
    "text",
    [
        "تنتج تونس حوالي 40 ألف برميل من النفط يوميا",  # barrels of oil
        "انفجر صباح اليوم الجمعة 2 جوان 2017 لغم بجبل عبد الحميد",  # a year, not a count
        "وتمكن من تحديد هوية أحد الانتحاريين",  # a plural, not a dual
        "تم حجز 129 قذيفة و63 رمانة يدوية و3 أحزمة ناسفة",  # seized, not used
        "أن المخبأ يحتوي على مسدس رشاش و5 قنابل يدوية",
        "تولت تفكيك ثلاثة عبوات ناسفة يدوية الصنع",
    ],
)
def test_no_weapon_count_from_oil_barrels_years_plurals_or_seized_arms(scanner, text):
    assert [w.count for w in find_weapons(scanner.scan(text)) if w.count is not None] == []


def test_weapons_named_as_targets_or_sources_are_not_used(scanner):
    assert find_weapons(scanner.scan("استهداف مواقع إطلاق صواريخ")) == []
    assert find_weapons(scanner.scan("على مصدر الصواريخ")) == []


def test_actor_roles_come_from_target_words(scanner):
    found = find_actors(scanner.scan("ردت القوات الأمريكية على الميليشيات الإيرانية"))
    assert [(a.actor, a.role) for a in found] == [("us-forces", "attacker"), ("iranian-backed-militias", "target")]
    found = find_actors(scanner.scan("وقصفت الميليشيات الإيرانية مواقع قوات التحالف"))
    assert [(a.actor, a.role) for a in found] == [("iranian-backed-militias", "attacker"), ("us-led-coalition", "target")]


def test_outlets_known_and_unknown(scanner):
    text = "وفق ما نقل موقع “روسيا اليوم”. وذكرت صحيفة “الوطن” المحلية، وقالت وكالة رويترز إن الحرة"
    found = find_outlets(scanner.scan(text), {"روسيا اليوم": "russia-today"})
    assert [(o.name, o.outlet) for o in found] == [("روسيا اليوم", "russia-today"), ("الوطن", None), ("رويترز", "reuters")]


def test_a_one_word_outlet_name_alone_is_not_an_outlet(scanner):
    assert find_outlets(scanner.scan("طالبوا بالانتخابات الحرة"), {}) == []


def test_named_speakers_in_both_orders():
    text = "قالت المتحدثة باسم البيت الأبيض، جين بساكي، إن. وقال جون كيربي، المتحدث باسم البنتاغون، إن"
    assert [(s.name, s.role) for s in find_speakers(NormText(text))] == [
        ("جين بساكي", "المتحدثة باسم البيت الأبيض"), ("جون كيربي", "المتحدث باسم البنتاغون"),
    ]
