"""The live documents' lengths kept beside the index: what is read is what the file says, always."""

from __future__ import annotations

import json

from sitegen.search import livestats


def test_lengths_read_back_are_the_files_and_the_callers_own(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    livestats.write(first, {"b": [1, 2, 3], "a": [4, 5, 6]})
    read = livestats.read(first)
    assert list(read.items()) == [("a", [4, 5, 6]), ("b", [1, 2, 3])]  # sorted by id
    read.pop("a")  # a caller's changes are its own
    assert livestats.read(first) == {"a": [4, 5, 6], "b": [1, 2, 3]}
    livestats.write(second, {"c": [7, 8, 9]})
    assert livestats.read(first) == {"a": [4, 5, 6], "b": [1, 2, 3]}  # another file: read again
    # rewritten by someone else after it was read (same size, other numbers): the new numbers
    path = first / livestats.STATS_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("[4,5,6]", "[4,5,7]"), encoding="utf-8")
    assert livestats.read(first) == {"a": [4, 5, 7], "b": [1, 2, 3]}
    path.write_text(json.dumps({"format": "another", "lengths": {}}), encoding="utf-8")
    assert livestats.read(first) is None
    path.unlink()
    assert livestats.read(first) is None
