"""The entity component's data files (`lang/fr/entities/*.txt`, `*.tsv`), each loaded once."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..lang import DEFAULT_LANG, read_text
from ..text import fold

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """Matching key: folded, letters and digits only ('États-Unis', 'Etats Unis' -> 'etatsunis')."""
    return _NON_ALNUM.sub("", fold(text))


def data_lines(name: str) -> Iterator[list[str]]:
    """Tab-separated fields of a data file of this package, without comments and blank lines."""
    text = read_text(DEFAULT_LANG, "entities", name)
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield [field.strip() for field in line.split("\t")]


def _folded_words(name: str) -> frozenset[str]:
    return frozenset(fold(fields[0]) for fields in data_lines(name))


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Civility titles ('m.', 'mme', 'docteur'), folded, with and without their final period."""
    words = _folded_words("titles.txt")
    return words | {word.rstrip(".") for word in words}


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Capitalised words that are never an entity alone (weekdays, widgets, compass points), folded."""
    return _folded_words("not_names.txt")


@lru_cache(maxsize=1)
def particles() -> frozenset[str]:
    """Lower-case words allowed inside a person's name ('de', 'al', 'van'), folded."""
    return _folded_words("particles.txt")


@lru_cache(maxsize=1)
def role_nouns() -> frozenset[str]:
    """Nouns heading a person's description ('ministre', 'porte-parole'), folded, singular and plural."""
    words = _folded_words("role_nouns.txt")
    return words | {word + "s" for word in words if not word.endswith(("s", "x"))}


@lru_cache(maxsize=1)
def thing_nouns() -> frozenset[str]:
    """Nouns that introduce the name of a thing ('groupe', 'hôpital', 'maladie'), folded, singular and plural."""
    words = _folded_words("thing_nouns.txt")
    return words | {word + "s" for word in words if not word.endswith(("s", "x"))}


@lru_cache(maxsize=1)
def media_nouns() -> frozenset[str]:
    """Nouns that introduce an outlet's name ('agence', 'journal'), folded."""
    return _folded_words("media_nouns.txt")


@lru_cache(maxsize=1)
def media() -> dict[str, str | None]:
    """Key of every listed news outlet or agency -> country code (None when international)."""
    outlets = data_lines("media.tsv")
    return {key(fields[0]): (fields[1] if len(fields) > 1 and fields[1] else None) for fields in outlets}


@lru_cache(maxsize=1)
def media_forms() -> dict[str, tuple[str, ...]]:
    """First word -> outlet names as written ('Financial Times'), for scanning text the model left untagged."""
    forms: dict[str, list[str]] = {}
    for fields in data_lines("media.tsv"):
        written = fields[0].replace("’", "'")
        forms.setdefault(written.split()[0], []).append(written)
    return {first: tuple(sorted(names, key=len, reverse=True)) for first, names in forms.items()}
