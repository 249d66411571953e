"""Find the entity that a stretch of text names: a helper for quotes and events."""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from ..records import Entity


class EntityIndex:
    """Entities of one document, looked up by character span or by id."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities = tuple(entities)
        spans = [(m.start, m.end, n) for n, e in enumerate(self.entities) for m in e.mentions]
        spans.sort()
        self._starts = [start for start, _, _ in spans]
        self._spans = spans
        self._longest = max((end - start for start, end, _ in spans), default=0)
        self._by_id = {entity.id: entity for entity in self.entities}

    def at(self, start_char: int, end_char: int) -> Entity | None:
        """The entity one of whose mentions overlaps [start_char, end_char), largest overlap first."""
        first = bisect_left(self._starts, start_char - self._longest)
        best: tuple[int, int] | None = None
        for start, end, number in self._spans[first:]:
            if start >= end_char:
                break
            overlap = min(end, end_char) - max(start, start_char)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, number)
        return self.entities[best[1]] if best else None

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        return self._by_id.get(entity_id)

    def __len__(self) -> int:
        return len(self.entities)
