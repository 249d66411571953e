"""Whether a group of person mentions names a person: the rules' verdict, corrected by a small linear model.

The rules (`rules.person_entities`) drop a group of person mentions when every mention is weak, when a noun of
things introduces it, or when it is one bare word with no role; they keep the rest. `person_features` describes a
group by what the rules and the parse already know (the rule's verdict, the model's entity labels, titles, first
names, roles, places, how many mentions and words), and `PeopleModel` (weights by feature name, trained by
`python -m newsgraph.entities.train_people`, shipped in `entities/model/people.json`) overrides the rules only where
it is confident: it drops a kept group whose probability of being a person is below `drop_below`, and keeps a
dropped one above `keep_above` (both chosen by cross-validation by article).
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache

from spacy.tokens import Doc

from ..linear import SparseLinear, shipped
from ..nlp import doc_words
from .lexicon import Lexicon, fold
from .spans import Candidate, is_person_context, is_title, place_country, starts_sentence, word_country

MODEL_FILE = "people.json"
COMMAND = "python -m newsgraph.entities.train_people"
VERDICTS = ("kept", "weak", "thing", "bare")  # the rules' verdict on a group: kept, or why they drop it


class PeopleModel(SparseLinear):
    """Weights by feature name and the two thresholds at which the model overrides the rules."""

    what = "a people model"
    command = COMMAND

    @property
    def drop_below(self) -> float:
        """A group the rules keep is dropped when its probability is below this (0: never)."""
        return float(self.meta.get("drop_below", 0.0))

    @property
    def keep_above(self) -> float:
        """A group the rules drop is kept when its probability is above this (1: never)."""
        return float(self.meta.get("keep_above", 1.0))

    def probability(self, features: Mapping[str, float]) -> float:
        """The probability that the group names a person."""
        score = self.linear(features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def keeps(self, features: Mapping[str, float], *, kept: bool) -> bool:
        """The decision on a group the rules keep (`kept`) or drop."""
        probability = self.probability(features)
        return probability >= self.drop_below if kept else probability > self.keep_above


@lru_cache(maxsize=1)
def shipped_model() -> PeopleModel | None:
    """The model shipped in the package, None if it is absent (the rules then decide alone)."""
    return shipped(PeopleModel, MODEL_FILE, package="newsgraph.entities")


def person_features(lex: Lexicon, doc: Doc, members: Sequence[Candidate], name: str, *, verdict: str,
                    role: str | None) -> dict[str, float]:
    """What the rules and the parse say of one group of person mentions (`name`: its fullest form)."""
    words = name.split()
    first = fold(words[0]) if words else ""
    texts = doc_words(doc).texts
    labels = {doc[c.name_start].ent_type_ or "none" for c in members}
    features: dict[str, float] = {"bias": 1.0, f"verdict={verdict}": 1.0,
                                  f"words={min(len(words), 4)}": 1.0, f"mentions={min(len(members), 3)}": 1.0}
    features.update({f"label={label}": 1.0 for label in labels})
    if len(labels) == 1:
        features[f"only_label={next(iter(labels))}"] = 1.0
    flags = {
        "first_name": first in lex.first_names,
        "titled": any(c.start < c.name_start and is_title(lex, doc[c.start]) for c in members),
        "role": role is not None,
        "context": any(is_person_context(lex, doc, c.name_start, c.end) for c in members),
        "hyphen": "-" in name,
        "place": bool(place_country(name)) or any(word_country(word) for word in words),
        "sentence_start": all(starts_sentence(doc, c.name_start) for c in members),
        "all_propn": all(doc[k].pos_ == "PROPN" for c in members for k in range(c.name_start, c.end)),
        "subject": any(doc[k].dep_.startswith("nsubj") for c in members for k in range(c.name_start, c.end)),
        "after_of": any(c.start > 0 and fold(texts[c.start - 1]) in lex.of for c in members),
        "after_determiner": any(c.start > 0 and fold(texts[c.start - 1]) in lex.thing_determiners for c in members),
        "digit": any(ch.isdigit() for ch in name),
        "upper_word": any(len(word) > 1 and word.isupper() for word in words),
    }
    features.update({name: 1.0 for name, on in flags.items() if on})
    return features
