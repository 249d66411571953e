"""Security of the server: loopback by default, read-only, bound parameters, no filesystem path from a request."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner
from conftest import cli_env, free_port, wait_until
from kb_corpus import snapshot

from newsgraph import cli
from newsgraph.api import create_app
from newsgraph.store import SERVER_CONFIG, fold

with warnings.catch_warnings():  # recent Starlette prefers httpx2 for its test client; httpx still works
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

SOURCE = Path(__file__).resolve().parents[2] / "src" / "newsgraph"
INJECTIONS = [
    "' OR 1=1 --",
    "'; DROP TABLE articles; --",
    "poutine'); DELETE FROM quotes; --",
    '" OR ""="',
    "%' UNION SELECT id, text, 1, 1 FROM articles --",
    "1; ATTACH '/tmp/newsgraph-evil.duckdb' AS evil",
    "x' || (SELECT string_agg(text, '') FROM read_csv('/etc/passwd')) || '",
    "$1", "?", "\\", "%", "_", "*", "NULL", "\x00", "é" * 5000,
]
# every string parameter of the API and the explorer, and the paths that take an id
QUERY_PARAMETERS = {
    "/api/quotes": ("speaker", "text", "outlet", "since", "until"),
    "/api/events": ("source", "target", "type", "mode", "country_pair", "since", "until"),
    "/api/entities": ("name", "type"),
    "/api/graph": ("type", "since", "until"),
    "/quotes": ("speaker", "text", "outlet", "since", "until", "offset"),
    "/actors": ("name", "type", "offset"),
    "/graph": ("type", "since", "until"),
}
ID_PATHS = ("/api/entities/", "/api/articles/", "/actors/", "/articles/")


@pytest.fixture(scope="module")
def client(kb_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(kb_db)) as test_client:
        yield test_client


# ---------------------------------------------------------------- listening address


def test_serve_listens_on_loopback_by_default(kb_db: Path) -> None:
    tcp = Path("/proc/net/tcp")
    if not tcp.exists():
        pytest.skip("needs Linux's /proc/net/tcp to see the listening address")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(kb_db), "--port", str(port)],
                               env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_until(lambda: listening(tcp, port), timeout=60, what="the server to listen")
        assert listening(tcp, port) == {"127.0.0.1"}
    finally:
        process.terminate()
        process.wait(timeout=10)


def listening(tcp: Path, port: int) -> set[str]:
    """Local IPv4 addresses listening on `port` (state 0A) in /proc/net/tcp."""
    found = set()
    for line in tcp.read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, port_hex = local.split(":")
        if state == "0A" and int(port_hex, 16) == port:
            found.add(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)))
    return found


def test_serve_warns_when_told_to_listen_on_every_interface(kb_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    calls: list[dict[str, object]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append({"app": app, **options}))
    default = CliRunner().invoke(cli.cli, ["serve", "--db", str(kb_db)])
    public = CliRunner().invoke(cli.cli, ["serve", "--db", str(kb_db), "--host", "0.0.0.0"])
    assert default.exit_code == 0 and public.exit_code == 0
    assert calls[0]["host"] == "127.0.0.1" and "every machine" not in default.output
    assert calls[1]["host"] == "0.0.0.0" and "every machine that can reach it can read" in public.output


def test_loopback_server_refuses_other_host_names(kb_db: Path) -> None:
    # a web page whose name was rebound to 127.0.0.1 cannot read the API through the visitor's browser
    app = create_app(kb_db, allowed_hosts=list(cli.LOOPBACK_HOSTS))
    with TestClient(app, base_url="http://127.0.0.1:8000") as local:
        assert local.get("/api/summary").status_code == 200
        assert local.get("/api/summary", headers={"host": "localhost:8000"}).status_code == 200
        assert local.get("/api/summary", headers={"host": "evil.example:8000"}).status_code == 400


# ---------------------------------------------------------------- read-only


def test_no_route_accepts_a_writing_method(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {method for operations in schema["paths"].values() for method in operations} == {"get"}
    pages = ["/", "/quotes", "/actors", "/actors/per:vladimir-poutine", "/graph", "/articles/kb-001",
             "/static/app.css", "/vendor/plotly.min.js", "/openapi.json"]
    api = [path.replace("{entity_id}", "per:vladimir-poutine").replace("{article_id}", "kb-001")
           for path in schema["paths"]]
    for path in pages + api:
        assert client.get(path).status_code == 200, path
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            assert client.request(method, path).status_code in (404, 405), (method, path)


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM quotes",
        "INSERT INTO failures VALUES ('x', 'y', now())",
        "CREATE TABLE evil (a INTEGER)",
        "DROP TABLE articles",
        "COPY articles TO '/tmp/newsgraph-evil.csv'",
        "ATTACH '/tmp/newsgraph-evil.duckdb' AS evil",
        "SELECT * FROM read_csv('/etc/passwd')",
        "INSTALL httpfs",
        "SET enable_external_access = true",
    ],
)
def test_server_connection_can_neither_write_nor_reach_files(client: TestClient, statement: str) -> None:
    readers = client.app.state.readers  # type: ignore[attr-defined]
    with readers.connection() as con, pytest.raises(Exception) as raised:
        con.execute(statement)
    assert re.search(r"read-only|disabled by configuration|locked|Cannot", str(raised.value)), raised.value
    assert not Path("/tmp/newsgraph-evil.csv").exists() and not Path("/tmp/newsgraph-evil.duckdb").exists()


def test_server_connections_use_the_sandbox_settings(client: TestClient) -> None:
    readers = client.app.state.readers  # type: ignore[attr-defined]
    with readers.connection() as con:
        for name in SERVER_CONFIG:
            value = con.execute("SELECT current_setting(?)", [name]).fetchone()[0]
            assert str(value).lower() == str(SERVER_CONFIG[name]).lower(), name


# ---------------------------------------------------------------- bound parameters


WORD_SEARCHES = ("speaker", "text", "source", "target", "name")  # matched word by word, accents and case folded
EXACT = ("outlet",)  # compared whole with stored values
DATES = ("since", "until", "country_pair", "type", "mode")  # validated (days, codes, enums): a payload is a 4xx


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_looking_values_are_only_values(client: TestClient, payload: str) -> None:
    readers = client.app.state.readers  # type: ignore[attr-defined]  (same settings: same DuckDB instance)
    with readers.connection() as con:
        before = snapshot(con)
    for path, names in QUERY_PARAMETERS.items():
        for name in names:
            params = {name: payload, **({} if path.startswith("/api/") else {"format": "json"})}
            response = client.get(path, params=params)
            assert response.status_code in (200, 400, 404, 422), (path, name, response.text[:300])
            if path.startswith("/api/"):
                assert_only_a_value(client, path, name, payload, response)
    for path in ID_PATHS:
        response = client.get(path + quote(payload, safe=""))
        assert response.status_code == 404, (path, response.text[:300])
    with readers.connection() as con:
        assert snapshot(con) == before


def assert_only_a_value(client: TestClient, path: str, name: str, payload: str, response: object) -> None:
    """The answer is the one the payload's plain words (or nothing) would get: its SQL syntax did nothing."""
    status, body = response.status_code, response.json()  # type: ignore[attr-defined]
    if name in DATES:
        assert status in (400, 422), (path, name)
    elif name in EXACT:
        assert status == 200 and body.get("items", body.get("edges")) == [], (path, name)
    elif not fold(payload):
        assert status == 400 and "nothing to search for" in body["detail"], (path, name)
    else:
        plain = client.get(path, params={name: fold(payload)})
        assert (status, body) == (plain.status_code, plain.json()), (path, name)


REQUEST_NAMES = {"speaker", "text", "outlet", "since", "until", "source", "target", "type", "countries",
                 "country_pair", "name", "entity_id", "article_id", "needle", "value", "limit", "offset", "host"}


def test_no_request_value_is_formatted_into_sql() -> None:
    """Grep, as a test: no f-string holding SQL interpolates a name that carries a request value."""
    found = []
    store_modules = sorted(str(path.relative_to(SOURCE)) for path in (SOURCE / "store").glob("*.py"))
    for module in ("query.py", "api.py", *store_modules, "web/views.py"):
        tree = ast.parse((SOURCE / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            literal = "".join(part.value for part in node.values if isinstance(part, ast.Constant))
            if not re.search(r"\b(SELECT|WHERE|INSERT|DELETE|FROM|AND|OR)\b", literal):
                continue
            names = {name.id for part in node.values if isinstance(part, ast.FormattedValue)
                     for name in ast.walk(part.value) if isinstance(name, ast.Name)}
            found += [f"{module}:{node.lineno} {name}" for name in names & REQUEST_NAMES]
    assert found == []


# ---------------------------------------------------------------- no filesystem path from a request


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2f..%2fetc%2fpasswd",
        "/static/....//....//etc/passwd",
        "/static/%252e%252e/%252e%252e/etc/passwd",
        "/static//etc/passwd",
        "/static/..\\..\\etc\\passwd",
        "/static/../api.py",
        "/static/../templates/base.html",
        "/vendor/../../etc/passwd",
        "/vendor/plotly.min.js/../../../../etc/passwd",
        "/articles/..%2f..%2f..%2fetc%2fpasswd",
        "/api/articles/../../../etc/passwd",
        "/../../etc/passwd",
    ],
)
def test_path_traversal_reaches_no_file(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404, 405), (path, response.status_code)
    assert "root:" not in response.text and "import" not in response.text


def test_static_files_come_from_the_package_only(client: TestClient) -> None:
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/charts.js").status_code == 200
    assert client.get("/static/views.py").status_code == 404
