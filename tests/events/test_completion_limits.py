"""What the learned layer may not complete: the actors it adds to a rule event must be ones the text makes its
source or target (issue 13, the reference article's wrong events). The actor model here finds every candidate
likely, so only the general rules keep the wrong ones out."""
from __future__ import annotations

import numpy as np
import pytest

from newsgraph.events.learned import TYPES, EventModel, LinearModel, Thresholds
from newsgraph.events.rules import extract_events

pytestmark = pytest.mark.model


def eager_model() -> EventModel:
    """Keeps every rule event, adds none, and finds every candidate a likely source and target, those of the
    previous sentence and the lead actor most (as the shipped model often does)."""
    types = LinearModel({}, np.zeros((0, 1 + len(TYPES))), np.zeros(1 + len(TYPES)), softmax=True)
    actors = LinearModel({"previous": 0, "lead": 1}, np.full((2, 2), 2.0), np.array([5.0, 5.0]))
    return EventModel(types, actors, Thresholds(keep=0.0, add=1.01, target_floor=0.5, source_floor=0.5))


def coded(nlp, text: str, type_: str) -> list[tuple[str | None, str | None]]:
    return [(e.source.country if e.source else None, e.target.country if e.target else None)
            for e in extract_events(nlp(text), model=eager_model()) if e.type == type_]


def test_the_spectators_of_a_show_of_force_are_neither_its_source_nor_its_target(nlp) -> None:
    found = coded(nlp, "Le ministre chinois de la Défense, Dong Jun, s'est rendu à Caracas pour rencontrer le président "
                       "vénézuélien Nicolás Maduro. Ils ont assisté à un défilé militaire qui montrait les chars de "
                       "l'armée vénézuélienne.", "MOBILIZE")
    assert found and all(source != "CHN" and target is None for source, target in found), found


def test_an_agentless_passive_takes_no_source_from_an_earlier_sentence(nlp) -> None:
    found = coded(nlp, "L'Iran a livré des centaines de drones à la Russie l'an dernier. Les soldats ukrainiens "
                       "utilisent des drones iraniens qui avaient été capturés aux Russes.", "COERCE")
    assert found and all(source != "IRN" for source, _ in found), found


def test_who_denies_a_preceding_clause_does_not_act_on_its_actors(nlp) -> None:
    found = coded(nlp, "Les indices se multiplient montrant que la Chine livre des armes à la Russie pour sa guerre "
                       "en Ukraine, ce que Pékin et Moscou ont démenti.", "REJECT")
    assert found and all(target is None for _, target in found), found
