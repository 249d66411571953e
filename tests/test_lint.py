"""Lint and types: `ruff check src` and `mypy` (configured in pyproject.toml) must pass; skipped when not installed."""
from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_tool(module: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m module arguments` in the project folder (where pyproject.toml configures it), or skip."""
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (pip install -e '.[test]')")
    return subprocess.run([sys.executable, "-m", module, *arguments], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


def test_ruff_finds_nothing_in_src():
    result = run_tool("ruff", "check", "src", "--output-format", "concise")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_package():
    result = run_tool("mypy")
    assert result.returncode == 0, result.stdout + result.stderr
    # the configured `packages` are really checked (not an empty run): every module of src/newsgraph
    checked = re.search(r"in (\d+) source files", result.stdout)
    modules = sum(1 for _ in ROOT.joinpath("src", "newsgraph").rglob("*.py"))
    assert checked is not None and int(checked.group(1)) >= modules, result.stdout
