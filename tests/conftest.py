"""Shared fixtures: one French pipeline per test session, paths to test data and ../shared."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    """The full newsgraph pipeline, loaded once for the whole test session."""
    from newsgraph.analyze import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared beside the project; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present beside the project")
    return SHARED


@pytest.fixture()
def data_dir() -> Path:
    """The project's own small test inputs."""
    return DATA
