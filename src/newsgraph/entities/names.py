"""Person names as strings: comparison keys, transliteration keys, and grouping of one article's mentions.

Pure functions over strings: no Doc here. A person's mentions are grouped under the fullest name the
article uses: short forms ("Poutine", "Kim", "Pacheco Pardo") join the one longer name they are part of;
spelling variants of a transliterated name ("Choïgou" / "Shoigu") join it only when nothing else matches.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

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


def name_words(name: str) -> tuple[str, ...]:
    """Folded words of a name, split on spaces ('Jean-Marie Le Pen' -> ('jean-marie', 'le', 'pen'))."""
    return tuple(word.strip(".,") for word in fold(name).split() if word.strip(".,"))


def flat_key(name: str) -> str:
    """Letters of the whole name only: 'Kim Jong-un' and 'Kim Jong Un' share 'kimjongun'."""
    return re.sub(r"[^a-z0-9]+", "", fold(name))


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


def is_transliteration(short: Sequence[str], full: Sequence[str]) -> bool:
    """Whether `short` is the surname of `full` spelled in another transliteration ('Shoigu', 'Sergueï Choïgou')."""
    if not short or len(short) > len(full):
        return False
    return all(transliteration_key(a) == transliteration_key(b) for a, b in zip(short[::-1], full[::-1]))


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
        return sum(a != b for a, b in zip(one, other)) == 1
    shorter, longer = sorted((one, other), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


@dataclass
class PersonCluster:
    """The mentions of one person in one article, by index into the article's person mentions."""

    members: list[int] = field(default_factory=list)
    forms: list[tuple[str, ...]] = field(default_factory=list)
    flats: set[str] = field(default_factory=set)

    def add(self, index: int, words: tuple[str, ...], flat: str) -> None:
        """Add one mention with its folded name words and letters-only key."""
        self.members.append(index)
        self.forms.append(words)
        self.flats.add(flat)

    def same_name(self, words: tuple[str, ...], flat: str) -> bool:
        """Whether the mention writes one of this person's names, up to accents, hyphens and one typo."""
        return flat in self.flats or any(is_spelling_variant(words, form) for form in self.forms)

    def part_of(self, words: tuple[str, ...]) -> bool:
        """Whether the mention is a short form of one of this person's names."""
        return any(is_short_form(words, form) for form in self.forms)

    def transliterated(self, words: tuple[str, ...]) -> bool:
        """Whether the mention spells this person's surname in another transliteration."""
        return any(is_transliteration(words, form) for form in self.forms)


def group_people(names: Sequence[str], positions: Sequence[int]) -> list[list[int]]:
    """Group person mentions (names without titles, text positions) into one sorted index list per person."""
    words = [name_words(name) for name in names]
    flats = [flat_key(name) for name in names]
    order = sorted(range(len(names)), key=lambda i: (-len(words[i]), positions[i]))
    clusters: list[PersonCluster] = []
    for index in order:
        target = _choose(clusters, words[index], flats[index], positions)
        if target is None:
            target = PersonCluster()
            clusters.append(target)
        target.add(index, words[index], flats[index])
    return sorted(sorted(cluster.members) for cluster in clusters)


def _choose(
    clusters: list[PersonCluster], words: tuple[str, ...], flat: str, positions: Sequence[int]
) -> PersonCluster | None:
    """The cluster a mention joins: same name; else the longer name it is part of (the first introduced if
    several); else the one name whose surname it transliterates."""
    same = [cluster for cluster in clusters if cluster.same_name(words, flat)]
    if same:
        return same[0]
    longer = [cluster for cluster in clusters if cluster.part_of(words)]
    if longer:  # "Biden" with Joe and Jill Biden: the person introduced first, usually the article's subject
        return min(longer, key=lambda cluster: min(positions[i] for i in cluster.members))
    variants = [cluster for cluster in clusters if cluster.transliterated(words)]
    return variants[0] if len(variants) == 1 else None


def canonical_name(names: Sequence[str]) -> str:
    """The fullest of a person's name forms: most words, then most frequent, then first used."""
    counts = {name: names.count(name) for name in names}
    first = {name: names.index(name) for name in reversed(names)}
    return min(counts, key=lambda name: (-len(name_words(name)), -counts[name], first[name]))
