"""The reference article (../shared/data/seed) must yield the events issue 5 lists."""
from __future__ import annotations

import pytest

from newsgraph.analyze import analyze
from newsgraph.records import Article

pytestmark = [pytest.mark.model, pytest.mark.shared]


@pytest.fixture(scope="module")
def events(nlp, shared):
    text = (shared / "data" / "seed" / "kim-putin-2023-08.txt").read_text(encoding="utf-8")
    (analysis,) = analyze([Article(id="seed", text=text, date="2023-08-15")], nlp=nlp)
    return analysis.events


def found(events, type_, source, target, *, mode=None, reported_by=None):
    return [
        e for e in events
        if e.type == type_ and e.source and e.source.country == source and e.target and e.target.country == target
        and (mode is None or e.mode == mode) and (reported_by is None or e.reported_by == reported_by)
    ]


@pytest.mark.parametrize(
    ("type_", "source", "target"),
    [
        ("AGREE", "PRK", "RUS"),  # Kim's pledge
        ("AGREE", "RUS", "PRK"),  # Putin's answer: "renforcera la coopération"
        ("CONSULT", "RUS", "PRK"),  # Choïgou's visit to Pyongyang
        ("ASSAULT", "RUS", "UKR"),  # the invasion
        ("SANCTION", "USA", "RUS"),
        ("SANCTION", "USA", "PRK"),
        ("ASSAULT", "UKR", "RUS"),  # rockets fired at Russian positions
    ],
)
def test_reference_events(events, type_, source, target) -> None:
    assert found(events, type_, source, target, mode="asserted"), [(e.type, e.source, e.target) for e in events]


def test_the_request_for_munitions_is_reported_by_washington(events) -> None:
    requests = found(events, "REQUEST", "RUS", "PRK")
    assert any(e.reported_by and "Washington" in e.reported_by for e in requests)


def test_possible_weapons_transfers_are_not_asserted(events) -> None:
    transfers = [e for e in events if e.type == "AID"]
    assert transfers and all(e.mode != "asserted" for e in transfers)


def test_the_military_exhibition_is_north_korea_s(events) -> None:
    # 'Ils ont assisté à une exposition militaire': by the forces of the place, aimed at no one named
    displays = [e for e in events if e.type == "MOBILIZE"]
    assert displays and all(e.source and e.source.country == "PRK" and e.target is None for e in displays), displays
