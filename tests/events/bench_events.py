"""Benchmark: cost of event coding as a ratio of the bare spaCy parse of the same texts.

Usage: .venv/bin/python -m tests.events.bench_events ARTICLES.jsonl
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsgraph.events.lexicon import default_lexicon
from newsgraph.events.rules import extract_events
from newsgraph.nlp import load_pipeline


def main(path: str) -> None:
    """Print parse time, event time and their ratio."""
    texts = [json.loads(line)["text"] for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_pipeline()
    lexicon = default_lexicon()
    with nlp.select_pipes(disable=["newsgraph_entities", "newsgraph_quotes", "newsgraph_events"]):
        start = time.perf_counter()
        docs = list(nlp.pipe(texts))
        parse = time.perf_counter() - start
    start = time.perf_counter()
    count = sum(len(list(extract_events(doc, lexicon=lexicon, entities=[]))) for doc in docs)
    events = time.perf_counter() - start
    print(f"{len(texts)} texts, {count} events: parse {parse:.2f}s, events {events:.2f}s, ratio {events / parse:.1%}")  # noqa: T201


if __name__ == "__main__":
    main(sys.argv[1])
