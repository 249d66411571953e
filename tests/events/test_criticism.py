"""Criticism told in speech: an ACCUSE by a quote's speaker read from the quote's content (`events.criticism`)."""
from __future__ import annotations

import numpy as np
import pytest

from newsgraph.events.criticism import content_vector, quote_sentence
from newsgraph.events.learned import TYPES, EventModel, LinearModel, Thresholds
from newsgraph.events.rules import extract_events

PLAIN = "« La réunion aura lieu mardi à Paris », a déclaré le député Jean Dupont."


def constant(bias: float, dimensions: int = 300) -> LinearModel:
    """A criticism model scoring every quote the same (no feature, zero dense weights)."""
    return LinearModel({}, np.zeros((0, 1)), np.array([bias]), np.zeros((dimensions, 1)))


def model_with(criticism: LinearModel | None, **thresholds: object) -> EventModel:
    types = LinearModel({}, np.zeros((0, 1 + len(TYPES))), np.zeros(1 + len(TYPES)), softmax=True)
    actors = LinearModel({}, np.zeros((0, 2)), np.array([-5.0, -5.0]))  # no candidate is ever likely
    settings = {"keep": 0.0, "add": 1.01, "target_floor": 0.5, "source_floor": 0.5, **thresholds}
    return EventModel(types, actors, Thresholds(**settings), criticism=criticism)  # type: ignore[arg-type]


def accusations(doc: object, model: EventModel) -> list[tuple[str | None, str | None]]:
    return [(e.source.name if e.source else None, e.target.name if e.target else None)
            for e in extract_events(doc, model=model) if e.type == "ACCUSE"]


@pytest.mark.model
def test_a_quote_the_model_reads_as_criticism_is_an_accusation_by_its_speaker(nlp) -> None:
    doc = nlp(PLAIN)
    found = accusations(doc, model_with(constant(5.0), criticize=0.5, criticize_needs_target=False))
    assert len(found) == 1 and "Dupont" in (found[0][0] or "") and found[0][1] is None
    assert not accusations(doc, model_with(constant(-5.0), criticize=0.5, criticize_needs_target=False))
    assert not accusations(doc, model_with(constant(5.0), criticize=1.01, criticize_needs_target=False))
    assert not accusations(doc, model_with(None, criticize=0.5, criticize_needs_target=False))


@pytest.mark.model
def test_no_target_found_no_accusation_when_one_is_needed(nlp) -> None:
    doc = nlp(PLAIN)
    assert not accusations(doc, model_with(constant(5.0), criticize=0.5, criticize_needs_target=True))


@pytest.mark.model
def test_an_accusation_already_coded_in_the_sentence_is_not_told_twice(nlp) -> None:
    doc = nlp("« Le ministre a menti aux Français », a accusé le député Jean Dupont.")
    rules = accusations(doc, model_with(None))
    assert rules  # the rules code it from the cue
    assert accusations(doc, model_with(constant(5.0), criticize=0.5, criticize_needs_target=False)) == rules


@pytest.mark.model
def test_the_content_vector_is_the_unit_mean_of_its_content_words(nlp) -> None:
    doc = nlp(PLAIN)
    quote = next(q for q in doc._.newsgraph_quotes if q.speaker is not None)
    vector = content_vector(doc, quote.start, quote.end)
    assert np.linalg.norm(vector) == pytest.approx(3.0)
    assert quote_sentence(list(doc.sents), quote) == (0, [0])


@pytest.mark.model
def test_the_shipped_model_reads_criticism_and_not_a_plain_statement(nlp) -> None:
    # no trigger word: the rules alone code nothing here
    doc = nlp("« Le maire Paul Martin est un opportuniste sans scrupules, un traître », a lancé le député Jean Dupont.")
    assert not [e for e in extract_events(doc) if e.type == "ACCUSE"]
    assert [(e.source.name if e.source else None, e.target.name if e.target else None)
            for e in doc._.newsgraph_events if e.type == "ACCUSE"] == [("Jean Dupont", "Paul Martin")]
    assert not [e for e in nlp(PLAIN)._.newsgraph_events if e.type == "ACCUSE"]


@pytest.mark.model
def test_a_medium_reports_and_a_named_accusation_word_was_read_by_the_rules(nlp) -> None:
    always = model_with(constant(5.0), criticize=0.5, criticize_needs_target=False)
    doc = nlp("« La réunion aura lieu mardi à Paris », a écrit le journal.")
    assert not accusations(doc, always)
    doc = nlp("« Je répondrai à ces accusations devant les juges », a déclaré le maire.")
    assert not accusations(doc, always)


@pytest.mark.model
def test_a_named_outlet_is_neither_the_critic_nor_the_target(nlp) -> None:
    always = model_with(constant(5.0), criticize=0.5, criticize_needs_target=False)
    assert not accusations(nlp("« La réunion aura lieu mardi à Paris », a écrit Le Parisien."), always)
    eager = model_with(constant(5.0), criticize=0.5, criticize_needs_target=False)
    eager.actors.bias[:] = 5.0  # every candidate is likely: the outlet would be taken
    found = accusations(nlp("« La réunion aura lieu mardi », a dit le député Jean Dupont sur franceinfo."), eager)
    assert found and all(target is None or "franceinfo" not in target for _, target in found)
