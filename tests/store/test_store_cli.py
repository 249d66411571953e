"""`newsgraph ingest`, `export` and `query` through the command line (fake analyzer, no model)."""
from __future__ import annotations

import csv
import io
import json
import re
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


def test_ingest_skips_an_unchanged_file_unless_reanalyzing(runner: CliRunner, tmp_path: Path, kb_articles: Path) -> None:
    db = str(tmp_path / "kb.duckdb")
    cut = runner.invoke(cli, ["ingest", str(kb_articles), "--db", db, "--limit", "2"])
    assert "2 article(s) stored" in cut.output
    whole = runner.invoke(cli, ["ingest", str(kb_articles), "--db", db])  # read in part before: not recorded
    assert "4 article(s) stored (0 replaced), 2 unchanged" in whole.output
    assert "not read again" not in whole.output
    again = runner.invoke(cli, ["ingest", str(kb_articles), "--db", db])
    assert again.exit_code == 0, again.output
    assert "0 article(s) stored (0 replaced), 6 unchanged" in again.output
    assert "1 input file(s) unchanged since stored, not read again (6 article(s))" in again.output
    forced = runner.invoke(cli, ["ingest", str(kb_articles), "--db", db, "--reanalyze"])
    assert "6 article(s) stored (6 replaced), 0 unchanged" in forced.output


def test_ingest_with_failures_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["ingest", str(KB_DATA / "broken.jsonl"), "--db", str(tmp_path / "kb.duckdb")])
    assert result.exit_code == 1
    assert "2 input(s) failed" in result.output
    again = runner.invoke(cli, ["ingest", str(KB_DATA / "broken.jsonl"), "--db", str(tmp_path / "kb.duckdb")])
    assert "not read again" in again.output
    assert again.exit_code == 1 and "2 input(s) failed" in again.output  # its failures are still reported


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


def test_ingest_limit_reads_only_the_first_articles(runner: CliRunner, tmp_path: Path, kb_articles: Path) -> None:
    db = str(tmp_path / "kb.duckdb")
    first = runner.invoke(cli, ["ingest", str(kb_articles), "--db", db, "--limit", "2"])
    assert first.exit_code == 0, first.output
    assert "2 article(s) stored" in first.output
    again = runner.invoke(cli, ["ingest", str(kb_articles), "--db", db, "--limit", "3"])
    assert "1 article(s) stored (0 replaced), 2 unchanged" in again.output
    refused = runner.invoke(cli, ["ingest", "--from-parquet", str(tmp_path), "--db", db, "--limit", "3"])
    assert refused.exit_code == 2 and "--limit" in refused.output


def test_first_articles_stops_reading_after_the_limit() -> None:
    from newsgraph.cli import first_articles
    from newsgraph.ingest import InputError
    from newsgraph.records import Article

    read: list[int] = []

    def items():
        for number in range(10):
            read.append(number)
            yield InputError("bad.jsonl:1", "malformed") if number == 1 else Article(f"a{number}", "texte")

    kept = list(first_articles(items(), 3))
    assert [getattr(item, "id", "error") for item in kept] == ["a0", "error", "a2", "a3"]
    assert read == [0, 1, 2, 3]


def test_reingest_with_nothing_new_does_not_load_the_model(kb_db: Path, tmp_path: Path, kb_articles: Path) -> None:
    import shutil
    import subprocess
    import sys

    db = tmp_path / "kb.duckdb"
    shutil.copy(kb_db, db)  # every fixture article is stored already
    program = (
        "import sys\nfrom newsgraph.cli import cli\n"
        f"try:\n    cli(['ingest', {str(kb_articles)!r}, '--db', {str(db)!r}])\nexcept SystemExit:\n    pass\n"
        "print('spacy imported:', 'spacy' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120)
    assert "6 unchanged" in result.stderr
    assert "spacy imported: False" in result.stdout


def test_event_table_fits_80_columns_one_row_per_event(big_kb_db: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "events", "--db", str(big_kb_db), "--target", "France", "--limit", "5"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    header, rule = next((lines[i - 1], i) for i, line in enumerate(lines) if line.startswith("───"))
    assert {"mode", "trigger", "by"} <= set(header.split()) and "reported" in " ".join(lines[:rule])
    rows = [line for line in lines[rule + 1:] if re.match(r"\d+ +\d{4}-\d\d-\d\d ", line)]
    assert len(rows) == 5  # one row per event; sentences are not repeated
    as_json = CliRunner().invoke(cli, ["query", "events", "--db", str(big_kb_db), "--target", "France", "--limit", "5",
                                       "--format", "json"])
    assert all(event["trigger"] in result.output for event in json.loads(as_json.output))


def test_tables_print_ids_literally(big_kb_db: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "entities", "--db", str(big_kb_db), "--name", "france"])
    assert "gpe:france:fra" in result.output
    assert "\U0001f1eb" not in result.output  # the first half of the French flag emoji


def test_empty_result_says_so(big_kb_db: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "quotes", "--db", str(big_kb_db), "--speaker", "personne inconnue"])
    assert result.exit_code == 0
    assert result.output.strip() == "no results"


def test_unknown_event_type_or_mode_is_refused(big_kb_db: Path) -> None:
    for option, value in (("--type", "FOO"), ("--mode", "maybe")):
        result = CliRunner().invoke(cli, ["query", "events", "--db", str(big_kb_db), option, value])
        assert result.exit_code == 1
        assert f"unknown {option[2:]} {value!r}" in result.output
