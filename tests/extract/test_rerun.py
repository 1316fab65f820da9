"""Re-running extraction: a person's edits survive, and the report names them."""

import datetime as dt

from sitegen.extract import extract, writer
from sitegen.extract.merge import merge

PUBLISHED = dt.date(2022, 1, 8)


def test_merge_keeps_edited_fields_and_reports_the_new_proposal():
    last = {"id": "a", "title": "old", "lede": "machine lede", "cited_outlets": ["الحرة"]}
    current = {"id": "a", "title": "corrected by hand", "lede": "machine lede", "cited_outlets": ["الحرة"]}
    proposal = {"id": "a", "title": "new", "lede": "new lede", "cited_outlets": ["الحرة", "فرات بوست"]}
    merged = merge(proposal, current, last)
    assert merged.front == {"id": "a", "title": "corrected by hand", "lede": "new lede",
                            "cited_outlets": ["الحرة", "فرات بوست"]}
    assert merged.edited == [("title", "new")]


def test_merge_keeps_keys_a_person_added_or_removed():
    last = {"id": "a", "lede": "machine lede"}
    current = {"id": "a", "summary_note": "mine"}  # lede deleted, a key added
    merged = merge({"id": "a", "lede": "machine lede"}, current, last)
    assert merged.front == {"id": "a", "summary_note": "mine"}
    assert merged.edited == [("lede", "machine lede")]


def test_merge_compares_dates_read_back_as_dates():
    proposal = {"id": "a", "published": PUBLISHED}
    merged = merge(proposal, {"id": "a", "published": PUBLISHED}, {"id": "a", "published": "2022-01-08"})
    assert merged.edited == [] and merged.front["published"] == PUBLISHED


def test_a_file_without_a_proposal_record_is_left_alone():
    assert merge({"id": "a", "title": "new"}, {"id": "a", "title": "mine"}, None).front is None


def test_rerun_end_to_end(content, seed):
    articles = content / "articles"
    first = extract([seed], articles, published=PUBLISHED)
    assert len(first.written) == 1 and not first.problems
    path = articles / "000-0aeae3b849c18532.md"
    assert (content / ".extracted" / "000-0aeae3b849c18532.yaml").exists()

    again = extract([seed], articles, published=PUBLISHED)
    assert again.unchanged == [str(path)] and again.edited == []

    front, body = writer.split(path.read_text(encoding="utf-8"))
    front["incidents"][0]["location"] = "al-mayadin"  # a reviewer's correction
    front["review"] = "reviewed"
    path.write_text(writer.render(front, body + "\n\nملاحظة المحرر."), encoding="utf-8")

    third = extract([seed], articles, published=dt.date(2022, 1, 9))  # new proposals for dates
    after, after_body = writer.split(path.read_text(encoding="utf-8"))
    assert after["incidents"][0]["location"] == "al-mayadin"
    assert after["review"] == "reviewed"
    assert after["published"] == "2022-01-09"  # untouched field: the new proposal is written
    assert after_body.endswith("ملاحظة المحرر.\n")
    edited_id = front["incidents"][0]["id"]
    assert third.edited == [f"field incidents[{edited_id}] of article 000-0aeae3b849c18532 was edited by hand; "
                            "extraction no longer proposes it"]
    after_ids = {i["id"] for i in after["incidents"]}
    # "ليلة أمس" now resolves against 2022-01-09: the untouched incident follows, the edited one stays
    assert "2022-01-07-al-mayadin-shelling" not in after_ids and "2022-01-08-al-mayadin-shelling" in after_ids
    assert edited_id in after_ids
    assert len(after["incidents"]) == len(front["incidents"]) + 1  # the edited one is kept beside its new version


def test_a_persons_own_file_is_never_overwritten(content, seed):
    articles = content / "articles"
    articles.mkdir()
    path = articles / "000-0aeae3b849c18532.md"
    path.write_text("---\nid: 000-0aeae3b849c18532\ntitle: بيدي\npublished: 2022-01-08\n---\n\nنص.\n", encoding="utf-8")
    report = extract([seed], articles, published=PUBLISHED)
    assert report.kept == [str(path)]
    assert "بيدي" in path.read_text(encoding="utf-8")
    assert not report.failed and "without a proposal record" in str(report.problems[0])


def _incident(incident_id: str, **fields) -> dict:
    return {"id": incident_id, "type": "shelling", "date": "2022-01-07", **fields}


def test_incidents_merge_one_by_one():
    last = {"id": "a", "incidents": [_incident("i1", location="omar-oil-field"), _incident("i2"), _incident("i3")]}
    current = {"id": "a", "incidents": [
        _incident("i1", location="al-mayadin"),  # a reviewer's correction
        _incident("i2"),  # untouched
        # i3 deleted by the reviewer
        _incident("mine", summary="added by hand"),
    ]}
    proposal = {"id": "a", "incidents": [
        _incident("i1", location="green-village-base"), _incident("i2", time_of_day="night"),
        _incident("i3", time_of_day="night"), _incident("i4"),
    ]}
    merged = merge(proposal, current, last)
    assert merged.front["incidents"] == [
        _incident("i1", location="al-mayadin"),
        _incident("i2", time_of_day="night"),
        _incident("mine", summary="added by hand"),
        _incident("i4"),
    ]
    assert merged.edited == [("incidents[i1].location", "green-village-base"),
                             ("incidents[i3]", _incident("i3", time_of_day="night"))]


def test_an_incident_no_longer_proposed_is_dropped_unless_edited():
    last = {"id": "a", "incidents": [_incident("old"), _incident("kept")]}
    current = {"id": "a", "incidents": [_incident("old"), _incident("kept", summary="checked")]}
    merged = merge({"id": "a", "incidents": []}, current, last)
    assert merged.front["incidents"] == [_incident("kept", summary="checked")]
    assert merged.edited == [("incidents[kept]", None)]
