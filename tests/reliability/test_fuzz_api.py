"""Fuzzing of the API from its OpenAPI schema (schemathesis) and of the explorer's pages (hypothesis): no 5xx.

The quick run (a few examples per operation) is part of the default suite; the long one is
marked `fuzz`: `python -m pytest -m fuzz` (NEWSGRAPH_FUZZ_EXAMPLES sets its examples per operation).
"""
from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import schemathesis
from schemathesis.checks import positive_data_acceptance
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.api import create_app

with warnings.catch_warnings():  # recent Starlette prefers httpx2 for its test client; httpx still works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

QUICK_EXAMPLES = 8
LONG_EXAMPLES = int(os.environ.get("NEWSGRAPH_FUZZ_EXAMPLES", "400"))
FUZZ_SETTINGS = {"deadline": None, "suppress_health_check": list(HealthCheck), "database": None}


@pytest.fixture(scope="module")
def operations(kb_db: Path) -> list[schemathesis.APIOperation]:
    """Every operation of the API's OpenAPI schema, called in-process."""
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(kb_db))
    found = [result.ok() for result in schema.get_all_operations()]
    assert len(found) >= 7
    return found


# schemathesis's own pytest plugin (`from_fixture`) does not run on pytest 9: drive its strategies with hypothesis
MODES = [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE]


def call_one(data: st.DataObject, operations: list[schemathesis.APIOperation], mode: schemathesis.GenerationMode) -> None:
    """Draw an operation and a request for it; the response must pass every check (no 5xx, matches the schema)."""
    operation = data.draw(st.sampled_from(operations), label="operation")
    case = data.draw(operation.as_strategy(generation_mode=mode), label="request")
    # a search string without any letter or digit ('!!!') is valid for the schema but a documented 400
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.value)
@given(data=st.data())
@settings(max_examples=QUICK_EXAMPLES * 7, **FUZZ_SETTINGS)
def test_api_conforms_to_its_schema_quick(operations: list[schemathesis.APIOperation],
                                          mode: schemathesis.GenerationMode, data: st.DataObject) -> None:
    call_one(data, operations, mode)


@pytest.mark.fuzz
@pytest.mark.parametrize("mode", MODES, ids=lambda mode: mode.value)
@given(data=st.data())
@settings(max_examples=LONG_EXAMPLES * 7, **FUZZ_SETTINGS)
def test_api_conforms_to_its_schema_long(operations: list[schemathesis.APIOperation],
                                         mode: schemathesis.GenerationMode, data: st.DataObject) -> None:
    call_one(data, operations, mode)


# ---------------------------------------------------------------- the explorer's pages (not in the schema)

PAGE_PARAMETERS = {
    "/": ("format",),
    "/quotes": ("speaker", "text", "outlet", "since", "until", "offset", "format"),
    "/actors": ("name", "type", "offset", "format"),
    "/graph": ("type", "since", "until", "format"),
}
ID_PAGES = ("/actors/", "/articles/")
values = st.one_of(st.text(max_size=60), st.sampled_from([
    "json", "0", "-1", "²", "9" * 5000, str(2**63), "2023-08-31", "9999-99-99", "0.0", "RUS,PRK",
]))


@pytest.fixture(scope="module")
def client(kb_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(kb_db)) as test_client:
        yield test_client


def request_pages(client: TestClient, page: str, params: dict[str, str], identifier: str) -> None:
    response = client.get(page, params={name: value for name, value in params.items() if name in PAGE_PARAMETERS[page]})
    assert response.status_code < 500, (page, params, response.text[:300])
    for prefix in ID_PAGES:
        response = client.get(prefix + quote(identifier, safe=""))
        assert response.status_code < 500, (prefix, identifier, response.text[:300])


page_requests = {
    "page": st.sampled_from(sorted(PAGE_PARAMETERS)),
    "params": st.dictionaries(st.sampled_from(sorted({n for names in PAGE_PARAMETERS.values() for n in names})), values),
    "identifier": st.text(min_size=1, max_size=60),
}


@given(**page_requests)
@settings(max_examples=30, **FUZZ_SETTINGS)
def test_pages_never_fail_with_a_server_error_quick(client: TestClient, page: str, params: dict[str, str],
                                                    identifier: str) -> None:
    request_pages(client, page, params, identifier)


@pytest.mark.fuzz
@given(**page_requests)
@settings(max_examples=LONG_EXAMPLES * 5, **FUZZ_SETTINGS)
def test_pages_never_fail_with_a_server_error_long(client: TestClient, page: str, params: dict[str, str],
                                                   identifier: str) -> None:
    request_pages(client, page, params, identifier)


@pytest.mark.parametrize(
    "url",
    [
        "/api/quotes?offset=9223372036854775808",  # found by the long run: DuckDB refused the offset (500)
        "/api/events?offset=1000000001",
        "/quotes?offset=9223372036854775808",
        "/actors?offset=%C2%B2",  # '²': isdigit() but not int()
        "/quotes?offset=" + "9" * 5000,  # beyond int()'s digit limit
        "/api/quotes?since=0.0",  # a number is not a date (the parser would read a timestamp)
    ],
)
def test_found_by_fuzzing(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (400, 422), (url, response.status_code, response.text[:200])
