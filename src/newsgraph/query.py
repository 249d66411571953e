"""Query the knowledge base: plain functions that return JSON-ready data.

The CLI (`newsgraph query`), the JSON API and the web explorer all call these; they only
format the result. Every value reaches SQL as a bound parameter. Names match "in any
spelling": the needle and the stored names are both accent-folded and lower-cased, and
every word of the needle must occur among an actor's canonical names and mention forms.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import duckdb

from .store import fold

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000  # far past any corpus; DuckDB takes no offset of 2**63 or more
# Each word of a name or text search is one more condition on every row: a few words find anything.
MAX_WORDS = 12
MAX_NEEDLE_CHARS = 500

# the values the record schema allows (src/newsgraph/schema/analysis.schema.json)
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
EVENT_MODES = ("asserted", "negated", "denied", "hypothetical", "future")
ENTITY_TYPES = ("PER", "ORG", "GPE", "LOC", "MEDIA", "MISC")


class QueryError(ValueError):
    """A query parameter that cannot be used, with what was expected."""


class NotFound(LookupError):
    """No article or actor with this id."""


def parse_date(value: str | date | None, *, name: str = "date") -> date | None:
    """A `YYYY-MM-DD` day, or QueryError naming the parameter."""
    if isinstance(value, date):
        return value
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise QueryError(f"malformed {name} {value!r}: expected a date as YYYY-MM-DD") from None


def choice(value: str | None, allowed: Sequence[str], *, name: str) -> str | None:
    """`value` as spelled in `allowed` (case ignored), None when empty, or QueryError naming the parameter."""
    if value is None or not value.strip():
        return None
    by_key = {item.lower(): item for item in allowed}
    found = by_key.get(value.strip().lower())
    if found is None:
        raise QueryError(f"unknown {name} {value[:40]!r}: use one of {', '.join(allowed)}")
    return found


def check_page(limit: int, offset: int) -> None:
    """Refuse a page outside 1 <= limit <= MAX_LIMIT, offset >= 0."""
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"limit {limit} out of range: use 1 to {MAX_LIMIT}")
    if not 0 <= offset <= MAX_OFFSET:
        raise QueryError(f"offset {offset} out of range: use 0 to {MAX_OFFSET}")


class Where:
    """SQL conditions joined by AND, with their parameters kept apart."""

    def __init__(self) -> None:
        self.conditions: list[str] = []
        self.params: list[Any] = []

    def add(self, condition: str, *params: Any) -> None:
        """Add one condition and the values of its `?` placeholders."""
        self.conditions.append(condition)
        self.params.extend(params)

    def sql(self) -> str:
        """The WHERE clause (empty when there is no condition)."""
        return "WHERE " + " AND ".join(self.conditions) if self.conditions else ""


def _words(needle: str, *, name: str) -> list[str]:
    if len(needle) > MAX_NEEDLE_CHARS:
        raise QueryError(f"{name}: {len(needle):,} characters, at most {MAX_NEEDLE_CHARS}")
    words = list(dict.fromkeys(fold(needle).split()))  # a repeated word adds nothing
    if not words:
        raise QueryError(f"nothing to search for in {needle!r}")
    if len(words) > MAX_WORDS:
        raise QueryError(f"{name}: {len(words):,} different words, at most {MAX_WORDS}")
    return words


def _all_words(expression: str, words: Sequence[str]) -> tuple[str, list[str]]:
    # every word occurs in the folded expression
    condition = " AND ".join(f"contains({expression}, ?)" for _ in words)
    return f"({condition})", list(words)


def _actor_match(words: Sequence[str]) -> tuple[str, list[str]]:
    # the knowledge-base actors (linked across articles) one of whose names holds every word
    condition, params = _all_words("e.search_key", words)
    return f"(SELECT e.id FROM actors e WHERE {condition})", params


def _linked_to(article: str, entity: str, actors: str) -> str:
    """SQL: the entity `entity` of article `article` is linked to one of the actors selected by `actors`."""
    return (f"EXISTS (SELECT 1 FROM actor_links l WHERE l.article_id = {article} AND l.entity_id = {entity} "
            f"AND l.actor_id IN {actors})")


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description or ()]
    return [{name: _plain(value) for name, value in zip(names, row)} for row in cursor.fetchall()]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _date_range(where: Where, column: str, since: str | date | None, until: str | date | None) -> None:
    first, last = parse_date(since, name="since"), parse_date(until, name="until")
    if first and last and first > last:
        raise QueryError(f"since {first.isoformat()} is after until {last.isoformat()}: no day can match")
    if first:
        where.add(f"{column} >= ?", first)
    if last:
        where.add(f"{column} <= ?", last)


# ---------------------------------------------------------------- quotes


QUOTE_COLUMNS = """
    q.article_id, q.idx, q.text, q.type, q.cue, q.speaker_name, q.speaker_mention, q.speaker_entity,
    q.speaker_kind, q.sentence, q.start_char, q.end_char,
    a.title AS article_title, a.url AS article_url, a.outlet, a.published
"""


def search_quotes(
    con: duckdb.DuckDBPyConnection,
    *,
    speaker: str | None = None,
    text: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    outlet: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotes, newest first, filtered by speaker (any spelling), words, date range and outlet."""
    return quotes_page(con, speaker=speaker, text=text, since=since, until=until, outlet=outlet, limit=limit,
                       offset=offset, total=False)["items"]


def quotes_page(
    con: duckdb.DuckDBPyConnection, *, limit: int = DEFAULT_LIMIT, offset: int = 0, total: bool = True, **filters: Any
) -> dict[str, Any]:
    """One page of `search_quotes` (`items`) and, if `total`, how many quotes match over every page."""
    check_page(limit, offset)
    where = _quote_filters(**filters)
    return _page(con, QUOTE_COLUMNS, "quotes q JOIN articles a ON a.id = q.article_id", where,
                 "a.published DESC NULLS LAST, q.article_id, q.idx", limit=limit, offset=offset, total=total)


def _page(
    con: duckdb.DuckDBPyConnection, columns: str, tables: str, where: Where, order: str, *, limit: int, offset: int,
    total: bool,
) -> dict[str, Any]:
    # the total comes with the page, from one scan (a window count), except past the last page
    window = ", count(*) OVER () AS total_rows" if total else ""
    sql = f"SELECT {columns}{window} FROM {tables} {where.sql()} ORDER BY {order} LIMIT ? OFFSET ?"
    items = _rows(con.execute(sql, [*where.params, limit, offset]))
    if not total:
        return {"items": items}
    counts = [item.pop("total_rows") for item in items]
    if counts:
        return {"items": items, "total": counts[0]}
    found = con.execute(f"SELECT count(*) FROM {tables} {where.sql()}", where.params).fetchone() if offset else (0,)
    return {"items": items, "total": int(found[0]) if found else 0}


def _quote_filters(
    *, speaker: str | None = None, text: str | None = None, since: str | date | None = None,
    until: str | date | None = None, outlet: str | None = None,
) -> Where:
    where = Where()
    if speaker:
        words = _words(speaker, name="speaker")
        by_key, key_params = _all_words("q.speaker_key", words)
        actors, actor_params = _actor_match(words)
        linked = _linked_to("q.article_id", "q.speaker_entity", actors)
        where.add(f"({by_key} OR {linked})", *key_params, *actor_params)
    if text:
        condition, params = _all_words("strip_accents(lower(q.text))", _words(text, name="text"))
        where.add(condition, *params)
    _date_range(where, "a.published", since, until)
    if outlet:
        host = outlet.strip().lower().removeprefix("www.")
        where.add("(a.outlet = ? OR ends_with(a.outlet, ?))", host, "." + host)
    return where


# ---------------------------------------------------------------- events


EVENT_COLUMNS = """
    ev.article_id, ev.idx, ev.type, ev.mode, ev.source_name, ev.source_entity, ev.source_country,
    ev.target_name, ev.target_entity, ev.target_country, ev.text, ev.trigger, ev.event_date,
    ev.location, ev.reported_by, ev.start_char, ev.end_char, a.title AS article_title, a.url AS article_url, a.outlet,
    st.id AS story_id, st.mention_count AS story_mentions, st.article_count AS story_articles,
    st.outlet_count AS story_outlets
"""
# an event mention with its article and its story event
EVENT_FROM = """
    events ev JOIN articles a ON a.id = ev.article_id
    LEFT JOIN story_mentions sm ON sm.article_id = ev.article_id AND sm.idx = ev.idx
    LEFT JOIN story_events st ON st.id = sm.story_id
"""


def _actor_condition(role: str, needle: str) -> tuple[str, list[Any]]:
    words = _words(needle, name=role)
    by_name, name_params = _all_words(f"strip_accents(lower(coalesce(ev.{role}_name, '')))", words)
    actors, actor_params = _actor_match(words)
    linked = _linked_to("ev.article_id", f"ev.{role}_entity", actors)
    code = needle.strip().upper()
    condition = f"({by_name} OR {linked} OR ev.{role}_country = ? OR ev.{role}_code = ?)"
    return condition, [*name_params, *actor_params, code, code]


def country_pair(value: str) -> tuple[str, str]:
    """'RUS,PRK' -> ('RUS', 'PRK'), or QueryError."""
    parts = [part.strip().upper() for part in value.split(",")]
    if len(parts) != 2 or not all(len(part) == 3 and part.isalpha() for part in parts):
        raise QueryError(f"malformed country pair {value!r}: expected two ISO alpha-3 codes such as RUS,PRK")
    return parts[0], parts[1]


def search_events(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str | None = None,
    target: str | None = None,
    type: str | None = None,
    mode: str | None = None,
    countries: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events, newest first, by source, target (any spelling or country code), type, mode, country pair, dates."""
    return events_page(con, source=source, target=target, type=type, mode=mode, countries=countries, since=since,
                       until=until, limit=limit, offset=offset, total=False)["items"]


def events_page(
    con: duckdb.DuckDBPyConnection, *, limit: int = DEFAULT_LIMIT, offset: int = 0, total: bool = True, **filters: Any
) -> dict[str, Any]:
    """One page of `search_events` (`items`) and, if `total`, how many events match over every page."""
    check_page(limit, offset)
    where = _event_where(**filters)
    return _page(con, EVENT_COLUMNS, EVENT_FROM, where,
                 "ev.event_date DESC NULLS LAST, ev.article_id, ev.idx", limit=limit, offset=offset, total=total)


def _event_where(
    *, source: str | None = None, target: str | None = None, type: str | None = None, mode: str | None = None,
    countries: str | None = None, since: str | date | None = None, until: str | date | None = None,
) -> Where:
    where = Where()
    for role, needle in (("source", source), ("target", target)):
        if needle:
            condition, params = _actor_condition(role, needle)
            where.add(condition, *params)
    event_type = choice(type, EVENT_TYPES, name="type")
    if event_type:
        where.add("ev.type = ?", event_type)
    event_mode = choice(mode, EVENT_MODES, name="mode")
    if event_mode:
        where.add("ev.mode = ?", event_mode)
    if countries:
        first, second = country_pair(countries)
        where.add(
            "((ev.source_country = ? AND ev.target_country = ?) OR (ev.source_country = ? AND ev.target_country = ?))",
            first, second, second, first,
        )
    _date_range(where, "ev.event_date", since, until)
    return where


STORY_COLUMNS = """
    st.id, st.type, st.mode, st.source_actor, st.source_name, st.source_country, st.target_actor, st.target_name,
    st.target_country, st.first_day, st.last_day, st.mention_count, st.article_count, st.outlet_count,
    st.first_article_id, st.first_published, fa.title AS first_title, fa.url AS first_url, fa.outlet AS first_outlet
"""


def search_stories(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str | None = None,
    target: str | None = None,
    type: str | None = None,
    mode: str | None = None,
    countries: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Story events (one event reported by one or more articles), newest first, with the filters of
    `search_events` (a story matches when one of its mentions does); each with its counts, its first
    report and its mentions (article, index, sentence, trigger, outlet)."""
    check_page(limit, offset)
    where = _event_where(source=source, target=target, type=type, mode=mode, countries=countries, since=since,
                         until=until)
    stories = _rows(con.execute(
        f"""WITH hits AS (SELECT DISTINCT sm.story_id FROM {EVENT_FROM} {where.sql()})
            SELECT {STORY_COLUMNS} FROM story_events st JOIN hits h ON h.story_id = st.id
            LEFT JOIN articles fa ON fa.id = st.first_article_id
            ORDER BY st.first_day DESC NULLS LAST, st.id LIMIT ? OFFSET ?""",
        [*where.params, limit, offset],
    ))
    return _with_mentions(con, stories)


def _with_mentions(con: duckdb.DuckDBPyConnection, stories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not stories:
        return stories
    mentions = _rows(con.execute(
        """SELECT sm.story_id, ev.article_id, ev.idx, ev.mode, ev.text, ev.trigger, ev.start_char, ev.end_char,
                  ev.event_date, a.outlet, a.published, a.title AS article_title
           FROM story_mentions sm JOIN events ev ON ev.article_id = sm.article_id AND ev.idx = sm.idx
           JOIN articles a ON a.id = sm.article_id
           WHERE sm.story_id IN (SELECT unnest(?::VARCHAR[]))
           ORDER BY a.published NULLS LAST, ev.article_id, ev.idx""",
        [[story["id"] for story in stories]],
    ))
    by_story: dict[str, list[dict[str, Any]]] = {}
    for mention in mentions:
        by_story.setdefault(mention.pop("story_id"), []).append(mention)
    for story in stories:
        story["mentions"] = by_story.get(story["id"], [])
    return stories


def event_counts(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str | None = None,
    target: str | None = None,
    type: str | None = None,
    mode: str | None = None,
    countries: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
) -> dict[str, int]:
    """How many event mentions and story events match the filters of `search_events`."""
    where = _event_where(source=source, target=target, type=type, mode=mode, countries=countries, since=since,
                         until=until)
    row = con.execute(
        f"SELECT count(*), count(DISTINCT sm.story_id) FROM {EVENT_FROM} {where.sql()}", where.params
    ).fetchone() or (0, 0)
    return {"mentions": int(row[0]), "stories": int(row[1])}


# ---------------------------------------------------------------- actors


ENTITY_COLUMNS = """
    e.id, e.name, e.type, e.country, e.role, e.article_count, e.mention_count, e.first_published,
    e.last_published, e.names, e.entity_ids
"""


def search_entities(
    con: duckdb.DuckDBPyConnection,
    *,
    name: str | None = None,
    type: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Knowledge-base actors (entities linked across articles), most cited first, optionally matching a name
    in any spelling and a type."""
    return entities_page(con, name=name, type=type, limit=limit, offset=offset, total=False)["items"]


def entities_page(
    con: duckdb.DuckDBPyConnection, *, limit: int = DEFAULT_LIMIT, offset: int = 0, total: bool = True, **filters: Any
) -> dict[str, Any]:
    """One page of `search_entities` (`items`) and, if `total`, how many actors match over every page."""
    check_page(limit, offset)
    where = _entity_filters(**filters)
    page = _page(con, ENTITY_COLUMNS, "actors e", where, "e.article_count DESC, e.mention_count DESC, e.id",
                 limit=limit, offset=offset, total=total)
    page["items"] = [_with_names(row) for row in page["items"]]
    return page


def _entity_filters(*, name: str | None = None, type: str | None = None) -> Where:
    where = Where()
    if name:
        condition, params = _all_words("e.search_key", _words(name, name="name"))
        where.add(condition, *params)
    entity_type = choice(type, ENTITY_TYPES, name="type")
    if entity_type:
        where.add("e.type = ?", entity_type)
    return where


def _with_names(row: dict[str, Any]) -> dict[str, Any]:
    row["names"] = json.loads(row["names"]) if row.get("names") else []
    row["entity_ids"] = json.loads(row["entity_ids"]) if row.get("entity_ids") else []
    return row


def resolve_actor(con: duckdb.DuckDBPyConnection, actor_id: str) -> str:
    """The actor id itself, or for an `Entity.id` that is no actor id, the actor most of its articles link it to."""
    if con.execute("SELECT count(*) FROM actors WHERE id = ?", [actor_id]).fetchone()[0]:  # type: ignore[index]
        return actor_id
    found = con.execute(
        "SELECT actor_id FROM actor_links WHERE entity_id = ? GROUP BY actor_id ORDER BY count(*) DESC, actor_id LIMIT 1",
        [actor_id],
    ).fetchone()
    if not found:
        raise NotFound(f"no actor with id {actor_id!r}")
    return str(found[0])


def get_entity(con: duckdb.DuckDBPyConnection, entity_id: str) -> dict[str, Any]:
    """One actor: who it is (every name form), its quotes, its events, its story events by month and type,
    the actors it interacts with. An `Entity.id` linked to another actor gives that actor."""
    actor_id = resolve_actor(con, entity_id)
    entity = _with_names(_rows(con.execute(f"SELECT {ENTITY_COLUMNS} FROM actors e WHERE e.id = ?", [actor_id]))[0])
    quotes = _rows(con.execute(
        f"""SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE {_linked_to("q.article_id", "q.speaker_entity", "(?)")}
            ORDER BY a.published DESC NULLS LAST, q.article_id, q.idx LIMIT ?""",
        [actor_id, DEFAULT_LIMIT],
    ))
    events = _rows(con.execute(
        f"""SELECT {EVENT_COLUMNS} FROM {EVENT_FROM}
            WHERE st.source_actor = ? OR st.target_actor = ?
            ORDER BY ev.event_date DESC NULLS LAST, ev.article_id, ev.idx LIMIT ?""",
        [actor_id, actor_id, DEFAULT_LIMIT],
    ))
    return {**entity, "quotes": quotes, "events": events, "timeline": entity_timeline(con, actor_id),
            "partners": entity_partners(con, actor_id)}


def entity_timeline(con: duckdb.DuckDBPyConnection, entity_id: str) -> list[dict[str, Any]]:
    """The actor's story events counted per month (of their first day) and type, with their mentions."""
    return _rows(con.execute(
        """SELECT strftime(date_trunc('month', first_day), '%Y-%m') AS month, type, count(*) AS events,
                  sum(mention_count)::INTEGER AS mentions
           FROM story_events WHERE (source_actor = ? OR target_actor = ?) AND first_day IS NOT NULL
           GROUP BY ALL ORDER BY month, type""",
        [entity_id, entity_id],
    ))


def entity_partners(con: duckdb.DuckDBPyConnection, entity_id: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Actors on the other side of this actor's story events, most frequent first, with the mentions."""
    return _rows(con.execute(
        """WITH sides AS (
               SELECT target_actor AS partner, type, mention_count FROM story_events
               WHERE source_actor = ? AND target_actor IS NOT NULL
               UNION ALL
               SELECT source_actor, type, mention_count FROM story_events
               WHERE target_actor = ? AND source_actor IS NOT NULL)
           SELECT s.partner AS id, coalesce(e.name, s.partner) AS name, count(*) AS events,
                  sum(s.mention_count)::INTEGER AS mentions, list(DISTINCT s.type ORDER BY s.type) AS types
           FROM sides s LEFT JOIN actors e ON e.id = s.partner WHERE s.partner <> ?
           GROUP BY ALL ORDER BY events DESC, id LIMIT ?""",
        [entity_id, entity_id, entity_id, limit],
    ))


# ---------------------------------------------------------------- graph


def story_pairs(
    con: duckdb.DuckDBPyConnection,
    *,
    type: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    min_stories: int = 1,
    limit: int = 200,
) -> list[dict[str, Any]]:
    """Pairs of actors (source, target) with their story-event count per type, heaviest first:
    [{"source", "target", "type", "stories", "mentions", "articles"}]. Both sides must be actors."""
    check_page(limit, 0)
    where = _story_where(type=type, since=since, until=until)
    return _rows(con.execute(
        f"""SELECT st.source_actor AS source, st.target_actor AS target, st.type, count(*) AS stories,
                   sum(st.mention_count)::INTEGER AS mentions, sum(st.article_count)::INTEGER AS articles
            FROM story_events st {where.sql()} GROUP BY ALL HAVING count(*) >= ?
            ORDER BY stories DESC, mentions DESC, source, target, st.type LIMIT ?""",
        [*where.params, min_stories, limit],
    ))


def _story_where(*, type: str | None, since: str | date | None, until: str | date | None) -> Where:
    where = Where()
    where.add("st.source_actor IS NOT NULL AND st.target_actor IS NOT NULL AND st.source_actor <> st.target_actor")
    if type:
        where.add("upper(st.type) = ?", type.strip().upper())
    _date_range(where, "st.first_day", since, until)
    return where


def actor_graph(
    con: duckdb.DuckDBPyConnection,
    *,
    type: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    min_weight: int = 1,
    limit: int = 200,
) -> dict[str, list[dict[str, Any]]]:
    """Actors linked by events (resolved actors on both sides): the `limit` heaviest links and their nodes.

    One edge per source, target and event type, weighted by `edge_weights`; edges lighter than
    `min_weight` are left out.
    """
    check_page(limit, 0)
    if not 1 <= min_weight <= MAX_OFFSET:
        raise QueryError(f"min_weight {min_weight} out of range: use 1 or more")
    edges = edge_weights(con, type=choice(type, EVENT_TYPES, name="type"), since=since, until=until,
                         min_weight=min_weight, limit=limit)
    ids = sorted({edge["source"] for edge in edges} | {edge["target"] for edge in edges})
    nodes = _rows(con.execute(
        """SELECT i.id, coalesce(e.name, i.id) AS name, e.type, e.country, coalesce(e.article_count, 0) AS article_count
           FROM (SELECT unnest(?::VARCHAR[]) AS id) i LEFT JOIN actors e ON e.id = i.id ORDER BY i.id""",
        [ids],
    ))
    return {"nodes": nodes, "edges": edges}


def edge_weights(
    con: duckdb.DuckDBPyConnection, *, type: str | None, since: str | date | None, until: str | date | None,
    min_weight: int, limit: int,
) -> list[dict[str, Any]]:
    """Links of the graph: source, target, type, `events` (the weight) and `mentions`, heaviest first.

    The weight is the number of story events (an event reported by several articles counts
    once) between two knowledge-base actors; `mentions` counts their event mentions.
    """
    pairs = story_pairs(con, type=type, since=since, until=until, min_stories=min_weight, limit=limit)
    return [{"source": pair["source"], "target": pair["target"], "type": pair["type"], "events": pair["stories"],
             "mentions": pair["mentions"]} for pair in pairs]


def top_speakers(con: duckdb.DuckDBPyConnection, *, limit: int = 12) -> list[dict[str, Any]]:
    """The people and organizations quoted in the most articles (with their quote counts)."""
    check_page(limit, 0)
    return _rows(con.execute(
        """SELECT e.id, e.name, e.type, count(DISTINCT q.article_id) AS article_count, count(*) AS quote_count
           FROM quotes q JOIN actor_links l ON l.article_id = q.article_id AND l.entity_id = q.speaker_entity
           JOIN actors e ON e.id = l.actor_id
           WHERE e.type IN ('PER', 'ORG') GROUP BY ALL
           ORDER BY article_count DESC, quote_count DESC, e.id LIMIT ?""",
        [limit],
    ))


# ---------------------------------------------------------------- articles


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any]:
    """One article with its text, entities and mentions, quotes and events."""
    found = _rows(con.execute(
        """SELECT id, url, outlet, title, date, published, language, text, source, warnings, ingested_at
           FROM articles WHERE id = ?""",
        [article_id],
    ))
    if not found:
        raise NotFound(f"no article with id {article_id!r}")
    article = found[0]
    article["warnings"] = json.loads(article["warnings"] or "[]")
    by_article = [article_id]
    article["entities"] = _rows(con.execute(
        "SELECT ae.entity_id AS id, ae.name, ae.type, ae.country, ae.role, ae.mention_count, l.actor_id "
        "FROM article_entities ae LEFT JOIN actor_links l ON l.article_id = ae.article_id AND l.entity_id = ae.entity_id "
        "WHERE ae.article_id = ? ORDER BY ae.mention_count DESC, ae.entity_id",
        by_article,
    ))
    article["mentions"] = _rows(con.execute(
        "SELECT entity_id, text, start_char, end_char FROM mentions WHERE article_id = ? ORDER BY idx", by_article
    ))
    article["quotes"] = _rows(con.execute(
        "SELECT idx, text, type, cue, speaker_name, speaker_entity, start_char, end_char, sentence "
        "FROM quotes WHERE article_id = ? ORDER BY idx",
        by_article,
    ))
    article["events"] = _rows(con.execute(
        "SELECT ev.idx, ev.type, ev.mode, ev.source_name, ev.source_entity, ev.target_name, ev.target_entity, ev.text, "
        "ev.trigger, ev.event_date, ev.start_char, ev.end_char, ev.reported_by, st.id AS story_id, "
        "st.mention_count AS story_mentions, st.article_count AS story_articles, st.outlet_count AS story_outlets "
        f"FROM {EVENT_FROM} WHERE ev.article_id = ? ORDER BY ev.idx",
        by_article,
    ))
    return article


def corpus_summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """How many articles, actors (linked across articles), quotes, event mentions, story events and failures;
    the date span."""
    row = con.execute(
        """SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM actors), (SELECT count(*) FROM quotes),
                  (SELECT count(*) FROM events), (SELECT count(*) FROM story_events), (SELECT count(*) FROM failures),
                  (SELECT min(published) FROM articles), (SELECT max(published) FROM articles)"""
    ).fetchone() or (0, 0, 0, 0, 0, 0, None, None)
    keys = ("articles", "entities", "quotes", "events", "stories", "failures", "first_published", "last_published")
    return {key: _plain(value) for key, value in zip(keys, row)}


def event_types(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every event type stored, alphabetically (for filter menus)."""
    return [row[0] for row in con.execute("SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY type").fetchall()]
