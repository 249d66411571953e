"""Text keys shared by every stage: the one accent fold and the one id slug.

Every look-up of a word in a lexicon, every comparison of two names and every entity id goes through
`fold`, so that 'Kılıçdaroğlu' and 'Kilicdaroglu', or 'Wałęsa' and 'Walesa', are the same key everywhere.
(`evaluate` keeps the official scorer's own normalization, which it must reproduce exactly.)
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'"})
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One non-ASCII character: its accents dropped; a letter that does not decompose transliterated."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if bare.isascii():
        return bare
    # per character of the decomposition: '㍘' is '0点', whose letter must be transliterated too
    return "".join(c if c.isascii() or not c.isalpha() else anyascii(c) or c for c in bare)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, accents dropped, letters transliterated, apostrophes straight: 'Wałęsa’s' -> "walesa's".

    Only letters change: punctuation, digits and spaces stay as they are ('«' stays '«').
    """
    text = text.translate(APOSTROPHES)
    if not text.isascii():
        text = "".join(char if char.isascii() else _fold_char(char) for char in text)
    return text.lower()


def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: 'Sergueï Choïgou' -> 'serguei-choigou'."""
    return _NOT_SLUG.sub("-", fold(text)).strip("-")
