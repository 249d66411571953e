"""The entity component's data files (`lang/<code>/entities/*.txt`, `*.tsv`), each loaded once per language.

`load_lexicon(lang)` gathers them in one `Lexicon` that the rules are given; the functions below read
one file each (the store uses `titles`, `particles` and `role_nouns` of the default language).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..lang import DEFAULT_LANG, read_rows
from ..text import fold

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_LANGUAGES = 8  # lru_cache size of the per-language loaders
_PARTY_WORD = re.compile(r"[^\s-]+|-")


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """Matching key: folded, letters and digits only ('États-Unis', 'Etats Unis' -> 'etatsunis')."""
    return _NON_ALNUM.sub("", fold(text))


def data_lines(name: str, lang: str = DEFAULT_LANG) -> Iterator[list[str]]:
    """Tab-separated fields of an entities data file of language `lang`, without comments and blank lines."""
    yield from read_rows(lang, "entities", name)


def _folded_words(name: str, lang: str) -> frozenset[str]:
    return frozenset(fold(fields[0]) for fields in data_lines(name, lang))


def _with_plurals(words: frozenset[str]) -> frozenset[str]:
    return words | {word + "s" for word in words if not word.endswith(("s", "x"))}


@lru_cache(maxsize=_LANGUAGES)
def titles(lang: str = DEFAULT_LANG) -> frozenset[str]:
    """Civility titles ('m.', 'mme', 'docteur'), folded, with and without their final period."""
    words = _folded_words("titles.txt", lang)
    return words | {word.rstrip(".") for word in words}


@lru_cache(maxsize=_LANGUAGES)
def not_names(lang: str = DEFAULT_LANG) -> frozenset[str]:
    """Capitalised words that are never an entity alone (weekdays, widgets, compass points), folded."""
    return _folded_words("not_names.txt", lang)


@lru_cache(maxsize=_LANGUAGES)
def particles(lang: str = DEFAULT_LANG) -> frozenset[str]:
    """Lower-case words allowed inside a person's name ('de', 'al', 'van'), folded."""
    return _folded_words("particles.txt", lang)


@lru_cache(maxsize=_LANGUAGES)
def role_nouns(lang: str = DEFAULT_LANG) -> frozenset[str]:
    """Nouns heading a person's description ('ministre', 'porte-parole'), folded, singular and plural."""
    return _with_plurals(_folded_words("role_nouns.txt", lang))


@lru_cache(maxsize=_LANGUAGES)
def first_names(lang: str = DEFAULT_LANG) -> frozenset[str]:
    """Usual first names ('Claire', 'Jean-Marie', 'Luca'), folded: the quotes' list (`quotes/first_names.tsv`, the
    names whose gender is clear) and the entities' own (`entities/first_names.txt`)."""
    gendered = (fields[0] for fields in read_rows(lang, "quotes", "first_names.tsv"))
    return frozenset(fold(name) for name in gendered) | _folded_words("first_names.txt", lang)


@lru_cache(maxsize=_LANGUAGES)
def family_nouns(lang: str = DEFAULT_LANG) -> frozenset[str]:
    """Nouns of kinship ('femme', 'fils', 'sœur') before a first name used alone, folded."""
    return _folded_words("family_nouns.txt", lang)


@lru_cache(maxsize=_LANGUAGES)
def thing_nouns(lang: str = DEFAULT_LANG) -> frozenset[str]:
    """Nouns that introduce the name of a thing ('groupe', 'hôpital', 'maladie'), folded, singular and plural."""
    return _with_plurals(_folded_words("thing_nouns.txt", lang))


@lru_cache(maxsize=_LANGUAGES)
def portfolios(lang: str = DEFAULT_LANG) -> frozenset[str]:
    """Capitalised words naming a government portfolio ('Justice', 'Numérique'), folded (`portfolios.txt`)."""
    return _folded_words("portfolios.txt", lang)


def media_nouns(lang: str = DEFAULT_LANG) -> frozenset[str]:
    """Nouns that introduce an outlet's name ('agence', 'journal'), folded."""
    return _folded_words("media_nouns.txt", lang)


@lru_cache(maxsize=_LANGUAGES)
def media(lang: str = DEFAULT_LANG) -> dict[str, str | None]:
    """Key of every listed news outlet or agency -> country code (None when international)."""
    outlets = data_lines("media.tsv", lang)
    return {key(fields[0]): (fields[1] if len(fields) > 1 and fields[1] else None) for fields in outlets}


@lru_cache(maxsize=_LANGUAGES)
def media_forms(lang: str = DEFAULT_LANG) -> dict[str, tuple[str, ...]]:
    """First word -> outlet names as written ('Financial Times'), for scanning text the model left untagged."""
    forms: dict[str, list[str]] = {}
    for fields in data_lines("media.tsv", lang):
        written = fields[0].replace("’", "'")
        forms.setdefault(written.split()[0], []).append(written)
    return {first: tuple(sorted(names, key=len, reverse=True)) for first, names in forms.items()}


@lru_cache(maxsize=_LANGUAGES)
def parties(lang: str = DEFAULT_LANG) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Folded first word -> the folded words of each listed party opening with it, longest first ('republique' ->
    ('republique', 'en', 'marche')); a hyphen between spaces is a word of its own."""
    forms: dict[str, list[tuple[str, ...]]] = {}
    for fields in data_lines("parties.txt", lang):
        words = tuple(fold(word) for word in _PARTY_WORD.findall(fields[0]))
        forms.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(found, key=len, reverse=True)) for first, found in forms.items()}


@lru_cache(maxsize=_LANGUAGES)
def closed_words(lang: str = DEFAULT_LANG) -> dict[str, frozenset[str]]:
    """The closed word classes of `closed_words.tsv` (articles, prepositions, coordinators...), words as written."""
    return {fields[0]: frozenset(fields[1].split()) for fields in data_lines("closed_words.tsv", lang)}


@dataclass(frozen=True)
class Lexicon:
    """Every word list the entity rules of one language read: data files and closed word classes."""

    lang: str
    titles: frozenset[str]
    not_names: frozenset[str]
    particles: frozenset[str]
    role_nouns: frozenset[str]
    thing_nouns: frozenset[str]
    portfolios: frozenset[str]  # folded words of government portfolios ('justice', 'numerique')
    media_nouns: frozenset[str]
    media: dict[str, str | None]
    media_forms: dict[str, tuple[str, ...]]
    apposition_determiners: frozenset[str]
    indefinite: frozenset[str]
    coordinators: frozenset[str]
    leading_articles: frozenset[str]
    thing_determiners: frozenset[str]
    never_in_names: frozenset[str]
    second_particles: frozenset[str]
    age_units: frozenset[str]
    media_fillers: frozenset[str]
    of: frozenset[str]
    opening_adjectives: frozenset[str]
    role_determiners: frozenset[str]
    role_joiners: frozenset[str]
    web_domains: frozenset[str]
    first_names: frozenset[str]  # folded usual first names (the quotes' list and the entities' own)
    relatives: frozenset[str]  # relative pronouns ('qui', 'dont')
    family_nouns: frozenset[str]  # folded nouns of kinship ('femme', 'fils')
    name_articles: frozenset[str] = frozenset()  # 'le' of 'Jean-Yves le Drian' (closed_words.tsv)
    parties: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # see `parties`


@lru_cache(maxsize=_LANGUAGES)
def load_lexicon(lang: str = DEFAULT_LANG) -> Lexicon:
    """The entity lexicon of language `lang`, built once per process."""
    words = closed_words(lang)
    return Lexicon(
        lang=lang, titles=titles(lang), not_names=not_names(lang), particles=particles(lang),
        role_nouns=role_nouns(lang), thing_nouns=thing_nouns(lang), portfolios=portfolios(lang), media_nouns=media_nouns(lang),
        media=media(lang), media_forms=media_forms(lang),
        apposition_determiners=words["apposition_determiners"], indefinite=words["indefinite"],
        coordinators=words["coordinators"], leading_articles=words["leading_articles"],
        thing_determiners=words["thing_determiners"], never_in_names=words["never_in_names"],
        second_particles=words["second_particles"], age_units=words["age_units"],
        media_fillers=words["media_fillers"], of=words["of"], opening_adjectives=words["opening_adjectives"],
        role_determiners=words["role_determiners"], role_joiners=words["role_joiners"],
        web_domains=words["web_domains"], first_names=first_names(lang),
        relatives=words["relatives"], family_nouns=family_nouns(lang),
        name_articles=words.get("name_articles", frozenset()), parties=parties(lang),
    )
