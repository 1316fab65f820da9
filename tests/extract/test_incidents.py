"""Incidents from short texts: dating, places, casualties and responses."""

import datetime as dt

from sitegen.extract.inputs import RawArticle
from sitegen.extract.propose import Proposer

PUBLISHED = dt.date(2017, 3, 12)  # a Sunday


def incidents(scanner, body, published=PUBLISHED):
    raw = RawArticle(id="t", title="عنوان", body=body, source="test")
    return Proposer(scanner).propose(raw, published).front.get("incidents", [])


def test_casualties_and_a_dated_place(scanner):
    [incident] = incidents(scanner, "قتل 3 مدنيين وأصيب خمسة في غارة جوية على مدينة الرقة أمس.")
    assert (incident["date"], incident["location"], incident["type"], incident["killed"]) == (
        dt.date(2017, 3, 11), "ar-raqqah", "air_strike", 3,
    )


def test_without_a_date_cue_the_incident_is_on_or_before_publication(scanner):
    [incident] = incidents(scanner, "سقطت قذائف هاون على حي في مدينة حلب.")
    assert (incident["date"], incident["date_precision"]) == (PUBLISHED, "on_or_before")
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
