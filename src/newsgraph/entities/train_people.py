"""Train the people model: `python -m newsgraph.entities.train_people ../shared/data/gold`.

Reads the `fit` part of the gold (every dev article, the train articles outside the validate part), groups each
article's person mentions as the rules do (`rules.person_groups`, every group, kept or dropped) and labels a group
right when its name has the words of a gold person's name (what the scorer counts). A logistic regression
(scikit-learn, the `train` extra, fixed seed) learns from `decide.person_features`; cross-validation by article
picks the regularization and the two thresholds at which the model overrides the rules (`drop_below`,
`keep_above`), and the command writes the weights trained on the whole fit part into the package
(`entities/model/people.json`). The model overrides nothing unless, held out, it gets at least `MIN_GAIN` more
people right (hits minus false people) than the rules.
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..evaluate import name_tokens, people_hits
from ..linear import fit_weights
from ..nlp import register_extensions
from ..quotes.corpus import fit_articles, parsed, training_arguments
from .decide import MODEL_FILE, PeopleModel, person_features
from .lexicon import load_lexicon
from .rules import pair_names, person_groups
from .spans import find_candidates

log = logging.getLogger(__name__)

FOLDS = 5
SEED = 0
REGULARIZATION = 1.0  # default inverse strength; the command picks among REGULARIZATIONS by cross-validation
REGULARIZATIONS = (0.3, 1.0, 3.0)
# safest first: a bolder threshold is chosen only when it does strictly better held out
DROP_BELOW = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)  # 0: the model drops nothing the rules keep
KEEP_ABOVE = (1.0, 0.9, 0.8, 0.7, 0.6)  # 1: the model keeps nothing the rules drop
# Held out, the model must beat the rules by this many people (hits minus false people): one group flipped by
# chance in one article must not switch the model on.
MIN_GAIN = 2
DEFAULT_OUTPUT = Path(__file__).parent / "model" / MODEL_FILE


@dataclass
class Row:
    """One group of person mentions: its article, features, whether the rules keep it, and its name."""

    article: int
    features: dict[str, float]
    kept: bool
    name: str
    label: bool


def collect_rows(gold_root: str | Path, *, cache: str | Path | None = None) -> tuple[list[Row], list[list[dict]]]:
    """Every person group of the fit part, and each article's gold people."""
    register_extensions()
    lex = load_lexicon()
    articles = fit_articles(gold_root)
    rows: list[Row] = []
    golds: list[list[dict]] = []
    for index, (item, doc) in enumerate(zip(articles, parsed(articles, cache=cache))):
        gold = item.gold.get("people") or []
        golds.append(gold)
        wanted = {tuple(name_tokens(person["name"])) for person in gold}
        people = [candidate for candidate in find_candidates(lex, doc) if candidate.type == "PER"]
        for group in person_groups(lex, doc, people):
            features = person_features(lex, doc, group.members, group.name, verdict=group.verdict, role=group.role)
            rows.append(Row(index, features, group.verdict == "kept", group.name,
                            tuple(name_tokens(group.name)) in wanted))
    return rows, golds


def fit(rows: Sequence[Row], *, regularization: float) -> PeopleModel:
    """A logistic regression over the groups, as weights by feature name."""
    weights = fit_weights([row.features for row in rows], [row.label for row in rows],
                          regularization=regularization, max_iter=2000, seed=SEED)
    meta = {"trained_on": "gold fit part (dev + train outside validate)", "groups": len(rows),
            "regularization": regularization, "seed": SEED}
    return PeopleModel(weights, meta=meta)


def held_out(rows: Sequence[Row], *, folds: int, regularization: float) -> list[float]:
    """Each group's probability by a model trained on the other folds (folds by article)."""
    probabilities = [0.0] * len(rows)
    for fold in range(folds):
        model = fit([row for row in rows if row.article % folds != fold], regularization=regularization)
        for k, row in enumerate(rows):
            if row.article % folds == fold:
                probabilities[k] = model.probability(row.features)
    return probabilities


def net_right(rows: Sequence[Row], golds: Sequence[Sequence[dict]], kept: Sequence[bool]) -> tuple[int, int]:
    """Gold people found and people predicted when the groups marked in `kept` are kept."""
    kept_names: list[list[str]] = [[] for _ in golds]
    for row, keep in zip(rows, kept):
        if keep:
            kept_names[row.article].append(row.name)
    # as `rules.person_entities` does after the decision: two people joined by a hyphen are no one
    pairs = [pair_names(article) for article in kept_names]
    names = [[{"name": name} for k, name in enumerate(article) if k not in dropped]
             for article, dropped in zip(kept_names, pairs)]
    hits = sum(people_hits(gold, predicted) for gold, predicted in zip(golds, names))
    return hits, sum(len(predicted) for predicted in names)


def f1(hits: int, predicted: int, gold: int) -> float:
    """People F1 from counts."""
    return 2 * hits / (predicted + gold) if predicted + gold else 0.0


def decisions(rows: Sequence[Row], probabilities: Sequence[float], drop_below: float, keep_above: float) -> list[bool]:
    """The rules' verdicts, overridden where the held-out probability crosses a threshold."""
    return [p >= drop_below if row.kept else p > keep_above for row, p in zip(rows, probabilities)]


def best_setting(rows: Sequence[Row], golds: Sequence[Sequence[dict]], *,
                 folds: int) -> tuple[float, float, float, tuple[int, int], tuple[int, int]]:
    """(regularization, drop_below, keep_above, the rules' and the model's held-out (hits, predicted)): the
    setting with the most hits minus false people, the rules' alone unless it leads by `MIN_GAIN`."""
    rules = net_right(rows, golds, [row.kept for row in rows])
    best = (REGULARIZATION, 0.0, 1.0, rules)
    for regularization in REGULARIZATIONS:
        probabilities = held_out(rows, folds=folds, regularization=regularization)
        for drop_below in DROP_BELOW:
            for keep_above in KEEP_ABOVE:
                found = net_right(rows, golds, decisions(rows, probabilities, drop_below, keep_above))
                if 2 * found[0] - found[1] > 2 * best[3][0] - best[3][1]:
                    best = (regularization, drop_below, keep_above, found)
    if (2 * best[3][0] - best[3][1]) - (2 * rules[0] - rules[1]) < MIN_GAIN:
        best = (best[0], 0.0, 1.0, rules)
    return best[0], best[1], best[2], rules, best[3]


def main(argv: Sequence[str] | None = None) -> int:
    """Train, report the cross-validated people F1 of the rules and of the model, and write the model."""
    args = training_arguments("python -m newsgraph.entities.train_people", __doc__.split("\n")[0], argv,
                              folds=FOLDS, regularization=REGULARIZATION)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        rows, golds = collect_rows(args.gold_root, cache=args.cache)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    regularization, drop_below, keep_above, rules, chosen = best_setting(rows, golds, folds=args.folds)
    gold = sum(len(people) for people in golds)
    print(f"{len(rows)} person groups, {gold} gold people; cross-validated people F1: rules "
          f"{f1(*rules, gold):.4f} ({rules[0]} found, {rules[1]} predicted), model (C {regularization}, drop below "
          f"{drop_below}, keep above {keep_above}) {f1(*chosen, gold):.4f} ({chosen[0]} found, {chosen[1]} predicted)")
    model = fit(rows, regularization=regularization)
    model.meta.update({"drop_below": drop_below, "keep_above": keep_above})
    output = Path(args.output) if args.output else DEFAULT_OUTPUT
    output.parent.mkdir(parents=True, exist_ok=True)
    model.to_path(output)
    print(f"wrote {output} ({len(model.weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
