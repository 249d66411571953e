"""A small knowledge base for the store, API and web tests, built without the spaCy model.

`fake_analyze` turns the fixture articles (tests/data/kb/articles.jsonl) into `Analysis`
records with a tiny gazetteer: mentions by exact form, « quotes » attributed to the
nearest person in the paragraph, and events from three verb phrases. It stands in for
the real pipeline so that store tests are fast and do not depend on other components.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.records import Actor, Analysis, Article, Entity, Event, Mention, Quote, Speaker

KB_DATA = Path(__file__).resolve().parent / "data" / "kb"

# id -> (canonical name, type, country, forms found in the text)
GAZETTEER: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "per:vladimir-poutine": ("Vladimir Poutine", "PER", "RUS", ("Vladimir Poutine", "Poutine")),
    "per:kim-jong-un": ("Kim Jong-un", "PER", "PRK", ("Kim Jong-un", "Le dirigeant nord-coréen")),
    "per:serguei-choigou": ("Sergueï Choïgou", "PER", "RUS", ("Sergueï Choïgou", "Choïgou", "Le ministre russe")),
    "per:emmanuel-macron": ("Emmanuel Macron", "PER", "FRA", ("Emmanuel Macron",)),
    "per:volodymyr-zelensky": ("Volodymyr Zelensky", "PER", "UKR", ("Volodymyr Zelensky", "Zelensky")),
    "gpe:russie": ("Russie", "GPE", "RUS", ("Russie",)),
    "gpe:ukraine": ("Ukraine", "GPE", "UKR", ("Ukraine",)),
    "gpe:france": ("France", "GPE", "FRA", ("France",)),
    "gpe:coree-du-nord": ("Corée du Nord", "GPE", "PRK", ("Corée du Nord",)),
}
EVENT_PHRASES = {"a rencontré": "CONSULT", "a accusé": "ACCUSE", "a promis une aide": "AID"}

_FORM_TO_ID = {form: entity_id for entity_id, (*_, forms) in GAZETTEER.items() for form in forms}
_FORMS = re.compile(
    "|".join(rf"(?<!\w){re.escape(form)}(?!\w)" for form in sorted(_FORM_TO_ID, key=len, reverse=True))
)
_QUOTE = re.compile(r"«\s*(.+?)\s*»", re.S)
_SENTENCE = re.compile(r"[^.\n]+\.?")


def _mentions(text: str) -> list[tuple[str, Mention]]:
    return [(_FORM_TO_ID[m.group()], Mention(m.group(), m.start(), m.end())) for m in _FORMS.finditer(text)]


def _entities(found: list[tuple[str, Mention]]) -> tuple[Entity, ...]:
    entities = []
    for entity_id, (name, type_, country, _) in GAZETTEER.items():
        mentions = tuple(mention for found_id, mention in found if found_id == entity_id)
        if mentions:
            entities.append(Entity(entity_id, name, type_, country, mentions=mentions))
    return tuple(entities)


def _speaker(text: str, start: int, end: int, found: list[tuple[str, Mention]]) -> Speaker | None:
    paragraph_start = text.rfind("\n", 0, start) + 1
    paragraph_end = text.find("\n", end) % (len(text) + 1)
    people = [(eid, m) for eid, m in found if eid.startswith("per:") and paragraph_start <= m.start < paragraph_end]
    before = [(eid, m) for eid, m in people if m.end <= start]
    after = [(eid, m) for eid, m in people if m.start >= end]
    chosen = before[-1] if before else (after[0] if after else None)
    if chosen is None:
        return None
    entity_id, mention = chosen
    return Speaker(GAZETTEER[entity_id][0], mention.text, entity_id, "person", mention.start, mention.end)


def _quotes(text: str, found: list[tuple[str, Mention]]) -> tuple[Quote, ...]:
    quotes = []
    for match in _QUOTE.finditer(text):
        start, end = match.span(1)
        quotes.append(Quote(match.group(1), start, end, "direct", speaker=_speaker(text, start, end, found)))
    return tuple(quotes)


def _actor(entity_id: str) -> Actor:
    name, _, country, _ = GAZETTEER[entity_id]
    return Actor(name, entity=entity_id, country=country)


def _events(text: str, found: list[tuple[str, Mention]]) -> tuple[Event, ...]:
    events = []
    for sentence in _SENTENCE.finditer(text):
        for phrase, event_type in EVENT_PHRASES.items():
            at = sentence.group().find(phrase)
            if at < 0:
                continue
            verb = sentence.start() + at
            inside = [(eid, m) for eid, m in found if sentence.start() <= m.start < sentence.end()]
            source = next((eid for eid, m in inside if m.end <= verb), None)
            target = next((eid for eid, m in inside if m.start > verb), None)
            events.append(Event(
                event_type, "asserted", _actor(source) if source else None, _actor(target) if target else None,
                sentence.group(), sentence.start(), sentence.end(), trigger=phrase.split()[-1],
            ))
    return tuple(events)


def analysis_of(article: Article) -> Analysis:
    """The fake analysis of one article."""
    found = _mentions(article.text)
    return Analysis(
        id=article.id, text=article.text, url=article.url, title=article.title, date=article.date, language="fr",
        entities=_entities(found), quotes=_quotes(article.text, found), events=_events(article.text, found),
        warnings=article.warnings,
    )


def fake_analyze(articles: Iterable[Article]) -> Iterator[Analysis]:
    """Analyzer with the signature the store expects, without spaCy."""
    for article in articles:
        yield analysis_of(article)


def snapshot(con: Any) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row (derived tables too), sorted, without the wall-clock columns and the rule of each actor
    link (which link founded an actor depends on the order articles came in): equal databases, equal snapshots."""
    from newsgraph.store import ALL_TABLES, SORT_KEYS

    result = {}
    for table, columns in ALL_TABLES.items():
        names = [c.name for c in columns if c.name not in ("ingested_at", "failed_at", "rule")]
        order = ", ".join(SORT_KEYS[table])
        result[table] = con.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY {order}").fetchall()
    return result


def build_db(path: Path, inputs: Iterable[Path] = (KB_DATA / "articles.jsonl",), *, batch_size: int = 2) -> Path:
    """Ingest the fixture articles into a DuckDB file with the fake analyzer."""
    from newsgraph.ingest import read_articles
    from newsgraph.store import connect, ingest

    with connect(path) as con:
        ingest(read_articles(list(inputs)), con, analyzer=fake_analyze, batch_size=batch_size)
    return path


@pytest.fixture(scope="session")
def kb_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A knowledge base of the six fixture articles (build once, open read-only)."""
    return build_db(tmp_path_factory.mktemp("kb") / "kb.duckdb")


@pytest.fixture()
def kb_articles() -> Path:
    """The fixture articles as JSONL."""
    return KB_DATA / "articles.jsonl"
