"""`newsgraph spark-analyze` wiring: options reach the library, failures set the exit code (no Spark run)."""
from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli

pyspark = pytest.importorskip("pyspark")


class FakeSession:
    """Stands in for a SparkSession: only `stop` is called by the command."""

    stopped = False

    def stop(self) -> None:
        self.stopped = True


@pytest.fixture()
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    from newsgraph import spark

    seen: dict[str, Any] = {"session": FakeSession()}

    def session(**options: Any) -> FakeSession:
        seen["session_options"] = options
        return seen["session"]

    def run(inputs: Any, output: str, **options: Any) -> spark.SparkReport:
        seen.update(inputs=inputs, output=output, **options)
        return spark.SparkReport(output=output, rows={"articles": 3, "failures": seen.get("failures", 0)})

    monkeypatch.setattr(spark, "spark_session", session)
    monkeypatch.setattr(spark, "spark_analyze", run)
    return seen


def test_options_reach_the_run(calls: dict[str, Any]) -> None:
    result = CliRunner().invoke(cli, ["spark-analyze", "a.warc.gz", "b/", "-o", "out", "--master", "local[2]",
                                      "--partitions", "8", "--conf", "spark.executor.memory=2g", "--overwrite"])
    assert result.exit_code == 0, result.output
    assert "3 article(s) analyzed, 0 failure(s)" in result.output
    assert calls["inputs"] == ("a.warc.gz", "b/") and calls["partitions"] == 8 and calls["overwrite"] is True
    assert calls["session_options"] == {"master": "local[2]", "conf": [("spark.executor.memory", "2g")]}
    assert calls["session"].stopped


def test_failures_exit_1_and_bad_conf_exits_2(calls: dict[str, Any]) -> None:
    calls["failures"] = 2
    assert CliRunner().invoke(cli, ["spark-analyze", "a.jsonl", "-o", "out"]).exit_code == 1
    bad = CliRunner().invoke(cli, ["spark-analyze", "a.jsonl", "-o", "out", "--conf", "novalue"])
    assert bad.exit_code == 2 and "KEY=VALUE" in bad.output
