"""Linking entities to actors across articles, and clustering event mentions into stories: pure rules."""
from __future__ import annotations

from datetime import date

import pytest

from newsgraph.store.clustering import Clusterer, EventMention, side_key
from newsgraph.store.linking import (
    EntityRow,
    Linker,
    full_names_compatible,
    is_full_name,
    person_words,
)


@pytest.mark.parametrize(
    ("one", "other", "expected"),
    [
        ("Emmanuel Macron", "E. Macron", True),
        ("Emmanuel Macron", "Emmanuel Jean-Michel Frédéric Macron", True),
        ("Emmanuel Macron", "Brigitte Macron", False),
        ("Sergueï Choïgou", "Sergei Shoigu", True),
        ("Evgueni Prigojine", "Yevgeny Prigozhin", True),
        ("Hashim Thaçi", "Hashin Thaçi", True),
        ("Marine Le Pen", "Jean-Marie Le Pen", False),
        ("Marine Le Pen", "Marion Maréchal-Le Pen", False),
        ("Jill Biden", "Joe Biden", False),
        ("Paul Alduy", "Jean-Paul Alduy", False),
        ("Michel Dupont", "Michèle Dupont", False),
        ("George W. Bush", "George H. W. Bush", False),
        ("George W. Bush", "George Bush", True),
        ("République Emmanuel Macron", "Emmanuel Macron", True),  # a word of the sentence taken into the name
    ],
)
def test_full_name_compatibility(one: str, other: str, expected: bool) -> None:
    assert full_names_compatible(person_words(one), person_words(other)) is expected


@pytest.mark.parametrize(
    ("name", "words", "full"),
    [
        ("M. Macron", ("macron",), False),
        ("Mme Anne Hidalgo", ("anne", "hidalgo"), True),
        ("Le Pen", ("le", "pen"), False),
        ("Marine Le Pen", ("marine", "le", "pen"), True),
        ("Ben Salmane", ("ben", "salmane"), False),
        ("Marine (Le Pen)", ("marine", "le", "pen"), True),
    ],
)
def test_person_words_and_full_names(name: str, words: tuple[str, ...], full: bool) -> None:
    assert person_words(name) == words
    assert is_full_name(words) is full


def _linker() -> Linker:
    return Linker([], id_taken=lambda actor_id: False)


def _person(article: str, name: str, *, role: str | None = None, country: str | None = "FRA") -> EntityRow:
    slug = "per:" + "-".join(person_words(name))
    return EntityRow(article, slug, name, "PER", country, role)


def test_a_surname_joins_the_only_person_of_that_surname() -> None:
    linker = _linker()
    emmanuel, _ = linker.link(_person("a", "Emmanuel Macron", role="président de la République"))
    assert linker.link(_person("b", "M. Macron")) == (emmanuel, "surname, only one of that surname")


def test_a_surname_shared_by_two_people_needs_the_role() -> None:
    linker = _linker()
    emmanuel, _ = linker.link(_person("a", "Emmanuel Macron", role="président de la République"))
    brigitte, rule = linker.link(_person("b", "Brigitte Macron", role="épouse du chef de l'État"))
    assert (brigitte != emmanuel, rule) == (True, "new")
    assert linker.link(_person("c", "Macron", role="président"))[0] == emmanuel
    unclear, rule = linker.link(_person("d", "Macron", role=None))  # both French: no way to tell
    assert unclear not in (emmanuel, brigitte) and rule == "new"
    assert linker.link(_person("e", "Macron", role=None)) == (unclear, "surname, the surname actor")


def test_the_surname_actor_does_not_take_the_role_of_a_named_person() -> None:
    linker = _linker()
    emmanuel, _ = linker.link(_person("a", "Emmanuel Macron"))
    linker.link(_person("b", "Brigitte Macron", role="épouse du président"))
    unclear, _ = linker.link(_person("c", "Macron"))  # no role: founds the surname actor
    assert linker.link(_person("d", "Macron", role="président")) == (unclear, "surname, the surname actor")
    assert linker.link(_person("e", "Emmanuel Macron", role="président de la République"))[0] == emmanuel
    # the surname actor has the role too now; a named person with that role is still the better answer
    assert linker.link(_person("f", "M. Macron", role="président")) == (emmanuel, "surname, same role")


def test_a_full_name_joins_the_actor_founded_by_its_surname() -> None:
    linker = _linker()
    surname, _ = linker.link(_person("a", "Macron", role="président"))
    assert linker.link(_person("b", "Emmanuel Macron", role="président")) == (
        surname, "surname actor, same country or role"
    )
    brigitte, _ = linker.link(_person("c", "Brigitte Macron", country=None))
    assert brigitte != surname  # the actor now has a first name, and it is another


def test_a_word_known_as_a_first_name_joins_no_surname() -> None:
    linker = Linker([], id_taken=lambda actor_id: False, first_names={"christophe"})
    deputy, _ = linker.link(_person("a", "Paul Christophe", role="député"))
    alone, rule = linker.link(_person("b", "Christophe"))  # 'Christophe' alone: a first name as often
    assert alone != deputy and rule == "new"
    assert linker.link(_person("c", "Christophe")) == (alone, "first name alone, the actor of that word")


@pytest.mark.parametrize(("first", "second"), [("Louis", "Louise"), ("Copé", "COP21")])
def test_words_that_only_share_a_key_are_two_actors(first: str, second: str) -> None:
    linker = _linker()
    assert linker.link(_person("a", first))[0] != linker.link(_person("b", second))[0]


def test_transliterations_and_typos_of_one_name_are_one_actor() -> None:
    linker = _linker()
    first, _ = linker.link(_person("a", "Sergueï Choïgou", country="RUS"))
    assert linker.link(_person("b", "Sergei Shoigu", country=None))[0] == first
    assert linker.link(_person("c", "Shoïgou", country=None))[0] == first


def test_other_types_join_by_entity_id() -> None:
    linker = _linker()
    russia = EntityRow("a", "gpe:russie:rus", "Russie", "GPE", "RUS")
    assert linker.link(russia) == ("gpe:russie:rus", "new")
    assert linker.link(EntityRow("b", "gpe:russie:rus", "Russie", "GPE", "RUS")) == ("gpe:russie:rus", "same id")


def test_a_taken_id_gets_a_number() -> None:
    linker = Linker([], id_taken=lambda actor_id: actor_id == "per:jean-dupont")
    assert linker.link(_person("a", "Jean Dupont"))[0] == "per:jean-dupont~2"
    assert linker.link(_person("b", "Jeanne Dupont", country=None))[0] == "per:jeanne-dupont"


# ---------------------------------------------------------------- clustering


def _mention(article: str, day: int | None, *, type_: str = "ATTACK", mode: str = "asserted",
             source: str | None = "actor:gpe:russie", target: str | None = "actor:gpe:ukraine") -> EventMention:
    return EventMention(article, 0, type_, mode, source, target, date(2024, 3, day) if day else None)


def test_same_type_sides_and_close_days_are_one_story() -> None:
    clusterer = Clusterer([])
    first = clusterer.assign(_mention("a", 10))
    assert clusterer.assign(_mention("b", 12)) == first
    assert clusterer.assign(_mention("c", 8)) == first  # reported earlier: the story now starts on the 8th


@pytest.mark.parametrize(
    "other",
    [
        _mention("b", 15),  # five days later
        _mention("b", 10, mode="hypothetical"),
        _mention("b", 10, type_="THREATEN"),
        _mention("b", 10, target="actor:gpe:pologne"),
        _mention("b", 10, source="code:RUS/MIL"),
        _mention("b", None),  # no day
    ],
)
def test_other_mentions_are_other_stories(other: EventMention) -> None:
    clusterer = Clusterer([])
    assert clusterer.assign(_mention("a", 10)) != clusterer.assign(other)


def test_a_story_does_not_drift_along_daily_reports() -> None:
    clusterer = Clusterer([])
    stories = [clusterer.assign(_mention(f"a{day}", day)) for day in (1, 3, 5, 7)]
    assert stories[0] == stories[1] and stories[2] != stories[0] and stories[3] == stories[2]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        (None, None),
        ("code:FRA/GOV", "code:FRA/CVL"),
        (None, "code:RUS/MIL"),
        (None, "actor:gpe:france:fra"),  # '40 Français blessés' at Beirut, 'six Français tués' in Niger
        ("code:FRA/GOV", "actor:gpe:france:fra"),  # two requests of the government to the French
    ],
)
def test_mentions_without_an_actor_side_stay_alone(source: str | None, target: str | None) -> None:
    clusterer = Clusterer([])
    alone = [clusterer.assign(_mention(article, 10, source=source, target=target)) for article in ("a", "b")]
    assert alone[0] != alone[1]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("actor:per:vladimir-poutine", "code:UKR/CVL"),
        ("actor:org:otan", None),
        ("actor:gpe:russie:rus", "actor:gpe:ukraine:ukr"),
    ],
)
def test_a_named_actor_or_two_actors_make_a_block(source: str | None, target: str | None) -> None:
    clusterer = Clusterer([])
    first = clusterer.assign(_mention("a", 10, source=source, target=target))
    assert clusterer.assign(_mention("b", 11, source=source, target=target)) == first


def test_side_keys() -> None:
    assert side_key("per:emmanuel-macron", "FRA", "GOV") == "actor:per:emmanuel-macron"
    assert side_key(None, "RUS", "MIL") == "code:RUS/MIL"
    assert side_key(None, None, "MIL") is None
