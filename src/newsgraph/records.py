"""Plain, frozen records: what newsgraph reads and what it writes.

Every offset (`start`, `end`) is a character offset into `Analysis.text`, so that
`analysis.text[q.start:q.end] == q.text` for every quote, mention and event.
Records pickle (multiprocessing and Spark need it) and round-trip through `to_dict` /
`from_dict`, which produce and accept the JSON record documented in
`schema/analysis.schema.json`.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Self

from pydantic import TypeAdapter


class _Record:
    """Shared dict conversion for the records below."""

    def to_dict(self) -> dict[str, Any]:
        """Return the record as JSON-ready built-in types."""
        return asdict(self)  # type: ignore[call-overload]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Build the record from `to_dict` output, ignoring unknown keys; a wrong type raises ValueError."""
        return adapter(cls).validate_python(data)


_ADAPTERS: dict[type, TypeAdapter[Any]] = {}


def adapter(cls: type) -> TypeAdapter[Any]:
    """pydantic's validator and JSON Schema of a record class, derived from its dataclass fields (built once)."""
    if cls not in _ADAPTERS:
        _ADAPTERS[cls] = TypeAdapter(cls)
    return _ADAPTERS[cls]


@dataclass(frozen=True)
class Article(_Record):
    """One input article, before analysis. `text` is already cleaned."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    date: str | None = None
    source: str | None = None  # where it was read from: path, path#record, path:line
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention(_Record):
    """A stretch of the text that names an entity."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity(_Record):
    """A canonical actor of one article: person, organization, place, media."""

    id: str
    name: str
    type: str  # PER, ORG, GPE, LOC, MEDIA, MISC
    country: str | None = None  # ISO 3166-1 alpha-3
    role: str | None = None
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Speaker(_Record):
    """Who a quote is attributed to: the words in the text and the resolved actor."""

    name: str | None
    mention: str | None = None
    entity: str | None = None  # Entity.id
    kind: str = "unknown"  # person, organization, country, media, group, unknown
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Quote(_Record):
    """Reported content attributed to a speaker."""

    text: str
    start: int
    end: int
    type: str  # direct, indirect, mixed
    cue: str | None = None
    speaker: Speaker | None = None
    addressee: str | None = None
    medium: str | None = None
    reported_by: str | None = None


@dataclass(frozen=True)
class Actor(_Record):
    """The source or target of an event."""

    name: str | None
    entity: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None  # GDELT-like actor code, e.g. RUSMIL


@dataclass(frozen=True)
class Event(_Record):
    """A political event coded in PLOVER, traceable to its sentence."""

    type: str
    mode: str  # asserted, negated, denied, hypothetical
    source: Actor | None
    target: Actor | None
    text: str
    start: int
    end: int
    trigger: str | None = None
    cameo: str | None = None
    date: str | None = None
    location: str | None = None
    reported_by: str | None = None
    cluster: str | None = None


@dataclass(frozen=True)
class Analysis(_Record):
    """The output record: one per article."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    date: str | None = None
    language: str | None = None
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default=())

