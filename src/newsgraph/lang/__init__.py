"""Languages: everything one language brings lives in `lang/<code>/`, the logic around it is shared.

A language folder holds the word lists and gazetteers of each component (`entities/`, `events/`,
`quotes/`), the boilerplate patterns of its news sites and its profile. Components read their data
through `read_text`, naming the language they were configured with:

    >>> read_text("fr", "events", "triggers.tsv")[:1]
    '#'
"""
from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

DEFAULT_LANG = "fr"


def data_path(lang: str, *parts: str) -> Traversable:
    """A data file of language `lang`: data_path('fr', 'quotes', 'cues.tsv')."""
    try:
        folder = resources.files(f"{__name__}.{lang}")
    except ModuleNotFoundError:
        raise ValueError(f"no language profile {lang!r} in newsgraph.lang") from None
    return folder.joinpath(*parts)


def read_text(lang: str, *parts: str) -> str:
    """The text of a data file of language `lang`, read as UTF-8."""
    return data_path(lang, *parts).read_text(encoding="utf-8")
