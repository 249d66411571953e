"""benchmarks/bench.py's per-stage breakdown: chunks of whole batches, every stage over every text, medians."""
from __future__ import annotations

import spacy
from spacy.language import Language

from benchmark_support import load_benchmark

bench = load_benchmark("bench")
SEEN: dict[str, list[str]] = {"counted": [], "piped": []}


@Language.component("bench_test_counted")
def counted(doc):
    SEEN["counted"].append(doc.text)
    return doc


class Piped:
    """A component with `pipe`, recording the batch sizes it is given."""

    def __init__(self):
        self.batch_sizes = []

    def __call__(self, doc):
        return doc

    def pipe(self, docs, *, batch_size):
        self.batch_sizes.append(batch_size)
        for doc in docs:
            SEEN["piped"].append(doc.text)
            yield doc


@Language.factory("bench_test_piped")
def make_piped(nlp, name):
    return Piped()


def test_chunks_are_whole_batches_in_order_and_about_ten():
    texts = [f"texte {number}" for number in range(150)]
    chunks = bench.chunks_of(texts, batch_size=8)
    assert [text for chunk in chunks for text in chunk] == texts
    assert all(len(chunk) % 8 == 0 for chunk in chunks[:-1])
    assert len(chunks) == 10


def test_chunks_of_few_texts():
    assert bench.chunks_of(["un", "deux", "trois"], batch_size=8) == [["un", "deux", "trois"]]
    assert bench.chunks_of([], batch_size=8) == []


def test_every_stage_runs_over_every_text_once_in_order():
    SEEN["counted"].clear()
    SEEN["piped"].clear()
    nlp = spacy.blank("fr")
    nlp.add_pipe("bench_test_counted")
    nlp.add_pipe("bench_test_piped")
    texts = [f"Le texte numéro {number}." for number in range(37)]
    stages = bench.pipeline_stages(nlp, texts, batch_size=4)
    assert [name for name, _ in stages] == ["tokenizer", "bench_test_counted", "bench_test_piped"]
    assert all(seconds >= 0 for _, seconds in stages)
    assert SEEN["counted"] == texts
    assert SEEN["piped"] == texts
    assert set(nlp.get_pipe("bench_test_piped").batch_sizes) == {4}


def test_each_stage_takes_its_median_over_runs():
    runs = [[("tokenizer", 1.0), ("parser", 9.0)], [("tokenizer", 3.0), ("parser", 5.0)],
            [("tokenizer", 2.0), ("parser", 7.0)]]
    assert bench.median_stages(runs) == [("tokenizer", 2.0), ("parser", 7.0)]
    # as the child process hands them back, through JSON: lists, not tuples
    assert bench.median_stages([[["events", 1.0]], [["events", 2.0]]]) == [("events", 1.5)]
