"""The clustering report: size buckets, merged pairs, judged precision (on the hand-made two-outlet corpus)."""
from __future__ import annotations

from pathlib import Path

import pytest
from test_derived import db  # noqa: F401  (fixture)

from newsgraph.store import connect
from newsgraph.store.clustering_eval import (
    judged_precision,
    merged_pairs,
    sample_pairs,
    size_distribution,
    summary,
)


def test_size_buckets() -> None:
    assert size_distribution([1, 1, 2, 3, 4, 5, 9, 10, 40]) == {"1": 2, "2": 1, "3-4": 2, "5-9": 2, "10+": 2}


def test_summary_sample_and_judged_precision(db: Path, tmp_path: Path) -> None:  # noqa: F811
    judged = tmp_path / "judged.tsv"
    judged.write_text("# a judged pair\na\t0\tb\t0\tyes\na\t0\tc\t0\tno\n", encoding="utf-8")
    with connect(db, read_only=True) as con:
        found = summary(con)
        assert merged_pairs(con) == [("a", 0, "b", 0, merged_pairs(con)[0][4])]
        [pair] = sample_pairs(con, size=5, seed=1)
        assert judged_precision(con, judged) == {"judged_pairs_still_merged": 1, "precision": 1.0}
        judged.write_text("a\t0\tb\tzero\tyes\n", encoding="utf-8")
        with pytest.raises(ValueError, match="judged.tsv:1"):
            judged_precision(con, judged)
    assert (found["event_mentions"], found["story_events"], found["stories_with_two_or_more_outlets"]) == (3, 2, 1)
    assert pair["a"]["sentence"].startswith("Le président Emmanuel Macron") and pair["b"]["article_id"] == "b"
