"""The one fold and slug every stage uses (newsgraph.text)."""
from __future__ import annotations

import pytest

from newsgraph.text import fold, slug


@pytest.mark.parametrize(("written", "plain"), [
    ("Kılıçdaroğlu", "Kilicdaroglu"),
    ("Wałęsa", "Walesa"),
    ("Søren Kierkegaard", "Soren Kierkegaard"),
    ("Sergueï Choïgou", "Serguei Choigou"),
])
def test_one_person_written_two_ways_has_one_slug(written: str, plain: str) -> None:
    assert slug(written) == slug(plain)
    assert "-" not in slug(written.split()[0])


def test_fold_keeps_punctuation_and_straightens_apostrophes() -> None:
    assert fold("L’Élysée « répond »") == "l'elysee « repond »"
    assert fold("sœur") == fold("soeur") == "soeur"


def test_slug_joins_ascii_words() -> None:
    assert slug("  Sergueï   Choïgou ") == "serguei-choigou"
    assert slug("«»") == ""


def test_fold_transliterates_the_letters_of_a_compatibility_character() -> None:
    # '㍘' decomposes to a digit and a CJK letter: folding once must give what folding twice gives
    assert fold("㍘") == fold(fold("㍘")) == "0dian"
