"""Every table non-empty (quotes, events too): Spark with the knowledge-base fake analyzer equals the store's export."""
from __future__ import annotations

from pathlib import Path

import kb_corpus
import pytest
from spark_compare import column_types, table_rows

from newsgraph.ingest import read_articles
from newsgraph.store import TABLES, connect, export, ingest

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def outputs(spark, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(local export, Spark dataset) of the knowledge-base articles analyzed by `kb_corpus.fake_analyze`."""
    from pyspark import cloudpickle

    from newsgraph.spark import spark_analyze

    inputs = [str(kb_corpus.KB_DATA / "articles.jsonl"), str(kb_corpus.KB_DATA / "broken.jsonl")]
    folder = tmp_path_factory.mktemp("fake")
    with connect(folder / "kb.duckdb") as con:
        ingest(read_articles(inputs), con, analyzer=kb_corpus.fake_analyze)
        export(con, folder / "export", fmt="parquet")
    cloudpickle.register_pickle_by_value(kb_corpus)  # the workers cannot import the tests folder
    spark_analyze(inputs, str(folder / "spark"), spark=spark, partitions=2, analyzer=kb_corpus.fake_analyze)
    return folder / "export", folder / "spark"


@pytest.mark.parametrize("table", list(TABLES))
def test_every_table_equal(outputs: tuple[Path, Path], table: str) -> None:
    local, spark = outputs
    assert column_types(spark, table) == column_types(local, table)
    rows = table_rows(local, table)
    assert rows, f"the fixture should fill {table}"
    assert table_rows(spark, table) == rows


def test_only_the_tables_are_left(outputs: tuple[Path, Path]) -> None:
    assert sorted(path.name for path in outputs[1].iterdir()) == sorted(TABLES)  # the staging folder is gone


def test_rerun_needs_overwrite(spark, outputs: tuple[Path, Path]) -> None:
    from newsgraph.spark import SparkAnalyzeError, spark_analyze

    with pytest.raises(SparkAnalyzeError, match="--overwrite"):
        spark_analyze([str(kb_corpus.KB_DATA / "articles.jsonl")], str(outputs[1]), spark=spark)


def test_overwrite_replaces_every_table(spark, outputs: tuple[Path, Path], tmp_path: Path) -> None:
    import shutil

    from newsgraph.spark import spark_analyze

    local, first = outputs
    again = tmp_path / "again"
    shutil.copytree(first, again)
    spark_analyze([str(kb_corpus.KB_DATA / "articles.jsonl"), str(kb_corpus.KB_DATA / "broken.jsonl")], str(again),
                  spark=spark, partitions=3, overwrite=True, analyzer=kb_corpus.fake_analyze)
    for table in TABLES:
        assert table_rows(again, table) == table_rows(local, table), table  # the first run's files are gone


def test_an_unknown_filesystem_is_named(spark, tmp_path: Path) -> None:
    from newsgraph.spark import SparkAnalyzeError, spark_analyze

    with pytest.raises(SparkAnalyzeError, match="nosuchfs://bucket/a.warc.gz: Spark cannot list it"):
        spark_analyze(["nosuchfs://bucket/a.warc.gz"], str(tmp_path / "out"), spark=spark)
