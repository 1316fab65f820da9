"""What a page shows of a list it is part of, or of the whole archive: headings and counts.

A page of a month's incidents or articles shows its own slice of the list, and of the month
only its name and counts (and the names of the months before and after it); a page of a
browse list shows its slice and the facet's kind, id and count. Its context holds that and no
more: a :class:`MonthHeading` or :class:`FacetHeading` in place of the whole ``Month`` or
``Facet``. A page's digest covers its context's values (``pagedeps``), so an edited article
re-renders only the page whose slice holds it, not every page of its month or facet.

A heading's digest is its repr, which shows every value it holds. Its ``incidents`` and
``articles`` (for a theme that lists more than the page's slice) are read through the archive
the pages are planned from (``archive.months``, ``archive.facets``): a build records that read
like any other (``pagedeps.Recorder``), so such a page depends on every month or facet, and is
never stale. In the same way, the home page, the timeline and the about page hold the
archive's counts (:class:`ArchiveCounts`), the months' headings and the newest items they list,
so that an article edited in an old month changes none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class MonthHeading:
    """A month as its list pages show it: year, month, key and counts."""

    __slots__ = ("year", "month", "key", "incident_count", "article_count", "_archive", "_index")

    def __init__(self, archive: Any, index: int):
        month = archive.months[index]
        self.year, self.month, self.key = month.year, month.month, month.key
        self.incident_count, self.article_count = len(month.incidents), len(month.articles)
        self._archive, self._index = archive, index

    @property
    def incidents(self) -> tuple:
        return self._archive.months[self._index].incidents

    @property
    def articles(self) -> tuple:
        return self._archive.months[self._index].articles

    def __repr__(self) -> str:
        return (f"MonthHeading({self.year!r}, {self.month!r}, {self.key!r}, "
                f"incidents={self.incident_count!r}, articles={self.article_count!r})")


class FacetHeading:
    """A browse page (place, actor, type, weapon, outlet) as its list pages show it: kind, id, count."""

    __slots__ = ("kind", "id", "incident_count", "_archive", "_index")

    def __init__(self, archive: Any, kind: str, index: int, facet: Any):
        self.kind, self.id, self.incident_count = facet.kind, facet.id, len(facet.incidents)
        self._archive, self._index = archive, (kind, index)

    @property
    def incidents(self) -> tuple:
        kind, index = self._index
        return self._archive.facets[kind][index].incidents

    def __repr__(self) -> str:
        return f"FacetHeading({self.kind!r}, {self.id!r}, incidents={self.incident_count!r})"


def month_headings(archive: Any) -> list[MonthHeading]:
    """A heading for each of ``archive.months``, in order (``archive``: the planning's recorder)."""
    return [MonthHeading(archive, index) for index in range(len(archive.months))]


def facet_headings(archive: Any, kind: str, facets: tuple) -> tuple[FacetHeading, ...]:
    """A heading for each facet of ``kind`` (``facets``: ``archive.facets[kind]``), in order."""
    return tuple(FacetHeading(archive, kind, index, facet) for index, facet in enumerate(facets))


@dataclass(frozen=True)
class ArchiveCounts:
    """How many articles, incidents (dated, undated) and months the archive holds."""

    articles: int
    incidents: int
    dated: int
    undated: int
    months: int


def newest(items: tuple, count: int | None) -> tuple:
    """The ``count`` last of ``items``, newest (last) first; all of them for None or a negative
    count (a page slicing the result by the same setting shows what it would show of all)."""
    if count is not None and 0 <= count < len(items):
        items = items[len(items) - count:]
    return items[::-1]
