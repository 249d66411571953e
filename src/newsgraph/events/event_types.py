"""Event types as data: the PLOVER types, their CAMEO root codes and how the rules treat each (`types.tsv`).

The rules ask the table (`has(type_, "reaction")`) rather than holding sets of types in code:

    >>> has("ACCUSE", "reaction"), has("ASSAULT", "reaction"), cameo("AGREE")
    (True, False, '03')
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..lang import rows

BEHAVIOURS = frozenset({
    "pledge", "addressee_partner", "joint", "between", "meeting", "reaction", "speech_act", "topic_object",
    "addressed_to_power", "by_authorities", "hostile", "host_target", "place_target", "ousted_target",
    "foreign_target", "relief_target", "protesters_source", "forces_source",
    "attackers_source",
})  # documented in the header of types.tsv


@dataclass(frozen=True)
class EventType:
    """One row of types.tsv."""

    name: str
    cameo: str
    behaviours: frozenset[str]


@lru_cache(maxsize=1)
def event_types() -> dict[str, EventType]:
    """Type name -> its row, in the file's order (the order of the learned model's outputs)."""
    text = resources.files(__package__).joinpath("types.tsv").read_text(encoding="utf-8")
    table: dict[str, EventType] = {}
    for name, code, cells, *_ in rows(text):
        behaviours = frozenset(cell for cell in cells.split(",") if cell and cell != "-")
        unknown = behaviours - BEHAVIOURS
        if unknown:
            raise ValueError(f"types.tsv: unknown behaviours {sorted(unknown)} of {name}")
        table[name] = EventType(name, code, behaviours)
    return table


def has(type_: str, behaviour: str) -> bool:
    """Whether event type `type_` has `behaviour` (a name from the header of types.tsv)."""
    if behaviour not in BEHAVIOURS:
        raise ValueError(f"unknown event type behaviour {behaviour!r}")
    found = event_types().get(type_)
    return found is not None and behaviour in found.behaviours


def cameo(type_: str) -> str:
    """The CAMEO root code of a PLOVER type ('AGREE' -> '03')."""
    return event_types()[type_].cameo
