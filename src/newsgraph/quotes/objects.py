"""Content or not: whether the noun phrase a speech verb takes as object is reported content.

'a annoncé un congrès qui se déroulera en mars' reports what was said; 'a annoncé la réforme' or 'ont salué le chef'
name a thing. The rules' frames (cues.tsv: `np`, `npq`) give a first answer; a small logistic regression over the
object's shape (length, a verb or a quotation inside, determiner, head, the cue and its form) trained on the gold
decides when it is shipped (`quotes/model/objects.json`, written by `python -m newsgraph.quotes.train_objects`).
"""
from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from ..linear import SparseLinear, shipped
from .layout import Unit, text_of
from .vocabulary import Cue, Lexicon
from .words import words

MODEL_FILE = "objects.json"
MAX_OBJECT_WORDS = 40


@dataclass
class Candidate:
    """One noun-phrase object met by the content walk: where it starts, its features, the rules' answer."""

    start: int
    end: int  # the end of its unit: the content can run no further
    features: dict[str, float]
    rule: bool


_collected: ContextVar[list[Candidate] | None] = ContextVar("newsgraph_object_candidates", default=None)


@contextmanager
def collecting() -> Iterator[list[Candidate]]:
    """Within the block, every object the walk meets is recorded (training); the rules decide alone."""
    found: list[Candidate] = []
    token = _collected.set(found)
    try:
        yield found
    finally:
        _collected.reset(token)


class ObjectModel(SparseLinear):
    """A logistic scorer over sparse features: the object is content when its probability reaches the threshold."""

    what = "an object model"
    command = "python -m newsgraph.quotes.train_objects"

    @property
    def threshold(self) -> float:
        """The probability from which an object the frames refuse is taken as content."""
        return float(self.meta.get("threshold", 0.5))

    @property
    def keep(self) -> float:
        """The probability from which an object the frames accept stays content."""
        return float(self.meta.get("keep", self.threshold))

    def probability(self, features: Mapping[str, float]) -> float:
        """Probability that the object is reported content."""
        score = self.weights.get("bias", 0.0) + self.linear(features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@lru_cache(maxsize=1)
def shipped_model() -> ObjectModel | None:
    """The model shipped in the package, None if absent (the rules' frames then decide)."""
    return shipped(ObjectModel, MODEL_FILE)


def is_content(verb: Token, first: Token, cue: Cue, frames: frozenset[str], unit: Unit, lexicon: Lexicon,
               *, rule: bool) -> bool:
    """Whether the noun phrase opening at `first`, object of the cue `verb`, is reported content."""
    found = _collected.get()
    if found is not None:
        found.append(Candidate(first.idx, unit.end, object_features(verb, first, cue, frames, unit, lexicon), rule))
        return rule
    model = shipped_model()
    if model is None:
        return rule
    limit = model.keep if rule else model.threshold
    if not 0.0 < limit <= 1.0:  # a probability never reaches it, or always does: no features needed
        return limit <= 0.0
    return model.probability(object_features(verb, first, cue, frames, unit, lexicon)) >= limit


def _verb_form(verb: Token) -> str:
    form = verb.morph.get("VerbForm", [])
    if form == ["Part"]:
        return "part_" + "".join(verb.morph.get("Tense", [])).lower()
    return "".join(form).lower() or "none"


def _determiner(first: Token, head: Token) -> str:
    determiner = next((c for c in head.children if c.dep_ == "det" and c.i < head.i), None)
    if determiner is None:
        return "none" if first.pos_ != "NUM" else "num"
    kind = determiner.morph.get("PronType", []) + determiner.morph.get("Definite", [])
    if determiner.morph.get("Poss", []) == ["Yes"]:
        return "poss"
    return "_".join(kind).lower() or determiner.lower_


def object_span(first: Token, unit: Unit) -> tuple[Token, int]:
    """The object's head and its last token index (within the unit, at most MAX_OBJECT_WORDS)."""
    head = first.head if first.pos_ in ("DET", "NUM") and first.head.i > first.i else first
    last = min(max(head.right_edge.i, first.i), unit.last, first.i + MAX_OBJECT_WORDS)
    return head, last


def object_features(verb: Token, first: Token, cue: Cue, frames: frozenset[str], unit: Unit,
                    lexicon: Lexicon) -> dict[str, float]:
    """Features of the object: its shape, what it holds, the cue and the cue's form."""
    doc, closed = verb.doc, words()
    head, last = object_span(first, unit)
    span = doc[first.i : last + 1]
    length = sum(1 for t in span if not t.is_punct)
    quoted = [q for q in unit.quotes if first.idx <= q.start < doc[last].idx + len(doc[last])]
    features: dict[str, float] = {
        f"cue={cue.lemma}": 1.0,
        f"form={_verb_form(verb)}": 1.0,
        f"det={_determiner(first, head)}": 1.0,
        f"head_pos={head.pos_}": 1.0,
        f"head={head.lemma_.lower()}": 1.0,
        "length": math.log1p(length),
        "short": float(length <= 3),
        "verb_inside": float(any(t.pos_ in ("VERB", "AUX") for t in span if t.i != head.i)),
        "finite_inside": float(any("Fin" in t.morph.get("VerbForm", []) for t in span)),
        "relative": float(any(t.lower_ in closed.relatives or t.lower_ in closed.que for t in span)),
        "quotation": float(bool(quoted)),
        "quotation_words": math.log1p(sum(len(text_of(doc)[q.inner_start : q.inner_end].split()) for q in quoted)),
        "comma": float(any(t.text == "," for t in span)),
        "object_dep": float(head.head.i == verb.i and head.dep_ in ("obj", "ccomp", "xcomp")),
        "distance": math.log1p(first.i - verb.i),
        "to_unit_end": math.log1p(max(0, unit.last - last)),
        "news": float(head.lower_ in closed.news_nouns or head.lemma_ in closed.news_nouns),
        "propn": float(head.pos_ == "PROPN" or head.ent_type_ != ""),
    }
    noun_class = lexicon.noun_class(head.lemma_)
    if noun_class is not None:
        features[f"noun_class={noun_class}"] = 1.0
    for frame in ("np", "npq", "de", "a", "que", "inf"):
        if frame in frames:
            features[f"frame={frame}"] = 1.0
    after = doc[last + 1] if last + 1 <= unit.last else None
    features[f"after={after.lower_ if after is not None and after.is_punct else 'word' if after else 'end'}"] = 1.0
    return features
