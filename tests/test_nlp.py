"""The pipeline's sentence bounds and component wiring."""
from __future__ import annotations

import pickle

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("Le dirigeant nord-coréen Kim Jong Un s’est engagé à renforcer les liens avec Moscou.", 1),
        ("SÉOUL – Le président a parlé mardi. Il partira demain.", 2),
        ("Premier paragraphe sans point final\n\nSecond paragraphe.", 2),
    ],
)
def test_sentence_bounds(nlp, text, sentences):
    assert len(list(nlp(text).sents)) == sentences


def test_components_are_in_order(nlp):
    names = nlp.pipe_names
    assert names.index("newsgraph_paragraphs") < names.index("parser")
    assert names[-3:] == ["newsgraph_entities", "newsgraph_quotes", "newsgraph_events"]


def test_pipeline_saves_and_loads(nlp, tmp_path):
    import spacy

    nlp.to_disk(tmp_path / "pipeline")
    reloaded = spacy.load(tmp_path / "pipeline")
    assert reloaded.pipe_names == nlp.pipe_names
    text = "Le président Emmanuel Macron a déclaré que la France était prête."
    doc = reloaded(text)
    names = [entity.name for entity in doc._.newsgraph_entities]
    assert "Emmanuel Macron" in names
    assert names == [entity.name for entity in nlp(text)._.newsgraph_entities]


def test_pipeline_pickles(nlp):
    assert pickle.loads(pickle.dumps(nlp)).pipe_names == nlp.pipe_names


def test_parse_repairs_are_those_of_the_language(nlp):
    from newsgraph.lang.fr.repairs import REPAIRS

    assert [name for name in nlp.pipe_names if name in REPAIRS] == list(REPAIRS)


def test_a_language_without_parse_repairs_is_refused():
    import spacy

    from newsgraph.lang import add_repairs

    with pytest.raises(ValueError, match="xx"):
        add_repairs(spacy.blank("fr"), "xx")


@pytest.mark.parametrize("text", ["", "Bonjour  le\n\nmonde !", "  « Oui », a-t-elle dit.\t\n’l’ Kim Jong-un \n"])
def test_doc_words_are_the_tokens(nlp, text):
    from newsgraph.nlp import doc_words

    doc = nlp.make_doc(text)
    words = doc_words(doc)
    assert words.texts == [token.text for token in doc]
    assert words.spaces == [token.whitespace_ for token in doc]
    assert words.starts == [token.idx for token in doc]
    assert words.text == doc.text == text
    assert doc_words(doc) is words
    spans = [(start, end) for start in range(len(doc)) for end in range(start + 1, len(doc) + 1)]
    assert [words.span_text(start, end) for start, end in spans] == [
        (doc[start:end].text, doc[start:end].start_char, doc[start:end].end_char) for start, end in spans]


def test_per_doc_values_follow_their_doc(nlp):
    import gc

    from newsgraph.nlp import PerDoc

    values: PerDoc[str] = PerDoc()
    first, second = nlp.make_doc("Un texte."), nlp.make_doc("Un autre texte.")
    assert values.get(first) is None
    assert values.put(first, "un") == "un"
    assert values.put(second, "deux") == "deux"
    assert (values.get(first), values.get(second), values.get(first)) == ("un", "deux", "un")
    del first
    gc.collect()
    assert len(values._values) == 1
    assert values.get(nlp.make_doc("Un texte.")) is None
