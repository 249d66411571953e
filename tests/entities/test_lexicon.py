"""The entity lexicon of a language, its gazetteer of outlets matched with spaCy's PhraseMatcher, the lang config."""
from __future__ import annotations

import pytest

from newsgraph.entities.lexicon import load_lexicon, media_forms


def test_lexicon_gathers_the_word_lists_and_closed_classes_of_french():
    lexicon = load_lexicon("fr")
    assert lexicon.lang == "fr"
    assert {"mme", "docteur"} <= lexicon.titles and "ministre" in lexicon.role_nouns
    assert lexicon.of == {"de", "du", "des", "d'"} and lexicon.coordinators == {"et", "ou"}
    assert "lemonde" in lexicon.media and lexicon.media_forms["France"][-1] == "France 5"
    assert load_lexicon("fr") is load_lexicon("fr")  # built once per process


def test_a_language_without_a_folder_is_refused():
    with pytest.raises(ValueError, match="xx"):
        load_lexicon("xx")


@pytest.mark.model
def test_outlet_forms_get_the_models_tokens_from_the_language_tokenizer(nlp):
    """media_matcher tokenizes the listed forms with spacy.blank: the same tokens as the model's tokenizer."""
    import spacy

    blank = spacy.blank("fr")
    for names in media_forms().values():
        for name in names:
            for form in (name, name.replace("'", "’")):
                assert [t.text for t in blank.tokenizer(form)] == [t.text for t in nlp.tokenizer(form)], form


@pytest.mark.model
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Selon Le Monde, rien ne change.", ["Le Monde"]),
        ("France 24 et France Info l'ont dit.", ["France 24", "France Info"]),
        ("Il lit Le  Monde chaque matin.", []),  # two spaces: not the listed spelling
        ("Il lit le Monde chaque matin.", []),  # the first word as listed, capitalised
        # the longest listed form from each token; the overlapping one is dropped when mentions are claimed
        ("Selon The New York Times, oui.", ["The New York Times", "New York Times"]),
    ],
)
def test_listed_outlets_are_found_as_written(nlp, text, expected):
    from newsgraph.entities.spans import listed_media

    doc = nlp.make_doc(text)
    assert [doc[c.start : c.end].text for c in listed_media(load_lexicon("fr"), doc)] == expected


@pytest.mark.model
def test_the_component_takes_its_language_from_the_config(nlp):
    assert nlp.get_pipe_config("newsgraph_entities")["lang"] == "fr"
    assert nlp.get_pipe("newsgraph_entities").lang == "fr"
