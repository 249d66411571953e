"""Countries from French names, demonyms, capitals and seats of power.

Uses `newsgraph.entities.countries` (the shared resolver) first, then babel's French country names
plus the small `lang/fr/events/places.tsv`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..entities.countries import demonym_country as _shared_demonym
from ..entities.countries import resolve_country as _shared_resolve
from ..text import fold
from .lexicon import default_lexicon

ARTICLES = re.compile(r"^(?:l'|l’|le |la |les |du |de la |des |de l'|de l’|d'|d’|au |aux |en )", re.IGNORECASE)

def strip_article(phrase: str) -> str:
    """'la Corée du Nord' -> 'Corée du Nord'."""
    return ARTICLES.sub("", phrase.strip())


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Folded French country name -> alpha-3 code, from babel's territory names."""
    import pycountry
    from babel import Locale

    names: dict[str, str] = {}
    for alpha2, name in Locale("fr").territories.items():
        country = pycountry.countries.get(alpha_2=alpha2) if len(alpha2) == 2 else None
        if country is not None:
            names[fold(name)] = country.alpha_3
    return names


@lru_cache(maxsize=4096)
def place_table(kind: str) -> dict[str, str]:
    """Folded form -> code for one kind of places.tsv entry (demonym, capital, seat, alias)."""
    lexicon = default_lexicon()
    table: dict[str, str] = {}
    for form, kinds in lexicon.places.items():
        if kind in kinds:
            table[fold(form)] = kinds[kind]
    return table


def demonym_forms(base: str) -> list[str]:
    """Masculine singular demonym -> its feminine and plural forms."""
    if base.endswith("en"):
        feminine = base + "ne"
    elif base.endswith("c"):
        feminine = base[:-1] + ("cque" if base.endswith("grec") else "que")
    elif base.endswith("e"):
        feminine = base
    else:
        feminine = base + "e"
    plural = base if base.endswith(("s", "x")) else base + "s"
    return [base, feminine, plural, feminine + "s"]


@lru_cache(maxsize=1)
def demonym_table() -> dict[str, str]:
    """Folded demonym in every gender and number -> alpha-3 code."""
    table: dict[str, str] = {}
    for base, code in place_table("demonym").items():
        for form in demonym_forms(base):
            table.setdefault(form, code)
    return table


@lru_cache(maxsize=8192)
def demonym_country(word: str) -> str | None:
    """'russe', 'nord-coréennes', 'Ukrainiens' -> the country code, else None.

    A French binational ('franco-iranienne') is French: French news speak of them as nationals.
    """
    folded = fold(word)
    if folded.startswith("franco-") and demonym_country(folded[len("franco-"):]):
        return "FRA"
    found = _shared_demonym(word)
    return str(found) if found else demonym_table().get(folded)


@lru_cache(maxsize=8192)
def resolve_country(phrase: str, *, as_actor: bool = True) -> str | None:
    """A country name, capital, seat of power or alias -> its code ('Moscou' -> RUS), else None.

    As an actor a seat of an international body stands for the body ('Bruxelles' -> IGO); as a
    place it is its country.
    """
    keys = [key for key in (fold(phrase), fold(strip_article(phrase))) if key]
    if as_actor:
        found = next((place_table("seat")[key] for key in keys if key in place_table("seat")), None)
        if found:
            return found
    shared = _shared_resolve(phrase)
    if shared:
        return str(shared)
    for table in (country_names(), place_table("capital"), place_table("alias"), place_table("seat")):
        for key in keys:
            if key in table:
                return table[key]
    return None

