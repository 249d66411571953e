"""Read a Parquet export (one file per table) or a Spark dataset (one folder per table) for comparison."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from newsgraph.store import SORT_KEYS, TABLES

SPARK_DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
CLOCK_COLUMNS = ("ingested_at", "failed_at")  # when a row was written: differs from run to run


def source_of(location: Path, table: str) -> str:
    """The read_parquet argument of a table: the exported file or the dataset folder's files."""
    exported = location / f"{table}.parquet"
    if exported.exists():
        return f"'{exported}'"
    return f"'{location / table}/**/*.parquet'"


def column_types(location: Path, table: str) -> list[tuple[str, str]]:
    """(name, DuckDB type) of every column in the files, partition folders left out."""
    sql = f"DESCRIBE SELECT * FROM read_parquet({source_of(location, table)}, hive_partitioning = false)"
    return [(row[0], row[1]) for row in duckdb.sql(sql).fetchall()]


def table_rows(location: Path, table: str) -> list[tuple[Any, ...]]:
    """Every row of a table without the clock columns, sorted by the export's keys then all columns."""
    names = [column.name for column in TABLES[table] if column.name not in CLOCK_COLUMNS]
    order = ", ".join([*SORT_KEYS[table], *names])
    sql = f"SELECT {', '.join(names)} FROM read_parquet({source_of(location, table)}, hive_partitioning = false)"
    return duckdb.sql(f"{sql} ORDER BY {order}").fetchall()
