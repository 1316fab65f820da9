"""The browser's projection of the Whoosh index (``sitegen/search/browser_index.py``).

Its numbering and statistics come from the live documents only, so an index updated in place
(deleted documents, shifted Whoosh numbers) projects byte for byte as a fresh index of the
same articles; its shards are cut where the content says, so an edit rewrites few of them;
and ``update_browser_index`` rewrites only what an edit changed and gives the very bytes of
a full projection.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import filecmp
import os
import random
import shutil
from pathlib import Path

import pytest

from sitegen.content import load_vocabulary
from sitegen.model import Article, Content, Incident
from sitegen.search import build_index, write_browser_index
from sitegen.search import browser_index as bi
from sitegen.search.index import update_index

REPO = Path(__file__).resolve().parents[2]
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
PLACES = ["al-mayadin", "syria", "iraq", None]


@pytest.fixture(scope="module")
def vocabulary():
    vocabulary, problems = load_vocabulary(REPO / "content")
    assert vocabulary is not None, problems
    return vocabulary


def _words(rng: random.Random, count: int) -> list[str]:
    """Made-up Arabic words, some with the article ال (so stems differ from exact forms)."""
    return [("ال" if rng.random() < 0.3 else "") + "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 6)))
            for _ in range(count)]


def _article(rng: random.Random, article_id: str, lexicon: list[str], vocabulary) -> Article:
    place = rng.choice(PLACES)
    incidents = (Incident(id=f"{article_id}-i", type="shelling", date=dt.date(2022, 3, rng.randint(1, 28)),
                          location=place),) if place and place in vocabulary.places else ()
    return Article(id=article_id, title=" ".join(rng.choices(lexicon, k=rng.randint(2, 6))),
                   published=dt.date(2022, rng.randint(1, 12), rng.randint(1, 28)),
                   lede=" ".join(rng.choices(lexicon, k=rng.randint(0, 12))) or None,
                   body=" ".join(rng.choices(lexicon, k=rng.randint(5, 80))), incidents=incidents)


def _archive(rng: random.Random, vocabulary, count: int, lexicon: list[str]) -> dict[str, Article]:
    return {f"a{n:03d}": _article(rng, f"a{n:03d}", lexicon, vocabulary) for n in range(count)}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_same_folders(one: Path, two: Path) -> None:
    a, b = _files(one), _files(two)
    assert sorted(a) == sorted(b), (set(a) ^ set(b))
    different = [name for name in a if a[name] != b[name]]
    assert not different, different[:5]


def test_codes_round_trip():
    numbers = [0, 1, 31, 32, 1023, 1024, 33_000, 2**31 - 1]
    assert bi.decode(bi.encode(numbers)) == numbers
    keys = ["", "1", "10", "103", "ال", "الب", "البيت", "بيت", "ت"]
    assert bi.front_decode(bi.front_code(keys)) == keys
    names = bi.shard_names(keys)
    assert len(set(names)) == len(names) and names[0] == bi.crc_name("")


def test_updated_index_projects_as_a_fresh_index(tmp_path: Path, vocabulary):
    """Delete and re-add by id (Whoosh numbers shift, deleted documents stay): the same bytes."""
    rng = random.Random(11)
    lexicon = _words(rng, 300)
    articles = _archive(rng, vocabulary, 40, lexicon)
    build_index(articles.values(), vocabulary, tmp_path / "old")
    edited = dict(articles)
    for article_id in ("a003", "a017", "a029"):
        edited[article_id] = _article(rng, article_id, lexicon, vocabulary)
    removed = {"a010"}
    del edited["a010"]
    (tmp_path / "updated").mkdir()
    update_index(tmp_path / "old", tmp_path / "updated", edited.values(), vocabulary,
                 {"a003", "a017", "a029"}, removed)
    build_index(edited.values(), vocabulary, tmp_path / "fresh")
    content = Content(tuple(edited.values()), vocabulary)
    write_browser_index(tmp_path / "updated", tmp_path / "site-updated", content)
    write_browser_index(tmp_path / "fresh", tmp_path / "site-fresh", content)
    _assert_same_folders(tmp_path / "site-updated" / "search", tmp_path / "site-fresh" / "search")
    meta = bi._read_script(tmp_path / "site-fresh" / "search" / "meta.js", "meta")
    assert meta["doc_count"] == 39  # live documents only
    docs = [bi._read_script(tmp_path / "site-fresh" / "search" / "docs" / f"{n}.js", f"docs/{n}")["id"] for n in range(39)]
    assert docs == sorted(edited)  # numbered by article id


def test_postings_hold_live_documents_by_id_rank(tmp_path: Path, vocabulary):
    rng = random.Random(5)
    lexicon = _words(rng, 50)
    articles = _archive(rng, vocabulary, 12, lexicon)
    build_index(articles.values(), vocabulary, tmp_path / "index")
    write_browser_index(tmp_path / "index", tmp_path / "site", Content(tuple(articles.values()), vocabulary))
    folder = tmp_path / "site" / "search"
    meta = bi._read_script(folder / "meta.js", "meta")
    entries = {}
    for name in bi.shard_names(bi.front_decode(meta["dictionary"])):
        entries.update(bi._read_script(folder / "terms" / f"{name}.js", f"terms/{name}"))
    ordered = sorted(articles)
    word = lexicon[0]
    lists = (entries.get(word, "").split(",") + [""] * 6)[:6]
    body_exact = bi.decode_postings(lists[bi.FIELDS.index("body_exact")])
    expected = [ordered.index(a.id) for a in articles.values() if word in a.body.split()]
    assert [doc for doc, _, _ in body_exact] == sorted(expected) and expected
    for doc, tf, _ in body_exact:
        assert tf == articles[ordered[doc]].body.split().count(word)


def _project_fresh(folder: Path, articles: dict[str, Article], vocabulary) -> Path:
    build_index(articles.values(), vocabulary, folder / "index")
    write_browser_index(folder / "index", folder / "site", Content(tuple(articles.values()), vocabulary))
    return folder / "site" / "search"


def test_update_equals_full_projection_after_random_edits(tmp_path: Path, vocabulary):
    """A seeded run of edits: after each, the updated projection is byte for byte a full one,
    and the files it did not rewrite are the previous ones (linked)."""
    rng = random.Random(8)
    lexicon = _words(rng, 2000)
    articles = _archive(rng, vocabulary, 60, lexicon)
    previous_index = tmp_path / "index-0"
    build_index(articles.values(), vocabulary, previous_index)
    previous_site = tmp_path / "site-0"
    write_browser_index(previous_index, previous_site, Content(tuple(articles.values()), vocabulary))
    kept_shards = []
    for step in range(1, 9):
        changed = set(rng.sample(sorted(articles), rng.randint(1, 3)))
        for article_id in changed:
            old = articles[article_id]
            kind = rng.choice(["rewrite", "one word", "title", "date and place"])
            if kind == "rewrite":
                articles[article_id] = _article(rng, article_id, lexicon + _words(rng, 5), vocabulary)
            elif kind == "one word":
                articles[article_id] = dataclasses.replace(old, body=old.body + " " + rng.choice(lexicon))
            elif kind == "title":
                articles[article_id] = dataclasses.replace(old, title=" ".join(_words(rng, 3)))
            else:
                articles[article_id] = dataclasses.replace(_article(rng, article_id, lexicon, vocabulary),
                                                           title=old.title, body=old.body, lede=old.lede)
        index = tmp_path / f"index-{step}"
        index.mkdir()
        update_index(previous_index, index, articles.values(), vocabulary, changed, set())
        site = tmp_path / f"site-{step}"
        kept: list[str] = []

        def keep(path: str, previous=previous_site, site=site) -> None:
            kept.append(path)
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            os.link(previous / path, site / path)

        bulk: list[list[str]] = []

        def keep_many(paths: list[str], keep=keep) -> None:
            bulk.append(paths)
            for path in paths:
                keep(path)

        options = {"keep_many": keep_many} if step % 2 else {}  # the documents kept in bulk, or one by one
        assert bi.update_browser_index(index, previous_site / "search", site, Content(tuple(articles.values()), vocabulary),
                                       changed, keep=keep, **options)
        if step % 2:  # one call, with every unchanged document
            assert len(bulk) == 1 and all(p.startswith("search/docs/") for p in bulk[0])
            assert len(bulk[0]) == len(articles) - len(changed)
        fresh = _project_fresh(tmp_path / f"fresh-{step}", articles, vocabulary)
        _assert_same_folders(site / "search", fresh)
        assert kept and all(os.path.samefile(site / p, previous_site / p) for p in kept)
        assert len(kept) >= len(articles) - len(changed)  # every unchanged document kept
        shards = [p for p in _files(site / "search") if p.startswith("terms/")]
        kept_shards.append(sum(p.startswith("search/terms/") for p in kept) / len(shards))
        previous_index, previous_site = index, site
    assert max(kept_shards) > 0.5, kept_shards  # most shards of a small edit are kept


def test_an_edit_rewrites_few_shards(tmp_path: Path, vocabulary):
    """Content-defined boundaries: one word added to one article rewrites the shards of its
    terms (and perhaps a neighbour), not every shard after them."""
    rng = random.Random(21)
    lexicon = _words(rng, 3000)
    articles = _archive(rng, vocabulary, 120, lexicon)
    before = _project_fresh(tmp_path / "before", articles, vocabulary)
    old = articles["a007"]
    articles["a007"] = dataclasses.replace(old, body=old.body + " " + "بببببب")  # a new term, sorting late
    after = _project_fresh(tmp_path / "after", articles, vocabulary)
    shards_before, shards_after = _files(before / "terms"), _files(after / "terms")
    assert len(shards_before) >= 20
    rewritten = {name.removesuffix(".js") for name, data in shards_after.items() if shards_before.get(name) != data}
    # the shards holding a term of the article (old or new text), and their neighbours
    analyzer = bi.arabic.Analyzer(bi.protected_names(vocabulary))
    terms = bi._terms_of(analyzer, [old.title, old.lede, articles["a007"].body])
    meta = bi._read_script(after / "meta.js", "meta")
    keys = bi.front_decode(meta["dictionary"])
    names = bi.shard_names(keys)
    holding = set()
    for term in terms:
        n = max(i for i, key in enumerate(keys) if key <= term)
        holding.update(names[max(0, n - 1): n + 2])
    assert rewritten and rewritten <= holding
    assert len(rewritten) < len(shards_after) / 2, (len(rewritten), len(shards_after))


def test_update_refuses_what_it_cannot_update(tmp_path: Path, vocabulary):
    rng = random.Random(2)
    lexicon = _words(rng, 100)
    articles = _archive(rng, vocabulary, 10, lexicon)
    previous = _project_fresh(tmp_path / "one", articles, vocabulary)
    added = dict(articles, z999=_article(rng, "z999", lexicon, vocabulary))
    build_index(added.values(), vocabulary, tmp_path / "added")
    site = tmp_path / "site"
    # an article added: the numbering moves
    assert not bi.update_browser_index(tmp_path / "added", previous, site, Content(tuple(added.values()), vocabulary),
                                       {"z999"})
    assert not site.exists()  # nothing written
    same = Content(tuple(articles.values()), vocabulary)
    # a previous file missing
    (previous / "words.js").rename(tmp_path / "words.js")
    assert not bi.update_browser_index(tmp_path / "one" / "index", previous, site, same, {"a001"})
    (tmp_path / "words.js").rename(previous / "words.js")
    # another format
    meta = (previous / "meta.js").read_text(encoding="utf-8")
    (previous / "meta.js").write_text(meta.replace(bi.FORMAT, "sitegen-browser-index/1"), encoding="utf-8")
    assert not bi.update_browser_index(tmp_path / "one" / "index", previous, site, same, {"a001"})
    (previous / "meta.js").write_text(meta, encoding="utf-8")
    assert not site.exists()
    # more changed articles than an update is worth: a full projection is faster
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bi, "UPDATE_MIN", 1)
        assert bi.update_browser_index(tmp_path / "one" / "index", previous, site, same, {"a001"})
        shutil.rmtree(site)
        assert not bi.update_browser_index(tmp_path / "one" / "index", previous, site, same, {"a001", "a002"})
        assert not site.exists()
    # nothing changed: everything kept
    assert bi.update_browser_index(tmp_path / "one" / "index", previous, site, same, set())
    _assert_same_folders(site / "search", previous)
    assert all(p.stat().st_nlink > 1 for p in (site / "search").rglob("*.js"))


# ---- the re-cut of the term shards, on made-up entries ----

class _ShardsInMemory(bi._OldShards):
    """Previous term shards held in memory (what ``_OldShards`` reads from files)."""

    def __init__(self, shards: list[tuple[str, dict[str, str]]]):
        keys = [key for key, _ in shards]
        super().__init__(Path("unused"), keys, bi.shard_names(keys))
        self.shards = [shard for _, shard in shards]

    def __call__(self, n: int) -> dict[str, str]:
        self.read[n] = self.shards[n]
        return self.shards[n]


def _entries(rng: random.Random, count: int) -> dict[str, str]:
    terms = {"".join(rng.choice(LETTERS) for _ in range(rng.randint(2, 7))) for _ in range(count)}
    return {t: _entry(rng) for t in sorted(terms)}


def _entry(rng: random.Random, size: int | None = None) -> str:
    return "".join(rng.choice(bi.ALPHABET) for _ in range(size or rng.randint(1, 400)))


def _updated(table: dict, updates: dict) -> dict:
    """``table`` with ``updates`` applied: a falsy value removes its key."""
    updated = dict(table)
    for key, value in updates.items():
        if value:
            updated[key] = value
        else:
            updated.pop(key, None)
    return updated


def _recut(previous: dict[str, str], updates: dict[str, str]) -> tuple[list, list, _ShardsInMemory]:
    """The re-cut shards (kept ones resolved), the shards of a full cut, and what was read."""
    old = _ShardsInMemory(bi._term_shards(previous))
    recut = bi._recut_term_shards(old, updates)
    entries = _updated(previous, updates)
    resolved = [(key, old.shards[shard] if isinstance(shard, int) else shard) for key, shard in recut]
    full = bi._term_shards({t: entries[t] for t in sorted(entries)})
    return [(k, list(s.items())) for k, s in resolved], [(k, list(s.items())) for k, s in full], old


def test_recut_equals_a_full_cut_after_random_updates():
    """Terms added, removed and resized anywhere (at shard starts and ends too): the re-cut
    shards are the full cut's, and only the shards near an update are read."""
    rng = random.Random(5)
    for _ in range(60):
        previous = _entries(rng, 1500)
        shards = bi._term_shards(previous)
        terms = list(previous)
        updates: dict[str, str] = {}
        for _ in range(rng.randint(1, 6)):
            shard = rng.choice(shards)[1]
            edge = rng.choice([next(iter(shard)), next(reversed(shard)), rng.choice(terms)])
            kind = rng.choice(["resize", "remove", "add next to", "add"])
            if kind == "resize":
                updates[edge] = _entry(rng)
            elif kind == "remove":
                updates[edge] = ""
            elif kind == "add next to":
                updates[edge[:-1] + rng.choice(LETTERS)] = _entry(rng)
            else:
                updates["".join(rng.choice(LETTERS) for _ in range(5))] = _entry(rng)
        recut, full, old = _recut(previous, updates)
        assert recut == full
        assert len(old.read) <= 4 * len(updates) + 2, (len(old.read), len(shards))


def test_recut_at_a_shard_boundary():
    """The first term of a shard removed, and a term added just before it: the key moves."""
    rng = random.Random(11)
    previous = _entries(rng, 2000)
    shards = bi._term_shards(previous)
    assert len(shards) > 10
    first = next(iter(shards[5][1]))
    last_before = next(reversed(shards[4][1]))
    for updates in ({first: ""}, {first: "", last_before: ""}, {first + "ا": _entry(rng)},
                    {last_before + "ب": _entry(rng, 50)}, {first: _entry(rng, bi.SHARD_MAX)}):
        recut, full, old = _recut(previous, updates)
        assert recut == full
        assert len(old.read) < len(shards) / 2


def test_recut_of_a_term_past_the_largest_shard():
    """A term whose entry outgrows ``SHARD_MAX`` gets a shard of its own, and shrinks back."""
    rng = random.Random(12)
    previous = _entries(rng, 2000)
    term = list(previous)[len(previous) // 2]
    grown = {term: _entry(rng, bi.SHARD_MAX + 500)}
    recut, full, _ = _recut(previous, grown)
    assert recut == full
    assert [term] in [[t for t, _ in shard] for _, shard in recut]
    after = dict(previous, **grown)
    recut, full, _ = _recut(after, {term: _entry(rng, 20)})
    assert recut == full


def test_update_at_a_shard_boundary_writes_a_full_projection(tmp_path: Path, vocabulary):
    """Through ``update_browser_index``: an article holding the first term of a shard loses it."""
    rng = random.Random(31)
    lexicon = _words(rng, 3000)
    articles = _archive(rng, vocabulary, 120, lexicon)
    before = _project_fresh(tmp_path / "before", articles, vocabulary)
    meta = bi._read_script(before / "meta.js", "meta")
    keys = bi.front_decode(meta["dictionary"])
    names = bi.shard_names(keys)
    firsts = [next(iter(bi._read_script(before / "terms" / f"{name}.js", f"terms/{name}"))) for name in names[1:]]
    # a shard's first term that only the body of one article holds, as a whole word
    holders = {t: [a for a in articles.values() if t in a.body.split()] for t in firsts}
    term, (article,) = next((t, h) for t, h in holders.items() if len(h) == 1
                            and all(t not in (a.title + " " + (a.lede or "")).split() for a in articles.values()))
    articles[article.id] = dataclasses.replace(article, body=" ".join(w for w in article.body.split() if w != term))
    (tmp_path / "index").mkdir()
    update_index(tmp_path / "before" / "index", tmp_path / "index", articles.values(), vocabulary, {article.id}, set())
    assert bi.update_browser_index(tmp_path / "index", before, tmp_path / "site",
                                   Content(tuple(articles.values()), vocabulary), {article.id})
    fresh = _project_fresh(tmp_path / "fresh", articles, vocabulary)
    _assert_same_folders(tmp_path / "site" / "search", fresh)


# ---- the partial paths of an update: word lists, shard boundaries, filter values ----

def _write_word_lists(folder: Path, words: dict[str, int]) -> None:
    files = bi._Files()
    for name, _, chunk in bi._word_chunks(words):
        files.add(f"words/{name}.js", f"words/{name}", chunk)
    files.add("words.js", "words", [[*lengths, name] for name, lengths, _ in bi._word_chunks(words)])
    bi._write_files(folder, files, None)


def _random_words(rng: random.Random, count: int) -> dict[str, int]:
    return {"".join(rng.choice(LETTERS) for _ in range(rng.randint(2, 9))): rng.choice([1, 2, 7, 300, 12_000])
            for _ in range(count)}


def test_word_lists_recut_equal_a_full_cut_after_random_updates(tmp_path: Path):
    """Frequencies changed, words gone (first and last words of lists too) and new (new lengths
    too): the re-cut lists, their names and lengths are the full cut's, and only lists near a
    changed word are read."""
    rng = random.Random(17)
    bounded = 0
    for trial in range(40):
        words = _random_words(rng, 6000)
        folder = tmp_path / f"t{trial}"
        _write_word_lists(folder, words)
        chunks = bi._word_chunks(words)
        assert len(chunks) > 8
        updates: dict[str, int] = {}
        for _ in range(rng.randint(1, 5)):
            _, _, chunk = rng.choice(chunks)
            ordered = sorted(chunk, key=bi._word_order)
            word = rng.choice([ordered[0], ordered[-1], rng.choice(ordered)])
            kind = rng.choice(["frequency", "gone", "new next to", "new", "new length"])
            if kind == "frequency":
                updates[word] = words[word] + rng.choice([1, 5000])
            elif kind == "gone":
                updates[word] = 0
            elif kind == "new next to":
                updates[word[:-1] + rng.choice(LETTERS)] = rng.randint(1, 50)
            elif kind == "new":
                updates["".join(rng.choice(LETTERS) for _ in range(rng.randint(2, 9)))] = 3
            else:
                updates["ا" * rng.choice([1, 12, 30])] = 2
        old = bi._OldWordLists(folder / "search")
        recut = bi._recut_word_lists(old, updates)
        read = len(old.read)
        after = _updated(words, updates)
        resolved = [(name, old.items(n) if chunk is None else sorted(chunk.items(), key=lambda i: bi._word_order(i[0])))
                    for name, n, chunk in recut]
        full = [(name, sorted(chunk.items(), key=lambda i: bi._word_order(i[0]))) for name, _, chunk in bi._word_chunks(after)]
        assert resolved == full
        if [name for name, _, _ in recut] == [name for name, _, _ in chunks]:  # no list starts elsewhere
            assert read <= 6 * len(updates) + 4, (read, len(chunks))
            bounded += 1
    assert bounded >= 15  # these updates read few lists (the others move a list's first word: every first word is read, to name them)


def test_a_word_list_renamed_when_its_first_word_goes(tmp_path: Path):
    """The first word of a list gone: the list is named after its new first word, and the
    lists after it keep their names (and bytes)."""
    rng = random.Random(19)
    words = _random_words(rng, 6000)
    _write_word_lists(tmp_path, words)
    chunks = bi._word_chunks(words)
    name, _, chunk = chunks[len(chunks) // 2]
    first = min(chunk, key=bi._word_order)
    old = bi._OldWordLists(tmp_path / "search")
    recut = bi._recut_word_lists(old, {first: 0})
    names = [n for n, _, _ in recut]
    assert name not in names
    del words[first]
    assert names == [n for n, _, _ in bi._word_chunks(words)]
    assert sum(chunk is not None for _, _, chunk in recut) <= 3


def _update_and_compare(tmp_path: Path, articles: dict[str, Article], edited: dict[str, Article], vocabulary) -> list[str]:
    """``edited`` through update_browser_index after a projection of ``articles``: asserts the
    bytes of a full projection, returns the files written (not kept)."""
    before = _project_fresh(tmp_path / "before", articles, vocabulary)
    changed = {a for a in edited if edited[a] != articles[a]}
    (tmp_path / "index").mkdir()
    update_index(tmp_path / "before" / "index", tmp_path / "index", edited.values(), vocabulary, changed, set())
    kept: list[str] = []
    assert bi.update_browser_index(tmp_path / "index", before, tmp_path / "site", Content(tuple(edited.values()), vocabulary),
                                   changed, keep=kept.append)
    for path in kept:
        (tmp_path / "site" / path).parent.mkdir(parents=True, exist_ok=True)
        os.link(before / path.removeprefix("search/"), tmp_path / "site" / path)
    fresh = _project_fresh(tmp_path / "fresh", edited, vocabulary)
    _assert_same_folders(tmp_path / "site" / "search", fresh)
    return sorted(set(_files(fresh)) - {path.removeprefix("search/") for path in kept})


def test_an_edit_that_moves_one_word_frequency_rewrites_one_word_list(tmp_path: Path, vocabulary):
    """One more article uses a word: its shard and its word list are rewritten, ``words.js`` is
    kept (the same lists, the same names and lengths), and no other word list."""
    rng = random.Random(41)
    lexicon = _words(rng, 3000)
    articles = _archive(rng, vocabulary, 120, lexicon)
    word = next(w for w in lexicon if not w.startswith("ال") and any(w in a.body.split() for a in articles.values()))
    target = next(a for a in articles.values() if word not in f"{a.title} {a.lede or ''} {a.body}".split())
    edited = dict(articles, **{target.id: dataclasses.replace(target, body=target.body + " " + word)})
    written = _update_and_compare(tmp_path, articles, edited, vocabulary)
    assert "words.js" not in written
    assert len([p for p in written if p.startswith("words/")]) == 1, written
    assert f"docs/{sorted(articles).index(target.id)}.js" in written


def test_a_new_term_at_a_shard_boundary(tmp_path: Path, vocabulary):
    """A word no article held, sorting between the last term of a shard and the first of the
    next: the update gives the bytes of a full projection."""
    rng = random.Random(43)
    lexicon = _words(rng, 3000)
    articles = _archive(rng, vocabulary, 120, lexicon)
    before = _project_fresh(tmp_path / "probe", articles, vocabulary)
    meta = bi._read_script(before / "meta.js", "meta")
    names = bi.shard_names(bi.front_decode(meta["dictionary"]))
    shards = [bi._read_script(before / "terms" / f"{name}.js", f"terms/{name}") for name in names]
    analyzer = bi.arabic.Analyzer(bi.protected_names(vocabulary))
    new_word = None
    for left, right in zip(shards[3:], shards[4:]):
        last, first = next(reversed(left)), next(iter(right))
        for letter in LETTERS:
            candidate = last + letter
            forms = {form for w in analyzer.analyze(candidate) for form in (w.exact, w.stem)}
            if last < candidate < first and all(last < form < first for form in forms):
                new_word = candidate
                break
        if new_word:
            break
    assert new_word, "no room between two shards"
    target = articles["a050"]
    edited = dict(articles, a050=dataclasses.replace(target, body=target.body + " " + new_word))
    written = _update_and_compare(tmp_path, articles, edited, vocabulary)
    assert any(p.startswith("terms/") for p in written)


def test_the_last_document_of_a_filter_value_leaves_it_and_the_first_brings_one(tmp_path: Path, vocabulary):
    """The only article of a place moved to another place (the value and its label leave the
    filters), and an article dated on a day no other holds: updated, not projected in full."""
    rng = random.Random(47)
    lexicon = _words(rng, 500)
    articles = _archive(rng, vocabulary, 40, lexicon)
    for article_id, article in articles.items():  # every incident in syria but one, in iraq
        if article.incidents:
            articles[article_id] = dataclasses.replace(article, incidents=(dataclasses.replace(article.incidents[0], location="syria"),))
    first = next(a for a in articles.values() if a.incidents)
    articles[first.id] = dataclasses.replace(first, incidents=(dataclasses.replace(first.incidents[0], location="iraq"),))
    previous = _project_fresh(tmp_path / "probe", articles, vocabulary)
    assert "iraq" in bi._read_script(previous / "facets.js", "facets")["postings"]["places"]
    other = next(a for a in articles.values() if a.id != first.id)
    edited = dict(articles)
    edited[first.id] = dataclasses.replace(first, incidents=(dataclasses.replace(first.incidents[0], location="syria"),))
    edited[other.id] = dataclasses.replace(other, published=dt.date(2001, 1, 1))
    written = _update_and_compare(tmp_path, articles, edited, vocabulary)
    facets = bi._read_script(tmp_path / "site" / "search" / "facets.js", "facets")
    assert "iraq" not in facets["postings"]["places"] and "iraq" not in facets["labels"]["places"]
    assert "2001-01-01" in facets["postings"]["dates"]
    assert "facets.js" in written
