"""Store: a DuckDB knowledge base of analyses, filled incrementally, safely and in batches.

`ingest` reads articles, skips those already stored with the same content hash, analyzes
the rest with `newsgraph.analyze.analyze` and writes them one batch per transaction: a
crash or Ctrl-C loses at most the batch in progress, and running the same command again
resumes where it stopped. An input file read in full is recorded (`ingested_files`, in the
transaction of its last article), and a later ingest skips it whole, unread, while its bytes stay
the same (SHA-256). An article stored again with another hash (same id, changed
content) replaces the old one. Entities are merged across articles by `Entity.id` (table `entities`).

Each batch also derives, in its transaction, the tables of `DERIVED_TABLES` (`derived`): every
article's entities linked to knowledge-base actors (`actor_links`, `actors`: 'Macron', 'M. Macron'
and 'Emmanuel Macron' are one actor; rules in `linking`), and every event mention clustered with
those of other articles into story events (`story_mentions`, `story_events`; rules in `clustering`).
Both are incremental: a batch loads only the actors of its surname blocks and the stories of its
blocks and days, and attaches to them. `ingest --from-parquet` derives them too; Spark does not.

Sharing a database between processes: DuckDB lets one process open a file for writing and
then excludes every other process, readers included. So an ingest given a path opens the
database once per batch and closes it after the commit (it is free while articles are
analyzed, nearly all the time), and holds `<db>.ingest.lock` for its whole run so that a
second ingest of the same file waits or fails clearly. Readers (`Readers`, the API) share
one read-only connection while no ingest runs and use short-lived ones while one does;
both sides wait, within bounds, for the other's lock (`StoreBusy` after that).

`TABLES` below is the one documented column list per table: the DDL, the inserts and the
export (`export`, whose Parquet files are the contract for other readers) all follow it.

Modules: `schema` (tables, DDL, migrations), `connection` (opening, the ingest lock, `Readers`),
`rows` (records -> rows), `writing` (one batch per transaction), `ingesting` (`ingest`),
`exporting` (`export`, `table_counts`), `derived`, `linking`, `clustering` (actors and story events),
`linking_eval`, `clustering_eval` (their measures), `errors`. Import from `newsgraph.store` itself.
"""
from __future__ import annotations

from .connection import (
    READ_WAIT_SECONDS,
    SERVER_CONFIG,
    Readers,
    connect,
    ingest_lock,
    ingest_lock_path,
    ingest_running,
)
from .derived import derive, forget, rebuild_derived
from .errors import StoreBusy, StoreError
from .exporting import EXPORT_FORMATS, export, table_counts
from .ingesting import (
    WRITE_WAIT_SECONDS,
    Analyzer,
    GracefulStop,
    IngestReport,
    Opener,
    batch_opener,
    ingest,
    pipeline_analyzer,
    skip_stored_files,
)
from .rows import (
    SENTENCE_LIMIT,
    Rows,
    Stored,
    content_hash,
    fold,
    outlet_of,
    parse_day,
    rows_for,
    sentence_around,
)
from .schema import (
    ALL_TABLES,
    ARTICLE_TABLES,
    DERIVED_TABLES,
    MIGRATIONS,
    PRIMARY_KEYS,
    SCHEMA_VERSION,
    SORT_KEYS,
    TABLES,
    Column,
    create_table_sql,
    migrate,
    schema_version,
)
from .writing import merge_entity_rows, refresh_entities, stored_hashes, write_batch

__all__ = [
    "ALL_TABLES", "ARTICLE_TABLES", "DERIVED_TABLES", "EXPORT_FORMATS", "MIGRATIONS", "PRIMARY_KEYS", "READ_WAIT_SECONDS",
    "SCHEMA_VERSION", "SENTENCE_LIMIT", "SERVER_CONFIG", "SORT_KEYS", "TABLES", "WRITE_WAIT_SECONDS",
    "Analyzer", "Column", "GracefulStop", "IngestReport", "Opener", "Readers", "Rows", "StoreBusy", "StoreError",
    "Stored",
    "batch_opener", "connect", "content_hash", "create_table_sql", "derive", "export", "fold", "forget", "ingest",
    "ingest_lock", "ingest_lock_path", "ingest_running", "merge_entity_rows", "migrate", "outlet_of", "parse_day",
    "pipeline_analyzer", "rebuild_derived", "refresh_entities", "rows_for", "schema_version", "sentence_around",
    "skip_stored_files", "stored_hashes", "table_counts", "write_batch",
]
