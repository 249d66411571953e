"""Web explorer pages: each view calls one `newsgraph.query` function and renders its data.

Add `?format=json` to any page to get the very data the page was rendered from (as
datasette does). Templates autoescape every value; data handed to JavaScript goes through
Jinja's `tojson`, which escapes `<`, `>` and `&`. The chart library (plotly.js) is served from
the installed `plotly` package, the graph library (vis-network) from the installed `pyvis`
package: nothing is loaded from outside the machine.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache, partial
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import duckdb
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader

from .. import query
from ..api import database

PAGE_SIZE = 20
GRAPH_EDGES = 150
# one colour per PLOVER type, cooperation in blues and greens, conflict in reds and browns (graph and legend)
EVENT_COLORS = {
    "AGREE": "#2b6cb0", "CONSULT": "#3182ce", "SUPPORT": "#38a169", "CONCEDE": "#68d391", "COOPERATE": "#319795",
    "AID": "#2f855a", "RETREAT": "#81e6d9", "REQUEST": "#805ad5", "ACCUSE": "#d69e2e", "REJECT": "#b7791f",
    "THREATEN": "#dd6b20", "PROTEST": "#d53f8c", "SANCTION": "#9c4221", "MOBILIZE": "#718096", "COERCE": "#c53030",
    "ASSAULT": "#742a2a",
}
router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=1)
def templates() -> Environment:
    """The Jinja2 environment of the explorer (autoescape on for every template)."""
    environment = Environment(loader=PackageLoader("newsgraph.web", "templates"), autoescape=True)
    environment.filters["path"] = partial(quote, safe="")
    environment.globals["page_link"] = page_link
    environment.globals["event_colors"] = EVENT_COLORS
    return environment


def page_link(request: Request, **changes: Any) -> str:
    """The current page's address with some query parameters changed."""
    params = {**request.query_params, **{key: str(value) for key, value in changes.items()}}
    return f"{request.url.path}?{urlencode(params)}"


def render(request: Request, template: str, compute: Callable[[], dict[str, Any]]) -> Response:
    """Run `compute` and answer with its data as HTML, or as JSON when `?format=json`."""
    try:
        data = compute()
    except query.QueryError as error:
        return _error(request, 400, str(error))
    except query.NotFound as error:
        return _error(request, 404, str(error))
    if request.query_params.get("format") == "json":
        return JSONResponse(data)
    return HTMLResponse(templates().get_template(template).render(request=request, data=data))


def _error(request: Request, status: int, message: str) -> Response:
    if request.query_params.get("format") == "json":
        return JSONResponse({"detail": message}, status_code=status)
    return error_page(request, status, message)


def error_page(request: Request, status: int, message: str, *, headers: dict[str, str] | None = None) -> Response:
    """The explorer's error page."""
    html = templates().get_template("error.html").render(request=request, status=status, message=message)
    return HTMLResponse(html, status_code=status, headers=headers)


def _offset(request: Request) -> int:
    value = request.query_params.get("offset", "0")
    # ASCII digits only ('²'.isdigit() is true but int() refuses it), few enough for int() and DuckDB
    if not (value.isascii() and value.isdigit()) or len(value) > len(str(query.MAX_OFFSET)):
        raise query.QueryError(f"offset {value[:20]!r} out of range: use 0 to {query.MAX_OFFSET}")
    return int(value)


def _positive(request: Request, name: str) -> int:
    value = request.query_params.get(name) or "1"
    if not (value.isascii() and value.isdigit()) or len(value) > 9 or int(value) < 1:
        raise query.QueryError(f"{name} {value[:20]!r} out of range: use a whole number from 1")
    return int(value)


def _filters(request: Request, *names: str) -> dict[str, str | None]:
    return {name: request.query_params.get(name) or None for name in names}




@router.get("/", response_class=HTMLResponse)
def index(request: Request, con: duckdb.DuckDBPyConnection = Depends(database)) -> Response:
    """Home: corpus summary, top actors, latest quotes."""
    def compute() -> dict[str, Any]:
        return {
            "summary": query.corpus_summary(con),
            "actors": query.top_speakers(con, limit=12),
            "quotes": query.search_quotes(con, limit=5),
        }

    return render(request, "index.html", compute)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, con: duckdb.DuckDBPyConnection = Depends(database)) -> Response:
    """Quote search: speaker in any spelling, words, days, outlet."""
    def compute() -> dict[str, Any]:
        filters: dict[str, Any] = _filters(request, "speaker", "text", "since", "until", "outlet")
        offset = _offset(request)
        page = query.quotes_page(con, **filters, limit=PAGE_SIZE, offset=offset)
        return {"filters": filters, **page, "offset": offset, "limit": PAGE_SIZE}

    return render(request, "quotes.html", compute)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, con: duckdb.DuckDBPyConnection = Depends(database)) -> Response:
    """Actors, most cited first, searchable by name in any spelling."""
    def compute() -> dict[str, Any]:
        filters: dict[str, Any] = _filters(request, "name", "type")
        offset = _offset(request)
        page = query.entities_page(con, **filters, limit=PAGE_SIZE, offset=offset)
        return {"filters": filters, **page, "offset": offset, "limit": PAGE_SIZE}

    return render(request, "actors.html", compute)


@router.get("/actors/{entity_id:path}", response_class=HTMLResponse)
def actor_page(request: Request, entity_id: str, con: duckdb.DuckDBPyConnection = Depends(database)) -> Response:
    """One actor: who, its quotes, a chart of its events over time, the actors it interacts with."""
    return render(request, "actor.html", partial(query.get_entity, con, entity_id))


@router.get("/graph", response_class=HTMLResponse)
def graph_page(request: Request, con: duckdb.DuckDBPyConnection = Depends(database)) -> Response:
    """Actors linked by events, filtered by type, days and weight; a click on an actor opens its page."""
    def compute() -> dict[str, Any]:
        filters = _filters(request, "type", "since", "until")
        min_weight = _positive(request, "min_weight")
        graph = query.actor_graph(con, **filters, min_weight=min_weight, limit=GRAPH_EDGES)
        colors = {edge["type"]: EVENT_COLORS.get(edge["type"], "#718096") for edge in graph["edges"]}
        return {"filters": {**filters, "min_weight": min_weight}, "types": query.event_types(con),
                "colors": dict(sorted(colors.items())), **graph}

    return render(request, "graph.html", compute)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, con: duckdb.DuckDBPyConnection = Depends(database)) -> Response:
    """One article, its entities, quotes and events highlighted in the text."""
    def compute() -> dict[str, Any]:
        article = query.get_article(con, article_id)
        segments = [segment.__dict__ for segment in highlight(article)]
        return {**article, "segments": segments, "event_groups": by_sentence(article["events"]),
                "event_types": {event["idx"]: event["type"] for event in article["events"]}}

    return render(request, "article.html", compute)


@router.get("/vendor/plotly.min.js")
def plotly_js() -> FileResponse:
    """plotly.js as shipped inside the installed `plotly` Python package."""
    return FileResponse(plotly_path(), media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})


@router.get("/vendor/vis-network.min.js", response_model=None)
def vis_network_js() -> FileResponse | Response:
    """vis-network as shipped inside the installed `pyvis` package."""
    return _vis_network_file("vis-network.min.js", "text/javascript")


@router.get("/vendor/vis-network.css", response_model=None)
def vis_network_css() -> FileResponse | Response:
    """vis-network's stylesheet (tooltips, navigation) as shipped inside the installed `pyvis` package."""
    return _vis_network_file("vis-network.css", "text/css")


def _vis_network_file(name: str, media_type: str) -> FileResponse | Response:
    try:
        path = vis_network_path().with_name(name)
    except ModuleNotFoundError:
        message = "the graph library is missing: pip install 'newsgraph[web]' (it brings pyvis, which ships vis-network)"
        body = f"console.error({message!r});" if media_type == "text/javascript" else f"/* {message} */"
        return Response(body, status_code=503, media_type=media_type)
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "max-age=86400"})


def vis_network_path() -> Path:
    """Where the installed `pyvis` package keeps vis-network's standalone bundle."""
    return Path(str(files("pyvis") / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"))


def plotly_path() -> Path:
    """Where the installed `plotly` package keeps its JavaScript bundle."""
    return Path(str(files("plotly") / "package_data" / "plotly.min.js"))


def mount(app: FastAPI) -> None:
    """Add the explorer's pages and static files to `app`."""
    app.include_router(router)
    app.mount("/static", StaticFiles(packages=[("newsgraph.web", "static")]), name="static")


# ---------------------------------------------------------------- article highlighting


@dataclass(frozen=True)
class Segment:
    """A stretch of text under the same highlights: an actor, a quote, the events whose sentence covers it,
    the event whose trigger word it is."""

    text: str
    entity: str | None = None
    quote: int | None = None
    events: tuple[int, ...] = ()
    trigger: int | None = None


def by_sentence(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events grouped by the sentence they were read from, in text order: each sentence is shown once."""
    groups: dict[tuple[int, int], dict[str, Any]] = {}
    for event in sorted(events, key=lambda event: (event["start_char"], event["end_char"], event["idx"])):
        key = (event["start_char"], event["end_char"])
        groups.setdefault(key, {"text": event["text"], "start_char": key[0], "events": []})["events"].append(event)
    return list(groups.values())


def trigger_span(text: str, event: dict[str, Any]) -> tuple[int, int] | None:
    """Where the event's trigger word stands in its sentence (its first occurrence there), if it does."""
    trigger, start, end = event.get("trigger"), event["start_char"], event["end_char"]
    if not trigger:
        return None
    found = text.find(trigger, start, end)
    return (found, found + len(trigger)) if found >= 0 else None


def highlight(article: dict[str, Any]) -> list[Segment]:
    """Cut the text at every mention, quote, event and trigger boundary; each piece knows what covers it."""
    text: str = article["text"]
    marks: list[tuple[str, Any, int, int]] = [  # kind, reference, start, end
        ("entity", m["entity_id"], m["start_char"], m["end_char"]) for m in article["mentions"]]
    marks += [("quote", q["idx"], q["start_char"], q["end_char"]) for q in article["quotes"]]
    marks += [("event", e["idx"], e["start_char"], e["end_char"]) for e in article["events"]]
    marks += [("trigger", e["idx"], *span) for e in article["events"] if (span := trigger_span(text, e))]
    bounds = sorted({0, len(text)} | {max(0, min(len(text), edge)) for *_, first, last in marks for edge in (first, last)})
    segments = []
    for start, end in zip(bounds, bounds[1:]):
        covering = [(kind, ref) for kind, ref, first, last in marks if first <= start and end <= last]
        by_kind = dict(covering)
        events = tuple(sorted({ref for kind, ref in covering if kind == "event"}))
        segments.append(Segment(text[start:end], by_kind.get("entity"), by_kind.get("quote"), events,
                                by_kind.get("trigger")))
    return segments
