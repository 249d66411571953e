"""Actors and story events derived in the store: incremental ingest, replacement, re-ingest, queries."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsgraph.query import (
    actor_graph,
    event_counts,
    get_entity,
    search_events,
    search_quotes,
    search_stories,
    story_pairs,
)
from newsgraph.records import (
    Actor,
    Analysis,
    Article,
    Entity,
    Event,
    Mention,
    Quote,
    Speaker,
)
from newsgraph.store import DERIVED_TABLES, SORT_KEYS, connect, ingest, rebuild_derived

# two outlets report one French accusation against Russia a day apart, naming the president differently
TEXTS = {
    "a": ("https://www.journal-alpha.fr/a", "2024-03-01",
          "Le président Emmanuel Macron a accusé la Russie. « Nous ne céderons pas », a dit Emmanuel Macron."),
    "b": ("https://journal-beta.fr/b", "2024-03-02",
          "M. Macron a accusé la Russie mardi. « La Russie ment », a déclaré M. Macron."),
    "c": ("https://journal-gamma.fr/c", "2024-03-20",
          "Brigitte Macron a visité Lille. Macron a accusé la Russie. « Assez », a dit Macron."),
}


def _article(article_id: str) -> Article:
    url, day, text = TEXTS[article_id]
    return Article(id=article_id, text=text, url=url, date=day)


def _person(text: str, form: str, full: str, role: str | None) -> Entity:
    spans = []
    at = text.find(form)
    while at >= 0:
        spans.append(Mention(form, at, at + len(form)))
        at = text.find(form, at + 1)
    return Entity("per:" + full.lower().replace(" ", "-"), full, "PER", "FRA", role, tuple(spans))


def analysis_of(article: Article) -> Analysis:
    """A hand-made analysis: the president (named as in the text), Russia, one ACCUSE event, one quote."""
    text = article.text
    form = {"a": "Emmanuel Macron", "b": "Macron", "c": "Macron"}[article.id]
    president = _person(text, form, form, "président" if article.id != "c" else None)
    russia = Entity("gpe:russie:rus", "Russie", "GPE", "RUS", None, (Mention("Russie", text.find("Russie"),
                                                                             text.find("Russie") + 6),))
    entities = [president, russia]
    if article.id == "c":
        entities.append(_person(text, "Brigitte Macron", "Brigitte Macron", "épouse du président"))
    at = text.find("accusé")
    event = Event("ACCUSE", "asserted", Actor(form, president.id, "FRA", "GOV"), Actor("Russie", russia.id, "RUS", "GOV"),
                  text, 0, len(text), trigger="accusé")
    start = text.find("« ") + 2
    speaker_at = text.rfind(form)
    quote = Quote(text[start:text.find(" »")], start, text.find(" »"), "direct",
                  speaker=Speaker(form, form, president.id, "person", speaker_at, speaker_at + len(form)))
    assert at > 0
    return Analysis(id=article.id, text=text, url=article.url, title=None, date=article.date, language="fr",
                    entities=tuple(entities), quotes=(quote,), events=(event,))


def fake(articles: Iterable[Article]) -> Iterator[Analysis]:
    for article in articles:
        yield analysis_of(article)


def derived(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    return {table: con.execute(f"SELECT * FROM {table} ORDER BY {', '.join(SORT_KEYS[table])}").fetchall()
            for table in DERIVED_TABLES}


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "kb.duckdb"
    ingest([_article("a")], path, analyzer=fake)
    ingest([_article("b"), _article("c")], path, analyzer=fake)
    return path


def test_a_later_article_attaches_to_the_actor_and_story(db: Path) -> None:
    with connect(db, read_only=True) as con:
        links = dict(con.execute("SELECT article_id || ' ' || entity_id, actor_id FROM actor_links").fetchall())
        stories = con.execute(
            "SELECT mention_count, article_count, outlet_count, first_article_id, first_day FROM story_events "
            "WHERE type = 'ACCUSE' ORDER BY first_day").fetchall()
    assert links["b per:macron"] == "per:emmanuel-macron"
    assert links["c per:brigitte-macron"] == "per:brigitte-macron"
    # 'Macron' in c: two Macrons now, no role; both French: not linked to either
    assert links["c per:macron"] not in ("per:emmanuel-macron", "per:brigitte-macron")
    assert [story[:4] for story in stories] == [(2, 2, 2, "a"), (1, 1, 1, "c")]


def test_reingest_changes_nothing_and_rebuild_gives_the_same_tables(db: Path) -> None:
    with connect(db) as con:
        before = derived(con)
        report = ingest([_article("a"), _article("b"), _article("c")], con, analyzer=fake)
        assert report.unchanged == 3 and derived(con) == before
        ingest([_article("b")], con, analyzer=fake, reanalyze=True)  # replaced: unlinked, then linked again
        assert derived(con) == before


def test_a_migrated_version_1_database_gets_its_derived_tables(db: Path) -> None:
    with connect(db) as con:
        before = derived(con)
        for table in (*DERIVED_TABLES, "ingested_files"):  # the tables of versions 2 and 3
            con.execute(f"DROP TABLE {table}")
        con.execute("DELETE FROM schema_version")
        con.execute("INSERT INTO schema_version VALUES (1, now()::TIMESTAMP)")
    with connect(db) as con:
        assert derived(con) == before
        rebuild_derived(con)
        assert derived(con) == before


def test_queries_go_through_the_linked_actor(db: Path) -> None:
    with connect(db, read_only=True) as con:
        quotes = {quote["article_id"] for quote in search_quotes(con, speaker="Emmanuel Macron")}
        events = {event["article_id"] for event in search_events(con, source="emmanuel macron")}
        actor = get_entity(con, "per:emmanuel-macron")
    assert quotes == {"a", "b"} and events == {"a", "b"}
    assert {quote["article_id"] for quote in actor["quotes"]} == {"a", "b"}
    assert set(actor["names"]) >= {"Emmanuel Macron", "Macron"}


def test_story_queries_count_stories_with_their_mentions(db: Path) -> None:
    with connect(db, read_only=True) as con:
        [story, later] = search_stories(con, type="accuse", until="2024-03-31")[::-1]
        counts = event_counts(con, type="ACCUSE")
        pairs = story_pairs(con, type="ACCUSE")
        graph = actor_graph(con)
        events = search_events(con, source="emmanuel macron")
    assert (story["mention_count"], story["article_count"], story["outlet_count"]) == (2, 2, 2)
    assert (story["first_article_id"], story["first_outlet"]) == ("a", "journal-alpha.fr")
    assert [(m["article_id"], m["trigger"]) for m in story["mentions"]] == [("a", "accusé"), ("b", "accusé")]
    assert later["mention_count"] == 1 and counts == {"mentions": 3, "stories": 2}
    assert pairs[0] == {"source": "per:emmanuel-macron", "target": "gpe:russie:rus", "type": "ACCUSE",
                        "stories": 1, "mentions": 2, "articles": 2}
    edge = next(edge for edge in graph["edges"] if edge["source"] == "per:emmanuel-macron")
    assert (edge["type"], edge["events"], edge["mentions"]) == ("ACCUSE", 1, 2)  # one edge per type
    assert {event["story_mentions"] for event in events} == {2}


def test_an_entity_id_linked_elsewhere_opens_its_actor(db: Path) -> None:
    with connect(db, read_only=True) as con:
        assert get_entity(con, "per:emmanuel-macron")["id"] == "per:emmanuel-macron"
        brigitte = get_entity(con, "per:brigitte-macron")
    assert brigitte["names"] == ["Brigitte Macron"] and brigitte["quotes"] == []
