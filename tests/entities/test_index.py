"""EntityIndex: entity lookup by character span."""
from __future__ import annotations

from newsgraph.entities import EntityIndex
from newsgraph.records import Entity, Mention

PUTIN = Entity(
    id="per:vladimir-poutine:rus",
    name="Vladimir Poutine",
    type="PER",
    mentions=(Mention("Vladimir Poutine", 10, 26), Mention("Poutine", 80, 87)),
)
RUSSIA = Entity(id="gpe:russie:rus", name="Russie", type="GPE", mentions=(Mention("Russie", 40, 46),))


def test_at_finds_overlapping_mention():
    index = EntityIndex([PUTIN, RUSSIA])
    assert index.at(80, 87) is PUTIN
    assert index.at(20, 30) is PUTIN
    assert index.at(35, 50) is RUSSIA
    assert index.at(0, 10) is None
    assert index.at(87, 90) is None


def test_at_prefers_largest_overlap():
    index = EntityIndex([PUTIN, RUSSIA])
    assert index.at(24, 46) is RUSSIA


def test_get_and_len():
    index = EntityIndex([PUTIN, RUSSIA])
    assert index.get("gpe:russie:rus") is RUSSIA
    assert len(index) == 2
    assert EntityIndex([]).at(0, 5) is None
