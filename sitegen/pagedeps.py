"""What each page is made from, so that a rebuild renders only the pages whose inputs changed.

A page's **digest** covers everything its HTML can depend on:

- its path and template, and the source of every template it extends, includes or imports
  (:func:`sitegen.render.template_sources`; a template named by a variable brings in all);
- the day, when one of those templates prints it (``built_on``), and the month names;
- its own data: every value of its context (the article, its neighbours, the incident, the
  facet, the slice of a list and the paths of the list's pages...), digested in full;
- what it read from the whole archive and from the settings, **recorded while it rendered**:
  ``archive`` and ``site`` are :class:`Recorder` proxies that note each attribute a template
  (or the Python it calls, such as the maps) reads, and ``archive.incidents_by_id`` notes the
  ids looked up in it. The names are kept in the state; the next build digests the current
  values of the same names.

When a page's digest equals the previous build's, its file is linked from the previous site
and it is not rendered. This is safe because rendering is a function of those inputs: if
none changed, the template takes the same path, reads the same names and writes the same
bytes (the way ``make`` reasons with dependencies found while building). Every value is
digested by content (:func:`fingerprint`), never by modification time or identity.
"""

from __future__ import annotations

import contextvars
import dataclasses
import datetime as dt
import hashlib
import operator
from typing import Any, Callable, Iterable, NamedTuple

_reads: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("page_reads", default=None)

ARCHIVE = "archive"
SETTINGS = "site"
KEYED = {"incidents_by_id"}
INCIDENT_RECORD = ("sitegen.archive", "IncidentRecord")  # digested by its reports (Fingerprints._of_record)
RECORD_MODULE = "sitegen.model"  # its frozen dataclasses hold plain values only: digested by their repr  # archive attributes whose reads are recorded key by key


class Recorder:
    """Reads ``target``'s attributes for templates, noting each name read while a page renders."""

    __slots__ = ("_target", "_prefix")

    def __init__(self, target: Any, prefix: str):
        object.__setattr__(self, "_target", target)
        object.__setattr__(self, "_prefix", prefix)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        reads = _reads.get()
        if reads is None:
            return value
        if name in KEYED and isinstance(value, dict):
            return _KeyedReads(value, f"{self._prefix}.{name}", reads)
        reads.add(f"{self._prefix}.{name}")
        return value

    def __repr__(self) -> str:
        return f"Recorder({self._target!r})"


class _KeyedReads:
    """A mapping whose lookups are noted key by key; anything else (iterating, counting) reads it all."""

    __slots__ = ("_mapping", "_name", "_reads")

    def __init__(self, mapping: dict, name: str, reads: set[str]):
        self._mapping, self._name, self._reads = mapping, name, reads

    def _key(self, key) -> None:
        self._reads.add(f"{self._name}[{key}]")

    def get(self, key, default=None):
        self._key(key)
        return self._mapping.get(key, default)

    def __getitem__(self, key):
        self._key(key)
        return self._mapping[key]

    def __contains__(self, key) -> bool:
        self._key(key)
        return key in self._mapping

    def _all(self) -> dict:
        self._reads.add(self._name)
        return self._mapping

    def __iter__(self):
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def keys(self):
        return self._all().keys()

    def values(self):
        return self._all().values()

    def items(self):
        return self._all().items()


def recording(render: Callable[[], Any]) -> tuple[Any, set[str]]:
    """Call ``render()`` noting what it reads through the recorders; returns its result and the names."""
    reads: set[str] = set()
    token = _reads.set(reads)
    try:
        return render(), reads
    finally:
        _reads.reset(token)


class Fingerprints:
    """Content digests of values, each computed once per build (keyed by object identity, the
    object kept alive so that an identity is never reused).

    A value's digest is the sha256 of its type's name and, for plain values (str, int, float,
    bool, None, dates), its repr; for ``sitegen.model``'s records, their repr; for an
    ``archive.IncidentRecord``, its reports' digests and where its accounts are among their
    incidents (:meth:`_of_record`); for other
    dataclasses, each field's name and digest; for tuples and lists, their length and each
    item's digest; for dicts, each key's and value's digest in order; for sets of strings, the
    strings sorted, each with its length; for other sets, their items' digests sorted; for anything else, its repr. The common types take a fast path chosen by
    their exact type (one ``b"".join`` of the parts' digests, the memo read inline), which
    computes those same bytes: ``tests/test_pagedeps.py`` checks it against the definition.
    """

    def __init__(self) -> None:
        self._memo: dict[int, bytes] = {}
        self._alive: list[Any] = []  # every memoized value: its identity is never reused
        self._fields: dict[type, tuple[tuple[bytes, str], ...]] = {}  # a dataclass's field names
        self._records: set[type] = set()  # sitegen.model's dataclasses met so far
        self._incident_records: set[type] = set()  # archive.IncidentRecord, once met (not imported here)

    def seed(self, known: Iterable[tuple[Any, bytes]]) -> None:
        """Take the digests of values computed by an earlier build (each exactly what :meth:`of`
        returns for it: the parse cache keeps an article's digest with the article)."""
        memo, alive = self._memo, self._alive
        for value, digest in known:
            if id(value) not in memo:
                memo[id(value)] = digest
                alive.append(value)

    def of(self, value: Any) -> bytes:
        known = self._memo.get(id(value))
        if known is not None:
            return known
        kind = type(value)
        if kind in _PLAIN:
            return _sha256(f"{kind.__name__}:{value!r}".encode("utf-8", "surrogatepass")).digest()
        if kind is tuple or kind is list:
            return self._remember(value, self.of_items(value, kind.__name__.encode()))
        if kind in self._incident_records:
            return self._remember(value, self._of_record(value))
        if kind in self._records:
            return self._remember(value, _sha256(kind.__name__.encode() + repr(value).encode("utf-8", "surrogatepass")).digest())
        fields = self._fields.get(kind)
        if fields is not None:
            of, parts = self.of, [kind.__name__.encode()]
            for name, attribute in fields:
                parts.append(name)
                parts.append(of(getattr(value, attribute)))
            return self._remember(value, _sha256(b"".join(parts)).digest())
        return self._generic(value)

    def of_items(self, items, name: bytes = b"tuple") -> bytes:
        """The digest of a tuple (or, with ``name`` ``b"list"``, a list) of ``items``, not memoized."""
        memo, of = self._memo, self.of
        parts = [name, str(len(items)).encode()]
        known = list(map(memo.get, map(id, items)))  # (no Python frame per item)
        if not all(known):
            known = [digest or of(item) for digest, item in zip(known, items)]
        parts += known
        return _sha256(b"".join(parts)).digest()

    def _of_record(self, record: Any) -> bytes:
        """An incident's digest by its reports: the articles' digests (which cover their incidents:
        their repr shows every field) and where its accounts are among their incidents, so that
        its own incident and accounts are never digested again. An equal digest means equal
        reports and accounts at the same places in them: the same record. A record whose accounts
        are not its reports' own incidents (not made by ``archive.gather_incidents``) is digested
        field by field."""
        reports, accounts = record.reports, record.accounts
        if len(accounts) == len(reports) and accounts:
            places = []
            for report, account in zip(reports, accounts):
                place = next((k for k, told in enumerate(report.incidents) if told is account), -1)
                places.append(place)
            shown = next((k for k, told in enumerate(accounts) if told is record.incident), -1)
            if shown >= 0 and -1 not in places:
                where = f"{shown}:{','.join(map(str, places))}".encode()
                return _sha256(b"IncidentRecord by reports\0" + self.of_items(reports) + where).digest()
        return _sha256(b"".join([b"IncidentRecord", b"incident", self.of(record.incident), b"reports",
                                 self.of(reports), b"accounts", self.of(accounts)])).digest()

    def _remember(self, value: Any, digest: bytes) -> bytes:
        self._memo[id(value)] = digest
        self._alive.append(value)
        return digest

    def _generic(self, value: Any) -> bytes:
        """The definition, for every type (the fast paths above compute the same bytes)."""
        if value is None or isinstance(value, (str, int, float, bool, dt.date)):
            return _sha256(f"{type(value).__name__}:{value!r}".encode("utf-8", "surrogatepass")).digest()
        if (type(value).__module__, type(value).__qualname__) == INCIDENT_RECORD:
            self._incident_records.add(type(value))  # the next ones take the fast path
            return self._remember(value, self._of_record(value))
        h = _sha256(type(value).__name__.encode())
        if type(value).__module__ == RECORD_MODULE:  # plain data, its repr shows every field (fast)
            h.update(repr(value).encode("utf-8", "surrogatepass"))
            if dataclasses.is_dataclass(value):
                self._records.add(type(value))
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = tuple((item.name.encode(), item.name) for item in dataclasses.fields(value))
            for name, attribute in names:
                h.update(name)
                h.update(self.of(getattr(value, attribute)))
            self._fields[type(value)] = names  # the next ones of this type take the fast path
        elif isinstance(value, dict):
            for key, item in value.items():  # in order: templates iterate dicts in order
                h.update(self.of(key))
                h.update(self.of(item))
        elif isinstance(value, (tuple, list)):
            h.update(str(len(value)).encode())
            for item in value:
                h.update(self.of(item))
        elif isinstance(value, (set, frozenset)) and value and all(type(v) is str for v in value):
            h.update(b"\0strings")  # (a set of names: the names sorted, each with its length; fast)
            for item in sorted(value):
                raw = item.encode("utf-8", "surrogatepass")
                h.update(b"%d:" % len(raw))
                h.update(raw)
        elif isinstance(value, (set, frozenset)):
            for item in sorted(self.of(v) for v in value):
                h.update(item)
        else:  # a path, an enum, anything else with a faithful repr
            h.update(repr(value).encode("utf-8", "surrogatepass"))
        return self._remember(value, h.digest())


_sha256 = hashlib.sha256
_PLAIN = frozenset({str, int, float, bool, type(None), dt.date, dt.datetime})


class PageDigests:
    """The digest of each page from its template chain, its context and the names it read."""

    def __init__(self, archive: Any, settings: Any, templates: Callable[[str], list[tuple[str, str]]],
                 day: dt.date, fixed: Iterable[Any] = ()):
        self.archive, self.settings = archive, settings
        self.values = Fingerprints()
        self._templates = templates
        self._day = day
        self._fixed = self.values.of(tuple(fixed))
        self._chains: dict[str, bytes] = {}
        self._reads: dict[str, bytes] = {}
        self._read_sets: dict[tuple[str, ...], bytes] = {}
        self._read_tuples: dict[int, tuple[tuple[str, ...], bytes]] = {}  # by id, the tuple kept alive
        self._keys: dict[tuple[str, ...], tuple[tuple[bytes, str], ...]] = {}  # a context's keys, sorted
        self._heads: dict[str, bytes] = {}  # what every page of a template starts with, after its path
        self._memo = self.values._memo
        self._last_reads: tuple[Any, bytes] = (None, b"")

    def chain(self, template: str) -> bytes:
        """The template with everything it extends, includes and imports, by source; the day if it prints it."""
        known = self._chains.get(template)
        if known is None:
            sources = self._templates(template)
            h = hashlib.sha256()
            for name, source in sources:
                h.update(f"\0{name}\0".encode("utf-8", "surrogatepass"))
                h.update(hashlib.sha256(source.encode("utf-8", "surrogatepass")).digest())
            if any("built_on" in source for _, source in sources):
                h.update(f"day {self._day.isoformat()}".encode())
            known = self._chains[template] = h.digest()
        return known

    def read(self, name: str) -> bytes:
        """The digest of the current value behind a recorded name (``archive.articles``,
        ``archive.incidents_by_id[some-id]``, ``site.title``)."""
        known = self._reads.get(name)
        if known is None:
            prefix, _, rest = name.partition(".")
            target = self.archive if prefix == ARCHIVE else self.settings if prefix == SETTINGS else None
            attribute, bracket, key = rest.partition("[")
            if target is None or not hasattr(target, attribute):
                value: Any = ("unknown", name)  # never equal to a value: the page is rendered
            elif bracket:
                value = ("key", getattr(target, attribute).get(key[:-1], "absent"))
            else:
                value = getattr(target, attribute)
            known = self._reads[name] = self.values.of(value)
        return known

    def page(self, path: str, template: str, context: dict[str, Any], reads: Iterable[str]) -> str:
        """The sha256, in hex, of the path, the template, its chain, the fixed values, each context
        value but the archive by key (sorted), and the names read (sorted) with their values."""
        return self._page(path, template, context, reads if isinstance(reads, tuple) else tuple(sorted(reads)))

    def unchanged(self, pages: Iterable[Any], previous: PageRecords) -> list[int]:
        """The positions of the ``pages`` (each with a path, a template and a context) whose digest,
        with what they read before, is their previous record's (one that has a title)."""
        found, digest, records, lists = [], self._page, previous.pages, previous.lists
        for index, (path, template, context) in enumerate(pages):
            before = records.get(path)
            if (before is not None and before[TITLE] is not None
                    and digest(path, template, context, lists[before[READS]]) == before[DIGEST]):
                found.append(index)
        return found

    def head(self, template: str) -> bytes:
        """What every page of ``template`` starts with, after its path: the template's name, its
        chain and the fixed values."""
        head = self._heads.get(template)
        if head is None:
            head = self._heads[template] = (f"\0{template}\0".encode("utf-8", "surrogatepass")
                                            + self.chain(template) + self._fixed)
        return head

    def run(self, pages: list[Any]) -> Run:
        """A run of pages of one template whose contexts have the same keys (the article pages),
        as :class:`Memory` keeps it: its shape (the template and the keys), every page's path in
        order, and the values of the keys whose value is a flag (a bool, in the first page's
        context), a byte a page each."""
        keys = sorted(pages[0].context) if pages else []
        shape = "\0".join([pages[0].template if pages else "", *keys]).encode("utf-8", "surrogatepass")
        flags = [key for key in keys if type(pages[0].context[key]) is bool]
        contexts = list(map(operator.attrgetter("context"), pages))
        marks = bytes(len(pages))
        for place, key in enumerate(flags):  # (one flag, most often: in C loops)
            bits = bytes(map(operator.itemgetter(key), contexts))
            marks = bits if not place else bytes(a | b << place for a, b in zip(marks, bits))
        return Run(_sha256(shape).hexdigest(), [page.path for page in pages], marks)

    def unchanged_in_run(self, pages: list[Any], run: Run, changed: Iterable[str], previous: PageRecords,
                         before: Memory) -> list[int] | None:
        """The positions in a run (:meth:`run`) of the pages whose digest is, without computing
        it, the previous one; None when the run must be digested page by page.

        A page's digest is made of its path, its template's head, its context's values and the
        digest of what it read (:meth:`page`). The run's context values are the articles around
        each page (the page's own, the previous and the next one) and flags. When the previous
        build had a run of the same shape and the template's head is the same, a page keeps its
        digest if it is where it was among its neighbours (outside the stretch where the two
        runs' paths differ, and not next to it), its flags are the same, no article around it
        was parsed by this build (``changed``: the paths of those pages; the others are the
        parse cache's, unchanged), and the digest of what it read is the same (checked once per
        list of names read)."""
        template = pages[0].template if pages else ""
        old = before.runs.get(template)
        if old is None or old.shape != run.shape or before.heads.get(template) != self.head(template).hex():
            return None
        paths, dirty = run.paths, set(changed)
        if SEPARATOR.join(paths) == old.paths:
            start = end = n = m = len(paths)  # (the same pages in the same order: no stretch differs)
        else:
            before_paths = old.paths.split(SEPARATOR) if old.paths else []
            n, m = len(paths), len(before_paths)
            start = next((k for k, (a, b) in enumerate(zip(paths, before_paths)) if a != b), min(n, m))
            tail = next((k for k, (a, b) in enumerate(zip(reversed(paths), reversed(before_paths))) if a != b),
                        min(n, m))
            end = n - min(tail, min(n, m) - start)  # [start, end): the new stretch (old: [start, end + m - n))
            dirty.update(paths[max(start - 1, 0):end + 1])  # the stretch and the pages beside it
        flags, old_flags, shift = run.flags, old.flags, m - n
        if flags[:start] != old_flags[:start] or flags[end:] != old_flags[end + shift:]:
            dirty.update(paths[k] for k in range(n) if (k < start or k >= end)
                         and flags[k] != old_flags[k if k < start else k + shift])
        records = list(map(previous.pages.get, paths))
        lists, known = previous.lists, before.read_digests
        same = {number: known.get(lists[number]) == self._reads_digest(lists[number]).hex()
                for number in set(map(_READS, filter(None, records)))}
        if all(records) and all(same.values()) and None not in map(_TITLE, records):
            return [index for index, path in enumerate(paths) if path not in dirty]
        return [index for index, (path, record) in enumerate(zip(paths, records))
                if path not in dirty and record is not None and record[TITLE] is not None and same[record[READS]]]

    def memory(self) -> dict[str, Any]:
        """What :class:`Memory` keeps of this build: each template's head and each list of names'
        digest computed (the page records say which pages read which list)."""
        return {"heads": {name: head.hex() for name, head in self._heads.items()},
                "read_digests": {reads: digest.hex() for reads, digest in self._read_sets.items()}}

    def _page(self, path: str, template: str, context: dict[str, Any], reads: tuple[str, ...]) -> str:
        head = self._heads.get(template)
        if head is None:
            head = self.head(template)
        keys = self._keys.get(tuple(context))
        if keys is None:
            keys = self._keys[tuple(context)] = tuple((key.encode(), key) for key in sorted(context) if key != ARCHIVE)
        memo = self._memo
        parts = [path.encode("utf-8", "surrogatepass"), head]
        for name, key in keys:
            value = context[key]
            parts += (name, memo.get(id(value)) or self.values.of(value))
        if reads is self._last_reads[0]:  # (most pages read what the page before them read)
            parts.append(self._last_reads[1])
        else:
            same = self._read_tuples.get(id(reads))
            read = same[1] if same is not None and same[0] is reads else self._reads_digest(reads)
            self._last_reads = (reads, read)
            parts.append(read)
        return _sha256(b"".join(parts)).hexdigest()

    def _reads_digest(self, reads: tuple[str, ...]) -> bytes:
        """One digest of the names read and their values (many pages read the same names, most
        often the very same tuple of the previous build's records: found by identity first)."""
        same = self._read_tuples.get(id(reads))
        if same is not None and same[0] is reads:
            return same[1]
        known = self._read_sets.get(reads)
        if known is None:
            parts = []
            for name in sorted(reads):
                parts.append(name.encode("utf-8", "surrogatepass"))
                parts.append(self.read(name))
            known = self._read_sets[reads] = _sha256(b"".join(parts)).digest()
        self._read_tuples[id(reads)] = (reads, known)
        return known


# A page's record, as the state keeps it: a list of its digest, the number of the list of names
# it read (``PageRecords.lists``), its title before numbering (None: it failed to render), and the
# number and final title it got when another page had the same title (0 and "" if none).
DIGEST, READS, TITLE, NUMBER, FINAL = range(5)
_READS, _TITLE = operator.itemgetter(READS), operator.itemgetter(TITLE)


class PageRecords:
    """The records of a build's pages, in the very form the state keeps them (so that a rebuild
    keeps an unchanged page's record as it read it, without making anything per page): each
    page's record (see ``DIGEST``...), and each distinct list of names read, once, numbered."""

    def __init__(self, lists: Iterable[tuple[str, ...]] = (), pages: dict[str, list] | None = None):
        self.lists = list(lists)
        self.numbers = {names: number for number, names in enumerate(self.lists)}
        self.pages: dict[str, list] = {} if pages is None else pages

    @classmethod
    def from_json(cls, data) -> PageRecords:
        """The records of a state (what :meth:`to_json` wrote); none when they are missing or
        malformed (every page is rendered). Checked field by field, each in one pass."""
        try:
            lists = [tuple(str(name) for name in names) for names in data["reads"]]
            pages = data["pages"]
            entries = pages.values()
            if not (type(pages) is dict and set(map(type, pages)) <= {str} and set(map(type, entries)) <= {list}
                    and set(map(len, entries)) <= {5}
                    and set(map(type, map(operator.itemgetter(DIGEST), entries))) <= {str}
                    and set(map(type, map(operator.itemgetter(READS), entries))) <= {int}
                    and set(map(type, map(operator.itemgetter(TITLE), entries))) <= {str, type(None)}
                    and set(map(type, map(operator.itemgetter(NUMBER), entries))) <= {int}
                    and set(map(type, map(operator.itemgetter(FINAL), entries))) <= {str}
                    and all(0 <= number < len(lists) for number in set(map(operator.itemgetter(READS), entries)))):
                return cls()
            return cls(lists, pages)
        except (TypeError, KeyError, ValueError, AttributeError):
            return cls()

    def following(self) -> PageRecords:
        """Empty records for the next build, numbering the lists of names as these do (so that
        an unchanged page's record, kept as it is, points to the same list)."""
        return PageRecords(self.lists)

    def reads(self, record: list) -> tuple[str, ...]:
        return self.lists[record[READS]]

    def record(self, digest: str, reads: tuple[str, ...], title: str | None) -> list:
        number = self.numbers.get(reads)
        if number is None:
            number = self.numbers[reads] = len(self.lists)
            self.lists.append(reads)
        return [digest, number, title, 0, ""]

    def to_json(self, memory: dict[str, Any] | None = None, runs: dict[str, Run] | None = None) -> dict:
        """The records for the state, with ``memory`` (:meth:`PageDigests.memory`) and ``runs``
        (:meth:`PageDigests.run`) beside: see :class:`Memory`."""
        known = (memory or {}).get("read_digests", {})
        return {"reads": [list(names) for names in self.lists], "pages": self.pages,
                "read_digests": [known.get(names, "") for names in self.lists],
                "heads": dict((memory or {}).get("heads", {})),
                "runs": {template: [run.shape, SEPARATOR.join(run.paths), run.flags]
                         for template, run in (runs or {}).items()}}


class Run(NamedTuple):
    """A run of pages (:meth:`PageDigests.run`): the digest of its shape, its paths (remembered
    by :class:`Memory` as one string, ``SEPARATOR`` between them), its flags (a byte a page)."""

    shape: str
    paths: list[str] | str
    flags: bytes


SEPARATOR = "\0"  # (never in a path)


@dataclasses.dataclass
class Memory:
    """What a build remembers of its digests besides the page records, so that the next one can
    tell a page unchanged without digesting it (:meth:`PageDigests.unchanged_in_run`): each
    template's head, each list of names read with its digest, and each run of pages."""

    heads: dict[str, str] = dataclasses.field(default_factory=dict)
    read_digests: dict[tuple[str, ...], str] = dataclasses.field(default_factory=dict)
    runs: dict[str, Run] = dataclasses.field(default_factory=dict)


def memory_from_json(data) -> Memory:
    """The memory of a state's page records; empty when missing or malformed (every page digested)."""
    try:
        lists = [tuple(str(name) for name in names) for names in data["reads"]]
        digests = data.get("read_digests", [])
        runs = {}
        for template, (shape, paths, flags) in data.get("runs", {}).items():
            if (type(shape) is str and type(paths) is str and type(flags) is bytes
                    and len(flags) == (paths.count(SEPARATOR) + 1 if paths else 0)):
                runs[str(template)] = Run(shape, paths, flags)
        return Memory({str(k): str(v) for k, v in data.get("heads", {}).items()},
                      {reads: str(digest) for reads, digest in zip(lists, digests) if digest}, runs)
    except (TypeError, KeyError, ValueError, AttributeError):
        return Memory()
