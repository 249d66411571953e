"""Country resolution: names, demonyms, capitals, seats of power."""
from __future__ import annotations

import pytest

from newsgraph.entities.countries import demonym_country, inflect, is_demonym, resolve_country
from newsgraph.entities.countries_eval import evaluate, read_phrases

ACCURACY_FLOOR = 0.97  # raise it when the resolver improves; never lower it silently


def test_phrase_set_accuracy_floor(data_dir):
    pairs = read_phrases(data_dir.parent / "entities" / "data" / "country_phrases.tsv")
    assert len(pairs) >= 150
    score = evaluate(pairs)
    assert score.accuracy >= ACCURACY_FLOOR, score.errors


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("la Corée du Nord", "PRK"),
        ("Etats-Unis", "USA"),
        ("États Unis", "USA"),
        ("l'Ukraine", "UKR"),
        ("le Kremlin", "RUS"),
        ("la Maison Blanche", "USA"),
        ("Kyiv", "UKR"),
        ("Matignon", "FRA"),
        ("Pékin", "CHN"),
    ],
)
def test_resolve_country(phrase, expected):
    assert resolve_country(phrase) == expected


@pytest.mark.parametrize(
    "phrase",
    ["du Nord", "Nord", "coréen", "européen", "Hollande", "mâle", "Commentaire", "", "la", "Lagos"],
)
def test_not_a_country(phrase):
    assert resolve_country(phrase) is None


@pytest.mark.parametrize(
    ("masculine", "feminine", "forms"),
    [
        ("russe", None, ("russe", "russe", "russes", "russes")),
        ("ukrainien", None, ("ukrainien", "ukrainienne", "ukrainiens", "ukrainiennes")),
        ("nord-coréen", None, ("nord-coréen", "nord-coréenne", "nord-coréens", "nord-coréennes")),
        ("français", None, ("français", "française", "français", "françaises")),
        ("américain", None, ("américain", "américaine", "américains", "américaines")),
        ("grec", "grecque", ("grec", "grecque", "grecs", "grecques")),
    ],
)
def test_inflect(masculine, feminine, forms):
    assert inflect(masculine, feminine) == forms


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Américains", "USA"), ("nord-coréennes", "PRK"), ("russe", "RUS"), ("Turques", "TUR"), ("Moscou", None)],
)
def test_demonym_country(word, expected):
    assert demonym_country(word) == expected
    assert is_demonym(word) is (expected is not None)
