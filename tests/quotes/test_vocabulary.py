"""The cue lexicon: data files load, and lemmas yield every inflected form."""
from __future__ import annotations

import pytest

from newsgraph.quotes.vocabulary import conjugate, load_lexicon


@pytest.mark.parametrize(("lemma", "forms"), [
    ("déclarer", {"déclare", "déclarent", "déclarait", "déclara", "déclarèrent", "déclarera", "déclarerait", "déclaré",
                  "déclarée", "déclarant", "déclarions"}),
    ("répéter", {"répète", "répètent", "répétait", "répété", "répétant"}),
    ("marteler", {"martèle", "martèlent", "martelé"}),
    ("lancer", {"lance", "lançait", "lançant", "lancé"}),
    ("avertir", {"avertit", "avertissent", "avertissait", "averti", "avertissant"}),
])
def test_regular_conjugation(lemma, forms):
    assert forms <= conjugate(lemma)


def test_irregular_conjugation_from_data_file():
    lexicon = load_lexicon()
    for form, lemma in [("dit", "dire"), ("disent", "dire"), ("disait", "dire"), ("reconnaît", "reconnaître"),
                        ("prévient", "prévenir"), ("écrit", "écrire"), ("répond", "répondre"), ("promis", "promettre")]:
        assert lexicon.forms[form] == lemma


@pytest.mark.parametrize(("lemma", "form", "expected"), [
    ("estime", "estime", "estimer"),  # the tagger's lemma is wrong: the surface form finds the cue
    ("dire", "dit", "dire"),
    ("affirmer", "affirmait", "affirmer"),
    ("manger", "mange", None),
])
def test_cue_lookup(lemma, form, expected):
    cues = load_lexicon().cues_for(lemma, form)
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
