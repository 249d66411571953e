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


class QueryError(ValueError):
    """A query parameter that cannot be used, with what was expected."""


class NotFound(LookupError):
    """No article or actor with this id."""


def parse_date(value: str | date | None, *, name: str = "date") -> date | None:
    """A `YYYY-MM-DD` day, or QueryError naming the parameter."""
    if value is None or value == "" or isinstance(value, date):
        return value or None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise QueryError(f"malformed {name} {value!r}: expected a date as YYYY-MM-DD") from None


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


def _entity_match(words: Sequence[str]) -> tuple[str, list[str]]:
    condition, params = _all_words("e.search_key", words)
    return f"(SELECT e.id FROM entities e WHERE {condition})", params


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [column[0] for column in cursor.description or ()]
    return [{name: _plain(value) for name, value in zip(names, row)} for row in cursor.fetchall()]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _date_range(where: Where, column: str, since: str | date | None, until: str | date | None) -> None:
    first, last = parse_date(since, name="since"), parse_date(until, name="until")
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
    check_page(limit, offset)
    where = Where()
    if speaker:
        words = _words(speaker, name="speaker")
        by_key, key_params = _all_words("q.speaker_key", words)
        entities, entity_params = _entity_match(words)
        where.add(f"({by_key} OR q.speaker_entity IN {entities})", *key_params, *entity_params)
    if text:
        condition, params = _all_words("strip_accents(lower(q.text))", _words(text, name="text"))
        where.add(condition, *params)
    _date_range(where, "a.published", since, until)
    if outlet:
        host = outlet.strip().lower().removeprefix("www.")
        where.add("(a.outlet = ? OR ends_with(a.outlet, ?))", host, "." + host)
    sql = f"""
        SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id {where.sql()}
        ORDER BY a.published DESC NULLS LAST, q.article_id, q.idx LIMIT ? OFFSET ?
    """
    return _rows(con.execute(sql, [*where.params, limit, offset]))


# ---------------------------------------------------------------- events


EVENT_COLUMNS = """
    ev.article_id, ev.idx, ev.type, ev.mode, ev.source_name, ev.source_entity, ev.source_country,
    ev.target_name, ev.target_entity, ev.target_country, ev.text, ev.trigger, ev.event_date,
    ev.location, ev.start_char, ev.end_char, a.title AS article_title, a.url AS article_url, a.outlet
"""


def _actor_condition(role: str, needle: str) -> tuple[str, list[Any]]:
    words = _words(needle, name=role)
    by_name, name_params = _all_words(f"strip_accents(lower(coalesce(ev.{role}_name, '')))", words)
    entities, entity_params = _entity_match(words)
    code = needle.strip().upper()
    condition = f"({by_name} OR ev.{role}_entity IN {entities} OR ev.{role}_country = ? OR ev.{role}_code = ?)"
    return condition, [*name_params, *entity_params, code, code]


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
    countries: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Events, newest first, by source, target (any spelling or country code), type, country pair, dates."""
    check_page(limit, offset)
    where = Where()
    for role, needle in (("source", source), ("target", target)):
        if needle:
            condition, params = _actor_condition(role, needle)
            where.add(condition, *params)
    if type:
        where.add("upper(ev.type) = ?", type.strip().upper())
    if countries:
        first, second = country_pair(countries)
        where.add(
            "((ev.source_country = ? AND ev.target_country = ?) OR (ev.source_country = ? AND ev.target_country = ?))",
            first, second, second, first,
        )
    _date_range(where, "ev.event_date", since, until)
    sql = f"""
        SELECT {EVENT_COLUMNS} FROM events ev JOIN articles a ON a.id = ev.article_id {where.sql()}
        ORDER BY ev.event_date DESC NULLS LAST, ev.article_id, ev.idx LIMIT ? OFFSET ?
    """
    return _rows(con.execute(sql, [*where.params, limit, offset]))


# ---------------------------------------------------------------- entities


ENTITY_COLUMNS = """
    e.id, e.name, e.type, e.country, e.role, e.article_count, e.mention_count, e.first_published,
    e.last_published, e.names
"""


def search_entities(
    con: duckdb.DuckDBPyConnection,
    *,
    name: str | None = None,
    type: str | None = None,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Actors, most cited first, optionally matching a name in any spelling and a type."""
    check_page(limit, offset)
    where = Where()
    if name:
        condition, params = _all_words("e.search_key", _words(name, name="name"))
        where.add(condition, *params)
    if type:
        where.add("e.type = ?", type.strip().upper())
    sql = f"""
        SELECT {ENTITY_COLUMNS} FROM entities e {where.sql()}
        ORDER BY e.article_count DESC, e.mention_count DESC, e.id LIMIT ? OFFSET ?
    """
    return [_with_names(row) for row in _rows(con.execute(sql, [*where.params, limit, offset]))]


def _with_names(row: dict[str, Any]) -> dict[str, Any]:
    row["names"] = json.loads(row["names"]) if row.get("names") else []
    return row


def get_entity(con: duckdb.DuckDBPyConnection, entity_id: str) -> dict[str, Any]:
    """One actor: who it is, its quotes, its events by month and type, the actors it interacts with."""
    found = _rows(con.execute(f"SELECT {ENTITY_COLUMNS} FROM entities e WHERE e.id = ?", [entity_id]))
    if not found:
        raise NotFound(f"no actor with id {entity_id!r}")
    entity = _with_names(found[0])
    quotes = _rows(con.execute(
        f"""SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE q.speaker_entity = ? ORDER BY a.published DESC NULLS LAST, q.article_id, q.idx LIMIT ?""",
        [entity_id, DEFAULT_LIMIT],
    ))
    events = _rows(con.execute(
        f"""SELECT {EVENT_COLUMNS} FROM events ev JOIN articles a ON a.id = ev.article_id
            WHERE ev.source_entity = ? OR ev.target_entity = ?
            ORDER BY ev.event_date DESC NULLS LAST, ev.article_id, ev.idx LIMIT ?""",
        [entity_id, entity_id, DEFAULT_LIMIT],
    ))
    return {**entity, "quotes": quotes, "events": events, "timeline": entity_timeline(con, entity_id),
            "partners": entity_partners(con, entity_id)}


def entity_timeline(con: duckdb.DuckDBPyConnection, entity_id: str) -> list[dict[str, Any]]:
    """The actor's events counted per month and type (events with a known day only)."""
    return _rows(con.execute(
        """SELECT strftime(date_trunc('month', event_date), '%Y-%m') AS month, type, count(*) AS events
           FROM events WHERE (source_entity = ? OR target_entity = ?) AND event_date IS NOT NULL
           GROUP BY ALL ORDER BY month, type""",
        [entity_id, entity_id],
    ))


def entity_partners(con: duckdb.DuckDBPyConnection, entity_id: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Actors on the other side of this actor's events, most frequent first."""
    return _rows(con.execute(
        """WITH sides AS (
               SELECT target_entity AS partner, type FROM events WHERE source_entity = ? AND target_entity IS NOT NULL
               UNION ALL
               SELECT source_entity, type FROM events WHERE target_entity = ? AND source_entity IS NOT NULL)
           SELECT s.partner AS id, coalesce(e.name, s.partner) AS name, count(*) AS events,
                  list(DISTINCT s.type ORDER BY s.type) AS types
           FROM sides s LEFT JOIN entities e ON e.id = s.partner WHERE s.partner <> ?
           GROUP BY ALL ORDER BY events DESC, id LIMIT ?""",
        [entity_id, entity_id, entity_id, limit],
    ))


# ---------------------------------------------------------------- graph


def actor_graph(
    con: duckdb.DuckDBPyConnection,
    *,
    type: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    limit: int = 200,
) -> dict[str, list[dict[str, Any]]]:
    """Actors linked by events (resolved actors on both sides): the `limit` heaviest links and their nodes."""
    check_page(limit, 0)
    where = Where()
    where.add("ev.source_entity IS NOT NULL AND ev.target_entity IS NOT NULL AND ev.source_entity <> ev.target_entity")
    if type:
        where.add("upper(ev.type) = ?", type.strip().upper())
    _date_range(where, "ev.event_date", since, until)
    edges = _rows(con.execute(
        f"""SELECT ev.source_entity AS source, ev.target_entity AS target, count(*) AS events,
                   list(DISTINCT ev.type ORDER BY ev.type) AS types
            FROM events ev {where.sql()} GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?""",
        [*where.params, limit],
    ))
    ids = sorted({edge["source"] for edge in edges} | {edge["target"] for edge in edges})
    nodes = _rows(con.execute(
        """SELECT i.id, coalesce(e.name, i.id) AS name, e.type, e.country, coalesce(e.article_count, 0) AS article_count
           FROM (SELECT unnest(?::VARCHAR[]) AS id) i LEFT JOIN entities e ON e.id = i.id ORDER BY i.id""",
        [ids],
    ))
    return {"nodes": nodes, "edges": edges}


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
        "SELECT entity_id AS id, name, type, country, role, mention_count FROM article_entities "
        "WHERE article_id = ? ORDER BY mention_count DESC, entity_id",
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
        "SELECT idx, type, mode, source_name, source_entity, target_name, target_entity, text, trigger, "
        "event_date, start_char, end_char FROM events WHERE article_id = ? ORDER BY idx",
        by_article,
    ))
    return article


def corpus_summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """How many articles, actors, quotes, events and failures; the date span."""
    row = con.execute(
        """SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM entities), (SELECT count(*) FROM quotes),
                  (SELECT count(*) FROM events), (SELECT count(*) FROM failures),
                  (SELECT min(published) FROM articles), (SELECT max(published) FROM articles)"""
    ).fetchone() or (0, 0, 0, 0, 0, None, None)
    keys = ("articles", "entities", "quotes", "events", "failures", "first_published", "last_published")
    return {key: _plain(value) for key, value in zip(keys, row)}


def event_types(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every event type stored, alphabetically (for filter menus)."""
    return [row[0] for row in con.execute("SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY type").fetchall()]
