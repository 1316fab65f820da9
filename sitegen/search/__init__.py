"""Full-text search: the Whoosh index and the queries over it.

The only package that imports Whoosh. ``analysis`` wires the Arabic analyzer into Whoosh,
``schema`` defines the fields and the document of an article, ``index`` writes an index
into the folder it is given. ``ranking`` is the ranking contract (formula, constants,
collection, ties, tiers) and ``querylang`` the query language, both reproduced by the
browser search; ``postings`` reads statistics and posting lists, ``evaluate`` scores and
tiers, ``query`` searches (filters, "did you mean"), ``snippets`` marks matches in the
original text, ``report`` prints results for the terminal, and ``browser_index`` projects
the index into the site for the browser's search page.
"""

from importlib import import_module

_HOMES = {  # imported on first use, so that `sitegen search` does not load the index writer
    "build_index": "index", "index_content": "index",
    "Hit": "query", "SearchError": "query", "SearchIndex": "query", "SearchResults": "query", "search": "query",
    "format_results": "report", "page_url": "report",
    "write_browser_index": "browser_index",
}


def __getattr__(name: str):
    if name in _HOMES:
        return getattr(import_module(f".{_HOMES[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Hit",
    "SearchError",
    "SearchIndex",
    "SearchResults",
    "build_index",
    "format_results",
    "page_url",
    "index_content",
    "search",
    "write_browser_index",
]
