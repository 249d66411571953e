"""What an article says a person is: the role next to the name, and the country it implies.

"le ministre russe de la Défense, Sergueï Choïgou" -> role "ministre russe de la Défense", country RUS;
"Ramon Pacheco Pardo, expert coréen au King's College de Londres" -> role "expert coréen au King's
College de Londres". A role is a noun phrase headed by a role noun (lang/fr/entities/role_nouns.txt), right before
the name (maybe with a comma) or right after it as an apposition.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .countries import country_from_name, demonym_country
from .lexicon import Lexicon, fold

ROLE_POS = frozenset({"NOUN", "ADJ", "ADP", "DET", "PROPN", "NUM"})
ROLE_INNER_PUNCT = frozenset({"-", "'", "’"})
ROLE_END = frozenset({",", ".", ";", ":", "(", ")", "«", "»", '"', "“", "”", "!", "?", "—", "–"})
_MAX_ROLE_TOKENS = 15


def role_before(lex: Lexicon, doc: Doc, start: int) -> tuple[int, int] | None:
    """Token bounds of a role noun phrase ending right before token `start` ('le président russe X')."""
    end = start - 1 if start > 0 and doc[start - 1].text == "," else start
    if end == start and _complement_before(lex, doc, start):
        return None  # 'l'avocat de X', 'la sœur de X': X is the complement of the role, not its holder
    head: int | None = None
    k = end - 1
    while k >= 0 and end - k <= _MAX_ROLE_TOKENS and _role_token(doc, k):
        if fold(doc[k].text) in lex.role_nouns and not doc[k].ent_type_ == "PER":
            head = k
        elif head is not None and doc[k].pos_ == "DET":
            break
        k -= 1
        if head is not None and k > 0 and _joins_roles(lex, doc, k):
            k -= 1  # 'l'avocate iranienne et lauréate du prix Nobel X': one person, two roles
    if head is None:
        return None
    while head > 0 and fold(doc[head - 1].text).rstrip("-") in lex.opening_adjectives:
        head -= 1
    return head, end


def _complement_before(lex: Lexicon, doc: Doc, start: int) -> bool:
    """A preposition, or a preposition and an article, stands right before token `start` ('de X', 'de la X')."""
    k = start - 1
    if k >= 1 and doc[k].pos_ == "DET" and (doc[k - 1].pos_ == "ADP" or fold(doc[k - 1].text) in lex.of):
        return True
    return k >= 0 and (doc[k].pos_ == "ADP" or fold(doc[k].text) in lex.of)


def _joins_roles(lex: Lexicon, doc: Doc, k: int) -> bool:
    """Token k is an 'et' between two parts of one role ('journaliste et écrivain')."""
    return fold(doc[k].text) in lex.role_joiners and doc[k - 1].pos_ in ("NOUN", "ADJ") and doc[k - 1].text.islower()


def role_after(lex: Lexicon, doc: Doc, end: int) -> tuple[int, int] | None:
    """Token bounds of an apposition after the name ending at `end` (', expert coréen au King's College')."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    j = end + 1
    if j < len(doc) and fold(doc[j].text) in lex.role_determiners:
        j += 1
    first = j
    while j < len(doc) and fold(doc[j].text).rstrip("-") in lex.opening_adjectives:
        j += 1
    if j >= len(doc) or not doc[j].text.islower() or fold(doc[j].text) not in lex.role_nouns:
        return None
    while j < len(doc) and j - first < _MAX_ROLE_TOKENS and doc[j].ent_type_ != "PER" and (
        _role_token(doc, j) or doc[j].is_alpha and not doc[j - 1].whitespace_  # "King’s"
    ):
        j += 1
    return first, j


def _role_token(doc: Doc, k: int) -> bool:
    """Whether token k can sit inside a role noun phrase."""
    token = doc[k]
    if token.is_space or token.text in ROLE_END or "\n" in token.whitespace_:
        return False
    return token.pos_ in ROLE_POS or token.text in ROLE_INNER_PUNCT or bool(demonym_country(token.text))


def role_text(doc: Doc, bounds: tuple[int, int]) -> str | None:
    """The role as written, without a leading article."""
    start, end = bounds
    while start < end and doc[start].pos_ in {"DET", "ADP"}:
        start += 1
    while end > start and (doc[end - 1].pos_ in {"DET", "ADP"} or doc[end - 1].text in ROLE_INNER_PUNCT):
        end -= 1
    return doc[start:end].text if end > start else None


def role_country(lex: Lexicon, doc: Doc, bounds: tuple[int, int]) -> str | None:
    """The country a role gives its holder: its first demonym ('ministre russe'), else 'de France', 'des États-Unis'."""
    start, end = bounds
    for k in range(start, end):
        code = demonym_country(doc[k].text)
        if code:
            return code
    for k in range(start + 1, end):
        if fold(doc[k - 1].text) in lex.of and doc[k].text[:1].isupper():
            code = _country_at(doc, k, end)
            if code:
                return code
    return None


def _country_at(doc: Doc, k: int, end: int) -> str | None:
    """A country name of one to three words starting at token k ('États-Unis', 'Corée du Nord')."""
    for size in (3, 2, 1):
        if k + size <= end:
            code = country_from_name(doc[k : k + size].text)
            if code:
                return code
    return None
