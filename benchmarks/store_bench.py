"""Benchmark of the knowledge base: ingest rate relative to `analyze`, size, API latency.

Reads the first `--limit` articles of a crawl once (reading is the same for both and left
out), loads the pipeline once, then in the same run:
  1. times `newsgraph.analyze.analyze` over them (the baseline, before and after step 2-3),
  2. times `newsgraph.store.ingest` of the same articles into a new DuckDB file (same analyzer),
  3. times a second ingest of the same articles (all unchanged: the incremental path),
  4. measures the database size per 1,000 articles,
  5. measures the p50/p95 latency of the main API queries, in-process, over `--repeat` calls.

Usage: python benchmarks/store_bench.py ../shared/data/orangesum/sample-2000.warc.gz --limit 200
"""
from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

from newsgraph.analyze import analyze, default_pipeline
from newsgraph.ingest import read_articles
from newsgraph.records import Analysis, Article
from newsgraph.store import connect, ingest

log = logging.getLogger("store_bench")


def timed(run: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by `run` and what it returned."""
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


class TimedAnalyzer:
    """Wraps the analyzer and adds up the time spent inside it: the rest of an ingest is the store's."""

    def __init__(self, analyzer: Callable[[Iterable[Article]], Iterable[Analysis]]) -> None:
        self.analyzer = analyzer
        self.seconds = 0.0

    def __call__(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        stream = iter(self.analyzer(articles))
        while True:
            start = time.perf_counter()
            item = next(stream, None)
            self.seconds += time.perf_counter() - start
            if item is None:
                return
            yield item


def first_articles(path: str, limit: int) -> list[Article]:
    """The first `limit` readable articles of `path`."""
    return list(islice((item for item in read_articles([path]) if isinstance(item, Article)), limit))


def api_latency(db: Path, *, repeat: int) -> dict[str, dict[str, float]]:
    """p50 and p95 milliseconds of the main API queries over `repeat` calls each."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from newsgraph.api import create_app

    with TestClient(create_app(db)) as client:
        top = client.get("/api/entities", params={"limit": 1}).json()["items"]
        person = client.get("/api/entities", params={"type": "PER", "limit": 1}).json()["items"]
        article = client.get("/api/quotes", params={"limit": 1}).json()["items"] or [{}]
        any_article = article[0].get("article_id") or _any_article(db)
        name = person[0]["name"] if person else "macron"
        urls = {
            "quotes (latest 50)": "/api/quotes",
            f"quotes by speaker ({name})": f"/api/quotes?speaker={name}",
            "quotes by words": "/api/quotes?text=gouvernement",
            "events RUS,UKR": "/api/events?country_pair=RUS,UKR",
            "entities (top 50)": "/api/entities",
            "entities by name": "/api/entities?name=macron",
            "actor page data": f"/api/entities/{top[0]['id']}" if top else "/api/entities",
            "article": f"/api/articles/{any_article}",
            "graph": "/api/graph",
        }
        return {label: _percentiles(client, url, repeat=repeat) for label, url in urls.items()}


def _any_article(db: Path) -> str:
    with connect(db, read_only=True) as con:
        row = con.execute("SELECT id FROM articles ORDER BY id LIMIT 1").fetchone()
    return str(row[0]) if row else "none"


def _percentiles(client: Any, url: str, *, repeat: int) -> dict[str, float]:
    client.get(url)  # warm-up
    times = []
    for _ in range(repeat):
        elapsed, response = timed(partial(client.get, url))
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code} {response.text[:200]}")
        times.append(elapsed * 1000)
    times.sort()
    return {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2)}


def run(path: str, *, limit: int, repeat: int, batch_size: int, db: Path) -> dict[str, Any]:
    """Every figure of the benchmark, as one JSON-ready dict."""
    articles = first_articles(path, limit)
    nlp = default_pipeline()
    list(analyze(articles[:5], nlp=nlp))  # warm-up: lazy loads of the components
    before, _ = timed(lambda: sum(1 for _ in analyze(articles, nlp=nlp)))
    analyzer = TimedAnalyzer(partial(analyze, nlp=nlp))
    with connect(db) as con:
        ingest_seconds, report = timed(lambda: ingest(articles, con, analyzer=analyzer, batch_size=batch_size))
        again_seconds, again = timed(lambda: ingest(articles, con, analyzer=analyzer, batch_size=batch_size))
        # the baseline is timed before and after the ingest, to even out a machine that speeds up or slows down
        after, _ = timed(lambda: sum(1 for _ in analyze(articles, nlp=nlp)))
        analyze_seconds = (before + after) / 2
        con.execute("CHECKPOINT")
        counts = {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for table in ("articles", "entities", "mentions", "quotes", "events")}
    size = db.stat().st_size
    return {
        "input": path, "articles": len(articles), "stored": report.stored, "rows": counts,
        "analyze_seconds": round(analyze_seconds, 2), "analyze_seconds_before_after": [round(before, 2), round(after, 2)],
        "ingest_seconds": round(ingest_seconds, 2),
        "analyze_articles_per_second": round(len(articles) / analyze_seconds, 2),
        "ingest_articles_per_second": round(report.stored / ingest_seconds, 2),
        "ingest_rate_relative_to_analyze": round(analyze_seconds / ingest_seconds, 3),
        # time in the ingest not spent analyzing: hashing, look-ups, inserts, entity merging, commits
        "store_overhead_seconds": round(ingest_seconds - analyzer.seconds, 2),
        "store_overhead_share_of_ingest": round((ingest_seconds - analyzer.seconds) / ingest_seconds, 4),
        "reingest_unchanged_seconds": round(again_seconds, 3), "reingest_unchanged": again.unchanged,
        "db_bytes": size, "db_mib_per_1000_articles": round(size / 2**20 / max(report.stored, 1) * 1000, 2),
        "api_latency": api_latency(db, repeat=repeat),
    }


def main() -> None:
    """Command line of the benchmark."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", help="crawl to read (WARC, JSONL, folder...)")
    parser.add_argument("--limit", type=int, default=200, help="articles taken from the start of the crawl")
    parser.add_argument("--repeat", type=int, default=100, help="calls per API query")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--db", type=Path, default=None, help="keep the database here (default: a temporary file)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db or Path(scratch) / "bench.duckdb"
        if db.exists():
            raise SystemExit(f"{db} exists: the benchmark needs a new database")
        figures = run(args.path, limit=args.limit, repeat=args.repeat, batch_size=args.batch_size, db=db)
    json.dump(figures, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
