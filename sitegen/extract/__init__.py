"""``sitegen extract``: propose reviewable metadata for raw Arabic articles.

The stages, one module each, in the order the data flows:

- ``inputs``: raw articles from text files (title, lede, body) and JSON lines;
- ``scan``: every vocabulary matched over the body in one pass (``matcher``, ``vocabulary``);
- ``dates``, ``places``, ``actors``, ``weapons``, ``outlets``, ``speakers``: what the text
  says, each value with the exact phrase it came from;
- ``incidents``: one incident per dated event, with its place, actors, type and weapons;
- ``propose``: an article's front matter (``review: pending``);
- ``merge`` and ``writer``: re-running never overwrites what a person edited;
- ``run``: the driver, :func:`extract`.
"""

from sitegen.extract.run import ALL_WRITTEN, NOTHING_WRITTEN, SOME_SKIPPED, Report, extract

__all__ = ["ALL_WRITTEN", "NOTHING_WRITTEN", "SOME_SKIPPED", "Report", "extract"]
