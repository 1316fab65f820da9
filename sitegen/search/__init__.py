"""Full-text search: the Whoosh index and the queries over it.

The only package that imports Whoosh. ``analysis`` wires the Arabic analyzer into Whoosh,
``schema`` defines the fields, the ranking constants and the document of an article,
``index`` writes an index into the folder it is given, ``query`` searches it, ``snippets``
marks matches in the original text, ``report`` prints results for the terminal, and ``browser_index`` projects the index
into the site for the search page.
"""

from .browser_index import write_browser_index
from .index import build_index, index_content
from .query import Hit, SearchError, SearchIndex, SearchResults, search
from .report import format_results, page_url

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
