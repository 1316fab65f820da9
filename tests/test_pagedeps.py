"""What a page is made from: its template chain, and what it reads of the archive while rendering."""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import enum
import hashlib
import shutil
from pathlib import Path

import jinja2
from markupsafe import Markup

from sitegen import archive, pagedeps, render
from sitegen.archive import make_archive
from sitegen.config import SiteConfig
from sitegen.content import load_content

REPO = Path(__file__).resolve().parent.parent


def _env(tmp_path, templates: dict[str, str]) -> jinja2.Environment:
    folder = tmp_path / "templates"
    folder.mkdir()
    for name, text in templates.items():
        (folder / name).write_text(text, encoding="utf-8")
    return render.make_environment(dataclasses.replace(SiteConfig(), templates_dir=folder))


def test_a_template_chain_is_what_it_extends_includes_and_imports(tmp_path):
    env = _env(tmp_path, {"page.html": '{% extends "frame.html" %}{% from \'m.html\' import x %}',
                          "frame.html": "{%- include 'part.html' -%}", "part.html": "", "m.html": "",
                          "other.html": "", "dynamic.html": "{% include name %}"})
    assert [name for name, _ in render.template_sources(env, "page.html")] == \
        ["frame.html", "m.html", "page.html", "part.html"]
    names = [name for name, _ in render.template_sources(env, "dynamic.html")]
    assert {"other.html", "page.html", "article.html"} <= set(names)  # a variable name: every template
    assert not any(name.startswith("assets/") for name in names)


def test_reads_are_recorded_by_name_and_by_key():
    @dataclasses.dataclass(frozen=True)
    class Archive:
        title: str
        incidents_by_id: dict

    archive = pagedeps.Recorder(Archive("t", {"a": 1, "b": 2}), "archive")
    assert archive.title == "t"  # outside a page: nothing recorded, nothing fails
    value, reads = pagedeps.recording(lambda: (archive.title, archive.incidents_by_id.get("a"),
                                               "b" in archive.incidents_by_id))
    assert value == ("t", 1, True) and reads == {"archive.title", "archive.incidents_by_id[a]",
                                                 "archive.incidents_by_id[b]"}
    _, reads = pagedeps.recording(lambda: list(archive.incidents_by_id.items()))
    assert reads == {"archive.incidents_by_id"}  # iterating reads it all


def test_a_page_digest_moves_with_what_it_read_and_only_with_that():
    @dataclasses.dataclass(frozen=True)
    class Archive:
        title: str
        count: int

    def digest(archive, reads, context=None, source="x", day=dt.date(2024, 1, 2)):
        pages = pagedeps.PageDigests(archive, SiteConfig(), lambda name: [(name, source)], day)
        return pages.page("p.html", "t.html", context or {"archive": archive}, reads)

    base = digest(Archive("t", 1), ["archive.title"])
    assert digest(Archive("t", 2), ["archive.title"]) == base  # not read: no change
    assert digest(Archive("u", 1), ["archive.title"]) != base
    assert digest(Archive("t", 1), ["archive.title"], source="y") != base  # its template
    assert digest(Archive("t", 1), ["archive.title"], {"part": (1, 2)}) != base  # its own data
    assert digest(Archive("t", 1), ["archive.title"], day=dt.date(2024, 1, 3)) == base  # the day, unprinted
    printed = digest(Archive("t", 1), ["archive.title"], source="{{ built_on }}")
    assert digest(Archive("t", 1), ["archive.title"], source="{{ built_on }}", day=dt.date(2024, 1, 3)) != printed


def _defined_digest(value) -> bytes:
    """A value's digest as ``Fingerprints`` defines it, spelled out with no fast path and no memo."""
    if value is None or isinstance(value, (str, int, float, bool, dt.date)):
        return hashlib.sha256(f"{type(value).__name__}:{value!r}".encode("utf-8", "surrogatepass")).digest()
    if isinstance(value, archive.IncidentRecord):  # by its reports, and where its accounts are in them
        places = [[id(told) for told in report.incidents].index(id(account))
                  for report, account in zip(value.reports, value.accounts)]
        shown = [id(account) for account in value.accounts].index(id(value.incident))
        return hashlib.sha256(b"IncidentRecord by reports\0" + _defined_digest(value.reports)
                              + f"{shown}:{','.join(map(str, places))}".encode()).digest()
    h = hashlib.sha256(type(value).__name__.encode())
    if type(value).__module__ == "sitegen.model":
        h.update(repr(value).encode("utf-8", "surrogatepass"))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            h.update(item.name.encode())
            h.update(_defined_digest(getattr(value, item.name)))
    elif isinstance(value, dict):
        for key, item in value.items():
            h.update(_defined_digest(key))
            h.update(_defined_digest(item))
    elif isinstance(value, (tuple, list)):
        h.update(str(len(value)).encode())
        for item in value:
            h.update(_defined_digest(item))
    elif isinstance(value, (set, frozenset)) and value and all(type(v) is str for v in value):
        h.update(b"\0strings")
        for item in sorted(value):
            h.update(f"{len(item.encode())}:{item}".encode())
    elif isinstance(value, (set, frozenset)):
        for item in sorted(_defined_digest(v) for v in value):
            h.update(item)
    else:
        h.update(repr(value).encode("utf-8", "surrogatepass"))
    return h.digest()


def _defined_page_digest(path, template, chain, fixed, context, reads, read) -> str:
    h = hashlib.sha256(f"{path}\0{template}\0".encode("utf-8", "surrogatepass"))
    h.update(chain)
    h.update(fixed)
    for key in sorted(context):
        if key != "archive":
            h.update(key.encode())
            h.update(_defined_digest(context[key]))
    names = hashlib.sha256()
    for name in sorted(reads):
        names.update(name.encode("utf-8", "surrogatepass"))
        names.update(_defined_digest(read(name)))
    h.update(names.digest())
    return h.hexdigest()


def _project_archive(tmp_path):
    """The shipped vocabularies and article, with copies: some report the same incidents (an
    incident with several reports), some their own, one month apart."""
    return _load_archive(_project(tmp_path))


def _load_archive(root):
    content, diagnostics = load_content(root / "content")
    assert content is not None, diagnostics
    return make_archive(content)


def _project(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(REPO / "content", root / "content")
    source = next((root / "content" / "articles").glob("*.md")).read_text(encoding="utf-8")
    for number in range(12):
        text = source.replace("\nid: ", f"\nid: copy-{number}-", 1).replace("published: 2022-01-", f"published: 2022-0{1 + number % 3}-")
        if number % 3:  # their own incidents
            text = text.replace("  - id: ", f"  - id: copy-{number}-")
        (root / "content" / "articles" / f"copy-{number}.md").write_text(text, encoding="utf-8")
    return root


class _Colour(enum.Enum):
    RED = 1


def test_the_fast_digests_are_the_defined_ones(tmp_path):
    """Every fast path of ``Fingerprints.of`` computes the digest its definition gives, for the
    archive's own values and for the other types a context may hold."""
    site = _project_archive(tmp_path)
    assert any(len(record.reports) > 1 for record in site.incidents)
    Pair = collections.namedtuple("Pair", "a b")
    values = [site.articles, site.incidents, site.months, site.facets, site.incidents_by_id, site.years,
              site.vocabulary, site.articles[0], site.incidents[0], site.months[0], site.repeated_titles,
              archive.paginate(site.incidents, 3), (None, 1, 1.5, True, "نص", dt.date(2024, 1, 2)),
              [dt.datetime(2024, 1, 2, 3, 4), Markup("<b>x</b>"), Path("a/b"), _Colour.RED, Pair(1, "x")],
              {"a": [1, {2, 3}], 4: frozenset({"x"})}, ("key", site.incidents_by_id.get("absent", "absent"))]
    values.append(list(values))  # a list holding all of them (each met again through the memo)
    for order in (values, values[::-1]):  # the fast paths reached first, and then through the memo
        fingerprints = pagedeps.Fingerprints()
        for value in order:
            assert fingerprints.of(value) == _defined_digest(value), value
            assert fingerprints.of(value) == _defined_digest(value), value  # memoized


def test_the_page_digests_are_the_defined_ones(tmp_path):
    site = _project_archive(tmp_path)
    env = render.make_environment(SiteConfig())
    planned = render.plan_pages(pagedeps.Recorder(site, "archive"), 2)
    day = dt.date(2024, 1, 2)
    digests = pagedeps.PageDigests(site, SiteConfig(), lambda name: render.template_sources(env, name), day,
                                   fixed=(["m1", "m2"],))
    seeded = pagedeps.Fingerprints()  # the parse cache's digests, as a build seeds them
    digests.values.seed((article, seeded.of(article)) for article in site.articles)
    reads_of = {"article.html": ("archive.vocabulary", "site.title"),
                "incident.html": ("archive.incident_locations", f"archive.incidents_by_id[{site.incidents[0].id}]",
                                  "archive.incidents_by_id[absent]")}
    everything = ("archive.articles", "archive.facets", "archive.incidents", "archive.months", "archive.years",
                  "archive.undated_incidents", "archive.no-such-name", "other.name", "site.title")

    def read(name):  # what a name read stands for
        prefix, _, rest = name.partition(".")
        target = {"archive": site, "site": SiteConfig()}.get(prefix)
        attribute, bracket, key = rest.partition("[")
        if target is None or not hasattr(target, attribute):
            return ("unknown", name)
        return ("key", getattr(target, attribute).get(key[:-1], "absent")) if bracket else getattr(target, attribute)

    assert {"article.html", "incident.html", "facet.html", "month.html"} <= {page.template for page in planned}
    for page in planned:
        reads = reads_of.get(page.template, everything)
        chain = digests.chain(page.template)
        expected = _defined_page_digest(page.path, page.template, chain, _defined_digest((["m1", "m2"],)),
                                        page.context, reads, read)
        assert digests.page(page.path, page.template, page.context, reads) == expected, page.path
        assert digests.page(page.path, page.template, page.context, list(reads)) == expected  # unsorted, a list


def test_an_incident_is_digested_by_its_reports_and_where_its_accounts_are(tmp_path):
    root = _project(tmp_path)
    site, again = _load_archive(root), _load_archive(root)  # equal, not the same objects
    record = next(record for record in site.incidents if len(record.reports) > 1)
    digest = pagedeps.Fingerprints().of(record)
    assert pagedeps.Fingerprints().of(again.incidents_by_id[record.id]) == digest  # by content, not identity
    assert pagedeps.Fingerprints().of(site.incidents) == pagedeps.Fingerprints().of(again.incidents)
    shown_otherwise = archive.IncidentRecord(record.accounts[1], record.reports, record.accounts)
    assert pagedeps.Fingerprints().of(shown_otherwise) != digest
    fewer = archive.IncidentRecord(record.incident, record.reports[:1], record.accounts[:1])
    assert pagedeps.Fingerprints().of(fewer) != digest
    # an account edited in its article: the article's digest moves, and with it the record's
    edited = dataclasses.replace(record.incident, killed=(record.incident.killed or 0) + 1)
    first = record.reports[0]
    report = dataclasses.replace(first, incidents=tuple(edited if told is record.incident else told
                                                        for told in first.incidents))
    moved = archive.IncidentRecord(edited, (report, *record.reports[1:]), (edited, *record.accounts[1:]))
    assert pagedeps.Fingerprints().of(moved) != digest
    # accounts that are not its reports' own incidents: digested field by field
    foreign = archive.IncidentRecord(edited, record.reports, (edited, *record.accounts[1:]))
    fields = hashlib.sha256(b"IncidentRecord" + b"incident" + _defined_digest(edited) + b"reports"
                            + _defined_digest(record.reports) + b"accounts" + _defined_digest(foreign.accounts))
    assert pagedeps.Fingerprints().of(foreign) == fields.digest() != pagedeps.Fingerprints().of(moved)


def test_page_records_are_read_as_written_and_refused_whole_when_malformed():
    records = pagedeps.PageRecords()
    records.pages["a.html"] = records.record("d1", ("archive.x", "site.title"), "عنوان")
    records.pages["b.html"] = records.record("d2", ("site.title",), None)
    records.pages["c.html"] = records.record("d3", ("archive.x", "site.title"), "آخر")
    run = pagedeps.Run("ef", ["a.html", "c.html"], b"\0\1")
    data = records.to_json({"read_digests": {("site.title",): "ab"}, "heads": {"t.html": "cd"}}, {"article.html": run})
    again = pagedeps.PageRecords.from_json(data)
    assert again.pages == records.pages and again.lists == [("archive.x", "site.title"), ("site.title",)]
    assert again.reads(again.pages["c.html"]) == ("archive.x", "site.title")
    memory = pagedeps.memory_from_json(data)
    assert memory.read_digests == {("site.title",): "ab"} and memory.heads == {"t.html": "cd"}
    assert memory.runs == {"article.html": run._replace(paths="a.html\0c.html")}
    data["runs"]["article.html"][2] = b"\0"  # a flag for each page, or the run is not remembered
    assert pagedeps.memory_from_json(data).runs == {}
    following = again.following()  # the next build numbers the lists the same way
    assert following.record("d4", ("site.title",), "x")[pagedeps.READS] == 1 and not following.pages
    for damage in (lambda d: d.pop("reads"), lambda d: d["pages"]["a.html"].pop(),
                   lambda d: d["pages"]["a.html"].__setitem__(pagedeps.READS, 7),
                   lambda d: d["pages"]["a.html"].__setitem__(pagedeps.DIGEST, 3),
                   lambda d: d["pages"]["b.html"].__setitem__(pagedeps.NUMBER, "2"),
                   lambda d: d.__setitem__("pages", [1, 2]), lambda d: d["reads"].append(None)):
        broken = pagedeps.PageRecords().to_json()
        broken.update({"reads": [list(names) for names in records.lists],
                       "pages": {path: list(record) for path, record in records.pages.items()}})
        damage(broken)
        refused = pagedeps.PageRecords.from_json(broken)
        assert refused.pages == {} and refused.lists == [], damage
    assert pagedeps.PageRecords.from_json(None).pages == {}
