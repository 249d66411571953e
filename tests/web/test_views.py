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
from newsgraph.web.views import Segment, highlight, plotly_path, trigger_span, vis_network_path  # noqa: E402

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
        "events": [{"idx": 0, "start_char": 0, "end_char": 32, "trigger": "dit"},
                   {"idx": 1, "start_char": 14, "end_char": 30, "trigger": "absent"}],
    }
    assert highlight(article) == [
        Segment("Kim", entity="per:kim", events=(0,)),
        Segment(" a ", events=(0,)),
        Segment("dit", events=(0,), trigger=0),
        Segment(" : « ", events=(0,)),
        Segment("Bonjour ", quote=0, events=(0, 1)),
        Segment("Poutine", entity="per:poutine", quote=0, events=(0, 1)),
        Segment(".", quote=0, events=(0, 1)),
        Segment(" »", events=(0,)),
    ]


def test_a_trigger_is_looked_for_inside_its_own_sentence_only() -> None:
    text = "Paris a condamné. Berlin a condamné aussi."
    event = {"start_char": 18, "end_char": len(text), "trigger": "condamné"}
    assert trigger_span(text, event) == (27, 35)
    assert trigger_span(text, {**event, "trigger": None}) is None


@pytest.fixture(scope="module")
def big_client(big_kb_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(big_kb_db)) as test_client:
        yield test_client


@pytest.mark.parametrize(("page", "total"), [("/quotes", 491), ("/quotes?speaker=verdier", None), ("/actors", 25),
                                             ("/quotes?text=dialogue&outlet=gazette-sud.fr", None)])
def test_results_pages_have_a_pager_that_walks_every_result(big_client: TestClient, page: str, total: int | None) -> None:
    first = big_client.get(page)
    assert first.status_code == 200
    data = big_client.get(page + ("&" if "?" in page else "?") + "format=json").json()
    assert data["total"] > len(data["items"]) == 20
    if total is not None:
        assert data["total"] == total
    seen, url = 0, page
    while url:
        html = big_client.get(url)
        assert html.status_code == 200
        seen += len(re.findall(r'<article class="card quote"|<tr><td><a href="/actors/', html.text))
        assert f"sur {data['total']}</span>" in html.text
        found = re.search(r'<a rel="next" href="([^"]+)"', html.text)
        url = found.group(1).replace("&amp;", "&") if found else None
    assert seen == data["total"]


def test_home_counts_quoted_people_and_organizations(big_client: TestClient, client: TestClient) -> None:
    actors = big_client.get("/?format=json").json()["actors"]
    assert actors and {actor["type"] for actor in actors} <= {"PER", "ORG"}
    assert [actor["article_count"] for actor in actors] == sorted((actor["article_count"] for actor in actors), reverse=True)
    small = client.get("/?format=json").json()["actors"]
    assert "gpe:russie" not in {actor["id"] for actor in small}
    assert small[0]["quote_count"] >= 1


def test_article_page_lists_events_with_mode_reporter_and_trigger(big_client: TestClient) -> None:
    data = big_client.get("/articles/syn-0006?format=json").json()
    html = big_client.get("/articles/syn-0006").text
    for event in data["events"]:
        assert f'data-event="{event["idx"]}"' in html
        assert f'class="mode mode-{event["mode"]}"' in html
    triggers = re.findall(r'data-trigger="(\d+)"[^>]*>([^<]+)<', html)
    assert {int(idx) for idx, _ in triggers} == {event["idx"] for event in data["events"]}
    assert all(word == data["events"][int(idx)]["trigger"] for idx, word in triggers)


def test_vis_network_is_served_from_its_package(client: TestClient) -> None:
    response = client.get("/vendor/vis-network.min.js")
    assert response.status_code == 200
    assert len(response.content) == vis_network_path().stat().st_size
    assert b"vis-network" in response.content[:200]
    css = client.get("/vendor/vis-network.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert b".vis-tooltip" in css.content


def test_graph_page_has_a_legend_of_the_types_drawn(big_client: TestClient) -> None:
    data = big_client.get("/graph?format=json").json()
    html = big_client.get("/graph").text
    assert set(data["colors"]) == {edge["type"] for edge in data["edges"]}
    legend = html.split('id="graph-legend"', 1)[1].split("</ul>", 1)[0]
    assert re.findall(r"</span>(\w+)</li>", legend) == sorted(data["colors"])
    heavy = big_client.get("/graph?min_weight=3&format=json").json()
    assert heavy["edges"] and min(edge["events"] for edge in heavy["edges"]) >= 3
    assert big_client.get("/graph?min_weight=0").status_code == 400


def test_article_events_are_grouped_by_sentence(big_client: TestClient) -> None:
    data = big_client.get("/articles/syn-0006?format=json").json()
    groups = data["event_groups"]
    assert [event["idx"] for group in groups for event in group["events"]] == sorted(e["idx"] for e in data["events"])
    assert all(event["text"] == group["text"] for group in groups for event in group["events"])
    assert len({group["text"] for group in groups}) == len(groups)
    html = big_client.get("/articles/syn-0006").text
    assert html.count('<p class="sentence">') == len(groups)


def test_by_sentence_keeps_text_order() -> None:
    from newsgraph.web.views import by_sentence

    events = [{"idx": 0, "start_char": 20, "end_char": 30, "text": "B"}, {"idx": 1, "start_char": 0, "end_char": 10, "text": "A"},
              {"idx": 2, "start_char": 20, "end_char": 30, "text": "B"}]
    assert [(group["text"], [event["idx"] for event in group["events"]]) for group in by_sentence(events)] == [
        ("A", [1]), ("B", [0, 2])]


def test_a_missing_graph_library_is_named(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.web import views

    def missing() -> Path:
        raise ModuleNotFoundError("No module named 'pyvis'", name="pyvis")

    monkeypatch.setattr(views, "vis_network_path", missing)
    response = client.get("/vendor/vis-network.min.js")
    assert response.status_code == 503
    assert "pip install 'newsgraph[web]'" in response.text


def test_an_event_reported_elsewhere_says_by_how_many(big_client: TestClient) -> None:
    data = big_client.get("/articles/syn-0005?format=json").json()
    [shared] = [event for event in data["events"] if (event["story_articles"] or 0) > 1]
    html = big_client.get("/articles/syn-0005").text
    assert f'{shared["story_articles"]} articles, {shared["story_outlets"]} média(s)' in html
    alone = big_client.get("/articles/syn-0006").text
    assert 'class="story"' not in alone


def test_inline_scripts_are_constant(client: TestClient) -> None:
    """Inline scripts carry no page data (it goes in JSON blocks), so a CSP can allow them by hash."""
    from importlib.resources import files

    for template in files("newsgraph.web").joinpath("templates").iterdir():
        for body in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.S):
            assert "{{" not in body and "{%" not in body, template.name
