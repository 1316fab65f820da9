"""Weapon counts as Arabic writes them (issue 12): compound numbers, duals, accusatives, "X of them".

Every sentence here was written for these tests (none is copied from the corpus).
"""

import json

import pytest
import yaml

from sitegen.arabic import fold
from sitegen.extract.numbers import VAGUE, read_count
from sitegen.extract.weapon_forms import inflections
from sitegen.extract.weapons import find_weapons
from tests.extract.test_extract_cli import run


def counts(scanner, text):
    return [(w.type, w.count, w.count_text) for w in find_weapons(scanner.scan(text))]


@pytest.mark.parametrize(
    "phrase, expected",
    [
        ("خمسة عشر", (15, 2)),
        ("إحدى عشرة", (11, 2)),
        ("وخمس عشرة", (15, 2)),  # the unit after a conjunction: صاروخين وخمس عشرة قذيفة
        ("مئة وخمس عشرة", (115, 3)),
        ("اثنا عشر", (12, 2)),
        ("ثلاثة وعشرون", (23, 2)),
        ("بمئة وخمسين", (150, 2)),
        ("مئة وثلاثة وعشرين", (123, 3)),
        ("ثلاث مئة", (300, 2)),
        ("خمسمائة", (500, 1)),
        ("ألف ومئتي", (1200, 2)),
        ("3 آلاف", (3000, 2)),
        ("عشرة آلاف", (10000, 2)),
        ("٢٥", (25, 1)),
        ("نحو ١٢", (12, 1)),
        ("بستة", (6, 1)),
        ("وثمانية", (8, 1)),
        ("الـ40", (40, 1)),
        ("عشرات", (VAGUE, 1)),
        ("آلاف", (VAGUE, 1)),
        ("بين 4 و9", (VAGUE, 2)),  # two numbers, no compound
        ("على المدينة", (None, 0)),
        ("0", (None, 0)),
    ],
)
def test_number_phrases_before_a_counted_noun(phrase, expected):
    assert read_count(fold(phrase)[0].split()) == expected


def test_weapon_names_are_derived_in_dual_and_accusative_forms():
    assert {"صاروخان", "صاروخين", "صاروخا"} <= inflections("صاروخ")
    assert {"قذيفتان", "قذيفتين"} <= inflections("قذيفة")
    assert {"قذيفتي هاون", "قذيفتا هاون"} <= inflections("قذيفة هاون")
    assert {"لغمين ارضيين", "لغما ارضيا"} <= inflections("لغم أرضي")
    assert {"عبوتان ناسفتان", "عبوتين ناسفتين"} <= inflections("عبوة ناسفة")
    assert inflections("البراميل المتفجرة") == set() and inflections("كاتيوشا") == set()


@pytest.mark.parametrize(
    "text, expected",
    [
        # numbers in words, masculine and feminine, compounds, Arabic-Indic digits
        ("أطلق المقاتلون ١٤ صاروخا على المعسكر", ("rocket", 14, "١٤ صاروخا")),
        ("أطلقت الكتيبة سبعة عشر صاروخا باتجاه الجبل", ("rocket", 17, "سبعة عشر صاروخا")),
        ("سقطت ثلاث عشرة قذيفة في محيط الملعب", ("artillery_shell", 13, "ثلاث عشرة قذيفة")),
        ("سقطت اثنتا عشرة قذيفة هاون على الحي", ("mortar", 12, "اثنتا عشرة قذيفة هاون")),
        ("استهدفت المدفعية القرية بخمس وعشرين قذيفة", ("artillery_shell", 25, "خمس وعشرين قذيفة")),
        ("شنت الطائرات مئة وعشرين غارة خلال الأسبوع", ("air_strike", 120, "مئة وعشرين غارة")),
        ("أطلقت البوارج ألفي قذيفة على الساحل", ("artillery_shell", 2000, "ألفي قذيفة")),
        ("ألقت المروحيات 4 آلاف برميل متفجر منذ بداية العام", ("barrel_bomb", 4000, "4 آلاف برميل متفجر")),
        # duals, nominative, oblique and in a construct, with clitics
        ("سقط صاروخان على مبنى البلدية", ("rocket", 2, "صاروخان")),
        ("انفجر لغمان بسيارة الإسعاف", ("landmine", 2, "لغمان")),
        ("قصفت الطائرة الجسر بقنبلتين", ("bomb", 2, "قنبلتين")),
        ("وسقطت قذيفتا هاون قرب المستشفى", ("mortar", 2, "قذيفتا هاون")),
        ("أطلق المهاجمون قذيفتي هاون على المخفر", ("mortar", 2, "قذيفتي هاون")),
        ("انفجرت سيارتان ملغومتان عند المدخل", ("car_bomb", 2, "سيارتان ملغومتان")),
        ("حلقت فوق المدينة طائرتان من دون طيار", ("drone", 2, "طائرتان من دون طيار")),
        ("هاجم الحوثيون المدمرة بزورقين مفخخين", ("car_bomb", 2, "زورقين مفخخين")),
        # accusative singulars after 11 to 99
        ("زرع المسلحون 16 لغما أرضيا على الطريق", ("landmine", 16, "16 لغما أرضيا")),
        ("أسقطت المروحيات 22 برميلا متفجرا", ("barrel_bomb", 22, "22 برميلا متفجرا")),  # dropped
        ("ألقت المروحيات 22 برميلا متفجرا على الحي", ("barrel_bomb", 22, "22 برميلا متفجرا")),
        ("أسقطت المروحيات على أطراف البلدة 6 براميل", ("barrel_bomb", 6, "6 براميل")),
        # a cardinal after a definite noun, and "N of the ..."
        ("فجر الانتحاريون الأربعة أنفسهم عند البوابة", ("suicide_bomber", 4, "الانتحاريون الأربعة")),
        ("لم تصب الصواريخ الـ40 أهدافها", ("rocket", 40, "الصواريخ الـ40")),
        ("سقطت خمس من القذائف في حديقة", ("artillery_shell", 5, "خمس من القذائف")),
        # new lexicon entries
        ("ألقت الطائرات ست قنابل موجهة على الجسر", ("bomb", 6, "ست قنابل موجهة")),
        ("هاجمت ثلاثة زوارق مفخخة الميناء", ("car_bomb", 3, "ثلاثة زوارق مفخخة")),
        ("فجر التنظيم أربع آليات مفخخة عند السد", ("car_bomb", 4, "أربع آليات مفخخة")),
        ("انفجرت عربتان مفخختان في الشارع", ("car_bomb", 2, "عربتان مفخختان")),
    ],
)
def test_counts_as_arabic_writes_them(scanner, text, expected):
    found = [c for c in counts(scanner, text) if c[1] is not None]
    assert found == ([expected] if expected else [])


def test_a_teen_after_a_conjunction_is_read_whole(scanner):
    """وخمس عشرة is fifteen: the و joins it to the count before, not to عشرة."""
    assert sorted(counts(scanner, "أطلقت القوات صاروخين وخمس عشرة قذيفة هاون على البلدة")) == [
        ("mortar", 15, "خمس عشرة قذيفة هاون"), ("rocket", 2, "صاروخين")]


def test_x_of_them_is_a_second_count_of_the_same_weapon(scanner):
    text = "أطلقت الفصائل تسعة صواريخ على المطار، انفجر ثلاثة منها في المدرج"
    assert counts(scanner, text) == [("rocket", 9, "تسعة صواريخ"), ("rocket", 3, "ثلاثة منها")]


def test_x_of_them_needs_a_weapon_before_it_in_the_same_sentence(scanner):
    assert counts(scanner, "سيطر الجيش على ست قرى، أربع منها في السهل") == []
    assert counts(scanner, "أطلقت الفصائل صواريخ. وزار الوزير ست قرى، أربع منها في السهل") == [
        ("rocket", None, "صواريخ")]
    # too far from the weapon: "of them" are the positions, not the rockets
    assert counts(scanner, "قصف الطيران بعشرة صواريخ مواقع المسلحين في السهل الجنوبي للمدينة وأصاب ستة منها") == [
        ("rocket", 10, "عشرة صواريخ")]
    # a part is smaller than its whole: "nine of them" after four rockets is no part
    assert counts(scanner, "أطلقوا أربعة صواريخ وقتلوا تسعة منها") == [("rocket", 4, "أربعة صواريخ")]


@pytest.mark.parametrize(
    "text",
    [
        "أصيب الرجل بين 4 و9 طلقات من بندقية",  # a range is no count
        "سقطت عشرات القذائف على الأحياء الشرقية",  # vague
        "أطلقت آلاف القذائف منذ بداية الحصار",
        "أطلقت الشرطة 12 قنبلة مسيلة للدموع على المحتجين",  # tear gas
        "أسقطت الدفاعات الجوية أربع طائرات مسيرة",  # shot down, not used
        "ضبطت الدورية شاحنة بحوزتها 40 قذيفة هاون",  # held
        "نفذ المسلحون هجومين انتحاريين في المدينة",  # two suicide attacks, not two bombers
        "وقعت ثلاث هجمات انتحارية في العاصمة",
        "دخل الصاروخ الثالث الخدمة",  # an ordinal
        "أصيب الحارس بسبع طلقات نارية",  # small arms: named, not counted
        "سقطت 1,000 قذيفة",  # not read as 0
    ],
)
def test_no_count_from_ranges_vague_words_tear_gas_shot_down_attacks_or_ordinals(scanner, text):
    assert [c for c in counts(scanner, text) if c[1] is not None] == []


def extracted_weapons(content, docno: str, text: str) -> set[tuple]:
    """Run ``sitegen extract`` on one record; the (type, count, count_text) of its incidents' weapons."""
    path = content.parent / "news.jsonl"
    record = {"docno": docno, "title": "قصف على الرقة", "text": text,
              "time": f"{docno[-2:]}/{docno[-4:-2]}/{docno[-8:-4]}"}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run(path, cwd=content.parent)
    assert result.exit_code == 0, result.output
    written = (content / "articles" / f"{docno}.md").read_text(encoding="utf-8")
    front = yaml.safe_load(written.split("---")[1])
    return {(w["type"], w["count"], w["count_text"])
            for incident in front["incidents"] for w in incident.get("weapons", [])}


def test_sitegen_extract_writes_compound_and_dual_counts(content):
    text = "أطلقت القوات أمس سبعة عشر صاروخا على مدينة الرقة، وسقطت قذيفتا هاون على الرقة."
    assert extracted_weapons(content, "JA-x-12-20170120", text) == {
        ("rocket", 17, "سبعة عشر صاروخا"), ("mortar", 2, "قذيفتا هاون")}


@pytest.mark.parametrize(
    "text, expected",
    [
        # one, written after the noun (and its adjective), in any case
        ("سقط صاروخ واحد على حي سكني", [("rocket", 1, "صاروخ واحد")]),
        ("انفجرت عبوة ناسفة واحدة قرب السوق", [("ied", 1, "عبوة ناسفة واحدة")]),
        ("أطلق المسلحون صاروخا واحدا على الثكنة", [("rocket", 1, "صاروخا واحدا")]),
        ("فجر انتحاريين اثنين نفسيهما عند الحاجز", [("suicide_bomber", 2, "انتحاريين اثنين")]),
        # a count after the noun: "whose number is"
        ("ألقت المروحيات براميل متفجرة عددها 9 على الحي", [("barrel_bomb", 9, "براميل متفجرة عددها 9")]),
        ("سقطت على البلدة قذائف صاروخية يبلغ عددها نحو خمس عشرة على الأحياء",
         [("rocket", 15, "قذائف صاروخية يبلغ عددها نحو خمس عشرة")]),
        # the number before عددها's own noun is read there, once
        ("سقطت قذائف يبلغ عددها 15 قذيفة", [("artillery_shell", 15, "15 قذيفة")]),
        # "N of" a construct, not only of a definite noun
        ("أطلق الحوثيون 5 من صواريخ الكاتيوشا على المدينة", [("rocket", 5, "5 من صواريخ")]),
        # a second count with the noun left out: "and 3 others"
        ("سقطت 4 قذائف هاون على الحي و3 أخرى على السوق",
         [("mortar", 4, "4 قذائف هاون"), ("mortar", 3, "3 أخرى")]),
        # definite duals and feminine cardinals after a definite noun
        ("قتل الجنود في انفجار العبوتين الناسفتين", [("ied", 2, "العبوتين")]),
        ("استهدف الطيران القرية في الغارتين", [("air_strike", 2, "الغارتين")]),
        ("سقطت القذائف الثلاث على المدرسة", [("artillery_shell", 3, "القذائف الثلاث")]),
        # strikes counted without جوية, when the sentence names aircraft
        ("نفذت طائرات التحالف 17 ضربة ضد مواقع التنظيم", [("air_strike", 17, "17 ضربة")]),
        ("شنت المقاتلات ضربتين على الطريق", [("air_strike", 2, "ضربتين")]),
        # weapon names the lexicon lacked
        ("حلقت طائرتان بلا طيار فوق القرية", [("drone", 2, "طائرتان بلا طيار")]),
        ("زرع المسلحون ثلاث عبوات لاصقة تحت السيارات", [("ied", 3, "ثلاث عبوات لاصقة")]),
        ("فجرت ثلاث انتحاريات أنفسهن في السوق", [("suicide_bomber", 3, "ثلاث انتحاريات")]),
        ("انفجرت 3 مفخخات في الأحياء الجنوبية", [("car_bomb", 3, "3 مفخخات")]),
        ("ألقى المهاجمون 4 رمانات يدوية على الحاجز", [("grenade", 4, "4 رمانات يدوية")]),
        # bare barrels dropped by aircraft
        ("قصفت المروحيات البلدة ب12 برميلا", [("barrel_bomb", 12, "12 برميلا")]),
    ],
)
def test_counts_after_the_noun_elided_nouns_and_new_names(scanner, text, expected):
    assert [c for c in counts(scanner, text) if c[1] is not None] == expected


@pytest.mark.parametrize(
    "text",
    [
        "تكلفة الصاروخ الواحد مرتفعة",  # per missile: definite, no count
        "سقطت إحدى القذائف على مدرسة",  # one of the shells
        "سقط واحد من الصواريخ على مدرسة",  # one of the rockets: a part, not the count
        "لم يسقط صاروخ واحد على المدينة",  # not a single one
        "هدأت الجبهة دون إطلاق قذيفة واحدة",
        "سقطت قذائف عددها غير معروف على الحي",
        "سقطت قذائف عددها بين 3 و7 على الحي",  # a range
        "ضبطت الشرطة قنبلة يدوية واحدة",  # seized
        "انفجرت قذيفة فقتلت طفلين وأصابت 3 آخرين",  # آخرين are people
        "فاز الفريق بأربع ضربات ترجيح مقابل ثلاث",  # penalties
        "وجه الأمن ثلاث ضربات للخلايا النائمة",  # blows, no aircraft
        "ارتفع سعر النفط إلى 50 دولارا ونقلت الطائرات 3 براميل",  # oil barrels
        "أصيب الحارس برصاصة واحدة",  # small arms: never counted
    ],
)
def test_no_count_from_parts_unknown_numbers_people_houses_penalties_or_oil(scanner, text):
    assert [c for c in counts(scanner, text) if c[1] is not None] == []


def test_x_others_are_not_the_weapon_when_another_count_stands_between(scanner):
    found = [c for c in counts(scanner, "قصفت الطائرات بعشرة صواريخ 4 منازل و3 أخرى") if c[1] is not None]
    assert found == [("rocket", 10, "عشرة صواريخ")]  # the three others are houses


@pytest.mark.parametrize(
    "text",
    [
        "هدد زعيم التنظيم بإطلاق 5 صواريخ على القواعد",  # a threat
        "أجرت الدولة تجربة على صاروخين باليستيين",  # a test
        "هدد التحالف بتنفيذ 100 ضربة على مواقع التنظيم",  # a threat of strikes
        "كانت الخلية تخطط لتفجير 3 سيارات مفخخة في العاصمة",  # a plan
        "حجزت الشرطة 3 قنابل يدوية كانت معدة لإطلاقها",  # seized, a purpose after it
    ],
)
def test_no_count_from_threats_plans_foiled_attacks_or_tests(scanner, text):
    assert [c for c in counts(scanner, text) if c[1] is not None] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("عثر المسعفون على جثث 5 أشخاص بعد أن سقطت 3 قذائف على الحي", ("artillery_shell", 3, "3 قذائف")),
        ("دعا الوزير إلى ضبط النفس بعد سقوط 4 صواريخ على البلدة", ("rocket", 4, "4 صواريخ")),
        ("بعد تهديدات متكررة، شنت الطائرات 20 غارة على المدينة", ("air_strike", 20, "20 غارة")),
    ],
)
def test_a_verb_of_use_after_a_find_or_a_threat_makes_the_weapon_used(scanner, text, expected):
    assert [c for c in counts(scanner, text) if c[1] is not None] == [expected]


def test_a_foiled_attack_keeps_its_weapon_without_a_count(scanner):
    assert counts(scanner, "أحبطت القوات هجوما بسيارتين مفخختين") == [("car_bomb", None, "سيارتين مفخختين")]


def test_sitegen_extract_writes_counts_after_the_noun_and_none_for_a_threat(content):
    text = ("سقطت أمس على مدينة الرقة قذائف بلغ عددها 12، وسقط صاروخ واحد على مدرسة في الرقة. "
            "وهدد التنظيم بإطلاق 50 صاروخا على المدينة.")
    assert extracted_weapons(content, "JA-x-13-20170121", text) == {
        ("artillery_shell", 12, "قذائف بلغ عددها 12"), ("rocket", 1, "صاروخ واحد")}
