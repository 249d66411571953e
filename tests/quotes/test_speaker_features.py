"""What the speaker ranking reads of each candidate beyond distance and syntax (issue 14): a name that is a
description's complement, a name alone in its sentence, a name whose clause ends with a colon before the quote,
the gender and number of a pronoun beside the candidate's kind, a name framed by 'Pour X,', a quote opening its
paragraph, the subject of the verb a present participle cue hangs on."""
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


FRAMED = ("Pour le politologue Paul Durand, la droite a commis une erreur.\n"
          "« C'est une erreur de casting », a-t-il ajouté.")
PARTICIPLE = ("La maire Claire Morel a reçu les habitants mardi. Le ministre Paul Durand a quitté la salle en saluant "
              "« un pas en avant considérable » pour la ville.")
PLURAL = ("Les ministres Paul Durand et Claire Morel ont quitté la salle.\n"
          "« Nous reviendrons », ont-ils promis.")


def _options(nlp, text, count=1):
    doc = nlp(text)
    collected = []
    list(extract_quotes(doc, entities=extract_entities(doc), model=None, collect=collected))
    assert len(collected) == count
    _, options = collected[-1]
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


def test_a_name_framed_by_an_opinion_marker_and_a_quote_opening_its_paragraph(nlp):
    by_name = _options(nlp, FRAMED, count=2)  # 'Pour X, CONTENT' is a quote too
    assert by_name["Paul Durand"].get("framed") == 1.0
    assert by_name["Paul Durand"].get("opens|is_last_speaker") == 1.0


def test_the_subject_of_a_participle_cue_s_governor(nlp):
    by_name = _options(nlp, PARTICIPLE)
    assert by_name["Paul Durand"].get("participle|subject_of_governor") == 1.0
    assert not by_name["Claire Morel"].get("participle|subject_of_governor")


def test_a_plural_pronoun_beside_a_person(nlp):
    by_name = _options(nlp, PLURAL)
    assert by_name["Paul Durand"].get("pronoun_number=plural|kind=person") == 1.0


SISTER = ("« Il n'a rien fait de mal », a expliqué la sœur de Paul Durand devant le tribunal.\n"
          "« Nous sommes dévastés », a-t-elle ajouté.")


def test_a_described_speaker_keeps_the_gender_of_its_description(nlp):
    """'la sœur de Paul Durand' spoke: a later 'elle' agrees with her though the registry knows no name of hers."""
    by_name = _options(nlp, SISTER, count=2)
    assert by_name["la sœur de Paul Durand"].get("gender_agrees") == 1.0
    assert by_name["Paul Durand"].get("gender_differs") == 1.0


def test_training_labels_read_the_name_as_written(nlp):
    """Each candidate carries the name the quote record would give it, by the same function as the records: an
    acronym the article defines takes its long form, one it spells out without a parenthesis ('la DGS') the name
    as the article first writes it, so the training labels what the scorer will compare."""
    doc = nlp("L'Agence régionale de santé (ARS) a publié un bilan. La Direction générale de la Santé a publié "
              "jeudi soir son bulletin hebdomadaire.\n"
              "« La situation est préoccupante », a souligné la DGS.\n"
              "« Les hôpitaux tiennent », a ajouté l'ARS.")
    collected = []
    quotes = list(extract_quotes(doc, entities=extract_entities(doc), model=None, collect=collected))
    assert collected
    for (_, options), quote in zip(collected, quotes):
        rule = next(o for o in options if o.features.get("is_rule"))
        assert rule.written == (quote.speaker.name if quote.speaker else None)
    written = {o.written for _, options in collected for o in options}
    assert "La Direction générale de la Santé" in written
    assert "Agence régionale de santé (ARS)" in written


APPOSED = ("La maire Claire Morel a reçu les familles mardi.\n"
           "« Une enquête a été ouverte », a annoncé à l'AFP le procureur de la République à Nantes, Paul Durand. "
           "L'avocate de la famille, Marie de Villiers, réclame des réponses.")


def test_a_name_apposed_after_the_description_s_phrase(nlp):
    """'le procureur de la République à Nantes, Paul Durand': the name closes the description's phrase after a
    comma (no verb between); a name of the next sentence is not apposed, and its particle 'de' is no name word
    that the description shares."""
    by_name = _options(nlp, APPOSED)
    assert by_name["Paul Durand"].get("apposed_to_mention") == 1.0
    assert not by_name["Claire Morel"].get("apposed_to_mention")
    assert not by_name["Marie de Villiers"].get("apposed_to_mention")
    assert not by_name["Marie de Villiers"].get("named_in_mention")


OPENS_CONTENT = ("La sénatrice Claire Morel a visité le port mardi.\n"
                 "Selon la sénatrice, Paul Durand n'a pas compris la situation du port.")


def test_a_name_opening_the_content_after_the_comma_is_not_apposed(nlp):
    """'Selon la sénatrice, Paul Durand n'a pas ...': the name after the comma opens the content (a verb follows)."""
    by_name = _options(nlp, OPENS_CONTENT)
    assert not by_name.get("Paul Durand", {}).get("apposed_to_mention")
