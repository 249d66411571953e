"""How story events look in a knowledge base, and a sample of merged pairs to judge by reading them.

    python -m newsgraph.store.clustering_eval DB [--rebuild] [--sample 40] [--seed 0] [--judged FILE]

Prints (JSON) the number of event mentions and story events, the distribution of story sizes (mentions
and articles), and `--sample` random pairs of mentions that clustering put in one story while they come
from two different articles, with their sentences. There is no gold for story events: a reader judges
each pair (same real-world event or not) and writes `article_a<TAB>idx_a<TAB>article_b<TAB>idx_b<TAB>yes|no`
lines to a file; with `--judged FILE`, the precision of those judged pairs that are still merged is printed
as well. The sample depends only on the database and the seed. `--rebuild` first derives the actors and
story events of DB again with the installed code (`store.rebuild_derived`), without analyzing anything.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from .connection import connect
from .derived import rebuild_derived

SIZE_BUCKETS = (1, 2, 3, 5, 10)


def size_distribution(sizes: Sequence[int]) -> dict[str, int]:
    """Counts of sizes in buckets: '1', '2', '3-4', '5-9', '10+'."""
    found: Counter[str] = Counter()
    for size in sizes:
        for low, high in zip(SIZE_BUCKETS, (*SIZE_BUCKETS[1:], None)):
            if high is None or size < high:
                found[_bucket(low, high)] += 1
                break
    return {_bucket(low, high): found[_bucket(low, high)] for low, high in zip(SIZE_BUCKETS, (*SIZE_BUCKETS[1:], None))}


def _bucket(low: int, high: int | None) -> str:
    if high is None:
        return f"{low}+"
    return str(low) if high == low + 1 else f"{low}-{high - 1}"


def summary(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Mentions, stories, and how stories spread over mentions, articles and outlets."""
    stories = con.execute("SELECT mention_count, article_count, outlet_count FROM story_events").fetchall()
    mentions = con.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
    multi = [row for row in stories if row[1] > 1]
    return {
        "event_mentions": mentions, "story_events": len(stories),
        "stories_with_two_or_more_articles": len(multi),
        "mentions_in_those": sum(row[0] for row in multi),
        "stories_with_two_or_more_outlets": sum(1 for row in stories if row[2] > 1),
        "stories_by_mentions": size_distribution([row[0] for row in stories]),
        "stories_by_articles": size_distribution([row[1] for row in stories]),
        "largest_story_mentions": max((row[0] for row in stories), default=0),
    }


def merged_pairs(con: duckdb.DuckDBPyConnection) -> list[tuple[str, int, str, int, str]]:
    """Every pair of mentions of one story from two different articles: (article, idx, article, idx, story)."""
    found = con.execute(
        """SELECT x.article_id, x.idx, y.article_id, y.idx, x.story_id
           FROM story_mentions x JOIN story_mentions y ON x.story_id = y.story_id AND x.article_id < y.article_id
           ORDER BY x.story_id, x.article_id, x.idx, y.article_id, y.idx"""
    ).fetchall()
    return [tuple(row) for row in found]


def sample_pairs(con: duckdb.DuckDBPyConnection, *, size: int, seed: int) -> list[dict[str, Any]]:
    """`size` random merged pairs (at most one per story, so that big stories do not fill the sample)."""
    by_story: dict[str, list[tuple[str, int, str, int, str]]] = {}
    for pair in merged_pairs(con):
        by_story.setdefault(pair[4], []).append(pair)
    chooser = random.Random(seed)
    picked = [chooser.choice(pairs) for _, pairs in sorted(by_story.items())]
    chooser.shuffle(picked)
    return [_described(con, pair) for pair in sorted(picked[:size])]


def _described(con: duckdb.DuckDBPyConnection, pair: tuple[str, int, str, int, str]) -> dict[str, Any]:
    sides = []
    for article_id, idx in (pair[0:2], pair[2:4]):
        row = con.execute(
            """SELECT ev.type, ev.mode, ev.source_name, ev.target_name, ev.trigger, ev.event_date, ev.text
               FROM events ev WHERE ev.article_id = ? AND ev.idx = ?""",
            [article_id, idx],
        ).fetchone()
        assert row is not None
        sides.append({"article_id": article_id, "idx": idx, "type": row[0], "mode": row[1], "source": row[2],
                      "target": row[3], "trigger": row[4], "day": str(row[5]), "sentence": row[6]})
    return {"story": pair[4], "a": sides[0], "b": sides[1]}


def judged_precision(con: duckdb.DuckDBPyConnection, judged: Path) -> dict[str, Any]:
    """Precision of the judged pairs that are still merged in this database."""
    merged = {pair[:4] for pair in merged_pairs(con)}
    verdicts = []
    for number, line in enumerate(judged.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5 or fields[4] not in ("yes", "no") or not (fields[1].isdigit() and fields[3].isdigit()):
            raise ValueError(f"{judged}:{number}: expected article, idx, article, idx, yes|no separated by tabs")
        if (fields[0], int(fields[1]), fields[2], int(fields[3])) in merged:
            verdicts.append(fields[4] == "yes")
    return {"judged_pairs_still_merged": len(verdicts),
            "precision": round(sum(verdicts) / len(verdicts), 4) if verdicts else None}


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the summary, the sample and (with --judged) the precision as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, help="a newsgraph DuckDB knowledge base")
    parser.add_argument("--sample", type=int, default=40, help="merged pairs to print (default 40)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the sample (default 0)")
    parser.add_argument("--judged", type=Path, help="TSV of judged pairs: article, idx, article, idx, yes|no")
    parser.add_argument("--rebuild", action="store_true", help="derive actors and stories again first")
    args = parser.parse_args(argv)
    if args.rebuild:
        with connect(args.db) as con:
            con.begin()
            rebuild_derived(con)
            con.commit()
    with connect(args.db, read_only=True) as con:
        result: dict[str, Any] = {"summary": summary(con)}
        if args.judged:
            result["judged"] = judged_precision(con, args.judged)
        result["sample"] = sample_pairs(con, size=args.sample, seed=args.seed)
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1, default=str)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
