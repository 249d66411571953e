"""The newsgraph_events component inside the pipeline: save/load, pickling, several processes."""
from __future__ import annotations

import pickle

import pytest
import spacy

from newsgraph.analyze import analyze
from newsgraph.records import Article

pytestmark = pytest.mark.model

TEXT = "Le président turc a menacé la Grèce mardi. Des milliers de manifestants ont défilé à Athènes."


def test_component_stores_events_on_the_doc(nlp) -> None:
    doc = nlp(TEXT)
    events = doc._.newsgraph_events
    assert [e.type for e in events][:1] == ["THREATEN"]
    assert all(doc.text[e.start:e.end] == e.text for e in events)
    assert pickle.loads(pickle.dumps(events)) == events


def test_pipeline_saves_and_loads(nlp, tmp_path) -> None:
    nlp.to_disk(tmp_path / "pipeline")
    import newsgraph.events  # noqa: F401  (registers the factory)

    loaded = spacy.load(tmp_path / "pipeline")
    assert "newsgraph_events" in loaded.pipe_names
    assert [e.type for e in loaded(TEXT)._.newsgraph_events] == [e.type for e in nlp(TEXT)._.newsgraph_events]



def test_article_date_reaches_the_events_with_two_processes(nlp) -> None:
    articles = [Article(id=str(i), text=TEXT, date="2023-08-17") for i in range(2)]
    analyses = list(analyze(articles, nlp=nlp, workers=2))
    dates = {e.date for a in analyses for e in a.events if e.type == "THREATEN"}
    assert dates == {"2023-08-15"}


def test_article_date_reaches_the_events(nlp) -> None:
    (analysis,) = analyze([Article(id="a", text=TEXT, date="2023-08-17")], nlp=nlp)
    assert {e.date for e in analysis.events if e.type == "THREATEN"} == {"2023-08-15"}
