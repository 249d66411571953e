"""Entities: people, organizations, places and media, resolved to one actor per article."""
from .component import EntityResolver, make_entity_resolver
from .rules import entity_id, extract_entities

__all__ = ["EntityResolver", "make_entity_resolver", "entity_id", "extract_entities"]
