"""The JSON API, in-process: every endpoint, bad parameters, the OpenAPI schema."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import warnings

import pytest

fastapi = pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'newsgraph[web]'")
with warnings.catch_warnings():  # recent Starlette prefers httpx2 for its test client; httpx still works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.api import create_app  # noqa: E402
from newsgraph.store import StoreError  # noqa: E402

@pytest.fixture(scope="module")
def client(kb_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(kb_db)) as test_client:
        yield test_client


def test_summary(client: TestClient) -> None:
    summary = client.get("/api/summary").json()
    assert (summary["articles"], summary["quotes"], summary["events"]) == (6, 7, 7)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"speaker": "choïgou"}, {"kb-002", "kb-006"}),
        ({"speaker": "POUTINE", "since": "2023-09-01"}, {"kb-001"}),
        ({"text": "dialogue"}, {"kb-005"}),
        ({"outlet": "gamma-presse.fr"}, {"kb-004", "kb-006"}),
    ],
)
def test_quotes(client: TestClient, params: dict[str, str], expected: set[str]) -> None:
    response = client.get("/api/quotes", params=params)
    assert response.status_code == 200
    assert {quote["article_id"] for quote in response.json()["items"]} == expected


def test_quotes_pagination(client: TestClient) -> None:
    everything = client.get("/api/quotes", params={"limit": 500}).json()["items"]
    page = client.get("/api/quotes", params={"limit": 3, "offset": 2}).json()
    assert (page["limit"], page["offset"], page["items"]) == (3, 2, everything[2:5])


def test_events(client: TestClient) -> None:
    response = client.get("/api/events", params={"country_pair": "PRK,RUS", "type": "consult"})
    assert {event["article_id"] for event in response.json()["items"]} == {"kb-001", "kb-002"}
    response = client.get("/api/events", params={"source": "zelensky", "target": "poutine"})
    assert [event["type"] for event in response.json()["items"]] == ["ACCUSE"]


def test_stories(client: TestClient) -> None:
    response = client.get("/api/stories", params={"country_pair": "PRK,RUS", "type": "consult"})
    stories = response.json()["items"]
    assert response.status_code == 200 and len(stories) == 2  # one meeting in July, another in September
    for story in stories:
        assert story["mention_count"] == len(story["mentions"]) == story["article_count"] == 1
        assert story["mentions"][0]["text"] and story["first_article_id"] == story["mentions"][0]["article_id"]


def test_entities(client: TestClient) -> None:
    found = client.get("/api/entities", params={"name": "serguei choigou"}).json()["items"]
    assert [entity["id"] for entity in found] == ["per:serguei-choigou"]
    people = client.get("/api/entities", params={"type": "PER", "limit": 1}).json()["items"]
    assert [entity["id"] for entity in people] == ["per:vladimir-poutine"]


def test_entity(client: TestClient) -> None:
    kim = client.get("/api/entities/per:kim-jong-un").json()
    assert kim["name"] == "Kim Jong-un"
    assert {partner["id"] for partner in kim["partners"]} == {"per:serguei-choigou", "per:vladimir-poutine", "gpe:ukraine"}
    assert client.get("/api/entities/" + quote("per:kim-jong-un", safe="")).status_code == 200


def test_article(client: TestClient) -> None:
    article = client.get("/api/articles/kb-002").json()
    assert article["title"] == "Sergueï Choïgou à Pyongyang"
    assert [event["type"] for event in article["events"]] == ["CONSULT", "ACCUSE"]


def test_graph(client: TestClient) -> None:
    graph = client.get("/api/graph", params={"type": "AID"}).json()
    assert {(edge["source"], edge["target"]) for edge in graph["edges"]} == {
        ("per:emmanuel-macron", "per:volodymyr-zelensky"), ("per:kim-jong-un", "per:serguei-choigou")
    }
    assert [edge["type"] for edge in client.get("/api/graph", params={"until": "2023-06-30"}).json()["edges"]] == ["CONSULT"]


def test_graph_has_one_edge_per_type_and_a_minimum_weight(client: TestClient) -> None:
    edges = client.get("/api/graph").json()["edges"]
    assert len({(edge["source"], edge["target"], edge["type"]) for edge in edges}) == len(edges)
    heavy = client.get("/api/graph", params={"min_weight": 2}).json()["edges"]
    assert heavy == [edge for edge in edges if edge["events"] >= 2]
    assert len(heavy) < len(edges)


@pytest.mark.parametrize(
    ("url", "params"),
    [("/api/quotes", {"speaker": "poutine"}), ("/api/quotes", {}), ("/api/events", {"type": "consult"}),
     ("/api/events", {"mode": "asserted"}), ("/api/entities", {"type": "per"})],
)
def test_pages_carry_the_total_over_every_page(client: TestClient, url: str, params: dict[str, str]) -> None:
    everything = client.get(url, params={**params, "limit": 500}).json()["items"]
    page = client.get(url, params={**params, "limit": 1}).json()
    assert page["total"] == len(everything) > 0
    assert len(page["items"]) == 1


@pytest.mark.parametrize(
    ("url", "params", "status", "message"),
    [
        ("/api/quotes", {"limit": 0}, 422, "greater than or equal to 1"),
        ("/api/quotes", {"limit": 501}, 422, "less than or equal to 500"),
        ("/api/quotes", {"offset": -1}, 422, "greater than or equal to 0"),
        ("/api/quotes", {"limit": "many"}, 422, "valid integer"),
        ("/api/quotes", {"since": "31/08/2023"}, 422, "valid date"),
        ("/api/events", {"until": "2023-02-30"}, 422, "valid date"),
        ("/api/graph", {"limit": 1000}, 422, "less than or equal to 500"),
        ("/api/events", {"country_pair": "RUSSIE"}, 400, "malformed country pair"),
        ("/api/quotes", {"speaker": "!!!"}, 400, "nothing to search for"),
        ("/api/events", {"type": "FOO"}, 400, "unknown type 'FOO'"),
        ("/api/events", {"mode": "maybe"}, 400, "unknown mode 'maybe'"),
        ("/api/entities", {"type": "PERSON"}, 400, "unknown type 'PERSON'"),
        ("/api/graph", {"type": "FOO"}, 400, "unknown type 'FOO'"),
        ("/api/graph", {"min_weight": 0}, 422, "greater than or equal to 1"),
        ("/api/quotes", {"since": "2023-09-02", "until": "2023-09-01"}, 400, "since 2023-09-02 is after until"),
        ("/api/events", {"since": "2023-09-02", "until": "2023-09-01"}, 400, "since 2023-09-02 is after until"),
        ("/api/entities/per:nobody", {}, 404, "no actor with id 'per:nobody'"),
        ("/api/articles/nope", {}, 404, "no article with id 'nope'"),
    ],
)
def test_bad_requests(client: TestClient, url: str, params: dict[str, object], status: int, message: str) -> None:
    response = client.get(url, params=params)
    assert response.status_code == status
    assert message in response.text


def test_hostile_parameters_are_data(client: TestClient) -> None:
    hostile = "'; DROP TABLE quotes; --"
    assert client.get("/api/quotes", params={"speaker": hostile, "outlet": hostile}).json()["items"] == []
    assert client.get("/api/summary").json()["quotes"] == 7


def test_openapi_schema_is_valid(client: TestClient) -> None:
    from openapi_spec_validator import validate

    schema = client.get("/openapi.json").json()
    validate(schema)
    paths = set(schema["paths"])
    assert {"/api/quotes", "/api/events", "/api/entities", "/api/graph", "/api/summary"} <= paths
    assert "/api/entities/{entity_id}" in paths and "/api/articles/{article_id}" in paths
    limit = next(p for p in schema["paths"]["/api/quotes"]["get"]["parameters"] if p["name"] == "limit")
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 500)
    assert not any(path in paths for path in ("/", "/quotes", "/graph"))  # HTML pages are not API


def test_database_is_read_only(kb_db: Path) -> None:
    app = create_app(kb_db)
    with app.state.readers.connection() as con, pytest.raises(Exception, match="read-only"):
        con.execute("DELETE FROM quotes")
    app.state.readers.close()


def test_missing_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        create_app(tmp_path / "absent.duckdb")
