"""Languages: everything one language brings lives in `lang/<code>/`, the logic around it is shared.

A language folder holds the word lists and gazetteers of each component (`entities/`, `events/`,
`quotes/`), the boilerplate patterns of its news sites, its profile and the repairs of its model's parse
(`repairs.py`, added by `add_repairs`); docs/languages.md says what adding a language takes. Components
read their data through `read_text`, naming the language they were configured with:

    >>> read_text("fr", "events", "triggers.tsv")[:1]
    '#'
"""
from __future__ import annotations

from importlib import import_module, resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only by the pipeline: the store reads word lists without it
    from spacy.language import Language

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


def rows(text: str) -> list[list[str]]:
    """The rows of a data file's text: tab-separated fields, stripped; blank lines and '#' comments left out."""
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            found.append([field.strip() for field in line.split("\t")])
    return found


def read_rows(lang: str, *parts: str) -> list[list[str]]:
    """The rows of a data file of language `lang` (see `rows`)."""
    return rows(read_text(lang, *parts))


def add_repairs(nlp: Language, lang: str) -> None:
    """Add the components that repair the parse of language `lang`'s model (`lang/<code>/repairs.py`, `REPAIRS`)."""
    try:
        module = import_module(f"{__name__}.{lang}.repairs")
    except ModuleNotFoundError as error:
        if error.name not in (f"{__name__}.{lang}", f"{__name__}.{lang}.repairs"):
            raise
        raise ValueError(f"no parse repairs for {lang!r} in newsgraph.lang (lang/{lang}/repairs.py)") from None
    for name, where in module.REPAIRS.items():
        nlp.add_pipe(name, **where)
