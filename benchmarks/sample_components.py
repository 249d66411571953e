#!/usr/bin/env python
"""Where one component's CPU time goes, by sampling its stack (no per-call cost, unlike cProfile).

usage: python benchmarks/sample_components.py [--gold DIR] [--warc PATH] [--limit 150] [--passes 4]
                                              [--component newsgraph_events] [--interval 0.0005] [--top 60]
                                              [--under FUNCTION ...]

The texts are those of `profile_components.py` (the dev gold articles and the first LIMIT WARC pages), parsed
once. Each pass reads the parsed documents again from `Doc.to_bytes` into the pipeline's vocabulary (fresh
documents, as `bench.py` meets them: no per-doc table built yet, the process's per-word caches warm) and runs the
components before COMPONENT, then COMPONENT under a CPU-time timer (`ITIMER_VIRTUAL`: the components' own limit uses
`ITIMER_PROF`) that records the Python stack every INTERVAL seconds of user time. Printed: each function's share
of the samples, inclusive (it is on the stack) and own (it is on top; C code counts for the Python function that
called it), and, for each --under FUNCTION (a part of the name as printed, 'sentence_candidates'), what it spends
its share in. cProfile's shares are skewed by its cost per call: under it a function making many small calls
looks several times dearer than it is.
"""
from __future__ import annotations

import argparse
import gc
import signal
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import FrameType

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.nlp import COMPONENTS, load_pipeline
from profile_components import DEFAULT_GOLD, DEFAULT_WARC, parse, reset, run_component, texts_and_dates

Stack = tuple[str, ...]  # the functions on the stack, innermost first


def frame_name(frame: FrameType) -> str:
    """'file.py:line(function)' of a frame's code, as pstats prints it."""
    code = frame.f_code
    return f"{code.co_filename.rsplit('/', 1)[-1]}:{code.co_firstlineno}({code.co_name})"


def stack_of(frame: FrameType | None) -> Stack:
    """The names of the frames from `frame` outwards."""
    names = []
    while frame is not None:
        names.append(frame_name(frame))
        frame = frame.f_back
    return tuple(names)


def shares(stacks: Sequence[Stack]) -> tuple[Counter[str], Counter[str]]:
    """(inclusive, own) sample counts of each function: inclusive counts a function once per sample it is on the
    stack of (recursion counted once), own the samples it is on top of."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    for stack in stacks:
        if stack:
            own[stack[0]] += 1
            inclusive.update(set(stack))
    return inclusive, own


def spent_under(stacks: Sequence[Stack], function: str) -> tuple[int, Counter[str]]:
    """(samples holding `function`, the callee of its outermost call in each: '<own>' when on top)."""
    below: Counter[str] = Counter()
    holding = 0
    for stack in stacks:
        places = [index for index, name in enumerate(stack) if function in name]
        if places:
            holding += 1
            outer = places[-1]
            below[stack[outer - 1] if outer else "<own>"] += 1
    return holding, below


def sample(nlp: Language, component: str, docs_bytes: Sequence[bytes], passes: int, interval: float) -> list[Stack]:
    """The stacks sampled while `component` runs on fresh documents, `passes` times (one unsampled pass first:
    the process's caches warm, as in a long run)."""
    before = COMPONENTS[:COMPONENTS.index(component)]
    pipe = nlp.get_pipe(component)
    stacks: list[Stack] = []
    active = False

    def record(signum: int, frame: FrameType | None) -> None:
        if active:
            stacks.append(stack_of(frame))

    def fresh() -> list[Doc]:
        docs = [Doc(nlp.vocab).from_bytes(data) for data in docs_bytes]
        reset(docs)
        for name in before:
            run_component(nlp, name, docs)
        return docs

    for doc in fresh():
        pipe(doc)
    previous = signal.signal(signal.SIGVTALRM, record)
    signal.setitimer(signal.ITIMER_VIRTUAL, interval, interval)
    try:
        for _ in range(passes):
            docs = fresh()
            gc.collect()
            active = True
            for doc in docs:
                pipe(doc)
            active = False
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0, 0)
        signal.signal(signal.SIGVTALRM, previous)
    return stacks


def report(stacks: Sequence[Stack], top: int, under: Sequence[str]) -> str:
    """The inclusive and own shares, then what each of `under` spends its share in."""
    total = max(len(stacks), 1)
    inclusive, own = shares(stacks)
    lines = [f"{len(stacks)} samples", "", "inclusive %:"]
    lines += [f"{100 * count / total:6.1f} {name}" for name, count in inclusive.most_common(top)]
    lines += ["", "own %:"] + [f"{100 * count / total:6.1f} {name}" for name, count in own.most_common(top)]
    for function in under:
        holding, below = spent_under(stacks, function)
        lines += ["", f"{function}: {100 * holding / total:.1f} %, in:"]
        lines += [f"{100 * count / total:6.1f} {name}" for name, count in below.most_common(top)]
    return "\n".join(lines)


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="Directory of gold articles.")
    parser.add_argument("--warc", type=Path, default=DEFAULT_WARC, help="WARC file of HTML pages.")
    parser.add_argument("--limit", type=int, default=150, help="WARC articles to add (default 150).")
    parser.add_argument("--passes", type=int, default=4, help="Sampled passes on fresh documents (default 4).")
    parser.add_argument("--component", default="newsgraph_events", choices=COMPONENTS)
    parser.add_argument("--interval", type=float, default=0.0005, help="Seconds of CPU between samples.")
    parser.add_argument("--top", type=int, default=60, help="Functions listed per table (default 60).")
    parser.add_argument("--under", nargs="*", default=[], help="Functions whose share to break down.")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    nlp = load_pipeline()
    docs = parse(nlp, texts_and_dates(args.gold, args.warc, args.limit))
    stacks = sample(nlp, args.component, [doc.to_bytes() for doc in docs], args.passes, args.interval)
    print(report(stacks, args.top, args.under))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
