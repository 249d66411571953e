"""The `newsgraph` command line: thin wrappers that call library functions.

Exit codes: 0 when every input succeeded, 1 when some input failed (it is reported on
stderr and skipped), 2 for usage errors.
"""
from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from .defaults import DEFAULT_MODEL
from .records import Analysis

if TYPE_CHECKING:
    from .store import IngestReport

EXIT_PARTIAL = 1


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="Log progress to stderr.")
def cli(verbose: bool) -> None:
    """newsgraph: who said what and who did what to whom, read from French news."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")


@cli.command("analyze")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "output_format", type=click.Choice(["jsonl", "pretty"]), default=None,
              help="jsonl (default when stdout is not a terminal) or pretty.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write records to this file instead of stdout.")
@click.option("-w", "--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes running the pipeline; output order is kept.")
@click.option("--limit", type=click.IntRange(1), default=None,
              help="Read only the first N articles of the input (input errors met before them are still reported).")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline package to load.")
def analyze_cli(paths: tuple[str, ...], output_format: str | None, output: str | None, workers: int, limit: int | None,
                model: str) -> None:
    """Analyze articles: .txt, .html, .warc(.gz), .jsonl files, folders, or - for stdin.

    Example: newsgraph analyze examples/ --format pretty  (the first 10: --limit 10)
    """
    from .analyze import analyze, default_pipeline, only_articles
    from .ingest import InputError, read_articles

    failures: list[InputError] = []

    def report(error: InputError) -> None:
        failures.append(error)
        click.echo(f"newsgraph: skipped {error}", err=True)

    if output_format is None:
        output_format = "jsonl" if output or not sys.stdout.isatty() else "pretty"
    try:
        nlp = default_pipeline(model)
    except OSError as error:
        raise click.UsageError(f"cannot load spaCy pipeline {model!r}: {error}") from None
    articles = only_articles(first_articles(read_articles(paths), limit), on_error=report)
    records = analyze(articles, nlp=nlp, workers=workers, model=model)
    with _open_output(output) as stream:
        count = write_records(records, stream, output_format=output_format)
    click.echo(f"newsgraph: {count} article(s) analyzed, {len(failures)} input(s) failed", err=True)
    if failures:
        sys.exit(EXIT_PARTIAL)


def first_articles(items: Iterable[Any], limit: int | None) -> Iterator[Any]:
    """The items of `read_articles` up to and including the `limit`-th article (all of them without a limit)."""
    from .records import Article

    found = 0
    for item in items:
        yield item
        found += isinstance(item, Article)
        if limit is not None and found >= limit:
            return  # read nothing more of the input


def _open_output(output: str | None) -> AbstractContextManager[IO[str]]:
    if output is None:
        return nullcontext(sys.stdout)
    try:
        return open(output, "w", encoding="utf-8")
    except OSError as error:
        raise click.UsageError(f"cannot write {output}: {error.strerror}") from None


def write_records(records: Iterable[Analysis], stream: IO[str], *, output_format: str) -> int:
    """Write each record as it comes (JSON line or pretty summary); return how many."""
    count = 0
    for record in records:
        if output_format == "pretty":
            from .pretty import show_analysis

            show_analysis(record, stream)
        else:
            stream.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
            stream.flush()
        count += 1
    return count


@cli.command("eval")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write the system records (JSONL) to this file.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as one JSON object.")
@click.option("-w", "--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes running the pipeline.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline package to load.")
@click.option("--part", type=click.Choice(["all", "fit", "validate"]), default="all", show_default=True,
              help="Articles scored: all, the validate fifth (ids hashing there; never trained on or read "
                   "for rules), or the rest (fit).")
@click.option("--link-part", "link_dir", type=click.Path(file_okay=False), default=None,
              help="Also link the part's gold files into this new folder, for ../shared/eval/score.py.")
def eval_cli(
    gold_dir: str, output: str | None, as_json: bool, workers: int, model: str, part: str, link_dir: str | None
) -> None:
    """Analyze a gold folder (<id>.json + <id>.gold.json [+ <id>.events.json]) and score it.

    Prints the figures of the official scorer: quote P/R/F at 30 % and 80 % coverage, recall by
    quote type, type and speaker accuracy, people P/R/F, event P/R/F with and without actors,
    event mode accuracy.

    Example: newsgraph eval ../shared/data/gold/dev --output /tmp/dev.jsonl
    Held-out figures: newsgraph eval ../shared/data/gold/train --part validate -o val.jsonl --link-part val/
    (then `python3 ../shared/eval/score.py val/ val.jsonl` gives the same figures)
    """
    from .analyze import default_pipeline
    from .evaluate import evaluate, format_table, link_part

    if link_dir is not None:
        try:
            link_part(gold_dir, part, link_dir)
        except OSError as error:
            raise click.ClickException(f"--link-part {link_dir}: {error.strerror or error}") from None
    nlp = default_pipeline(model)
    if output is None:
        result = evaluate(gold_dir, nlp=nlp, workers=workers, part=part)
    else:
        with _open_output(output) as stream:
            result = evaluate(gold_dir, output=stream, nlp=nlp, workers=workers, part=part)
    click.echo(json.dumps(result) if as_json else format_table(result))


# ---------------------------------------------------------------- knowledge base (store, query, serve)


@cli.command("ingest")
@click.argument("paths", nargs=-1)
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB file (created if absent).")
@click.option("--from-parquet", "parquet_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="Load the Parquet output of `newsgraph spark-analyze` instead of analyzing PATHS.")
@click.option("-w", "--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Processes running the pipeline.")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=64, show_default=True,
              help="Articles per transaction: a crash loses at most one batch.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline package to load.")
@click.option("--limit", type=click.IntRange(1), default=None,
              help="Read only the first N articles of the input (input errors met before them are still reported).")
@click.option("--reanalyze", is_flag=True, help="Analyze and replace stored articles too (after an upgrade).")
@click.option("--wait", type=click.FloatRange(0), default=0, show_default=True,
              help="Seconds to wait for another ingest of the same database to finish before giving up.")
def ingest_cli(
    paths: tuple[str, ...], db: str, parquet_dir: str | None, workers: int, batch_size: int, model: str,
    limit: int | None, reanalyze: bool, wait: float,
) -> None:
    """Analyze articles into a DuckDB knowledge base; already stored articles are skipped.

    Run it again after a crash or Ctrl-C to resume; a changed article (same id) is replaced.
    The database is opened only while a batch is written, so `newsgraph serve` can read it
    meanwhile; a second ingest of the same database waits (--wait) or stops with a message.
    Example: newsgraph ingest crawl.warc.gz --db news.duckdb  (the first 200 articles: --limit 200)
    (or: newsgraph ingest --from-parquet spark-out/ --db news.duckdb)
    """
    from .ingest import read_articles
    from .store import GracefulStop, StoreError, ingest, pipeline_analyzer, skip_stored_files

    if parquet_dir is not None or not paths:
        if limit is not None:
            raise click.UsageError("--limit applies to PATHS to analyze, not to --from-parquet")
        _ingest_parquet(paths, db, parquet_dir)
        return
    try:
        with _ingest_progress() as update, GracefulStop() as stop:
            # an input file whose bytes are stored already is skipped whole, unless all is read again (--reanalyze)
            # or only its first articles are (--limit: a file cut short is never recorded)
            if limit is None:
                skip = skip_stored_files(db) if not reanalyze else (lambda mark: None)
                articles = read_articles(paths, skip_file=skip)
            else:
                articles = first_articles(read_articles(paths), limit)
            report = ingest(articles, db, analyzer=pipeline_analyzer(model=model, workers=workers),
                            batch_size=batch_size, on_batch=update, should_stop=stop, reanalyze=reanalyze, wait=wait)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"newsgraph: {report.stored} article(s) stored ({report.replaced} replaced), "
               f"{report.unchanged} unchanged, {report.failed} input(s) failed (see the failures table)", err=True)
    if report.files_unchanged:
        click.echo(f"newsgraph: {report.files_unchanged} input file(s) unchanged since stored, not read again "
                   f"({report.files_unchanged_articles} article(s))", err=True)
    if report.repeated:
        click.echo(f"newsgraph: {report.repeated} article(s) repeated the id of an earlier one; the last was kept",
                   err=True)
    if report.interrupted:
        click.echo("newsgraph: interrupted; run the same command again to resume", err=True)
        sys.exit(130)
    if report.failed:
        sys.exit(EXIT_PARTIAL)


def _ingest_parquet(paths: tuple[str, ...], db: str, parquet_dir: str | None) -> None:
    if parquet_dir is None or paths:
        raise click.UsageError("give either PATHS to analyze or --from-parquet DIR, not both (nor neither)")
    from .parquet import load_dataset
    from .store import StoreError, connect

    try:
        with connect(db) as con:
            report = load_dataset(con, parquet_dir)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"newsgraph: {report.articles} article(s) loaded from {parquet_dir} ({report.replaced} replaced), "
               f"{report.failures} failure(s)", err=True)


@contextmanager
def _ingest_progress() -> Iterator[Callable[[IngestReport], None]]:
    """A rich progress line on stderr: articles done, rate, unchanged, failures."""
    import time

    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    start = time.monotonic()
    columns = (
        SpinnerColumn(), TextColumn("{task.completed} articles"), TextColumn("{task.fields[rate]:.2f} stored/s"),
        TextColumn("{task.fields[unchanged]} unchanged"), TextColumn("[red]{task.fields[failed]} failed"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=Console(stderr=True)) as progress:
        task = progress.add_task("ingest", total=None, rate=0.0, unchanged=0, failed=0)

        def update(report: IngestReport) -> None:
            rate = report.stored / max(time.monotonic() - start, 1e-9)
            progress.update(task, completed=report.done, rate=rate, unchanged=report.unchanged, failed=report.failed)

        yield update


@cli.command("export")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="DuckDB file made by `newsgraph ingest`.")
@click.option("--format", "export_format", type=click.Choice(["parquet", "csv", "jsonl"]), default="parquet",
              show_default=True)
@click.argument("directory", type=click.Path(file_okay=False))
def export_cli(db: str, export_format: str, directory: str) -> None:
    """Write one file per table of the knowledge base into DIRECTORY.

    Example: newsgraph export --db news.duckdb --format parquet out/
    """
    from .store import READ_WAIT_SECONDS, StoreError, connect, export

    try:
        with connect(db, read_only=True, wait=READ_WAIT_SECONDS) as con:
            written = export(con, directory, fmt=export_format)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    for path in written:
        click.echo(str(path))


@cli.group("query")
def query_group() -> None:
    """Search the knowledge base: quotes, events, entities, one article."""


def _query_options(function: Callable[..., None]) -> Callable[..., None]:
    options = [
        click.option("--db", required=True, type=click.Path(dir_okay=False, exists=True), help="DuckDB file."),
        click.option("--format", "output_format", type=click.Choice(["table", "json", "csv"]), default="table",
                     show_default=True),
        click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True),
        click.option("--offset", type=click.IntRange(0), default=0, show_default=True),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _run_query(db: str, output_format: str, columns: tuple[str, ...], function: Callable[..., Any], **filters: Any) -> None:
    from .query import NotFound, QueryError
    from .store import READ_WAIT_SECONDS, StoreError, connect

    try:
        with connect(db, read_only=True, wait=READ_WAIT_SECONDS) as con:
            result = function(con, **filters)
    except (StoreError, QueryError, NotFound) as error:
        raise click.ClickException(str(error)) from None
    _show(result, output_format, columns)


def _show(result: list[dict[str, Any]] | dict[str, Any], output_format: str, columns: tuple[str, ...]) -> None:
    stream = sys.stdout
    if output_format == "json":
        stream.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    # one article: its lists are shown as counts
    rows = result if isinstance(result, list) else [{k: len(v) if isinstance(v, list) else v for k, v in result.items()}]
    if output_format == "csv":
        import csv

        writer = csv.DictWriter(stream, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        return
    from .pretty import show_rows

    show_rows(rows, columns, stream, footnotes=("article_id", "first_article_id"))


@query_group.command("quotes")
@_query_options
@click.option("--speaker", help="Speaker in any spelling (accents and case ignored).")
@click.option("--text", help="Words that must all occur in the quote.")
@click.option("--since", help="First publication day, YYYY-MM-DD.")
@click.option("--until", help="Last publication day, YYYY-MM-DD.")
@click.option("--outlet", help="Host name of the article's URL, e.g. lemonde.fr.")
def query_quotes_cli(db: str, output_format: str, **filters: Any) -> None:
    """Quotes, newest first. Example: newsgraph query quotes --db news.duckdb --speaker poutine"""
    from .query import search_quotes

    columns = ("published", "speaker_name", "text", "outlet", "article_id")
    _run_query(db, output_format, columns, search_quotes, **filters)


@query_group.command("events")
@_query_options
@click.option("--source", help="Source actor: name in any spelling, entity or country code.")
@click.option("--target", help="Target actor: name in any spelling, entity or country code.")
@click.option("--type", "event_type", help="PLOVER event type, e.g. CONSULT.")
@click.option("--mode", help="asserted, negated, denied, hypothetical or future.")
@click.option("--country-pair", "countries", help="Two ISO alpha-3 codes, either direction: RUS,PRK.")
@click.option("--since", help="First event day, YYYY-MM-DD.")
@click.option("--until", help="Last event day, YYYY-MM-DD.")
@click.option("--stories", is_flag=True, help="One row per story event (mentions across articles merged).")
def query_events_cli(db: str, output_format: str, event_type: str | None, stories: bool, **filters: Any) -> None:
    """Events, newest first. Example: newsgraph query events --db news.duckdb --country-pair RUS,PRK --stories"""
    from .query import search_events, search_stories

    if stories:
        story_columns = ("first_day", "type", "source_name", "target_name", "mention_count", "article_count",
                         "outlet_count", "first_article_id")
        _run_query(db, output_format, story_columns, search_stories, type=event_type, **filters)
        return

    columns = ("event_date", "type", "mode", "source_name", "target_name", "trigger", "reported_by", "article_id")
    _run_query(db, output_format, columns, search_events, type=event_type, **filters)


@query_group.command("entities")
@_query_options
@click.option("--name", help="Name in any spelling (accents and case ignored).")
@click.option("--type", "entity_type", help="PER, ORG, GPE, LOC, MEDIA or MISC.")
def query_entities_cli(db: str, output_format: str, entity_type: str | None, **filters: Any) -> None:
    """Actors, most cited first. Example: newsgraph query entities --db news.duckdb --name choigou"""
    from .query import search_entities

    columns = ("id", "name", "type", "country", "article_count", "mention_count")
    _run_query(db, output_format, columns, search_entities, type=entity_type, **filters)


@query_group.command("article")
@click.argument("article_id")
@click.option("--db", required=True, type=click.Path(dir_okay=False, exists=True), help="DuckDB file.")
@click.option("--format", "output_format", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
def query_article_cli(article_id: str, db: str, output_format: str) -> None:
    """One article with its entities, quotes and events. Example: newsgraph query article ID --db news.duckdb"""
    from .query import get_article

    columns = ("id", "title", "published", "outlet", "entities", "quotes", "events")
    _run_query(db, output_format, columns, get_article, article_id=article_id)


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@cli.command("serve")
@click.option("--db", type=click.Path(dir_okay=False, exists=True), help="DuckDB file.")
@click.option("--parquet", "parquet_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="Serve the Parquet output of `newsgraph spark-analyze` (loaded into a temporary database) instead of --db.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; only this machine can connect to the default.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
def serve_cli(db: str | None, parquet_dir: str | None, host: str, port: int) -> None:
    """Serve the JSON API (/api/..., schema at /openapi.json) and the web explorer, read-only.

    An ingest may run meanwhile: requests wait for its batch commits (503 if one takes too long).
    Example: newsgraph serve --db news.duckdb --port 8000  (or: newsgraph serve --parquet spark-out/)
    """
    if (db is None) == (parquet_dir is None):
        raise click.UsageError("give one of --db FILE or --parquet DIR")
    database = _parquet_views(parquet_dir) if parquet_dir is not None else str(db)
    try:
        import uvicorn

        from .api import create_app
    except ImportError as error:
        raise click.ClickException(f"{error.name} is missing: pip install 'newsgraph[web]'") from None
    from .store import StoreError

    loopback = host in LOOPBACK_HOSTS
    if not loopback:
        click.echo(f"newsgraph: listening on {host}: every machine that can reach it can read the database", err=True)
    try:
        # on loopback, answer only requests addressed to this machine (no DNS rebinding from a web page)
        app = create_app(database, allowed_hosts=list(LOOPBACK_HOSTS) if loopback else None)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    uvicorn.run(app, host=host, port=port, log_level="info")


def _parquet_views(parquet_dir: str) -> str:
    """A temporary database loaded from a Parquet dataset, removed at exit.

    The server's connections may not read files (sandboxed), so the dataset is copied in
    rather than served through views over its files.
    """
    import atexit
    import shutil
    import tempfile

    from .parquet import load_dataset
    from .store import StoreError, connect

    folder = tempfile.mkdtemp(prefix="newsgraph-parquet-")
    atexit.register(shutil.rmtree, folder, True)
    target = Path(folder) / "dataset.duckdb"
    try:
        with connect(target) as con:
            load_dataset(con, parquet_dir)
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    return str(target)


def main() -> None:
    """Entry point of the `newsgraph` console script."""
    cli(prog_name="newsgraph")


@cli.command("spark-analyze")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True, help="Directory (any Spark filesystem) for one Parquet dataset per table.")
@click.option("--master", default=None, help="Spark master, e.g. local[2], yarn, spark://host:7077 (default: Spark's).")
@click.option("--partitions", type=click.IntRange(1), default=None,
              help="Analysis tasks (default: twice Spark's default parallelism).")
@click.option("--conf", "confs", multiple=True, metavar="KEY=VALUE", help="A Spark setting; repeatable.")
@click.option("--overwrite", is_flag=True, help="Replace the tables already in --output.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline package to load.")
def spark_analyze_cli(inputs: tuple[str, ...], output: str, master: str | None, partitions: int | None,
                      confs: tuple[str, ...], overwrite: bool, model: str) -> None:
    """Analyze WARC, HTML, JSONL or text files (paths, folders, globs; local, HDFS, S3...) on Spark.

    Writes OUTPUT/articles/, entities/, mentions/, quotes/, events/, article_entities/ and
    failures/: Parquet with the columns of `newsgraph export --format parquet`, article tables
    partitioned by publication month. Needs `pip install 'newsgraph[spark]'` and Java.
    Example: newsgraph spark-analyze 'crawl/*.warc.gz' --output out/ --master local[2]
    """
    try:
        from .spark import SparkAnalyzeError, spark_analyze, spark_session
    except ImportError as error:
        raise click.ClickException(f"{error.name} is missing: pip install 'newsgraph[spark]'") from None
    settings = [tuple(conf.split("=", 1)) for conf in confs]
    if any(len(setting) != 2 for setting in settings):
        raise click.UsageError("--conf takes KEY=VALUE")
    spark = spark_session(master=master, conf=settings)  # type: ignore[arg-type]
    try:
        report = spark_analyze(inputs, output, spark=spark, partitions=partitions, model=model, overwrite=overwrite)
    except SparkAnalyzeError as error:
        raise click.ClickException(str(error)) from None
    finally:
        spark.stop()
    click.echo(f"newsgraph: {report.articles} article(s) analyzed, {report.failures} failure(s); "
               f"tables in {report.output}", err=True)
    if report.failures:
        sys.exit(EXIT_PARTIAL)


if __name__ == "__main__":
    main()
