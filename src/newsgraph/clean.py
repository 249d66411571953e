"""Cleaning: keep the story, drop the page furniture around it.

Cleaning works on whole paragraphs only: a paragraph is kept character for character or
dropped, so that every quote stays an exact substring of the story. Paragraphs are joined
with a blank line; runs of two or more blanks inside a paragraph become one space.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .entities.lexicon import particles, role_nouns
from .lang import DEFAULT_LANG, read_text
from .lang.profile import active_profile, get_profile
from .text import fold

_BLANKS = re.compile(r"[ \t\u00a0\u202f\u2009]{2,}")
_TERMINAL = tuple(".!?…:;")
_TRAILING = "’'* )"  # stripped with the closing quotes before a headline's last character is read
HEADLINE_MAX_WORDS = 20  # inline headlines of the dev and fit pages run to 19 words; a longer line is a sentence
NAME_MAX_WORDS = 5
PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class CleanText:
    """The story text with the title and date found in its furniture."""

    text: str
    title: str | None = None
    date: str | None = None
    removed: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    """Load the boilerplate regexes shipped in `lang/fr/boilerplate.txt`."""
    source = read_text(DEFAULT_LANG, "boilerplate.txt")
    lines = (line.strip() for line in source.splitlines())
    return tuple(re.compile(line, re.IGNORECASE) for line in lines if line and not line.startswith("#"))


def clean_text(raw: str, *, title: str | None = None) -> CleanText:
    """Drop bylines, widgets and inline related headlines from `raw`; keep paragraph breaks."""
    paragraphs = [_BLANKS.sub(" ", line.strip()) for line in raw.replace("\r\n", "\n").split("\n")]
    paragraphs = [p for p in paragraphs if p]
    date = next((d for d in map(find_date, paragraphs[:3]) if d), None)
    removed = [p for p in paragraphs if is_boilerplate(p)]
    story = [p for p in paragraphs if not is_boilerplate(p)]
    if title is None and len(story) > 1 and is_headline(story[0]):
        title = story.pop(0)
    kept: list[str] = []
    for index, paragraph in enumerate(story):
        # a short unpunctuated line between (or after) paragraphs is a related-article headline
        if index > 0 and is_headline(paragraph):
            removed.append(paragraph)
        else:
            kept.append(paragraph)
    if title is not None and kept and kept[0] == title.strip():
        kept.pop(0)
    return CleanText(PARAGRAPH_SEPARATOR.join(kept), title=title, date=date, removed=tuple(removed))


def is_boilerplate(paragraph: str) -> bool:
    """True when the paragraph is page furniture (widget, share buttons, byline)."""
    return any(pattern.fullmatch(paragraph) for pattern in boilerplate_patterns())


def is_headline(paragraph: str) -> bool:
    """True for a short line without final punctuation that is not quoted speech (in the active language)."""
    profile = active_profile()
    if not paragraph or paragraph.startswith(profile.opening_quotes):
        return False
    words = paragraph.split()
    if len(words) > HEADLINE_MAX_WORDS or is_person_line(paragraph):
        return False
    stripped = paragraph.rstrip("".join(profile.closing_quotes) + _TRAILING)
    return not stripped.endswith(_TERMINAL)


def is_person_line(paragraph: str) -> bool:
    """True for a line of a list of people: a name, a comma, a role noun of the language and its complement
    ('Martine Le Goff, maire PS de Quimper'), not a headline."""
    name, comma, role = paragraph.partition(",")
    names = name.split()
    if not comma or not 2 <= len(names) <= NAME_MAX_WORDS or not names[0][:1].isupper() or not names[-1][:1].isupper():
        return False
    lang = active_profile().code
    if not all(word[:1].isupper() or fold(word) in particles(lang) for word in names):
        return False
    roles = fold(role).split()
    nouns = role_nouns(lang)
    return any(" ".join(roles[:size]) in nouns for size in range(1, 4))


_NUMERIC_DATE = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")


@lru_cache(maxsize=8)
def written_date(lang: str) -> re.Pattern[str]:
    """A date written out in language `lang`: day (with the profile's ordinal suffix of the first: '1er'), a word
    in the letters of the month names ('août', also without accents), year."""
    profile = get_profile(lang)
    letters = "".join(sorted({c for month in profile.months for c in month if not "a" <= c <= "z"}))
    ordinal = re.escape(profile.first_day_suffix)
    return re.compile(rf"\b(\d{{1,2}})(?:{ordinal})?\s+([a-z{letters}]+)\s+(\d{{4}})\b", re.IGNORECASE)


@lru_cache(maxsize=8)
def month_numbers(lang: str = DEFAULT_LANG) -> dict[str, int]:
    """Month names of the language profile (CLDR's, lower case, also folded) to month numbers: 'août' -> 8."""
    names = {name: number for number, name in enumerate(get_profile(lang).months, start=1)}
    names.update({fold(name): number for name, number in list(names.items())})
    return names


def find_date(paragraph: str) -> str | None:
    """Return the ISO date of a byline or metadata line, or None."""
    if not is_boilerplate(paragraph):
        return None
    numeric = _NUMERIC_DATE.search(paragraph)
    if numeric:
        return "-".join(part for part in numeric.groups() if part)
    lang = active_profile().code
    written = written_date(lang).search(paragraph)
    if written:
        day, month_name, year = written.groups()
        month = month_numbers(lang).get(month_name.lower())
        if month:
            return f"{year}-{month:02d}-{int(day):02d}"
    return None
