"""Cost of deriving actors and story events batch by batch, as a knowledge base grows.

    python benchmarks/derive_bench.py DB [--batch-size 64]

DB is a knowledge base already filled by `newsgraph ingest` (e.g. the 2,000-page sample). Its article tables
are copied, in publication order, batch by batch into a fresh in-memory database, and each batch is derived
(`store.derive`: linking and clustering) in its own transaction, as `newsgraph ingest` does. Printed: the
derive time per batch for the first and the last fifth of the batches, and the whole rebuild in one batch;
near-linear work keeps the late batches as cheap as the early ones.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import duckdb

from newsgraph.store import ARTICLE_TABLES, connect, derive, migrate, rebuild_derived


def batches_in_order(con: duckdb.DuckDBPyConnection, size: int) -> list[list[str]]:
    """Article ids of the attached `source` database in publication order, cut into batches."""
    found = con.execute("SELECT id FROM source.articles ORDER BY published NULLS LAST, id").fetchall()
    ids = [row[0] for row in found]
    return [ids[start:start + size] for start in range(0, len(ids), size)]


def fresh_copy(path: Path, *, copy: bool) -> duckdb.DuckDBPyConnection:
    """An in-memory knowledge base with `path` attached as `source` (its article tables copied if `copy`)."""
    con = duckdb.connect(":memory:")
    migrate(con)
    literal = "'" + str(path).replace("'", "''") + "'"
    con.execute(f"ATTACH {literal} AS source (READ_ONLY)")
    if copy:
        for table in ("articles", *ARTICLE_TABLES):
            con.execute(f"INSERT INTO {table} SELECT * FROM source.{table}")
    return con


def timed_batches(path: Path, size: int) -> list[float]:
    """Seconds spent in `derive` for each batch, copying the batch's rows first."""
    target = fresh_copy(path, copy=False)
    seconds = []
    for batch in batches_in_order(target, size):
        for table in ("articles", *ARTICLE_TABLES):
            key = "id" if table == "articles" else "article_id"
            target.execute(f"INSERT INTO {table} SELECT * FROM source.{table} WHERE {key} IN (SELECT unnest(?))",
                           [batch])
        start = time.perf_counter()
        target.begin()
        derive(target, batch)
        target.commit()
        seconds.append(time.perf_counter() - start)
    return seconds


def main() -> int:
    """Command line: print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()
    if not args.db.exists():
        parser.error(f"{args.db}: no such database")
    seconds = timed_batches(args.db, args.batch_size)
    fifth = max(1, len(seconds) // 5)
    with connect(args.db, read_only=True) as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
    scratch = fresh_copy(args.db, copy=True)
    start = time.perf_counter()
    scratch.begin()
    rebuild_derived(scratch)
    scratch.commit()
    whole = time.perf_counter() - start
    json.dump({
        "articles": articles, "batches": len(seconds), "batch_size": args.batch_size,
        "median_seconds_first_fifth": round(statistics.median(seconds[:fifth]), 4),
        "median_seconds_last_fifth": round(statistics.median(seconds[-fifth:]), 4),
        "total_seconds_in_batches": round(sum(seconds), 2), "seconds_one_batch_rebuild": round(whole, 2),
    }, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
