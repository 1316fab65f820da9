"""The end of a process a build forked (the input stats, the index update): stopped if it must
be, then reaped, so that no finished child is left behind."""

from __future__ import annotations

import os
import signal


def end(pid: int, stop: bool) -> None:
    """Wait for the child ``pid`` to end, killing it first when ``stop`` (it has not reported:
    the build failed meanwhile, or no longer needs it). A child already reaped is no error."""
    if stop:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
