"""Event figures per PLOVER type on a gold folder: `python -m newsgraph.evaluate_types GOLD_DIR [--part validate]`.

The scorer's own event matching (`evaluate.match_events`) pairs only events of one type, so the counts of
each type add up to the folder's figures of `newsgraph eval`.
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .evaluate import PARTS, Counts, _count_events, _read_json, figures, gold_articles, in_part, normalize


def type_counts(gold_dir: str | Path, system: Mapping[str, Mapping[str, Any]], *, part: str = "all") -> dict[str, Counts]:
    """Running event totals per gold or predicted type over the articles of `gold_dir` with events gold."""
    counts: dict[str, Counts] = {}
    for events_path in sorted(Path(gold_dir).glob("*.events.json")):
        gold = _read_json(events_path)
        if not in_part(str(gold["id"]), part):
            continue
        article = normalize(_read_json(events_path.with_name(f"{gold['id']}.json"))["text"])
        predicted = list((system.get(str(gold["id"])) or {}).get("events") or [])
        events = gold.get("events", [])
        for kind in sorted({e.get("type") for e in events} | {e.get("type") for e in predicted} - {None}):
            of_kind = [e for e in events if e.get("type") == kind]
            _count_events(counts.setdefault(kind, Counts()), of_kind,
                          {"events": [e for e in predicted if e.get("type") == kind]}, article)
    return counts


def type_table(counts: Mapping[str, Counts]) -> str:
    """Per-type P, R, F1 (type + sentence, and with actors) as a Markdown table."""
    lines = ["| type | gold | predicted | P | R | F1 | F1 with actors |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for kind in sorted(counts, key=lambda k: -counts[k].gold_events):
        result = figures(counts[kind])
        lines.append(f"| {kind} | {result['gold_events']} | {result['pred_events']} | {result['event_p']:.3f} | "
                     f"{result['event_r']:.3f} | {result['event_f']:.3f} | {result['event_actor_f']:.3f} |")
    return "\n".join(lines)


def analyzed(gold_dir: str | Path, *, part: str) -> dict[str, dict[str, Any]]:
    """The analysis records of the gold articles of `part`, by id."""
    from .analyze import analyze

    return {record.id: record.to_dict() for record in analyze(gold_articles(gold_dir, part=part))}


def read_records(path: str | Path) -> dict[str, dict[str, Any]]:
    """Records of a JSONL file (`newsgraph eval --output`), by id."""
    lines: Iterable[str] = Path(path).read_text(encoding="utf-8").splitlines()
    return {str(item["id"]): item for item in (json.loads(line) for line in lines if line.strip())}


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: print the per-type table."""
    parser = argparse.ArgumentParser(prog="python -m newsgraph.evaluate_types", description=__doc__.split("\n")[0])
    parser.add_argument("gold", help="gold folder (../shared/data/gold/train)")
    parser.add_argument("--part", choices=PARTS, default="all", help="which articles (as newsgraph eval --part)")
    parser.add_argument("--records", help="score these JSONL records instead of analyzing the articles")
    args = parser.parse_args(argv)
    if not Path(args.gold).is_dir():
        parser.error(f"gold folder not found: {args.gold}")
    system = read_records(args.records) if args.records else analyzed(args.gold, part=args.part)
    print(type_table(type_counts(args.gold, system, part=args.part)))


if __name__ == "__main__":
    main()
