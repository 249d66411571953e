"""`newsgraph analyze` end to end: formats, exit codes, workers, bad inputs."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
pytestmark = pytest.mark.model


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(cli, list(args), input=input)
    return result


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_analyze_examples_writes_one_record_per_article(nlp):
    result = run("analyze", str(EXAMPLES), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    found = records(result.stdout)
    assert len(found) == 8
    for record in found:
        assert set(record) >= {"id", "url", "title", "date", "language", "text", "entities", "quotes", "events", "warnings"}
        for entity in record["entities"]:
            for mention in entity["mentions"]:
                assert record["text"][mention["start"] : mention["end"]] == mention["text"]
        for quote in record["quotes"]:
            assert record["text"][quote["start"] : quote["end"]] == quote["text"]


def test_non_french_article_gets_a_warning_not_a_crash(nlp):
    result = run("analyze", str(EXAMPLES / "depeches.jsonl"))
    english = next(r for r in records(result.stdout) if r["id"] == "english-wire")
    assert english["language"] == "en"
    assert english["entities"] == [] and english["quotes"] == [] and english["events"] == []
    assert any("not supported" in w for w in english["warnings"])


def test_output_file_and_pretty_format(nlp, tmp_path):
    output = tmp_path / "out.jsonl"
    assert run("analyze", str(EXAMPLES / "sommet-berlin.txt"), "-o", str(output)).exit_code == 0
    [record] = records(output.read_text(encoding="utf-8"))
    assert record["id"] == "sommet-berlin" and record["date"] == "2024-03"
    pretty = run("analyze", str(EXAMPLES / "sommet-berlin.txt"), "--format", "pretty")
    assert pretty.exit_code == 0 and "Entities" in pretty.stdout and "Quotes" in pretty.stdout


def test_stdin_input(nlp):
    result = run("analyze", "-", input="Le maire de Lille a annoncé lundi la fermeture du musée pour travaux.")
    assert result.exit_code == 0
    assert records(result.stdout)[0]["id"] == "stdin"


def test_bad_inputs_are_reported_and_skipped_with_exit_code_1(nlp, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff" * 50)
    (tmp_path / "bad.jsonl").write_text('{"id": "ok", "text": "Le maire a annoncé la fermeture du musée."}\n{nope\n')
    (tmp_path / "good.txt").write_text("Le préfet a annoncé mardi la réouverture de la route départementale.")
    result = run("analyze", str(tmp_path))
    assert result.exit_code == 1
    assert sorted(r["id"] for r in records(result.stdout)) == ["good", "ok"]
    assert "empty.txt" in result.stderr and "binary.txt" in result.stderr and "bad.jsonl:2" in result.stderr


def test_usage_errors_exit_2():
    assert run("analyze").exit_code == 2
    assert run("analyze", "x.txt", "--workers", "0").exit_code == 2
    assert run("analyze", "x.txt", "--format", "xml").exit_code == 2


def test_two_workers_give_the_same_records_in_the_same_order(nlp):
    one = run("analyze", str(EXAMPLES), "--workers", "1")
    two = run("analyze", str(EXAMPLES), "--workers", "2")
    assert one.exit_code == two.exit_code == 0
    assert records(one.stdout) == records(two.stdout)


def test_analyze_limit_keeps_the_first_articles(nlp):
    everything = [record["id"] for record in records(run("analyze", str(EXAMPLES), "--format", "jsonl").stdout)]
    result = run("analyze", str(EXAMPLES), "--format", "jsonl", "--limit", "3")
    assert result.exit_code == 0, result.output
    assert [record["id"] for record in records(result.stdout)] == everything[:3]
    assert run("analyze", str(EXAMPLES), "--limit", "0").exit_code == 2


def test_pretty_events_one_row_each_with_mode_trigger_and_reporter(nlp):
    result = run("analyze", str(EXAMPLES / "sommet-berlin.txt"), "--format", "pretty")
    record = records(run("analyze", str(EXAMPLES / "sommet-berlin.txt"), "--format", "jsonl").stdout)[0]
    events = result.stdout.split("Events (", 1)[1]
    header = events.splitlines()[2]
    assert {"type", "mode", "trigger", "reported_by"} <= set(header.replace("┃", " ").split())
    assert all(event["trigger"] in events for event in record["events"])
    assert record["events"][0]["text"][:40] not in events  # the sentence is not repeated per event
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
