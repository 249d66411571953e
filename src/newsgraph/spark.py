"""Spark: the same analysis on a cluster, written as one Parquet dataset per table.

The work is that of `newsgraph ingest` + `newsgraph export --format parquet`, in DataFrames whose
rows move between the JVM and Python in Arrow batches (`mapInArrow`):

1. plan: the driver (small inputs) or small tasks find where the records of each local WARC
   file start (`spark_tasks.plan_splits`) and cut it into splits of about equal bytes, a few per
   core whatever the number of records (other files: one split each); the driver deals the
   splits over the read tasks by size (`spark_tasks.deal_splits`), so that one big WARC keeps
   every core busy and no task reads much more than another.
2. read: each task streams its splits from the file with the local readers
   (`newsgraph.ingest`): one record in memory at a time, whatever the file size. Files on
   other filesystems (HDFS, S3) are fetched whole by Spark's `binaryFile` source instead.
3. de-duplicate: the items are hashed by id into `partitions` partitions and the one read last
   is kept (as in the store).
4. analyze and write: `spark_tasks.analyze_write_arrow` runs `newsgraph.analyze.analyze_batch`
   with the pipeline of the Python worker (loaded once per executor by `newsgraph.spark_daemon`
   before it forks its workers), flattens each analysis into the store's rows
   (`newsgraph.store.rows_for`) and writes every article table's Parquet part files itself, in
   one pass, under a staging folder (`_temporary/newsgraph-<run>`, one file name per task attempt).
   The job's result is the list of files written: only the successful attempts' reach the driver.
5. entities, in the same Spark job: each analysis task also gives Spark its entity facts and
   mention texts, which a shuffle by entity id brings to the tasks that merge and write the
   actors (`entity_frame`); those pass on the analysis tasks' lists of files. Then the driver
   moves every file listed into place (`_commit`) and removes the staging folder.

The rows are written with exactly the columns of `store.TABLES`; see `newsgraph.parquet` for
the layout (article tables partitioned by publication month) and for reading it back.
"""
from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial, reduce
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any
from uuid import uuid4

from .defaults import DEFAULT_MODEL
from .ingest import InputError, file_id, input_kind
from .parquet import PARTITION_COLUMN, PARTITIONED_TABLES
from .spark_tasks import (
    ANALYSIS_OUTPUT_DDL,
    ANALYSIS_TABLES,
    MANIFEST_DDL,
    SPLIT_DDL,
    BatchAnalyzer,
    Split,
    analyze_write_arrow,
    arrow_filesystem,
    deal_splits,
    fetched_arrow,
    item_ddl,
    item_row,
    local_name,
    merge_write_entities_arrow,
    plan_arrow,
    plan_splits,
    read_splits_arrow,
)
from .store import TABLES

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

log = logging.getLogger(__name__)

GLOB_CHARACTERS = "\\*?[]{}"
TYPES = {"VARCHAR": "StringType", "INTEGER": "IntegerType", "DATE": "DateType", "TIMESTAMP": "TimestampNTZType"}
SPLITS_PER_CORE = 2  # read splits (and read tasks) per core of the default parallelism: equal bytes each
MIN_SPLIT_BYTES = 1 << 17  # a WARC is not cut finer (~10 OrangeSum pages): a task has a cost of its own
DRIVER_PLAN_BYTES = 1 << 24  # local inputs up to this total (~1,200 OrangeSum pages) are planned by the driver
ARROW_BATCH_CONF = "spark.sql.execution.arrow.maxRecordsPerBatch"
ARROW_BATCH_ROWS = 256  # rows per Arrow batch: at most ~25 MB of text at the 100,000-character article limit
DAEMON_CONF = "spark.python.daemon.module"
LOCAL_JVM_OPTIONS = "-XX:TieredStopAtLevel=1"  # the quick JIT compiler only
# local mode: SQL run interpreted, no Java generated and compiled (Janino) per query: ~1 JVM CPU s less per job
LOCAL_SQL_CONF = (("spark.sql.codegen.wholeStage", "false"), ("spark.sql.codegen.factoryMode", "NO_CODEGEN"))


class SparkAnalyzeError(Exception):
    """A Spark run that cannot start: bad inputs or output, with what to do about it."""


@dataclass(frozen=True)
class InputFile:
    """One file to read: its URI for Spark, the name it has in `source` columns, its position."""

    uri: str
    display: str
    order: int
    article_id: str | None = None  # a text or HTML file's id: its path relative to the folder given, as locally
    size: int = 0  # bytes, as listed


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


def spark_session(
    *, master: str | None = None, conf: Sequence[tuple[str, str]] = (), app_name: str = "newsgraph"
) -> SparkSession:
    """A Spark session (the active one if any) whose executors preload the pipeline (`newsgraph.spark_daemon`)."""
    from pyspark.sql import SparkSession

    launched_here = "PYSPARK_GATEWAY_PORT" not in os.environ  # not under spark-submit
    builder = SparkSession.builder.appName(app_name)
    if (master or "local").startswith("local") and launched_here:
        # local workers run this interpreter (its venv has newsgraph), not the `python3` on PATH
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        # the JVM only plans and moves rows (Python does the work): its optimizing JIT compiler cost
        # more CPU than it saved, twice the JVM's CPU of a 120-article job (docs/scaling.md)
        builder = builder.config("spark.driver.extraJavaOptions", LOCAL_JVM_OPTIONS)
        # and our queries move one row per article: compiling Java for them cost more CPU than it saved
        for key, value in LOCAL_SQL_CONF:
            builder = builder.config(key, value)
    if master:
        builder = builder.master(master)
    # the executors' Python daemon loads the pipeline once, before forking its workers
    builder = builder.config(DAEMON_CONF, "newsgraph.spark_daemon")
    for key, value in conf:
        builder = builder.config(key, value)
    return builder.getOrCreate()


def expand_inputs(spark: SparkSession, inputs: Sequence[str]) -> tuple[list[InputFile], list[InputError]]:
    """Resolve paths, folders and globs with Spark's filesystems, as `ingest.read_articles` does locally."""
    jvm = _jvm(spark)  # the driver's JVM: Hadoop's FileSystem resolves every scheme
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
            for uri, display, article_id, size in _files_of(status, text, filesystem):
                files.append(InputFile(uri, display, len(files), article_id, size))
    return files, errors


def _files_of(status: Any, text: str, filesystem: Any) -> Iterator[tuple[str, str, str | None, int]]:
    # a file as named by the user; a folder's supported files, recursively and sorted like the local reader,
    # each with the path-relative id the local reader gives it; and the size of each
    uri = status.getPath().toString()
    exact = not any(character in text for character in GLOB_CHARACTERS)
    if not status.isDirectory():
        yield uri, _plain(text) if exact else local_name(uri), None, int(status.getLen())
        return
    children = filesystem.listFiles(status.getPath(), True)
    found = []
    while children.hasNext():
        listed = children.next()
        child = listed.getPath().toString()
        relative = PurePosixPath(child[len(uri):].lstrip("/"))
        if input_kind(Path(relative.name)):
            found.append((relative, child, int(listed.getLen())))
    for relative, child, size in sorted(found):
        yield child, _plain(text, relative) if exact else local_name(child), file_id(relative.as_posix()), size


def _plain(text: str, relative: PurePosixPath | None = None) -> str:
    # the spelling `newsgraph analyze` gives a local path (Path normalizes it); URIs stay as they are
    if "://" in text or text.startswith("file:"):
        return text.rstrip("/") + f"/{relative}" if relative else text
    return str(Path(text) / relative) if relative else str(Path(text))


def _binary_files_argument(files: Sequence[InputFile]) -> str:
    # binaryFiles takes comma-separated globs: expanded names must not glob again
    escaped = []
    for file in files:
        if "," in file.uri:
            raise SparkAnalyzeError(f"{file.display}: Spark cannot read a file whose name holds a comma; rename it")
        escaped.append("".join("\\" + c if c in GLOB_CHARACTERS else c for c in file.uri))
    return ",".join(escaped)


# ---------------------------------------------------------------- writing (driver)


def table_schema(table: str, *, partitioned: bool) -> StructType:
    """The Spark schema of a table: `TABLES` columns (DuckDB types mapped), plus the month if partitioned."""
    from pyspark.sql import types

    fields = [types.StructField(column.name, getattr(types, TYPES[column.type])(), True) for column in TABLES[table]]
    if partitioned:
        fields.append(types.StructField(PARTITION_COLUMN, types.StringType(), False))
    return types.StructType(fields)


def entity_frame(analyzed: DataFrame, *, staging: str, partitions: int) -> DataFrame:
    """The corpus-wide `entities` table, merged by `store.merge_entity_rows` as the store does, and written.

    `analyzed` are the analysis tasks' `ANALYSIS_OUTPUT_DDL` rows: one shuffle by entity id, then
    each task merges its entities and writes them under `staging`; out come the `MANIFEST_DDL` rows
    of every file, the analysis tasks' (passed through by the task of the null id) and its own.
    """
    from pyspark.sql.pandas.types import to_arrow_schema

    schemas = {"entities": to_arrow_schema(table_schema("entities", partitioned=False))}
    manifest = _struct_type(MANIFEST_DDL)
    body = partial(merge_write_entities_arrow, folder=staging, schemas=schemas, manifest=to_arrow_schema(manifest))
    return analyzed.repartition(partitions, "entity_id").sortWithinPartitions("entity_id").mapInArrow(body, manifest)


def _jvm(spark: SparkSession) -> Any:
    # the driver's JVM gateway (py4j: untyped); None once the session's context is stopped
    jvm = spark.sparkContext._jvm
    if jvm is None:
        raise SparkAnalyzeError("the Spark session has no JVM (its context is stopped): start a new session")
    return jvm


def _struct_type(ddl: str) -> StructType:
    # a row type from its DDL (`StructType.fromDDL` is typed as returning any DataType)
    from pyspark.sql.types import StructType

    parsed = StructType.fromDDL(ddl)
    if not isinstance(parsed, StructType):
        raise TypeError(f"not a row type (STRUCT) DDL: {ddl!r}")
    return parsed


def _check_output(spark: SparkSession, output: str, *, overwrite: bool) -> None:
    jvm = _jvm(spark)
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

    Every article is analyzed once, by a task that writes all its tables in the same pass.
    `analyzer` (picklable, for tests) replaces `analyze_batch` with the `model` pipeline.
    """
    _check_output(spark, output, overwrite=overwrite)
    files, missing = expand_inputs(spark, inputs)
    if not files and not missing:
        raise SparkAnalyzeError("no input file found: give WARC, HTML, JSONL or text files, folders or globs")
    partitions = partitions or max(2 * spark.sparkContext.defaultParallelism, 1)
    now = datetime.now(UTC).replace(tzinfo=None)
    destination = _qualified(spark, output)
    staging = f"{destination}/_temporary/newsgraph-{now:%Y%m%dT%H%M%S}-{uuid4().hex[:8]}"
    previous = spark.conf.get(ARROW_BATCH_CONF, None)
    spark.conf.set(ARROW_BATCH_CONF, str(ARROW_BATCH_ROWS))  # bounds a worker's memory whatever the partition size
    try:
        items = latest_items(read_items(spark, files, missing, partitions=partitions), partitions=partitions)
        analyzed = analyze_items(items, staging=staging, model=model, batch_size=batch_size, version=_version(),
                                 now=now, analyzer=analyzer)
        written = [row.asDict() for row in entity_frame(analyzed, staging=staging, partitions=partitions).collect()]
        counts = _commit(written, destination, replace=overwrite)
    finally:
        _delete_staging(staging)
        if previous is None:
            spark.conf.unset(ARROW_BATCH_CONF)
        else:
            spark.conf.set(ARROW_BATCH_CONF, previous)
    return SparkReport(output=output, rows=counts)


def read_items(spark: SparkSession, files: list[InputFile], missing: list[InputError], *, partitions: int) -> DataFrame:
    """Articles and failures of every input (`ITEM_COLUMNS`), local files read in splits, in Arrow batches."""
    local = [file for file in files if file.uri.startswith("file:")]
    remote = [file for file in files if not file.uri.startswith("file:")]
    frames = [spark.createDataFrame([item_row((-1, index), error) for index, error in enumerate(missing)],
                                    item_ddl())] if missing else []
    if local:
        frames.append(_read_local(spark, local, partitions=partitions))
    if remote:
        frames.append(_read_remote(spark, remote))
    return reduce(_union, frames)


def _read_remote(spark: SparkSession, files: list[InputFile]) -> DataFrame:
    # the JVM fetches each file whole (any Hadoop filesystem); a worker reads it from memory
    from pyspark.sql.pandas.types import to_arrow_schema

    fetched = spark.read.format("binaryFile").load(_binary_files_argument(files).split(","))
    schema = _struct_type(item_ddl())
    catalog = {file.uri: (file.order, file.display, file.article_id) for file in files}
    body = partial(fetched_arrow, schema=to_arrow_schema(schema), catalog=catalog, rows=ARROW_BATCH_ROWS)
    return fetched.repartition(len(files)).mapInArrow(body, schema)


def _union(first: DataFrame, second: DataFrame) -> DataFrame:
    return first.unionByName(second)


def _read_local(spark: SparkSession, files: list[InputFile], *, partitions: int, split_records: int = 0,
                split_bytes: int | None = None, plan_in_driver: bool | None = None) -> DataFrame:
    # the splits of every file (about `split_bytes` each: by default `SPLITS_PER_CORE` per core), dealt by size
    # over as many read tasks, each task the one row of its partition
    from pyspark.sql.pandas.types import to_arrow_schema

    cores = max(spark.sparkContext.defaultParallelism, 1)
    if split_bytes is None:
        split_bytes = max(-(-sum(file.size for file in files) // (SPLITS_PER_CORE * cores)), MIN_SPLIT_BYTES)
    splits = plan_local(spark, files, partitions=partitions, records=split_records, size=split_bytes,
                        in_driver=plan_in_driver)
    tasks = deal_splits(splits, min(len(splits), max(partitions, SPLITS_PER_CORE * cores)))
    read = partial(read_splits_arrow, tasks=spark.sparkContext.broadcast(tasks),
                   schema=to_arrow_schema(_struct_type(item_ddl())), rows=ARROW_BATCH_ROWS)
    return spark.range(0, len(tasks), 1, len(tasks)).mapInArrow(read, _struct_type(item_ddl()))


def plan_local(spark: SparkSession, files: list[InputFile], *, partitions: int, records: int, size: int,
               in_driver: bool | None = None) -> list[Split]:
    """The read splits of local files: planned by the driver when they are small (`DRIVER_PLAN_BYTES`), else by tasks.

    A planning task passes once over its files' record headers (a 1 GB WARC: seconds); the driver
    saves a Spark job on small inputs.
    """
    from pyspark.sql.pandas.types import to_arrow_schema

    described = [(file.order, file.uri, file.display, file.article_id) for file in files]
    if in_driver if in_driver is not None else sum(file.size for file in files) <= DRIVER_PLAN_BYTES:
        return [split for file in described for split in plan_splits(file, records=records, size=size)]
    schema = _struct_type(SPLIT_DDL)
    plan = partial(plan_arrow, files=spark.sparkContext.broadcast(described), schema=to_arrow_schema(schema),
                   records=records, size=size)
    # rows 0..n-1 in contiguous, even ranges: a task plans its share of the files, shipped as a broadcast
    numbered = spark.range(0, len(files), 1, max(1, min(len(files), partitions)))
    return [Split(**row.asDict()) for row in numbered.mapInArrow(plan, schema).collect()]


def latest_items(items: DataFrame, *, partitions: int) -> DataFrame:
    """The items hashed by key into `partitions` partitions, sorted by key, the one read last first.

    The analysis keeps the first item of each key (`spark_tasks.latest`): the store keeps the last
    article of an id. A sort, where an aggregation (`max_by` of the whole row) sorted the rows too
    and then copied each into a struct and out again.
    """
    from pyspark.sql import functions as F

    return items.repartition(partitions, "kind", "key").sortWithinPartitions(
        "kind", "key", F.desc("file_order"), F.desc("position"))


def analyze_items(items: DataFrame, *, staging: str, model: str, batch_size: int, version: str, now: datetime,
                  analyzer: BatchAnalyzer | None) -> DataFrame:
    """The analysis of every item, its tables written under `staging` by the tasks: `ANALYSIS_OUTPUT_DDL` rows.

    Those are one `MANIFEST_DDL` row per file written and the rows of the `entities` merge.
    """
    from pyspark.sql.pandas.types import to_arrow_schema

    schemas = {table: to_arrow_schema(table_schema(table, partitioned=False)) for table in ANALYSIS_TABLES}
    output = _struct_type(ANALYSIS_OUTPUT_DDL)
    body = partial(analyze_write_arrow, folder=staging, schemas=schemas, manifest=to_arrow_schema(output),
                   model=model, batch_size=batch_size, version=version, now=now, analyzer=analyzer)
    return items.mapInArrow(body, output)


def _commit(written: list[dict[str, Any]], destination: str, *, replace: bool) -> dict[str, int]:
    """Move the staged files of every table into place; a table without rows gets one schema-only file.

    The moves go through pyarrow's filesystem, as the tasks' writes did: no call into the JVM per file.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq
    from pyspark.sql.pandas.types import to_arrow_schema

    filesystem, root = arrow_filesystem(destination)
    counts: dict[str, int] = {}
    for table in TABLES:
        if replace:
            filesystem.delete_dir_contents(f"{root}/{table}", missing_dir_ok=True)
        counts[table] = 0
    folders: set[str] = set()
    for row in written:
        partition = f"/{PARTITION_COLUMN}={row['month']}" if row["table"] in PARTITIONED_TABLES else ""
        folder = f"{root}/{row['table']}{partition}"
        if folder not in folders:
            filesystem.create_dir(folder, recursive=True)
            folders.add(folder)
        filesystem.move(arrow_filesystem(row["uri"])[1], f"{folder}/{row['uri'].rsplit('/', 1)[1]}")
        counts[row["table"]] += row["rows"]
    for table in (table for table, rows in counts.items() if not rows):
        filesystem.create_dir(f"{root}/{table}", recursive=True)
        schema = to_arrow_schema(table_schema(table, partitioned=False))
        pq.write_table(pa.Table.from_pylist([], schema=schema), f"{root}/{table}/part-00000-empty.parquet",
                       filesystem=filesystem)
    return counts


def _qualified(spark: SparkSession, output: str) -> str:
    # the output as a full URI (`file:/abs/out`, `hdfs://nn/user/me/out`): the tasks run elsewhere
    path = _jvm(spark).org.apache.hadoop.fs.Path(output)
    filesystem = path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    return str(filesystem.makeQualified(path).toString()).rstrip("/")


def _delete_staging(staging: str) -> None:
    # the run's staging folder, and `_temporary` itself once no other run uses it
    from pyarrow import fs

    filesystem, path = arrow_filesystem(staging)
    parent = path.rsplit("/", 1)[0]
    if filesystem.get_file_info(path).type != fs.FileType.NotFound:
        filesystem.delete_dir(path)
    if filesystem.get_file_info(parent).type != fs.FileType.NotFound and not filesystem.get_file_info(
            fs.FileSelector(parent)):
        filesystem.delete_dir(parent)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsgraph")
    except PackageNotFoundError:
        return "unknown"
