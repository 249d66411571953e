"""Entities: people, organizations, places and media, resolved to one actor per article.

The names below are imported on first use (PEP 562): the store imports `entities.names` and
`entities.lexicon`, which must not pull in spaCy (an ingest with nothing new loads no model).
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "EntityIndex": ".index",
    "EntityResolver": ".component",
    "demonym_country": ".countries",
    "entity_id": ".rules",
    "extract_entities": ".rules",
    "is_demonym": ".countries",
    "make_entity_resolver": ".component",
    "resolve_country": ".countries",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_EXPORTS[name], __name__), name)
