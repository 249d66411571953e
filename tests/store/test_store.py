"""The DuckDB store: schema, idempotent and incremental ingest, crash and resume, export."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import partial
from datetime import date
from pathlib import Path

import duckdb
import pytest
from kb_corpus import KB_DATA, analysis_of, build_db, fake_analyze, snapshot

from newsgraph.ingest import read_articles
from newsgraph.records import Analysis, Article
from newsgraph.store import (
    ALL_TABLES,
    SCHEMA_VERSION,
    TABLES,
    GracefulStop,
    StoreError,
    connect,
    export,
    fold,
    ingest,
    outlet_of,
    parse_day,
    schema_version,
    sentence_around,
    table_counts,
)

TESTS = Path(__file__).resolve().parent.parent


def articles(path: Path) -> list[Article]:
    return [item for item in read_articles([path]) if isinstance(item, Article)]


# ---------------------------------------------------------------- pure helpers


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Sergueï  Choïgou", "serguei choigou"), ("KIM Jong-un", "kim jong un"), ("", ""), (None, "")],
)
def test_fold(text: str | None, expected: str) -> None:
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://www.lemonde.fr/a/b", "lemonde.fr"), ("http://Beta-Infos.fr", "beta-infos.fr"), (None, None), ("x", None)],
)
def test_outlet_of(url: str | None, expected: str | None) -> None:
    assert outlet_of(url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2023-08-31", date(2023, 8, 31)), ("2023-08-31T10:00:00+02:00", date(2023, 8, 31)), ("hier", None), (None, None)],
)
def test_parse_day(value: str | None, expected: date | None) -> None:
    assert parse_day(value) == expected


@pytest.mark.parametrize(
    ("text", "quoted", "expected"),
    [
        ("Il pleut. Elle a dit : « Nous partons. » Puis rien.", "Nous partons.", "Elle a dit : « Nous partons. »"),
        ("Premier paragraphe.\n« Tout va bien », dit-il.\nSuite.", "Tout va bien", "« Tout va bien », dit-il."),
    ],
)
def test_sentence_around(text: str, quoted: str, expected: str) -> None:
    start = text.index(quoted)
    assert sentence_around(text, start, start + len(quoted)) == expected


# ---------------------------------------------------------------- schema


def test_new_database_has_current_schema(tmp_path: Path) -> None:
    with connect(tmp_path / "kb.duckdb") as con:
        assert schema_version(con) == SCHEMA_VERSION
        assert set(table_counts(con)) == set(ALL_TABLES)


def test_older_database_is_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.store import schema  # where `migrate` reads SCHEMA_VERSION and MIGRATIONS

    path = tmp_path / "kb.duckdb"
    connect(path).close()

    def add_column(con: duckdb.DuckDBPyConnection) -> None:
        con.execute("ALTER TABLE articles ADD COLUMN section VARCHAR")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(schema.MIGRATIONS, SCHEMA_VERSION + 1, add_column)
    with connect(path) as con:
        assert schema_version(con) == SCHEMA_VERSION + 1
        assert "section" in [row[0] for row in con.execute("DESCRIBE articles").fetchall()]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kb.duckdb"
    with connect(path) as con:
        con.execute("INSERT INTO schema_version VALUES (?, current_timestamp)", [SCHEMA_VERSION + 1])
    with pytest.raises(StoreError, match="newer than this newsgraph"):
        connect(path)


def test_read_only_open_of_missing_or_foreign_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        connect(tmp_path / "absent.duckdb", read_only=True)
    duckdb.connect(str(tmp_path / "other.duckdb")).close()
    with pytest.raises(StoreError, match="not a newsgraph database"):
        connect(tmp_path / "other.duckdb", read_only=True)


# ---------------------------------------------------------------- ingest


def test_ingest_merges_entities_across_articles(kb_db: Path) -> None:
    with connect(kb_db, read_only=True) as con:
        counts = table_counts(con)
        putin = con.execute("SELECT article_count, mention_count, names FROM entities WHERE id = 'per:vladimir-poutine'")
        article_count, mention_count, names = putin.fetchone()
        ids = [row[0] for row in con.execute("SELECT id FROM entities").fetchall()]
    assert counts["articles"] == 6
    assert counts["quotes"] == 7
    assert len(ids) == len(set(ids))
    assert article_count == 3
    assert mention_count == 6
    assert json.loads(names) == ["Poutine", "Vladimir Poutine"]


def test_reingest_is_idempotent(tmp_path: Path, kb_articles: Path) -> None:
    path = build_db(tmp_path / "kb.duckdb")
    with connect(path) as con:
        before = snapshot(con)
        report = ingest(read_articles([kb_articles]), con, analyzer=fake_analyze, batch_size=2)
        assert (report.stored, report.unchanged) == (0, 6)
        assert snapshot(con) == before


def test_reanalyze_replaces_stored_articles(tmp_path: Path, kb_articles: Path) -> None:
    path = build_db(tmp_path / "kb.duckdb")
    with connect(path) as con:
        before = snapshot(con)
        report = ingest(read_articles([kb_articles]), con, analyzer=fake_analyze, reanalyze=True)
        assert (report.stored, report.replaced, report.unchanged) == (6, 6, 0)
        assert snapshot(con) == before


def test_changed_article_is_replaced(tmp_path: Path, kb_articles: Path) -> None:
    path = build_db(tmp_path / "kb.duckdb")
    changed = tmp_path / "changed.jsonl"
    lines = kb_articles.read_text(encoding="utf-8").splitlines()
    item = json.loads(lines[5])  # kb-006, the only article naming Choïgou with "Choïgou" alone
    item["text"] = "Kim Jong-un a promis une aide militaire à la Russie.\n\nAucune date n'a été donnée."
    changed.write_text(json.dumps(item, ensure_ascii=False) + "\n", encoding="utf-8")
    with connect(path) as con:
        report = ingest(read_articles([changed]), con, analyzer=fake_analyze)
        assert (report.stored, report.replaced) == (1, 1)
        assert con.execute("SELECT count(*) FROM articles WHERE id = 'kb-006'").fetchone() == (1,)
        assert con.execute("SELECT count(*) FROM quotes WHERE article_id = 'kb-006'").fetchone() == (0,)
        choigou = con.execute("SELECT article_count, names FROM entities WHERE id = 'per:serguei-choigou'").fetchone()
        assert choigou[0] == 1
        assert "Choïgou" not in json.loads(choigou[1])
        event = con.execute("SELECT target_entity FROM events WHERE article_id = 'kb-006'").fetchone()
        assert event == ("gpe:russie",)


def test_entity_left_by_every_article_disappears(tmp_path: Path) -> None:
    path = tmp_path / "kb.duckdb"
    first = Article("one", "Emmanuel Macron a parlé.")
    with connect(path) as con:
        ingest([first], con, analyzer=fake_analyze)
        ingest([replace(first, text="Personne n'a parlé.")], con, analyzer=fake_analyze)
        assert con.execute("SELECT count(*) FROM entities").fetchone() == (0,)


def test_failures_are_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "kb.duckdb"
    for _ in range(2):
        with connect(path) as con:
            report = ingest(read_articles([KB_DATA / "broken.jsonl"]), con, analyzer=fake_analyze)
    with connect(path, read_only=True) as con:
        failures = con.execute("SELECT source, reason FROM failures ORDER BY source").fetchall()
        assert table_counts(con)["articles"] == 1
    assert report.failed == 2
    assert [source.rsplit(":", 1)[1] for source, _ in failures] == ["2", "3"]
    assert "malformed JSON" in failures[0][1]


def test_duplicate_id_in_one_run_keeps_the_last(tmp_path: Path) -> None:
    older, newer = Article("same", "Poutine a parlé."), Article("same", "Zelensky a parlé.")
    with connect(tmp_path / "kb.duckdb") as con:
        ingest([older, newer], con, analyzer=fake_analyze, batch_size=10)
        assert con.execute("SELECT text FROM articles").fetchall() == [("Zelensky a parlé.",)]
        assert con.execute("SELECT id FROM entities").fetchall() == [("per:volodymyr-zelensky",)]


# ---------------------------------------------------------------- crash, interrupt, resume


def failing_analyzer(after: int) -> object:
    def analyze(items: Iterable[Article]) -> Iterator[Analysis]:
        for count, article in enumerate(items):
            if count == after:
                raise RuntimeError("analysis crashed")
            yield analysis_of(article)

    return analyze


def test_error_mid_batch_then_resume_equals_clean_run(tmp_path: Path, kb_articles: Path) -> None:
    clean = build_db(tmp_path / "clean.duckdb")
    path = tmp_path / "crashed.duckdb"
    with connect(path) as con:
        with pytest.raises(RuntimeError, match="analysis crashed"):
            ingest(read_articles([kb_articles]), con, analyzer=failing_analyzer(after=3), batch_size=2)
        assert table_counts(con)["articles"] == 2  # the first batch only: the second was rolled back
        report = ingest(read_articles([kb_articles]), con, analyzer=fake_analyze, batch_size=2)
        assert (report.stored, report.unchanged) == (4, 2)
        resumed = snapshot(con)
    with connect(clean, read_only=True) as con:
        assert resumed == snapshot(con)


KILLER = """
import os, signal, sys
from newsgraph.ingest import read_articles
from newsgraph.store import connect, ingest
from kb_corpus import analysis_of

def analyze(items):
    for count, article in enumerate(items):
        if count == 3:  # in the middle of the second batch of two
            os.kill(os.getpid(), signal.SIGKILL)
        yield analysis_of(article)

con = connect(sys.argv[1])
ingest(read_articles([sys.argv[2]]), con, analyzer=analyze, batch_size=2)
"""


def test_killed_process_then_resume_equals_clean_run(tmp_path: Path, kb_articles: Path) -> None:
    clean = build_db(tmp_path / "clean.duckdb")
    path = tmp_path / "killed.duckdb"
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    done = subprocess.run([sys.executable, "-c", KILLER, str(path), str(kb_articles)], env=env, timeout=120)
    assert done.returncode == -signal.SIGKILL
    with connect(path) as con:
        assert table_counts(con)["articles"] == 2
        ingest(read_articles([kb_articles]), con, analyzer=fake_analyze, batch_size=2)
        resumed = snapshot(con)
    with connect(clean, read_only=True) as con:
        assert resumed == snapshot(con)


def test_ctrl_c_stops_after_the_current_batch(tmp_path: Path, kb_articles: Path) -> None:
    def interrupting(items: Iterable[Article]) -> Iterator[Analysis]:
        for count, article in enumerate(items):
            if count == 2:  # first article of the second batch
                signal.raise_signal(signal.SIGINT)
            yield analysis_of(article)

    with connect(tmp_path / "kb.duckdb") as con, GracefulStop() as stop:
        report = ingest(read_articles([kb_articles]), con, analyzer=interrupting, batch_size=2, should_stop=stop)
        assert report.interrupted
        assert table_counts(con)["articles"] == 4
        report = ingest(read_articles([kb_articles]), con, analyzer=fake_analyze, batch_size=2)
        assert (report.stored, report.unchanged) == (2, 4)


# ---------------------------------------------------------------- concurrency


def test_reading_while_ingesting_sees_whole_batches(tmp_path: Path, kb_articles: Path) -> None:
    def slow(items: Iterable[Article]) -> Iterator[Analysis]:
        for article in items:
            time.sleep(0.05)
            yield analysis_of(article)

    con = connect(tmp_path / "kb.duckdb")
    writer = threading.Thread(target=ingest, args=(read_articles([kb_articles]), con),
                              kwargs={"analyzer": slow, "batch_size": 2})
    reader = con.cursor()
    seen: list[tuple[int, int]] = []
    writer.start()
    while writer.is_alive():
        seen.append(reader.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes)").fetchone())
        time.sleep(0.01)
    writer.join()
    reader.close()
    con.close()
    articles_seen = [count for count, _ in seen]
    assert articles_seen == sorted(articles_seen)
    assert all(count % 2 == 0 for count in articles_seen)
    assert len(set(articles_seen)) > 1


HOLDER = """
import sys, time
from newsgraph.store import connect
con = connect(sys.argv[1])
print("open", flush=True)
time.sleep(30)
"""


def test_second_writer_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "kb.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="in use by another process"):
            connect(path)
    finally:
        holder.kill()
        holder.wait()


# ---------------------------------------------------------------- export


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_writes_one_file_per_table(kb_db: Path, tmp_path: Path, fmt: str) -> None:
    with connect(kb_db, read_only=True) as con:
        written = export(con, tmp_path / "out", fmt=fmt)
        counts = table_counts(con)
    assert sorted(path.name for path in written) == sorted(f"{table}.{fmt}" for table in ALL_TABLES)
    for table, columns in ALL_TABLES.items():
        target = tmp_path / "out" / f"{table}.{fmt}"
        if fmt == "jsonl":
            rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
            assert all(list(row) == [column.name for column in columns] for row in rows)
            assert len(rows) == counts[table]
            continue
        relation = duckdb.read_parquet(str(target)) if fmt == "parquet" else duckdb.read_csv(str(target))
        assert relation.columns == [column.name for column in columns]
        assert len(relation.fetchall()) == counts[table]


@pytest.mark.model
def test_ingest_stores_what_analyze_returns(nlp: object, tmp_path: Path, shared: Path) -> None:
    from newsgraph.analyze import analyze

    seed = shared / "data" / "seed" / "kim-putin-2023-08.txt"
    [expected] = list(analyze(articles(seed), nlp=nlp))  # type: ignore[arg-type]
    with connect(tmp_path / "kb.duckdb") as con:
        ingest(read_articles([seed]), con, analyzer=partial(analyze, nlp=nlp))
        stored = table_counts(con)
        text = con.execute("SELECT text FROM articles").fetchone()[0]
    assert text == expected.text
    assert stored["article_entities"] == len({entity.id for entity in expected.entities}) > 0
    assert stored["mentions"] == sum(len(entity.mentions) for entity in expected.entities)
    assert (stored["quotes"], stored["events"]) == (len(expected.quotes), len(expected.events))
