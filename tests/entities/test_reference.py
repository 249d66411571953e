"""The reference article (../shared/data/seed): the acceptance checks of the entities issue."""
from __future__ import annotations

import pytest

from newsgraph.records import Entity

pytestmark = [pytest.mark.model, pytest.mark.shared]

WIDGET_WORDS = {"commentaire", "commentez", "histoire"}


@pytest.fixture(scope="module")
def reference(nlp, shared) -> list[Entity]:
    """Entities of the raw reference article, widget line included."""
    text = (shared / "data" / "seed" / "kim-putin-2023-08.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    for entity in doc._.newsgraph_entities:
        for mention in entity.mentions:
            assert doc.text[mention.start : mention.end] == mention.text
    return doc._.newsgraph_entities


def person(entities: list[Entity], name: str) -> Entity:
    return next(e for e in entities if e.type == "PER" and e.name == name)


def test_people_once_each_under_full_name(reference):
    names = sorted(e.name for e in reference if e.type == "PER")
    assert names == ["John Kirby", "Kim Jong Un", "Ramon Pacheco Pardo", "Sergueï Choïgou", "Vladimir Poutine"]


def test_one_entity_for_choigou_and_shoigu(reference):
    mentions = {m.text for m in person(reference, "Sergueï Choïgou").mentions}
    assert mentions == {"Sergueï Choïgou", "Choïgou", "Shoigu"}


def test_kim_jong_un_not_kim_jong(reference):
    mentions = {m.text for m in person(reference, "Kim Jong Un").mentions}
    assert mentions == {"Kim Jong Un", "Kim"}


def test_putin_mentions_role_and_country(reference):
    putin = person(reference, "Vladimir Poutine")
    assert {m.text for m in putin.mentions} == {"Vladimir Poutine", "Poutine", "M. Poutine"}
    assert (putin.role, putin.country) == ("président russe", "RUS")


@pytest.mark.parametrize(
    ("code", "name", "demonym", "capital"),
    [
        ("RUS", "Russie", "russe", "Moscou"),
        ("PRK", "Corée du Nord", "nord-coréen", "Pyongyang"),
        ("USA", "États-Unis", "américain", "Washington"),
        ("UKR", "Ukraine", "ukrainiens", "Kiev"),
    ],
)
def test_countries_from_names_demonyms_and_capitals(reference, code, name, demonym, capital):
    places = [e for e in reference if e.type == "GPE" and e.country == code]
    [country] = [e for e in places if e.name == name]
    assert {name, demonym} <= {m.text for m in country.mentions}
    assert [e.name for e in places if capital in {m.text for m in e.mentions}] == [capital]


def test_seats_of_power_and_datelines_carry_their_country(reference):
    countries = {e.name: e.country for e in reference if e.type == "GPE"}
    assert countries["Kremlin"] == "RUS"
    assert countries["Séoul"] == "KOR"


def test_no_entity_made_of_widget_text(reference):
    for entity in reference:
        assert not {m.text.lower() for m in entity.mentions} & WIDGET_WORDS, entity


def test_outlets_are_media(reference):
    media = {e.name for e in reference if e.type == "MEDIA"}
    assert {"KCNA", "Financial Times"} <= media
