"""The HTTP service: a read-only JSON API (documented by its OpenAPI schema at /openapi.json) and the web explorer.

Every endpoint calls one function of `newsgraph.query` and returns its data; the web pages
(`newsgraph.web.views`) call the same functions. Parameters are validated here (pages of
1 to 500 items, ISO dates) and always reach SQL as bound values.
"""
from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from . import query
from .store import connect

Limit = Annotated[int, Query(ge=1, le=query.MAX_LIMIT, description="items per page, 1 to 500")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]
Since = Annotated[date | None, Query(description="first day, YYYY-MM-DD")]
Until = Annotated[date | None, Query(description="last day, YYYY-MM-DD")]


class Page(BaseModel):
    """One page of results."""

    items: list[dict[str, Any]]
    limit: int
    offset: int


class Graph(BaseModel):
    """Actors (nodes) linked by events (edges: source, target, events, types)."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


class Problem(BaseModel):
    """What was wrong with the request."""

    detail: str


ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": Problem}, 404: {"model": Problem}}


def database(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the app's read-only connection, one per request (cursors are thread-safe)."""
    cursor = request.app.state.con.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


Database = Annotated[duckdb.DuckDBPyConnection, Depends(database)]
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


@router.get("/summary")
def summary(con: Database) -> dict[str, Any]:
    """Counts of articles, actors, quotes, events, failures and the span of publication days."""
    return query.corpus_summary(con)


@router.get("/quotes", response_model=Page)
def quotes(
    con: Database, speaker: str | None = None, text: str | None = None, since: Since = None, until: Until = None,
    outlet: str | None = None, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0,
) -> dict[str, Any]:
    """Quotes, newest first: speaker in any spelling, words of the quote, publication days, outlet (host name)."""
    items = query.search_quotes(con, speaker=speaker, text=text, since=since, until=until, outlet=outlet,
                                limit=limit, offset=offset)
    return {"items": items, "limit": limit, "offset": offset}


@router.get("/events", response_model=Page)
def events(
    con: Database, source: str | None = None, target: str | None = None, type: str | None = None,
    country_pair: Annotated[str | None, Query(description="two ISO alpha-3 codes, either direction: RUS,PRK")] = None,
    since: Since = None, until: Until = None, limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0,
) -> dict[str, Any]:
    """Events, newest first: source and target (name in any spelling, entity id or country code), type, days."""
    items = query.search_events(con, source=source, target=target, type=type, countries=country_pair,
                                since=since, until=until, limit=limit, offset=offset)
    return {"items": items, "limit": limit, "offset": offset}


@router.get("/entities", response_model=Page)
def entities(
    con: Database, name: str | None = None, type: str | None = None,
    limit: Limit = query.DEFAULT_LIMIT, offset: Offset = 0,
) -> dict[str, Any]:
    """Actors, most cited first, optionally by name in any spelling and by type (PER, ORG, GPE...)."""
    items = query.search_entities(con, name=name, type=type, limit=limit, offset=offset)
    return {"items": items, "limit": limit, "offset": offset}


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
    con: Database, type: str | None = None, since: Since = None, until: Until = None,
    limit: Annotated[int, Query(ge=1, le=query.MAX_LIMIT, description="heaviest links kept")] = 200,
) -> dict[str, Any]:
    """Actors linked by events between resolved actors, filtered by event type and days."""
    return query.actor_graph(con, type=type, since=since, until=until, limit=limit)


def _problem(status: int) -> Any:
    async def handler(request: Request, error: Exception) -> JSONResponse:
        return JSONResponse({"detail": str(error.args[0] if error.args else error)}, status_code=status)

    return handler


def create_app(db: str | Path) -> FastAPI:
    """The service over one database, opened read-only (StoreError if it cannot be)."""
    con = connect(db, read_only=True)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        con.close()

    app = FastAPI(
        title="newsgraph", version=_version(), lifespan=lifespan,
        # the interactive /docs pages load their scripts from a CDN: nothing leaves the machine here
        docs_url=None, redoc_url=None,
        description="Who said what and who did what to whom in a corpus of French news: read-only API.",
    )
    app.state.con = con
    app.include_router(router)
    app.add_exception_handler(query.QueryError, _problem(400))
    app.add_exception_handler(query.NotFound, _problem(404))
    from .web.views import mount

    mount(app)
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsgraph")
    except PackageNotFoundError:
        return "unknown"
