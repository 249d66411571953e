"""Benchmark: cost of quote extraction relative to the spaCy parse of the same texts, in one run.

usage: python tests/quotes/bench_quotes.py ARTICLES.jsonl   (one JSON object with a "text" field per line)
Prints the parse time, the quote-extraction time and their ratio (target: < 0.10).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(path: str) -> None:
    from newsgraph.nlp import load_pipeline
    from newsgraph.quotes.rules import extract_quotes
    from newsgraph.quotes.vocabulary import load_lexicon

    texts = [json.loads(line)["text"] for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_pipeline()
    lexicon = load_lexicon()
    with nlp.select_pipes(disable=["newsgraph_quotes", "newsgraph_events"]):
        start = time.perf_counter()
        docs = list(nlp.pipe(texts))
        parse = time.perf_counter() - start
    start = time.perf_counter()
    count = sum(len(list(extract_quotes(doc, lexicon=lexicon))) for doc in docs)
    quotes = time.perf_counter() - start
    print(f"{len(texts)} texts, {count} quotes: parse {parse:.2f} s, quotes {quotes:.2f} s, ratio {quotes / parse:.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
