"""Incremental builds: after any sequence of edits, the site and the search equal a full build's.

Each Hypothesis example builds a project step by step: every edit (add, edit, rename, delete
an article; edit a vocabulary; edit a template) is followed by an incremental `sitegen build`
of the project and a full build of the same content into other folders; the two sites must
be byte for byte the same, and the two indexes must answer every query with the same ranked
ids, scores and tiers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import marshal
import os
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from sitegen import buildstate, pagedeps, pagereuse, parallel, render
from sitegen.build import build
from sitegen.config import load_config
from sitegen.render import BUILTIN_TEMPLATES
from sitegen.search import SearchIndex

REPO = Path(__file__).resolve().parent.parent
WORDS = ["قصف", "الميادين", "القوات", "الأمريكية", "هجوم", "صاروخي", "دير", "الزور", "حقل", "العمر",
         "مدنيين", "قتلى", "سوريا", "العراق", "بغداد", "طائرة", "مسيرة", "انفجار", "الجيش", "اشتباكات"]
PLACES = ["al-mayadin", "omar-oil-field", "syria", "iraq", None]
TYPES = ["shelling", None]
QUERIES = ["قصف", "الميادين", "القوات الأمريكية", "هجوم OR انفجار", "قص*", "\"دير الزور\"", "حقل NOT العمر",
           "مدنيين قتلى سوريا", "طائره مسيره", "بغداد", "الجيش اشتباكات", "ميادين", "القواتت"]


def _article(article_id: str, title: list[str], body: list[str], day: int, place: str | None,
             kind: str | None) -> str:
    lines = ["---", f"id: {article_id}", f"title: {' '.join(title)}", f"published: 2022-02-{day:02d}",
             "outlet: موقع تجريبي", "review: reviewed"]
    if place and kind:
        lines += ["incidents:", f"  - id: {article_id}-incident", f"    type: {kind}",
                  f"    date: 2022-02-{day:02d}", "    date_precision: day", f"    location: {place}",
                  "    location_precision: town", "    summary: " + " ".join(title)]
    return "\n".join(lines + ["---", " ".join(body), ""])


words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6)
article = st.tuples(words, st.lists(st.sampled_from(WORDS), min_size=0, max_size=30), st.integers(1, 28),
                    st.sampled_from(PLACES), st.sampled_from(TYPES))
edit = st.one_of(
    st.tuples(st.just("add"), article),
    st.tuples(st.just("edit"), st.integers(0, 1000), article),
    st.tuples(st.just("rename"), st.integers(0, 1000)),
    st.tuples(st.just("delete"), st.integers(0, 1000)),
    st.tuples(st.just("vocabulary"), st.sampled_from(WORDS)),
    st.tuples(st.just("template"), st.sampled_from(["base.html", "article.html", "facet.html", "_lists.html",
                                                    "_labels.html", "home.html"]), st.sampled_from(WORDS)),
    st.tuples(st.just("relate"), st.integers(0, 1000)),  # an incident now links to the seed's incident
    st.tuples(st.just("retitle"), st.sampled_from(WORDS)),  # the seed incident's summary (its title elsewhere)
    st.tuples(st.just("setting"), st.sampled_from(["page_size", "latest", "title"]), st.integers(1, 3)),
)
SEED_INCIDENT = "2022-01-07-omar-field-rocket-attack"


class Project:
    def __init__(self, root: Path):
        self.root = root
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(REPO / "content", root / "content")
        (root / "templates").mkdir()
        self.articles = root / "content" / "articles"
        self.seed = self.files()[0]
        self.counter = 0
        self.settings = {"page_size": 2}  # small pages: every add or delete moves paging boundaries
        self._write_settings()

    def _write_settings(self) -> None:
        (self.root / "sitegen.yaml").write_text("".join(f"{k}: {v}\n" for k, v in self.settings.items()),
                                                encoding="utf-8")

    def files(self) -> list[Path]:
        return sorted(self.articles.glob("*.md"))

    def generated(self) -> list[Path]:
        """Articles added by the steps (renamed and deleted ones are taken from these: the seed,
        which other incidents may link to, stays)."""
        return [path for path in self.files() if path != self.seed]

    def apply(self, step) -> None:
        kind = step[0]
        if kind == "add":
            self.counter += 1
            name = f"generated-{self.counter}"
            (self.articles / f"{name}.md").write_text(_article(name, *step[1]), encoding="utf-8")
        elif kind == "edit" and self.files():
            path = self.files()[step[1] % len(self.files())]
            article_id = re.search(r"^id: (.+)$", path.read_text(encoding="utf-8"), re.M).group(1)
            if article_id.startswith("generated-"):
                path.write_text(_article(article_id, *step[2]), encoding="utf-8")
            else:  # a seed article: change its body
                path.write_text(path.read_text(encoding="utf-8") + "\n" + " ".join(step[2][1]) + "\n",
                                encoding="utf-8")
        elif kind == "rename" and self.generated():
            path = self.generated()[step[1] % len(self.generated())]
            text = path.read_text(encoding="utf-8")
            old = re.search(r"^id: (.+)$", text, re.M).group(1)
            self.counter += 1
            new = f"renamed-{self.counter}"
            path.unlink()
            (self.articles / f"{new}.md").write_text(text.replace(f"id: {old}\n", f"id: {new}\n", 1)
                                                     .replace(f"- id: {old}-incident", f"- id: {new}-incident"),
                                                     encoding="utf-8")
        elif kind == "delete" and self.generated():
            self.generated()[step[1] % len(self.generated())].unlink()
        elif kind == "relate":
            linkable = [p for p in self.generated() if "\n    summary: " in p.read_text(encoding="utf-8")]
            if linkable:
                path = linkable[step[1] % len(linkable)]
                text = path.read_text(encoding="utf-8")
                if "related:" not in text:
                    path.write_text(text.replace("\n    summary: ", "\n    related:\n      - {incident: "
                                                 f"{SEED_INCIDENT}, relation: follows}}\n    summary: ", 1),
                                    encoding="utf-8")
        elif kind == "retitle":
            text = self.seed.read_text(encoding="utf-8")
            self.seed.write_text(re.sub(r"(\n    summary: )[^\n]*", rf"\g<1>{step[1]} في حقل العمر", text, 1),
                                 encoding="utf-8")
        elif kind == "setting":
            key, value = step[1], step[2]
            self.settings[key] = {"page_size": value + 1, "latest": value, "title": f"أرشيف {WORDS[value]}"}[key]
            self._write_settings()
        elif kind == "vocabulary":  # a place's name: pages, exports and the stemmer's protected names change
            gazetteer = self.root / "content" / "gazetteer.yaml"
            text = gazetteer.read_text(encoding="utf-8")
            gazetteer.write_text(re.sub(r"(\n    variants: \[منطقة الميادين)", rf"\1, {step[1]} الميادين", text, 1),
                                 encoding="utf-8")
            text = gazetteer.read_text(encoding="utf-8")
            gazetteer.write_text(text.replace("name: الميادين\n", f"name: الميادين {step[1]}\n", 1)
                                 if "name: الميادين\n" in text else text.replace(re.search(r"name: الميادين [^\n]*\n", text).group(0), "name: الميادين\n", 1),
                                 encoding="utf-8")
        elif kind == "template":
            name, word = step[1], step[2]
            target = self.root / "templates" / name
            source = target if target.exists() else BUILTIN_TEMPLATES / name
            text = source.read_text(encoding="utf-8")
            if "</footer>" in text:
                text = text.replace("</footer>", f"<span>{word}</span></footer>", 1)
            elif "{% block main %}" in text:
                text = text.replace("{% block main %}", "{% block main %}" + f"<p>{word}</p>", 1)
            else:
                text += f"{{# {word} #}}\n"
            target.write_text(text, encoding="utf-8")


def _tree(folder: Path) -> dict[str, str]:
    found = {}
    for root, _, files in os.walk(folder):
        for name in files:
            path = Path(root, name)
            found[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def _answers(index_dir: Path) -> list:
    with SearchIndex(index_dir) as index:
        results = []
        for query in QUERIES:
            found = index.search(query, limit=50, highlight=False)
            results.append((query, found.total, found.suggestion,
                            [(hit.id, hit.score, hit.tier, hit.held) for hit in found.hits]))
        return results


def _full(project: Path, where: Path, **options):
    config = dataclasses.replace(load_config(root=project), output_dir=where / "site", index_dir=where / "index")
    if where.exists():
        shutil.rmtree(where)
    build(config, full=True, **options)
    return where / "site", where / "index"


@pytest.mark.parametrize("browser", [True, False], ids=["with-browser-index", "whoosh-updated-in-place"])
@settings(max_examples=6, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate], suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(steps=st.lists(edit, min_size=1, max_size=5))
def test_incremental_build_equals_full_build_after_random_edits(tmp_path_factory, browser, steps):
    """With or without the browser index, the Whoosh index is updated in place by id, and its
    answers must still equal a fresh index's (exact live statistics); the browser index is
    updated (or projected in full when it cannot be) and must equal a full build's, byte for byte."""
    options = {} if browser else {"write_browser": None}
    base = tmp_path_factory.mktemp("incremental")
    project = Project(base / "project")
    config = load_config(root=project.root)
    first = build(config, **options)
    assert not first.incremental
    for step in steps:
        project.apply(step)
        config = load_config(root=project.root)
        result = build(config, **options)
        assert result.incremental, step
        site, index = _full(project.root, base / "full", **options)
        assert _tree(config.output_dir) == _tree(site), step
        assert _answers(config.index_dir) == _answers(index), step
        assert result.articles == len(project.files()) and result.pages_written + result.files_kept > 0


def test_the_previous_site_and_index_stay_intact_while_hard_linked(tmp_path):
    """Files linked from the previous site are never written in place: a kept copy is unchanged."""
    project = Project(tmp_path / "project")
    config = load_config(root=project.root)
    build(config)
    kept = tmp_path / "kept"
    shutil.copytree(config.output_dir, kept / "site")
    shutil.copytree(config.index_dir, kept / "index")
    saved = {"site": _tree(kept / "site"), "index": _tree(kept / "index")}
    old_site = config.output_dir.rename(tmp_path / "old-site")  # hold the old inodes under another name
    shutil.copytree(old_site, config.output_dir, copy_function=os.link)
    old_index = config.index_dir.rename(tmp_path / "old-index")
    shutil.copytree(old_index, config.index_dir, copy_function=os.link)
    project.apply(("edit", 0, (["قصف"], ["هجوم", "جديد"], 3, "syria", "shelling")))
    project.apply(("template", "base.html", "انفجار"))
    result = build(config)
    assert result.incremental and result.pages_written > 0
    assert _tree(old_site) == saved["site"]
    assert _tree(old_index) == saved["index"]


def test_no_op_rebuild_writes_nothing_and_one_edit_rewrites_little(tmp_path):
    project = Project(tmp_path / "project")
    config = load_config(root=project.root)
    full = build(config)
    again = build(config)
    assert again.incremental and again.unchanged
    assert (again.articles, again.pages, again.incidents) == (full.articles, full.pages, full.incidents)
    assert again.pages_written == 0
    project.apply(("add", (["قصف"], ["هجوم"], 5, None, None)))
    one = build(config)
    assert one.incremental and one.articles == 2 and one.reindexed == 1  # Whoosh updated in place, by id
    assert 0 < one.pages_written < one.files_kept
    assert 0 < one.pages_rendered < one.pages
    project.apply(("template", "article.html", "حقل"))
    before = _tree(config.output_dir)
    template = build(config)
    assert template.incremental and template.reindexed == 0
    changed = sorted(p for p, h in _tree(config.output_dir).items() if before.get(p) != h)
    assert changed == sorted(f"articles/{p.stem}.html" for p in project.files())  # the pages using article.html
    assert template.pages_written == len(changed) == template.articles
    assert template.pages_rendered == template.articles  # and only those were rendered
    project.apply(("add", (["هجوم"], ["قصف"], 6, None, None)))
    whoosh_only = build(config, write_browser=None)  # no browser projection: the index is updated by id
    assert whoosh_only.incremental and whoosh_only.reindexed == 1
    assert not (config.output_dir / "search").exists()
    with_browser = build(config)  # the same content, the browser's projection again
    assert with_browser.incremental and not with_browser.unchanged
    assert with_browser.reindexed == 0
    before = _tree(config.output_dir)
    project.apply(("edit", 1, (["هجوم"], ["قصف", "جديد"], 6, None, None)))  # an article's text: the projection updated
    edited = build(config)
    assert edited.incremental and edited.reindexed == 1
    search = [p for p in before if p.startswith("search/")]
    moved = [p for p, h in _tree(config.output_dir).items() if p.startswith("search/") and before.get(p) != h]
    assert 0 < len(moved) < len(search) and any(p.startswith("search/docs/") for p in set(search) - set(moved))
    site, index = _full(project.root, tmp_path / "full")
    assert _tree(config.output_dir) == _tree(site)


def test_a_build_on_another_day_renders_and_writes_nothing(tmp_path, monkeypatch):
    """No built-in page prints the day it was built (print.js adds today's date when printing):
    the site depends on the content only, so the first build of a new day rewrites nothing."""
    project = Project(tmp_path / "project")
    project.apply(("add", (["قصف"], ["هجوم"], 5, "al-mayadin", "shelling")))
    config = load_config(root=project.root)
    build(config)
    before = _tree(config.output_dir)

    class NextDay(dt.date):
        @classmethod
        def today(cls):
            return dt.date.today() + dt.timedelta(days=1)

    monkeypatch.setattr(render, "dt", types.SimpleNamespace(date=NextDay))
    monkeypatch.setattr(buildstate, "dt", types.SimpleNamespace(date=NextDay))
    again = build(config)
    assert again.incremental and not again.unchanged  # the day is an input (a custom template may print it)
    assert (again.pages_rendered, again.pages_written) == (0, 0)
    assert _tree(config.output_dir) == before


@pytest.mark.parametrize("damage", ["missing", "corrupt", "foreign"])
def test_a_missing_corrupt_or_foreign_state_means_a_full_build(tmp_path, damage):
    project = Project(tmp_path / "project")
    config = load_config(root=project.root)
    build(config)
    state = config.index_dir / buildstate.STATE_FILE
    if damage == "missing":
        state.unlink()
    elif damage == "corrupt":
        state.write_text("{not json", encoding="utf-8")
    else:  # the state of another site (its header and format are right)
        header, _, body = state.read_bytes().partition(b"\n")
        data = marshal.loads(body)
        assert data["fields"]["site_dir"] == str(config.output_dir.absolute())
        data["fields"]["site_dir"] = "/elsewhere"
        state.write_bytes(header + b"\n" + marshal.dumps(data))
    project.apply(("add", (["قصف"], ["هجوم"], 5, None, None)))
    result = build(config)
    assert not result.incremental
    site, index = _full(project.root, tmp_path / "full")
    assert _tree(config.output_dir) == _tree(site)
    assert _answers(config.index_dir) == _answers(index)


def test_cli_full_forces_a_clean_build_and_says_what_a_rebuild_did(tmp_path):
    project = Project(tmp_path / "project")
    sitegen = [str(Path(sys.executable).parent / "sitegen")]
    first = subprocess.run(sitegen + ["build"], cwd=project.root, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    again = subprocess.run(sitegen + ["build"], cwd=project.root, capture_output=True, text=True)
    assert again.returncode == 0 and "Nothing changed since the last build" in again.stdout
    project.apply(("edit", 0, (["قصف"], ["هجوم", "جديد"], 3, None, None)))
    edited = subprocess.run(sitegen + ["build"], cwd=project.root, capture_output=True, text=True)
    assert edited.returncode == 0, edited.stderr
    assert re.search(r"Incremental build: [\d,]+ of [\d,]+ pages rendered, [\d,]+ files written, "
                     r"[\d,]+ unchanged, 1 article re-indexed\.", edited.stdout), edited.stdout
    full = subprocess.run(sitegen + ["build", "--full"], cwd=project.root, capture_output=True, text=True)
    assert full.returncode == 0 and "Nothing changed" not in full.stdout
    assert "Full build (--full was given)" in full.stdout


def test_parallel_build_drops_nothing_and_equals_a_one_process_build(tmp_path):
    """Pages rendered by worker processes: every page and every document is there, byte for byte."""
    project = Project(tmp_path / "project")
    for number in range(150):
        project.apply(("add", ([WORDS[number % 20], WORDS[number % 7]], WORDS[: number % 20], number % 28 + 1,
                               PLACES[number % 5], TYPES[number % 2])))
    config = load_config(root=project.root)
    parallel_result = build(config, full=True, jobs=3)
    one = dataclasses.replace(config, output_dir=tmp_path / "one" / "site", index_dir=tmp_path / "one" / "index")
    one_result = build(one, full=True, jobs=1)
    assert parallel_result.pages == one_result.pages > 3 * parallel.CHUNK
    assert _tree(config.output_dir) == _tree(one.output_dir)
    pages = [p for p in _tree(config.output_dir) if p.endswith(".html")]
    assert len(pages) == parallel_result.pages
    with SearchIndex(config.index_dir) as index:
        assert index._searcher.doc_count() == parallel_result.articles == 151
    assert _answers(config.index_dir) == _answers(one.index_dir)
    project.apply(("edit", 3, (["انفجار"], ["مسيرة"], 9, "iraq", "shelling")))
    again = build(config, jobs=3)
    assert again.incremental and 0 < again.pages_written < again.files_kept
    site, index = _full(project.root, tmp_path / "full")
    assert _tree(config.output_dir) == _tree(site)
    assert _answers(config.index_dir) == _answers(index)


def test_pages_sharing_a_title_keep_the_numbers_a_full_build_gives_them(tmp_path):
    """Pages with the same <title> are numbered (2), (3)... in page order: after edits that move
    the numbers (a page deleted, one added, one retitled), linked pages must not keep a stale number."""
    project = Project(tmp_path / "project")
    same = (["قصف", "الميادين"], ["هجوم"], 5, "al-mayadin", "shelling")
    for _ in range(4):
        project.apply(("add", same))
    config = load_config(root=project.root)
    build(config)
    titles = [re.search(r"<title>(.*?)</title>", (config.output_dir / f"incidents/generated-{n}-incident.html")
                        .read_text(encoding="utf-8")).group(1) for n in range(1, 5)]
    assert len(set(titles)) == 4 and sum(t.startswith("(") for t in titles) == 3  # numbered: the test means something
    for step in [("delete", 0), ("add", same), ("edit", 2, (["انفجار"], ["هجوم"], 5, "al-mayadin", "shelling")),
                 ("edit", 2, same)]:
        if step[0] == "delete":
            (project.articles / "generated-1.md").unlink()
        else:
            project.apply(step)
        result = build(config)
        assert result.incremental and result.pages_rendered < result.pages, step
        site, _ = _full(project.root, tmp_path / "full")
        assert _tree(config.output_dir) == _tree(site), step


def test_an_edit_that_keeps_size_and_modification_time_is_still_seen(tmp_path):
    """Unchanged files are not read again when their stat is the same as at the last build; an
    edit of the same size with its modification time set back (a same-second edit, `touch -d`)
    still changes the file's ctime, so it is read, hashed and rebuilt."""
    project = Project(tmp_path / "project")
    project.apply(("add", (["قصف"], ["هجوم", "صاروخي"], 5, None, None)))
    config = load_config(root=project.root)
    build(config)
    state = buildstate.load(config.index_dir, config.output_dir.resolve())[0]
    state.hashed_at += 10 * buildstate.RACY_NS  # as if the last build had hashed long after every edit
    buildstate.save(state, config.index_dir)
    path = project.articles / "generated-1.md"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("هجوم صاروخي", "صاروخي هجوم"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    result = build(config)
    assert not result.unchanged and result.reindexed >= 1
    assert "صاروخي هجوم" in (config.output_dir / "articles" / "generated-1.html").read_text(encoding="utf-8")


def test_parsed_articles_are_cached_by_content_and_a_bad_cache_is_ignored(tmp_path):
    from sitegen import parsecache

    project = Project(tmp_path / "project")
    for number in range(3):
        project.apply(("add", ([WORDS[number]], [WORDS[number + 1]], number + 1, None, None)))
    config = load_config(root=project.root)
    build(config)
    assert (config.index_dir / parsecache.CACHE_FILE).is_file()
    project.apply(("edit", 1, (["انفجار"], ["مسيرة"], 9, "iraq", "shelling")))
    build(config)
    site, _ = _full(project.root, tmp_path / "full")
    assert _tree(config.output_dir) == _tree(site)
    # A cached article with an error elsewhere: the message still names its line (parsed again for it).
    (project.articles / "copy.md").write_text((project.articles / "generated-3.md").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    with pytest.raises(Exception) as failed:
        build(config)
    duplicate = [d for d in failed.value.diagnostics if "already used" in d.message]
    assert [d.line for d in duplicate] == [2]
    (project.articles / "copy.md").unlink()
    (config.index_dir / parsecache.CACHE_FILE).write_bytes(b"not a pickle")
    project.apply(("edit", 2, (["قتلى"], ["سوريا"], 4, None, None)))
    build(config)
    site, _ = _full(project.root, tmp_path / "full")
    assert _tree(config.output_dir) == _tree(site)


def test_the_article_pages_are_linked_in_bulk_and_only_those_around_an_edit_digested(tmp_path, monkeypatch):
    """Once every article page was digested, a rebuild tells the article pages unchanged in bulk
    (``pagedeps.PageDigests.unchanged_in_run``): only the edited article's page and its
    neighbours' (whose contexts hold it) are digested page by page, and the site is a full
    build's. A headline now repeated re-renders the two pages that have it (their titles add
    their day) and the neighbours that show it, not every article page."""
    project = Project(tmp_path / "project")
    for day in range(1, 9):
        project.apply(("add", ([WORDS[day]], ["نص"], day, None, None)))
    config = load_config(root=project.root)
    build(config)
    build(config, full=True)  # (a full build remembers its digests too)
    digested: list[str] = []
    original = pagedeps.PageDigests.unchanged

    def spy(self, pages, previous):
        digested.extend(page.path for page in pages)
        return original(self, pages, previous)

    monkeypatch.setattr(pagedeps.PageDigests, "unchanged", spy)
    (project.articles / "generated-4.md").write_text(_article("generated-4", [WORDS[4]], ["نص", "جديد"], 4, None, None),
                                                     encoding="utf-8")
    edited = build(config)
    assert edited.incremental and not edited.unchanged
    assert sorted(p for p in digested if p.startswith("articles/")) == [
        "articles/generated-3.html", "articles/generated-4.html", "articles/generated-5.html"]
    site, _ = _full(project.root, tmp_path / "full")
    assert _tree(config.output_dir) == _tree(site)
    rendered: list[str] = []
    render_here = pagereuse.PageReuse.rendered

    def spy_render(self, page, title, reads):
        rendered.append(page.path)
        return render_here(self, page, title, reads)

    monkeypatch.setattr(pagereuse.PageReuse, "rendered", spy_render)
    (project.articles / "generated-6.md").write_text(_article("generated-6", [WORDS[2]], ["نص"], 6, None, None),
                                                     encoding="utf-8")  # the headline of generated-2 now
    retitled = build(config)
    assert retitled.incremental
    assert sorted(p for p in rendered if p.startswith("articles/")) == [
        f"articles/generated-{n}.html" for n in (2, 5, 6, 7)]
    site, _ = _full(project.root, tmp_path / "full")
    assert _tree(config.output_dir) == _tree(site)
    titles = [re.search(r"<title>(.*?)</title>", (config.output_dir / f"articles/generated-{n}.html")
                        .read_text(encoding="utf-8")).group(1) for n in (2, 6)]
    assert titles[0] != titles[1] and all(WORDS[2] in title for title in titles)  # told apart by their dates


def test_an_added_deleted_or_moved_article_digests_only_the_pages_around_it(tmp_path, monkeypatch):
    """The previous run of article pages is remembered with its paths in order: an article added,
    deleted or moved changes the neighbours of a few pages only, and only those (and the pages
    of the stretch that moved) are digested one by one; the site is a full build's."""
    project = Project(tmp_path / "project")
    for day in range(1, 9):
        project.apply(("add", ([WORDS[day]], ["نص"], day, None, None)))
    config = load_config(root=project.root)
    build(config)
    digested: list[str] = []
    original = pagedeps.PageDigests.unchanged

    def spy(self, pages, previous):
        digested.extend(page.path for page in pages if page.path.startswith("articles/"))
        return original(self, pages, previous)

    monkeypatch.setattr(pagedeps.PageDigests, "unchanged", spy)

    def step(change, expected):
        digested.clear()
        change()
        result = build(config)
        assert result.incremental and not result.unchanged
        assert sorted(digested) == sorted(f"articles/generated-{n}.html" for n in expected)
        site, _ = _full(project.root, tmp_path / "full")
        assert _tree(config.output_dir) == _tree(site)

    articles = project.articles
    step(lambda: (articles / "generated-9.md").write_text(_article("generated-9", [WORDS[9]], ["نص"], 4, None, None),
                                                         encoding="utf-8"), [4, 9, 5])  # after 4, by id
    step(lambda: (articles / "generated-6.md").unlink(), [5, 7])
    step(lambda: (articles / "generated-2.md").write_text(_article("generated-2", [WORDS[2]], ["نص"], 7, None, None),
                                                         encoding="utf-8"), [1, 3, 4, 9, 5, 2, 7])  # before 7, by id
