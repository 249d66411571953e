"""Pure-logic tests of the event package: lexicon files, dates (no model needed)."""
from __future__ import annotations

import pickle

import pytest

from newsgraph.events.dates import resolve_date
from newsgraph.events.lexicon import default_lexicon, load_lexicon
from newsgraph.records import Actor, Event

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_lexicon_covers_every_plover_type_with_cameo_codes() -> None:
    lexicon = load_lexicon()
    readings = [t for group in lexicon.triggers.values() for t in group]
    assert {t.type for t in readings} == PLOVER
    assert all(t.cameo.isdigit() and 1 <= int(t.cameo) <= 20 for t in readings)
    computed = ("person", "patient", "clause", "complement", "place", "territory")
    assert all(t.need is None or t.need in lexicon.classes or t.need in computed for t in readings)


def test_multiword_and_reflexive_entries_are_parsed() -> None:
    lexicon = default_lexicon()
    (plainte,) = [t for t in lexicon.triggers[("porter", "V")] if t.words]
    assert plainte.type == "ACCUSE" and plainte.words == ("plainte",)
    assert any(t.reflexive for t in lexicon.triggers[("rendre", "V")])


@pytest.mark.parametrize(
    ("text", "future", "expected"),
    [
        ("mardi", False, "2023-08-15"),  # the article's own day (a Tuesday)
        ("lundi soir", False, "2023-08-14"),
        ("vendredi", True, "2023-08-18"),
        ("le mois dernier", False, "2023-07"),
        ("le 9 juin", False, "2023-06-09"),
        ("le 24 mai 2019", False, "2019-05-24"),
        ("en octobre 2018", False, "2018-10"),
        ("début septembre", False, "2022-09"),
        ("en 2012", False, "2012"),
        ("hier", False, "2023-08-14"),
        ("sans date", False, None),
    ],
)
def test_resolve_date(text: str, future: bool, expected: str | None) -> None:
    assert resolve_date(text, "2023-08-15", future=future) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le mois dernier", "2023-07"),  # an article dated by its month only still places the month before
        ("le 9 juin", "2023-06-09"),
        ("mardi", "2023-08"),  # a weekday of the article's week: its month is all that is known
        ("hier", "2023-08"),
        ("en octobre", "2022-10"),
        ("sans date", None),
    ],
)
def test_resolve_date_against_a_month(text: str, expected: str | None) -> None:
    assert resolve_date(text, "2023-08") == expected


def test_events_pickle_and_round_trip() -> None:
    event = Event(type="CONSULT", mode="asserted", source=Actor("Moscou", country="RUS", sector="GOV", code="RUSGOV"),
                  target=None, text="Moscou a reçu.", start=0, end=14, trigger="reçu", cameo="04", cluster="abc")
    assert pickle.loads(pickle.dumps(event)) == event
    assert Event.from_dict(event.to_dict()) == event


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Les syndicats ont organisé un sit-in devant le ministère et ont dénoncé la réforme.",
    "« C'est une honte », tacle un député de l'opposition, qui réclame une enquête.",
    "Le président a été accusé de corruption ; les autorités réexaminent la peine.",
    "Paris a condamné l'attaque et sanctionné trois entreprises russes.",
])
def test_trigger_candidates_hold_every_token_a_trigger_matches(nlp, text: str) -> None:
    from newsgraph.events.triggers import TRIGGER_POS, match_trigger, tokens_tagged, trigger_candidates

    lexicon = default_lexicon()
    doc = nlp(text)
    matched = {token.i for token in tokens_tagged(doc, TRIGGER_POS) if match_trigger(token, lexicon) is not None}
    candidates = [token.i for token in trigger_candidates(doc, lexicon)]
    assert matched and matched <= set(candidates)
    assert len(candidates) < len(list(tokens_tagged(doc, TRIGGER_POS)))  # the filter leaves words out


def test_component_loads_the_lexicon_of_its_configured_language() -> None:
    import spacy

    import newsgraph.events.component  # noqa: F401  (registers the factory)

    nlp = spacy.blank("fr")
    component = nlp.add_pipe("newsgraph_events", config={"lang": "fr", "learned": False})
    assert component.lang == "fr" and component.lexicon is default_lexicon("fr")
    with pytest.raises(ValueError, match="xx"):
        spacy.blank("fr").add_pipe("newsgraph_events", config={"lang": "xx"})


@pytest.mark.parametrize(
    ("pos", "word", "forms"),
    [("VERB", "réclamées", ["réclamées", "réclamer"]), ("ADJ", "retenus", ["retenus", "retenir"]),
     ("NOUN", "réclame", ["réclame", "réclamer"]), ("NOUN", "arrêter", ["arrêter"]), ("PROPN", "paris", ["paris"])],
)
def test_word_forms_read_the_profile_verb_endings(pos: str, word: str, forms: list[str]) -> None:
    from newsgraph.events.triggers import word_forms

    assert word_forms(pos, word, word) == forms


def test_infinitive_guesses_and_abbreviations_come_from_the_profile() -> None:
    from newsgraph.events.rules import abbreviation
    from newsgraph.events.triggers import infinitive_guess

    assert infinitive_guess("NOUN", "réexaminent") == "réexaminer" and infinitive_guess("ADJ", "tacle") == "tacler"
    assert infinitive_guess("VERB", "tacle") is None and infinitive_guess("NOUN", "pays") is None
    no_end = abbreviation("fr")
    assert no_end.search(" M.") and no_end.search("J.-C.") and not no_end.search("mot.")


def test_lexicon_skips_the_profile_function_words_in_multiword_entries() -> None:
    lexicon = default_lexicon()
    assert lexicon.lang == "fr" and lexicon.names["police"] == "la police"
    assert all(not set(t.words) & {"de", "la", "à"} for group in lexicon.triggers.values() for t in group)


def test_scenes_open_with_the_fused_forms_of_the_profile_preposition_to() -> None:
    from newsgraph.events.scene import fused_to

    assert fused_to("fr") == {"au", "aux"}  # 'Au Venezuela, ...'


def test_subject_genders_agree_with_the_profile_pronouns() -> None:
    from newsgraph.lang.profile import get_profile

    profile = get_profile("fr")
    genders = {"m": "Masc", "f": "Fem"}
    for word, gender in profile.subject_genders.items():
        pronoun = profile.pronouns[word]
        assert not pronoun.plural and pronoun.gender is not None and genders[pronoun.gender] == gender
