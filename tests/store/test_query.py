"""Query functions over the fixture knowledge base: filters, spellings, bad parameters."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from newsgraph.query import (
    NotFound,
    QueryError,
    actor_graph,
    corpus_summary,
    get_article,
    get_entity,
    search_entities,
    search_events,
    search_quotes,
)
from newsgraph.store import connect


@pytest.fixture()
def con(kb_db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with connect(kb_db, read_only=True) as connection:
        yield connection


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("Poutine", {"kb-001", "kb-005"}),
        ("vladimir POUTINE", {"kb-001", "kb-005"}),
        ("choigou", {"kb-002", "kb-006"}),  # no accent; kb-002 names him "Le ministre russe"
        ("Sergueï Choïgou", {"kb-002", "kb-006"}),
        ("dirigeant nord-coréen", {"kb-001"}),  # a mention form of Kim Jong-un
        ("kim jong un", {"kb-001"}),
        ("Personne Inconnue", set()),
    ],
)
def test_quotes_by_speaker_in_any_spelling(con: duckdb.DuckDBPyConnection, speaker: str, expected: set[str]) -> None:
    assert {quote["article_id"] for quote in search_quotes(con, speaker=speaker)} == expected


def test_quote_results_carry_speaker_date_article_and_sentence(con: duckdb.DuckDBPyConnection) -> None:
    [quote] = search_quotes(con, text="dialogue possible")
    assert quote["speaker_name"] == "Vladimir Poutine"
    assert quote["published"] == "2023-06-02"
    assert quote["article_title"] == "Appel entre Paris et Moscou"
    assert quote["sentence"] == "Poutine a estimé : « Le dialogue reste possible. »"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"text": "FRANCE cotes"}, {"kb-003"}),
        ({"since": "2023-09-01"}, {"kb-001", "kb-004", "kb-006"}),
        ({"since": "2023-08-01", "until": "2023-09-01"}, {"kb-003", "kb-004"}),
        ({"outlet": "journal-alpha.fr"}, {"kb-001", "kb-003"}),
        ({"outlet": "www.beta-infos.fr"}, {"kb-002", "kb-005"}),
    ],
)
def test_quote_filters(con: duckdb.DuckDBPyConnection, filters: dict[str, str], expected: set[str]) -> None:
    assert {quote["article_id"] for quote in search_quotes(con, **filters)} == expected


def test_quotes_are_paged_newest_first(con: duckdb.DuckDBPyConnection) -> None:
    everything = search_quotes(con, limit=500)
    assert [q["published"] for q in everything] == sorted((q["published"] for q in everything), reverse=True)
    assert search_quotes(con, limit=2, offset=1) == everything[1:3]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"source": "poutine"}, {("kb-001", "CONSULT")}),
        ({"target": "Poutine"}, {("kb-004", "ACCUSE"), ("kb-005", "CONSULT")}),
        ({"source": "PRK"}, {("kb-002", "ACCUSE"), ("kb-006", "AID")}),
        ({"type": "consult"}, {("kb-001", "CONSULT"), ("kb-002", "CONSULT"), ("kb-005", "CONSULT")}),
        ({"countries": "RUS,PRK"}, {("kb-001", "CONSULT"), ("kb-002", "CONSULT"), ("kb-006", "AID")}),
        ({"countries": "prk, rus", "type": "AID"}, {("kb-006", "AID")}),
        ({"since": "2023-09-01", "until": "2023-09-30"}, {("kb-001", "CONSULT"), ("kb-004", "ACCUSE")}),
    ],
)
def test_event_filters(con: duckdb.DuckDBPyConnection, filters: dict[str, str], expected: set[tuple[str, str]]) -> None:
    assert {(event["article_id"], event["type"]) for event in search_events(con, **filters)} == expected


def test_entities_top_and_by_name(con: duckdb.DuckDBPyConnection) -> None:
    top = search_entities(con, type="per", limit=2)
    assert [entity["id"] for entity in top] == ["per:vladimir-poutine", "per:kim-jong-un"]
    assert [entity["id"] for entity in search_entities(con, name="choigou")] == ["per:serguei-choigou"]
    assert search_entities(con, name="ministre russe")[0]["names"] == ["Choïgou", "Le ministre russe", "Sergueï Choïgou"]


def test_entity_page_data(con: duckdb.DuckDBPyConnection) -> None:
    kim = get_entity(con, "per:kim-jong-un")
    assert [quote["article_id"] for quote in kim["quotes"]] == ["kb-001"]
    assert {(row["month"], row["type"]) for row in kim["timeline"]} == {
        ("2023-07", "ACCUSE"), ("2023-07", "CONSULT"), ("2023-09", "CONSULT"), ("2023-10", "AID")
    }
    partners = {partner["id"]: partner["events"] for partner in kim["partners"]}
    assert partners == {"per:serguei-choigou": 2, "per:vladimir-poutine": 1, "gpe:ukraine": 1}


def test_graph_filtered_by_type_and_date(con: duckdb.DuckDBPyConnection) -> None:
    graph = actor_graph(con, type="CONSULT", since="2023-07-01")
    assert {(edge["source"], edge["target"]) for edge in graph["edges"]} == {
        ("per:vladimir-poutine", "per:kim-jong-un"), ("per:serguei-choigou", "per:kim-jong-un")
    }
    assert {node["id"] for node in graph["nodes"]} == {"per:vladimir-poutine", "per:kim-jong-un", "per:serguei-choigou"}


def test_article_with_everything(con: duckdb.DuckDBPyConnection) -> None:
    article = get_article(con, "kb-001")
    assert article["outlet"] == "journal-alpha.fr"
    assert len(article["quotes"]) == 2 and len(article["events"]) == 1
    for mention in article["mentions"]:
        assert article["text"][mention["start_char"]:mention["end_char"]] == mention["text"]


def test_summary(con: duckdb.DuckDBPyConnection) -> None:
    summary = corpus_summary(con)
    assert (summary["articles"], summary["quotes"], summary["first_published"]) == (6, 7, "2023-06-02")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda con: search_quotes(con, since="31/08/2023"), "malformed since"),
        (lambda con: search_events(con, until="2023-13-01"), "malformed until"),
        (lambda con: search_events(con, countries="RUS"), "malformed country pair"),
        (lambda con: search_quotes(con, limit=0), "limit 0 out of range"),
        (lambda con: search_entities(con, limit=501), "limit 501 out of range"),
        (lambda con: search_entities(con, offset=-1), "offset -1 out of range"),
        (lambda con: search_quotes(con, speaker="«»"), "nothing to search for"),
    ],
)
def test_bad_parameters(con: duckdb.DuckDBPyConnection, call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(QueryError, match=message):
        call(con)


def test_unknown_ids(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(NotFound):
        get_article(con, "nope")
    with pytest.raises(NotFound):
        get_entity(con, "per:nobody")


def test_parameters_are_never_sql(con: duckdb.DuckDBPyConnection) -> None:
    hostile = "x') OR 1=1; DROP TABLE quotes; --"
    assert search_quotes(con, speaker=hostile, text=hostile, outlet=hostile) == []
    assert search_events(con, source=hostile, target=hostile) == []
    with pytest.raises(QueryError, match="unknown type"):  # types are checked against the PLOVER list
        search_events(con, type=hostile)
    assert len(search_quotes(con)) == 7


def test_enums_and_day_order_are_checked(con: duckdb.DuckDBPyConnection) -> None:
    from newsgraph.query import choice

    assert choice("consult", ("CONSULT", "AID"), name="type") == "CONSULT"
    assert choice("  ", ("CONSULT",), name="type") is None
    with pytest.raises(QueryError, match="unknown mode 'maybe': use one of asserted"):
        search_events(con, mode="maybe")
    with pytest.raises(QueryError, match="unknown type 'PERSON'"):
        search_entities(con, type="PERSON")
    with pytest.raises(QueryError, match="since 2023-09-02 is after until 2023-09-01"):
        search_quotes(con, since="2023-09-02", until="2023-09-01")
    assert search_quotes(con, since="2023-09-01", until="2023-09-01") is not None  # one day is a range


def test_pages_carry_the_total_of_every_page(con: duckdb.DuckDBPyConnection) -> None:
    from newsgraph.query import entities_page, events_page, quotes_page

    for page, search, filters in ((quotes_page, search_quotes, {"speaker": "poutine"}), (quotes_page, search_quotes, {}),
                                  (events_page, search_events, {"type": "consult"}),
                                  (entities_page, search_entities, {"type": "GPE"})):
        everything = search(con, **filters, limit=500)
        first = page(con, **filters, limit=1)
        assert (first["items"], first["total"]) == (everything[:1], len(everything))
        assert page(con, **filters, limit=1, offset=1)["items"] == everything[1:2]
        past = page(con, **filters, limit=5, offset=len(everything) + 3)  # past the last page: still the total
        assert (past["items"], past["total"]) == ([], len(everything))
        assert "total" not in page(con, **filters, total=False) and "total_rows" not in first["items"][0]
    assert quotes_page(con, speaker="personne")["total"] == 0


def test_top_speakers_are_quoted_people_and_organizations(con: duckdb.DuckDBPyConnection) -> None:
    from newsgraph.query import top_speakers

    speakers = top_speakers(con)
    assert speakers and all(speaker["id"].startswith(("per:", "org:")) for speaker in speakers)
    assert sum(speaker["quote_count"] for speaker in speakers) == len(
        [quote for quote in search_quotes(con, limit=500) if quote["speaker_entity"]])
