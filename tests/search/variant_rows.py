"""The rows of ../shared/arabic-variants.tsv, for the tests that check them (empty when the table is absent)."""

from __future__ import annotations

from pathlib import Path

VARIANTS = Path(__file__).resolve().parents[2].parent / "shared" / "arabic-variants.tsv"


def read_rows() -> list[dict]:
    if not VARIANTS.exists():
        return []
    lines = VARIANTS.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:] if line.strip()]


ROWS = read_rows()
