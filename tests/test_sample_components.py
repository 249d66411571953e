"""benchmarks/sample_components.py's reading of sampled stacks: inclusive and own shares, what a function spends."""
from __future__ import annotations

from benchmark_support import load_benchmark

sampler = load_benchmark("sample_components")
STACKS = [
    ("leaf", "middle", "outer"),
    ("middle", "outer"),
    ("leaf", "middle", "middle", "outer"),  # recursion: counted once
    ("other", "outer"),
]


def test_inclusive_counts_a_function_once_per_sample_and_own_the_top():
    inclusive, own = sampler.shares(STACKS)
    assert inclusive == {"outer": 4, "middle": 3, "leaf": 2, "other": 1}
    assert own == {"leaf": 2, "middle": 1, "other": 1}


def test_spent_under_reads_the_callee_of_the_outermost_call():
    holding, below = sampler.spent_under(STACKS, "middle")
    assert holding == 3
    assert below == {"leaf": 1, "<own>": 1, "middle": 1}
    assert sampler.spent_under(STACKS, "outer") == (4, {"middle": 3, "other": 1})


def test_report_prints_percentages_of_all_samples():
    text = sampler.report(STACKS, top=2, under=["middle"])
    assert text.splitlines()[0] == "4 samples"
    assert " 100.0 outer" in text and "middle: 75.0 %, in:" in text
