"""Incidents from short texts: dating, places, casualties and responses."""

import datetime as dt

from sitegen.extract.inputs import RawArticle
from sitegen.extract.propose import Proposer

PUBLISHED = dt.date(2017, 3, 12)  # a Sunday


def incidents(scanner, body, published=PUBLISHED, lede=None):
    raw = RawArticle(id="t", title="عنوان", body=body, source="test", lede=lede)
    return Proposer(scanner).propose(raw, published).front.get("incidents", [])


def test_casualties_and_a_dated_place(scanner):
    [incident] = incidents(scanner, "قتل 3 مدنيين وأصيب خمسة في غارة جوية على مدينة الرقة أمس.")
    assert (incident["date"], incident["location"], incident["type"], incident["killed"]) == (
        dt.date(2017, 3, 11), "ar-raqqah", "air_strike", 3,
    )


def test_without_a_date_cue_the_date_is_left_empty_not_the_publication_day(scanner):
    [incident] = incidents(scanner, "سقطت قذائف هاون على حي في مدينة حلب.")
    assert (incident["date"], incident["date_precision"]) == (None, "unresolved")
    assert "date_text" not in incident
    assert incidents(scanner, "سقطت قذائف هاون على حي في مدينة حلب.", None)[0]["date_precision"] == "unresolved"


def test_a_statement_without_a_place_or_weapon_is_no_incident(scanner):
    assert incidents(scanner, "وقال المتحدث أمس إن الهجمات ستتوقف.") == []


def test_an_answer_is_linked_to_what_it_answers(scanner):
    found = incidents(scanner, "الخميس، استهدفت القوات التركية مواقع في منبج رداً على هجوم بالصواريخ على مدينة أعزاز.")
    by_place = {i["location"]: i for i in found}
    assert set(by_place) == {"manbij", "izaz"}
    assert by_place["manbij"]["related"] == [{"incident": by_place["izaz"]["id"], "relation": "response_to"}]
    assert by_place["manbij"]["actors"][0]["actor"] == "turkish-forces"


def test_two_places_in_one_report_are_two_incidents_with_unique_ids(scanner):
    found = incidents(scanner, "أمس، تعرضت قاعدة الشدادي وقاعدة التنف لهجمات بطائرات مسيرة.")
    assert [i["location"] for i in found] == ["al-shaddadi-base", "al-tanf-base"]
    assert len({i["id"] for i in found}) == 2


def test_the_lede_is_read_like_the_body(scanner):
    [incident] = incidents(scanner, "قالت مصادر إن الوضع متوتر.", lede="قتل 5 أشخاص أمس في تفجير سيارة مفخخة في مدينة الرقة.")
    assert (incident["date"], incident["location"], incident["killed"]) == (dt.date(2017, 3, 11), "ar-raqqah", 5)


def test_an_event_told_in_the_lede_and_again_in_the_body_is_one_incident(scanner):
    lede = "قتل 51 شخصا في تفجير سيارة مفخخة في مدينة الرقة."
    body = "قتل 51 شخصا أمس في تفجير سيارة مفخخة في مدينة الرقة. وأوضح المصدر أن التفجير وقع في مدينة الرقة."
    [incident] = incidents(scanner, body, lede=lede)
    assert (incident["date"], incident["killed"], incident["killed_text"]) == (dt.date(2017, 3, 11), 51, "قتل 51")


def test_a_dated_placed_violent_event_without_a_type_cue_is_an_incident_of_no_type(scanner):
    [incident] = incidents(scanner, "أعدم تنظيم داعش أمس 12 شخصا في مدينة الرقة.")
    assert (incident["date"], incident["location"]) == (dt.date(2017, 3, 11), "ar-raqqah")
    assert "type" not in incident
    assert incidents(scanner, "أعدم تنظيم داعش 12 شخصا في مدينة الرقة.") == []  # no date: nothing to anchor it


def test_one_casualty_figure_is_not_copied_onto_several_incidents(scanner):
    found = incidents(scanner, "أمس، قصفت الطائرات مدينة الرقة وبلدة عين عيسى، ما أسفر عن مقتل 7 مدنيين.")
    assert [i["location"] for i in found] == ["ar-raqqah", "ain-issa"]
    assert [i.get("killed") for i in found] == [None, 7]
    assert found[1]["killed_text"] == "مقتل 7"


def test_a_civilian_group_is_a_victim_not_an_attacker(scanner):
    [incident] = incidents(scanner, "هاجم مسلحون المدنيين أمس في مدينة الرقة.")
    assert incident["actors"] == [{"actor": "civilians", "role": "victim", "text": "المدنيين"}]
    [incident] = incidents(scanner, "قتل 3 مدنيين في غارة جوية على مدينة الرقة أمس.")
    assert [a["role"] for a in incident["actors"]] == ["victim"]


def test_a_response_is_linked_to_the_attack_on_the_responder_not_the_last_incident(scanner):
    found = incidents(scanner, (
        "أمس، استهدفت الميليشيات الإيرانية بالصواريخ قاعدة التنف التي تتمركز فيها القوات الأمريكية. "
        "وفي سياق آخر، اندلعت اشتباكات بين قوات النظام وتنظيم داعش في مدينة تدمر. "
        "وردت القوات الأمريكية بقصف مواقع الميليشيات الإيرانية في مدينة البوكمال."
    ))
    by_place = {i["location"]: i for i in found}
    assert by_place["abu-kamal-district"]["related"] == [
        {"incident": by_place["al-tanf-base"]["id"], "relation": "response_to"}
    ]


def test_since_years_do_not_date_an_incident(scanner):
    [incident] = incidents(scanner, "تسيطر قوات النظام منذ 2013 على المدينة، وقصفت أمس مدينة الرقة.")
    assert (incident["date"], incident["date_text"]) == (dt.date(2017, 3, 11), "أمس")
    [incident] = incidents(scanner, "قصفت الطائرات مدينة الرقة منذ بداية العام الماضي.")
    assert incident["date"] is None and incident["date_precision"] == "unresolved"


def test_the_day_of_the_report_is_not_the_day_of_the_event(scanner):
    [incident] = incidents(scanner, "أعلنت الشرطة اليوم الأحد ارتفاع ضحايا التفجيرين اللذين وقعا في بغداد الليلة الماضية إلى 80 قتيلا.")
    assert (incident["date"], incident["date_text"], incident["killed"]) == (dt.date(2017, 3, 11), "الليلة الماضية", 80)
    [incident] = incidents(scanner, "أفاد مصدر محلي في محافظة نينوى، اليوم الأحد، بأن خبيرا قتل بانفجار داخل قضاء تلعفر.")
    assert (incident["date"], incident["date_precision"]) == (PUBLISHED, "on_or_before")


def test_the_night_and_the_following_dawn_are_one_event(scanner):
    found = incidents(scanner, "قتل 80 شخصا في تفجير في بغداد الليلة الماضية. وتبنى التنظيم الهجوم الذي تم بسيارة مفخخة في حي الكرادة فجر الأحد.")
    assert len(found) == 1 and found[0]["location"] == "karrada"


def test_people_who_met_their_death_and_were_injured_are_counted(scanner):
    [incident] = incidents(scanner, "لقي 9 أشخاص على الاقل مصرعهم مساء اليوم في هجوم بسيارة مفخخة بحي الكرادة، "
                                    "وأن 20 شخصا أصيبوا أيضا في الانفجار.")
    assert (incident["killed"], incident["killed_text"]) == (9, "لقي 9 أشخاص على الاقل مصرعهم")
    assert (incident["injured"], incident["injured_text"]) == (20, "20 شخصا أصيبوا")


def test_places_the_gazetteer_lacks_named_together_are_one_incident(scanner):
    found = incidents(scanner, "قتل شخص اليوم الجمعة في انفجار عبوة ناسفة بشارع الجزائر في منطقة المعادي جنوب القاهرة. "
                               "وأغلقت الأجهزة الأمنية الطرق المؤدية إلى شارع الجزائر.")
    assert [(i["location_text"], i["location_precision"], i.get("location")) for i in found] == [
        ("شارع الجزائر", "site", None)
    ]
    [incident] = incidents(scanner, "أمس، انفجرت سيارة مفخخة في حي الكرادة ببغداد. وأفاد شهود أن الانفجار وقع قرب حي العلوية.")
    assert incident["location"] == "karrada"


def test_an_accident_is_no_incident(scanner):
    assert incidents(scanner, "توفيت امرأة وأصيب 3 آخرون أمس في اصطدام سيارتين في منطقة العالية.") == []
    assert incidents(scanner, "قتل شخص أمس في حادث مرور بمدينة الرقة.") == []
