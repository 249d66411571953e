"""Tables derived in the store from the article tables: actors linked across articles, story events.

`derive(con, ids)` links the entities of articles just stored (`store.linking`) and clusters their
events (`store.clustering`), loading only the actors of their surname blocks and the stories of
their blocks within the time window: a new batch attaches to existing actors and stories. Before
an article is replaced, `forget(con, ids)` removes its links and story mentions. Both run inside
the batch's transaction (`write_batch`, `parquet.load_dataset`).
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb

from .clustering import (
    WINDOW_DAYS,
    Clusterer,
    EventMention,
    Story,
    block_of,
    cluster_order,
    side_key,
)
from .linking import (
    ActorProfile,
    EntityRow,
    Linker,
    block_key,
    is_full_name,
    link_order,
    person_words,
    role_words,
)
from .rows import fold
from .schema import ALL_TABLES, DERIVED_TABLES

_IDS = "(SELECT unnest(?::VARCHAR[]))"


@dataclass
class Touched:
    """Actors and stories whose derived rows must be rebuilt."""

    actors: set[str] = field(default_factory=set)
    stories: set[str] = field(default_factory=set)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert column dicts into one table in one statement (each column as one typed list)."""
    if not rows:
        return
    columns = ALL_TABLES[table]
    selects = ", ".join(f"unnest(?::{column.type}[])" for column in columns)
    names = ", ".join(column.name for column in columns)
    values = [[row.get(column.name) for row in rows] for column in columns]
    con.execute(f"INSERT INTO {table} ({names}) SELECT {selects}", values)


def forget(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> Touched:
    """Remove the links and story mentions of articles about to be replaced; return what they touched."""
    touched = Touched()
    if not article_ids:
        return touched
    ids = list(article_ids)
    found = con.execute(f"SELECT DISTINCT actor_id FROM actor_links WHERE article_id IN {_IDS}", [ids])
    touched.actors = {row[0] for row in found.fetchall()}
    found = con.execute(f"SELECT DISTINCT story_id FROM story_mentions WHERE article_id IN {_IDS}", [ids])
    touched.stories = {row[0] for row in found.fetchall()}
    con.execute(f"DELETE FROM actor_links WHERE article_id IN {_IDS}", [ids])
    con.execute(f"DELETE FROM story_mentions WHERE article_id IN {_IDS}", [ids])
    return touched


def derive(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str], touched: Touched | None = None) -> Touched:
    """Link the entities and cluster the events of stored articles; rebuild the actors and stories touched."""
    touched = touched or Touched()
    ids = sorted(set(article_ids))
    if ids:
        touched.actors |= link_articles(con, ids)
    refresh_actors(con, sorted(touched.actors))
    if ids:
        touched.stories |= cluster_articles(con, ids)
    refresh_stories(con, sorted(touched.stories))
    return touched


def rebuild_derived(con: duckdb.DuckDBPyConnection) -> None:
    """Derive every table of `DERIVED_TABLES` again from all stored articles."""
    for table in DERIVED_TABLES:
        con.execute(f"DELETE FROM {table}")
    ids = [row[0] for row in con.execute("SELECT id FROM articles ORDER BY published NULLS LAST, id").fetchall()]
    derive(con, ids)


# ---------------------------------------------------------------- actors


def link_articles(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> set[str]:
    """Link every entity of `article_ids` to an actor; return the actor ids linked to."""
    found = con.execute(
        f"""SELECT ae.article_id, ae.entity_id, ae.name, ae.type, ae.country, ae.role, a.published
            FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE ae.article_id IN {_IDS}""",
        [article_ids],
    ).fetchall()
    rows = [(EntityRow(*values[:6]), values[6] or date.max) for values in found]
    taken = _taken_ids(con, sorted({row.entity_id for row, _ in rows}))
    linker = Linker(_profiles(con, sorted({block_key(row) for row, _ in rows})), id_taken=taken.__contains__,
                    first_names=_first_names(con, rows))
    links = []
    for row, _ in link_order(rows):
        actor_id, rule = linker.link(row)
        links.append({"article_id": row.article_id, "entity_id": row.entity_id, "actor_id": actor_id,
                      "block_key": block_key(row), "rule": rule})
    insert_rows(con, "actor_links", links)
    return {link["actor_id"] for link in links}


def _profiles(con: duckdb.DuckDBPyConnection, blocks: list[str]) -> list[ActorProfile]:
    # the actors of these blocks, with every distinct name, country and role linked to them
    if not blocks:
        return []
    actors = con.execute(
        f"SELECT id, type, block_key, article_count FROM actors WHERE block_key IN {_IDS}", [blocks]
    ).fetchall()
    profiles = {actor_id: ActorProfile(actor_id, type_, block, articles=count or 0)
                for actor_id, type_, block, count in actors}
    facts = con.execute(
        f"""SELECT DISTINCT l.actor_id, ae.name, ae.country, ae.role
            FROM actor_links l JOIN article_entities ae ON ae.article_id = l.article_id AND ae.entity_id = l.entity_id
            WHERE l.block_key IN {_IDS}""",
        [blocks],
    ).fetchall()
    for actor_id, name, country, role in facts:
        profile = profiles.get(actor_id)
        if profile is None:
            continue
        if profile.type == "PER":
            profile.learn_name(name or "")
        if country:
            profile.countries.add(country)
        profile.roles |= role_words(role)
    return list(profiles.values())


def _first_names(con: duckdb.DuckDBPyConnection, rows: list[tuple[EntityRow, Any]]) -> set[str]:
    # the one-word person names of the batch that some stored full name (this batch's too) begins with
    single = sorted({words[0] for row, _ in rows if row.type == "PER" and len(words := person_words(row.name)) == 1})
    if not single:
        return set()
    found = con.execute(
        f"""SELECT DISTINCT name FROM article_entities
            WHERE type = 'PER' AND contains(name, ' ')
              AND strip_accents(lower(split_part(name, ' ', 1))) IN {_IDS}""",
        [single],
    ).fetchall()
    return {words[0] for (name,) in found if is_full_name(words := person_words(name))}


def _taken_ids(con: duckdb.DuckDBPyConnection, entity_ids: list[str]) -> set[str]:
    # the actor ids a new actor founded by one of these entities could collide with: the id, or the id~N
    found = con.execute(f"SELECT id FROM actors WHERE split_part(id, '~', 1) IN {_IDS}", [entity_ids])
    return {row[0] for row in found.fetchall()}


def refresh_actors(con: duckdb.DuckDBPyConnection, actor_ids: Sequence[str]) -> None:
    """Rebuild the `actors` rows of `actor_ids` from their links (an actor left with no link goes)."""
    if not actor_ids:
        return
    ids = list(actor_ids)
    con.execute(f"DELETE FROM actors WHERE id IN {_IDS}", [ids])
    facts = con.execute(
        f"""SELECT l.actor_id, ae.name, ae.type, ae.country, ae.role, count(*), sum(ae.mention_count),
                   min(a.published), max(a.published)
            FROM actor_links l
            JOIN article_entities ae ON ae.article_id = l.article_id AND ae.entity_id = l.entity_id
            JOIN articles a ON a.id = l.article_id
            WHERE l.actor_id IN {_IDS} GROUP BY ALL""",
        [ids],
    ).fetchall()
    extra = con.execute(
        f"""SELECT actor_id, count(DISTINCT article_id), list(DISTINCT entity_id ORDER BY entity_id), min(block_key)
            FROM actor_links WHERE actor_id IN {_IDS} GROUP BY actor_id""",
        [ids],
    ).fetchall()
    forms = con.execute(
        f"""SELECT l.actor_id, list(DISTINCT m.text) FROM actor_links l
            JOIN mentions m ON m.article_id = l.article_id AND m.entity_id = l.entity_id
            WHERE l.actor_id IN {_IDS} GROUP BY l.actor_id""",
        [ids],
    ).fetchall()
    insert_rows(con, "actors", actor_rows(facts, dict(forms), {row[0]: row[1:] for row in extra}))


def actor_rows(
    facts: Sequence[tuple[Any, ...]], forms: dict[str, list[str]], extra: dict[str, tuple[Any, ...]]
) -> list[dict[str, Any]]:
    """One `actors` row per actor from its (actor, name, type, country, role, links, mentions, first, last) groups."""
    from .writing import merge_entity_rows

    names = {actor_id: list(forms.get(actor_id, [])) for actor_id in extra}
    full_names: dict[str, list[tuple[Any, ...]]] = {}
    for fact in facts:
        if fact[1]:
            names.setdefault(fact[0], []).append(fact[1])
        if fact[2] == "PER" and is_full_name(person_words(fact[1] or "")):
            full_names.setdefault(fact[0], []).append(fact)
    rows = merge_entity_rows(facts, names)
    for row in rows:
        articles, entity_ids, block = extra[row["id"]]
        full = full_names.get(row["id"])
        if row["type"] == "PER" and full:
            row["name"] = _most_common_name(full)
        row["article_count"] = articles
        row["entity_ids"] = json.dumps(list(entity_ids), ensure_ascii=False)
        row["block_key"] = block
        row["search_key"] = "|".join(sorted(set(row["search_key"].split("|")) | {fold(e) for e in entity_ids}))
    return rows


def _most_common_name(facts: Sequence[tuple[Any, ...]]) -> str:
    counts: Counter[str] = Counter()
    for fact in facts:
        counts[fact[1]] += fact[5]
    return min(counts, key=lambda name: (-counts[name], -len(name), name))


# ---------------------------------------------------------------- story events


def cluster_articles(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> set[str]:
    """Assign every event of `article_ids` to a story event; return the story ids assigned to."""
    found = con.execute(
        f"""SELECT ev.article_id, ev.idx, ev.type, ev.mode, ls.actor_id, ev.source_country, ev.source_sector,
                   lt.actor_id, ev.target_country, ev.target_sector, ev.event_date
            FROM events ev
            LEFT JOIN actor_links ls ON ls.article_id = ev.article_id AND ls.entity_id = ev.source_entity
            LEFT JOIN actor_links lt ON lt.article_id = ev.article_id AND lt.entity_id = ev.target_entity
            WHERE ev.article_id IN {_IDS}""",
        [article_ids],
    ).fetchall()
    mentions = [
        EventMention(article_id, idx, type_ or "", mode or "", side_key(*row[4:7]), side_key(*row[7:10]), row[10])
        for row in found
        for article_id, idx, type_, mode in [row[:4]]
    ]
    clusterer = Clusterer(_stories(con, mentions))
    assigned = []
    for mention in cluster_order(mentions):
        assigned.append({"article_id": mention.article_id, "idx": mention.idx, "story_id": clusterer.assign(mention),
                         "source_key": mention.source_key, "target_key": mention.target_key, "day": mention.day})
    insert_rows(con, "story_mentions", assigned)
    return {str(row["story_id"]) for row in assigned}


def _stories(con: duckdb.DuckDBPyConnection, mentions: Sequence[EventMention]) -> list[Story]:
    # the stored stories of the mentions' blocks whose first day is within the window of one of them
    spans: dict[str, tuple[date, date]] = {}
    for mention in mentions:
        block = block_of(mention)
        if block is None or mention.day is None:
            continue
        low, high = spans.get(block, (mention.day, mention.day))
        spans[block] = (min(low, mention.day), max(high, mention.day))
    if not spans:
        return []
    window = timedelta(days=WINDOW_DAYS)
    blocks = sorted(spans)
    found = con.execute(
        """SELECT s.id, s.block_key, s.first_day FROM story_events s
            JOIN (SELECT unnest(?::VARCHAR[]) AS block, unnest(?::DATE[]) AS low, unnest(?::DATE[]) AS high) w
              ON w.block = s.block_key AND s.first_day BETWEEN w.low AND w.high""",
        [blocks, [spans[b][0] - window for b in blocks], [spans[b][1] + window for b in blocks]],
    ).fetchall()
    return [Story(*row) for row in found]


def refresh_stories(con: duckdb.DuckDBPyConnection, story_ids: Sequence[str]) -> None:
    """Rebuild the `story_events` rows of `story_ids` from their mentions (a story left with none goes)."""
    if not story_ids:
        return
    ids = list(story_ids)
    con.execute(f"DELETE FROM story_events WHERE id IN {_IDS}", [ids])
    found = con.execute(
        f"""SELECT sm.story_id, ev.type, ev.mode, sm.source_key, sm.target_key, ev.source_name, ev.target_name,
                   ev.source_country, ev.target_country, sm.day, sm.article_id, a.outlet, a.published
            FROM story_mentions sm
            JOIN events ev ON ev.article_id = sm.article_id AND ev.idx = sm.idx
            JOIN articles a ON a.id = sm.article_id
            WHERE sm.story_id IN {_IDS}""",
        [ids],
    ).fetchall()
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for row in found:
        grouped.setdefault(row[0], []).append(row)
    insert_rows(con, "story_events", [story_row(story, rows) for story, rows in sorted(grouped.items())])


def story_row(story: str, mentions: Sequence[tuple[Any, ...]]) -> dict[str, Any]:
    """One `story_events` row from its mentions (story, type, mode, keys, names, countries, day, article, outlet,
    published)."""
    first = mentions[0]
    days = [m[9] for m in mentions if m[9] is not None]
    earliest = min(mentions, key=lambda m: (m[12] is None, m[12] or date.max, m[10]))
    source_key, target_key = first[3], first[4]
    probe = EventMention(first[10], 0, first[1], first[2], source_key, target_key, days[0] if days else None)
    return {
        "id": story, "type": first[1], "mode": first[2], "source_key": source_key, "target_key": target_key,
        "source_actor": _actor_of(source_key), "target_actor": _actor_of(target_key),
        "source_name": _most_frequent(m[5] for m in mentions), "target_name": _most_frequent(m[6] for m in mentions),
        "source_country": _most_frequent(m[7] for m in mentions),
        "target_country": _most_frequent(m[8] for m in mentions),
        "first_day": min(days, default=None), "last_day": max(days, default=None), "mention_count": len(mentions),
        "article_count": len({m[10] for m in mentions}), "outlet_count": len({m[11] for m in mentions if m[11]}),
        "first_article_id": earliest[10], "first_published": earliest[12],
        "block_key": block_of(probe),
    }


def _actor_of(key: str | None) -> str | None:
    return key.removeprefix("actor:") if key and key.startswith("actor:") else None


def _most_frequent(values: Any) -> Any:
    counts = Counter(value for value in values if value is not None)
    return min(counts, key=lambda value: (-counts[value], str(value))) if counts else None
