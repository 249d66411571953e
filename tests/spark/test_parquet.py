"""Parquet datasets read back with DuckDB: `ingest --from-parquet` and `serve --parquet` (no Spark needed)."""
from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from spark_compare import table_rows
from kb_corpus import snapshot

from newsgraph import query
from newsgraph.cli import cli
from newsgraph.parquet import load_dataset, view_database
from newsgraph.store import TABLES, StoreError, connect, export


@pytest.fixture()
def dataset(kb_db: Path, tmp_path: Path) -> Path:
    """The knowledge base laid out as a Spark dataset: one folder per table (month partitions for two)."""
    with connect(kb_db, read_only=True) as con:
        export(con, tmp_path / "export", fmt="parquet")
    folder = tmp_path / "dataset"
    for table in TABLES:
        (folder / table / "month=2023-09").mkdir(parents=True)
        shutil.copy(tmp_path / "export" / f"{table}.parquet", folder / table / "month=2023-09" / "part-0.parquet")
    return folder


def test_load_dataset_equals_the_database(kb_db: Path, dataset: Path, tmp_path: Path) -> None:
    with connect(tmp_path / "loaded.duckdb") as con:
        report = load_dataset(con, dataset)
        loaded = snapshot(con)
    with connect(kb_db, read_only=True) as con:
        assert loaded == snapshot(con)
    assert (report.articles, report.replaced, report.failures) == (6, 0, 0)


def test_load_twice_replaces(dataset: Path, tmp_path: Path) -> None:
    with connect(tmp_path / "loaded.duckdb") as con:
        load_dataset(con, dataset)
        first = snapshot(con)
        report = load_dataset(con, dataset)
        assert snapshot(con) == first
    assert report.replaced == 6


def test_views_answer_queries_like_the_database(kb_db: Path, dataset: Path, tmp_path: Path) -> None:
    views = view_database(dataset, tmp_path / "views.duckdb")
    with connect(views, read_only=True) as viewed, connect(kb_db, read_only=True) as stored:
        assert snapshot(viewed) == snapshot(stored)
        assert query.search_quotes(viewed, speaker="choigou") == query.search_quotes(stored, speaker="choigou")
        assert query.corpus_summary(viewed) == query.corpus_summary(stored)


def test_empty_table_and_missing_table(dataset: Path, tmp_path: Path) -> None:
    shutil.rmtree(dataset / "failures" / "month=2023-09")
    with connect(tmp_path / "a.duckdb") as con:
        assert load_dataset(con, dataset).failures == 0
    shutil.rmtree(dataset / "events")
    with connect(tmp_path / "b.duckdb") as con, pytest.raises(StoreError, match="events: no such table folder"):
        load_dataset(con, dataset)


def test_missing_column_is_named(dataset: Path, tmp_path: Path) -> None:
    target = dataset / "quotes" / "month=2023-09" / "part-0.parquet"
    duckdb.sql(f"COPY (SELECT * EXCLUDE (cue) FROM read_parquet('{target}')) TO '{tmp_path / 'q.parquet'}'")
    shutil.copy(tmp_path / "q.parquet", target)
    with connect(tmp_path / "c.duckdb") as con, pytest.raises(StoreError, match="lacks column.* cue of table quotes"):
        load_dataset(con, dataset)


def test_cli_ingest_from_parquet(dataset: Path, tmp_path: Path) -> None:
    db = tmp_path / "cli.duckdb"
    result = CliRunner().invoke(cli, ["ingest", "--from-parquet", str(dataset), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "6 article(s) loaded" in result.output
    both = CliRunner().invoke(cli, ["ingest", "x.jsonl", "--from-parquet", str(dataset), "--db", str(db)])
    assert both.exit_code == 2 and "not both" in both.output
    with connect(db, read_only=True) as con:
        export(con, tmp_path / "again", fmt="parquet")
    assert table_rows(tmp_path / "again", "articles") == table_rows(dataset, "articles")


def test_cli_serve_parquet(dataset: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("uvicorn")
    import uvicorn
    from fastapi.testclient import TestClient

    served = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: served.append(app))
    result = CliRunner().invoke(cli, ["serve", "--parquet", str(dataset)])
    assert result.exit_code == 0, result.output
    with TestClient(served[0], base_url="http://127.0.0.1") as client:  # serve answers loopback hosts only
        response = client.get("/api/quotes", params={"speaker": "choigou"})
        assert response.status_code == 200, response.text
    neither = CliRunner().invoke(cli, ["serve"])
    assert neither.exit_code == 2 and "one of --db FILE or --parquet DIR" in neither.output
