"""The linking evaluation: pair counting on hand-made items, and the gold run (skipped without ../shared)."""
from __future__ import annotations

from pathlib import Path

from newsgraph.store.linking_eval import (
    GoldPerson,
    evaluate,
    identity,
    pairwise,
    strip_titles,
    written_name,
)


def test_pairs_are_counted_across_articles_only() -> None:
    macron, brigitte = ("emanuel", "macron"), ("brigit", "macron")
    items = [("a", macron, "x"), ("b", macron, "x"), ("c", macron, "y"), ("c", brigitte, "y"), ("d", brigitte, "z")]
    # true pairs: a-b, a-c, b-c (Emmanuel), c-d (Brigitte); predicted: a-b (x), c-c is within one article
    assert pairwise(items) == (1, 1, 4)


def test_names_forms_and_identities() -> None:
    assert strip_titles("M. Macron") == "Macron" and strip_titles("Mme Anne Hidalgo") == "Anne Hidalgo"
    person = GoldPerson("a", "Emmanuel Macron", ("Emmanuel Macron", "M. Macron"), "président")
    assert written_name(person) == "Emmanuel Macron" and written_name(person, shortest=True) == "Macron"
    assert identity("Sergueï Choïgou") == identity("Sergei Shoigu") and identity("Macron") is None


def test_gold_dev_linking_beats_the_entity_id_baseline(shared: Path) -> None:
    figures = evaluate(shared / "data" / "gold" / "dev", shortest=True)
    linked, baseline = figures["linked"], figures["baseline_entity_id"]
    assert linked["precision"] >= 0.98  # type: ignore[index]
    assert linked["recall"] > baseline["recall"]  # type: ignore[index]
