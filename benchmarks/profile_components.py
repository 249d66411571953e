#!/usr/bin/env python
"""Profile newsgraph's entities and quotes components alone, on documents parsed once beforehand.

usage: python benchmarks/profile_components.py [--gold DIR] [--warc PATH] [--limit 150] [--repeat 3]
                                              [--top 30] [--component newsgraph_entities ...] [--no-profile]

The texts are the dev gold articles and the first LIMIT pages of the WARC (as `bench.py` reads them). They
are parsed once by the pipeline up to the model's last component (newsgraph's components left out); then each
component runs alone on every parsed document, in pipeline order, REPEAT times (its results cleared between
runs), and its best CPU time is printed: with REPEAT above 1 the components' per-word caches are warm after the
first run, which `bench.py` (one run) does not measure. Unless --no-profile, one more run of each component goes through
cProfile, and its TOP functions by cumulative and by own time are printed: where the time goes.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections.abc import Sequence
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyze import dated_doc, only_articles
from newsgraph.evaluate import gold_articles
from newsgraph.ingest import read_articles
from newsgraph.nlp import COMPONENTS, EXTENSIONS, load_pipeline

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "gold" / "dev"
DEFAULT_WARC = ROOT.parent / "shared" / "data" / "orangesum" / "sample-2000.warc.gz"
PROFILED = ("newsgraph_entities", "newsgraph_quotes")


def texts_and_dates(gold: Path, warc: Path, limit: int) -> list[tuple[str, str | None]]:
    """The dev articles and the first `limit` WARC articles, as (text, date)."""
    articles = list(gold_articles(gold)) if gold.is_dir() else []
    if warc.is_file():
        articles += islice(only_articles(read_articles([warc]), on_error=lambda error: None), limit)
    return [(article.text, article.date) for article in articles if article.text]


def parse(nlp: Language, items: Sequence[tuple[str, str | None]]) -> list[Doc]:
    """Documents parsed by the model's components and repairs, without newsgraph's components."""
    docs = [dated_doc(nlp, text, date) for text, date in items]
    with nlp.select_pipes(disable=list(COMPONENTS)):
        return list(nlp.pipe(docs))


def reset(docs: Sequence[Doc]) -> None:
    """Clear what the components stored, keeping the article date."""
    for doc in docs:
        for name in EXTENSIONS:
            if name != "newsgraph_date":
                setattr(doc._, name, None)


def run_component(nlp: Language, name: str, docs: Sequence[Doc]) -> float:
    """CPU seconds for component `name` over `docs`."""
    component = nlp.get_pipe(name)
    start = time.process_time()
    for doc in docs:
        component(doc)
    return time.process_time() - start


def run_all(nlp: Language, docs: Sequence[Doc], names: Sequence[str], repeat: int) -> dict[str, float]:
    """Best CPU seconds of each component over `repeat` runs of the components in pipeline order."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        reset(docs)
        for name in COMPONENTS:
            if name in names or COMPONENTS.index(name) < max(COMPONENTS.index(n) for n in names):
                seconds = run_component(nlp, name, docs)
                best[name] = min(seconds, best.get(name, seconds))
    return {name: best[name] for name in names}


def profile(nlp: Language, docs: Sequence[Doc], name: str, top: int) -> str:
    """cProfile statistics of one run of component `name`, after the components before it."""
    reset(docs)
    for before in COMPONENTS[: COMPONENTS.index(name)]:
        run_component(nlp, before, docs)
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    run_component(nlp, name, docs)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="Directory of gold articles.")
    parser.add_argument("--warc", type=Path, default=DEFAULT_WARC, help="WARC file of HTML pages.")
    parser.add_argument("--limit", type=int, default=150, help="WARC articles to add (default 150).")
    parser.add_argument("--repeat", type=int, default=1, help="Timed runs per component, best kept (default 1).")
    parser.add_argument("--top", type=int, default=30, help="Functions listed per profile (default 30).")
    parser.add_argument("--component", nargs="+", default=list(PROFILED), choices=COMPONENTS,
                        help="Components to time and profile (default: entities and quotes).")
    parser.add_argument("--no-profile", action="store_true", help="Only time the components.")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    """Parse once, then time and profile each component."""
    args = parse_args(argv)
    nlp = load_pipeline()
    items = texts_and_dates(args.gold, args.warc, args.limit)
    start = time.process_time()
    docs = parse(nlp, items)
    parse_seconds = time.process_time() - start
    print(f"{len(docs)} documents; parse {1000 * parse_seconds / len(docs):.1f} CPU ms/doc")
    for name, seconds in run_all(nlp, docs, args.component, args.repeat).items():
        print(f"{name}: {1000 * seconds / len(docs):.2f} CPU ms/doc, {100 * seconds / parse_seconds:.1f} % of the parse")
    if not args.no_profile:
        for name in args.component:
            print(f"\n== {name} ==\n{profile(nlp, docs, name, args.top)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
