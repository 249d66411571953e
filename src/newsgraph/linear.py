"""The sparse linear models of the learned layers (speaker ranking and content or not in `quotes`, people in
`entities`): weights by feature name, written as sorted JSON inside the package, trained by a logistic regression
(scikit-learn, the `train` extra, fixed seed)."""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

Model = TypeVar("Model", bound="SparseLinear")


class SparseLinear:
    """Weights by feature name and the training's metadata; subclasses say what they decide."""

    what = "a sparse linear model"  # named in a load error
    command = "python -m newsgraph.quotes.train"  # the training command that writes it

    def __init__(self, weights: Mapping[str, float], *, meta: Mapping[str, Any] | None = None) -> None:
        self.weights = dict(weights)
        self.meta = dict(meta or {})

    def linear(self, features: Mapping[str, float]) -> float:
        """The weighted sum of the features (the bias is a feature of its own)."""
        weights = self.weights
        return sum([weights.get(name, 0.0) * value for name, value in features.items()])

    @classmethod
    def from_path(cls: type[Model], path: str | Path) -> Model:
        """Load weights written by `to_path` (or the training command)."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            return cls(data["weights"], meta=data.get("meta"))
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}: not {cls.what} ({error}); retrain with {cls.command}") from error

    def to_path(self, path: str | Path) -> None:
        """Write the weights as JSON, sorted, so that retraining on the same data gives the same file."""
        data = {"meta": self.meta, "weights": {k: round(v, 6) for k, v in sorted(self.weights.items())}}
        Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def shipped(cls: type[Model], file: str, *, package: str = "newsgraph.quotes") -> Model | None:
    """The model `file` shipped in `package`'s `model` folder, None if it is absent."""
    resource = resources.files(package).joinpath("model", file)
    if not resource.is_file():
        return None
    with resources.as_file(resource) as path:
        return cls.from_path(path)


def fit_weights(rows: Sequence[Mapping[str, float]], labels: Sequence[bool], *, regularization: float,
                max_iter: int, seed: int) -> dict[str, float]:
    """The non-zero weights of a logistic regression over the rows, the intercept added to 'bias'."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    classifier = LogisticRegression(C=regularization, max_iter=max_iter, random_state=seed, solver="lbfgs")
    classifier.fit(matrix, labels)
    weights = {name: float(w) for name, w in zip(vectorizer.get_feature_names_out(), classifier.coef_[0]) if w}
    weights["bias"] = weights.get("bias", 0.0) + float(classifier.intercept_[0])
    return weights
