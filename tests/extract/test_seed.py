"""The seed article, end to end: what ``sitegen extract`` proposes for it.

The expected metadata was written by reading the article (published Saturday 2022-01-08,
the date the lead's reviewed copy infers). Ids are the gazetteer's and actors.yaml's.
"""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from sitegen.cli import main
from sitegen.content import load_content
from sitegen.extract import inputs, writer
from sitegen.extract.propose import Proposer


def D(year, month, day):
    """Dates as the article file holds them: YYYY-MM-DD text (the schema parses them)."""
    return dt.date(year, month, day).isoformat()


EXPECTED_INCIDENTS = [
    {
        "id": "2022-01-07-omar-oil-field-shelling", "type": "shelling",
        "date": D(2022, 1, 7), "date_end": None, "date_precision": "day", "date_text": "ليلة أمس الجمعة",
        "time_of_day": "night", "location": "omar-oil-field", "location_precision": "site",
        "actors": {("iranian-backed-militias", "attacker", "badiyat-al-mayadin"),
                   ("us-led-coalition", "target", None), ("us-forces", "target", None)},
        "weapons": {("rocket", None, "عدة قذائف صاروخية")},
        "related": [],
    },
    {
        "id": "2022-01-07-al-mayadin-shelling", "type": "shelling",
        "date": D(2022, 1, 7), "date_end": None, "date_precision": "day", "date_text": "ليلة أمس الجمعة",
        "time_of_day": "night", "location": "al-mayadin", "location_precision": "town",
        "actors": {("us-forces", "attacker", None), ("iranian-backed-militias", "target", None)},
        "weapons": set(),
        "related": [{"incident": "2022-01-07-omar-oil-field-shelling", "relation": "response_to"}],
    },
    {
        "id": "2022-01-01-omar-oil-field-attack", "type": "attack",
        "date": D(2022, 1, 1), "date_end": D(2022, 1, 7), "date_precision": "week", "date_text": "الأسبوع الماضي",
        "time_of_day": None, "location": "omar-oil-field", "location_precision": "site",
        "actors": {("us-forces", "target", None)}, "weapons": set(), "related": [],
    },
    {
        "id": "2022-01-01-al-shaddadi-base-attack", "type": "attack",
        "date": D(2022, 1, 1), "date_end": D(2022, 1, 7), "date_precision": "week", "date_text": "الأسبوع الماضي",
        "time_of_day": None, "location": "al-shaddadi-base", "location_precision": "site",
        "actors": {("us-forces", "target", None)}, "weapons": set(), "related": [],
    },
    {
        "id": "2022-01-04-syria-shelling", "type": "shelling",
        "date": D(2022, 1, 4), "date_end": None, "date_precision": "on_or_before", "date_text": "الثلاثاء",
        "time_of_day": None, "location": "syria", "location_precision": "country",
        "actors": {("us-department-of-defense", "attacker", None), ("iranian-backed-militias", "target", None)},
        "weapons": set(), "related": [],
    },
    {
        "id": "2022-01-05-green-village-base-shelling", "type": "shelling",
        "date": D(2022, 1, 5), "date_end": None, "date_precision": "on_or_before", "date_text": "الأربعاء",
        "time_of_day": None, "location": "green-village-base", "location_precision": "site",
        "actors": set(), "weapons": {("rocket", 8, "8 صواريخ")}, "related": [],
    },
    {
        "id": "2022-01-05-deir-ez-zor-shelling", "type": "shelling",
        "date": D(2022, 1, 5), "date_end": None, "date_precision": "on_or_before", "date_text": "الأربعاء",
        "time_of_day": None, "location": "deir-ez-zor", "location_precision": "town",
        "actors": {("us-led-coalition", "attacker", None)},
        "weapons": {("artillery_shell", 6, "ستة قذائف مدفعية")},
        "related": [{"incident": "2022-01-05-green-village-base-shelling", "relation": "response_to"}],
    },
]


@pytest.fixture(scope="module")
def seed_front(module_content, seed):
    content = module_content
    result = CliRunner().invoke(
        main, ["extract", str(seed), "--published", "2022-01-08", "--content", str(content)]
    )
    assert result.exit_code == 0, result.output
    assert "1 written" in result.output
    assert (content / ".extracted" / "000-0aeae3b849c18532.yaml").exists()  # the record beside the content
    front, body = writer.split((content / "articles" / "000-0aeae3b849c18532.md").read_text(encoding="utf-8"))
    return front, body


def _projection(incident: dict) -> dict:
    return {
        **{key: incident.get(key) for key in (
            "id", "type", "date", "date_end", "date_precision", "date_text", "time_of_day", "location",
            "location_precision")},
        "actors": {(a["actor"], a.get("role"), a.get("origin")) for a in incident.get("actors", [])},
        "weapons": {(w["type"], w.get("count"), w.get("count_text")) for w in incident.get("weapons", [])},
        "related": incident.get("related", []),
    }


def test_article_fields(seed_front):
    front, body = seed_front
    assert front["id"] == "000-0aeae3b849c18532"
    assert front["title"] == "قصف متبادل بين الميليشيات الإيرانية والقوات الأمريكية شرقي دير الزور"
    assert front["lede"] == "تصاعد ملحوظ للهجمات ضد مواقع القوات الأمريكية في سوريا."
    assert front["published"] == D(2022, 1, 8)
    assert front["review"] == "pending"
    assert front["cited_outlets"] == ["فرات بوست", "روسيا اليوم", "الحرة"]
    assert body.startswith("تبادلت الميليشيات الإيرانية والقوات الأمريكية القصف الصاروخي")


def test_named_speaker(scanner, seed):
    [raw] = inputs.read(seed)
    [speaker] = Proposer(scanner).propose(raw, dt.date(2022, 1, 8)).speakers
    assert (speaker["name"], speaker["role"], speaker["actor"], speaker["date"]) == (
        "جين بساكي", "المتحدثة باسم البيت الأبيض", "white-house", dt.date(2022, 1, 6),
    )


def test_the_extracted_file_passes_the_content_schema(seed_front, module_content):
    content, diagnostics = load_content(module_content)
    assert [str(d) for d in diagnostics] == []
    assert len(content.articles[0].incidents) == len(EXPECTED_INCIDENTS)


def test_every_incident(seed_front):
    front, _ = seed_front
    assert [_projection(i) for i in front["incidents"]] == EXPECTED_INCIDENTS


def test_every_value_quotes_the_phrase_it_came_from(seed_front):
    front, body = seed_front
    for incident in front["incidents"]:
        phrases = [incident["date_text"], incident["location_text"]]
        phrases += [a["text"] for a in incident.get("actors", [])]
        phrases += [w["count_text"] for w in incident.get("weapons", [])]
        for phrase in phrases:
            assert phrase in body, (incident["id"], phrase)


def test_the_lead_reviewed_incidents_are_all_found(seed_front, repo):
    """Each incident of the reviewed seed in content/articles has a proposal at its date and place."""
    reviewed, _ = writer.split(
        (repo / "content" / "articles" / "2022-01-08-deir-ez-zor-exchange-of-fire.md").read_text(encoding="utf-8")
    )
    proposed = {(i["date"], i.get("location"), i["type"]) for i in seed_front[0]["incidents"]}
    for incident in reviewed["incidents"]:
        assert (incident["date"], incident["location"], incident["type"]) in proposed, incident["id"]
