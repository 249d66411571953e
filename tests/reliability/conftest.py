"""Fixtures of the reliability tests: a generated corpus, the CLI run in real processes with a fake analyzer."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import free_port  # noqa: F401  (also used by the tests of this folder)
from kb_corpus import KB_DATA, kb_articles, kb_db  # noqa: F401  (pytest fixtures)

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
FAKE_CLI = HERE / "fake_cli.py"


def write_corpus(path: Path, copies: int) -> Path:
    """`copies` variants of each fixture article (new ids, one changed word) as JSONL."""
    items = [json.loads(line) for line in (KB_DATA / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    with path.open("w", encoding="utf-8") as stream:
        for copy in range(copies):
            for item in items:
                variant = {**item, "id": f"{item['id']}-{copy:03d}", "text": item["text"].replace(".", f" ({copy}).", 1)}
                stream.write(json.dumps(variant, ensure_ascii=False) + "\n")
    return path


def cli_env(*, delay: float = 0.0, gate: Path | None = None) -> dict[str, str]:
    """Environment of a `fake_cli.py` process: tests importable, `delay` seconds per analyzed article, and each
    article held until the `gate` file exists."""
    python_path = os.pathsep.join(filter(None, [str(TESTS), os.environ.get("PYTHONPATH")]))
    gated = {"NEWSGRAPH_FAKE_GATE": str(gate)} if gate is not None else {}
    return {**os.environ, "PYTHONPATH": python_path, "NEWSGRAPH_FAKE_DELAY": str(delay), **gated}


def start_cli(*args: str, delay: float = 0.0, gate: Path | None = None) -> subprocess.Popen[str]:
    """`newsgraph ARGS...` in a new process, with the fake analyzer in place of the pipeline."""
    return subprocess.Popen(
        [sys.executable, str(FAKE_CLI), *args], env=cli_env(delay=delay, gate=gate), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def run_cli(*args: str, delay: float = 0.0, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """Run `newsgraph ARGS...` (fake analyzer) to the end."""
    return subprocess.run([sys.executable, str(FAKE_CLI), *args], env=cli_env(delay=delay), text=True,
                          capture_output=True, timeout=timeout)



def wait_until(condition: object, *, timeout: float, what: str) -> None:
    """Poll `condition()` until true, or fail naming `what`."""
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.02)


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[object]:
    """Start `newsgraph serve` on a database in a real process: call it with the database path; yields the URL."""
    import httpx

    processes: list[subprocess.Popen[str]] = []

    def start(db: Path) -> str:
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--port", str(port)],
            env=cli_env(), text=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        processes.append(process)
        url = f"http://127.0.0.1:{port}"

        def ready() -> bool:
            if process.poll() is not None:
                pytest.fail(f"serve exited: {process.stderr.read() if process.stderr else ''}")
            try:
                return httpx.get(f"{url}/api/summary", timeout=5).status_code == 200
            except httpx.TransportError:
                return False

        wait_until(ready, timeout=60, what="the server to start")
        return url

    yield start
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
