"""Entities: people, organizations, places and media, resolved to one actor per article."""
from .component import EntityResolver, make_entity_resolver
from .countries import demonym_country, is_demonym, resolve_country
from .index import EntityIndex
from .rules import entity_id, extract_entities

__all__ = [
    "EntityIndex",
    "EntityResolver",
    "demonym_country",
    "entity_id",
    "extract_entities",
    "is_demonym",
    "make_entity_resolver",
    "resolve_country",
]
