"""Queries against a small index: syntax, highlights, filters, suggestions, errors, ranking."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

import pytest

from sitegen import arabic
from sitegen.errors import SitegenError
from sitegen.model import Actor, ActorRole, Article, Incident, Place, Vocabulary
from sitegen.search import (
    SearchError,
    SearchIndex,
    build_index,
    format_results,
    search,
)


ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_0aeae3b849c18532.txt"


def seed_article() -> Article:
    title, lede, *body = SEED.read_text(encoding="utf-8").split("\n")
    return Article(
        id="seed",
        title=title,
        lede=lede,
        body="\n".join(body),
        published=dt.date(2022, 1, 8),
        outlet="فرات بوست",
        incidents=(
            Incident(
                id="omar",
                type="shelling",
                date=dt.date(2022, 1, 7),
                location="omar-oil-field",
                actors=(ActorRole("iranian-backed-militias", "attacker"), ActorRole("us-forces", "target")),
            ),
        ),
    )


def vocabulary() -> Vocabulary:
    places = [
        Place("deir-ez-zor", "دير الزور", "governorate"),
        Place("omar-oil-field", "حقل العمر", "site", parent="deir-ez-zor"),
        Place("aleppo", "حلب", "governorate"),
        Place("buzaa", "بزاعة", "town", parent="aleppo"),
    ]
    actors = [
        Actor("us-led-coalition", "التحالف الدولي"),
        Actor("us-forces", "القوات الأمريكية", parent="us-led-coalition"),
        Actor("iranian-backed-militias", "الميليشيات الإيرانية"),
    ]
    return Vocabulary(places={p.id: p for p in places}, actors={a.id: a for a in actors})


def other_articles() -> list[Article]:
    return [
        Article(
            id="buzaa-shelling",
            title="قَصْفٌ مدفعيّ على بزاعة",
            body="سقطت قذائف على بزاعة في ريف حلب، وقال الأهالي إن المدرسة أصيبت.",
            published=dt.date(2023, 3, 2),
            incidents=(Incident(id="b1", type="shelling", date=dt.date(2023, 3, 1), location="buzaa"),),
        ),
        Article(
            id="school-report",
            title="تقرير عن التعليم",
            body="زار الوزير مدرسي المنطقة وتحدث إلى المعلمين.",
            published=dt.date(2021, 5, 5),
            incidents=(Incident(id="s1", type="protest", date=dt.date(2021, 5, 4), date_end=dt.date(2021, 5, 6)),),
        ),
    ]


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("index")
    build_index([seed_article(), *other_articles()], vocabulary(), directory)
    return directory


@pytest.fixture
def index(index_dir):
    with SearchIndex(index_dir) as opened:
        yield opened


def ids(results):
    return [hit.id for hit in results.hits]


def ids_of_all(results):
    """Hits holding the whole query (tier "all"), not the closest matches after them."""
    return [hit.id for hit in results.hits if hit.tier == "all"]


def test_words_are_anded_and_forgiving(index):
    assert ids(index.search("الامريكيه الميليشيات")) == ["seed"]
    assert sorted(ids(index.search("قذيفه"))) == ["buzaa-shelling", "seed"]
    assert ids_of_all(index.search("قذيفه حلب")) == ["buzaa-shelling"]


def test_or_not_phrase_and_prefix(index):
    assert set(ids(index.search("بزاعة OR سليماني"))) == {"buzaa-shelling", "seed"}
    assert ids(index.search("قذائف NOT حلب")) == ["seed"]
    assert ids(index.search('"دير الزور"')) == ["seed"]
    assert ids(index.search('"الزور دير"')) == []
    assert ids(index.search("أعل*")) == ["seed"]  # prefix on the normalized form: اعلنت


def test_highlights_show_the_original_text_with_harakat(index):
    hit = index.search("قصف بزاعة").hits[0]
    assert hit.id == "buzaa-shelling"
    assert hit.snippet, "a snippet is expected"
    marked = [text for text, match in hit.snippet if match]
    assert "بزاعة" in marked
    title_hit = index.search("مدفعي").hits[0]
    assert [text for text, match in title_hit.snippet if match] == ["مدفعيّ"]


def test_snippet_marks_every_form_of_a_stemmed_word(index):
    hit = index.search("صاروخ").hits[0]
    marked = [text for text, match in hit.snippet if match]
    assert marked and {arabic.Analyzer().stem(arabic.normalize_word(text)) for text in marked} == {"صاروخ"}
    assert any(text != "صاروخ" for text in marked)  # the marked forms are the text's own


def test_snippet_prefers_the_passage_with_the_most_query_words(index):
    hit = index.search("قذائف صاروخية").hits[0]
    assert [text for text, match in hit.snippet if match] == ["قذائف", "صاروخية"]


def test_no_highlight_gives_no_snippet(index):
    assert index.search("بزاعة", highlight=False).hits[0].snippet == ()


def test_filters(index):
    assert ids(index.search("قذائف", place="deir-ez-zor")) == ["seed"]  # ancestor of omar-oil-field
    assert ids(index.search("قذائف", place="aleppo")) == ["buzaa-shelling"]
    assert ids(index.search("قذائف", actor="us-led-coalition")) == ["seed"]  # parent of us-forces
    assert ids(index.search("قذائف", type="protest")) == []
    assert ids(index.search("قذائف", date_from="2023-01-01")) == ["buzaa-shelling"]
    assert ids(index.search("قذائف", date_to=dt.date(2022, 1, 7))) == ["seed"]  # incident day
    assert ids(index.search("الوزير", date_from="2021-05-06", date_to="2021-05-06")) == ["school-report"]


def test_did_you_mean_both_ways(index, tmp_path):
    # The seed misspells فيلق as فليق: the right spelling finds nothing and suggests the typo.
    missing = index.search("فيلق القدس")
    assert missing.total == 0
    assert missing.suggestion == "فليق القدس"
    assert index.search("فليق القدس").suggestion is None
    # And a typo against an index with the right spelling suggests the word present.
    build_index([Article(id="x", title="خبر", published=dt.date(2022, 1, 1), body="فيلق القدس")], Vocabulary(), tmp_path)
    assert search(tmp_path, "فليق").suggestion == "فيلق"
    typo = index.search("المعلمبن")
    assert typo.total == 0 and typo.suggestion == "المعلمين"


def test_no_suggestion_when_nothing_close(index):
    results = index.search("زقزقة")
    assert results.total == 0 and results.suggestion is None
    assert index.search("قطف").suggestion == "قصف"  # one edit away
    assert index.search("ثصق").suggestion is None  # two edits: too far for a short word


def test_exact_matches_rank_first():
    # Both mention a form of the same stem; the one that spells the query exactly wins.
    articles = [
        Article(id="a-stemmed", title="خبر", published=dt.date(2022, 1, 1), body="زار الوفد مدرسي البلدة"),
        Article(id="b-exact", title="خبر", published=dt.date(2022, 1, 1), body="زار الوفد المدرسة في البلدة"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        build_index(articles, Vocabulary(), Path(tmp) / "ix")
        assert ids(search(Path(tmp) / "ix", "المدرسة")) == ["b-exact", "a-stemmed"]
        assert ids(search(Path(tmp) / "ix", "مدرسي")) == ["a-stemmed", "b-exact"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"دير الزور', "unbalanced quote"),
        ("(قصف غارة", "unbalanced parentheses"),
        ("(قصف OR", "OR has no word after it"),
        ("في من على", "nothing to search for"),
        ("  ", "empty query"),
        ("ا*", "prefix too short"),
    ],
)
def test_bad_queries(index, query, message):
    with pytest.raises(SearchError, match=message):
        index.search(query)


def test_bad_filters(index):
    with pytest.raises(SearchError, match="not a date"):
        index.search("قصف", date_from="08/01/2022")
    with pytest.raises(SearchError, match="after"):
        index.search("قصف", date_from="2022-02-01", date_to="2022-01-01")


def test_missing_index_says_to_build(tmp_path):
    with pytest.raises(SearchError, match="run `sitegen build` first") as raised:
        search(tmp_path / "nothing", "قصف")
    assert isinstance(raised.value, SitegenError)


def test_format_results_plain_and_json(index):
    results = index.search("بزاعة")
    text = format_results(results)
    assert "articles/buzaa-shelling.html" in text and "[بزاعة]" in text
    data = json.loads(format_results(results, as_json=True))
    assert data["total"] == 1 and data["hits"][0]["path"] == "articles/buzaa-shelling.html"
    assert {"text": "بزاعة", "match": True} in data["hits"][0]["snippet"]
    assert "did you mean: فليق" in format_results(index.search("فيلق"))


def test_build_refuses_a_folder_that_holds_an_index(index_dir):
    with pytest.raises(FileExistsError):
        build_index([seed_article()], vocabulary(), index_dir)


def test_scores_are_whooshs_bm25f_computed_without_pruning(index_dir):
    """The contract of ranking.py reproduces Whoosh's own BM25F for a word (6 fields, boosted)."""
    from whoosh import index as whoosh_index
    from whoosh import query as wq
    from whoosh import scoring

    from sitegen.search.ranking import BM25_B, BM25_K1, FIELD_BOOSTS, TITLE_B, WHOLE_EXACT_BOOSTS

    with SearchIndex(index_dir) as opened:
        ours = {hit.id: hit.score for hit in opened.search("قذائف", limit=100, highlight=False).hits}
        word, stem = "قذاءف", opened.analyzer.stem("قذاءف")
    ix = whoosh_index.open_dir(str(index_dir))
    weighting = scoring.BM25F(B=BM25_B, K1=BM25_K1, title_B=TITLE_B, title_exact_B=TITLE_B)

    def whoosh_scores(boosts: dict[str, float]) -> dict[str, float]:
        terms = [wq.Term(f, word if f.endswith("_exact") else stem, boost=b) for f, b in boosts.items()]
        with ix.searcher(weighting=weighting) as searcher:  # limit=None: Whoosh scores every match
            return {hit["id"]: hit.score for hit in searcher.search(wq.Or(terms), limit=None)}

    main, bonus = whoosh_scores(FIELD_BOOSTS), whoosh_scores(WHOLE_EXACT_BOOSTS)
    ix.close()
    assert set(ours) == set(main) and len(ours) >= 2 and bonus
    for article_id, score in main.items():  # the whole-query exact bonus adds for documents holding the word as typed
        assert abs(ours[article_id] - round(score + bonus.get(article_id, 0.0), 6)) < 2e-6, article_id
