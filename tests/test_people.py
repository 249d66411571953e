"""The article's people registry: names, genders, roles, countries, built once per document."""
from __future__ import annotations

import pytest

from newsgraph.lang.profile import get_profile
from newsgraph.people import (
    ROLE_EVIDENCE,
    TITLE_EVIDENCE,
    by_fullness,
    name_tokens,
    registry,
    role_heads,
    strip_title,
    surname_key,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("M. Le Maire", ["le", "maire"]),
        ("Mme Élisabeth Borne", ["elisabeth", "borne"]),
        ("Maître Éric Dupond-Moretti", ["eric", "dupond-moretti"]),  # titles are compared folded
        ("Jean-Marie Le Pen", ["jean-marie", "le", "pen"]),
    ],
)
def test_name_tokens_drop_the_titles(text: str, expected: list[str]) -> None:
    assert name_tokens(text) == expected


def test_strip_title_never_empties_a_name() -> None:
    assert strip_title("M. Kaya") == "Kaya"
    assert strip_title("Mme") == "Mme"


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Sergueï Choïgou", "Shoigu", True),  # French and English transliterations meet
        ("Evgueni Prigojine", "Prigozhin", True),
        ("Emmanuel Macron", "Marine Le Pen", False),
    ],
)
def test_surname_key(one: str, other: str, same: bool) -> None:
    assert (surname_key(one) == surname_key(other)) is same


def test_role_heads_keep_the_noun_after_a_modifier() -> None:
    assert role_heads("ancien ministre de l'Intérieur", get_profile("fr")) == {"ancien", "ministre"}
    assert role_heads("maire PS de Nantes", get_profile("fr")) == {"maire"}


def test_by_fullness_puts_untitled_names_first() -> None:
    assert by_fullness(["M. Kaya", "Ali Kaya", "Kaya"]) == ["Ali Kaya", "M. Kaya", "Kaya"]


@pytest.mark.model
def test_a_person_named_in_full_then_by_surname_is_one_person(nlp) -> None:
    doc = nlp("Le maire de Lyon, Grégory Doucet, a inauguré le pont samedi. Doucet a salué les ouvriers.")
    people = registry(doc)
    assert people.full_names == ["Grégory Doucet"]
    assert people.fullest_known("Doucet") == "Grégory Doucet"
    assert people.roles["Grégory Doucet"] == {"maire"}
    assert [name for _, _, name, _, _ in people.mentions] == ["Grégory Doucet", "Doucet"]
    assert {key for _, key in people.person_mentions} == {surname_key("Doucet")}


@pytest.mark.model
def test_a_title_gives_the_gender(nlp) -> None:
    doc = nlp("Mme Camille Martin a dénoncé la fermeture de l'usine. Martin a demandé des explications.")
    people = registry(doc)
    full = people.fullest_known("Martin")
    assert (people.genders[full], people.gender_evidence[full]) == ("f", TITLE_EVIDENCE)  # 'Camille' says nothing


@pytest.mark.model
def test_a_role_noun_gives_the_gender_of_an_epicene_first_name(nlp) -> None:
    people = registry(nlp("La ministre Dominique Faure a dénoncé la fermeture. Faure a demandé des explications."))
    assert (people.genders["Dominique Faure"], people.gender_evidence["Dominique Faure"]) == ("f", ROLE_EVIDENCE)


@pytest.mark.model
def test_an_apposition_gives_country_sector_and_role(nlp) -> None:
    doc = nlp("Le ministre russe de la Défense, Sergueï Choïgou, a visité les troupes. Shoigu a promis des renforts.")
    person = registry(doc).lookup("Shoigu")
    assert person is not None
    assert (person.name, person.country, person.sector, person.title) == ("Sergueï Choïgou", "RUS", "GOV", "ministre")


@pytest.mark.model
def test_the_registry_is_built_once_per_document(nlp) -> None:
    doc = nlp("Le ministre russe de la Défense, Sergueï Choïgou, a visité les troupes.")
    assert registry(doc) is registry(doc)
    assert registry(doc).collected and registry(doc).learned  # quotes and events filled the same registry
    assert registry(nlp("Un autre texte.")) is not registry(doc)


@pytest.mark.model
def test_a_noun_governing_the_name_is_no_role(nlp) -> None:
    doc = nlp("Les relations entre Laurent Dumas et Paul Girard se sont tendues. Dumas a refusé de commenter.")
    people = registry(doc)
    assert "relation" not in people.roles.get("Laurent Dumas", set())
    assert people.genders["Laurent Dumas"] == "m"  # 'relation' is feminine, but no role: the first name says


@pytest.mark.model
def test_an_epicene_role_noun_without_a_gendered_article_keeps_the_first_name(nlp) -> None:
    people = registry(nlp("Claire Dubois, porte-parole du ministre, a démenti. Marie Lenoir, juge à Lyon, a refusé."))
    assert "porte-parole" in people.roles["Claire Dubois"] and "juge" in people.roles["Marie Lenoir"]
    assert (people.genders["Claire Dubois"], people.genders["Marie Lenoir"]) == ("f", "f")


@pytest.mark.model
def test_the_noun_a_name_complements_is_not_its_role(nlp) -> None:
    doc = nlp("La démission de Paul Girard a surpris. Girard a expliqué son choix.")
    assert "démission" not in registry(doc).roles.get("Paul Girard", set())
