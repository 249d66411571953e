"""Spark in local mode writes, record for record, what `newsgraph ingest` + `export --format parquet` write."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from spark_compare import column_types, source_of, table_rows

from newsgraph.ingest import read_articles
from newsgraph.store import TABLES, connect, export, ingest, pipeline_analyzer

pytestmark = [pytest.mark.spark, pytest.mark.model]


@pytest.fixture(scope="module")
def local_export(nlp, spark_inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The local path: ingest the inputs into DuckDB with the real pipeline, then export Parquet."""
    folder = tmp_path_factory.mktemp("local")
    with connect(folder / "kb.duckdb") as con:
        ingest(read_articles(spark_inputs), con, analyzer=pipeline_analyzer(workers=1))
        export(con, folder / "export", fmt="parquet")
    return folder / "export"


@pytest.fixture(scope="module")
def spark_output(spark, spark_inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Spark path on the same inputs, with the real pipeline in two local workers."""
    from newsgraph.spark import spark_analyze

    output = tmp_path_factory.mktemp("spark") / "out"
    report = spark_analyze(spark_inputs, str(output), spark=spark, partitions=3)
    assert report.articles == 9 and report.failures == 4
    return output


def test_the_inputs_hold_every_case(local_export: Path) -> None:
    failures = dict(table_rows(local_export, "failures"))
    assert len(failures) == 4 and any(source.endswith("absent.warc.gz") for source in failures)
    articles = {row[0]: row for row in table_rows(local_export, "articles")}
    assert articles["sommet-berlin"][4] == "2023-11-02"  # the later of two articles with one id
    assert table_rows(local_export, "mentions")


@pytest.mark.parametrize("table", list(TABLES))
def test_same_columns_and_types(local_export: Path, spark_output: Path, table: str) -> None:
    assert column_types(spark_output, table) == column_types(local_export, table)


@pytest.mark.parametrize("table", list(TABLES))
def test_same_rows(local_export: Path, spark_output: Path, table: str) -> None:
    assert table_rows(spark_output, table) == table_rows(local_export, table)


def test_clock_columns_are_filled(spark_output: Path) -> None:
    for table, column in (("articles", "ingested_at"), ("failures", "failed_at")):
        nulls = duckdb.sql(f"SELECT count(*) FROM read_parquet({source_of(spark_output, table)}) WHERE {column} IS NULL")
        assert nulls.fetchall() == [(0,)]


@pytest.mark.parametrize("table", ["articles", "article_entities", "mentions", "quotes", "events"])
def test_partitioned_by_publication_month(spark_output: Path, table: str) -> None:
    if not table_rows(spark_output, table):
        pytest.skip(f"no {table} rows in this run: an empty table is one file, not partitioned")
    key = "id" if table == "articles" else "article_id"
    wrong = duckdb.sql(f"""
        SELECT count(*) FROM read_parquet({source_of(spark_output, table)}, hive_partitioning = true) t
        JOIN read_parquet({source_of(spark_output, 'articles')}, hive_partitioning = false) a ON a.id = t.{key}
        WHERE t.month <> coalesce(strftime(a.published, '%Y-%m'), 'unknown')""")
    assert wrong.fetchall() == [(0,)]
    months = {path.name for path in (spark_output / "articles").iterdir() if path.is_dir()}
    assert {"month=2023-11", "month=2024-04", "month=unknown"} <= months


def test_ingest_from_parquet_equals_local(spark_output: Path, local_export: Path, tmp_path: Path) -> None:
    from newsgraph.parquet import load_dataset

    with connect(tmp_path / "loaded.duckdb") as con:
        report = load_dataset(con, spark_output)
        export(con, tmp_path / "export", fmt="parquet")
    assert (report.articles, report.failures) == (9, 4)
    for table in TABLES:
        assert table_rows(tmp_path / "export", table) == table_rows(local_export, table), table
