"""Event types' behaviour: which PLOVER types are joint, reactions, addressed to power, done by the authorities.
"""
from __future__ import annotations

COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
JOINT_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
ADDRESSED_TO_POWER = frozenset({"REQUEST", "PROTEST"})  # with no addressee named, the government is meant
REACTIONS = frozenset({"ACCUSE", "REJECT", "SUPPORT"})  # verbal reactions to what someone just did
BETWEEN_TYPES = JOINT_TYPES | {"ASSAULT"}  # events 'entre X et Y' (clashes, talks) done by both sides
BY_AUTHORITIES = frozenset({"COERCE", "RETREAT"})  # with no agent named (arrests, releases), the authorities are meant
DENOUNCING = frozenset({"ACCUSE", "PROTEST"})  # their object is a topic: 'dénoncer les violences'
SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN"})  # speech about an event told before
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
MEETING_TYPES = JOINT_TYPES | {"CONSULT"}  # events the clause's subject takes part in when told as its occasion
