"""Export of every table to Parquet, CSV or JSONL files, and row counts."""
from __future__ import annotations

from pathlib import Path

import duckdb

from .errors import StoreError
from .schema import ALL_TABLES, SORT_KEYS

EXPORT_FORMATS = ("parquet", "csv", "jsonl")


def export(con: duckdb.DuckDBPyConnection, directory: str | Path, *, fmt: str) -> list[Path]:
    """Write every table (`TABLES`, then `DERIVED_TABLES`) to `directory`/<table>.<fmt>; return the files written."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER true", "jsonl": "FORMAT json"}[fmt]
    written = []
    for table, columns in ALL_TABLES.items():
        target = directory / f"{table}.{fmt}"
        names = ", ".join(column.name for column in columns)
        order = ", ".join(SORT_KEYS[table])
        # COPY cannot take its file name as a parameter: quote it as a SQL string literal
        literal = "'" + str(target).replace("'", "''") + "'"
        con.execute(f"COPY (SELECT {names} FROM {table} ORDER BY {order}) TO {literal} ({options})")
        written.append(target)
    return written


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every table, derived ones included."""
    counts = {}
    for table in ALL_TABLES:
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        counts[table] = int(row[0]) if row else 0
    return counts
