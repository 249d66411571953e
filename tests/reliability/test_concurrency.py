"""Concurrent use across real processes: the API reads while an ingest writes; two ingests never mix."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from conftest import run_cli, start_cli, wait_until, write_corpus
from kb_corpus import build_db, fake_analyze, snapshot

from newsgraph.api import create_app
from newsgraph.ingest import read_articles
from newsgraph.store import StoreBusy, connect, ingest, ingest_lock, ingest_running

BATCH = 3


def clean_db(tmp_path: Path, corpus: Path) -> Path:
    return build_db(tmp_path / "clean.duckdb", [corpus], batch_size=BATCH)


def assert_same_database(path: Path, expected: Path) -> None:
    with connect(path, read_only=True) as con:
        got = snapshot(con)
    with connect(expected, read_only=True) as con:
        assert got == snapshot(con)


def test_api_serves_reads_while_an_ingest_writes(tmp_path: Path, server: object) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", copies=5)  # 30 articles, 10 batches
    db = tmp_path / "kb.duckdb"
    connect(db).close()
    url = server(db)  # type: ignore[operator]
    writer = start_cli("ingest", str(corpus), "--db", str(db), "--batch-size", str(BATCH), delay=0.1)
    seen: list[tuple[int, int]] = []  # (status, articles)
    pages: list[int] = []
    with httpx.Client(base_url=url, timeout=30) as client:
        while writer.poll() is None:
            summary = client.get("/api/summary")
            seen.append((summary.status_code, summary.json().get("articles", -1)))
            pages.append(client.get("/quotes", params={"speaker": "poutine"}).status_code)
        final = client.get("/api/summary").json()["articles"]
    _, errors = writer.communicate()
    assert writer.returncode == 0, errors
    assert {status for status, _ in seen} == {200} and set(pages) == {200}
    counts = [count for _, count in seen]
    assert counts == sorted(counts), "a reader saw the corpus shrink"
    assert all(count % BATCH == 0 for count in counts), "a reader saw part of a batch"
    assert len({count for count in counts if 0 < count < 30}) >= 2, "no read happened during the ingest"
    assert final == 30
    assert_same_database(db, clean_db(tmp_path, corpus))


def test_second_ingest_fails_clearly_then_one_that_waits_succeeds(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", copies=3)  # 18 articles
    db = tmp_path / "kb.duckdb"
    gate = tmp_path / "gate"  # the first ingest holds its first article until the second command has run
    first = start_cli("ingest", str(corpus), "--db", str(db), "--batch-size", str(BATCH), delay=0.6, gate=gate)
    wait_until(lambda: ingest_running(db), timeout=60, what="the first ingest to start")
    second = run_cli("ingest", str(corpus), "--db", str(db))
    gate.touch()
    assert second.returncode == 1
    assert "is being ingested by pid" in second.stderr and "--wait" in second.stderr
    waiting = run_cli("ingest", str(corpus), "--db", str(db), "--wait", "120")
    _, errors = first.communicate(timeout=120)
    assert first.returncode == 0, errors
    assert waiting.returncode == 0, waiting.stderr
    assert "0 article(s) stored" in waiting.stderr and "18 unchanged" in waiting.stderr
    assert_same_database(db, clean_db(tmp_path, corpus))


def test_ingest_lock_is_released_by_a_killed_process(tmp_path: Path) -> None:
    db = tmp_path / "kb.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_INGEST_LOCK, str(db)], stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    assert ingest_running(db)
    with pytest.raises(StoreBusy, match="is being ingested by pid"):
        with ingest_lock(db):
            pass
    holder.kill()
    holder.wait()
    assert not ingest_running(db)
    with ingest_lock(db):
        assert ingest_running(db)
    assert not ingest_running(db)


HOLD_INGEST_LOCK = """
import sys, time
from newsgraph.store import ingest_lock
with ingest_lock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(60)
"""

HOLD_WRITER = """
import sys, time
from newsgraph.store import connect
con = connect(sys.argv[1], wait=60)
print("open", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_api_answers_503_while_another_process_holds_the_file(kb_db: Path, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    db = tmp_path / "kb.duckdb"
    db.write_bytes(kb_db.read_bytes())
    app = create_app(db)
    app.state.readers.wait = 0.5
    with TestClient(app) as client:
        assert client.get("/api/summary").status_code == 200
        holder = subprocess.Popen([sys.executable, "-c", HOLD_WRITER, str(db), "6"], stdout=subprocess.PIPE, text=True)
        try:
            # the shared read connection is closed once idle; then the writer gets the file
            assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
            busy = client.get("/api/quotes")
            assert busy.status_code == 503
            assert busy.headers["retry-after"] and "being written" in busy.json()["detail"]
            page = client.get("/quotes")
            assert page.status_code == 503 and "text/html" in page.headers["content-type"]
        finally:
            holder.wait(timeout=60)
        assert client.get("/api/summary").status_code == 200


def test_readers_do_not_keep_an_ingest_out(tmp_path: Path, kb_articles: Path) -> None:
    """A reader polling in a loop the whole time: every batch still gets written."""
    db = tmp_path / "kb.duckdb"
    connect(db).close()
    reader = subprocess.Popen([sys.executable, "-c", POLL_FOR_SECONDS, str(db), "8"], stdout=subprocess.PIPE, text=True)
    assert reader.stdout is not None and reader.stdout.readline().strip() == "reading"
    report = ingest(read_articles([kb_articles]), db, analyzer=fake_analyze, batch_size=1, write_wait=30)
    assert report.stored == 6
    reader.wait(timeout=60)
    assert reader.returncode == 0
    with connect(db, read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (6,)


POLL_FOR_SECONDS = """
import sys, time
from newsgraph.store import Readers
readers = Readers(sys.argv[1], wait=30)
print("reading", flush=True)
end = time.monotonic() + float(sys.argv[2])
while time.monotonic() < end:
    with readers.connection() as con:
        con.execute("SELECT count(*) FROM articles").fetchone()
readers.close()
"""
