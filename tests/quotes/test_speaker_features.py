"""What the speaker ranking reads of each candidate beyond distance and syntax (issue 14): a name that is a
description's complement, a name alone in its sentence, a name whose clause ends with a colon before the quote,
the gender of a pronoun beside the candidate's kind."""
from __future__ import annotations

import pytest

from newsgraph.entities.rules import extract_entities
from newsgraph.quotes.rules import extract_quotes

pytestmark = pytest.mark.model

COMPLEMENT = ("La maire Claire Morel a quitté la salle.\n"
              "« Nous ferons appel de cette décision », a déclaré l'avocat de Paul Durand.")
INTRODUCED = ("Le ministre Paul Durand a visité le quartier mardi.\n"
              "Désespérée, Claire Morel a manifesté devant la mairie : « Nous ne partirons pas d'ici sans réponse ».")
PRONOUN = ("Le ministre Paul Durand a visité le quartier mardi. Claire Morel l'attendait devant la mairie.\n"
           "« Nous ne partirons pas d'ici sans réponse », a-t-elle lancé.")


def _options(nlp, text):
    doc = nlp(text)
    collected = []
    list(extract_quotes(doc, entities=extract_entities(doc), model=None, collect=collected))
    assert len(collected) == 1
    _, options = collected[0]
    return {option.speaker.name: option.features for option in options}


def test_a_description_complement_is_marked(nlp):
    """'l'avocat de Paul Durand': Paul Durand is named inside the description after a preposition; the rules named
    someone else than the description's words only when they resolved it."""
    by_name = _options(nlp, COMPLEMENT)
    assert by_name["Paul Durand"].get("complement_in_mention") == 1.0
    assert not by_name["Paul Durand"].get("resolved|complement_in_mention")


def test_a_name_introducing_the_quote_with_a_colon(nlp):
    by_name = _options(nlp, INTRODUCED)
    assert by_name["Claire Morel"].get("introduces") == 1.0
    assert by_name["Claire Morel"].get("alone_in_sentence=0") == 1.0
    assert not by_name["Paul Durand"].get("introduces")
    assert by_name["Paul Durand"].get("alone_in_sentence=1") == 1.0


def test_pronoun_gender_beside_the_kind(nlp):
    by_name = _options(nlp, PRONOUN)
    assert by_name["Claire Morel"].get("pronoun_gender=f|kind=person") == 1.0
    assert by_name["Claire Morel"].get("alone_in_sentence=1") == 1.0
