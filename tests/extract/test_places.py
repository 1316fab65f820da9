"""Places: clitics, multiword names, place words, precision, uses, and common-word protection."""

import pytest

from sitegen.extract.places import LOCATION, ORIGIN, REFERENCE, find_places, find_unresolved
from tests.extract.conftest import REPO


def places(scanner, text):
    return [(m.place, m.precision, m.text, m.use) for m in find_places(scanner.scan(text), scanner)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("قصفت القوات بدير الزور", ("deir-ez-zor", "town", "دير الزور", LOCATION)),
        ("في الرقة والميادين بريف دير الزور", ("al-mayadin", "town", "الميادين", LOCATION)),
        ("بريف دير الزور الشرقي", ("deir-ez-zor-governorate", "governorate", "ريف دير الزور", LOCATION)),
        ("في محافظة دير الزور", ("deir-ez-zor-governorate", "governorate", "محافظة دير الزور", LOCATION)),
        ("في حقل “العمر” النفطي", ("omar-oil-field", "site", "حقل “العمر” النفطي", LOCATION)),
        ("استهدف قاعدة “القرية الخضراء”", ("green-village-base", "site", "قاعدة “القرية الخضراء”", LOCATION)),
        ("للميادين في دير الزور", ("al-mayadin", "town", "للميادين", LOCATION)),
    ],
)
def test_clitics_multiword_names_and_place_words(scanner, text, expected):
    assert expected in places(scanner, text)


def test_the_smaller_place_wins_a_shared_name(scanner):
    assert places(scanner, "في دير الزور")[0][:2] == ("deir-ez-zor", "town")


def test_a_base_word_turns_a_town_into_its_base(scanner):
    found = places(scanner, "هجمات على قاعدتي حقل العمر و”الشدادي” بريف الحسكة")
    assert ("al-shaddadi-base", "site") in [f[:2] for f in found]
    assert ("al-shaddadi", "town") in [f[:2] for f in places(scanner, "في مدينة الشدادي")]


def test_directions_make_references_and_positions_make_origins(scanner):
    found = places(scanner, "الميليشيات المتمركزة في بادية الميادين استهدفت قاعدة شرقي دير الزور")
    assert ("badiyat-al-mayadin", "region", "بادية الميادين", ORIGIN) in found
    assert ("deir-ez-zor", "town", "دير الزور", REFERENCE) in found


def test_a_word_is_never_split_into_clitic_and_name(scanner):
    assert [f[0] for f in places(scanner, "وصل إلى بغداد")] == ["baghdad"]
    assert places(scanner, "تمكن أعوان فرقة الشرطة") == []  # ف + رقة is not Raqqa


def test_names_that_are_words_need_a_place_of_the_same_governorate(scanner):
    assert places(scanner, "نجاحات في مختلف الميادين") == []
    assert places(scanner, "نجاحات في مختلف الميادين وللميادين") == []
    assert places(scanner, "في مختلف الميادين في سوريا")[0][0] == "syria"  # Syria alone is not enough
    assert "al-mayadin" in [f[0] for f in places(scanner, "في الميادين بريف دير الزور")]
    assert "al-mayadin" in [f[0] for f in places(scanner, "في مدينة الميادين")]


def test_common_words_that_are_not_variants_never_match(scanner):
    assert places(scanner, "في العمر نفسه") == []  # العمر "age": only حقل العمر names the field


def test_places_the_gazetteer_lacks_are_proposed_unresolved(scanner):
    found = find_places(scanner.scan("سقطت الطائرة في قرية الصمدانية الشرقية في ريف القنيطرة"), scanner)
    unresolved = [(p.place, p.precision, p.text) for p in found if p.place is None]
    assert unresolved == [(None, "village", "قرية الصمدانية الشرقية")]
    for text, phrase, precision in [
        ("تفجير في منطقة العبيدي شرقي بغداد", "منطقة العبيدي", "region"),
        ("اشتباكات في حي الشيخ سعيد بحلب", "حي الشيخ سعيد", "site"),
        ("انفجرت عبوة عند دوار النعيم", "دوار النعيم", "site"),
        ("قصف مشفى الرازي", "مشفى الرازي", "site"),
        ("سيطرت القوات على تل الحارة", "تل الحارة", "site"),
    ]:
        assert [(p.text, p.precision) for p in find_places(scanner.scan(text), scanner) if p.place is None] == [
            (phrase, precision)
        ], text


def test_common_words_after_a_place_word_are_no_place(scanner):
    for text in ("قرية محررة قرب الموصل", "في منطقة حدودية", "في منطقة الشرق الأوسط", "ريف المدينة", "منطقة آمنة"):
        assert find_unresolved(scanner.scan(text)) == [], text


def test_an_unresolved_place_is_extracted_built_and_shown_as_text(tmp_path, monkeypatch):
    import json
    import shutil

    from click.testing import CliRunner

    from sitegen.cli import main

    shutil.copytree(REPO / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    record = {"docno": "JA-x-9-20170312", "title": "قصف", "time": "12/03/2017",
              "text": "قصفت الطائرات أمس قرية الصمدانية الشرقية بعشرين غارة."}
    (tmp_path / "news.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", "news.jsonl"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "content" / "articles" / "JA-x-9-20170312.md").read_text(encoding="utf-8")
    assert "location_text: قرية الصمدانية الشرقية" in text and "location_precision: village" in text
    assert "\n  location: " not in text
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    pages = [p.read_text(encoding="utf-8") for p in (tmp_path / "site" / "incidents").glob("*.html")]
    assert any("قرية الصمدانية الشرقية" in page for page in pages)


def test_the_gazetteer_holds_villages_neighbourhoods_and_southern_turkey(scanner):
    def ids(text):
        return [p.place for p in find_places(scanner.scan(text), scanner)]

    assert ids("تفجير في منطقة البياع غربي بغداد")[0] == "al-bayaa"
    assert ids("اشتباكات في حي الشيخ مقصود بحلب")[0] == "sheikh-maqsoud"
    assert "kilis-province" in ids("سقطت قذائف على ولاية كلس")
    assert ids("قصفت المدفعية بلدة الريحانية التركية")  # a border town in Hatay
    places = scanner.lexicons.vocabulary.places
    assert sum(1 for p in places.values() if p.kind == "village") > 200
    assert ids("أعلنت تركيا أمس") == []  # a neighbouring country named as a state is no place


def test_neighbourhood_names_that_are_words_need_their_place_word(scanner):
    assert [p.place for p in find_places(scanner.scan("باسم الشعب والحرية"), scanner)] == []
    assert [p.place for p in find_places(scanner.scan("انفجار في حي الشعب ببغداد"), scanner)][0] == "al-shaab"


def test_markets_of_the_economy_minefields_and_metaphors_are_no_places(scanner):
    for text in ("تراجع سوق العمل", "سوق النفط العالمية", "عبروا حقل ألغام", "سد الفراغ الأمني", "ساحة المعركة"):
        assert find_unresolved(scanner.scan(text)) == [], text
    assert [p.text for p in find_unresolved(scanner.scan("انفجرت عبوة في سوق السنك"))] == ["سوق السنك"]
