"""Train the content-or-not model: `python -m newsgraph.quotes.train_objects ../shared/data/gold`.

Reads the `fit` part of the gold (every dev article, the train articles outside the validate part), runs the
quote rules recording every noun-phrase object a speech verb meets (`objects.collecting`), and labels each one
content when a gold quote that no other quote of the rules matches starts there or lies 30 % in the content it
opens (to its unit's end). A logistic regression (scikit-learn, the `train` extra, fixed seed) learns the
decision; the command prints the article-wise cross-validated counts of objects taken as content (right / wrong)
by the rules and by the model at each pair of thresholds (keeping the frames' objects, adding others), picks the
pair, then writes the weights trained on the whole fit part into the package (`quotes/model/objects.json`).
"""
from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..entities.rules import extract_entities
from ..evaluate import match_quotes, normalize
from ..linear import fit_weights
from ..nlp import register_extensions
from ..records import Quote
from .corpus import fit_articles, parsed, training_arguments
from .objects import MODEL_FILE, Candidate, ObjectModel, collecting
from .rules import extract_quotes
from .vocabulary import load_lexicon

log = logging.getLogger(__name__)

FOLDS = 5
SEED = 0
REGULARIZATION = 1.0  # inverse strength (scikit-learn's C), chosen by the cross-validation (0.1, 0.3, 1)
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 1.01)  # 1.01: nothing added
KEEPS = (0.0, 0.2, 0.3, 0.5)  # 0.0: nothing removed
WRONG_COST = 1.0  # a wrong object taken costs as much as a right one missed (one false alarm, one miss)
TOLERANCE = 1.0  # held-out gain within which settings are equal: the one nearest the frames is kept
MAX_OFFSET = 3  # characters between the object's start and the gold quote's
COVERAGE = 0.3  # the scorer's loose match
DEFAULT_OUTPUT = Path(__file__).parent / "model" / MODEL_FILE


@dataclass
class Example:
    """One object met by the walk, with its article and whether a gold quote starts there."""

    article: int
    candidate: Candidate
    label: bool


def gold_spans(text: str, gold: dict) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Spans of the gold quotes in `text`: (counted ones, doubtful ones)."""
    counted: list[tuple[int, int]] = []
    doubtful: list[tuple[int, int]] = []
    for quote in gold.get("quotes") or []:
        at = text.find(quote["quote"])
        while at >= 0:
            (doubtful if quote.get("doubtful") else counted).append((at, at + len(quote["quote"])))
            at = text.find(quote["quote"], at + 1)
    return counted, doubtful


def covers(candidate: Candidate, spans: Sequence[tuple[int, int]]) -> bool:
    """A gold quote starts near the object, or the content from the object to its unit's end covers 30 % of one
    that starts in it (as the scorer matches)."""
    for start, end in spans:
        if abs(start - candidate.start) <= MAX_OFFSET:
            return True
        overlap = min(end, candidate.end) - max(start, candidate.start)
        if candidate.start <= start < candidate.end and overlap >= COVERAGE * (end - start):
            return True
    return False


def _unclaimed(gold: dict, quotes: Sequence[Quote], found: Sequence[Candidate], text: str) -> dict:
    """The gold without the quotes that a quote not opened by an object already matches: an object that covers
    one of those adds nothing."""
    opened = {candidate.start for candidate in found}
    predicted = [{"text": quote.text} for quote in quotes]
    gold_quotes = gold.get("quotes") or []
    claimed = {g for g, p in match_quotes(gold_quotes, predicted, normalize(text), threshold=COVERAGE)
               if not any(abs(quotes[p].start - start) <= MAX_OFFSET for start in opened)}
    return {"quotes": [quote for k, quote in enumerate(gold_quotes) if k not in claimed]}


def collect_examples(gold_root: str | Path, *, cache: str | Path | None = None) -> list[Example]:
    """Every noun-phrase object of the fit part, labelled by the gold (objects at a doubtful quote left out)."""
    register_extensions()
    lexicon = load_lexicon()
    articles = fit_articles(gold_root)
    examples: list[Example] = []
    for index, (item, doc) in enumerate(zip(articles, parsed(articles, cache=cache))):
        entities = extract_entities(doc)
        with collecting() as found:
            quotes = list(extract_quotes(doc, lexicon=lexicon, entities=entities, model=None))
        counted, doubtful = gold_spans(doc.text, _unclaimed(item.gold, quotes, found, doc.text))
        for candidate in found:
            if covers(candidate, doubtful) and not covers(candidate, counted):
                continue
            examples.append(Example(index, candidate, covers(candidate, counted)))
    return examples


def fit(examples: Sequence[Example], *, regularization: float = REGULARIZATION) -> ObjectModel:
    """A logistic regression over the objects, as a sparse linear model."""
    weights = fit_weights([e.candidate.features for e in examples], [e.label for e in examples],
                          regularization=regularization, max_iter=3000, seed=SEED)
    meta = {"trained_on": "gold fit part (dev + train outside validate)", "objects": len(examples),
            "content": sum(e.label for e in examples), "regularization": regularization, "seed": SEED}
    return ObjectModel(weights, meta=meta)


def held_out(examples: Sequence[Example], *, folds: int = FOLDS, regularization: float = REGULARIZATION) -> list[float]:
    """Each object's probability by a model trained on the other folds (folds by article)."""
    probabilities = [0.0] * len(examples)
    for fold in range(folds):
        model = fit([e for e in examples if e.article % folds != fold], regularization=regularization)
        for k, example in enumerate(examples):
            if example.article % folds == fold:
                probabilities[k] = model.probability(example.candidate.features)
    return probabilities


def counts(examples: Sequence[Example], taken: Sequence[bool]) -> tuple[int, int]:
    """(right, wrong) objects taken as content."""
    right = sum(1 for e, t in zip(examples, taken) if t and e.label)
    return right, sum(taken) - right


def taken_by(examples: Sequence[Example], probabilities: Sequence[float], keep: float, threshold: float) -> list[bool]:
    """Objects taken as content: those the frames accept from `keep`, the others from `threshold`."""
    return [p >= (keep if e.candidate.rule else threshold) for e, p in zip(examples, probabilities)]


def best_thresholds(examples: Sequence[Example], probabilities: Sequence[float]) -> tuple[float, float]:
    """(keep, threshold) with the best held-out gain, a wrong object costing WRONG_COST: of the settings within
    TOLERANCE of the best gain (one object either way is noise of one article), the one that changes the frames'
    answer least (the lowest keeping bar, then the highest adding bar)."""
    def gain(pair: tuple[float, float]) -> float:
        right, wrong = counts(examples, taken_by(examples, probabilities, *pair))
        return right - WRONG_COST * wrong
    gains = {(keep, threshold): gain((keep, threshold)) for keep in KEEPS for threshold in THRESHOLDS}
    best = max(gains.values())
    return min((pair for pair, value in gains.items() if value >= best - TOLERANCE), key=lambda p: (p[0], -p[1]))


def report(examples: Sequence[Example], probabilities: Sequence[float], chosen: tuple[float, float]) -> str:
    """The cross-validated counts of the rules and of the model at each setting, as text."""
    right, wrong = counts(examples, [e.candidate.rule for e in examples])
    positives = sum(e.label for e in examples)
    lines = [f"{len(examples)} noun-phrase objects of speech verbs, {positives} reported content; "
             f"the rules take {right} right, {wrong} wrong"]
    for keep in KEEPS:
        cells = []
        for threshold in THRESHOLDS:
            right, wrong = counts(examples, taken_by(examples, probabilities, keep, threshold))
            cells.append(f"{threshold}: {right}/{wrong}{' (chosen)' if (keep, threshold) == chosen else ''}")
        lines.append(f"  cross-validated model, right/wrong, keeping the frames' objects from {keep}, "
                     f"adding others from " + ", ".join(cells))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Train, report the cross-validated counts, and write the model."""
    args = training_arguments("python -m newsgraph.quotes.train_objects", __doc__.split("\n")[0], argv,
                              folds=FOLDS, regularization=REGULARIZATION)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        examples = collect_examples(args.gold_root, cache=args.cache)
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    probabilities = held_out(examples, folds=args.folds, regularization=args.regularization)
    keep, threshold = best_thresholds(examples, probabilities)
    print(report(examples, probabilities, (keep, threshold)))
    model = fit(examples, regularization=args.regularization)
    model.meta["keep"] = keep
    model.meta["threshold"] = threshold
    output = args.output or DEFAULT_OUTPUT
    model.to_path(output)
    print(f"wrote {output} ({len(model.weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
