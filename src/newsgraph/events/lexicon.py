"""The event lexicon: trigger words, word classes, sectors and cues, read from data files.

The files live in `lang/<code>/events/` (commented TSV, versioned with the package) and
are loaded once per process and language by `default_lexicon(lang)`.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..lang import DEFAULT_LANG, data_path, rows
from ..lang.profile import Profile, get_profile


@dataclass(frozen=True)
class Trigger:
    """One reading of a trigger word: its event type and how its arguments map to actors."""

    lemma: str
    pos: str  # V, N or A
    type: str
    cameo: str
    obj: str  # role of the direct object (verbs) or of the "de" complement (nouns)
    preps: frozenset[str]
    flags: frozenset[str]
    words: tuple[str, ...] = ()  # further content words required among the dependents
    reflexive: bool = False

    @property
    def need(self) -> str | None:
        """The word class that must occur among the dependents, if any."""
        return next((flag[5:] for flag in self.flags if flag.startswith("need:")), None)


@dataclass(frozen=True)
class Lexicon:
    """Everything the event rules read from data files."""

    triggers: dict[tuple[str, str], tuple[Trigger, ...]]
    classes: dict[str, frozenset[str]]
    sectors: dict[str, str]
    cues: dict[str, frozenset[str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # role of an implied actor -> its name ('police')
    lang: str = DEFAULT_LANG  # the language of the files, whose profile the rules read

    def cue(self, kind: str, lemma: str) -> bool:
        """True when `lemma` is listed as a cue of `kind` in cues.tsv."""
        return lemma in self.cues.get(kind, frozenset())


def parse_trigger(row: list[str], profile: Profile) -> Trigger:
    """Build a Trigger from one row of triggers.tsv (the profile's function words are not required words)."""
    lemma, pos, type_, cameo, obj, preps, flags = (cell.strip() for cell in row[:7])
    words = lemma.split()
    reflexive = words[0] in ("se", "s'en") or words[0].startswith("s'")
    if words[0] in ("se", "s'en"):
        words = words[1:]
    elif words[0].startswith("s'"):
        words = [words[0][2:]] + words[1:]
    extra = tuple(w for w in words[1:] if w not in profile.function_words)
    return Trigger(
        lemma=words[0],
        pos=pos,
        type=type_,
        cameo=cameo,
        obj=obj,
        preps=frozenset(p for p in preps.split(",") if p and p != "-"),
        flags=frozenset(f for f in flags.split(",") if f and f != "-") | ({"refl"} if reflexive else set()),
        words=extra,
        reflexive=reflexive or "refl" in flags.split(","),
    )


def index_triggers(rows: list[list[str]], profile: Profile) -> dict[tuple[str, str], tuple[Trigger, ...]]:
    """Group trigger readings by (head lemma, pos); constrained readings are tried first."""
    grouped: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
    for row in rows:
        trigger = parse_trigger(row, profile)
        grouped[(trigger.lemma, trigger.pos)].append(trigger)
    return {key: tuple(sorted(items, key=specificity)) for key, items in grouped.items()}


def specificity(trigger: Trigger) -> int:
    """Sort key: multi-word and constrained readings before the plain one."""
    return -(2 * len(trigger.words) + (trigger.need is not None) + trigger.reflexive)


def load_lexicon(lang: str = DEFAULT_LANG, *, folder: Path | None = None) -> Lexicon:
    """Read every lexicon file of language `lang` (lang/<lang>/events/), or from `folder` when given."""
    base = folder or Path(str(data_path(lang, "events")))

    def read(name: str) -> list[list[str]]:
        return rows((base / name).read_text(encoding="utf-8"))

    classes = {row[0]: frozenset(w.strip() for w in row[1].split(",")) for row in read("classes.tsv")}
    cues: dict[str, set[str]] = defaultdict(set)
    for kind, lemma in (row[:2] for row in read("cues.tsv")):
        cues[kind].add(lemma)
    return Lexicon(
        triggers=index_triggers(read("triggers.tsv"), get_profile(lang)),
        classes=classes,
        sectors={row[0]: row[1] for row in read("sectors.tsv")},
        cues={kind: frozenset(lemmas) for kind, lemmas in cues.items()},
        names={row[0]: row[1] for row in read("actor_names.tsv")},
        lang=lang,
    )


@lru_cache(maxsize=4)
def default_lexicon(lang: str = DEFAULT_LANG) -> Lexicon:
    """The package's lexicon of language `lang`, loaded once per process with the rules' other tables of the
    language (`load_language_tables`): the component builds it, so no article pays for them."""
    lexicon = load_lexicon(lang)
    load_language_tables(lang)
    return lexicon


def load_language_tables(lang: str) -> None:
    """Build the tables the rules read for language `lang` besides the lexicon (the calendar of dates.tsv, the
    event types, the word-form and sentence-end rules of the profile), which they would otherwise build at their
    first use, inside the first article that needs them."""
    from .dates import calendar  # the rules' modules read this one: imported when the tables are built
    from .event_types import event_types
    from .rules import abbreviation
    from .syntax import clause_stops
    from .triggers import protest_action, word_form_rules

    calendar(lang)
    event_types()
    abbreviation(lang)
    clause_stops(lang)
    protest_action(lang)
    word_form_rules(lang)
