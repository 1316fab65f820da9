"""sitegen installs like a command-line tool: a wheel carries the built-in theme."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import re
from pathlib import Path

import pytest

from conftest import REPO


def test_every_package_folder_is_listed_in_pyproject():
    line = re.search(r"^packages = \[(.*)\]$", (REPO / "pyproject.toml").read_text(encoding="utf-8"), re.M)[1]
    listed = set(re.findall(r'"([^"]+)"', line))
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "sitegen").rglob("__init__.py")}
    assert found | {"sitegen.templates"} == listed


@pytest.mark.packaging
def test_a_wheel_installed_outside_the_repository_builds_the_seed_project(tmp_path: Path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(REPO / name, source / name)
    for folder in ("sitegen", "templates"):
        shutil.copytree(REPO / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path / "dist"),
                    str(source)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("sitegen-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site_packages = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                        check=True, capture_output=True, text=True).stdout.strip())
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
                   check=True, capture_output=True)
    # The dependencies come from the test environment (no network needed); sitegen itself only from the wheel.
    (site_packages / "test-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")

    project = tmp_path / "project"
    shutil.copytree(REPO / "content", project / "content")
    env = {**os.environ, "PYTHONPATH": ""}
    where = subprocess.run([str(python), "-c", "import sitegen; print(sitegen.__file__)"], cwd=project, env=env,
                           check=True, capture_output=True, text=True).stdout
    assert where.startswith(str(site_packages)), where
    build = subprocess.run([str(venv / "bin" / "sitegen"), "build"], cwd=project, env=env,
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr + build.stdout
    assert "Built 1 article," in build.stdout
    assert (project / "site" / "assets" / "style.css").is_file()
    assert "قصف متبادل" in (project / "site" / "index.html").read_text(encoding="utf-8")
    search = subprocess.run([str(venv / "bin" / "sitegen"), "search", "قصف"], cwd=project, env=env,
                            capture_output=True, text=True)
    assert search.returncode == 0 and "articles/2022-01-08-deir-ez-zor-exchange-of-fire.html" in search.stdout
