"""The newsgraph_quotes component: in the pipeline, serialization, several processes."""
from __future__ import annotations

import pickle

import pytest

from newsgraph.records import Quote

pytestmark = pytest.mark.model

TEXTS = [
    "« Nous tiendrons nos engagements », a déclaré le ministre Paul Valéry. Les salariés seront reçus lundi, a-t-il ajouté.",
    "Selon la préfecture, trois cents personnes ont été évacuées dans la nuit de samedi à dimanche.",
]


def test_component_fills_doc_extension(nlp):
    doc = nlp(TEXTS[0])
    quotes = doc._.newsgraph_quotes
    assert [q.type for q in quotes] == ["direct", "indirect"]
    assert all(isinstance(q, Quote) and doc.text[q.start : q.end] == q.text for q in quotes)
    assert not doc._.newsgraph_warnings


def test_quotes_pickle_and_round_trip(nlp):
    quote = nlp(TEXTS[0])._.newsgraph_quotes[0]
    assert pickle.loads(pickle.dumps(quote)) == quote
    assert Quote.from_dict(quote.to_dict()) == quote


def test_doc_bytes_round_trip(nlp):
    from spacy.tokens import Doc

    doc = nlp(TEXTS[1])
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert restored._.newsgraph_quotes == doc._.newsgraph_quotes


def test_pipeline_save_and_load(nlp, tmp_path):
    import spacy

    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert "newsgraph_quotes" in loaded.pipe_names
    assert [q.text for q in loaded(TEXTS[1])._.newsgraph_quotes] == [q.text for q in nlp(TEXTS[1])._.newsgraph_quotes]


def test_two_processes(nlp):
    single = [[q.text for q in doc._.newsgraph_quotes] for doc in nlp.pipe(TEXTS)]
    double = [[q.text for q in doc._.newsgraph_quotes] for doc in nlp.pipe(TEXTS, n_process=2)]
    assert double == single and single[1]


def test_pipeline_bytes_round_trip(nlp):
    import spacy

    config = nlp.config
    restored = spacy.util.get_lang_class(config["nlp"]["lang"]).from_config(config)
    restored.from_bytes(nlp.to_bytes())
    assert [q.to_dict() for q in restored(TEXTS[0])._.newsgraph_quotes] == \
        [q.to_dict() for q in nlp(TEXTS[0])._.newsgraph_quotes]


def test_factory_takes_the_language_and_the_pipeline_lemma_table(nlp):
    component = nlp.get_pipe("newsgraph_quotes")
    assert nlp.config["components"]["newsgraph_quotes"]["lang"] == "fr"
    assert component.lang == "fr"
    assert component.lexicon.lemma_of("disaient") == "dire"  # a form of the model's lemma table
