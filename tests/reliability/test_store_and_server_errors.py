"""Reliability round 2 (issue 17): a bad --db is a message, the server bounds its queries and sends security headers."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result
from fake_cli import fake_pipeline_analyzer

from newsgraph import query, store
from newsgraph.api import create_app
from newsgraph.cli import cli

with warnings.catch_warnings():  # recent Starlette prefers httpx2 for its test client; httpx still works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SENTENCE = "Le conseil municipal a voté mardi soir le budget de la ville, après trois heures de débat. "


@pytest.fixture()
def ingest(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[object]:
    """`newsgraph ingest` in this process with the fake analyzer, on a good text file: call it with the --db."""
    monkeypatch.setattr(store, "pipeline_analyzer", fake_pipeline_analyzer)
    article = tmp_path / "good.txt"
    article.write_text(SENTENCE, encoding="utf-8")

    def run(db: Path, *paths: Path) -> Result:
        return CliRunner().invoke(cli, ["ingest", *(str(path) for path in paths or [article]), "--db", str(db)])

    yield run


def failed_cleanly(result: Result, message: str) -> None:
    """Exit code 1 with `message` on stderr, and no traceback."""
    assert isinstance(result.exception, SystemExit) and result.exit_code == 1, repr(result.exception)
    assert message in result.stderr and "Traceback" not in result.stderr, result.stderr


# ---------------------------------------------------------------- --db


def test_db_in_a_missing_folder_is_a_message(ingest: object, tmp_path: Path) -> None:
    db = tmp_path / "absent" / "kb.duckdb"
    failed_cleanly(ingest(db), f"cannot create {db}: {db.parent} does not exist")  # type: ignore[operator]


def read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot create files in (as root, chmod does not stop it: /sys does)."""
    if os.geteuid() != 0:
        folder = tmp_path / "read-only"
        folder.mkdir()
        folder.chmod(0o555)
        return folder
    if not Path("/sys").is_dir():
        pytest.skip("running as root without /sys: no read-only folder to try")
    return Path("/sys")


def test_db_in_a_read_only_folder_is_a_message(ingest: object, tmp_path: Path) -> None:
    db = read_only_folder(tmp_path) / "newsgraph-test.duckdb"
    failed_cleanly(ingest(db), f"cannot create the lock file {db}.ingest.lock beside the database")  # type: ignore[operator]


def test_duckdb_file_of_another_program_is_refused_and_left_alone(ingest: object, tmp_path: Path) -> None:
    db = tmp_path / "other.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE articles (code INTEGER, label VARCHAR)")
        con.execute("INSERT INTO articles VALUES (1, 'theirs')")
    failed_cleanly(ingest(db), f"{db} is a DuckDB database made by another program (tables: articles)")  # type: ignore[operator]
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        assert tables == ["articles"] and con.execute("SELECT * FROM articles").fetchall() == [(1, "theirs")]


def test_file_that_is_not_a_database_is_a_message(ingest: object, tmp_path: Path) -> None:
    db = tmp_path / "notes.duckdb"
    db.write_text("not a database\n" * 100, encoding="utf-8")
    failed_cleanly(ingest(db), f"cannot open {db}")  # type: ignore[operator]


def test_summary_counts_a_repeated_id_once(ingest: object, tmp_path: Path) -> None:
    dump = tmp_path / "dump.jsonl"
    lines = [{"id": "a", "text": SENTENCE}, {"id": "b", "text": SENTENCE + "Deux."}, {"id": "a", "text": SENTENCE + "Trois."}]
    dump.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    db = tmp_path / "kb.duckdb"
    result = ingest(db, dump)  # type: ignore[operator]
    assert result.exit_code == 0, result.stderr
    assert "newsgraph: 2 article(s) stored (0 replaced)" in result.stderr
    assert "1 article(s) repeated the id of an earlier one; the last was kept" in result.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT id, text FROM articles ORDER BY id").fetchall() == [
            ("a", SENTENCE + "Trois."), ("b", SENTENCE + "Deux.")]


# ---------------------------------------------------------------- the server


@pytest.fixture(scope="module")
def client(kb_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(kb_db)) as test_client:
        yield test_client


@pytest.mark.parametrize(("path", "name"), [("/api/quotes", "speaker"), ("/api/quotes", "text"),
                                            ("/api/events", "source"), ("/api/events", "target"),
                                            ("/api/entities", "name"), ("/quotes", "speaker")])
def test_thousands_of_words_are_refused_at_once(client: TestClient, path: str, name: str) -> None:
    words = " ".join(f"mot{number}" for number in range(3_000))  # the red-team request: 17 s, 4.9 GB
    started = time.perf_counter()
    response = client.get(path, params={name: words})
    assert response.status_code in (400, 422) and name in response.text
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(("path", "name"), [("/api/quotes", "speaker"), ("/api/events", "source")])
def test_words_are_limited_per_parameter(client: TestClient, path: str, name: str) -> None:
    many = " ".join("abcdefghijklmnopqrstuvwxyz"[: query.MAX_WORDS + 1])
    response = client.get(path, params={name: many})
    assert response.status_code == 400
    assert response.json()["detail"].startswith(f"{name}: {query.MAX_WORDS + 1} different words, at most")
    repeated = " ".join(["poutine"] * 50)  # the same word again adds nothing
    assert client.get(path, params={name: repeated}).status_code == 200


PAGES = ["/", "/quotes?speaker=poutine", "/actors", "/actors/per:vladimir-poutine", "/graph", "/articles/kb-001",
         "/articles/absent", "/quotes?since=hier"]


@pytest.mark.parametrize("path", [*PAGES, "/api/summary", "/static/app.css", "/vendor/plotly.min.js"])
def test_every_response_has_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


@pytest.mark.parametrize("path", PAGES)
def test_the_policy_allows_every_inline_script_of_the_pages(client: TestClient, path: str) -> None:
    response = client.get(path)
    policy = response.headers["content-security-policy"]
    script_sources = re.search(r"script-src ([^;]+)", policy).group(1).split()  # type: ignore[union-attr]
    assert "'unsafe-inline'" not in script_sources
    for body in re.findall(r"<script>(.*?)</script>", response.text, re.DOTALL):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in script_sources, body
    for source in re.findall(r"<script[^>]* src=\"([^\"]+)\"", response.text):
        assert source.startswith("/"), source  # served here: 'self'


@pytest.mark.parametrize("path", ["/", "/actors/per:vladimir-poutine", "/api/summary", "/articles/absent",
                                  "/static/app.css"])
def test_head_is_answered_like_get(client: TestClient, path: str) -> None:
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code != 405
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-security-policy"] == get.headers["content-security-policy"]
