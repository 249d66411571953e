"""Ingest: analyze new or changed articles and store them one batch per transaction."""
from __future__ import annotations

import logging
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from types import FrameType
from typing import Any

import duckdb

from ..defaults import DEFAULT_MODEL
from ..ingest import FileEnd, InputError
from ..records import Analysis, Article
from .connection import connect, ingest_lock
from .rows import Stored, content_hash
from .writing import stored_files, stored_hashes, write_batch

# the package's logger: messages keep the name `newsgraph.store` they had before the split
log = logging.getLogger(__package__)

WRITE_WAIT_SECONDS = 60.0  # an ingest batch waits this long for readers to let go of the file


@dataclass
class IngestReport:
    """What an ingest did, updated as it goes (the progress bar reads it)."""

    stored: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    batches: int = 0
    interrupted: bool = False
    repeated: int = 0  # articles whose id an earlier article of this run had (the last one is kept)
    files_unchanged: int = 0  # input files skipped whole: same bytes as a file already stored
    files_unchanged_articles: int = 0  # their articles (also counted in `unchanged`)
    files_recorded: int = 0  # input files read in full and recorded as stored
    _seen: set[int] = field(default_factory=set, repr=False)  # hashes of the ids stored in this run

    @property
    def done(self) -> int:
        """Articles handled so far: stored, or skipped as already stored."""
        return self.stored + self.unchanged


Analyzer = Callable[[Iterable[Article]], Iterable[Analysis]]
# gives the connection one batch is written with (or its stored hashes read), for one `with`
Opener = Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]]


@dataclass
class _Progress:
    # where the stream of articles stands, so that a file is recorded only once all its articles are stored:
    # each article read gets the next index; `screened` articles went through the content-hash check
    # (unchanged ones are done there); fresh ones wait in `pending` until their batch commits
    read: int = 0
    screened: int = 0
    files: deque[tuple[int, FileEnd]] = field(default_factory=deque)  # (articles read before its end, file)

    def done_files(self, pending: deque[tuple[Article, str, int]]) -> list[FileEnd]:
        """The files whose articles are all stored or unchanged once the batch being committed is."""
        done_before = pending[0][2] if pending else self.screened
        ready: list[FileEnd] = []
        while self.files and self.files[0][0] <= done_before:
            ready.append(self.files.popleft()[1])
        return ready


def skip_stored_files(
    db: duckdb.DuckDBPyConnection | str | Path, *, analyzer_version: str | None = None
) -> Callable[[FileEnd], FileEnd | None]:
    """A `skip_file` for `read_articles`: the stored `FileEnd` of a file with the same path, id, size and SHA-256,
    read by the same newsgraph version (`analyzer_version`, as given to `ingest`).

    The table is read once, on the first file (within the ingest, so under its lock).
    """
    version = analyzer_version or _newsgraph_version()
    known: dict[tuple[str, str], FileEnd] | None = None

    def skip(mark: FileEnd) -> FileEnd | None:
        nonlocal known
        if known is None:
            opened = nullcontext(db) if isinstance(db, duckdb.DuckDBPyConnection) else _batch_connection(
                Path(db), wait=WRITE_WAIT_SECONDS)
            with opened as con:
                known = stored_files(con, analyzer=version)
        stored = known.get((mark.path, mark.file_id))
        if stored is None or (stored.size, stored.sha256) != (mark.size, mark.sha256):
            return None
        return stored

    return skip


def batch_opener(path: str | Path, *, wait: float = WRITE_WAIT_SECONDS) -> Opener:
    """Open `path` for writing for one batch and close it after: the file is free between batches."""
    return partial(_batch_connection, Path(path), wait=wait)


@contextmanager
def _batch_connection(path: Path, *, wait: float) -> Iterator[duckdb.DuckDBPyConnection]:
    con = connect(path, wait=wait)
    try:
        yield con
    finally:
        con.close()


def ingest(
    items: Iterable[Article | InputError | FileEnd],
    db: duckdb.DuckDBPyConnection | str | Path,
    *,
    analyzer: Analyzer,
    batch_size: int = 64,
    on_batch: Callable[[IngestReport], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    analyzer_version: str | None = None,
    reanalyze: bool = False,
    wait: float = 0.0,
    write_wait: float = WRITE_WAIT_SECONDS,
) -> IngestReport:
    """Analyze and store new or changed articles (all if `reanalyze`), one transaction per batch.

    A `FileEnd` among `items` (see `read_articles(skip_file=...)`) is recorded in the table `ingested_files`
    with the batch that stores the last of its file's articles; a skipped one counts its articles as unchanged.

    `db` is an open connection (kept open throughout) or a path: then the ingest lock is held
    (another ingest of it: wait up to `wait` seconds, then StoreBusy) and the database is
    opened per batch (readers holding it: wait up to `write_wait` seconds, then StoreBusy).
    """
    options: dict[str, Any] = {
        "analyzer": analyzer, "batch_size": batch_size, "on_batch": on_batch, "should_stop": should_stop,
        "version": analyzer_version or _newsgraph_version(), "reanalyze": reanalyze,
    }
    if isinstance(db, duckdb.DuckDBPyConnection):
        connection = db
        return _ingest(items, lambda: nullcontext(connection), **options)
    with ingest_lock(db, wait=wait):
        connect(db, wait=write_wait).close()  # create or migrate it before analyzing anything
        return _ingest(items, batch_opener(db, wait=write_wait), **options)


def _ingest(
    items: Iterable[Article | InputError | FileEnd],
    opener: Opener,
    *,
    analyzer: Analyzer,
    batch_size: int,
    on_batch: Callable[[IngestReport], None] | None,
    should_stop: Callable[[], bool] | None,
    version: str,
    reanalyze: bool,
) -> IngestReport:
    report = IngestReport()
    failures: list[InputError] = []
    pending: deque[tuple[Article, str, int]] = deque()
    progress = _Progress()
    fresh = _fresh_articles(items, opener if not reanalyze else None, report=report, failures=failures,
                            pending=pending, chunk=batch_size, progress=progress)
    batch: list[Stored] = []
    for analysis in analyzer(fresh):
        article, digest, _ = pending.popleft()
        if analysis.id != article.id:
            raise RuntimeError(f"analysis of {analysis.id!r} came back in place of {article.id!r}")
        batch.append(Stored(analysis, article.source, digest))
        if len(batch) >= batch_size:
            _commit(opener, batch, failures, report, version=version, files=progress.done_files(pending))
            batch = []
            if on_batch:
                on_batch(report)
            if should_stop and should_stop():
                report.interrupted = True
                return report
    _commit(opener, batch, failures, report, version=version, files=progress.done_files(pending))
    if on_batch:
        on_batch(report)
    return report


def _commit(
    opener: Opener, batch: list[Stored], failures: list[InputError], report: IngestReport, *, version: str,
    files: list[FileEnd],
) -> None:
    if not batch and not failures and not files:
        return
    with opener() as con:
        known = stored_hashes(con, [item.analysis.id for item in batch])
        write_batch(con, batch, failures, analyzer=version, files=files)
    report.files_recorded += len(files)
    hashes = [hash(item.analysis.id) for item in batch]
    new = {key: article_id for key, article_id in zip(hashes, (item.analysis.id for item in batch))
           if key not in report._seen}
    report.repeated += len(batch) - len(new)
    report.stored += len(new)
    report.replaced += sum(1 for article_id in new.values() if article_id in known)
    report._seen.update(new)
    report.failed += len(failures)
    report.batches += 1
    failures.clear()


def _fresh_articles(
    items: Iterable[Article | InputError | FileEnd],
    opener: Opener | None,
    *,
    report: IngestReport,
    failures: list[InputError],
    pending: deque[tuple[Article, str, int]],
    chunk: int,
    progress: _Progress,
) -> Iterator[Article]:
    # Articles whose content is not stored yet (all of them without `opener`); input errors wait for the next
    # commit; the end of a file read waits for its last article's commit (`_Progress`).
    buffer: list[Article] = []
    for item in items:
        if isinstance(item, InputError):
            failures.append(item)
            continue
        if isinstance(item, FileEnd):
            if item.skipped:
                report.unchanged += item.articles
                report.failed += item.failures  # still in the failures table
                report.files_unchanged += 1
                report.files_unchanged_articles += item.articles
            else:
                progress.files.append((progress.read, item))
            continue
        buffer.append(item)
        progress.read += 1
        if len(buffer) >= chunk:
            yield from _unseen(buffer, opener, report=report, pending=pending, progress=progress)
            buffer = []
    yield from _unseen(buffer, opener, report=report, pending=pending, progress=progress)


def _unseen(
    articles: list[Article], opener: Opener | None, *, report: IngestReport,
    pending: deque[tuple[Article, str, int]], progress: _Progress,
) -> Iterator[Article]:
    known: dict[str, str] = {}
    if opener is not None and articles:
        with opener() as con:
            known = stored_hashes(con, list({article.id for article in articles}))
    for article in articles:
        index = progress.screened
        progress.screened += 1
        digest = content_hash(article)
        if known.get(article.id) == digest:
            report.unchanged += 1
            continue
        pending.append((article, digest, index))
        yield article


def _newsgraph_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsgraph")
    except PackageNotFoundError:
        return "unknown"


class GracefulStop:
    """While active, a first Ctrl-C asks for a stop after the current batch; a second one aborts."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: Any = None

    def __call__(self) -> bool:
        return self.requested

    def __enter__(self) -> GracefulStop:
        self._previous = signal.signal(signal.SIGINT, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        signal.signal(signal.SIGINT, self._previous)

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True
        log.warning("interrupted: stopping after the current batch (Ctrl-C again to abort it)")


def pipeline_analyzer(*, model: str = DEFAULT_MODEL, workers: int = 1) -> Analyzer:
    """The real analysis (`newsgraph.analyze.analyze`), loading the pipeline only if an article comes."""
    return partial(_analyze_lazily, model=model, workers=workers)


def _analyze_lazily(articles: Iterable[Article], *, model: str, workers: int) -> Iterator[Analysis]:
    from itertools import chain

    stream = iter(articles)
    first = next(stream, None)
    if first is None:
        return
    # imported only now: importing the analysis imports spaCy and its French data (seconds), which
    # an ingest with nothing new must not wait for
    from ..analyze import analyze, default_pipeline

    yield from analyze(chain([first], stream), nlp=default_pipeline(model), workers=workers)
