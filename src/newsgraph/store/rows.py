"""Rows from records: an `Analysis` flattened into the column dicts of the article tables."""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ..records import Analysis, Article, Entity
from ..text import fold as fold_letters
from .schema import ARTICLE_TABLES

SENTENCE_LIMIT = 600


@lru_cache(maxsize=65_536)  # names repeat across batches: merging entities folds them again and again
def fold(text: str | None) -> str:
    """Accent-free lower-case words: 'Sergueï  Choïgou' -> 'serguei choigou'."""
    if not text:
        return ""
    return " ".join(re.findall(r"\w+", fold_letters(text)))


def content_hash(article: Article) -> str:
    """SHA-256 of what defines an input article: a changed article gets another hash."""
    payload = json.dumps([article.id, article.text, article.url, article.title, article.date], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def parse_day(value: str | None) -> date | None:
    """The day of an ISO-like date string ('2023-08-31', '2023-08-31T10:00+02:00'), else None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def outlet_of(url: str | None) -> str | None:
    """Host name of a URL without 'www.': 'https://www.lemonde.fr/x' -> 'lemonde.fr'."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


_SENTENCE_END = re.compile(r"[.!?…](?:\s*[»”\"])?\s|\n")


def sentence_around(text: str, start: int, end: int, *, limit: int = SENTENCE_LIMIT) -> str:
    """The sentence(s) holding text[start:end], cut to about `limit` characters around it.

    A splitter of its own, on the text alone, because rows are made from `Analysis` records, not from the
    parsed Doc (`rows_for` in the store's ingest and in the Spark tasks): the records carry character offsets,
    not the parse's sentence bounds. Carrying those bounds on `Quote` would change the record schema and every
    stored analysis; until then this stays, and a quote that spans sentences gets them all.
    """
    left = 0
    for match in _SENTENCE_END.finditer(text, max(0, start - limit), start):
        left = match.end()
    right_match = _SENTENCE_END.search(text, max(end - 1, start), min(len(text), end + limit))
    right = right_match.end() if right_match else min(len(text), end + limit)
    return text[max(left, start - limit) : right].strip()


@dataclass(frozen=True)
class Stored:
    """One analysis ready to store, with what the input told about it."""

    analysis: Analysis
    source: str | None
    content_hash: str


@dataclass
class Rows:
    """Rows for every article table of one batch, as column-name dicts."""

    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for table in ("articles", *ARTICLE_TABLES):
            self.tables.setdefault(table, [])

    def add(self, table: str, **values: Any) -> None:
        """Add one row to `table`."""
        self.tables[table].append(values)


def _merge_duplicates(entities: Iterable[Entity]) -> list[Entity]:
    # one row per entity and article, even if a component returned an id twice
    merged: dict[str, Entity] = {}
    for entity in entities:
        if entity.id in merged:
            first = merged[entity.id]
            entity = Entity(first.id, first.name, first.type, first.country, first.role, first.mentions + entity.mentions)
        merged[entity.id] = entity
    return list(merged.values())


def rows_for(item: Stored, rows: Rows, *, analyzer: str, now: datetime) -> None:
    """Add the rows of one analysis to `rows`."""
    record = item.analysis
    published = parse_day(record.date)
    rows.add(
        "articles", id=record.id, url=record.url, outlet=outlet_of(record.url), title=record.title,
        date=record.date, published=published, language=record.language, text=record.text,
        source=item.source, warnings=json.dumps(list(record.warnings), ensure_ascii=False),
        content_hash=item.content_hash, analyzer=analyzer, ingested_at=now,
    )
    _entity_rows(record, rows)
    for idx, quote in enumerate(record.quotes):
        speaker = quote.speaker
        rows.add(
            "quotes", article_id=record.id, idx=idx, text=quote.text, start_char=quote.start, end_char=quote.end,
            type=quote.type, cue=quote.cue, speaker_name=speaker.name if speaker else None,
            speaker_mention=speaker.mention if speaker else None, speaker_entity=speaker.entity if speaker else None,
            speaker_kind=speaker.kind if speaker else None, speaker_start=speaker.start if speaker else None,
            speaker_end=speaker.end if speaker else None, addressee=quote.addressee, medium=quote.medium,
            reported_by=quote.reported_by, sentence=sentence_around(record.text, quote.start, quote.end),
            speaker_key=_speaker_key(speaker),
        )
    for idx, event in enumerate(record.events):
        rows.add("events", **_event_row(record.id, idx, event, published))


def _speaker_key(speaker: Any) -> str:
    if speaker is None:
        return ""
    return "|".join(sorted({fold(form) for form in (speaker.name, speaker.mention) if form}))


def _entity_rows(record: Analysis, rows: Rows) -> None:
    idx = 0
    for entity in _merge_duplicates(record.entities):
        rows.add(
            "article_entities", article_id=record.id, entity_id=entity.id, name=entity.name, type=entity.type,
            country=entity.country, role=entity.role, mention_count=len(entity.mentions),
        )
        for mention in entity.mentions:
            rows.add(
                "mentions", article_id=record.id, entity_id=entity.id, idx=idx, text=mention.text,
                start_char=mention.start, end_char=mention.end,
            )
            idx += 1


def _event_row(article_id: str, idx: int, event: Any, published: date | None) -> dict[str, Any]:
    row: dict[str, Any] = {"article_id": article_id, "idx": idx, "type": event.type, "mode": event.mode}
    for role in ("source", "target"):
        actor = getattr(event, role)
        for part in ("name", "entity", "country", "sector", "code"):
            row[f"{role}_{part}"] = getattr(actor, part) if actor else None
    row.update(
        text=event.text, start_char=event.start, end_char=event.end, trigger=event.trigger, cameo=event.cameo,
        date=event.date, event_date=parse_day(event.date) or published, location=event.location,
        reported_by=event.reported_by, cluster=event.cluster,
    )
    return row
