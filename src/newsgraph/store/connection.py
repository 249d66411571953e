"""Opening a database, and sharing it between processes: the ingest lock and `Readers`."""
from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from .errors import StoreBusy, StoreError
from .schema import migrate, schema_version

READ_WAIT_SECONDS = 5.0  # a reader waits this long for an ingest batch to commit
# A server's connections: read-only, and no file, network or extension access from SQL
# (queries only bind values, this is a second wall), settings locked.
SERVER_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}



def connect(
    path: str | Path, *, read_only: bool = False, wait: float = 0.0, config: dict[str, Any] | None = None
) -> duckdb.DuckDBPyConnection:
    """Open a newsgraph database (created and migrated when writable); clear errors if not.

    While another process holds the file, retry for up to `wait` seconds, then raise StoreBusy.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such database; create it with `newsgraph ingest ... --db {path}`")
    if not read_only:
        check_folder(path)
    con = _open(path, read_only=read_only, wait=wait, config=config or {})
    if not read_only:
        _refuse_foreign(con, path)
        migrate(con)
    elif schema_version(con) == 0:
        con.close()
        raise StoreError(f"{path} is not a newsgraph database; create it with `newsgraph ingest ... --db {path}`")
    return con


def check_folder(path: Path) -> None:
    """StoreError unless the folder of `path` exists and is a folder (where the database and its lock go)."""
    folder = path.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise StoreError(f"cannot create {path}: {folder} {what}; create the folder first or give another --db")


def _refuse_foreign(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    # a DuckDB file another program made: its tables are not ours to add to (or to clash with)
    if schema_version(con) != 0:
        return
    tables = [row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
    if tables:
        con.close()
        shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
        raise StoreError(f"{path} is a DuckDB database made by another program (tables: {shown}), "
                         "not a newsgraph one: give a new file to --db")


def _open(path: Path, *, read_only: bool, wait: float, config: dict[str, Any]) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    for delay in _backoff():
        try:
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.IOException as error:
            if not _is_lock_error(error):
                raise StoreError(_open_error(path, error)) from None
            if time.monotonic() + delay > deadline:
                raise StoreBusy(_open_error(path, error, waited=wait)) from None
        time.sleep(delay)
    raise AssertionError("unreachable")


def _backoff(first: float = 0.005, most: float = 0.2) -> Iterator[float]:
    # jittered exponential delays: two waiting processes do not retry in step
    delay = first
    while True:
        yield delay * random.uniform(0.5, 1.0)
        delay = min(delay * 2, most)


def _is_lock_error(error: Exception) -> bool:
    return "lock" in str(error).lower()


def _open_error(path: Path, error: Exception, *, waited: float = 0.0) -> str:
    message = str(error)
    if _is_lock_error(error):
        first_line = message.splitlines()[0]
        after = f" after waiting {waited:g} s" if waited else ""
        return (f"{path} is in use by another process{after} (DuckDB allows one writer, or readers): "
                f"wait for it to finish. ({first_line})")
    return f"cannot open {path}: {message.splitlines()[0]}"


# ---------------------------------------------------------------- sharing a database between processes


def ingest_lock_path(path: str | Path) -> Path:
    """The file an ingest holds locked for its whole run: `<db>.ingest.lock`."""
    path = Path(path)
    return path.with_name(path.name + ".ingest.lock")


@contextmanager
def ingest_lock(path: str | Path, *, wait: float = 0.0) -> Iterator[None]:
    """Hold the ingest lock of `path`; another holder makes us wait up to `wait` seconds, then StoreBusy.

    An flock: the system releases it when its process ends, even by SIGKILL. Without fcntl
    (Windows) only DuckDB's own lock protects the file, batch by batch.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    lock_path = ingest_lock_path(path)
    check_folder(Path(path))
    # at least a second: a reader's probe (`ingest_running`) holds the lock for microseconds
    deadline = time.monotonic() + max(wait, 1.0)
    try:
        handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - closed by the `with` below
    except OSError as error:
        raise StoreError(f"cannot create the lock file {lock_path} beside the database: {error.strerror}; "
                         "give a --db in a folder you can write") from None
    with handle:
        for delay in _backoff(most=0.5):
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() + delay > deadline:
                    raise StoreBusy(_ingest_busy(path, lock_path, wait)) from None
            time.sleep(delay)
        handle.truncate(0)
        handle.write(f"pid {os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _ingest_busy(path: str | Path, lock_path: Path, wait: float) -> str:
    holder = lock_path.read_text(encoding="utf-8").strip() or "another process"
    waited = f" (waited {wait:g} s)" if wait else ""
    return (f"{path} is being ingested by {holder}{waited}: wait for that ingest to finish, "
            "or give --wait SECONDS to wait for it")


def ingest_running(path: str | Path) -> bool:
    """True while an ingest holds the ingest lock of `path` (False where locks are not available)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        return False
    try:
        descriptor = os.open(ingest_lock_path(path), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(descriptor)  # closing also drops the shared lock, if we got it
    return False


class Readers:
    """Read-only connections to one database for a server, shared while no ingest runs.

    Opening a DuckDB database costs tens of milliseconds, so requests share one connection
    (each gets its own cursor). But an open connection keeps writers out: while an ingest
    runs, each use opens its own connection and closes it at once, the shared one is closed
    as soon as nobody uses it, and a background thread also closes it after `idle` seconds
    unused, so that any writer gets its turn. A batch being committed is waited for up to
    `wait` seconds, then StoreBusy.
    """

    def __init__(self, path: str | Path, *, wait: float = READ_WAIT_SECONDS, idle: float = 2.0) -> None:
        self.path = Path(path)
        self.wait = wait
        self.idle = idle
        self._lock = threading.Lock()
        self._shared: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._last_used = 0.0
        self._stop = threading.Event()
        self._reaper: threading.Thread | None = None

    def open(self) -> duckdb.DuckDBPyConnection:
        """A new read-only connection with the server settings (the caller closes it)."""
        return connect(self.path, read_only=True, wait=self.wait, config=SERVER_CONFIG)

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A read-only connection (or cursor) for one use."""
        if ingest_running(self.path):
            own = self.open()
            try:
                yield own
            finally:
                own.close()
            return
        cursor = self._acquire().cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            self._release()

    def close(self) -> None:
        """Close the shared connection and stop the background thread."""
        self._stop.set()
        with self._lock:
            self._close_shared()

    def _acquire(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            if self._shared is None:
                self._shared = self.open()
                self._start_reaper()
            self._users += 1
            return self._shared

    def _release(self) -> None:
        with self._lock:
            self._users -= 1
            self._last_used = time.monotonic()
            if self._users == 0 and ingest_running(self.path):
                self._close_shared()

    def _close_shared(self) -> None:
        if self._shared is not None:
            self._shared.close()
            self._shared = None

    def _start_reaper(self) -> None:
        if self._reaper is None:
            self._reaper = threading.Thread(target=self._reap, name="newsgraph-readers", daemon=True)
            self._reaper.start()

    def _reap(self) -> None:
        while not self._stop.wait(0.1):
            with self._lock:
                unused = self._shared is not None and self._users == 0
                if unused and (time.monotonic() - self._last_used > self.idle or ingest_running(self.path)):
                    self._close_shared()
