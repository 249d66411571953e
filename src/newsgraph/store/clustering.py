"""Clustering event mentions across articles into story events: one attack reported by twenty outlets is one story.

Pure logic; `store.derived` feeds it from the database. Two mentions belong to one story when they
have the same type and mode, compatible sides and days close together:

- a side is the knowledge-base actor its entity is linked to ('actor:<id>'), else the actor's
  country and sector ('code:RUS/GOV'), else unknown; both sides must be equal;
- a mention joins a story of its block (type, mode, source side, target side) whose first day is
  at most `WINDOW_DAYS` away from its own day (the nearest such story); a story's first day moves
  only back in time, so a story cannot drift along a chain of daily reports;
- a mention with no day, or with no named person or organization on either side (unless both sides
  are actors: Russia attacking Ukraine), is a story of its own: a country or unnamed 'autorités' and
  'manifestants' alone merged unrelated events ('40 Français blessés' in Beirut, 'six Français tués' in
  Niger) in a judged sample (`benchmarks/story_pairs_judged.tsv`).

Blocks and a time window keep the work near linear: a new mention is compared with the stories
of its block within the window only, and the database loads no other.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

WINDOW_DAYS = 3


@dataclass(frozen=True)
class EventMention:
    """One stored event mention as clustering sees it."""

    article_id: str
    idx: int
    type: str
    mode: str
    source_key: str | None
    target_key: str | None
    day: date | None


@dataclass
class Story:
    """A story event being clustered: its block and first day."""

    id: str
    block: str | None
    first_day: date | None


def side_key(actor_id: str | None, country: str | None, sector: str | None) -> str | None:
    """One side of an event: its linked actor, else its country and sector, else None."""
    if actor_id:
        return f"actor:{actor_id}"
    if country:
        return f"code:{country}/{sector or ''}"
    return None


_PLACE_ACTORS = ("actor:gpe:", "actor:loc:")  # countries and places: actors too general to make a story alone


def block_of(mention: EventMention) -> str | None:
    """The clustering block of a mention; None for one that stays alone (no day; no named person or
    organization on either side, unless both sides are actors)."""
    sides = (mention.source_key or "", mention.target_key or "")
    named = any(side.startswith("actor:") and not side.startswith(_PLACE_ACTORS) for side in sides)
    if mention.day is None or not (named or all(side.startswith("actor:") for side in sides)):
        return None
    return "|".join((mention.type, mention.mode, mention.source_key or "-", mention.target_key or "-"))


def story_id(block: str | None, mention: EventMention) -> str:
    """A story's id from its block and founding mention: stable across runs."""
    payload = f"{block}\x00{mention.article_id}\x00{mention.idx}"
    return "st-" + hashlib.sha1(payload.encode("utf-8")).hexdigest()[:12]


class Clusterer:
    """Stories by block; assigns each new mention to one, or founds one."""

    def __init__(self, stories: Iterable[Story], *, window: int = WINDOW_DAYS) -> None:
        self.window = timedelta(days=window)
        self.blocks: dict[str, list[Story]] = {}
        for story in stories:
            if story.block is not None:
                self.blocks.setdefault(story.block, []).append(story)

    def assign(self, mention: EventMention) -> str:
        """The id of the story `mention` belongs to (a new one if none is close enough)."""
        block = block_of(mention)
        if block is None or mention.day is None:
            return story_id(block, mention)
        day = mention.day
        near = [s for s in self.blocks.get(block, []) if s.first_day and abs(s.first_day - day) <= self.window]
        if near:
            chosen = min(near, key=lambda story: (abs(story.first_day - day), story.id))  # type: ignore[operator]
            chosen.first_day = min(chosen.first_day, day)  # type: ignore[type-var]
            return chosen.id
        story = Story(story_id(block, mention), block, day)
        self.blocks.setdefault(block, []).append(story)
        return story.id


def cluster_order(mentions: Iterable[EventMention]) -> list[EventMention]:
    """Mentions in clustering order: by day (undated last), article, index."""
    return sorted(mentions, key=lambda m: (m.day is None, m.day or date.min, m.article_id, m.idx))
