"""The browser finds a term shard under the name the projection gave it (CRC-32 of its key)."""

from __future__ import annotations

from nodejs import run_json
from sitegen.search import browser_index as bi

COLLIDING = ["dbddbjba", "eibjghid"]  # two keys with the same CRC-32


def test_engine_names_shards_as_the_projection_does():
    keys = ["", "1", "10", "ال", "البيت", "قصف", "ﻻ", "😀", *COLLIDING]
    names = bi.shard_names(keys)
    assert bi.crc_name(COLLIDING[0]) == bi.crc_name(COLLIDING[1])
    assert len(set(names)) == len(names)  # the second of the colliding keys is renamed
    renamed = {str(i): name for i, (name, key) in enumerate(zip(names, keys)) if name != bi.crc_name(key)}
    assert list(renamed) == [str(len(keys) - 1)]
    assert run_json("shard_names.js", [], {"keys": keys, "renamed": renamed}) == names
