"""The mention an attribution anchor offers as its speaker, on sentences written for these tests."""
from __future__ import annotations

import pytest

from newsgraph.quotes.rules import extract_quotes

pytestmark = pytest.mark.model

# (text, quote, speaker): a participle set after a comma speaks for the subject of the sentence's main clause, not
# for a noun of a relative or subordinate clause, an object or a clitic near it
PARTICIPLE_OF_THE_MAIN_CLAUSE = [
    (
        "L'ancien ministre est alors allé chercher deux cartons de livres, rangés dans sa voiture, et les lui a "
        "tendus, en lançant : « Je tiens mes promesses ».",
        "Je tiens mes promesses",
        "L'ancien ministre",
    ),
    (
        "Les quatre policiers ont demandé l'abandon des poursuites qui pèsent contre eux, plaidant avoir fait un "
        "usage raisonnable de la force.",
        "avoir fait un usage raisonnable de la force",
        "Les quatre policiers",
    ),
    (
        "Le secrétaire général de la CGT a prévenu lundi que la grève allait continuer si le gouvernement ne "
        "retirait pas le texte, ajoutant que « la balle » était dans le camp de l'exécutif.",
        "« la balle » était dans le camp de l'exécutif",
        "Le secrétaire général de la CGT",
    ),
    (
        "La ministre a défendu le budget devant les sénateurs, qui l'ont rejeté, soulignant qu'il « protège les "
        "plus fragiles ».",
        "il « protège les plus fragiles »",
        "La ministre",
    ),
]

# (text, quote, speaker): a subject set after the verb and a time complement ('il y a deux semaines')
SUBJECT_AFTER_TIME = [
    (
        "« La réforme est morte », avait écrit il y a deux semaines un élu de la Somme.",
        "La réforme est morte",
        "un élu de la Somme",
    ),
]


@pytest.mark.parametrize(("text", "quote", "speaker"), PARTICIPLE_OF_THE_MAIN_CLAUSE + SUBJECT_AFTER_TIME)
def test_anchor_offers_the_speaking_subject(nlp, text, quote, speaker):
    found = {q.text: q.speaker.name if q.speaker else None for q in extract_quotes(nlp(text), model=None)}
    assert found.get(quote) == speaker


def _parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str]):
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)


@pytest.mark.parametrize(("words", "heads", "deps", "pos", "subject"), [
    (  # the parser gives the opening conjunction as a second subject
        ["Et", "elle", "a", "exigé", "une", "enquête"], [3, 3, 3, 3, 5, 3],
        ["nsubj", "nsubj", "aux:tense", "ROOT", "det", "obj"], ["CCONJ", "PRON", "AUX", "VERB", "DET", "NOUN"], "elle",
    ),
    (  # a noun after a preposition, mislabelled subject, before the real one
        ["À", "la", "fin", "de", "la", "réunion", "le", "ministre", "a", "dénoncé", "la", "politique"],
        [2, 2, 9, 5, 5, 2, 7, 9, 9, 9, 11, 9],
        ["case", "det", "nsubj", "case", "det", "nmod", "det", "nsubj", "aux:tense", "ROOT", "det", "obj"],
        ["ADP", "DET", "NOUN", "ADP", "DET", "NOUN", "DET", "NOUN", "AUX", "VERB", "DET", "NOUN"], "ministre",
    ),
])
def test_preposed_subject_is_a_noun_phrase(words, heads, deps, pos, subject):
    from newsgraph.quotes.anchors import preposed_subject

    doc = _parsed(words, heads, deps, pos)
    verb = next(t for t in doc if t.dep_ == "ROOT")
    found = preposed_subject(verb)
    assert found is not None and found.text == subject
