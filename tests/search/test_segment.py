"""The full build's index (one analysis per text, the segment written directly) is the index
Whoosh's own writer makes of the same documents, every document is in it, and phrases are
found on the stored text as they were on positions."""

from __future__ import annotations

import datetime as dt
import functools
import os
import random
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from sitegen import arabic
from sitegen.content import load_content
from sitegen.model import Article, Vocabulary
from sitegen.search import SearchIndex, analysis_pool, build_index
from sitegen.search.analysis import analyzed_fields
from sitegen.search.ranking import EXACT_SUFFIX, TEXT_PARTS
from sitegen.search.schema import document, make_schema, protected_names
from sitegen.search.segment import SegmentBuilder

REPO = Path(__file__).resolve().parents[2]

# Words that stress the analysis: stop words, clitics, a protected name, digits glued to
# letters, harakat, tatweel, Persian letters, punctuation, Latin, repeated words.
WORDS = ("قصف", "القصف", "وبالقصف", "قصفت", "في", "من", "على", "ولماذا", "الميادين", "بالميادين", "دير",
         "الزور", "صواريخ", "صاروخ", "قذيفة", "قذيفه", "مُدفعيّ", "مـدفعي", "كتيبة", "آيفون7", "٢٠٢٢", "2022",
         "Reuters", "«قال»", "المدنيين", "ی", "ك", "الله", "إيران", "حلب", "بزاعة", "—", "؟")


def _articles(count: int, seed: int) -> list[Article]:
    rng = random.Random(seed)

    def text(low: int, high: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))

    articles = []
    for n in range(count):
        articles.append(Article(
            id=f"a{n:04d}", title=text(1, 6), lede=text(0, 12) or None, body=text(0, 200),
            published=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 900)),
            outlet=rng.choice(["عنب بلدي", "فرات بوست", None]), cited_outlets=("رويترز",) if n % 7 == 0 else ()))
    return articles


def _whoosh_index(articles: list[Article], vocabulary: Vocabulary, folder: Path):
    """The same documents through Whoosh's own writer (analysis by the schema's analyzers)."""
    ix = whoosh_index.create_in(str(folder), make_schema(arabic.Analyzer(protected_names(vocabulary))))
    with ix.writer(procs=1) as writer:
        for article in sorted(articles, key=lambda a: a.id):
            writer.add_document(**document(article, vocabulary))
    return ix


def _everything(ix) -> dict:
    """What a reader sees of an index: documents, stored fields, lengths, terms and postings."""
    seen: dict = {}
    with ix.reader() as reader:
        seen["docs"] = (reader.doc_count_all(), reader.doc_count())
        seen["stored"] = list(reader.all_stored_fields())
        fields = sorted(ix.schema.names())
        seen["lengths"] = {f: [reader.doc_field_length(d, f) for d in range(reader.doc_count_all())] for f in fields}
        seen["field totals"] = {f: (reader.field_length(f), reader.min_field_length(f), reader.max_field_length(f))
                                for f in fields if reader.field_length(f)}
        seen["columns"] = list(reader.column_reader("published"))
        terms = {}
        for field, btext in reader.all_terms():
            info = reader.term_info(field, btext)
            matcher = reader.postings(field, btext)
            postings = []
            while matcher.is_active():
                postings.append((matcher.id(), matcher.weight(), matcher.value()))
                matcher.next()
            terms[field, btext] = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
                                   info.max_weight(), info.min_id(), info.max_id(), postings)
        seen["terms"] = terms
    return seen


@pytest.mark.parametrize("count", [1, 3, 300])  # 300: terms with several blocks of postings (128 a block)
def test_the_direct_segment_is_what_whoosh_writes(tmp_path, count):
    vocabulary = load_content(REPO / "content")[0].vocabulary
    articles = _articles(count, seed=count)
    build_index(articles, vocabulary, tmp_path / "direct")
    (tmp_path / "whoosh").mkdir()
    theirs = _whoosh_index(articles, vocabulary, tmp_path / "whoosh")
    ours = whoosh_index.open_dir(str(tmp_path / "direct"))
    mine, expected = _everything(ours), _everything(theirs)
    assert mine["docs"] == expected["docs"] == (count, count)
    for key in expected:
        assert mine[key] == expected[key], key
    assert any(len(p[-1]) > 128 for p in mine["terms"].values()) == (count == 300)


def test_every_document_is_in_the_index_analysed_in_a_worker_or_not(tmp_path, monkeypatch):
    articles = _articles(1100, seed=11)
    assert len(articles) > analysis_pool.MIN_DOCUMENTS  # analysed in a forked worker
    pids = tmp_path / "pids"
    monkeypatch.setattr(analysis_pool, "analyzed_fields", functools.partial(_noting_the_process, pids))
    assert build_index(articles, Vocabulary(), tmp_path / "ix") == 1100
    ix = whoosh_index.open_dir(str(tmp_path / "ix"))
    with ix.reader() as reader:
        assert reader.doc_count() == reader.doc_count_all() == 1100
        assert sorted(fields["id"] for fields in reader.all_stored_fields()) == [a.id for a in articles]
        assert {t.decode() for t in reader.lexicon("id")} == {a.id for a in articles}
    monkeypatch.setattr(analysis_pool, "MIN_DOCUMENTS", 10**9)  # now in this process
    build_index(articles, Vocabulary(), tmp_path / "here")
    assert _everything(whoosh_index.open_dir(str(tmp_path / "here"))) == _everything(ix)
    analysed_by = pids.read_text().split()
    assert len(analysed_by) == 2 * 1100
    if analysis_pool._can_fork():  # first in a worker, then here
        assert set(analysed_by[:1100]) != {str(os.getpid())} and set(analysed_by[1100:]) == {str(os.getpid())}


def _noting_the_process(notes: Path, *args):
    with notes.open("a") as out:
        out.write(f"{os.getpid()}\n")
    return analyzed_fields(*args)


def test_an_empty_index(tmp_path):
    assert build_index([], Vocabulary(), tmp_path / "ix") == 0
    with SearchIndex(tmp_path / "ix") as index:
        assert index.search("قصف").total == 0


def test_a_failed_build_publishes_no_document_and_releases_the_lock(tmp_path, monkeypatch):
    calls = []

    def broken(*args):
        calls.append(1)
        if len(calls) == 2:
            raise ValueError("analysis failed")
        return analyzed_fields(*args)

    monkeypatch.setattr("sitegen.search.analysis_pool.analyzed_fields", broken)
    with pytest.raises(ValueError):
        build_index(_articles(3, seed=1), Vocabulary(), tmp_path / "ix")
    ix = whoosh_index.open_dir(str(tmp_path / "ix"))
    assert ix.doc_count_all() == 0
    ix.writer().cancel()  # the write lock was released


def test_the_segment_builder_refuses_an_index_that_has_documents(tmp_path):
    build_index(_articles(2, seed=2), Vocabulary(), tmp_path / "ix")
    with pytest.raises(ValueError, match="empty index"):
        SegmentBuilder(whoosh_index.open_dir(str(tmp_path / "ix")))


def test_one_analysis_gives_both_fields_as_the_whoosh_analyzers_do():
    vocabulary = load_content(REPO / "content")[0].vocabulary
    analyzer = arabic.Analyzer(protected_names(vocabulary))
    schema = make_schema(analyzer)
    texts = [a.body or "" for a in _articles(40, seed=5)] + [w for w in WORDS]
    for text in texts:
        fields = analyzed_fields(analyzer, {part: text for part in TEXT_PARTS})
        for part in TEXT_PARTS:
            for name in (part, part + EXACT_SUFFIX):
                tokens = [t.text for t in schema[name].analyzer(text)]
                counts, length = fields[name]
                assert length == len(tokens)
                assert counts == {t: tokens.count(t) for t in tokens}
        assert analyzer.forms(text) == [(w.exact, w.stem) for w in analyzer.analyze(text)]


def test_on_corpus_text_one_analysis_and_the_direct_segment_agree_with_whoosh(corpus_path, tmp_path):
    import sys

    sys.path.insert(0, str(REPO / "bench"))
    from corpus import read_articles  # noqa: PLC0415  (bench/corpus.py: the corpus as sitegen articles)

    articles = read_articles(corpus_path)[0][:2000]
    vocabulary = load_content(REPO / "content")[0].vocabulary
    analyzer = arabic.Analyzer(protected_names(vocabulary))
    for article in articles:
        for text in (article.title, article.lede or "", article.body or ""):
            assert analyzer.forms(text) == [(w.exact, w.stem) for w in analyzer.analyze(text)]
    sample = articles[:400]
    build_index(sample, vocabulary, tmp_path / "direct")
    (tmp_path / "whoosh").mkdir()
    expected = _everything(_whoosh_index(sample, vocabulary, tmp_path / "whoosh"))
    mine = _everything(whoosh_index.open_dir(str(tmp_path / "direct")))
    for key in expected:
        assert mine[key] == expected[key], key


def _article(article_id: str, body: str, title: str = "عنوان") -> Article:
    return Article(id=article_id, title=title, lede=None, body=body, published=dt.date(2022, 1, 1))


def test_phrases_are_checked_on_the_text(tmp_path):
    articles = [
        _article("adjacent", "سقطت قذيفة مدفعية على السوق"),
        _article("stop-word-between", "سقطت قذيفة من مدفعية"),  # a stop word between: still a phrase
        _article("apart", "سقطت قذيفة ثم جاءت مدفعية"),
        _article("reversed", "مدفعية قذيفة"),
        _article("inflected", "القذائف المدفعية أصابت"),  # the stems follow each other
        _article("split", "قذيفة", title="مدفعية"),  # one word in the title, one in the body
    ]
    build_index(articles, Vocabulary(), tmp_path / "ix")
    with SearchIndex(tmp_path / "ix") as index:
        found = {h.id for h in index.search('"قذيفة مدفعية"', limit=20).hits}
        assert found == {"adjacent", "stop-word-between", "inflected"}
        assert index.search('"قذيفة مدفعية"').total == 3
        assert {h.id for h in index.search('"مدفعية قذيفة"').hits} == {"reversed"}
        # an exact-form phrase ranks the article that wrote it so above the inflected one
        assert index.search('"قذيفة مدفعية"').hits[-1].id == "inflected"
