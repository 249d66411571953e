"""Acts only the authorities carry out, told by a noun with no actor named: coded with the authorities of the
place as source (the gold codes '774 arrestations' as a COERCE by the police). Model needed."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def last_sentence_events(nlp, text: str) -> list:
    doc = nlp(text)
    last = list(doc.sents)[-1].start_char
    return [e for e in doc._.newsgraph_events if e.end > last]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Les manifestations se sont poursuivies dimanche à Minsk. Plus de 700 arrestations ont eu lieu dans la "
         "soirée.", "BLR"),
        ("Le procès s'est ouvert lundi à Ankara. Deux gardes à vue étaient encore en cours mardi matin.", "TUR"),
        ("Une enquête a été ouverte à Marseille. Les perquisitions se sont poursuivies toute la journée.", "FRA"),
    ],
)
def test_an_arrest_with_no_one_named_is_by_the_authorities(nlp, text: str, country: str) -> None:
    found = [e for e in last_sentence_events(nlp, text) if e.type == "COERCE"]
    assert found and found[0].source is not None and found[0].source.country == country


@pytest.mark.parametrize(
    "text",
    [
        "Le ministre a longuement parlé de cette arrestation devant les députés.",  # an arrest told before
        "Aucune libération n'est prévue avant l'été.",  # RETREAT: not an act only the authorities do
    ],
)
def test_other_actorless_nouns_stay_uncoded(nlp, text: str) -> None:
    assert not [e for e in last_sentence_events(nlp, text) if e.type in ("COERCE", "RETREAT") and e.source is not None
                and e.source.sector == "GOV"]
