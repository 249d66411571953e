"""The read stage on Spark: WARC splits dealt over tasks, and files fetched whole, give the local reader's items."""
from __future__ import annotations

from pathlib import Path

import pytest
from spark_compare import EXAMPLES
from test_splits import write_warc

from newsgraph.ingest import read_path
from newsgraph.spark_tasks import ITEM_COLUMNS

pytestmark = pytest.mark.spark


def local_items(paths: list[Path]) -> list[tuple[int, str | None, str | None]]:
    """(file order, source, reason) of every item the local reader gives, in order."""
    return [(order, getattr(item, "source", None), getattr(item, "reason", None))
            for order, path in enumerate(paths) for item in read_path(path)]


def spark_items(frame) -> list[tuple[int, str | None, str | None]]:
    assert [field.name for field in frame.schema.fields] == [name for name, _ in ITEM_COLUMNS]
    rows = sorted(frame.collect(), key=lambda row: (row["file_order"], row["position"]))
    return [(row["file_order"], row["source"], row["reason"]) for row in rows]


@pytest.mark.parametrize("in_driver", [True, False])
def test_warc_splits_over_tasks_read_like_the_file(spark, tmp_path: Path, in_driver: bool) -> None:
    from newsgraph.spark import InputFile, _read_local

    crawl = tmp_path / "crawl.warc.gz"
    write_warc(crawl, pages=7)
    files = [InputFile(crawl.as_uri(), str(crawl), 0), InputFile((EXAMPLES / "depeches.jsonl").as_uri(),
                                                                  str(EXAMPLES / "depeches.jsonl"), 1)]
    frame = _read_local(spark, files, split_records=2, partitions=3, plan_in_driver=in_driver)
    # 5 splits (4 of the WARC, the JSONL file) over 4 tasks: 2 per core of local[2], more than the 3 partitions
    assert frame.rdd.getNumPartitions() == 4
    assert spark_items(frame) == local_items([crawl, EXAMPLES / "depeches.jsonl"])


def test_a_warc_is_cut_in_splits_of_about_equal_bytes(spark, tmp_path: Path) -> None:
    from newsgraph.spark import InputFile, _read_local

    crawl = tmp_path / "crawl.warc"
    write_warc(crawl, pages=40, gzip=False)
    files = [InputFile(crawl.as_uri(), str(crawl), 0, size=crawl.stat().st_size)]
    frame = _read_local(spark, files, partitions=1, split_bytes=crawl.stat().st_size // 4)
    assert frame.rdd.getNumPartitions() == 4  # 2 per core, whatever the partitions asked
    counts = [count for _, count in frame.rdd.mapPartitionsWithIndex(lambda index, rows: [(index, len(list(rows)))])
              .collect()]
    assert sum(counts) == 40 and max(counts) - min(counts) <= 2
    assert spark_items(frame) == local_items([crawl])


def test_files_fetched_whole_read_like_the_file(spark) -> None:
    from newsgraph.spark import InputFile, _read_remote

    paths = [EXAMPLES / "crawl.warc.gz", EXAMPLES / "depeches.jsonl"]
    # binaryFile names local files 'file:/...': the catalog must know them under that name
    files = [InputFile(f"file:{path}", str(path), order) for order, path in enumerate(paths)]
    assert spark_items(_read_remote(spark, files)) == local_items(paths)


def test_files_in_folders_get_the_local_path_relative_ids(spark, tmp_path: Path) -> None:
    from newsgraph.ingest import read_articles
    from newsgraph.spark import _read_local, expand_inputs

    for folder in ("a", "b"):
        (tmp_path / "pages" / folder).mkdir(parents=True)
        (tmp_path / "pages" / folder / "x.txt").write_text(
            f"Le maire de {folder.upper()}ville a inauguré lundi la nouvelle médiathèque du quartier.", encoding="utf-8")
    files, missing = expand_inputs(spark, [str(tmp_path / "pages")])
    assert not missing
    rows = _read_local(spark, files, split_records=2, partitions=2).collect()
    local = sorted(article.id for article in read_articles([tmp_path / "pages"]))
    assert sorted(row["id"] for row in rows) == local == ["a/x", "b/x"]
