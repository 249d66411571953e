"""Tests of the evaluation: our scorer on tiny gold written here, and parity with the official scorer."""
from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from newsgraph.evaluate import (
    coverage,
    format_table,
    located,
    name_tokens,
    one_to_one,
    read_system,
    same_actor,
    same_speaker,
    score,
)

ARTICLE = (
    "AFP, publié le lundi 3 mars 2025 à 10h00\n"
    "Le maire de Trouville, Anne Durand, a annoncé que la digue serait rehaussée avant l'hiver.\n"
    "« Nous ne laisserons pas la mer gagner », a-t-elle déclaré devant le conseil municipal.\n"
    "Selon la préfecture, les travaux coûteront deux millions d'euros.\n"
    "Des habitants ont manifesté samedi contre la fermeture de la plage."
)
GOLD = {
    "id": "tiny-1",
    "quotes": [
        {"quote": "la digue serait rehaussée avant l'hiver", "type": "indirect", "cue": "a annoncé",
         "speaker": "Anne Durand", "speaker_mention": "Anne Durand", "speaker_kind": "person"},
        {"quote": "Nous ne laisserons pas la mer gagner", "type": "direct", "cue": "a-t-elle déclaré",
         "speaker": "Anne Durand", "speaker_mention": "elle", "speaker_kind": "person"},
        {"quote": "les travaux coûteront deux millions d'euros", "type": "indirect", "cue": "Selon",
         "speaker": "la préfecture", "speaker_mention": "la préfecture", "speaker_kind": "organization",
         "doubtful": True},
    ],
    "people": [{"name": "Anne Durand", "mentions": ["Anne Durand"], "role": "maire de Trouville"}],
}
EVENTS = {
    "id": "tiny-1",
    "events": [
        {"sentence": "Des habitants ont manifesté samedi contre la fermeture de la plage.", "trigger": "manifesté",
         "type": "PROTEST", "source": {"name": "des habitants", "country": "FRA"}, "target": None,
         "mode": "asserted"},
    ],
}


@pytest.fixture()
def tiny_gold(tmp_path: Path) -> Path:
    """A gold folder of one article written for these tests."""
    (tmp_path / "tiny-1.json").write_text(json.dumps({"id": "tiny-1", "text": ARTICLE}), encoding="utf-8")
    (tmp_path / "tiny-1.gold.json").write_text(json.dumps(GOLD), encoding="utf-8")
    (tmp_path / "tiny-1.events.json").write_text(json.dumps(EVENTS), encoding="utf-8")
    return tmp_path


def quote(text: str, *, type_: str = "direct", speaker: str | None = None) -> dict[str, Any]:
    """A predicted quote in the system format."""
    return {"text": text, "type": type_, "speaker": {"name": speaker} if speaker else None}


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("Nous ne laisserons pas la mer gagner", "Nous ne laisserons pas la mer gagner", 1.0),
        ("Nous ne laisserons pas la mer gagner", "« Nous ne laisserons pas la mer gagner »", 1.0),
        ("Nous ne laisserons pas la mer gagner", "Nous ne laisserons", 18 / 36),
        ("Nous ne laisserons pas la mer gagner", "la digue serait rehaussée", 0.0),
        ("Nous ne laisserons pas la mer gagner", "", 0.0),
        # not in the article: common blocks of 5+ characters
        ("Nous ne laisserons pas la mer gagner", "nous ne laisserons jamais", 19 / 36),
    ],
)
def test_coverage(gold: str, predicted: str, expected: float) -> None:
    from newsgraph.evaluate import normalize

    assert coverage(gold, predicted, normalize(ARTICLE)) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("predicted", "expected"),
    [
        ("ont manifesté samedi", 1.0),
        ("Des habitants ont manifesté samedi contre la fermeture de la plage.", 1.0),
        ("Selon la préfecture, les travaux coûteront", 0.0),
        ("ont manifesté samedi à Paris", 21 / 28),  # not in the article: blocks inside the sentence
    ],
)
def test_located(predicted: str, expected: float) -> None:
    from newsgraph.evaluate import normalize

    sentence = EVENTS["events"][0]["sentence"]
    assert located(predicted, sentence, normalize(ARTICLE)) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("M. Sergueï Choïgou", ["serguei", "choigou"]), ("la préfecture", ["prefecture"]), ("L’État", ["etat"])],
)
def test_name_tokens(text: str, expected: list[str]) -> None:
    assert name_tokens(text) == expected


@pytest.mark.parametrize(
    ("gold_quote", "predicted", "expected"),
    [
        (GOLD["quotes"][0], "Anne Durand", True),
        (GOLD["quotes"][0], "Mme Durand", True),  # the surname is enough
        (GOLD["quotes"][0], "Anne", False),
        (GOLD["quotes"][0], None, False),
        (GOLD["quotes"][2], "préfecture", True),
        (GOLD["quotes"][2], "la mairie", False),
        ({**GOLD["quotes"][0], "speaker": None}, "Anne Durand", None),
    ],
)
def test_same_speaker(gold_quote: dict[str, Any], predicted: str | None, expected: bool | None) -> None:
    assert same_speaker(gold_quote, predicted, GOLD["people"]) is expected


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        (None, {"name": "n'importe qui"}, True),
        ({"name": "le Kremlin", "country": "RUS"}, {"name": "Moscou", "country": "RUS"}, True),
        ({"name": "le Kremlin", "country": "RUS"}, {"name": "le Kremlin", "country": "UKR"}, False),
        ({"name": "la police", "country": "FRA"}, {"name": "la police"}, True),
        ({"name": "la police", "country": "FRA"}, None, False),
    ],
)
def test_same_actor(gold: dict[str, Any] | None, predicted: dict[str, Any] | None, expected: bool) -> None:
    assert same_actor(gold, predicted) is expected


def test_one_to_one_takes_best_first() -> None:
    assert one_to_one([(0.5, 0, 0), (0.9, 0, 1), (0.8, 1, 1), (0.4, 1, 0)]) == [(0, 1), (1, 0)]


def test_perfect_prediction(tiny_gold: Path) -> None:
    system = {"tiny-1": {
        "quotes": [quote(GOLD["quotes"][0]["quote"], type_="indirect", speaker="Anne Durand"),
                   quote(GOLD["quotes"][1]["quote"], speaker="Durand")],
        "entities": [{"name": "Anne Durand", "type": "PER"}, {"name": "Trouville", "type": "LOC"}],
        "events": [{"type": "PROTEST", "text": "ont manifesté", "mode": "asserted",
                    "source": {"name": "habitants", "country": "FRA"}, "target": None}],
    }}
    result = score(tiny_gold, system)
    for key in ("quote_f30", "quote_f80", "type_accuracy", "speaker_accuracy", "people_f", "event_f",
                "event_actor_f", "event_mode_accuracy"):
        assert result[key] == 1.0, key
    assert result["recall_by_type"] == {"direct": 1.0, "indirect": 1.0, "mixed": None}


def test_partial_prediction(tiny_gold: Path) -> None:
    system = {"tiny-1": {
        "quotes": [
            quote("Nous ne laisserons pas", speaker="il"),  # 22/36 covered: a hit at 30 % only
            quote("les travaux coûteront deux millions d'euros", type_="indirect"),  # optional gold: ignored
            quote("Le maire de Trouville"),  # a false alarm
        ],
        "entities": [{"name": "Durand", "type": "PER"}, {"name": "Anne Durand", "type": "PERSON"}],
        "events": [{"type": "PROTEST", "text": "ont manifesté samedi", "mode": "hypothetical",
                    "source": {"name": "la police", "country": "FRA"}},
                   {"type": "ASSAULT", "text": "ont manifesté samedi"}],
    }}
    result = score(tiny_gold, system)
    assert (result["gold_quotes"], result["pred_quotes"]) == (2, 2)
    assert (result["quote_p30"], result["quote_r30"], result["quote_f30"]) == (0.5, 0.5, 0.5)
    assert result["quote_f80"] == 0.0
    assert result["speaker_accuracy"] == 0.0
    assert result["type_accuracy"] == 1.0
    assert result["recall_by_type"] == {"direct": 1.0, "indirect": 0.0, "mixed": None}
    assert (result["people_p"], result["people_r"]) == (0.5, 1.0)
    assert (result["event_p"], result["event_r"]) == (0.5, 1.0)
    assert result["event_actor_f"] == result["event_f"]  # same country code: the actor agrees
    assert result["event_mode_accuracy"] == 0.0


def test_missing_article_is_an_empty_prediction(tiny_gold: Path) -> None:
    result = score(tiny_gold, {})
    assert result["missing_articles"] == 1
    assert (result["quote_f30"], result["people_r"], result["event_r"]) == (0.0, 0.0, 0.0)
    assert "| quotes, 30 % coverage | 0.000 | 0.000 | 0.000 |" in format_table(result)


def test_read_system_keys_by_id(tmp_path: Path) -> None:
    path = tmp_path / "system.jsonl"
    path.write_text('{"id": 7, "quotes": []}\n\n{"id": "b"}\n', encoding="utf-8")
    assert set(read_system(path)) == {"7", "b"}


# -- parity with the official scorer on the dev gold ------------------------------------------------

def gold_as_system(gold_dir: Path) -> list[dict[str, Any]]:
    """The gold annotations turned into system records: a perfect prediction."""
    records = []
    for gold_path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        events_path = gold_path.with_name(f"{gold['id']}.events.json")
        events = json.loads(events_path.read_text(encoding="utf-8"))["events"] if events_path.exists() else []
        records.append({
            "id": gold["id"],
            "quotes": [quote(q["quote"], type_=q["type"], speaker=q.get("speaker")) for q in gold["quotes"]],
            "entities": [{"name": p["name"], "type": "PER", "mentions": [{"text": m} for m in p["mentions"]]}
                         for p in gold.get("people", [])],
            "events": [{"type": e["type"], "mode": e.get("mode"), "text": e["sentence"], "source": e.get("source"),
                        "target": e.get("target")} for e in events],
        })
    return records


def perturb(records: list[dict[str, Any]], *, seed: int) -> list[dict[str, Any]]:
    """Damage a perfect prediction in the ways systems err: cut, shift, mislabel, drop, invent."""
    rng = random.Random(seed)
    damaged = []
    for record in records[: len(records) - 2]:  # the last two articles go missing
        quotes = []
        for item in record["quotes"]:
            text = item["text"]
            choice = rng.randrange(7)
            if choice == 0:
                continue
            if choice == 1:
                text = text[: max(1, len(text) // rng.choice((2, 3, 5)))]
            elif choice == 2:
                text = text[len(text) // 4:] + " et encore"
            elif choice == 3:
                item = {**item, "type": rng.choice(("direct", "indirect", "mixed"))}
            elif choice == 4:
                item = {**item, "speaker": rng.choice((None, {"name": "il"}, {"name": text.split()[-1]}))}
            quotes.append({**item, "text": text})
            if rng.random() < 0.2:
                quotes.append(quote(text[::-1]))
        entities = [e for e in record["entities"] if rng.random() < 0.7]
        entities += [{"name": e["name"].split()[-1], "type": "PER"} for e in record["entities"] if rng.random() < 0.3]
        events = []
        for event in record["events"]:
            if rng.random() < 0.2:
                continue
            changed = dict(event)
            if rng.random() < 0.3:
                changed["text"] = event["text"][: len(event["text"]) // 3]
            if rng.random() < 0.2:
                changed["source"] = {"name": "quelqu'un"}
            if rng.random() < 0.2:
                changed["mode"] = rng.choice((None, "negated", "hypothetical"))
            events.append(changed)
            if rng.random() < 0.2:
                events.append({**changed, "type": "ACCUSE"})
        damaged.append({**record, "quotes": quotes, "entities": entities, "events": events})
    return damaged


def official_score(scorer: Path, gold_dir: Path, records: list[dict[str, Any]], tmp_path: Path) -> dict[str, Any]:
    """The official scorer's figures for these records."""
    system = tmp_path / "system.jsonl"
    system.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    completed = subprocess.run([sys.executable, str(scorer), str(gold_dir), str(system), "--json"],
                               capture_output=True, text=True, check=True)
    return json.loads(completed.stdout)


@pytest.mark.shared
@pytest.mark.parametrize("variant", ["perfect", "empty", "perturbed-1", "perturbed-2"])
def test_same_figures_as_official_scorer(shared: Path, tmp_path: Path, variant: str) -> None:
    gold_dir = shared / "data" / "gold" / "dev"
    records = gold_as_system(gold_dir)
    if variant == "empty":
        records = []
    elif variant.startswith("perturbed"):
        records = perturb(records, seed=int(variant[-1]))
    expected = official_score(shared / "eval" / "score.py", gold_dir, records, tmp_path)
    assert score(gold_dir, {r["id"]: r for r in records}) == expected


# -- the command -----------------------------------------------------------------------------------

@pytest.mark.model
def test_eval_command(tiny_gold: Path, tmp_path: Path, nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import cli

    monkeypatch.setattr("newsgraph.analyze.default_pipeline", lambda model: nlp)
    output = tmp_path / "system.jsonl"
    result = CliRunner().invoke(cli, ["eval", str(tiny_gold), "--output", str(output), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["articles"] == 1 and figures["missing_articles"] == 0
    assert figures == score(tiny_gold, read_system(output))
    (record,) = read_system(output).values()
    assert record["id"] == "tiny-1" and "AFP, publié" not in record["text"]  # the byline is cleaned away

    table = CliRunner().invoke(cli, ["eval", str(tiny_gold)])
    assert table.exit_code == 0 and "| speaker accuracy |" in table.output


def test_eval_command_rejects_a_missing_folder(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsgraph.cli import cli

    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "nowhere")])
    assert result.exit_code == 2


def test_the_validate_part_is_a_stable_fifth() -> None:
    from newsgraph.evaluate import in_part, part_of

    ids = [f"orangesum-{n}" for n in range(2000)]
    validate = [i for i in ids if part_of(i) == "validate"]
    assert 300 < len(validate) < 500
    assert part_of("orangesum-10359") == part_of("orangesum-10359")
    assert all(in_part(i, "all") for i in ids)
    assert all(in_part(i, "fit") != in_part(i, "validate") for i in ids)
    with pytest.raises(ValueError, match="unknown part"):
        in_part("x", "test")


def test_link_part_gives_the_official_scorer_the_same_articles(tiny_gold: Path, tmp_path: Path) -> None:
    from newsgraph.evaluate import in_part, link_part

    ids = sorted(p.name[: -len(".gold.json")] for p in tiny_gold.glob("*.gold.json"))
    count = link_part(tiny_gold, "fit", tmp_path / "fit")
    linked = sorted(p.name[: -len(".gold.json")] for p in (tmp_path / "fit").glob("*.gold.json"))
    assert count == len(linked) and linked == [i for i in ids if in_part(i, "fit")]
    assert all((tmp_path / "fit" / f"{i}.json").exists() for i in linked)
    with pytest.raises(FileExistsError):
        link_part(tiny_gold, "fit", tmp_path / "fit")
