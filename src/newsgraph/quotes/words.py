"""The closed word classes the attribution rules test tokens against, read from `lang/<code>/quotes/words.tsv`.

The rules never spell a word of the language: they ask whether a token is in `words().que`, `words().negation`,
..., the classes of the active language (`lang.profile.use_language`; the default language's outside a block).
The weekdays that open an adjunct come from the language profile (babel's CLDR calendar).

    >>> "qu'" in words().que
    True
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache

from ..lang import read_rows
from ..lang.profile import active_profile, get_profile


@dataclass(frozen=True)
class Words:
    """One frozenset of lower-case words per class of `words.tsv`."""

    que: frozenset[str]  # the complementizer: 'X a affirmé que ...'
    de: frozenset[str]
    a: frozenset[str]
    noun_links: frozenset[str]  # prepositions inside a noun phrase: 'le ministre des Affaires étrangères'
    dative: frozenset[str]  # 'a déclaré à X'
    negation: frozenset[str]
    negative_particles: frozenset[str]
    stressed_pronouns: frozenset[str]  # 'selon lui'
    inverted_pronouns: frozenset[str]  # 'a-t-il dit'
    euphonic: frozenset[str]  # the letter set between a verb and an inverted pronoun: 'a-t-il'
    impersonal: frozenset[str]  # 'il a été annoncé que'
    reflexive: frozenset[str]
    object_clitics: frozenset[str]  # 'il l'a annoncé'
    first_person: frozenset[str]  # subjects that never name a speaker
    first_person_objects: frozenset[str]  # 'il m'a dit que': the quoted speaker as the addressee of another's words
    not_speakers: frozenset[str]
    subject_relative: frozenset[str]  # 'X, qui a dit': the relative pronoun standing for its antecedent
    relatives: frozenset[str]
    source_stops: frozenset[str]  # words that end the noun phrase of a source: 'selon X qui ...'
    auxiliary_forms: frozenset[str]  # the finite forms of the perfect's auxiliary: 'a', 'ont', 'avait'
    auxiliaries: frozenset[str]  # the auxiliaries' infinitives
    modals: frozenset[str]  # lemmas whose infinitive complement is no speech act: 'pourrait dire'
    causatives: frozenset[str]  # 'fait craindre': the infinitive tells an effect, nobody speaks
    purpose: frozenset[str]  # 'pour demander': a purpose, not a speech act
    gerund: frozenset[str]  # 'tout en soulignant'
    adjunct_openers: frozenset[str]  # prepositions opening an adjunct between a cue and its subject
    medium_prepositions: frozenset[str]  # 'dans un communiqué', 'sur Twitter'
    name_links: frozenset[str]  # lower-case words inside a name: 'Charles de Gaulle'
    indefinite_articles: frozenset[str]
    describing_determiners: frozenset[str]  # 'cette Strasbourgeoise': a demonym, not a name
    feminine_determiners: frozenset[str]
    masculine_determiners: frozenset[str]
    epicene_endings: frozenset[str]  # a role noun so ending is one word in both genders: 'ministre', 'journaliste'
    demonstrative_suffixes: frozenset[str]  # 'celui' + '-ci'
    connectives: frozenset[str]  # a one-word frame before a quotation: 'Mais « ... »'
    coordinators: frozenset[str]  # join a second predicate of the same subject: 'X a dit que ... et a ajouté'
    dangling_tail: frozenset[str]  # words trimmed from the end of a quote: '..., et'
    byline_openers: frozenset[str]  # first words of a byline: 'Par X'
    byline_phrases: frozenset[str]  # phrases of a byline: 'publié le'
    name_particles: frozenset[str]  # lower-case words that can start a person's name: 'de Villepin'
    plural_indefinite: frozenset[str]  # 'des sources': the plural indefinite article, which the tagger may read as 'de'
    news_nouns: frozenset[str]  # 'a annoncé la nouvelle': an object that names a piece of news, not its content


@lru_cache(maxsize=8)
def load_words(lang: str) -> Words:
    """The word classes of language `lang` (adjunct openers completed with the profile's weekdays)."""
    classes: dict[str, frozenset[str]] = {}
    for name, *words in read_rows(lang, "quotes", "words.tsv"):
        classes[name] = frozenset(word.replace("_", " ") for word in " ".join(words).split())
    expected = {field.name for field in fields(Words)}
    if set(classes) != expected:
        raise ValueError(f"lang/{lang}/quotes/words.tsv: classes {sorted(set(classes) ^ expected)} are missing or "
                         f"unknown; expected exactly {sorted(expected)}")
    classes["adjunct_openers"] |= frozenset(get_profile(lang).weekdays)
    return Words(**classes)


def alternation(words: frozenset[str]) -> str:
    """A regular-expression alternation of `words`, longest first: 'tout en|car|et'."""
    return "|".join(re.escape(word) for word in sorted(words, key=lambda word: (-len(word), word)))


def words() -> Words:
    """The word classes of the active language."""
    return load_words(active_profile().code)
