"""Writing a batch in one transaction: inserts, replaced articles, failures, merged entities."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import duckdb

from ..ingest import FileEnd, InputError
from .derived import derive, forget, insert_rows
from .rows import Rows, Stored, fold, rows_for
from .schema import ARTICLE_TABLES, _now


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    # one statement per table and batch: each column travels as one typed list parameter
    insert_rows(con, table, rows)


def stored_hashes(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> dict[str, str]:
    """Content hash of each of `ids` already stored."""
    if not ids:
        return {}
    found = con.execute("SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)])
    return dict(found.fetchall())


def stored_files(con: duckdb.DuckDBPyConnection, *, analyzer: str) -> dict[tuple[str, str], FileEnd]:
    """The input files read in full by this `analyzer` version (table `ingested_files`), by (path, file id)."""
    found = con.execute(
        "SELECT path, file_id, size, sha256, articles, failures FROM ingested_files WHERE analyzer = ?", [analyzer]
    ).fetchall()
    return {
        (path, file_id): FileEnd(path, file_id, size, sha256, articles, failures, skipped=True)
        for path, file_id, size, sha256, articles, failures in found
    }


def write_batch(
    con: duckdb.DuckDBPyConnection, items: Sequence[Stored], failures: Sequence[InputError], *, analyzer: str,
    files: Sequence[FileEnd] = (),
) -> None:
    """Store a batch in one transaction: replace changed articles, record failures, merge entities, derive actors
    and story events (`store.derived`), and record `files` as read in full."""
    now = _now()
    latest = {item.analysis.id: item for item in items}  # an id seen twice in a batch: the last wins
    rows = Rows()
    for item in latest.values():
        rows_for(item, rows, analyzer=analyzer, now=now)
    ids = list(latest)
    con.begin()
    try:
        derived = forget(con, ids)
        touched = _delete_articles(con, ids)
        for table, table_rows in rows.tables.items():
            _insert(con, table, table_rows)
        _record_failures(con, failures, sources=[item.source for item in latest.values()], now=now)
        touched |= {row["entity_id"] for row in rows.tables["article_entities"]}
        refresh_entities(con, sorted(touched))
        derive(con, ids, derived)
        _record_files(con, files, analyzer=analyzer, now=now)
        con.commit()
    except BaseException:
        con.rollback()
        raise


def _record_files(con: duckdb.DuckDBPyConnection, files: Sequence[FileEnd], *, analyzer: str, now: datetime) -> None:
    for mark in files:
        con.execute(
            "INSERT OR REPLACE INTO ingested_files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [mark.path, mark.file_id, mark.size, mark.sha256, mark.articles, mark.failures, analyzer, now],
        )


def _delete_articles(con: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    # returns the entities the deleted articles named, whose merged rows must be rebuilt
    if not ids:
        return set()
    id_list = "(SELECT unnest(?::VARCHAR[]))"
    found = con.execute(f"SELECT DISTINCT entity_id FROM article_entities WHERE article_id IN {id_list}", [ids])
    touched = {row[0] for row in found.fetchall()}
    for table in ARTICLE_TABLES:
        con.execute(f"DELETE FROM {table} WHERE article_id IN {id_list}", [ids])
    con.execute(f"DELETE FROM articles WHERE id IN {id_list}", [ids])
    return touched


def _record_failures(
    con: duckdb.DuckDBPyConnection,
    failures: Sequence[InputError],
    *,
    sources: list[str | None],
    now: datetime,
) -> None:
    # an input that now reads fine is no longer a failure
    stored_sources = [source for source in sources if source]
    if stored_sources:
        con.execute("DELETE FROM failures WHERE source IN (SELECT unnest(?::VARCHAR[]))", [stored_sources])
    latest = {failure.source: failure.reason for failure in failures}
    if latest:
        con.execute("DELETE FROM failures WHERE source IN (SELECT unnest(?::VARCHAR[]))", [list(latest)])
        _insert(con, "failures", [{"source": s, "reason": r, "failed_at": now} for s, r in latest.items()])


def refresh_entities(con: duckdb.DuckDBPyConnection, entity_ids: Sequence[str]) -> None:
    """Rebuild the merged `entities` rows of `entity_ids` from their per-article rows."""
    if not entity_ids:
        return
    ids = list(entity_ids)
    con.execute("DELETE FROM entities WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    facts = con.execute(
        """
        SELECT ae.entity_id, ae.name, ae.type, ae.country, ae.role, count(*), sum(ae.mention_count),
               min(a.published), max(a.published)
        FROM article_entities ae JOIN articles a ON a.id = ae.article_id
        WHERE ae.entity_id IN (SELECT unnest(?::VARCHAR[]))
        GROUP BY ALL
        """,
        [ids],
    ).fetchall()
    forms = con.execute(
        """
        SELECT entity_id, list(DISTINCT form) FROM (
            SELECT entity_id, name AS form FROM article_entities WHERE entity_id IN (SELECT unnest(?::VARCHAR[]))
            UNION ALL
            SELECT entity_id, text FROM mentions WHERE entity_id IN (SELECT unnest(?::VARCHAR[]))
        ) WHERE form IS NOT NULL GROUP BY entity_id
        """,
        [ids, ids],
    ).fetchall()
    _insert(con, "entities", merge_entity_rows(facts, dict(forms)))


def merge_entity_rows(facts: Iterable[tuple[Any, ...]], forms: dict[str, list[str]]) -> list[dict[str, Any]]:
    """One entity row per id from (id, name, type, country, role, articles, mentions, first, last) groups."""
    grouped: dict[str, list[tuple[Any, ...]]] = {}
    for fact in facts:
        grouped.setdefault(fact[0], []).append(fact)
    rows = []
    for entity_id, group in sorted(grouped.items()):
        names = sorted(set(forms.get(entity_id, [])))
        days = [day for fact in group for day in fact[7:9] if day is not None]
        rows.append({
            "id": entity_id, "name": _most_common(group, 1), "type": _most_common(group, 2),
            "country": _most_common(group, 3), "role": _most_common(group, 4),
            "article_count": sum(fact[5] for fact in group), "mention_count": sum(fact[6] or 0 for fact in group),
            "first_published": min(days, default=None), "last_published": max(days, default=None),
            "names": json.dumps(names, ensure_ascii=False),
            "search_key": "|".join(sorted({fold(name) for name in names} | {fold(entity_id)})),
        })
    return rows


def _most_common(group: list[tuple[Any, ...]], position: int) -> Any:
    # most articles first, then the smallest value: the same answer whatever the row order
    counts: Counter[Any] = Counter()
    for fact in group:
        if fact[position] is not None:
            counts[fact[position]] += fact[5]
    if not counts:
        return None
    return min(counts, key=lambda value: (-counts[value], str(value)))
