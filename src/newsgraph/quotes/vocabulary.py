"""The quote lexicon: speech cues, markers and noun classes, loaded once from the data files in `lang/fr/quotes/`.

Cue verbs are listed as lemmas; `conjugate` derives every inflected form (all tenses and
persons, participles) so that a cue is found even where the tagger's lemma is wrong, and
the inverted forms of incises ("dit-il", "estime t-il") can be matched on the surface.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..lang import DEFAULT_LANG, read_text
from ..text import fold

FRAMES = frozenset({"que", "inf", "de", "a", "np", "npq", "colon", "incise", "attr"})
REFLEXIVE_PREFIXES = ("se ", "s'")


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
    forms: dict[str, str] = field(default_factory=dict)  # inflected form -> lemma
    markers: dict[tuple[str, ...], str] = field(default_factory=dict)  # tokens -> kind
    nouns: dict[str, str] = field(default_factory=dict)  # lemma -> class
    media: frozenset[str] = frozenset()  # folded outlet names
    first_names: dict[str, str] = field(default_factory=dict)  # folded first name -> m|f
    marker_starts: frozenset[str] = frozenset()  # first tokens of the markers, to skip other words at once

    def cues_for(self, lemma: str, form: str) -> tuple[Cue, ...]:
        """Cues whose lemma is `lemma`, or whose conjugation contains `form`."""
        found = self.cues.get(lemma.lower())
        if found:
            return found
        derived = self.forms.get(form.lower())
        return self.cues.get(derived, ()) if derived else ()

    def noun_class(self, lemma: str) -> str | None:
        """The class of a common noun ("org", "media", "time", ...), None if unlisted."""
        return self.nouns.get(lemma.lower())


def _rows(name: str) -> list[list[str]]:
    text = read_text(DEFAULT_LANG, "quotes", name)
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


def _parse_cue(entry: str, frames: str) -> Cue:
    reflexive = entry.startswith(REFLEXIVE_PREFIXES)
    if reflexive:
        entry = entry[3:] if entry.startswith("se ") else entry[2:]
    verb, _, particle = entry.partition(" ")
    unknown = set(frames.split(",")) - FRAMES
    if unknown:
        raise ValueError(f"cues.tsv: unknown frame(s) {sorted(unknown)} for {entry!r}; use {sorted(FRAMES)}")
    return Cue(verb, frozenset(frames.split(",")), reflexive, particle or None)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the lexicon data files of the package (once per process)."""
    irregular = {row[0]: row[1:] for row in _rows("irregular.tsv")}
    cues: dict[str, list[Cue]] = {}
    forms: dict[str, str] = {}
    for entry, frames in _rows("cues.tsv"):
        cue = _parse_cue(entry, frames)
        cues.setdefault(cue.lemma, []).append(cue)
        for form in conjugate(cue.lemma, irregular=irregular):
            forms.setdefault(form, cue.lemma)
    markers = {tuple(fold(word) for word in marker.split()): kind for marker, kind in _rows("markers.tsv")}
    return Lexicon(
        cues={lemma: tuple(found) for lemma, found in cues.items()},
        forms=forms,
        markers=markers,
        nouns={noun: kind for noun, kind in _rows("nouns.tsv")},
        media=frozenset(fold(row[0]) for row in _rows("media.txt")),
        first_names={fold(name): gender for name, gender in _rows("first_names.tsv")},
        marker_starts=frozenset(marker[0] for marker in markers if marker),
    )


# --- conjugation -------------------------------------------------------------------------

ER_PRESENT = ("e", "es", "e", "ons", "ez", "ent")
IMPERFECT = ("ais", "ais", "ait", "ions", "iez", "aient")
FUTURE = ("ai", "as", "a", "ons", "ez", "ont")
CONDITIONAL = IMPERFECT
SUBJUNCTIVE = ("e", "es", "e", "ions", "iez", "ent")
PARTICIPLE_ENDINGS = ("", "e", "s", "es")


def conjugate(lemma: str, *, irregular: dict[str, list[str]] | None = None) -> set[str]:
    """Every simple form of a French verb: all persons of the indicative tenses, subjunctive, participles."""
    irregular = irregular or {}
    if lemma in irregular:
        return _irregular_forms(lemma, irregular[lemma])
    if lemma.endswith("er"):
        return _er_forms(lemma)
    if lemma.endswith("ir"):
        return _ir_forms(lemma)
    return {lemma}


def _er_forms(lemma: str) -> set[str]:
    stem = lemma[:-2]
    strong = _strong_stem(stem)  # stem of the persons whose ending is a silent e
    soft = stem + ("e" if stem.endswith("g") else "")  # before a / o
    soft = soft[:-1] + "ç" if soft.endswith("c") else soft
    forms = {lemma, stem + "ez", stem + "ions", stem + "iez", soft + "ons", soft + "ant"}
    forms |= {strong + e for e in ER_PRESENT[:3]} | {strong + "ent"}
    forms |= {soft + e for e in ("ais", "ait", "aient")}
    forms |= {soft + e for e in ("ai", "as", "a", "âmes", "âtes")} | {stem + "èrent"}
    for future_stem in {lemma, strong + "er"}:  # répétera / répètera, appellera
        forms |= {future_stem + e for e in FUTURE} | {future_stem + e for e in CONDITIONAL}
    forms |= {strong + e for e in SUBJUNCTIVE}
    forms |= {stem + "é" + e for e in PARTICIPLE_ENDINGS}
    return forms


VOWELS = "aeiouyéèêëàâîïôûù"
DOUBLING_STEMS = frozenset({"appel", "rappel", "jet", "rejet"})


def _strong_stem(stem: str) -> str:
    """répét -> répèt, appel -> appell, lev -> lèv: the stem before a silent ending."""
    i = len(stem) - 1
    while i >= 0 and stem[i] not in VOWELS:
        i -= 1
    if i <= 0 or i == len(stem) - 1 or stem[i - 1] in VOWELS:
        return stem
    if stem in DOUBLING_STEMS:
        return stem + stem[-1]
    if stem[i] == "é" or (stem[i] == "e" and i == len(stem) - 2):
        return stem[:i] + "è" + stem[i + 1 :]
    return stem


def _ir_forms(lemma: str) -> set[str]:
    """Second-group verbs: avertir, réagir."""
    stem = lemma[:-2]
    forms = {lemma, stem + "i", stem + "ie", stem + "is", stem + "ies", stem + "it", stem + "issant"}
    forms |= {stem + e for e in ("is", "issons", "issez", "issent", "îmes", "îtes", "irent")}
    forms |= {stem + "iss" + e for e in IMPERFECT} | {stem + "iss" + e for e in SUBJUNCTIVE}
    forms |= {lemma + e for e in FUTURE} | {lemma + e for e in CONDITIONAL}
    return forms


def _irregular_forms(lemma: str, parts: list[str]) -> set[str]:
    present, imperfect, past, future, subjunctive, participle, gerund = parts
    forms = {lemma, gerund} | set(present.split(",")) | set(past.split(","))
    forms |= {imperfect + e for e in IMPERFECT} | {subjunctive + e for e in SUBJUNCTIVE}
    forms |= {future + e for e in FUTURE} | {future + e for e in CONDITIONAL}
    forms |= {participle + e for e in PARTICIPLE_ENDINGS} if not participle.endswith("s") else {
        participle, participle + "e", participle + "es"}
    return forms
