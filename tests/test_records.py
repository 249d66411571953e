"""Records round-trip through dicts and pickle."""
from __future__ import annotations

import json
import pickle

from newsgraph.records import Actor, Analysis, Entity, Event, Mention, Quote, Speaker


def sample() -> Analysis:
    text = "Poutine a déclaré que la Russie aiderait la Corée du Nord."
    return Analysis(
        id="a1",
        text=text,
        language="fr",
        entities=(Entity(id="per:poutine", name="Poutine", type="PER", country="RUS", mentions=(Mention("Poutine", 0, 7),)),),
        quotes=(Quote(text=text[22:57], start=22, end=57, type="indirect", cue="a déclaré",
                      speaker=Speaker(name="Poutine", mention="Poutine", entity="per:poutine", kind="person")),),
        events=(Event(type="AID", mode="hypothetical", source=Actor("la Russie", country="RUS"),
                      target=Actor("la Corée du Nord", country="PRK"), text=text, start=0, end=len(text)),),
        warnings=("note",),
    )


def test_dict_round_trip_through_json():
    record = sample()
    assert Analysis.from_dict(json.loads(json.dumps(record.to_dict()))) == record


def test_pickle_round_trip():
    record = sample()
    assert pickle.loads(pickle.dumps(record)) == record


def test_offsets_are_exact():
    record = sample()
    quote = record.quotes[0]
    assert record.text[quote.start : quote.end] == quote.text


def test_dict_round_trip_without_json():
    record = sample()
    assert Analysis.from_dict(record.to_dict()) == record


def test_from_dict_builds_nested_records_and_refuses_wrong_types() -> None:
    import pytest

    from newsgraph.records import Analysis, Speaker

    record = Analysis.from_dict({"id": "a", "text": "Bonjour", "unknown": 1,
                                 "quotes": [{"text": "Bonjour", "start": 0, "end": 7, "type": "direct",
                                             "speaker": {"name": "Claire Vasseur"}}]})
    assert record.quotes[0].speaker == Speaker(name="Claire Vasseur")
    assert isinstance(record.quotes, tuple)
    with pytest.raises(ValueError, match="start"):
        Analysis.from_dict({"id": "a", "text": "x", "quotes": [{"text": "x", "start": "début", "end": 1, "type": "direct"}]})
