"""The column contract of every stored table (`TABLES`), its DDL and the schema migrations."""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb

from .errors import StoreError

# the package's logger: messages keep the name `newsgraph.store` they had before the split
log = logging.getLogger(__package__)

SCHEMA_VERSION = 3


@dataclass(frozen=True)
class Column:
    """One column of a stored table: name, DuckDB type, meaning."""

    name: str
    type: str
    doc: str


def _columns(*specs: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


# The column contract of every table (also of the exported Parquet/CSV/JSONL files).
# Offsets (`start_char`, `end_char`) are character offsets into `articles.text`.
TABLES: dict[str, tuple[Column, ...]] = {
    "articles": _columns(
        ("id", "VARCHAR", "article id: file name, JSONL id or WARC target URI"),
        ("url", "VARCHAR", "address of the article, if known"),
        ("outlet", "VARCHAR", "host name of the url without a leading 'www.'"),
        ("title", "VARCHAR", "title"),
        ("date", "VARCHAR", "publication date as found in the input"),
        ("published", "DATE", "publication day parsed from `date`, NULL if unparsable"),
        ("language", "VARCHAR", "ISO 639-1 language detected"),
        ("text", "VARCHAR", "cleaned text; every offset points into it"),
        ("source", "VARCHAR", "where the article was read from (path, path#record, path:line)"),
        ("warnings", "VARCHAR", "JSON array of warnings raised while reading or analyzing"),
        ("content_hash", "VARCHAR", "SHA-256 of the input article (id, text, url, title, date)"),
        ("analyzer", "VARCHAR", "newsgraph version that produced the analysis"),
        ("ingested_at", "TIMESTAMP", "when the article was stored (UTC)"),
    ),
    "article_entities": _columns(
        ("article_id", "VARCHAR", "articles.id"),
        ("entity_id", "VARCHAR", "entities.id"),
        ("name", "VARCHAR", "canonical name given in this article"),
        ("type", "VARCHAR", "PER, ORG, GPE, LOC, MEDIA or MISC"),
        ("country", "VARCHAR", "ISO 3166-1 alpha-3 country, if resolved"),
        ("role", "VARCHAR", "role or title given in this article"),
        ("mention_count", "INTEGER", "number of mentions in this article"),
    ),
    "entities": _columns(
        ("id", "VARCHAR", "Entity.id, the same actor in every article"),
        ("name", "VARCHAR", "most frequent canonical name across articles"),
        ("type", "VARCHAR", "most frequent type"),
        ("country", "VARCHAR", "most frequent country"),
        ("role", "VARCHAR", "most frequent role"),
        ("article_count", "INTEGER", "articles that mention it"),
        ("mention_count", "INTEGER", "mentions in the whole corpus"),
        ("first_published", "DATE", "earliest publication day of those articles"),
        ("last_published", "DATE", "latest publication day of those articles"),
        ("names", "VARCHAR", "JSON array of every canonical name and mention form"),
        ("search_key", "VARCHAR", "accent-folded lower-case names joined by '|', for search"),
    ),
    "mentions": _columns(
        ("article_id", "VARCHAR", "articles.id"),
        ("entity_id", "VARCHAR", "entities.id"),
        ("idx", "INTEGER", "order of the mention in the article"),
        ("text", "VARCHAR", "the words of the mention"),
        ("start_char", "INTEGER", "start offset"),
        ("end_char", "INTEGER", "end offset"),
    ),
    "quotes": _columns(
        ("article_id", "VARCHAR", "articles.id"),
        ("idx", "INTEGER", "order of the quote in the article"),
        ("text", "VARCHAR", "the reported content"),
        ("start_char", "INTEGER", "start offset"),
        ("end_char", "INTEGER", "end offset"),
        ("type", "VARCHAR", "direct, indirect or mixed"),
        ("cue", "VARCHAR", "the speech verb or cue"),
        ("speaker_name", "VARCHAR", "speaker's resolved name"),
        ("speaker_mention", "VARCHAR", "words naming the speaker in the text"),
        ("speaker_entity", "VARCHAR", "entities.id of the speaker"),
        ("speaker_kind", "VARCHAR", "person, organization, country, media, group or unknown"),
        ("speaker_start", "INTEGER", "start offset of the speaker mention"),
        ("speaker_end", "INTEGER", "end offset of the speaker mention"),
        ("addressee", "VARCHAR", "to whom it was said"),
        ("medium", "VARCHAR", "where it was said"),
        ("reported_by", "VARCHAR", "who reports it"),
        ("sentence", "VARCHAR", "the sentence(s) around the quote"),
        ("speaker_key", "VARCHAR", "accent-folded speaker name and mention, for search"),
    ),
    "events": _columns(
        ("article_id", "VARCHAR", "articles.id"),
        ("idx", "INTEGER", "order of the event in the article"),
        ("type", "VARCHAR", "PLOVER event type"),
        ("mode", "VARCHAR", "asserted, negated, denied or hypothetical"),
        ("source_name", "VARCHAR", "source actor's name"),
        ("source_entity", "VARCHAR", "entities.id of the source actor"),
        ("source_country", "VARCHAR", "ISO alpha-3 country of the source actor"),
        ("source_sector", "VARCHAR", "sector of the source actor"),
        ("source_code", "VARCHAR", "GDELT-like code of the source actor"),
        ("target_name", "VARCHAR", "target actor's name"),
        ("target_entity", "VARCHAR", "entities.id of the target actor"),
        ("target_country", "VARCHAR", "ISO alpha-3 country of the target actor"),
        ("target_sector", "VARCHAR", "sector of the target actor"),
        ("target_code", "VARCHAR", "GDELT-like code of the target actor"),
        ("text", "VARCHAR", "the sentence the event was read from"),
        ("start_char", "INTEGER", "start offset"),
        ("end_char", "INTEGER", "end offset"),
        ("trigger", "VARCHAR", "the word that triggers the event"),
        ("cameo", "VARCHAR", "CAMEO code"),
        ("date", "VARCHAR", "event date as resolved by the analysis"),
        ("event_date", "DATE", "event day: `date` parsed, else the article's publication day"),
        ("location", "VARCHAR", "where it happened"),
        ("reported_by", "VARCHAR", "who reports it"),
        ("cluster", "VARCHAR", "id of the group of mentions of the same event"),
    ),
    "failures": _columns(
        ("source", "VARCHAR", "the input (or record of it) that failed"),
        ("reason", "VARCHAR", "why it failed"),
        ("failed_at", "TIMESTAMP", "when it last failed (UTC)"),
    ),
}
# Tables the store derives from the article tables (`store.derived`), on ingest and on `ingest --from-parquet`:
# not written by Spark, exported beside `TABLES`.
DERIVED_TABLES: dict[str, tuple[Column, ...]] = {
    "actor_links": _columns(
        ("article_id", "VARCHAR", "article_entities.article_id"),
        ("entity_id", "VARCHAR", "article_entities.entity_id: the entity as that article names it"),
        ("actor_id", "VARCHAR", "actors.id: the knowledge-base actor it is linked to"),
        ("block_key", "VARCHAR", "linking block: surname transliteration key (persons) or entity id"),
        ("rule", "VARCHAR", "why it was linked there: 'new', 'full name', 'surname, only one of that surname', ..."),
    ),
    "actors": _columns(
        ("id", "VARCHAR", "actor id: the Entity.id that founded it (with '~2', '~3' if taken)"),
        ("name", "VARCHAR", "fullest canonical name among its most frequent ones"),
        ("type", "VARCHAR", "most frequent type"),
        ("country", "VARCHAR", "most frequent country"),
        ("role", "VARCHAR", "most frequent role"),
        ("article_count", "INTEGER", "articles that name it"),
        ("mention_count", "INTEGER", "mentions in the whole corpus"),
        ("first_published", "DATE", "earliest publication day of those articles"),
        ("last_published", "DATE", "latest publication day of those articles"),
        ("names", "VARCHAR", "JSON array of every canonical name and mention form"),
        ("search_key", "VARCHAR", "accent-folded lower-case names and entity ids joined by '|', for search"),
        ("entity_ids", "VARCHAR", "JSON array of the Entity.id values linked to it"),
        ("block_key", "VARCHAR", "linking block (see actor_links.block_key)"),
    ),
    "story_mentions": _columns(
        ("article_id", "VARCHAR", "events.article_id"),
        ("idx", "INTEGER", "events.idx: the mention, traceable to its sentence"),
        ("story_id", "VARCHAR", "story_events.id"),
        ("source_key", "VARCHAR", "source side: 'actor:<actors.id>', else 'code:<country>/<sector>', else NULL"),
        ("target_key", "VARCHAR", "target side, as source_key"),
        ("day", "DATE", "events.event_date (the event's day, else the article's publication day)"),
    ),
    "story_events": _columns(
        ("id", "VARCHAR", "story event id"),
        ("type", "VARCHAR", "PLOVER event type"),
        ("mode", "VARCHAR", "asserted, negated, denied or hypothetical"),
        ("source_key", "VARCHAR", "source side (see story_mentions.source_key)"),
        ("target_key", "VARCHAR", "target side"),
        ("source_actor", "VARCHAR", "actors.id of the source side, if it is an actor"),
        ("target_actor", "VARCHAR", "actors.id of the target side, if it is an actor"),
        ("source_name", "VARCHAR", "most frequent source name of the mentions"),
        ("target_name", "VARCHAR", "most frequent target name of the mentions"),
        ("source_country", "VARCHAR", "most frequent source country"),
        ("target_country", "VARCHAR", "most frequent target country"),
        ("first_day", "DATE", "earliest day of the mentions"),
        ("last_day", "DATE", "latest day of the mentions"),
        ("mention_count", "INTEGER", "event mentions (rows of `events`) in the story"),
        ("article_count", "INTEGER", "articles reporting it"),
        ("outlet_count", "INTEGER", "distinct outlets (articles.outlet) reporting it"),
        ("first_article_id", "VARCHAR", "the first report: earliest published article, then smallest id"),
        ("first_published", "DATE", "publication day of the first report"),
        ("block_key", "VARCHAR", "clustering block: type|mode|source_key|target_key, NULL for a lone event"),
    ),
}
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("id",), "entities": ("id",), "failures": ("source",), "actors": ("id",), "story_events": ("id",),
    "ingested_files": ("path", "file_id"),
}
# rows of these tables belong to one article and go when it is replaced
ARTICLE_TABLES = ("article_entities", "mentions", "quotes", "events")
# the order rows are exported in, so that two exports of one database are identical
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "articles": ("id",),
    "article_entities": ("article_id", "entity_id"),
    "entities": ("id",),
    "mentions": ("article_id", "idx"),
    "quotes": ("article_id", "idx"),
    "events": ("article_id", "idx"),
    "failures": ("source",),
    "actor_links": ("article_id", "entity_id"),
    "actors": ("id",),
    "story_mentions": ("article_id", "idx"),
    "story_events": ("id",),
}
ALL_TABLES: dict[str, tuple[Column, ...]] = {**TABLES, **DERIVED_TABLES}
# Bookkeeping of `newsgraph ingest`, not exported: one row per input file read in full. Written in the
# transaction of the batch holding the file's last article (or, when none of its articles needed analysis, of
# the ingest's last commit), so a file cut short by a crash or Ctrl-C is never recorded. A later ingest skips a
# file whose path (as given), file id, size, SHA-256 and analyzer version all match, without reading it.
INGESTED_FILES: tuple[Column, ...] = _columns(
    ("path", "VARCHAR", "the file's path as given to `newsgraph ingest` (also `articles.source`)"),
    ("file_id", "VARCHAR", "the id its article gets if it is a text or HTML file (see `ingest.file_id`)"),
    ("size", "BIGINT", "size in bytes when it was read"),
    ("sha256", "VARCHAR", "SHA-256 of its bytes, hashed just before it was read"),
    ("articles", "INTEGER", "articles read from it"),
    ("failures", "INTEGER", "input errors met inside it (kept in `failures`)"),
    ("analyzer", "VARCHAR", "newsgraph version that read it: another version reads it again"),
    ("ingested_at", "TIMESTAMP", "when the record was written (UTC)"),
)


def create_table_sql(table: str) -> str:
    """The CREATE TABLE statement of one table of `TABLES`, `DERIVED_TABLES` or `ingested_files`."""
    columns = INGESTED_FILES if table == "ingested_files" else ALL_TABLES[table]
    parts = [f"{column.name} {column.type}" for column in columns]
    if table in PRIMARY_KEYS:
        parts.append(f"PRIMARY KEY ({', '.join(PRIMARY_KEYS[table])})")
    return f"CREATE TABLE {table} ({', '.join(parts)})"


def _create_schema(con: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES:  # version 1: the tables of that version were those of TABLES today
        con.execute(create_table_sql(table))
    con.execute("CREATE INDEX mentions_entity ON mentions (entity_id)")
    con.execute("CREATE INDEX article_entities_entity ON article_entities (entity_id)")


def _create_derived(con: duckdb.DuckDBPyConnection) -> None:
    for table in DERIVED_TABLES:
        con.execute(create_table_sql(table))
    con.execute("CREATE INDEX actor_links_actor ON actor_links (actor_id)")
    con.execute("CREATE INDEX actor_links_block ON actor_links (block_key)")
    con.execute("CREATE INDEX actors_block ON actors (block_key)")
    con.execute("CREATE INDEX story_mentions_story ON story_mentions (story_id)")
    con.execute("CREATE INDEX story_events_block ON story_events (block_key)")


def _derive_existing(con: duckdb.DuckDBPyConnection) -> None:
    # version 2: actors linked across articles and story events, built from the stored articles
    from .derived import rebuild_derived

    _create_derived(con)
    rebuild_derived(con)


def _create_ingested_files(con: duckdb.DuckDBPyConnection) -> None:
    # version 3: input files read in full (`INGESTED_FILES`); an older database has none recorded, so its
    # next ingest reads every file once more (unchanged articles are still not analyzed again)
    con.execute(create_table_sql("ingested_files"))


# version -> function bringing a database of version-1 to that version; a new database runs every step.
MIGRATIONS: dict[int, Callable[[duckdb.DuckDBPyConnection], None]] = {
    1: _create_schema, 2: _derive_existing, 3: _create_ingested_files,
}


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of an open database; 0 for an empty one."""
    found = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not found or not found[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the database to `SCHEMA_VERSION` in one transaction; return the version it had."""
    version = schema_version(con)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {version} is newer than this newsgraph ({SCHEMA_VERSION}): upgrade newsgraph"
        )
    if version == SCHEMA_VERSION:
        return version
    con.begin()
    try:
        if version == 0:
            con.execute("CREATE TABLE schema_version (version INTEGER, applied_at TIMESTAMP)")
        for step in range(version + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[step](con)
        con.execute("INSERT INTO schema_version VALUES (?, ?)", [SCHEMA_VERSION, _now()])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    log.info("database schema migrated from version %d to %d", version, SCHEMA_VERSION)
    return version


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
