"""The cache of parsed articles and of their digests (``sitegen.parsecache``).

An incremental build takes an unchanged article, and its content digest, from the cache kept
in the index folder. A cached entry is used only for the same file with the same bytes and
the same sitegen; anything wrong with the cache means every article is parsed again, with a
word to the user, and the site is the one a full build writes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sitegen
from sitegen import buildstate, parsecache
from sitegen.build import _input_folders, build
from sitegen.config import load_config
from sitegen.content import load_content
from sitegen.pagedeps import Fingerprints

REPO = Path(__file__).resolve().parent.parent
SITEGEN = str(Path(sys.executable).parent / "sitegen")


def _article(number: int, body: str) -> str:
    return (f"---\nid: cached-{number}\ntitle: مقالة {number}\npublished: 2022-02-{number + 1:02d}\n"
            f"outlet: موقع تجريبي\nreview: reviewed\n---\n{body}\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    for number in range(4):
        (root / "content" / "articles" / f"cached-{number}.md").write_text(
            _article(number, f"قصف في الميادين {number}"), encoding="utf-8")
    return root


def _sitegen(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([SITEGEN, "build", *args], cwd=root, capture_output=True, text=True)


def _tree(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in folder.rglob("*") if path.is_file()}


def _full_site(root: Path, where: Path) -> Path:
    config = dataclasses.replace(load_config(root=root), output_dir=where / "site", index_dir=where / "index")
    build(config, full=True)
    return where / "site"


def _cache_as_a_build_reads_it(root: Path) -> tuple[parsecache.ParseCache, object]:
    """The cache the next build of ``root`` reads, and the content loaded through it."""
    config = load_config(root=root)
    state, _ = buildstate.load(config.index_dir, config.output_dir.resolve())
    _, files = buildstate.fingerprint_inputs(config, _input_folders(config), [True], state.files, state.hashed_at)
    cache = parsecache.ParseCache(config.index_dir, files)
    content, _ = load_content(config.content_dir, cache.parse_all, cache.vocabulary)
    return cache, content


def test_every_cached_digest_is_the_digest_of_the_article_it_comes_with(project):
    """After a full build and an edit, every article but the edited one comes from the cache with
    its digest, and each digest equals one computed afresh from the article."""
    assert _sitegen(project).returncode == 0
    edited = project / "content" / "articles" / "cached-2.md"
    edited.write_text(_article(2, "نص جديد بعد التحرير"), encoding="utf-8")
    cache, content = _cache_as_a_build_reads_it(project)
    assert cache.problem == ""
    cached = {article.id for article, _ in cache.fingerprints}
    assert cached == {article.id for article in content.articles} - {"cached-2"}  # the edit is parsed again
    fresh = Fingerprints()
    assert all(fresh.of(article) == digest for article, digest in cache.fingerprints)
    assert _sitegen(project).returncode == 0
    cache, content = _cache_as_a_build_reads_it(project)  # the edited one's digest is cached too, and right
    assert {article.id for article, _ in cache.fingerprints} == {article.id for article in content.articles}
    edited_now = next(digest for article, digest in cache.fingerprints if article.id == "cached-2")
    assert "نص جديد" in next(a.body for a in content.articles if a.id == "cached-2")
    assert edited_now == Fingerprints().of(next(a for a in content.articles if a.id == "cached-2"))


def _rewrite_cache(index_dir: Path, header=None, entries=None) -> None:
    path = index_dir / parsecache.CACHE_FILE
    old_entries = parsecache.read(path)
    parsecache.write(path, old_entries if entries is None else entries(old_entries))  # (a new file: never in place)
    if header is not None:  # the same entries under another header
        with open(path, "rb") as handle:
            pickle.load(handle)
            rest = handle.read()
        os.unlink(path)
        path.write_bytes(pickle.dumps(header) + rest)
    (index_dir / parsecache.DELTA_FILE).unlink(missing_ok=True)


def _poisoned(entries: dict) -> dict:
    """Every cached article replaced by another title, with a digest to match: used, it would show."""
    poisoned = {}
    for key, entry in entries.items():
        if isinstance(entry, tuple) and len(entry) == 5 and entry[1] is not None:
            article = dataclasses.replace(entry[1], title="عنوان من ذاكرة قديمة")
            entry = (entry[0], article, entry[2], entry[3], Fingerprints().of(article))
        poisoned[key] = entry
    return poisoned


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another version", "an older format", "format 4",
                                    "columns garbage", "missing", "wrong shape"])
def test_a_bad_cache_means_every_article_parsed_again_with_a_word_and_no_traceback(project, tmp_path, damage):
    assert _sitegen(project).returncode == 0
    index = project / ".sitegen" / "index"
    cache = index / parsecache.CACHE_FILE
    if damage == "garbage":
        cache.unlink()
        cache.write_bytes(b"not a pickle at all")
    elif damage == "truncated":
        data = cache.read_bytes()
        cache.unlink()
        cache.write_bytes(data[: len(data) // 2])
    elif damage == "another version":  # a cache of another sitegen is never trusted, even if readable
        _rewrite_cache(index, header=(parsecache.FORMAT, sitegen.__version__ + ".other"), entries=_poisoned)
    elif damage == "an older format":  # format 2 kept (article, diagnostics, references, digest) by (path, hash)
        _rewrite_cache(index, header=("sitegen-parsed-articles/2", sitegen.__version__),
                       entries=lambda entries: {(k, v[0].hex()): v[1:] for k, v in _poisoned(entries).items()})
    elif damage == "format 4":  # format 4 pickled every article (no columns): its header had three fields
        _rewrite_cache(index, header=("sitegen-parsed-articles/4", sitegen.__version__, 0), entries=_poisoned)
    elif damage == "columns garbage":  # the right header, then the plain articles' columns damaged
        with open(cache, "rb") as handle:
            header = pickle.load(handle)
            start = handle.tell()
        assert header[3] > 0  # (the project's articles without incidents are kept in columns)
        data = bytearray(cache.read_bytes())
        data[start:start + header[3]] = bytes(range(256)) * (header[3] // 256) + b"\xff" * (header[3] % 256)
        cache.unlink()
        cache.write_bytes(bytes(data))
    elif damage == "missing":
        cache.unlink()
    else:  # entries of another shape (an older format's): not used
        _rewrite_cache(index, entries=lambda entries: {k: v[:3] for k, v in entries.items()})
    (project / "content" / "articles" / "cached-1.md").write_text(_article(1, "هجوم جديد"), encoding="utf-8")
    result = _sitegen(project)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"note: {cache}" in result.stderr and "every article was parsed again" in result.stderr
    assert "Incremental build" in result.stdout  # the rest of the state still serves
    assert _tree(project / "site") == _tree(_full_site(project, tmp_path / "full"))
    again = _sitegen(project)  # the cache was written anew: no word the next time
    assert again.returncode == 0 and "parsed again" not in again.stderr


def test_a_cached_article_is_used_only_for_the_same_bytes(project, tmp_path):
    """A poisoned cache with the right header shows which entries are used: none of an edited file."""
    assert _sitegen(project).returncode == 0
    index = project / ".sitegen" / "index"
    _rewrite_cache(index, entries=_poisoned)
    for path in (project / "content" / "articles").glob("*.md"):  # every article edited: no entry matches
        path.write_text(path.read_text(encoding="utf-8") + "\nنص معدل\n", encoding="utf-8")
    assert _sitegen(project).returncode == 0
    assert "عنوان من ذاكرة قديمة" not in "".join(
        p.read_text(encoding="utf-8") for p in (project / "site").rglob("*.html"))
    assert _tree(project / "site") == _tree(_full_site(project, tmp_path / "full"))


def test_a_cached_article_reads_its_body_from_the_cache_only_when_asked_and_it_is_the_files(project, tmp_path):
    assert _sitegen(project).returncode == 0
    (project / "content" / "articles" / "cached-3.md").write_text(_article(3, "تعديل"), encoding="utf-8")
    cache, content = _cache_as_a_build_reads_it(project)
    cached = [article for article, _ in cache.fingerprints]
    assert cached and all("body" not in vars(article) for article in cached)  # nothing decoded yet
    fresh = {a.id: a for a in load_content(project / "content")[0].articles}
    kept = pickle.dumps(cached)  # pickled elsewhere (not by the cache), an article still finds its body
    for name in (parsecache.CACHE_FILE, parsecache.DELTA_FILE):  # the files gone, as after the next swap
        (project / ".sitegen" / "index" / name).unlink()
    for article in cached:
        assert article.body == fresh[article.id].body
        assert article.body.startswith("قصف في الميادين") or not article.id.startswith("cached-")
        assert article == fresh[article.id] and Fingerprints().of(article) == Fingerprints().of(fresh[article.id])
    assert [a.body for a in pickle.loads(kept)] == [a.body for a in cached]


def test_a_cache_folded_into_a_new_base_at_every_build_keeps_every_body(project, tmp_path, monkeypatch):
    """With no room for a delta, each build writes a new base: the bodies of the cached articles
    are copied from the previous file (not decoded), and every page is still a full build's."""
    monkeypatch.setattr(parsecache, "FOLD_FROM", 0)
    config = load_config(root=project)
    build(config)
    for step in range(3):
        path = project / "content" / "articles" / f"cached-{step}.md"
        path.write_text(_article(step, f"نص معدل {step}"), encoding="utf-8")
        before = os.stat(config.index_dir / parsecache.CACHE_FILE).st_ino
        build(config)
        assert os.stat(config.index_dir / parsecache.CACHE_FILE).st_ino != before  # a new base each time
        assert (config.index_dir / parsecache.DELTA_FILE).stat().st_size < 100
    assert _tree(project / "site") == _tree(_full_site(project, tmp_path / "full"))
    cache, content = _cache_as_a_build_reads_it(project)
    assert cache.problem == "" and len(cache.fingerprints) == len(content.articles)  # every article from the cache
    assert {a.id: a.body for a in content.articles if a.id.startswith("cached-")} == {
        f"cached-{n}": (f"نص معدل {n}" if n < 3 else f"قصف في الميادين {n}") for n in range(4)}


def test_cached_articles_get_the_same_messages_with_the_same_lines_as_parsed_ones(project):
    """Checks across articles (duplicate ids, ids differing by case, unknown vocabulary ids) name a
    cached article's line as a fresh parse does: the file is parsed again for the message."""
    assert _sitegen(project).returncode == 0
    articles = project / "content" / "articles"
    (articles / "0-first.md").write_text(  # sorted before the cached ones: theirs are the second ids
        "---\nid: CACHED-1\ntitle: مقالة\npublished: 2022-02-01\nreview: reviewed\n---\nنص\n"
        "", encoding="utf-8")
    (articles / "0-second.md").write_text(_article(2, "نسخة"), encoding="utf-8")  # id cached-2 twice
    gazetteer = project / "content" / "gazetteer.yaml"
    text = gazetteer.read_text(encoding="utf-8")
    gazetteer.write_text(text.replace("- id: al-mayadin\n", "- id: al-mayadin-town\n", 1), encoding="utf-8")
    assert "al-mayadin-town" in gazetteer.read_text(encoding="utf-8")

    def seen(diagnostics) -> list[tuple]:
        return sorted((str(d.path), d.line, d.field, d.message) for d in diagnostics if d.is_error)

    config = load_config(root=project)
    cached = parsecache.ParseCache(config.index_dir, buildstate.fingerprint_inputs(
        config, _input_folders(config), [True], *_known(config))[1])
    _, from_cache = load_content(config.content_dir, cached.parse_all, cached.vocabulary)
    assert len(cached.fingerprints) > 4  # the articles with problems among them
    _, fresh = load_content(config.content_dir)
    messages = seen(fresh)
    assert any("only by case" in m[3] for m in messages) and any("already used" in m[3] for m in messages)
    assert any("unknown places id 'al-mayadin'" in m[3] for m in messages)
    assert all(m[1] for m in messages)  # every message has its line
    assert seen(from_cache) == messages


def _known(config) -> tuple:
    state, _ = buildstate.load(config.index_dir, config.output_dir.resolve())
    return state.files, state.hashed_at
