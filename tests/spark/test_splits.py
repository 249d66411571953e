"""WARC files cut into splits of records and read split by split give what the local reader gives (no Spark)."""
from __future__ import annotations

from datetime import datetime
from io import BytesIO
from pathlib import Path

import pytest

from newsgraph import spark_tasks
from newsgraph.ingest import InputError, read_path
from newsgraph.records import Analysis, Article

PARAGRAPH = ("Le maire de la ville, Jeanne Dulac, a inauguré lundi la nouvelle médiathèque du quartier nord, "
             "un bâtiment de trois étages ouvert tous les jours de la semaine jusqu'à vingt et une heures.")


def write_warc(path: Path, *, pages: int, gzip: bool = True) -> None:
    """A crawl written for this test: `pages` HTML responses, with a request and a non-HTML response between."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as output:
        writer = WARCWriter(output, gzip=gzip)
        for number in range(pages):
            uri = f"https://exemple.newsgraph.invalid/page-{number}"
            if number == 2:
                request = writer.create_warc_record(uri, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
                writer.write_record(request)
                robots = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(uri + ".txt", "response", payload=BytesIO(b"ok\n"),
                                                              http_headers=robots))
            html = f"<html><body><article><h1>Page {number}</h1><p>{PARAGRAPH}</p></article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(html.encode()),
                                                          http_headers=headers))


def read_all(splits: list[spark_tasks.Split]) -> list[tuple[tuple[int, int], Article | InputError]]:
    return [pair for split in splits for pair in spark_tasks.read_split(split)]


@pytest.mark.parametrize("gzip", [True, False])
def test_splits_read_like_the_whole_file(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, pages=7, gzip=gzip)
    splits = spark_tasks.plan_splits((3, path.as_uri(), str(path), None), records=2)
    assert [split.count for split in splits] == [2, 4, 2, 1]  # 2 HTML each; the request and text page ride along
    assert [split.first for split in splits] == [1, 3, 7, 9]
    read = read_all(splits)
    assert [item for _, item in read] == list(read_path(path))
    orders = [order for order, _ in read]
    assert orders == sorted(orders) and {order[0] for order in orders} == {3}


@pytest.mark.parametrize("gzip", [True, False])
def test_splits_of_about_equal_bytes_read_like_the_whole_file(tmp_path: Path, gzip: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, pages=30, gzip=gzip)
    total = path.stat().st_size
    splits = spark_tasks.plan_splits((0, path.as_uri(), str(path), None), size=total // 5)
    assert len(splits) in (5, 6) and sum(split.size for split in splits) == total
    assert max(split.size for split in splits[:-1]) < total // 5 + total // 20  # cut at the first record past the size
    assert [split.offset for split in splits[1:]] == [split.offset + split.size for split in splits[:-1]]
    assert [item for _, item in read_all(splits)] == list(read_path(path))


def test_splits_dealt_over_tasks_by_size() -> None:
    sizes = [20, 60, 10, 50, 40, 30]
    splits = [spark_tasks.Split(0, "file:/a.warc", "a.warc", first=number, count=1, size=size)
              for number, size in enumerate(sizes)]
    tasks = spark_tasks.deal_splits(splits, 3)
    assert sorted(sum(split.size for split in task) for task in tasks) == [70, 70, 70]
    assert all([split.first for split in task] == sorted(split.first for split in task) for task in tasks)
    assert sorted(split.first for task in tasks for split in task) == list(range(len(sizes)))


def test_a_file_of_few_records_is_one_split(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, pages=3)
    splits = spark_tasks.plan_splits((0, path.as_uri(), str(path), None), records=100)
    assert len(splits) == 1 and splits[0].count == 5 and splits[0].offset == 0


def test_a_corrupt_warc_is_read_whole_and_reported_as_locally(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.warc.gz"
    write_warc(path, pages=4)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] + b"not a WARC record\r\n" + data[len(data) // 2 :])
    splits = spark_tasks.plan_splits((0, path.as_uri(), str(path), None), records=1)
    assert splits == [spark_tasks.Split(0, path.as_uri(), str(path), size=path.stat().st_size)]
    read = [item for _, item in read_all(splits)]
    assert read == list(read_path(path))
    failures = [item for item in read if isinstance(item, InputError)]
    assert len(failures) == 1 and "corrupt WARC after record #3" in failures[0].reason
    assert [item.id for item in read if not isinstance(item, InputError)][-1].endswith("page-3")  # read on after it


def test_other_files_are_one_split(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text('{"id": "a", "text": "Un texte."}\n{"id": "b", "text": "Un autre."}\n', encoding="utf-8")
    splits = spark_tasks.plan_splits((1, path.as_uri(), "dump.jsonl", None), records=1)
    assert splits == [spark_tasks.Split(1, path.as_uri(), "dump.jsonl", size=path.stat().st_size)]
    assert [item.source for _, item in spark_tasks.read_split(splits[0])] == ["dump.jsonl:1", "dump.jsonl:2"]


def test_analyzed_rows_one_batch_at_a_time() -> None:
    calls: list[int] = []

    def analyzer(batch: list[Article]) -> list[Analysis]:
        calls.append(len(batch))
        return [Analysis(id=article.id, text=article.text, date=article.date) for article in batch]

    items = [Article(f"a{number}", "texte", date="2024-03-01", source=f"x.jsonl:{number}") for number in range(5)]
    items.insert(2, InputError("x.jsonl:9", "malformed JSON"))
    now = datetime(2024, 1, 1)
    batches = list(spark_tasks.analyzed_rows(items, model="unused", batch_size=2, version="t", now=now,
                                             analyzer=analyzer))
    assert calls == [2, 2, 1]
    rows = [row for batch in batches for row in batch]
    assert [row["articles"]["id"] for row in rows if row["table"] == "articles"] == [f"a{n}" for n in range(5)]
    assert {row["month"] for row in rows if row["table"] == "articles"} == {"2024-03"}
    assert [row["failures"] for row in rows if row["table"] == "failures"] == [
        {"source": "x.jsonl:9", "reason": "malformed JSON", "failed_at": now}]
