"""Page workers yield the processor to the process writing the index (the longest chain of a cold build)."""

from __future__ import annotations

import os

import pytest

from sitegen import parallel


@pytest.mark.skipif(not parallel.can_fork(), reason="page workers need the fork start method")
def test_page_workers_run_at_a_lower_priority_than_the_index_writer():
    workers = parallel.PageWorkers(env=None, pages=[], stager=None, jobs=2)
    try:
        niceness = {workers._pool.apply(os.nice, (0,)) for _ in range(4)}
    finally:
        workers.close()
    assert niceness == {min(os.nice(0) + parallel.WORKER_NICENESS, 19)}
