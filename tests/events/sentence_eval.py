"""Per-type precision and recall of event coding on the project's own French test sentences.

Run as a script to print the report:  .venv/bin/python -m tests.events.sentence_eval [SENTENCES.tsv]
(default: tests/events/data/sentences.tsv; tests/events/data/heldout.tsv holds sentences no rule was written on).
"""
from __future__ import annotations

import logging
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsgraph.records import Actor, Event
from newsgraph.text import fold

SENTENCES = Path(__file__).resolve().parent / "data" / "sentences.tsv"
CODE = re.compile(r"^(?:[A-Z]{3})$")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Expected:
    """One expected event of a test sentence."""

    type: str
    source: str
    target: str
    mode: str


def read_cases(path: Path = SENTENCES) -> list[tuple[str, list[Expected]]]:
    """(sentence, expected events) pairs from the TSV file."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, _, spec = line.partition("\t")
        cases.append((text, [parse_expected(item) for item in spec.split("|") if item.strip()]))
    return cases


def parse_expected(item: str) -> Expected:
    """'ASSAULT RUS>UKR asserted' -> Expected."""
    type_, actors, mode = item.split()
    source, target = actors.split(">")
    return Expected(type_, source, target, mode)


def actor_matches(spec: str, actor: Actor | None) -> bool:
    """A '*' spec accepts anything; a code must equal the country; a word must be in the name."""
    if spec == "*":
        return True
    if actor is None:
        return False
    if CODE.match(spec):
        return actor.country == spec
    return fold(spec) in fold(actor.name or "")


def match_case(expected: list[Expected], predicted: list[Event]) -> list[tuple[Expected, Event | None]]:
    """Pair each expected event with an unused predicted event of the same type and actors."""
    used: set[int] = set()
    pairs = []
    for item in expected:
        found = None
        for index, event in enumerate(predicted):
            if index in used or event.type != item.type:
                continue
            if actor_matches(item.source, event.source) and actor_matches(item.target, event.target):
                found = index
                break
        if found is not None:
            used.add(found)
        pairs.append((item, predicted[found] if found is not None else None))
    return pairs


def score(nlp, path: Path = SENTENCES) -> dict[str, dict[str, float]]:
    """Per-type precision, recall and counts, plus overall figures and mode accuracy."""
    cases = read_cases(path)
    tp, fn, fp = Counter(), Counter(), Counter()
    modes_ok = modes_total = 0
    for (text, expected), doc in zip(cases, nlp.pipe(text for text, _ in cases)):
        predicted = list(doc._.newsgraph_events or ())
        pairs = match_case(expected, predicted)
        matched = {id(event) for _, event in pairs if event is not None}
        for item, event in pairs:
            if event is None:
                fn[item.type] += 1
                log.info("missed %s in %r", item, text)
            else:
                tp[item.type] += 1
                modes_total += 1
                modes_ok += event.mode == item.mode
        for event in predicted:
            if id(event) not in matched:
                fp[event.type] += 1
                log.info("extra %s %s->%s in %r", event.type, event.source, event.target, text)
    report = {t: figures(tp[t], fp[t], fn[t]) for t in sorted(set(tp) | set(fn) | set(fp))}
    report["ALL"] = figures(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    report["ALL"]["mode_accuracy"] = modes_ok / modes_total if modes_total else 0.0
    return report


def figures(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Precision, recall, F1 and the counts they come from."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"p": precision, "r": recall, "f": f1, "tp": tp, "fp": fp, "fn": fn}


def main(path: Path = SENTENCES) -> None:
    """Print the per-type table."""
    from newsgraph.nlp import load_pipeline

    report = score(load_pipeline(), path)
    print(f"{'type':10} {'P':>5} {'R':>5} {'F':>5}  tp fp fn")  # noqa: T201 (script output)
    for type_, row in report.items():
        print(f"{type_:10} {row['p']:5.2f} {row['r']:5.2f} {row['f']:5.2f}  {row['tp']:2} {row['fp']:2} {row['fn']:2}")  # noqa: T201
    print(f"mode accuracy {report['ALL']['mode_accuracy']:.2f}")  # noqa: T201


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SENTENCES)
