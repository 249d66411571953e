"""Parquet datasets: a folder per table, as `newsgraph spark-analyze` writes them, read with DuckDB.

Layout of a dataset directory DIR (the columns of each table are `store.TABLES`, exactly
those of `newsgraph export --format parquet`):

    DIR/articles/month=2023-08/part-*.parquet     article tables, partitioned by the month
    DIR/article_entities/month=.../               the article was published ("unknown" when
    DIR/mentions/month=.../                       its date could not be parsed): an article and
    DIR/quotes/month=.../                         all its rows share one partition
    DIR/events/month=.../
    DIR/entities/part-*.parquet                   corpus-wide tables, not partitioned
    DIR/failures/part-*.parquet

`load_dataset` copies such a dataset into a newsgraph DuckDB database (as `newsgraph ingest`
would have stored it); `view_database` makes a small database of read-only views over the
files, for `newsgraph serve --parquet`. Both work on local directories.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .store import (
    ARTICLE_TABLES,
    DERIVED_TABLES,
    SCHEMA_VERSION,
    TABLES,
    StoreError,
    refresh_entities,
)
from .store.derived import derive, forget, rebuild_derived
from .store.schema import create_table_sql

log = logging.getLogger(__name__)

PARTITION_COLUMN = "month"
UNKNOWN_MONTH = "unknown"
PARTITIONED_TABLES = ("articles", *ARTICLE_TABLES)


@dataclass(frozen=True)
class LoadReport:
    """What `load_dataset` stored."""

    articles: int
    replaced: int
    failures: int


def table_files(directory: str | Path, table: str) -> list[str]:
    """The Parquet files of one table of a dataset (none for an empty table), sorted."""
    folder = Path(directory) / table
    if not folder.is_dir():
        raise StoreError(f"{folder}: no such table folder; is {directory} the --output of `newsgraph spark-analyze`?")
    return sorted(str(path.resolve()) for path in folder.rglob("*.parquet") if not path.name.startswith((".", "_")))


def select_sql(table: str, files: list[str]) -> str:
    """A SELECT of exactly the export columns of `table`, typed, from its files (empty if no file)."""
    if not files:
        typed_nulls = ", ".join(f"CAST(NULL AS {column.type}) AS {column.name}" for column in TABLES[table])
        return f"SELECT {typed_nulls} WHERE false"
    columns = ", ".join(f"CAST({column.name} AS {column.type}) AS {column.name}" for column in TABLES[table])
    listed = ", ".join(_literal(path) for path in files)
    return f"SELECT {columns} FROM read_parquet([{listed}], hive_partitioning = false, union_by_name = true)"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def check_columns(con: duckdb.DuckDBPyConnection, directory: str | Path) -> dict[str, list[str]]:
    """The files of every table, after checking that they hold every export column."""
    found: dict[str, list[str]] = {}
    for table, columns in TABLES.items():
        files = table_files(directory, table)
        if files:
            described = con.execute(f"DESCRIBE SELECT * FROM read_parquet({_literal(files[0])})").fetchall()
            missing = {column.name for column in columns} - {row[0] for row in described}
            if missing:
                raise StoreError(f"{files[0]} lacks column(s) {', '.join(sorted(missing))} of table {table}")
        found[table] = files
    return found


def load_dataset(con: duckdb.DuckDBPyConnection, directory: str | Path) -> LoadReport:
    """Store a Parquet dataset in one transaction; articles already stored with the same id are replaced.

    Merged `entities` rows are rebuilt from the stored per-article rows (`store.refresh_entities`),
    so loading several datasets into one database merges actors across them.
    """
    files = check_columns(con, directory)
    con.begin()
    try:
        report = _load(con, files)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return report


def _load(con: duckdb.DuckDBPyConnection, files: dict[str, list[str]]) -> LoadReport:
    # temporary tables made in the transaction: a rollback drops them too
    con.execute(f"CREATE TEMP TABLE incoming AS SELECT id, source FROM ({select_sql('articles', files['articles'])})")
    duplicate = con.execute("SELECT id FROM incoming GROUP BY id HAVING count(*) > 1 LIMIT 1").fetchone()
    if duplicate:
        raise StoreError(f"the dataset holds article {duplicate[0]!r} more than once: write it again with one run")
    derived = forget(con, [row[0] for row in con.execute("SELECT id FROM incoming").fetchall()])
    touched, replaced = _delete_incoming(con)
    for table in ("articles", *ARTICLE_TABLES):
        con.execute(f"INSERT INTO {table} {select_sql(table, files[table])}")
    failures = _load_failures(con, files["failures"])
    found = con.execute("SELECT DISTINCT entity_id FROM article_entities WHERE article_id IN (SELECT id FROM incoming)")
    touched |= {row[0] for row in found.fetchall()}
    refresh_entities(con, sorted(touched))
    derive(con, [row[0] for row in con.execute("SELECT id FROM incoming").fetchall()], derived)
    row = con.execute("SELECT count(*) FROM incoming").fetchone()
    con.execute("DROP TABLE incoming")
    return LoadReport(articles=int(row[0]) if row else 0, replaced=replaced, failures=failures)


def _delete_incoming(con: duckdb.DuckDBPyConnection) -> tuple[set[str], int]:
    # the stored rows of articles the dataset brings again, and the entities they named
    found = con.execute("SELECT DISTINCT entity_id FROM article_entities WHERE article_id IN (SELECT id FROM incoming)")
    touched = {row[0] for row in found.fetchall()}
    for table in ARTICLE_TABLES:
        con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT id FROM incoming)")
    row = con.execute("SELECT count(*) FROM articles WHERE id IN (SELECT id FROM incoming)").fetchone()
    con.execute("DELETE FROM articles WHERE id IN (SELECT id FROM incoming)")
    return touched, int(row[0]) if row else 0


def _load_failures(con: duckdb.DuckDBPyConnection, files: list[str]) -> int:
    # as in `newsgraph ingest`: an input that now reads fine is no longer a failure
    con.execute("DELETE FROM failures WHERE source IN (SELECT source FROM incoming)")
    con.execute(f"CREATE TEMP TABLE incoming_failures AS {select_sql('failures', files)}")
    con.execute("DELETE FROM failures WHERE source IN (SELECT source FROM incoming_failures)")
    con.execute("INSERT INTO failures SELECT * FROM incoming_failures")
    row = con.execute("SELECT count(*) FROM incoming_failures").fetchone()
    con.execute("DROP TABLE incoming_failures")
    return int(row[0]) if row else 0


def view_database(directory: str | Path, target: str | Path) -> Path:
    """Create at `target` a newsgraph database whose tables are views over the dataset's files."""
    target = Path(target)
    if target.exists():
        raise StoreError(f"{target} exists already: give a new path for the view database")
    con = duckdb.connect(str(target))
    try:
        files = check_columns(con, directory)
        con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
        con.execute("INSERT INTO schema_version VALUES (?, now()::TIMESTAMP)", [SCHEMA_VERSION])
        for table in TABLES:
            con.execute(f"CREATE VIEW {table} AS {select_sql(table, files[table])}")
        for table in DERIVED_TABLES:  # Spark writes no derived table: derive them here, once
            con.execute(create_table_sql(table))
        con.execute(create_table_sql("ingested_files"))
        rebuild_derived(con)
    finally:
        con.close()
    log.info("views over %s in %s", directory, target)
    return target
