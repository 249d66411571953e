"""Pure parts of `newsgraph.spark`: no Spark session needed (pyspark need not even be installed)."""
from __future__ import annotations

from datetime import date
from pathlib import Path, PurePosixPath

import pytest
from spark_compare import EXAMPLES, SPARK_DATA

from newsgraph import analyze, spark, spark_tasks
from newsgraph.ingest import BytesFile, InputError, read_path
from newsgraph.records import Analysis, Article


@pytest.mark.parametrize(
    "path", [EXAMPLES / "crawl.warc.gz", EXAMPLES / "depeches.jsonl", SPARK_DATA / "revue.jsonl",
             SPARK_DATA / "vide.html", EXAMPLES / "pages" / "greve-marseille.html", EXAMPLES / "sommet-berlin.txt"],
)
def test_fetched_bytes_read_like_the_file(path: Path) -> None:
    fetched = BytesFile(str(path), path.read_bytes())
    assert list(read_path(fetched)) == list(read_path(path))


@pytest.mark.parametrize(
    ("uri", "expected"),
    [("file:/data/a.warc.gz", "/data/a.warc.gz"), ("file:///data/a.warc.gz", "/data/a.warc.gz"),
     ("s3a://bucket/crawl/a.warc.gz", "s3a://bucket/crawl/a.warc.gz"), ("hdfs://nn:8020/x.jsonl", "hdfs://nn:8020/x.jsonl")],
)
def test_local_name(uri: str, expected: str) -> None:
    assert spark_tasks.local_name(uri) == expected


@pytest.mark.parametrize(
    ("text", "relative", "expected"),
    [("examples/", None, "examples"), ("./examples/pages", PurePosixPath("a.html"), "examples/pages/a.html"),
     ("s3a://bucket/crawl/", PurePosixPath("b/c.warc.gz"), "s3a://bucket/crawl/b/c.warc.gz")],
)
def test_names_as_the_local_reader_gives_them(text: str, relative: PurePosixPath | None, expected: str) -> None:
    assert spark._plain(text, relative) == expected


def test_month_partition() -> None:
    assert spark_tasks.month_of(date(2023, 8, 31)) == "2023-08"
    assert spark_tasks.month_of(None) == "unknown"


def test_default_model_is_the_analysis_default() -> None:
    assert spark.DEFAULT_MODEL == analyze.DEFAULT_MODEL


def test_a_failing_article_becomes_a_failure() -> None:
    def analyzer(batch: list[Article]) -> list:
        if any(article.id == "poison" for article in batch):
            raise ValueError("boom")
        return [Analysis(id=article.id, text=article.text) for article in batch]

    batch = [Article("ok", "texte", source="a.jsonl:1"), Article("poison", "texte", source="a.jsonl:2")]
    outcomes = spark_tasks.analyze_safely(batch, analyzer=analyzer)
    assert outcomes[0].id == "ok"
    assert outcomes[1] == InputError("a.jsonl:2", "analysis failed: ValueError: boom")


def test_comma_in_a_file_name_is_refused() -> None:
    with pytest.raises(spark.SparkAnalyzeError, match="comma"):
        spark._binary_files_argument([spark.InputFile("file:/a,b.html", "/a,b.html", 0)])
    escaped = spark._binary_files_argument([spark.InputFile("file:/x[1].html", "/x[1].html", 0)])
    assert escaped == "file:/x\\[1\\].html"


def _table_files(folder: Path, attempt: str) -> spark_tasks.TableFiles:
    import pyarrow as pa

    schemas = {"failures": pa.schema([("source", pa.string()), ("reason", pa.string())]),
               "articles": pa.schema([("id", pa.string())])}
    return spark_tasks.TableFiles(folder.as_uri(), attempt, schemas)


def test_a_task_writes_one_file_per_table_and_month(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    files = _table_files(tmp_path, "00003-41")
    rows = [{"table": "articles", "month": f"2024-0{n % 2 + 1}", "articles": {"id": f"a{n}"}}
            for n in range(spark_tasks.ROW_GROUP_ROWS + 3)]
    files.add([*rows, {"table": "failures", "month": "unknown", "failures": {"source": "x", "reason": "r"}}])
    files.close()
    manifest = {(row["table"], row["month"]): row for row in files.manifest()}
    assert sorted(manifest) == [("articles", "2024-01"), ("articles", "2024-02"), ("failures", "")]
    assert manifest["articles", "2024-01"]["rows"] + manifest["articles", "2024-02"]["rows"] == len(rows)
    failures = manifest["failures", ""]["uri"]
    assert failures == f"{tmp_path.as_uri()}/failures/part-00003-41.parquet"
    assert pq.read_table(spark_tasks.local_name(failures)).to_pylist() == [{"source": "x", "reason": "r"}]
    january = pq.read_table(tmp_path / "articles" / "month=2024-01" / "part-00003-41.parquet")
    assert january.num_rows == manifest["articles", "2024-01"]["rows"]


def test_another_attempt_writes_other_files(tmp_path: Path) -> None:
    uris = []
    for attempt in ("00001-7", "00001-9"):
        files = _table_files(tmp_path, attempt)
        files.add([{"table": "articles", "month": "unknown", "articles": {"id": "a"}}])
        files.close()
        uris += [row["uri"] for row in files.manifest()]
    assert len(set(uris)) == 2 and all((Path(spark_tasks.local_name(uri))).exists() for uri in uris)


def test_a_task_holds_few_rows_whatever_the_months(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(spark_tasks, "PENDING_ROWS", 10)
    files = _table_files(tmp_path, "00000-1")
    for number in range(25):
        files.add([{"table": "articles", "month": f"20{number:02d}-01", "articles": {"id": f"a{number}"}}])
        assert files._waiting < 10
    files.close()
    assert sum(row["rows"] for row in files.manifest()) == 25


@pytest.mark.parametrize(
    ("uri", "kind", "path"),
    [("file:/data/out", "LocalFileSystem", "/data/out"), ("/data/out", "LocalFileSystem", "/data/out")],
)
def test_arrow_filesystem(uri: str, kind: str, path: str) -> None:
    filesystem, found = spark_tasks.arrow_filesystem(uri)
    assert (type(filesystem).__name__, found) == (kind, path)


def test_entity_merged_from_rows_as_the_store_groups_them() -> None:
    from newsgraph.store import merge_entity_rows

    def fact(name: str, mentions: int, day: date | None) -> dict:
        return {"entity_id": "q1", "fact": True, "name": name, "type": "PER", "country": None, "role": None,
                "mention_count": mentions, "published": day, "form": None}

    rows = [fact("Macron", 2, date(2024, 3, 1)), fact("Emmanuel Macron", 1, None), fact("Macron", 4, date(2024, 5, 2)),
            {**fact("", 0, None), "fact": False, "name": None, "type": None, "mention_count": None, "form": "le président"}]
    grouped = [("q1", "Macron", "PER", None, None, 2, 6, date(2024, 3, 1), date(2024, 5, 2)),
               ("q1", "Emmanuel Macron", "PER", None, None, 1, 1, None, None)]
    expected = merge_entity_rows(grouped, {"q1": ["Emmanuel Macron", "Macron", "le président"]})
    assert spark_tasks.merged_entity("q1", rows) == expected
    assert spark_tasks.merged_entity("q1", rows[-1:]) == []  # forms alone make no entity, as in the store


def test_the_item_read_last_is_kept_whatever_the_batches() -> None:
    import pyarrow as pa

    rows = [{"kind": "article", "key": "a", "file_order": 2, "position": 1, "id": "a", "text": "Deuxième version."},
            {"kind": "article", "key": "a", "file_order": 0, "position": 5, "id": "a", "text": "Première version."},
            {"kind": "article", "key": "b", "file_order": 0, "position": 6, "id": "b", "text": "Autre texte."},
            {"kind": "failure", "key": "a", "file_order": 1, "position": 0, "source": "a", "reason": "illisible"}]
    schema = pa.schema([(name, pa.from_numpy_dtype("int64") if kind in ("int", "bigint") else
                         pa.list_(pa.string()) if kind.startswith("array") else pa.string())
                        for name, kind in spark_tasks.ITEM_COLUMNS])
    batches = [pa.RecordBatch.from_pylist(rows[:1], schema=schema), pa.RecordBatch.from_pylist(rows[1:], schema=schema)]
    items = list(spark_tasks._items(batches))
    assert [getattr(item, "text", None) for item in items] == ["Deuxième version.", "Autre texte.", None]
    assert isinstance(items[2], InputError) and items[2].reason == "illisible"
