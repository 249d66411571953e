"""Train the speaker model: `python -m newsgraph.quotes.train ../shared/data/gold`.

Reads the `fit` part of the gold (every dev article, the train articles outside the validate part), runs
the quote rules with the model switched off, and for every predicted quote that matches a gold quote (30 %
coverage) labels each candidate speaker right or wrong as the scorer would (`evaluate.same_speaker`).
A logistic regression (scikit-learn, the `train` extra, fixed seed) learns to score the candidates; the
command prints the article-wise cross-validated speaker accuracy of the rules and of the model, then
writes the weights trained on the whole fit part into the package (`quotes/model/speakers.json`).
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..entities.rules import extract_entities
from ..evaluate import match_quotes, normalize, same_speaker
from ..linear import fit_weights
from ..nlp import register_extensions
from .corpus import fit_articles, parsed, training_arguments
from .ranking import MODEL_FILE, Option, SpeakerModel, choice
from .rules import Draft, extract_quotes
from .vocabulary import load_lexicon

log = logging.getLogger(__name__)

FOLDS = 5
SEED = 0
FORMS = ("pronoun", "none")  # default forms of `fit`; the command picks them by cross-validation
REGULARIZATION = 0.3  # inverse strength (scikit-learn's C), chosen by the cross-validation (0.3, 1, 3)
DEFAULT_OUTPUT = Path(__file__).parent / "model" / MODEL_FILE


@dataclass
class Group:
    """The candidates of one matched quote: their features and whether each names the gold speaker."""

    article: int
    features: list[dict[str, float]]
    labels: list[bool]
    rule: int | None  # index of the rules' choice, None when the rules gave no speaker
    form: str  # how the quote names its speaker (ranking.Context.form)
    names: list[str]  # the candidates' names (for reading errors)
    quote: str


def collect_groups(gold_root: str | Path, *, cache: str | Path | None = None) -> list[Group]:
    """One group per predicted quote of the fit part that matches a gold quote with a speaker."""
    register_extensions()
    lexicon = load_lexicon()
    articles = fit_articles(gold_root)
    groups: list[Group] = []
    for index, (item, doc) in enumerate(zip(articles, parsed(articles, cache=cache))):
        entities = extract_entities(doc)
        collected: list[tuple[Draft, list[Option]]] = []
        list(extract_quotes(doc, lexicon=lexicon, entities=entities, model=None, collect=collected))
        gold_quotes = item.gold.get("quotes") or []
        predicted = [{"text": doc.text[draft.start : draft.end]} for draft, _ in collected]
        for gold_index, predicted_index in match_quotes(gold_quotes, predicted, normalize(doc.text), threshold=0.3):
            gold_quote = gold_quotes[gold_index]
            if not gold_quote.get("speaker") or gold_quote.get("doubtful"):
                continue
            draft, options = collected[predicted_index]
            labels = [bool(same_speaker(gold_quote, o.written, item.gold.get("people", []))) for o in options]
            rule = next((k for k, o in enumerate(options) if o.features.get("is_rule")), None)
            names = [o.speaker.name or "" for o in options]
            form = draft.anchor.mention.form if draft.anchor and draft.anchor.mention else "none"
            groups.append(Group(index, [o.features for o in options], labels, rule, form, names, gold_quote["quote"]))
    return groups


def fit(groups: Sequence[Group], *, regularization: float = REGULARIZATION,
        forms: Sequence[str] = FORMS) -> SpeakerModel:
    """A logistic regression over every candidate of the groups, as a sparse linear model."""
    rows = [features for group in groups for features in group.features]
    labels = [label for group in groups for label in group.labels]
    weights = fit_weights(rows, labels, regularization=regularization, max_iter=2000, seed=SEED)
    meta = {"trained_on": "gold fit part (dev + train outside validate)", "groups": len(groups),
            "candidates": len(rows), "regularization": regularization, "seed": SEED, "forms": list(forms)}
    return SpeakerModel(weights, meta=meta)


def accuracy(model: SpeakerModel | None, groups: Sequence[Group]) -> float:
    """Share of groups whose chosen candidate is right (the rules' choice when `model` is None)."""
    right = 0
    for group in groups:
        if model is None or group.form not in model.forms:
            chosen = group.rule
        else:
            scores = [model.score(features) for features in group.features]
            chosen = choice(scores, group.rule, margin=model.margin)
        right += chosen is not None and group.labels[chosen]
    return right / len(groups) if groups else 0.0


ALL_FORMS = ("name", "description", "pronoun", "none")
MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)
# The model decides a form only when, held out, it names the speaker right in at least this many more of that form's
# quotes than the rules do. One article brings at most 14 matched quotes of a form to the fit part, and on one article
# the model's net gain over the rules was never above 4 quotes at any form and margin (at main, 1,918 quotes): a lead
# of 5 is one no single article can make, so adding or fixing one article cannot flip the choice (at main the model
# leads by 18 quotes on pronouns and 12 on no mention, and trails on names and descriptions).
MIN_GAIN = 5


def held_out_scores(groups: Sequence[Group], *, folds: int = FOLDS,
                    regularization: float = REGULARIZATION) -> list[list[float]]:
    """Each group's candidate scores by a model trained on the other folds (folds by article)."""
    scores: list[list[float]] = [[] for _ in groups]
    for fold in range(folds):
        model = fit([g for g in groups if g.article % folds != fold], regularization=regularization, forms=ALL_FORMS)
        for k, group in enumerate(groups):
            if group.article % folds == fold:
                scores[k] = [model.score(features) for features in group.features]
    return scores


def cross_validate(groups: Sequence[Group], scores: Sequence[Sequence[float]], *,
                   margin: float) -> dict[str, tuple[int, float, float]]:
    """Held-out speaker accuracy by mention form: (quotes, rules, model with this margin)."""
    count: dict[str, int] = dict.fromkeys(ALL_FORMS, 0)
    rules_right: dict[str, int] = dict.fromkeys(ALL_FORMS, 0)
    model_right: dict[str, int] = dict.fromkeys(ALL_FORMS, 0)
    for group, group_scores in zip(groups, scores):
        chosen = choice(group_scores, group.rule, margin=margin)
        count[group.form] += 1
        rules_right[group.form] += group.rule is not None and group.labels[group.rule]
        model_right[group.form] += chosen is not None and group.labels[chosen]
    return {form: (count[form], rules_right[form] / max(count[form], 1), model_right[form] / max(count[form], 1))
            for form in ALL_FORMS}


def decided_forms(figures: dict[str, tuple[int, float, float]], *, min_gain: int = MIN_GAIN) -> tuple[str, ...]:
    """The forms where the model, held out, gets at least `min_gain` more quotes right than the rules."""
    return tuple(form for form, (n, rules, model) in figures.items() if round(n * (model - rules)) >= min_gain)


def best_setting(groups: Sequence[Group], scores: Sequence[Sequence[float]], *,
                 min_gain: int = MIN_GAIN) -> tuple[float, tuple[str, ...]]:
    """The margin, and the forms where the model beats the rules at it by `min_gain` quotes, that give the best
    held-out accuracy."""
    best: tuple[float, float, tuple[str, ...]] = (-1.0, 0.0, ())
    for margin in MARGINS:
        figures = cross_validate(groups, scores, margin=margin)
        forms = decided_forms(figures, min_gain=min_gain)
        right = sum(n * (m if form in forms else r) for form, (n, r, m) in figures.items())
        if right > best[0]:
            best = (right, margin, forms)
    return best[1], best[2]


def report(figures: dict[str, tuple[int, float, float]], *, margin: float, forms: Sequence[str]) -> str:
    """The cross-validated accuracies as text, with the overall one when the model decides `forms`."""
    total = sum(n for n, _, _ in figures.values())
    rules = sum(n * r for n, r, _ in figures.values()) / total
    chosen = sum(n * (m if form in forms else r) for form, (n, r, m) in figures.items()) / total
    lines = [f"{total} matched quotes with a gold speaker; cross-validated speaker accuracy: rules {rules:.3f}, "
             f"model (margin {margin}, deciding {'/'.join(forms) or 'nothing'}) {chosen:.3f}"]
    lines += [f"  {form}: {n} quotes, rules {r:.3f}, model {m:.3f}" for form, (n, r, m) in figures.items()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Train, report the cross-validated accuracy, and write the model."""
    args = training_arguments("python -m newsgraph.quotes.train", __doc__.split("\n")[0], argv,
                              folds=FOLDS, regularization=REGULARIZATION)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        groups = collect_groups(args.gold_root, cache=args.cache)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    scores = held_out_scores(groups, folds=args.folds, regularization=args.regularization)
    margin, forms = best_setting(groups, scores)
    print(report(cross_validate(groups, scores, margin=margin), margin=margin, forms=forms))
    model = fit(groups, regularization=args.regularization, forms=forms)
    model.meta["margin"] = margin
    output = args.output or DEFAULT_OUTPUT
    model.to_path(output)
    print(f"wrote {output} ({len(model.weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
