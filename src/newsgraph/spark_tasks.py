"""Executor side of `newsgraph.spark`: input splits, reading them, and the analysis as Arrow batches.

Everything here runs in Spark's Python workers (and in tests without Spark): plain functions
over files, `Article`s and `pyarrow.RecordBatch`es, picklable by reference.

- `plan_splits` cuts a WARC file into splits of about `size` bytes (or of `records` HTML records):
  a byte offset and the number of its first record, found by one pass over the record headers,
  so that a few large files still spread over every core in even pieces; other files are one
  split each. Every split carries its size in bytes, by which the driver deals them over tasks.
- `read_split` reads one split from the file itself, streaming: a worker holds one record at a
  time, whatever the file size. Its items are numbered as `ingest.read_path` numbers them, so
  every `source` is the one of the local path.
- `analyze_write_arrow` is the body of a `mapInArrow`: article rows in, analyzed with the
  pipeline of the worker process (`analyze.default_pipeline`, loaded once per process), every
  article table written by the task itself as Parquet part files (`TableFiles`) in a folder of
  its own attempt; out come the names of the files written (the driver commits those of the
  successful attempts) and the rows the `entities` merge needs, which Spark shuffles by entity
  id to `merge_write_entities_arrow` in the same job.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby, islice
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Generic, Protocol, TypeVar

from .ingest import BadInput, BytesFile, DisplayedFile, InputError, input_kind, is_html_response, read_path, warc_article
from .parquet import PARTITION_COLUMN, PARTITIONED_TABLES, UNKNOWN_MONTH
from .records import Analysis, Article
from .store import TABLES, Rows, Stored, content_hash, rows_for

if TYPE_CHECKING:
    import pyarrow as pa

log = logging.getLogger(__name__)

# tables written from the analysis of one article; `entities` is merged over the whole run afterwards
ANALYSIS_TABLES = ("articles", "article_entities", "mentions", "quotes", "events", "failures")
# one row per Parquet file a task wrote: what the driver commits
MANIFEST_DDL = "table string, month string, uri string, rows bigint"
ENTITY_BATCH_ROWS = 1024  # `ENTITY_SOURCE_DDL` rows an analysis task holds before it hands them to Spark
ROW_GROUP_ROWS = 256  # rows of one table and month buffered before they are written (a Parquet row group)
PENDING_ROWS = 2048  # rows buffered over all of a task's files at most: beyond, all are written
# one row of the read stage: an article or a failure, keyed for de-duplication and ordered
ITEM_COLUMNS = (
    ("kind", "string"), ("key", "string"), ("file_order", "int"), ("position", "bigint"), ("id", "string"),
    ("text", "string"), ("url", "string"), ("title", "string"), ("date", "string"), ("source", "string"),
    ("warnings", "array<string>"), ("reason", "string"),
)
BatchAnalyzer = Callable[[list[Article]], list[Analysis]]
Value = TypeVar("Value", covariant=True)


class Shipped(Protocol, Generic[Value]):
    """What a task needs of a Spark broadcast variable (tests pass any object with `value`)."""

    @property
    def value(self) -> Value: ...

Order = tuple[int, int]  # (file position in the inputs, item position in the file): the later one wins


def item_ddl() -> str:
    """The Spark DDL schema of the read stage's rows."""
    return ", ".join(f"{name} {kind}" for name, kind in ITEM_COLUMNS)


def local_name(uri: str) -> str:
    """The local path of a file: URI, other URIs unchanged: 'file:/data/a.warc' -> '/data/a.warc'."""
    if uri.startswith("file://"):
        return uri[len("file://"):]
    return uri[len("file:"):] if uri.startswith("file:") else uri


class LocalFile(DisplayedFile):
    """A local file read under the name the user gave it (`display`), as `ingest` names sources."""

    def __init__(self, display: str, path: str) -> None:
        super().__init__(display)
        self._path = Path(path)

    def open(self, mode: str = "rb") -> BinaryIO:
        """The file, opened for reading."""
        self._check_mode(mode)
        return self._path.open("rb")


# ---------------------------------------------------------------- splits


@dataclass(frozen=True)
class Split:
    """What one task reads: `count` records of a WARC from byte `offset`, the first numbered `first`.

    `count` -1 reads the whole file with `ingest.read_path` (every file but a sound WARC).
    """

    order: int
    uri: str
    display: str
    offset: int = 0
    first: int = 1
    count: int = -1
    article_id: str | None = None  # a text or HTML file's id (path-relative in a folder), else from its name
    size: int = 0  # bytes of the file the split spans: the weight by which splits are dealt over tasks


def plan_splits(file: tuple[int, str, str, str | None], *, records: int = 0, size: int = 0) -> list[Split]:
    """The splits of one local file (order, uri, display name, id), WARC files cut into pieces, others whole.

    A WARC split ends before the first record at which it holds `records` HTML records or which
    starts past the next multiple of `size` bytes (a split holds at least one HTML record); 0
    turns a limit off.
    """
    order, uri, display, article_id = file
    path = Path(local_name(uri))
    try:
        whole = [Split(order, uri, display, article_id=article_id, size=path.stat().st_size)]
    except OSError:  # gone since it was listed: reading it reports the error
        whole = [Split(order, uri, display, article_id=article_id)]
    if (records <= 0 and size <= 0) or input_kind(Path(display)) != "warc":
        return whole
    try:
        splits = list(_warc_splits(order, uri, display, records=records, size=size, total=whole[0].size))
    except Exception:  # noqa: BLE001 - a damaged WARC is read whole, to report it exactly as the local path does
        return whole
    return splits or whole


def _warc_splits(order: int, uri: str, display: str, *, records: int, size: int, total: int) -> Iterator[Split]:
    from warcio.archiveiterator import ArchiveIterator

    start: tuple[int, int] | None = None  # (offset, number) of the split's first record
    html = 0
    number = 0
    cut = size  # the next cut in bytes from the start of the file (multiples of `size`: no drift from split to split)
    with Path(local_name(uri)).open("rb") as stream:
        iterator = ArchiveIterator(stream)
        for number, record in enumerate(iterator, start=1):
            offset = iterator.get_record_offset()
            if start is not None and html and (0 < records <= html or 0 < cut <= offset):
                yield Split(order, uri, display, start[0], start[1], number - start[1], size=offset - start[0])
                start, html = None, 0
                cut = size * (offset // size + 1) if size > 0 else 0
            if start is None:
                start = (offset, number)
            html += is_html_response(record)
    if start is not None:
        yield Split(order, uri, display, start[0], start[1], number - start[1] + 1, size=max(total - start[0], 0))


def deal_splits(splits: Iterable[Split], tasks: int) -> list[list[Split]]:
    """The splits dealt over `tasks` tasks of about equal bytes (largest first, each to the least loaded task).

    A task reads its splits in the order of the inputs.
    """
    import heapq

    dealt: list[list[Split]] = [[] for _ in range(max(tasks, 1))]
    loads = [(0, task) for task in range(len(dealt))]
    for split in sorted(splits, key=lambda split: (-split.size, split.order, split.first)):
        load, task = heapq.heappop(loads)
        dealt[task].append(split)
        heapq.heappush(loads, (load + max(split.size, 1), task))
    return [sorted(task, key=lambda split: (split.order, split.first)) for task in dealt]


def read_split(split: Split) -> Iterator[tuple[Order, Article | InputError]]:
    """The articles and failures of one split, each with its order."""
    file = LocalFile(split.display, local_name(split.uri))
    if split.count < 0:
        for position, item in enumerate(read_path(file, article_id=split.article_id)):
            yield (split.order, position), item
        return
    from warcio.archiveiterator import ArchiveIterator

    number = split.first
    with file.open("rb") as stream:
        stream.seek(split.offset)
        try:
            for number, record in enumerate(islice(ArchiveIterator(stream), split.count), start=split.first):
                if is_html_response(record):
                    yield (split.order, number), warc_article(record, path=file, number=number)
        except (OSError, BadInput, EOFError, ValueError) as error:  # the file changed since it was planned
            yield (split.order, number), InputError(f"{file}#{number}", f"unreadable WARC record: {error}"[:300])


def item_row(order: Order, item: Article | InputError) -> dict[str, Any]:
    """One row of the read stage (`ITEM_COLUMNS`)."""
    if isinstance(item, InputError):
        return {"kind": "failure", "key": item.source, "file_order": order[0], "position": order[1],
                "source": item.source, "reason": item.reason}
    return {"kind": "article", "key": item.id, "file_order": order[0], "position": order[1], "id": item.id,
            "text": item.text, "url": item.url, "title": item.title, "date": item.date, "source": item.source,
            "warnings": list(item.warnings)}


def read_splits_arrow(
    batches: Iterable[pa.RecordBatch], *, tasks: Shipped[list[list[Split]]], schema: pa.Schema, rows: int
) -> Iterator[pa.RecordBatch]:
    """`mapInArrow` body of the read stage: task numbers (`id`) in, the item rows of their splits out, `rows` a batch."""
    for batch in batches:
        for number in batch.column("id").to_pylist():
            pairs = (pair for split in tasks.value[number] for pair in read_split(split))
            yield from _batches((item_row(*pair) for pair in pairs), schema=schema, rows=rows)


def _batches(dicts: Iterable[dict[str, Any]], *, schema: pa.Schema, rows: int) -> Iterator[pa.RecordBatch]:
    import pyarrow as pa

    pending: list[dict[str, Any]] = []
    for row in dicts:
        pending.append(row)
        if len(pending) >= rows:
            yield pa.RecordBatch.from_pylist(pending, schema=schema)
            pending = []
    if pending:
        yield pa.RecordBatch.from_pylist(pending, schema=schema)


# ---------------------------------------------------------------- analysis


def analyze_write_arrow(
    batches: Iterable[pa.RecordBatch],
    *,
    folder: str,
    schemas: dict[str, pa.Schema],
    manifest: pa.Schema,
    model: str,
    batch_size: int,
    version: str,
    now: datetime,
    analyzer: BatchAnalyzer | None = None,
) -> Iterator[pa.RecordBatch]:
    """`mapInArrow` body of the analysis: item rows in, the task's tables written under `folder`, `ANALYSIS_OUTPUT_DDL` out.

    Out come the task's `ENTITY_SOURCE_DDL` rows (`table` null), `ENTITY_BATCH_ROWS` at a time,
    then one `MANIFEST_DDL` row per file written (`entity_id` null). Each attempt of a task writes
    files of its own (`part-<partition>-<attempt>`), so that a retried or speculative attempt
    leaves no duplicate: the driver keeps only the files the manifest rows of the job's result
    name. `analyzer` replaces the real analysis in tests.
    """
    import pyarrow as pa

    files = TableFiles(folder, _attempt_name(), schemas)
    sources: list[dict[str, Any]] = []
    try:
        for rows in analyzed_rows(_items(batches), model=model, batch_size=batch_size, version=version, now=now,
                                  analyzer=analyzer):
            files.add(rows)
            sources.extend(entity_sources(rows))
            if len(sources) >= ENTITY_BATCH_ROWS:
                yield pa.RecordBatch.from_pylist(sources, schema=manifest)
                sources = []
    finally:
        files.close()
    yield pa.RecordBatch.from_pylist(sources + files.manifest(), schema=manifest)


def entity_sources(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The `ENTITY_SOURCE_DDL` rows of `analysis_row`s: each `article_entities` row, each mention's text."""
    for row in rows:
        if row["table"] == "article_entities":
            yield {**row["article_entities"], "fact": True, "published": row["published"]}
        elif row["table"] == "mentions" and row["mentions"]["text"] is not None:
            yield {"entity_id": row["mentions"]["entity_id"], "fact": False, "form": row["mentions"]["text"]}


def _attempt_name() -> str:
    # the Spark partition and the attempt's id, unique in the application; tests run without a task
    from pyspark import TaskContext

    context = TaskContext.get()
    return f"{context.partitionId():05d}-{context.taskAttemptId()}" if context else "00000-0"


class TableFiles:
    """The Parquet part files of one task: one per table and month, written `ROW_GROUP_ROWS` rows at a time.

    At most `PENDING_ROWS` rows wait in memory, however many months a task's articles span.
    """

    def __init__(self, folder: str, attempt: str, schemas: dict[str, pa.Schema]) -> None:
        self.folder = folder.rstrip("/")
        self.attempt = attempt
        self.schemas = schemas
        self._pending: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._waiting = 0  # rows in `_pending`
        self._writers: dict[tuple[str, str], Any] = {}
        self._rows: dict[tuple[str, str], int] = {}

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        """Add `analysis_row`s."""
        for row in rows:
            table = row["table"]
            month = row[PARTITION_COLUMN] if table in PARTITIONED_TABLES else ""
            self._add((table, month), row[table])

    def _add(self, key: tuple[str, str], values: dict[str, Any]) -> None:
        pending = self._pending.setdefault(key, [])
        pending.append(values)
        self._waiting += 1
        if len(pending) >= ROW_GROUP_ROWS:
            self._flush(key)
        elif self._waiting >= PENDING_ROWS:
            for waiting in list(self._pending):
                self._flush(waiting)

    def _flush(self, key: tuple[str, str]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = self._pending.pop(key, [])
        self._waiting -= len(rows)
        if not rows:
            return
        schema = self.schemas[key[0]]
        if key not in self._writers:
            filesystem, path = arrow_filesystem(self.uri(key))
            filesystem.create_dir(path.rsplit("/", 1)[0], recursive=True)
            self._writers[key] = pq.ParquetWriter(path, schema, filesystem=filesystem)
        self._writers[key].write_table(pa.Table.from_pylist(rows, schema=schema))
        self._rows[key] = self._rows.get(key, 0) + len(rows)

    def uri(self, key: tuple[str, str]) -> str:
        """Where the file of a (table, month) goes."""
        table, month = key
        partition = f"/{PARTITION_COLUMN}={month}" if month else ""
        return f"{self.folder}/{table}{partition}/part-{self.attempt}.parquet"

    def close(self) -> None:
        """Write what is pending and close every file."""
        for key in list(self._pending):
            self._flush(key)
        for writer in self._writers.values():
            writer.close()

    def manifest(self) -> list[dict[str, Any]]:
        """One `MANIFEST_DDL` row per file written."""
        return [{"table": table, "month": month, "uri": self.uri((table, month)), "rows": self._rows[table, month]}
                for table, month in self._writers]


def arrow_filesystem(uri: str) -> tuple[Any, str]:
    """The pyarrow filesystem and path of a Hadoop URI: `file:` is local, `s3a://` is S3, others as pyarrow knows them."""
    from pyarrow import fs

    if uri.startswith("file:") or "://" not in uri:
        return fs.LocalFileSystem(), local_name(uri)
    scheme, rest = uri.split("://", 1)
    if scheme in ("s3a", "s3n"):
        uri = f"s3://{rest}"
    return fs.FileSystem.from_uri(uri)


def latest(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The first row of each (kind, key): rows sorted by key, the one read last first (`spark.latest_items`)."""
    previous = None
    for row in rows:
        if (row["kind"], row["key"]) != previous:
            previous = (row["kind"], row["key"])
            yield row


def _items(batches: Iterable[pa.RecordBatch]) -> Iterator[Article | InputError]:
    for row in latest(_rows(batches)):  # a key's rows may span two batches
        if row["kind"] == "failure":
            yield InputError(row["source"], row["reason"])
        else:
            yield Article(row["id"], row["text"], row["url"], row["title"], row["date"], row["source"],
                          tuple(row["warnings"] or ()))


def analyzed_rows(
    items: Iterable[Article | InputError],
    *,
    model: str,
    batch_size: int,
    version: str,
    now: datetime,
    analyzer: BatchAnalyzer | None = None,
) -> Iterator[list[dict[str, Any]]]:
    """Analyze articles `batch_size` at a time; yield the table rows of each batch (failures as they come)."""
    if analyzer is None:
        from .analyze import analyze_batch, default_pipeline  # only this stage needs spaCy

        # cached per Python worker process (and loaded before the fork by `newsgraph.spark_daemon`)
        pipeline = default_pipeline(model)

        def analyzer(batch: list[Article]) -> list[Analysis]:
            return analyze_batch(batch, nlp=pipeline)

    batch: list[Article] = []
    for item in items:
        if isinstance(item, InputError):
            yield [analysis_row("failures", UNKNOWN_MONTH, failure_values(item, now=now))]
            continue
        batch.append(item)
        if len(batch) >= batch_size:
            yield _analyzed(batch, analyzer=analyzer, version=version, now=now)
            batch = []
    if batch:
        yield _analyzed(batch, analyzer=analyzer, version=version, now=now)


def _analyzed(batch: list[Article], *, analyzer: BatchAnalyzer, version: str, now: datetime) -> list[dict[str, Any]]:
    rows = []
    for article, outcome in zip(batch, analyze_safely(batch, analyzer=analyzer)):
        if isinstance(outcome, InputError):
            rows.append(analysis_row("failures", UNKNOWN_MONTH, failure_values(outcome, now=now)))
        else:
            article_rows = list(table_rows(article, outcome, analyzer=version, now=now))
            published = article_rows[0][2]["published"]  # the `articles` row comes first
            rows.extend(analysis_row(table, month, values, published) for table, month, values in article_rows)
    return rows


def analyze_safely(batch: list[Article], *, analyzer: BatchAnalyzer) -> list[Analysis | InputError]:
    """The batch's analyses; an article that breaks the pipeline becomes a failure instead of failing the job."""
    try:
        return list(analyzer(batch))
    except Exception:  # noqa: BLE001 - retried one by one just below, each error is kept
        log.warning("a batch of %d articles failed; analyzing them one by one", len(batch))
    outcomes: list[Analysis | InputError] = []
    for article in batch:
        try:
            outcomes.extend(analyzer([article]))
        except Exception as error:  # noqa: BLE001
            reason = f"analysis failed: {type(error).__name__}: {error}"[:300]
            outcomes.append(InputError(article.source or article.id, reason))
    return outcomes


def failure_values(failure: InputError, *, now: datetime) -> dict[str, Any]:
    """The `failures` row of a failure."""
    return {"source": failure.source, "reason": failure.reason, "failed_at": now}


def table_rows(
    article: Article, analysis: Analysis, *, analyzer: str, now: datetime
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """The store's rows of one analysis (`store.rows_for`): (table, month, column values)."""
    rows = Rows()
    rows_for(Stored(analysis, article.source, content_hash(article)), rows, analyzer=analyzer, now=now)
    month = month_of(rows.tables["articles"][0]["published"])
    for table, dicts in rows.tables.items():
        names = [column.name for column in TABLES[table]]
        for row in dicts:
            yield table, month, {name: row.get(name) for name in names}


def analysis_row(table: str, month: str, values: dict[str, Any], published: date | None = None) -> dict[str, Any]:
    """One row of the analysis, as `TableFiles.add` takes it: its table, month and values (under the table's name).

    `published`, the article's publication day, lets `entities` be merged without joining `articles`.
    """
    return {"table": table, "month": month, "published": published, table: values}


def month_of(published: date | None) -> str:
    """The partition of an article: '2023-08', or 'unknown' without a publication day."""
    return published.strftime("%Y-%m") if published else UNKNOWN_MONTH


# ---------------------------------------------------------------- Arrow bodies of the other stages
# Every Python stage of a job goes through `mapInArrow`: Spark runs SQL and RDD Python work in
# workers of two different daemons, and each daemon of newsgraph loads the pipeline once.

SPLIT_DDL = ("order int, uri string, display string, offset bigint, first bigint, count bigint, article_id string, "
             "size bigint")
# what the `entities` merge reads: an `article_entities` row (`fact` true) or a mention's text
ENTITY_SOURCE_DDL = ("entity_id string, fact boolean, name string, type string, country string, role string, "
                     "mention_count int, published date, form string")
# what the analysis tasks give Spark: manifest rows (`entity_id` null) and `ENTITY_SOURCE_DDL` rows (`table` null)
ANALYSIS_OUTPUT_DDL = f"{MANIFEST_DDL}, {ENTITY_SOURCE_DDL}"


def plan_arrow(
    batches: Iterable[pa.RecordBatch], *, files: Shipped[list[tuple[int, str, str, str | None]]], schema: pa.Schema,
    records: int = 0, size: int = 0,
) -> Iterator[pa.RecordBatch]:
    """`mapInArrow` body of the planning stage: file numbers (`id`) in, `Split` rows out."""
    import pyarrow as pa

    for batch in batches:
        splits = [split for number in batch.column("id").to_pylist()
                  for split in plan_splits(files.value[number], records=records, size=size)]
        yield pa.RecordBatch.from_pylist([vars(split) for split in splits], schema=schema)


def fetched_arrow(
    batches: Iterable[pa.RecordBatch], *, schema: pa.Schema, catalog: dict[str, tuple[int, str, str | None]], rows: int
) -> Iterator[pa.RecordBatch]:
    """`mapInArrow` body reading files fetched whole by Spark (`binaryFile` rows: path, content)."""
    for batch in batches:
        for fetched in batch.select(["path", "content"]).to_pylist():
            order, display, article_id = catalog.get(fetched["path"], (len(catalog), local_name(fetched["path"]), None))
            items = enumerate(read_path(BytesFile(display, fetched["content"]), article_id=article_id))
            yield from _batches((item_row((order, position), item) for position, item in items), schema=schema,
                                rows=rows)


def merge_write_entities_arrow(
    batches: Iterable[pa.RecordBatch], *, folder: str, schemas: dict[str, pa.Schema], manifest: pa.Schema
) -> Iterator[pa.RecordBatch]:
    """`mapInArrow` body of the `entities` table: `ANALYSIS_OUTPUT_DDL` rows sorted by entity id in, merged and written.

    A `fact` row is one `article_entities` row (one article's facts about the entity, with the
    article's `published` day); the others hold a mention's text (`form`). Each entity is merged by
    `store.merge_entity_rows` as soon as its rows have passed: a worker holds one entity's rows at a
    time. The analysis tasks' manifest rows (no `entity_id`) pass through, with the task's own.
    """
    import pyarrow as pa

    files = TableFiles(folder, _attempt_name(), schemas)
    passed: list[dict[str, Any]] = []
    try:
        for entity_id, rows in groupby(_rows(batches), key=itemgetter("entity_id")):
            if entity_id is None:
                passed += [{name: row[name] for name in manifest.names} for row in rows]
                continue
            files.add({"table": "entities", "entities": merged} for merged in merged_entity(entity_id, list(rows)))
    finally:
        files.close()
    yield pa.RecordBatch.from_pylist(passed + files.manifest(), schema=manifest)


def _rows(batches: Iterable[pa.RecordBatch]) -> Iterator[dict[str, Any]]:
    for batch in batches:
        yield from batch.to_pylist()


def merged_entity(entity_id: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The `entities` row of one id from its `ENTITY_SOURCE_DDL` rows (none without an `article_entities` row).

    Each article counts once with its own mentions and day, which is what the store's
    `GROUP BY` over (id, name, type, country, role) gives `merge_entity_rows`.
    """
    from .store import merge_entity_rows

    facts = [(entity_id, row["name"], row["type"], row["country"], row["role"], 1, row["mention_count"],
              row["published"], row["published"]) for row in rows if row["fact"]]
    forms = {form for row in rows for form in (row["name"], row["form"]) if form is not None}
    return merge_entity_rows(facts, {entity_id: sorted(forms)})
