"""The quote lexicon: speech cues, markers and noun classes, loaded once from the data files in `lang/<code>/quotes/`.

Cue verbs are listed as lemmas. So that a cue is found where the tagger's lemma is wrong (an
inverted incise: "dit-il", "estime t-il", whose verb the tagger often reads as a noun), the surface
form is looked up too: in the `lemma_lookup` table of the spaCy pipeline's lemmatizer, restricted to
the cue lemmas, and in `extra_forms.tsv` (verb forms that table gives to a homograph noun or lacks).
"""
from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

import spacy.util
from spacy.lookups import Lookups
from spacy.strings import StringStore, get_string_id

from ..lang import DEFAULT_LANG, read_rows
from ..lang.profile import get_profile
from ..text import fold

__all__ = ["Cue", "Lexicon", "fold", "lemma_table", "load_lexicon"]

FRAMES = frozenset({"que", "inf", "de", "a", "anp", "np", "npq", "colon", "incise", "attr", "source"})
REFLEXIVE_PREFIXES = ("se ", "s'")
LEMMA_TABLE = "lemma_lookup"  # the spaCy lemmatizer's table: form -> lemmas
MAX_MEMO = 200_000  # words remembered per question (`Lexicon.memo`)


@dataclass(frozen=True)
class Cue:
    """One cue verb of the lexicon."""

    lemma: str  # the bare infinitive: "dire", "faire"
    frames: frozenset[str]
    reflexive: bool = False  # "se dire": only counts with its clitic
    particle: str | None = None  # "état" in "faire état"


@dataclass(frozen=True)
class Lexicon:
    """Everything the quote rules look up, keyed for O(1) access."""

    cues: dict[str, tuple[Cue, ...]] = field(default_factory=dict)  # lemma -> cues
    forms: dict[int, str] = field(default_factory=dict)  # spaCy string id of a lower-case inflected form -> cue lemma
    markers: dict[tuple[str, ...], str] = field(default_factory=dict)  # tokens -> kind
    nouns: dict[str, str] = field(default_factory=dict)  # lemma -> class
    media: frozenset[str] = frozenset()  # folded outlet names, as written in lang/<code>/entities/media.tsv
    first_names: dict[str, str] = field(default_factory=dict)  # folded first name -> m|f
    marker_starts: frozenset[str] = frozenset()  # first tokens of the markers, to skip other words at once
    lang: str = DEFAULT_LANG  # the language of the data: the rules read its words and profile
    _memos: dict[str, dict[Hashable, bool]] = field(default_factory=dict, init=False, compare=False, repr=False)

    @cached_property
    def markers_by_start(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The markers grouped by their first word, each group in the order of `markers`."""
        grouped: dict[str, list[tuple[str, ...]]] = {}
        for marker in self.markers:
            if marker:
                grouped.setdefault(marker[0], []).append(marker)
        return {first: tuple(group) for first, group in grouped.items()}

    def cues_for(self, lemma: str, form: str) -> tuple[Cue, ...]:
        """Cues whose lemma is `lemma`, or that `form` is an inflection of."""
        found = self.cues.get(lemma.lower())
        if found:
            return found
        derived = self.lemma_of(form)
        return self.cues.get(derived, ()) if derived else ()

    def lemma_of(self, form: str) -> str | None:
        """The cue lemma an inflected form belongs to ('disent' -> 'dire'), None if it is no cue's."""
        return self.forms.get(get_string_id(form.lower()))

    def cue_words(self, lemmas: Sequence[int], forms: Sequence[int], strings: StringStore) -> list[bool]:
        """For each word, given by the string ids of its lemma and form, whether `cues_for` finds a cue (each id
        looked up once per lexicon: the scans of every word read these flags)."""
        by_lemma, by_form = self.memo("cue_lemma"), self.memo("cue_form")
        for lemma in set(lemmas).difference(by_lemma):  # each new id once, then one pass over the words
            by_lemma[lemma] = bool(self.cues.get(strings[lemma].lower()))
        for form in set(forms).difference(by_form):
            derived = self.lemma_of(strings[form])
            by_form[form] = bool(derived and self.cues.get(derived))
        return [by_lemma[lemma] or by_form[form] for lemma, form in zip(lemmas, forms)]

    def memo(self, name: str) -> dict[Hashable, bool]:
        """A table of answers about words the lexicon gives, kept across documents (emptied when it grows large)."""
        table = self._memos.setdefault(name, {})
        if len(table) > MAX_MEMO:
            table.clear()
        return table

    def noun_class(self, lemma: str) -> str | None:
        """The class of a common noun ("org", "media", "time", ...), None if unlisted."""
        return self.nouns.get(lemma.lower())


def _rows(lang: str, name: str, *, component: str = "quotes") -> list[list[str]]:
    return read_rows(lang, component, name)


def _parse_cue(entry: str, frames: str) -> Cue:
    reflexive = entry.startswith(REFLEXIVE_PREFIXES)
    if reflexive:
        entry = entry[3:] if entry.startswith("se ") else entry[2:]
    verb, _, particle = entry.partition(" ")
    unknown = set(frames.split(",")) - FRAMES
    if unknown:
        raise ValueError(f"cues.tsv: unknown frame(s) {sorted(unknown)} for {entry!r}; use {sorted(FRAMES)}")
    return Cue(verb, frozenset(frames.split(",")), reflexive, particle or None)


def load_lexicon(lang: str = DEFAULT_LANG, *, lemmas: Mapping[int, object] | None = None) -> Lexicon:
    """The lexicon of language `lang`, its cue forms read from `lemmas` (a spaCy lemmatizer's `lemma_lookup`
    table; by default the one of the language's model, when that package is installed)."""
    if lemmas is None:
        return _default_lexicon(lang)
    data = _data(lang)
    forms = _cue_forms(lemmas, data.cues)
    for form, lemma in _rows(lang, "extra_forms.tsv"):
        forms[get_string_id(form)] = lemma
    return replace(data, forms=forms)


@lru_cache(maxsize=4)
def _default_lexicon(lang: str) -> Lexicon:
    return load_lexicon(lang, lemmas=lemma_table(get_profile(lang).model) or {})


def _cue_forms(table: Mapping[int, object], cues: Mapping[str, object]) -> dict[int, str]:
    """The entries of a lemma table whose lemma is a cue's (a table entry is a lemma or a list of lemmas)."""
    forms: dict[int, str] = {}
    for key, entry in table.items():
        lemmas: Iterable[str] = (entry,) if isinstance(entry, str) else entry  # type: ignore[assignment]
        lemma = next((lemma for lemma in lemmas if lemma in cues), None)
        if lemma is not None:
            forms[key] = lemma
    return forms


@lru_cache(maxsize=4)
def lemma_table(model: str) -> Mapping[int, object] | None:
    """The `lemma_lookup` table of an installed spaCy pipeline package, read without loading the pipeline;
    None when the package is not installed."""
    try:
        package = spacy.util.get_package_path(model)
    except (ImportError, OSError):
        return None
    for folder in sorted(package.glob("*/lemmatizer/lookups")):
        lookups = Lookups().from_disk(folder)
        if lookups.has_table(LEMMA_TABLE):
            return lookups.get_table(LEMMA_TABLE)
    return None


@lru_cache(maxsize=4)
def _data(lang: str) -> Lexicon:
    """The lexicon's data files (once per process and language), without cue forms."""
    cues: dict[str, list[Cue]] = {}
    for entry, frames in _rows(lang, "cues.tsv"):
        cue = _parse_cue(entry, frames)
        cues.setdefault(cue.lemma, []).append(cue)
    markers = {tuple(fold(word) for word in marker.split()): kind for marker, kind in _rows(lang, "markers.tsv")}
    return Lexicon(
        cues={lemma: tuple(found) for lemma, found in cues.items()},
        markers=markers,
        nouns={noun: kind for noun, kind in _rows(lang, "nouns.tsv")},
        media=frozenset(fold(row[0]) for row in _rows(lang, "media.tsv", component="entities")),  # one outlet list
        first_names={fold(name): gender for name, gender in _rows(lang, "first_names.tsv")},
        marker_starts=frozenset(marker[0] for marker in markers if marker),
        lang=lang,
    )
