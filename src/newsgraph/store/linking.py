"""Linking each article's entities to knowledge-base actors: one person, one actor, across articles.

Pure logic over names and small profiles; `store.derived` feeds it from the database. A person
entity joins an actor of the same surname block (the transliteration key of its last name word,
so 'Choïgou' and 'Shoigu' meet) when the names are compatible:

- a full name joins an actor with a compatible full name: same surname and first name, up to
  transliteration, an initial ('E. Macron') or one letter of a long first name ('Hashin' /
  'Hashim'); an actor known by other first names only is another person ('Brigitte Macron');
- a full name also joins an actor known by its surname alone when that actor shares its country
  or role noun, or is the only person of that surname in the knowledge base;
- a surname alone ('Macron', 'M. Macron', 'Le Pen') joins the only actor of that surname, else
  the only one sharing its role noun, else its country, else the one actor known by the surname alone;
  a single word that the knowledge base also uses as a first name ('François', 'Charles') joins only
  an actor known by that word alone.

Anything else founds a new actor. Other entity types (organizations, places) join the actor of
the same entity id. The result depends on what the knowledge base already holds when an article
comes (an article naming 'Macron' alone before any full name founds a surname actor, which the
first compatible full name then joins); within one batch, full names are linked first.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..entities.lexicon import particles, role_nouns, titles
from ..entities.names import is_spelling_variant, name_words, transliteration_key

# Lower-case articles that open French surnames ('Le Pen', 'La Fontaine'): with the name particles
# ('de', 'van', 'al'), words that make a one-word surname longer without being a first name.
_SURNAME_ARTICLES = frozenset({"le", "la"})


@dataclass(frozen=True)
class EntityRow:
    """One article's entity as linking sees it."""

    article_id: str
    entity_id: str
    name: str
    type: str
    country: str | None = None
    role: str | None = None


@dataclass
class ActorProfile:
    """What linking knows of an actor: its names, countries and role nouns."""

    id: str
    type: str
    block: str
    full_names: set[tuple[str, ...]] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    articles: int = 0

    def absorb(self, row: EntityRow) -> None:
        """Add one linked entity's name, country and role to the profile."""
        self.learn_name(row.name)
        if row.country:
            self.countries.add(row.country)
        self.roles |= role_words(row.role)
        self.articles += 1

    def learn_name(self, name: str) -> None:
        """Add one name of the actor (its full name, if it is one, and its last word)."""
        words = person_words(name)
        if is_full_name(words):
            self.full_names.add(words)
        if words:
            self.surnames.add(words[-1])


def person_words(name: str) -> tuple[str, ...]:
    """Folded words of a person's name without civility titles and brackets ('M. Macron' -> ('macron',))."""
    words = tuple(word for word in (word.strip("()[]«»\"") for word in name_words(name)) if word)
    start = 0
    while start < len(words) - 1 and (words[start] in titles() or words[start] + "." in titles()):
        start += 1
    return words[start:]


def is_full_name(words: Sequence[str]) -> bool:
    """A first name and a surname: more than one word, not only particles before the last."""
    lead = set(words[:-1]) - particles() - _SURNAME_ARTICLES
    return len(words) > 1 and bool(lead)


def block_key(row: EntityRow) -> str:
    """The candidate block of an entity: its surname's transliteration key (persons) or its id (other
    types, and persons whose last word holds a digit: 'COP21')."""
    if row.type != "PER":
        return row.entity_id
    words = person_words(row.name)
    if not words or any(character.isdigit() for character in words[-1]):
        return "per-id:" + row.entity_id
    return "per:" + transliteration_key(words[-1])


def role_words(role: str | None) -> set[str]:
    """The head of a role: its first role noun among its first two words, else its first word
    ('ancien ministre' -> {'ministre'}, 'épouse du président' -> {'epouse'})."""
    words = name_words(role) if role else ()
    if not words:
        return set()
    nouns = [word for word in words[:2] if word in role_nouns()]
    return {nouns[0] if nouns else words[0]}


def _feminine_stem(word: str) -> str:
    return re.sub(r"(.)\1+", r"\1", word).rstrip("e")


def first_names_compatible(one: str, other: str) -> bool:
    """Same first name up to transliteration, an initial or one letter of a long name."""
    if one != other and _feminine_stem(one) == _feminine_stem(other):  # Jean / Jeanne, Michel / Michèle
        return False
    if transliteration_key(one) == transliteration_key(other):
        return True
    if min(len(one), len(other)) == 1:
        return one[0] == other[0]
    return is_spelling_variant((one, "x"), (other, "x"))


def full_names_compatible(one: Sequence[str], other: Sequence[str]) -> bool:
    """Two full names of one person: one ends with the other ('République Emmanuel Macron', a word of the
    sentence taken into the name), or same surname (transliterated), compatible first names and the same
    middle initials when both have middle names ('George W. Bush' is not 'George H. W. Bush')."""
    if not surnames_compatible(one[-1], other[-1]):
        return False
    shorter, longer = sorted((tuple(one), tuple(other)), key=len)
    if len(shorter) < len(longer) and longer[-len(shorter):] == shorter:  # 'République Emmanuel Macron'
        return True
    middles = [_middle_initials(name) for name in (one, other)]
    if all(middles) and middles[0] != middles[1]:
        return False
    return first_names_compatible(one[0], other[0])


def surnames_compatible(one: str, other: str) -> bool:
    """Same surname up to transliteration, but not a masculine and a feminine form ('Louis' / 'Louise')."""
    if one != other and _feminine_stem(one) == _feminine_stem(other):
        return False
    return transliteration_key(one) == transliteration_key(other)


def _middle_initials(words: Sequence[str]) -> str:
    skipped = particles() | _SURNAME_ARTICLES
    return "".join(word[0] for word in words[1:-1] if word not in skipped)


class Linker:
    """Actor profiles by block, and the rule that links a new entity to one of them or founds one."""

    def __init__(
        self, profiles: Iterable[ActorProfile], *, id_taken: Callable[[str], bool], first_names: Iterable[str] = ()
    ) -> None:
        self.first_names = frozenset(first_names)  # words the knowledge base uses as first names of full names
        self.blocks: dict[str, list[ActorProfile]] = {}
        for profile in profiles:
            self.blocks.setdefault(profile.block, []).append(profile)
        self._id_taken = id_taken
        self._new_ids: set[str] = set()

    def link(self, row: EntityRow) -> tuple[str, str]:
        """The actor id `row` belongs to, and the rule that decided; the profile learns the row."""
        block = block_key(row)
        candidates = [p for p in self.blocks.get(block, []) if p.type == row.type]
        if row.type != "PER":
            chosen, rule = (candidates[0], "same id") if candidates else (None, "new")
        else:
            chosen, rule = choose_person(row, candidates, first_names=self.first_names)
        if chosen is None:
            chosen = ActorProfile(self._fresh_id(row.entity_id), row.type, block)
            self.blocks.setdefault(block, []).append(chosen)
        chosen.absorb(row)
        return chosen.id, rule

    def _fresh_id(self, entity_id: str) -> str:
        candidate, number = entity_id, 1
        while candidate in self._new_ids or self._id_taken(candidate):
            number += 1
            candidate = f"{entity_id}~{number}"
        self._new_ids.add(candidate)
        return candidate


def choose_person(
    row: EntityRow, candidates: Sequence[ActorProfile], *, first_names: frozenset[str] = frozenset()
) -> tuple[ActorProfile | None, str]:
    """The actor of the same surname block a person entity names, with the rule; (None, 'new') if none.
    A single word that is also a first name in the knowledge base ('François', 'Charles') joins only
    an actor known by that word alone."""
    words = person_words(row.name)
    if not words:
        return None, "new"
    if is_full_name(words):
        return _choose_for_full_name(row, words, candidates)
    candidates = [p for p in candidates if any(surnames_compatible(words[-1], name) for name in p.surnames)
                  or not p.surnames]
    if len(words) == 1 and words[0] in first_names:
        alone = [p for p in candidates if not p.full_names and words[0] in p.surnames]
        return (alone[0], "first name alone, the actor of that word") if len(alone) == 1 else (None, "new")
    return _choose_for_surname(row, candidates)


def _most_cited(profiles: Sequence[ActorProfile]) -> ActorProfile:
    return min(profiles, key=lambda profile: (-profile.articles, profile.id))


def _context_match(row: EntityRow, profile: ActorProfile) -> bool:
    same_country = row.country is not None and row.country in profile.countries
    return same_country or bool(role_words(row.role) & profile.roles)


def _choose_for_full_name(
    row: EntityRow, words: tuple[str, ...], candidates: Sequence[ActorProfile]
) -> tuple[ActorProfile | None, str]:
    named = [p for p in candidates if any(full_names_compatible(words, full) for full in p.full_names)]
    if named:
        return _most_cited(named), "full name"
    surname_only = [p for p in candidates if not p.full_names]
    in_context = [p for p in surname_only if _context_match(row, p)]
    if in_context:
        return _most_cited(in_context), "surname actor, same country or role"
    if len(candidates) == 1 and surname_only:
        return surname_only[0], "surname actor, only one of that surname"
    return None, "new"


def _choose_for_surname(row: EntityRow, candidates: Sequence[ActorProfile]) -> tuple[ActorProfile | None, str]:
    if len(candidates) == 1:
        return candidates[0], "surname, only one of that surname"
    roles = role_words(row.role)
    same_role = _one_preferring_named([p for p in candidates if roles & p.roles])
    if same_role:
        return same_role, "surname, same role"
    same_country = _one_preferring_named([p for p in candidates if row.country and row.country in p.countries])
    if same_country:
        return same_country, "surname, same country"
    surname_only = [p for p in candidates if not p.full_names]
    if len(surname_only) == 1:
        return surname_only[0], "surname, the surname actor"
    return None, "new"


def _one_preferring_named(profiles: Sequence[ActorProfile]) -> ActorProfile | None:
    # the one profile, or the one with a full name among them (an actor known by the surname alone is a
    # bucket for unclear mentions, not a person who could hold the role)
    if len(profiles) == 1:
        return profiles[0]
    named = [profile for profile in profiles if profile.full_names]
    return named[0] if len(named) == 1 else None


def link_order(rows: Iterable[tuple[EntityRow, object]]) -> list[tuple[EntityRow, object]]:
    """Rows in linking order: full names before surnames, then by the given sort key (e.g. day, article)."""
    def order(item: tuple[EntityRow, object]) -> tuple[int, str, str, str]:
        row, key = item
        return (0 if is_full_name(person_words(row.name)) else 1, str(key), row.article_id, row.entity_id)

    return sorted(rows, key=order)
