"""Person names as strings: comparison keys, transliteration keys, and grouping of one article's mentions.

Pure functions over strings: no Doc here. A person's mentions are grouped under the fullest name the
article uses: short forms ("Poutine", "Kim", "Pacheco Pardo") join the one longer name they are part of;
spelling variants of a transliterated name ("Choïgou" / "Shoigu") join it only when nothing else matches.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from .lexicon import fold

# Ordered rewrites that bring French and English transliterations of Russian, Arabic, Korean and Chinese
# names to one spelling: French "tch"/"ch" and English "ch"/"sh" (Gorbatchev/Gorbachev, Choïgou/Shoigu),
# "dj"/"j"/"zh" (Prigojine/Prigozhin), "kh"/"h", "ou"/"u", "y"/"i", "gue"/"ge" (Evgueni/Yevgeny), "x"/"ks".
_TRANSLITERATION = (
    ("chtch", "c"), ("shch", "c"), ("tsch", "c"), ("tch", "c"), ("sch", "c"), ("ch", "c"), ("sh", "c"),
    ("dzh", "j"), ("dj", "j"), ("zh", "j"), ("kh", "h"), ("gh", "g"), ("ph", "f"), ("th", "t"),
    ("ck", "k"), ("q", "k"), ("x", "ks"), ("w", "v"), ("y", "i"), ("ou", "u"), ("oo", "u"), ("ee", "i"),
    ("gue", "ge"), ("gui", "gi"),
)
_DOUBLE = re.compile(r"(.)\1+")
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ul)-")
_MIN_TYPO_LENGTH = 5  # first names shorter than this differ too easily by one letter (Jill / Joe)
# words naming the father in Arabic names ('Mohammed ben Salmane'): the word after them alone names the father
_PATRONYMIC = frozenset({"ben", "bin", "ibn", "bint", "bent", "ould"})


def name_words(name: str) -> tuple[str, ...]:
    """Folded words of a name, split on spaces ('Jean-Marie Le Pen' -> ('jean-marie', 'le', 'pen'))."""
    return tuple(word.strip(".,") for word in fold(name).split() if word.strip(".,"))


def flat_key(name: str) -> str:
    """Letters of the whole name only: 'Kim Jong-un' and 'Kim Jong Un' share 'kimjongun'."""
    return re.sub(r"[^a-z0-9]+", "", fold(name))


@lru_cache(maxsize=8192)
def transliteration_key(word: str) -> str:
    """A spelling-independent key for one transliterated name ('Choïgou' and 'Shoigu' -> 'coigu')."""
    text = _ARTICLE_PREFIX.sub("", fold(word))
    text = re.sub(r"[^a-z]+", "", text)
    for written, spoken in _TRANSLITERATION:
        text = text.replace(written, spoken)
    text = re.sub(r"^[ij]e", "e", text)  # Yevgeny / Ievgueni / Evgueni
    text = _DOUBLE.sub(r"\1", text)
    return text[:-1] if len(text) > 3 and text.endswith("e") else text


def initials(words: Sequence[str]) -> str:
    """First letters of a name's words ('ruth bader ginsburg' -> 'rbg')."""
    return "".join(word[0] for word in words if word)


def is_short_form(short: Sequence[str], full: Sequence[str]) -> bool:
    """Whether `short` names the person `full` by part of the name: surname, first name, initials."""
    if not short or len(short) >= len(full):
        return False
    size = len(short)
    if tuple(full[-size:]) == tuple(short) or tuple(full[:size]) == tuple(short):
        return True
    return size == 1 and len(short[0]) >= 2 and short[0] == initials(full)


def is_spelling_variant(one: Sequence[str], other: Sequence[str]) -> bool:
    """Same full name up to one letter of the first name ('Hashin Thaçi' / 'Hashim Thaçi'), or written alike."""
    if len(one) != len(other) or len(one) < 2 or tuple(one[1:]) != tuple(other[1:]):
        return False
    first, second = one[0], other[0]
    if first.rstrip("e") == second.rstrip("e"):  # Louis / Louise, Denis / Denise: two people
        return first == second
    return min(len(first), len(second)) >= _MIN_TYPO_LENGTH and _one_edit(first, second)


def _one_edit(one: str, other: str) -> bool:
    """Whether two different words differ by one substitution, insertion or deletion."""
    if abs(len(one) - len(other)) > 1 or one == other:
        return False
    if len(one) == len(other):
        return sum(a != b for a, b in zip(one, other, strict=True)) == 1
    shorter, longer = sorted((one, other), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


class _NameIndex:
    """The name forms of the persons grouped so far, indexed for each way a new mention may match them."""

    def __init__(self) -> None:
        self.flats: dict[str, int] = {}
        self.parts: dict[tuple[str, ...], set[int]] = defaultdict(set)  # first/last words, initials
        self.tails: dict[tuple[str, ...], set[tuple[int, str]]] = defaultdict(set)  # all but the first word
        self.keys: dict[tuple[str, ...], set[int]] = defaultdict(set)  # transliteration keys of last words
        self.ends: dict[tuple[str, str], set[int]] = defaultdict(set)  # first and last word of names of 3+
        self.cut: dict[tuple[str, ...], set[int]] = defaultdict(set)  # a hyphenated surname cut at its hyphen
        self.first_position: list[int] = []
        self._seen: set[tuple[int, tuple[str, ...]]] = set()

    def new_person(self, position: int) -> int:
        """Open a person; return its number."""
        self.first_position.append(position)
        return len(self.first_position) - 1

    def add(self, person: int, words: tuple[str, ...], flat: str, position: int) -> None:
        """Record one more form of a person's name."""
        self.first_position[person] = min(self.first_position[person], position)
        if (person, words) in self._seen:
            return
        self._seen.add((person, words))
        self.flats.setdefault(flat, person)
        father = len(words) > 1 and words[-2] in _PATRONYMIC  # 'Salmane' alone is not 'Mohammed ben Salmane'
        for size in range(1, len(words)):
            if not (father and size == 1):
                self.parts[words[-size:]].add(person)
            self.parts[words[:size]].add(person)
        if len(words) > 1:
            self.parts[(initials(words),)].add(person)
            self.tails[words[1:]].add((person, words[0]))
        if len(words) > 2:
            self.ends[(words[0], words[-1])].add(person)
        if len(words) > 1 and "-" in words[-1].strip("-"):
            self.cut[(*words[:-1], words[-1].split("-")[0])].add(person)
        keys = tuple(transliteration_key(word) for word in words)
        for size in range(2 if father else 1, len(words) + 1):
            self.keys[keys[-size:]].add(person)

    def find(self, words: tuple[str, ...], flat: str) -> int | None:
        """The person a mention names: same name; else the longer name it is part of (the first introduced
        if several: usually the article's subject); else the one longer name with its first and last words;
        else the one name whose surname it transliterates; else the one name with the same first words whose
        hyphenated surname opens with its surname ('Maryse Joissains' for 'Maryse Joissains-Masini')."""
        if flat in self.flats:
            return self.flats[flat]
        for person, first in self.tails.get(words[1:], ()) if len(words) > 1 else ():
            if is_spelling_variant(words, (first, *words[1:])):
                return person
        longer = self.parts.get(words)
        if longer:
            return min(longer, key=self.first_position.__getitem__)
        around = self.ends.get((words[0], words[-1]), set()) if len(words) == 2 else set()
        if len(around) == 1:  # 'Recep Erdogan', 'François Rugy': a middle name or particle left out
            return next(iter(around))
        variants = self.keys.get(tuple(transliteration_key(word) for word in words), set())
        if len(variants) == 1:
            return next(iter(variants))
        cut = self.cut.get(words, set()) if len(words) > 1 else set()
        return next(iter(cut)) if len(cut) == 1 else None


def group_people(names: Sequence[str], positions: Sequence[int]) -> list[list[int]]:
    """Group person mentions (names without titles, text positions) into one sorted index list per person."""
    words = [name_words(name) for name in names]
    flats = [flat_key(name) for name in names]
    order = sorted(range(len(names)), key=lambda i: (-len(words[i]), positions[i]))
    index = _NameIndex()
    members: list[list[int]] = []
    for i in order:
        if not words[i]:
            continue
        person = index.find(words[i], flats[i])
        if person is None:
            person = index.new_person(positions[i])
            members.append([])
        members[person].append(i)
        index.add(person, words[i], flats[i], positions[i])
    return sorted(sorted(found) for found in members)


def canonical_name(names: Sequence[str]) -> str:
    """The fullest of a person's name forms: most words, then most frequent, then first used."""
    counts = Counter(names)
    first = {name: names.index(name) for name in reversed(names)}
    return min(counts, key=lambda name: (-len(name_words(name)), -counts[name], first[name]))
