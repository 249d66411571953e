"""`newsgraph ingest`, `export` and `query` through the command line (fake analyzer, no model)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from kb_corpus import KB_DATA, fake_analyze

from newsgraph import store
from newsgraph.cli import cli


@pytest.fixture()
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setattr(store, "pipeline_analyzer", lambda **options: fake_analyze)
    return CliRunner()


def test_ingest_then_again(runner: CliRunner, tmp_path: Path, kb_articles: Path) -> None:
    db = str(tmp_path / "kb.duckdb")
    first = runner.invoke(cli, ["ingest", str(kb_articles), "--db", db, "--batch-size", "4"])
    assert first.exit_code == 0, first.output
    assert "6 article(s) stored" in first.output
    second = runner.invoke(cli, ["ingest", str(kb_articles), "--db", db])
    assert "0 article(s) stored (0 replaced), 6 unchanged" in second.output


def test_ingest_with_failures_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["ingest", str(KB_DATA / "broken.jsonl"), "--db", str(tmp_path / "kb.duckdb")])
    assert result.exit_code == 1
    assert "2 input(s) failed" in result.output


def test_ingest_into_a_database_in_use(runner: CliRunner, tmp_path: Path, kb_articles: Path) -> None:
    db = tmp_path / "kb.duckdb"
    with store.connect(db):
        pass
    db.write_bytes(b"not a database at all" * 100)
    result = runner.invoke(cli, ["ingest", str(kb_articles), "--db", str(db)])
    assert result.exit_code == 1
    assert "Error: cannot open" in result.output


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export(runner: CliRunner, kb_db: Path, tmp_path: Path, fmt: str) -> None:
    result = runner.invoke(cli, ["export", "--db", str(kb_db), "--format", fmt, str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(Path(line).name for line in result.output.split()) == sorted(f"{t}.{fmt}" for t in store.ALL_TABLES)


def test_query_quotes_formats(runner: CliRunner, kb_db: Path) -> None:
    as_json = runner.invoke(cli, ["query", "quotes", "--db", str(kb_db), "--speaker", "choigou", "--format", "json"])
    assert {quote["article_id"] for quote in json.loads(as_json.output)} == {"kb-002", "kb-006"}
    as_csv = runner.invoke(cli, ["query", "quotes", "--db", str(kb_db), "--speaker", "choigou", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert [row["speaker_name"] for row in rows] == ["Sergueï Choïgou", "Sergueï Choïgou"]
    as_table = runner.invoke(cli, ["query", "quotes", "--db", str(kb_db), "--outlet", "gamma-presse.fr"])
    assert "kb-004" in as_table.output


def test_query_events_entities_article(runner: CliRunner, kb_db: Path) -> None:
    events = runner.invoke(cli, ["query", "events", "--db", str(kb_db), "--country-pair", "RUS,PRK", "--type", "AID",
                                 "--format", "json"])
    assert [event["article_id"] for event in json.loads(events.output)] == ["kb-006"]
    stories = runner.invoke(cli, ["query", "events", "--db", str(kb_db), "--type", "CONSULT", "--stories",
                                  "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(stories.output)))
    assert len(rows) == 3 and {row["mention_count"] for row in rows} == {"1"}
    entities = runner.invoke(cli, ["query", "entities", "--db", str(kb_db), "--name", "zelensky", "--format", "json"])
    assert [entity["id"] for entity in json.loads(entities.output)] == ["per:volodymyr-zelensky"]
    article = runner.invoke(cli, ["query", "article", "kb-003", "--db", str(kb_db), "--format", "json"])
    assert json.loads(article.output)["title"] == "Emmanuel Macron soutient Kiev"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["query", "quotes", "--since", "hier"], "malformed since"),
        (["query", "events", "--country-pair", "RUSSIE"], "malformed country pair"),
        (["query", "article", "nope"], "no article with id 'nope'"),
        (["query", "quotes", "--limit", "0"], "0 is not in the range"),
    ],
)
def test_query_errors(runner: CliRunner, kb_db: Path, arguments: list[str], message: str) -> None:
    result = runner.invoke(cli, [*arguments, "--db", str(kb_db)])
    assert result.exit_code != 0
    assert message in result.output
