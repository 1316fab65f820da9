"""Running the browser's JavaScript under Node (Debian's ``nodejs``) from the tests."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def node() -> str:
    """The ``node`` executable, or skip the test saying how to get it."""
    found = shutil.which("node") or shutil.which("nodejs")
    if not found:
        pytest.skip("Node is not installed (make test installs Debian's nodejs)")
    return found


def run_json(script: str, args: list[str], payload) -> object:
    """Run ``tests/browser_search/<script>`` with ``args``, JSON on stdin, JSON back from stdout."""
    result = subprocess.run([node(), str(HERE / script), *args], input=json.dumps(payload, ensure_ascii=False),
                            capture_output=True, text=True, encoding="utf-8", timeout=1200)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
