"""Acronyms the article defines give a speaker named by its acronym the article's full name."""
from __future__ import annotations

import pytest

from newsgraph.quotes.acronyms import definitions, expanded, long_form
from newsgraph.records import Speaker


def test_definitions_find_the_long_form_before_the_parenthesis():
    text = ("Les écoles ferment, selon l'Agence régionale de santé (ARS) de Bretagne. Le Mouvement pour la "
            "réforme des retraites (MRR) proteste. Le club (PSG) gagne.")
    assert definitions(text) == {"ARS": "Agence régionale de santé (ARS)",
                                 "MRR": "Mouvement pour la réforme des retraites (MRR)"}


def test_definitions_find_an_acronym_written_as_a_word():
    """'Cédéao', 'Sdis': an acronym written with one capital, its letters found with or without accents."""
    text = ("Selon la Communauté des Etats d'Afrique de l'Ouest (Cédéao), le vote aura lieu. Le service "
            "d'incendie et de secours (Sdis) est intervenu. Un incendie a touché Lille (Nord) mardi.")
    assert definitions(text) == {"Cédéao": "Communauté des Etats d'Afrique de l'Ouest (Cédéao)",
                                 "Sdis": "service d'incendie et de secours (Sdis)"}


def test_long_form_needs_the_letters_in_order():
    assert long_form("DGS", "la Direction générale de la Santé") == "Direction générale de la Santé"
    assert long_form("XYZ", "la Direction générale de la Santé") is None


@pytest.mark.parametrize(("name", "expected"), [
    ("l'ARS", "Agence régionale de santé (ARS)"),
    ("ARS", "Agence régionale de santé (ARS)"),
    ("le directeur de l'ARS", "le directeur de l'ARS"),
    ("Paul Roux", "Paul Roux"),
])
def test_expanded_replaces_an_acronym_name_only(name, expected):
    known = {"ARS": "Agence régionale de santé (ARS)"}
    assert expanded(Speaker(name=name, kind="organization"), known).name == expected


@pytest.mark.model
def test_speaker_named_by_acronym_gets_the_full_name(nlp):
    from newsgraph.quotes.rules import extract_quotes

    doc = nlp("L'Agence régionale de santé (ARS) a fermé trois écoles lundi. Les élèves seront testés dans la "
              "semaine, a précisé l'ARS.")
    [quote] = extract_quotes(doc)
    assert quote.speaker.name == "Agence régionale de santé (ARS)"
