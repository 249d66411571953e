"""Crash safety of `newsgraph ingest` in real processes: SIGKILL at random moments, Ctrl-C, twice Ctrl-C.

After any of them, running the same command again ends with the database of a clean run:
no article lost, none stored twice, the failures table the same.
"""
from __future__ import annotations

import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest
from conftest import run_cli, start_cli, wait_until, write_corpus
from kb_corpus import KB_DATA, build_db, snapshot

from newsgraph.store import StoreError, connect, ingest_running, table_counts

BATCH = 4


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """42 articles in a folder, with a JSONL file holding broken lines (failures are stored too)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_corpus(folder / "articles.jsonl", copies=7)
    shutil.copy(KB_DATA / "broken.jsonl", folder / "broken.jsonl")
    return folder


def ingest_args(corpus: Path, db: Path) -> list[str]:
    return ["ingest", str(corpus), "--db", str(db), "--batch-size", str(BATCH)]


def clean_snapshot(tmp_path: Path, corpus: Path) -> dict[str, list[tuple[object, ...]]]:
    path = build_db(tmp_path / "clean.duckdb", [corpus], batch_size=BATCH)
    with connect(path, read_only=True) as con:
        return snapshot(con)


def resume_and_snapshot(corpus: Path, db: Path) -> dict[str, list[tuple[object, ...]]]:
    done = run_cli(*ingest_args(corpus, db))
    assert done.returncode == 1, done.stderr  # 1: the broken lines of broken.jsonl are reported
    with connect(db, read_only=True) as con:
        return snapshot(con)


def stored_articles(db: Path) -> int:
    with connect(db, read_only=True, wait=30) as con:
        return table_counts(con)["articles"]


def stored_articles_if_any(db: Path) -> int:
    """Articles stored, 0 if killed before the schema was committed (the file may exist, empty)."""
    try:
        return stored_articles(db)
    except StoreError as error:
        assert "no such database" in str(error) or "not a newsgraph database" in str(error)
        return 0


def test_ctrl_c_stops_after_the_current_batch_then_resumes(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "kb.duckdb"
    process = start_cli(*ingest_args(corpus, db), delay=0.1)
    wait_until(lambda: db.exists() and stored_articles(db) >= BATCH, timeout=120, what="a first batch")
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 130, errors
    assert "interrupted; run the same command again to resume" in errors
    stopped_at = stored_articles(db)
    assert stopped_at % BATCH == 0 and BATCH <= stopped_at < 42
    assert not ingest_running(db)
    assert resume_and_snapshot(corpus, db) == clean_snapshot(tmp_path, corpus)


def test_second_ctrl_c_aborts_the_batch_and_loses_nothing_committed(tmp_path: Path, corpus: Path) -> None:
    db = tmp_path / "kb.duckdb"
    process = start_cli(*ingest_args(corpus, db), delay=0.2)
    wait_until(lambda: db.exists() and stored_articles(db) >= BATCH, timeout=120, what="a first batch")
    process.send_signal(signal.SIGINT)
    time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=120)
    assert process.returncode not in (0, 130), errors  # aborted, not a clean stop
    assert stored_articles(db) % BATCH == 0
    assert resume_and_snapshot(corpus, db) == clean_snapshot(tmp_path, corpus)


def recorded_files(db: Path) -> dict[str, tuple[int, int, int]]:
    """Each input file recorded as read in full: (articles it had, failures, its articles stored now)."""
    try:
        con_context = connect(db, read_only=True, wait=30)
    except StoreError:  # killed before the schema was committed
        return {}
    with con_context as con:
        rows = con.execute(
            "SELECT f.path, f.articles, f.failures, (SELECT count(*) FROM articles a WHERE a.source = f.path "
            "OR starts_with(a.source, f.path || ':') OR starts_with(a.source, f.path || '#')) FROM ingested_files f"
        ).fetchall()
    return {Path(path).name: (articles, failures, stored) for path, articles, failures, stored in rows}


def kill_at_random_moments(tmp_path: Path, corpus: Path, *, rounds: int, seed: int) -> list[tuple[float, int]]:
    """Kill an ingest `rounds` times at random moments of its run, resuming each time; return (moment, stored)."""
    chooser = random.Random(seed)
    started = time.monotonic()
    run_cli(*ingest_args(corpus, tmp_path / "timing.duckdb"))
    duration = time.monotonic() - started
    expected = clean_snapshot(tmp_path, corpus)
    history = []
    for round_number in range(rounds):
        db = tmp_path / f"killed-{round_number}.duckdb"
        moment = chooser.uniform(0, duration)
        process = start_cli(*ingest_args(corpus, db))
        time.sleep(moment)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
        stored = stored_articles_if_any(db)
        history.append((round(moment, 3), stored))
        # a file is recorded as read in full only once all its articles are stored
        assert all(whole == stored for whole, _, stored in recorded_files(db).values()), (seed, moment)
        assert resume_and_snapshot(corpus, db) == expected, f"seed {seed}, round {round_number}, killed at {moment:.3f} s"
        assert recorded_files(db) == {"articles.jsonl": (42, 0, 42), "broken.jsonl": (1, 2, 1)}, (seed, moment)
    return history


def test_sigkill_at_one_random_moment_then_rerun_equals_clean_run(tmp_path: Path, corpus: Path) -> None:
    kill_at_random_moments(tmp_path, corpus, rounds=1, seed=random.randrange(1 << 30))


@pytest.mark.slow
def test_sigkill_at_many_random_moments_then_rerun_equals_clean_run(tmp_path: Path, corpus: Path) -> None:
    seed = int(os.environ.get("NEWSGRAPH_CRASH_SEED", random.randrange(1 << 30)))
    rounds = int(os.environ.get("NEWSGRAPH_CRASH_ROUNDS", "25"))
    history = kill_at_random_moments(tmp_path, corpus, rounds=rounds, seed=seed)
    # the kills must have landed all along the run, not only before the first or after the last commit
    assert len({stored for _, stored in history}) >= 3, history
    print(f"seed {seed}: (kill moment in s, articles stored when killed) {history}")
