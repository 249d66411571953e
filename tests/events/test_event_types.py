"""The per-type table (events/types.tsv): every PLOVER type once, the behaviours the rules ask for."""
from __future__ import annotations

import pytest

from newsgraph.events.event_types import cameo, event_types, has
from newsgraph.events.learned import TYPES


def with_behaviour(behaviour: str) -> set[str]:
    return {name for name in event_types() if has(name, behaviour)}


def test_table_lists_the_learned_model_types_in_order() -> None:
    assert tuple(event_types()) == TYPES
    assert len(TYPES) == 16 and cameo("AGREE") == "03" and cameo("ASSAULT") == "18"


@pytest.mark.parametrize(
    ("behaviour", "types"),
    [("reaction", {"ACCUSE", "REJECT", "SUPPORT"}), ("joint", {"CONSULT", "COOPERATE", "AGREE"}),
     ("between", {"CONSULT", "COOPERATE", "AGREE", "ASSAULT"}), ("pledge", {"CONSULT", "SUPPORT", "COOPERATE", "AID"}),
     ("by_authorities", {"COERCE", "RETREAT"}), ("hostile", {"ASSAULT", "COERCE", "SANCTION"}),
     ("speech_act", {"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN"})],
)
def test_behaviours(behaviour: str, types: set[str]) -> None:
    assert with_behaviour(behaviour) == types


def test_unknown_behaviour_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown"):
        has("ACCUSE", "reactions")
