"""Property: whatever front matter a person (or an attacker) writes, loading an article ends
quickly in either an article or diagnostics, never in an exception or a hang."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sitegen import schema
from sitegen.content import parse_article
from sitegen.errors import SitegenError

TIME_BOUND = 2.0  # seconds for one article; the real ones take milliseconds

KEYS = list(schema.ARTICLE.fields) + list(schema.INCIDENT.fields) + ["<<", "? [a]", "x"]
SCALARS = st.one_of(
    st.text(max_size=30),
    st.integers(), st.floats(allow_nan=True), st.booleans(),
    st.sampled_from([
        "2022-02-30", "2022-01-08", "!!timestamp 2022-02-30", "!!float abc", "!!int abc", "!!binary aGVsbG8=",
        "!!python/name:os.system", "!!set {a}", "!!omap [{a: 1}]", "&a [1, 2]", "*a", "*undefined", "'   '",
        "9" * 400, "1e400", "-1", "[" * 70 + "]" * 70, "{a: {b: {c: [d]}}}", "|\n  line\n  ---\n  line",
        "\u202e\u2069", "\x00", "\ufeff", "…", "---", "...", "%YAML 1.2", "@x", "`x",
    ]),
)


def _line(key: str, value) -> str:
    return f"{key}: {value}" if not isinstance(value, str) or "\n" not in value else f"{key}: {value}"


front_matter = st.lists(st.tuples(st.sampled_from(KEYS), SCALARS), max_size=12).map(
    lambda pairs: "\n".join(_line(k, v) for k, v in pairs))
incidents = st.lists(st.lists(st.tuples(st.sampled_from(list(schema.INCIDENT.fields)), SCALARS), max_size=6),
                     max_size=3).map(lambda items: "incidents:\n" + "".join(
                         "  - " + "\n    ".join(_line(k, v) for k, v in item or [("id", "x")]) + "\n"
                         for item in items))


def _loads_or_reports(text: str) -> None:
    started = time.monotonic()
    try:
        parsed = parse_article(Path("content/articles/generated.md"), text)
    except SitegenError:
        return
    assert time.monotonic() - started < TIME_BOUND
    assert (parsed.article is None) == bool([d for d in parsed.diagnostics if d.is_error])
    for diagnostic in parsed.diagnostics:
        assert diagnostic.message and str(diagnostic).startswith("content/articles/generated.md")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front=front_matter, items=incidents, body=st.text(max_size=200))
@example(front="published_basis: !!timestamp", items="incidents:\n", body="")  # found by this test
def test_generated_front_matter_loads_or_is_reported(front: str, items: str, body: str):
    _loads_or_reports(f"---\nid: generated\ntitle: عنوان\npublished: 2022-01-08\n{front}\n{items}---\n{body}")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_loads_or_is_reported(text: str):
    _loads_or_reports(text)
    _loads_or_reports("---\n" + text + "\n---\n")
