"""The training command's choice of thresholds is stable: a near tie goes to the more conservative setting."""
from __future__ import annotations

from newsgraph.events.train import stable_choice


def test_a_lead_under_the_margin_keeps_the_first_candidate() -> None:
    candidates = [(0.860, "add 0.5"), (0.866, "add 0.4"), (0.855, "add 0.3")]
    assert stable_choice(candidates, margin=0.007) == (0.860, "add 0.5")


def test_a_lead_over_the_margin_wins() -> None:
    candidates = [(0.850, "add 0.5"), (0.858, "add 0.4"), (0.866, "add 0.3")]
    assert stable_choice(candidates, margin=0.007) == (0.866, "add 0.3")


def test_the_first_candidate_within_the_margin_of_the_best_is_chosen() -> None:
    candidates = [(0.850, "add 0.5"), (0.861, "add 0.4"), (0.866, "add 0.3")]
    assert stable_choice(candidates, margin=0.007) == (0.861, "add 0.4")


def test_without_margin_the_best_wins_and_ties_go_first() -> None:
    candidates = [(0.85, "a"), (0.86, "b"), (0.86, "c")]
    assert stable_choice(candidates, margin=0.0) == (0.86, "b")


def test_the_incumbent_stands_while_within_the_margin_of_the_best() -> None:
    candidates = [(0.885, "none"), (0.889, "0.4"), (0.892, "0.3")]
    assert stable_choice(candidates, margin=0.007, incumbent="0.4") == (0.889, "0.4")


def test_the_incumbent_gives_way_to_a_lead_over_the_margin() -> None:
    candidates = [(0.885, "none"), (0.880, "0.4"), (0.892, "0.3")]
    assert stable_choice(candidates, margin=0.007, incumbent="0.4") == (0.885, "none")


def test_an_incumbent_not_among_the_candidates_changes_nothing() -> None:
    candidates = [(0.850, "add 0.5"), (0.861, "add 0.4"), (0.866, "add 0.3")]
    assert stable_choice(candidates, margin=0.007, incumbent="add 0.2") == (0.861, "add 0.4")


def test_the_incumbent_thresholds_are_those_the_package_ships() -> None:
    """The training command's incumbent is the shipped model's choice: a retrain that moves a threshold says so
    here, and the new thresholds become the incumbent."""
    from newsgraph.events.learned import default_model
    from newsgraph.events.train import SHIPPED

    assert default_model().thresholds == SHIPPED
