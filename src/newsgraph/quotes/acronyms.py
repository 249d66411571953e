"""Acronyms an article defines ('l'Agence régionale de santé (ARS)'), so that a speaker named by its acronym
('a précisé l'ARS') carries the full name the article gives, as the guidelines ask ("the fullest name the
article uses").

The long form is found as Schwartz and Hearst do (A Simple Algorithm for Identifying Abbreviation Definitions
in Biomedical Text, 2003): the acronym's letters are matched right to left in the words before the
parenthesis, its first letter at the start of a word.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from ..records import Speaker

DEFINITION = re.compile(r"\(\s*([A-Z][\w-]{1,9})\s*\)")
MAX_EXTRA_WORDS = 5  # long form words beyond the acronym's letters (Schwartz and Hearst: min(|A| + 5, 2|A|))
MIN_WORD_ACRONYM = 4  # letters of an acronym written with one capital ('Sdis'), so that '(Nord)' has few chances
CLAUSE_BREAK = re.compile(r"[.;:!?,«»\"“”()\n]")


def definitions(text: str) -> dict[str, str]:
    """Acronym -> long form with the acronym ('Agence régionale de santé (ARS)'), first definition wins."""
    found: dict[str, str] = {}
    for match in DEFINITION.finditer(text):
        short = match.group(1)
        if short in found or (sum(char.isupper() for char in short) < 2 and len(short) < MIN_WORD_ACRONYM):
            continue  # 'Cédéao', 'Sdis': an acronym written as a word is long enough not to be a mere initial
        before = CLAUSE_BREAK.split(text[: match.start()])[-1].rstrip()
        words = before.split()
        limit = min(len(short) + MAX_EXTRA_WORDS, 2 * len(short))
        candidate = " ".join(words[-limit:])
        long = long_form(short, candidate)
        if long is not None:
            found[short] = f"{long} ({short})"
    return found


def long_form(short: str, candidate: str) -> str | None:
    """The shortest end of `candidate` whose letters spell `short` right to left, None if none."""
    letters, plain = _plain(short), _plain(candidate)
    s, k = len(short) - 1, len(candidate) - 1
    while s >= 0:
        char = letters[s]
        if not char.isalnum():
            s -= 1
            continue
        while k >= 0 and (plain[k] != char or (s == 0 and k > 0 and plain[k - 1].isalnum())):
            k -= 1
        if k < 0:
            return None
        k -= 1
        s -= 1
    long = candidate[k + 1 :]
    return long if len(long.split()) > 1 else None


def _plain(text: str) -> str:
    """Lower case without accents, one character for one ('é' -> 'e'), so offsets stay those of `text`."""
    return "".join(unicodedata.normalize("NFKD", char.lower())[:1] for char in text)


def expanded(speaker: Speaker | None, known: dict[str, str]) -> Speaker | None:
    """The speaker with its acronym name replaced by the long form the article defines."""
    if speaker is None or not speaker.name or not known:
        return speaker
    words = re.findall(r"[\w-]+", speaker.name)
    acronyms = [word for word in words if word in known]
    others = [word for word in words if word not in known]
    if len(acronyms) != 1 or len(others) > 1 or any(not word.islower() or len(word) > 3 for word in others):
        return speaker  # 'l'ARS', 'ARS': the acronym alone, at most an article before it
    return replace(speaker, name=known[acronyms[0]])
