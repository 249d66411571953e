"""`newsgraph` command line with the fake analyzer of tests/kb_corpus.py in place of the spaCy pipeline.

Run as `python tests/reliability/fake_cli.py ingest ... --db ...` (or `analyze ...`; with tests/ on
PYTHONPATH): the real CLI, reading, store, locking and signal handling, without loading the model. NEWSGRAPH_FAKE_DELAY gives the
seconds spent per article, to make an ingest last long enough to be read, interrupted or killed; NEWSGRAPH_FAKE_GATE, a
path, holds each article until that file exists (a test opens the gate when it has done what must happen meanwhile).
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from typing import Any

from kb_corpus import analysis_of

from newsgraph import analyze, store
from newsgraph.cli import main
from newsgraph.records import Analysis, Article

DELAY = float(os.environ.get("NEWSGRAPH_FAKE_DELAY", "0"))
GATE = os.environ.get("NEWSGRAPH_FAKE_GATE")
GATE_TIMEOUT = 300  # seconds: a test that never opens the gate fails instead of hanging


def slow_analyze(articles: Iterable[Article]) -> Iterator[Analysis]:
    """The fake analysis, `DELAY` seconds per article, each one after the `GATE` file exists."""
    for article in articles:
        deadline = time.monotonic() + GATE_TIMEOUT
        while GATE and not os.path.exists(GATE) and time.monotonic() < deadline:
            time.sleep(0.05)
        if DELAY:
            time.sleep(DELAY)
        yield analysis_of(article)


def fake_pipeline_analyzer(**options: Any) -> Any:
    """Stands in for `store.pipeline_analyzer`."""
    return slow_analyze


def fake_analyze(articles: Iterable[Article], **options: Any) -> Iterator[Analysis]:
    """Stands in for `analyze.analyze`."""
    return slow_analyze(articles)


def no_pipeline(model: str) -> None:
    """Stands in for `analyze.default_pipeline`: nothing to load."""


if __name__ == "__main__":
    store.pipeline_analyzer = fake_pipeline_analyzer
    analyze.analyze = fake_analyze  # type: ignore[assignment]
    analyze.default_pipeline = no_pipeline  # type: ignore[assignment]
    main()
