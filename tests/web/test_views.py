"""Explorer pages in-process: HTML and JSON from one view, escaping, errors, highlighting."""
from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'newsgraph[web]'")
with warnings.catch_warnings():  # recent Starlette prefers httpx2 for its test client; httpx still works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from newsgraph.api import create_app  # noqa: E402
from newsgraph.web.views import Segment, highlight, plotly_path  # noqa: E402

PAGES = ["/", "/quotes?speaker=poutine", "/actors?name=kim", "/actors/per:kim-jong-un", "/graph?type=CONSULT",
         "/articles/kb-004"]


@pytest.fixture(scope="module")
def client(kb_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(kb_db)) as test_client:
        yield test_client


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_html_and_json(client: TestClient, page: str) -> None:
    html = client.get(page)
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert '<meta name="viewport"' in html.text
    data = client.get(page + ("&" if "?" in page else "?") + "format=json")
    assert data.headers["content-type"] == "application/json"
    assert isinstance(data.json(), dict)


@pytest.mark.parametrize("page", PAGES)
def test_no_resource_from_outside(client: TestClient, page: str) -> None:
    html = client.get(page).text
    sources = re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/") for source in sources)


def test_quotes_page_uses_the_query_function(client: TestClient) -> None:
    data = client.get("/quotes", params={"speaker": "choigou", "format": "json"}).json()
    api = client.get("/api/quotes", params={"speaker": "choigou", "limit": data["limit"]}).json()
    assert data["items"] == api["items"]


def test_untrusted_text_is_escaped(client: TestClient) -> None:
    html = client.get("/articles/kb-004").text
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;titre&#39;)&lt;/script&gt;" in html
    assert "&lt;b&gt;devant la justice&lt;/b&gt;" in html
    assert "<b>devant" not in html


def test_data_for_scripts_cannot_close_the_script_tag(client: TestClient) -> None:
    html = client.get("/actors/per:volodymyr-zelensky").text
    payload = html.split('id="timeline-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in payload


@pytest.mark.parametrize(
    ("page", "status", "message"),
    [
        ("/actors/per:nobody", 404, "no actor with id"),
        ("/articles/missing", 404, "no article with id"),
        ("/quotes?since=31-08-2023", 400, "malformed since"),
        ("/quotes?offset=-3", 400, "offset"),
        ("/graph?until=demain", 400, "malformed until"),
    ],
)
def test_error_pages(client: TestClient, page: str, status: int, message: str) -> None:
    response = client.get(page)
    assert response.status_code == status
    assert message in response.text
    as_json = client.get(page + ("&" if "?" in page else "?") + "format=json")
    assert (as_json.status_code, message in as_json.json()["detail"]) == (status, True)


def test_plotly_is_served_from_its_package(client: TestClient) -> None:
    response = client.get("/vendor/plotly.min.js")
    assert response.status_code == 200
    assert len(response.content) == plotly_path().stat().st_size


def test_highlight_cuts_at_every_boundary() -> None:
    article = {
        "text": "Kim a dit : « Bonjour Poutine. »",
        "mentions": [
            {"entity_id": "per:kim", "start_char": 0, "end_char": 3},
            {"entity_id": "per:poutine", "start_char": 22, "end_char": 29},
        ],
        "quotes": [{"idx": 0, "start_char": 14, "end_char": 30}],
        "events": [{"idx": 0, "start_char": 0, "end_char": 32}],
    }
    assert highlight(article) == [
        Segment("Kim", entity="per:kim", event=0),
        Segment(" a dit : « ", event=0),
        Segment("Bonjour ", quote=0, event=0),
        Segment("Poutine", entity="per:poutine", quote=0, event=0),
        Segment(".", quote=0, event=0),
        Segment(" »", event=0),
    ]
