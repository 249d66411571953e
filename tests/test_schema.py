"""The output record's JSON Schema: consistent with the records, documented, and met by `analyze`."""
from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from newsgraph.records import Actor, Analysis, Article, Entity, Event, Mention, Quote, Speaker
from newsgraph.schema import analysis_schema, dumps, generate, undocumented

# Written for these tests: a short dispatch with a quote, people, an organization and a country.
DISPATCH = (
    "La ministre de la Santé, Claire Vasseur, a annoncé mardi la fermeture de trois hôpitaux en Bretagne.\n\n"
    "« Nous n'avons pas d'autre choix », a-t-elle déclaré devant l'Assemblée nationale.\n\n"
    "Le syndicat Sud Santé a appelé à une grève illimitée, selon un communiqué publié à Rennes."
)


def as_json(record: Analysis) -> Any:
    """The record exactly as a JSON line carries it."""
    return json.loads(json.dumps(record.to_dict(), ensure_ascii=False))


def full_record() -> Analysis:
    """A record with every nested kind filled in, built by hand."""
    text = DISPATCH
    start = text.index("Nous")
    end = text.index(" »")
    speaker = Speaker(name="Claire Vasseur", mention="elle", entity="per:claire-vasseur", kind="person",
                      start=text.index("elle"), end=text.index("elle") + 4)
    vasseur = Entity(id="per:claire-vasseur", name="Claire Vasseur", type="PER", country="FRA", role="ministre",
                     mentions=(Mention("Claire Vasseur", text.index("Claire"), text.index("Claire") + 14),))
    sentence = text.split("\n\n")[2]
    event = Event(type="PROTEST", mode="future", source=Actor(name="Sud Santé", sector="LAB", country="FRA"),
                  target=None, text=sentence, start=text.index(sentence), end=len(text), trigger="grève")
    quote = Quote(text=text[start:end], start=start, end=end, type="direct", cue="a-t-elle déclaré",
                  speaker=speaker, addressee=None, medium=None, reported_by=None)
    return Analysis(id="depeche", text=text, url="https://example.org/depeche", title="Hôpitaux",
                    date="2025-03-04", language="fr", entities=(vasseur,), quotes=(quote,), events=(event,))


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(analysis_schema())
    assert analysis_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_file_is_generated_from_the_records() -> None:
    regenerated = generate(analysis_schema())
    assert dumps(regenerated) == dumps(analysis_schema()), "run: python -m newsgraph.schema --write"


def test_every_field_is_documented() -> None:
    assert undocumented(analysis_schema()) == []


def test_hand_built_record_is_valid() -> None:
    jsonschema.validate(as_json(full_record()), analysis_schema())


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda r: r.pop("text"), "text"),
        (lambda r: r["quotes"][0].update(start="12"), "start"),
        (lambda r: r["quotes"][0].update(type="paraphrase"), "type"),
        (lambda r: r["entities"][0]["mentions"][0].update(end=-1), "end"),
        (lambda r: r["events"][0].update(colour="red"), "colour"),
    ],
)
def test_invalid_record_is_rejected(change: Any, path: str) -> None:
    record = as_json(full_record())
    change(record)
    with pytest.raises(jsonschema.ValidationError) as caught:
        jsonschema.validate(record, analysis_schema())
    assert path in str(caught.value)


def test_record_round_trips_through_json() -> None:
    record = full_record()
    assert Analysis.from_dict(as_json(record)) == record


@pytest.mark.model
def test_analyzed_records_are_valid(nlp: Any) -> None:
    from newsgraph.analyze import analyze

    articles = [Article(id="fr", text=DISPATCH),
                Article(id="en", text="The health minister closed three hospitals in Brittany on Tuesday.")]
    records = list(analyze(articles, nlp=nlp))
    assert [r.id for r in records] == ["fr", "en"]
    for record in records:
        jsonschema.validate(as_json(record), analysis_schema())
    assert records[0].entities, "the French dispatch names people and places"
