"""The HTTP service: a read-only JSON API (documented by its OpenAPI schema at /openapi.json) and the web explorer.

Every endpoint calls one function of `newsgraph.query` and returns its data; the web pages
(`newsgraph.web.views`) call the same functions. Parameters are validated here (pages of
1 to 500 items, ISO dates) and always reach SQL as bound values.

Only GET routes exist, and every request reads through a read-only connection without file
or network access (`store.Readers`, `store.SERVER_CONFIG`). An ingest may write the database
meanwhile: a request that cannot get it within a few seconds gets a 503 with Retry-After.
"""
from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, BeforeValidator
from starlette.middleware.trustedhost import TrustedHostMiddleware

from . import query
from .store import Readers, StoreBusy

BUSY_RETRY_SECONDS = 2

Limit = Annotated[int, Query(ge=1, le=query.MAX_LIMIT, description="items per page, 1 to 500")]
Offset = Annotated[int, Query(ge=0, le=query.MAX_OFFSET, description="items to skip")]


def iso_day(value: Any) -> Any:
    """Only YYYY-MM-DD reaches the date parser (which would also take '0.0' as a timestamp)."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("Input should be a valid date as YYYY-MM-DD")
    return value


Since = Annotated[date | None, BeforeValidator(iso_day), Query(description="first day, YYYY-MM-DD")]
Until = Annotated[date | None, BeforeValidator(iso_day), Query(description="last day, YYYY-MM-DD")]
Words = Annotated[str | None, Query(description=f"words in any spelling (at most {query.MAX_WORDS} different ones, "
                                                f"{query.MAX_NEEDLE_CHARS} characters); none at all (only signs) is a 400")]


class Page(BaseModel):
    """One page of results."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class Graph(BaseModel):
    """Actors (nodes) linked by events (edges: source, target, type, events, mentions)."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


class Problem(BaseModel):
    """What was wrong with the request."""

    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem}, 404: {"model": Problem},
    503: {"model": Problem, "description": "an ingest holds the database"},
}


def database(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection for one request (see `store.Readers`)."""
    readers: Readers = request.app.state.readers
    with readers.connection() as con:
        yield con


Database = Annotated[duckdb.DuckDBPyConnection, Depends(database)]
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


@router.get("/summary")
def summary(con: Database) -> dict[str, Any]:
    """Counts of articles, actors, quotes, events, failures and the span of publication days."""
    return query.corpus_summary(con)


@router.get("/quotes", response_model=Page)
def quotes(
    con: Database, speaker: Words = None, text: Words = None, since: Since = None, until: Until = None,
    outlet: str | None = None, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0,
) -> dict[str, Any]:
    """Quotes, newest first: speaker in any spelling, words of the quote, publication days, outlet (host name)."""
    filters: dict[str, Any] = {"speaker": speaker, "text": text, "since": since, "until": until, "outlet": outlet}
    return {**query.quotes_page(con, **filters, limit=limit, offset=offset), "limit": limit, "offset": offset}


def event_filters(
    source: Words = None, target: Words = None,
    type: Annotated[str | None, Query(description="PLOVER event type: " + ", ".join(query.EVENT_TYPES))] = None,
    mode: Annotated[str | None, Query(description="one of " + ", ".join(query.EVENT_MODES))] = None,
    country_pair: Annotated[str | None, Query(description="two ISO alpha-3 codes, either direction: RUS,PRK")] = None,
    since: Since = None, until: Until = None,
) -> dict[str, Any]:
    """The query parameters /events and /stories share, as `query.search_events` takes them."""
    return {"source": source, "target": target, "type": type, "mode": mode, "countries": country_pair,
            "since": since, "until": until}


EventFilters = Annotated[dict[str, Any], Depends(event_filters)]


@router.get("/events", response_model=Page)
def events(con: Database, filters: EventFilters, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Events, newest first: source and target (name in any spelling, entity id or country code), type, mode, days."""
    return {**query.events_page(con, **filters, limit=limit, offset=offset), "limit": limit, "offset": offset}


@router.get("/stories", response_model=Page)
def stories(con: Database, filters: EventFilters, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Story events (one event as reported across articles), newest first, with the filters of /events; each
    with its mention, article and outlet counts, its first report and its mentions."""
    items = query.search_stories(con, **filters, limit=limit, offset=offset)
    return {"items": items, "total": query.event_counts(con, **filters)["stories"], "limit": limit, "offset": offset}


@router.get("/entities", response_model=Page)
def entities(
    con: Database, name: Words = None,
    type: Annotated[str | None, Query(description="one of " + ", ".join(query.ENTITY_TYPES))] = None,
    limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0,
) -> dict[str, Any]:
    """Actors, most cited first, optionally by name in any spelling and by type (PER, ORG, GPE...)."""
    page = query.entities_page(con, name=name, type=type, limit=limit, offset=offset)
    return {**page, "limit": limit, "offset": offset}


@router.get("/entities/{entity_id:path}")
def entity(con: Database, entity_id: str) -> dict[str, Any]:
    """One actor: names, counts, latest quotes and events, events per month and type, partners."""
    return query.get_entity(con, entity_id)


@router.get("/articles/{article_id:path}")
def article(con: Database, article_id: str) -> dict[str, Any]:
    """One article: text, metadata, entities with their mentions, quotes and events (with offsets)."""
    return query.get_article(con, article_id)


@router.get("/graph", response_model=Graph)
def graph(
    con: Database, since: Since = None, until: Until = None,
    type: Annotated[str | None, Query(description="PLOVER event type: " + ", ".join(query.EVENT_TYPES))] = None,
    min_weight: Annotated[int, Query(ge=1, le=query.MAX_OFFSET, description="lightest link kept")] = 1,
    limit: Annotated[int, Query(ge=1, le=query.MAX_LIMIT, description="heaviest links kept")] = 200,
) -> dict[str, Any]:
    """Actors linked by events between resolved actors (one link per type), filtered by event type and days."""
    return query.actor_graph(con, type=type, since=since, until=until, min_weight=min_weight, limit=limit)


def _problem(status: int) -> Any:
    async def handler(request: Request, error: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(error.args[0] if error.args else error)}, status_code=status)

    return handler


async def _busy(request: Request, error: Exception) -> Response:
    message = f"the database is being written by an ingest, try again in a moment ({error})"
    headers = {"Retry-After": str(BUSY_RETRY_SECONDS)}
    if request.url.path.startswith("/api/") or request.query_params.get("format") == "json":
        return JSONResponse({"detail": message}, status_code=503, headers=headers)
    from .web.views import error_page

    return error_page(request, 503, message, headers=headers)


class SecurityHeaders:
    """ASGI middleware: the explorer's security headers on every response, and HEAD answered like GET.

    The Content-Security-Policy allows only this server's scripts and styles, plus the inline
    scripts of the templates by their hash (`inline_script_hashes`); no framing, no plugins.
    """

    def __init__(self, app: Any) -> None:
        self.app = app
        self.headers = [(name.encode(), value.encode()) for name, value in security_headers().items()]
        self.names = {name for name, _ in self.headers}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:  # the GET answer without its body (uvicorn keeps the Content-Length)
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                kept = [(name, value) for name, value in message.get("headers", []) if name.lower() not in self.names]
                message = {**message, "headers": kept + self.headers}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def security_headers() -> dict[str, str]:
    """The headers `SecurityHeaders` adds to every response."""
    scripts = " ".join(["'self'", *(f"'sha256-{digest}'" for digest in inline_script_hashes())])
    policy = (f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
              "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
    return {"content-security-policy": policy, "x-content-type-options": "nosniff", "x-frame-options": "DENY",
            "referrer-policy": "no-referrer"}


def inline_script_hashes() -> list[str]:
    """Base64 SHA-256 of each constant inline script of the web templates, as CSP hash sources."""
    import base64
    import hashlib

    folder = Path(__file__).parent / "web" / "templates"
    bodies = {body for template in sorted(folder.glob("*.html"))
              for body in re.findall(r"<script>(.*?)</script>", template.read_text(encoding="utf-8"), re.DOTALL)}
    # a script with template expressions differs per page: it cannot be allowed by a fixed hash
    constant = sorted(body for body in bodies if "{{" not in body and "{%" not in body)
    return [base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() for body in constant]


def create_app(db: str | Path, *, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The service over one database, read-only (StoreError if it cannot be opened).

    `allowed_hosts`: the only Host headers answered (others get a 400), e.g. the loopback names.
    """
    readers = Readers(db)
    readers.open().close()  # fail now on a missing or foreign file

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        readers.close()

    app = FastAPI(
        title="newsgraph", version=_version(), lifespan=lifespan,
        # the interactive /docs pages load their scripts from a CDN: nothing leaves the machine here
        docs_url=None, redoc_url=None,
        description="Who said what and who did what to whom in a corpus of French news: read-only API.",
    )
    app.state.readers = readers
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeaders)  # added last, so outermost: error answers get the headers too
    app.include_router(router)
    app.add_exception_handler(query.QueryError, _problem(400))
    app.add_exception_handler(query.NotFound, _problem(404))
    app.add_exception_handler(StoreBusy, _busy)
    from .web.views import mount

    mount(app)
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsgraph")
    except PackageNotFoundError:
        return "unknown"
