"""Fixtures of the Spark tests: one `local[2]` session per test session; skipped without Java or pyspark."""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from kb_corpus import kb_articles, kb_db  # noqa: F401  (pytest fixtures)
from spark_compare import EXAMPLES, SPARK_DATA


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A local Spark session with two cores, shared by every Spark test."""
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("Java is not installed (Spark needs Java 17+)")
    pytest.importorskip("pyspark")
    from newsgraph.spark import spark_session

    settings = [("spark.ui.enabled", "false"), ("spark.sql.shuffle.partitions", "4"),
                ("spark.driver.bindAddress", "127.0.0.1"), ("spark.driver.host", "127.0.0.1")]
    session = spark_session(master="local[2]", conf=settings, app_name="newsgraph-tests")
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def spark_inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Every kind of input, a folder, broken records and a missing file, as absolute paths.

    The order matters: `revue.jsonl` repeats the id of `sommet-berlin.txt` and, read later, wins.
    """
    missing = tmp_path_factory.mktemp("absent") / "absent.warc.gz"
    paths = [
        EXAMPLES / "sommet-berlin.txt", EXAMPLES / "pages", EXAMPLES / "depeches.jsonl", EXAMPLES / "crawl.warc.gz",
        SPARK_DATA / "revue.jsonl", SPARK_DATA / "vide.html", missing,
    ]
    return [str(path) for path in paths]
