"""The learned layer of event coding: which types a sentence reports, and who its actors are.

The rules (`rules.code_events`) propose events; two small linear models trained on the gold
(`python -m newsgraph.events.train`) decide:

- the type model scores every (sentence, type) from the sentence's words, its dependency pairs, the
  lexicon's trigger readings, its quote and the rules' own events there, and, when trained with them, from the
  word vectors of the word, its clause and its sentence (read from a table computed once: `VectorLogits`).
  A rule event stands when its (sentence, type) scores at least `keep`; a type scoring at least `add` that
  the rules did not code in the sentence becomes a new event (evaluative speech with no trigger word is the
  usual case), unless its best word is a lexicon trigger of that type the rules looked at and rejected;
- the actor model scores each candidate actor of a sentence (the phrases the actor resolver names, the
  speaker of the sentence's quote, the rules' actors there, then the actors of the previous sentence it does
  not name: 'Ils avaient attaqué un hôtel' after a sentence naming the attackers, and the article's lead
  actor, the source of most of the rules' events) as the source and as the target of an event of
  a type, given its trigger word. A new event takes the best source scoring at least `source_floor` (none:
  no event) and the best other target scoring at least `target_floor` (none: null). A rule event the rules
  found no source for gets one the same way (none scoring `source_floor`: it stands with neither), and one
  with a source and no target gets a target.

Candidates are phrases of the text or the speaker of its quote, so an actor is never invented. Weights
ship in `model/events.npz` (feature vocabulary, coefficients, and the projection of spaCy's word vectors on
the few directions the dense weights read); inference needs numpy only.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from ..entities.countries import event_country
from ..nlp import doc_words
from ..records import Actor, Event
from .bounds import WordBounds
from .criticism import criticisms
from .dates import resolve_date
from .event_types import cameo as type_cameo
from .event_types import event_types
from .features import (
    DENSE_SCALE,
    MAX_CLIMB,
    Candidate,
    TokenTable,
    actor_key,
    candidate_features,
    clause_of,
    governor_subject,
    lead_candidate,
    lexicon_types,
    sentence_candidates,
    sentence_context,
    token_table,
    unit_table,
    vector_rows,
    with_lead,
    with_previous,
)
from .modes import denies_preceding, event_mode, lemma, reports
from .participants import is_implied_attackers, is_implied_forces
from .syntax import span_text

TYPES = tuple(event_types())  # the model's outputs, in the order of types.tsv
MODEL_FILE = "events.npz"


# -- the linear models ------------------------------------------------------------------------------

@dataclass(frozen=True)
class LinearModel:
    """A logistic regression over named binary features and an optional dense vector: one column per output.

    With `softmax`, the outputs are exclusive classes (multinomial); else each is its own binary decision.
    """

    vocabulary: dict[str, int]
    weights: np.ndarray  # (features, outputs)
    bias: np.ndarray  # (outputs,)
    dense: np.ndarray | None = None  # (dimensions, outputs): weights of a dense input vector, if any
    softmax: bool = False

    def probabilities(self, features: Iterable[str], vector: np.ndarray | None = None) -> np.ndarray:
        """The outputs' probabilities for one input."""
        return self.batch([list(features)], None if vector is None else vector[None, :])[0]

    def batch(self, inputs: Sequence[Sequence[str]], vectors: np.ndarray | None = None, *,
              dense_logits: np.ndarray | None = None) -> np.ndarray:
        """(inputs, outputs) probabilities for several inputs at once (unknown features are ignored); the dense
        part from the `vectors`, or already computed (`dense_logits`: (inputs, outputs))."""
        logits = np.empty((len(inputs), len(self.bias)), dtype=self.bias.dtype)  # the bias in each row (np.tile's
        logits[:] = self.bias  # values, at a quarter of its cost)
        if dense_logits is not None:
            logits += dense_logits
        # each input's rows after a marker (-1) standing for its starting logits, summed in that order by one
        # reduceat: the same additions, in the same order, as adding the rows one by one (np.add.at), at less cost
        rows: list[int] = []
        firsts: list[int] = []
        get = self.vocabulary.get
        for features in inputs:
            found = set(map(get, features))  # the ids inserted in the features' order, as a set comprehension would
            found.discard(None)
            firsts.append(len(rows))
            rows.append(-1)
            rows.extend(found)  # type: ignore[arg-type]
        if len(rows) > len(inputs):
            index = np.array(rows)
            stacked = self.weights[index]
            stacked[firsts] = logits  # the markers' rows
            logits = np.add.reduceat(stacked, firsts, axis=0)
        if self.dense is not None and vectors is not None and len(inputs):
            logits += vectors @ self.dense
        if self.softmax:
            exp = np.exp(logits - logits.max(axis=1, keepdims=True))
            return exp / exp.sum(axis=1, keepdims=True)
        return 1.0 / (1.0 + np.exp(-logits))

    def arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The model as named arrays for `np.savez`."""
        names = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        dense = self.dense if self.dense is not None else np.zeros((0, self.weights.shape[1]))
        return {f"{prefix}_vocabulary": np.array(names, dtype=str), f"{prefix}_weights": self.weights.astype(np.float32),
                f"{prefix}_bias": self.bias.astype(np.float32), f"{prefix}_dense": dense.astype(np.float32),
                f"{prefix}_softmax": np.array(self.softmax)}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray], prefix: str) -> LinearModel:
        """The model saved by `arrays`."""
        names = arrays[f"{prefix}_vocabulary"].tolist()
        dense = arrays[f"{prefix}_dense"].astype(np.float64)
        return cls({name: index for index, name in enumerate(names)}, arrays[f"{prefix}_weights"].astype(np.float64),
                   arrays[f"{prefix}_bias"].astype(np.float64), dense if dense.size else None,
                   bool(arrays[f"{prefix}_softmax"]))


@dataclass(frozen=True)
class Thresholds:
    """Where the models' probabilities become decisions (tuned by cross-validation in training)."""

    keep: float = 0.3  # a rule event stands when its (sentence, type) scores at least this
    add: float = 0.5  # a type the rules missed in a sentence is added from this score
    target_floor: float = 0.3  # a candidate becomes a target from this score
    source_floor: float = 0.5  # a candidate becomes a missing source from this score
    override: float = 1.01  # a type the rules looked at and rejected is added from this score (above 1: never)
    criticize: float = 1.01  # a quote is its speaker's accusation from this score (`criticism`; above 1: never)
    criticize_needs_target: bool = True  # and only when the actor model finds whom it accuses


@dataclass(frozen=True)
class VectorLogits:
    """The type model's dense part, read from one table computed once per vectors table: the logits of a word
    are linear in its vector, and those of a mean vector are linear in the sum of the vectors divided by the
    sum's norm, so a doc needs only rows of the table, sums of rows and norms (no matrix product per doc)."""

    table: np.ndarray  # (vector rows + 1, directions + 3 * outputs): `features.unit_table`, then each row times
    directions: int  # the word, the sentence and the clause weights

    @classmethod
    def of(cls, vectors: object, projection: np.ndarray, dense: np.ndarray) -> VectorLogits:
        """The table of a vectors table for dense weights (3 * directions, outputs)."""
        units = unit_table(vectors, projection)
        directions = projection.shape[1]
        parts = [units @ dense[part * directions:(part + 1) * directions] for part in range(3)]
        return cls(np.hstack([units, *parts]), directions)

    def logits(self, vectors: object, table: TokenTable, words: Sequence[tuple[int, int]],
               spans: Sequence[Span]) -> np.ndarray:
        """(words, outputs): the dense weights times `features.word_dense` of each (sentence, position)."""
        rows = self.table[vector_rows(vectors, table)]
        units, outputs = slice(0, self.directions), (self.table.shape[1] - self.directions) // 3
        word, sentence, clause = (slice(self.directions + part * outputs, self.directions + (part + 1) * outputs)
                                  for part in range(3))
        indices = sorted({index for index, _ in words})
        sums = np.array([rows[spans[index].start:spans[index].end].sum(axis=0) for index in indices])
        sentences = scaled(sums[:, sentence], sums[:, units])[np.searchsorted(indices, [index for index, _ in words])]
        positions = [position for _, position in words]
        clauses = [clause_of(table, position) for position in positions]
        firsts = np.cumsum([0, *map(len, clauses[:-1])])
        clause_sums = np.add.reduceat(rows[[member for members in clauses for member in members]], firsts)
        return rows[positions, word] + sentences + scaled(clause_sums[:, clause], clause_sums[:, units])


def scaled(logits: np.ndarray, sums: np.ndarray) -> np.ndarray:
    """Logits of sums of vectors turned into those of their mean vectors (`features.mean_vector`)."""
    norms = np.sqrt(np.einsum("ij,ij->i", sums, sums))[:, None]
    return DENSE_SCALE * logits / np.where(norms > 0, norms, 1.0)


@dataclass(frozen=True)
class EventModel:
    """The type model and the actor model (source and target outputs), with their thresholds."""

    types: LinearModel
    actors: LinearModel
    thresholds: Thresholds = field(default_factory=Thresholds)
    projection: np.ndarray | None = None  # (word vector dimensions, directions) the type model's dense weights read
    criticism: LinearModel | None = None  # a quote's content -> its speaker accuses (`criticism`)
    _tables: dict[int, tuple[object, VectorLogits]] = field(default_factory=dict, compare=False, repr=False)
    _bounds: dict[int, tuple[object, WordBounds]] = field(default_factory=dict, compare=False, repr=False)

    def vector_logits(self, vectors: object) -> VectorLogits | None:
        """The type model's dense tables for a vectors table (computed once each), None when it reads none."""
        if self.projection is None or self.types.dense is None:
            return None
        found = self._tables.get(id(vectors))
        if found is None or found[0] is not vectors:
            found = self._tables[id(vectors)] = (vectors, VectorLogits.of(vectors, self.projection, self.types.dense))
        return found[1]

    def word_bounds(self, types: dict[str, frozenset[str]]) -> WordBounds | None:
        """The bounds (`bounds.WordBounds`) telling which words may reach the lowest probability the thresholds
        compare with (one object per lexicon's trigger types), None when every word must be scored: a dense part
        (its logits are not bounded), or no threshold strictly between 0 and 1 (`keep` 0 decides nothing)."""
        floors = [value for value in (self.thresholds.add, self.thresholds.keep) if value > 0]
        if self.types.dense is not None or not floors or not 0 < min(floors) < 1:
            return None
        found = self._bounds.get(id(types))
        if found is None or found[0] is not types:
            bounds = WordBounds(self.types.vocabulary, self.types.weights, self.types.bias,
                                softmax=self.types.softmax, floor=min(floors), types=types)
            found = self._bounds[id(types)] = (types, bounds)
        return found[1]

    def decide(self, coding: object, *, article_date: str | None = None) -> list[Event]:
        """The events of an article: the rules' events the type model keeps, and the ones it adds (scoring only
        the words that may reach a threshold: the same decisions as scoring all)."""
        return choose(self, score_article(self, coding, bounded=True), article_date=article_date)

    def save(self, path: str | Path) -> None:
        """Write the model as one `.npz` file."""
        meta = json.dumps({"types": TYPES, "thresholds": self.thresholds.__dict__})
        projection = np.zeros((0, 0)) if self.projection is None else self.projection
        arrays = {"meta": np.array(meta), **self.types.arrays("types"), **self.actors.arrays("actors"),
                  "projection": projection.astype(np.float32)}
        if self.criticism is not None:
            arrays.update(self.criticism.arrays("criticism"))
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]  # numpy's stub types the keywords as flags

    @classmethod
    def load(cls, path: str | Path) -> EventModel:
        """Read a model written by `save`; a file that is not one raises ValueError naming it."""
        try:
            with np.load(path, allow_pickle=False) as arrays:
                content = dict(arrays.items())
            meta = json.loads(str(content["meta"]))
            projection = content["projection"].astype(np.float64) if "projection" in content else np.zeros((0, 0))
            criticism = LinearModel.from_arrays(content, "criticism") if "criticism_bias" in content else None
            model = cls(LinearModel.from_arrays(content, "types"), LinearModel.from_arrays(content, "actors"),
                        Thresholds(**meta["thresholds"]), projection if projection.size else None, criticism)
        except (OSError, KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{path}: not an event model ({error!r}); retrain: python -m newsgraph.events.train") from error
        if tuple(meta["types"]) != TYPES:
            raise ValueError(f"{path}: model for types {meta['types']}, expected {list(TYPES)}; retrain it")
        return model


@lru_cache(maxsize=1)
def default_model() -> EventModel:
    """The model shipped in the package, loaded once per process."""
    with resources.as_file(resources.files(__package__).joinpath("model", MODEL_FILE)) as path:
        return EventModel.load(path)


# -- deciding ----------------------------------------------------------------------------------------

@dataclass
class Scored:
    """An article's sentences, the rules' events in each, and the type model's probabilities."""

    coding: object
    spans: list[Span]
    rule_events: list[list[Event]]
    probabilities: np.ndarray  # (sentences, types): the best word's probability of each type
    triggers: list[Sequence[Token | None]]  # (sentences, types): that word
    candidates: dict[int, list[Candidate]] = field(default_factory=dict)
    named: dict[int, list[Candidate]] = field(default_factory=dict)
    actor_scores: dict[tuple[int, str, int], np.ndarray] = field(default_factory=dict)

    def candidates_of(self, index: int) -> list[Candidate]:
        """The candidate actors of sentence `index`, then those of the previous sentence it does not name, then
        the article's lead actor if neither names it (computed once)."""
        if index not in self.candidates:
            previous = self.own_candidates(index - 1) if index > 0 else []
            self.candidates[index] = with_lead(with_previous(self.coding, self.own_candidates(index), previous),
                                               self.lead)
        return self.candidates[index]

    @cached_property
    def lead(self) -> Candidate | None:
        """The article's lead actor (`features.lead_candidate`)."""
        return lead_candidate(self.coding)

    def own_candidates(self, index: int) -> list[Candidate]:
        """The candidate actors named in sentence `index` (computed once)."""
        if index not in self.named:
            self.named[index] = sentence_candidates(self.coding, self.spans[index], self.rule_events[index])
        return self.named[index]


def events_by_sentence(coding: object) -> list[list[Event]]:
    """The rules' events of each sentence of the coding."""
    spans = coding.sentences  # type: ignore[attr-defined]
    by_start = {span.start_char: index for index, span in enumerate(spans)}
    grouped: list[list[Event]] = [[] for _ in spans]
    for event in coding.events:  # type: ignore[attr-defined]
        index = sentence_index(event, spans, by_start)
        if index is not None:
            grouped[index].append(event)
    return grouped


def sentence_words(coding: object, rule_events: Sequence[Sequence[Event]],
                   table: TokenTable | None = None, bounds: WordBounds | None = None,
                   ) -> Iterator[tuple[int, int, list[str]]]:
    """(sentence index, token index, features) for every candidate word of the article (`table`: the doc's
    `TokenTable`, when the caller has it), or only those whose `bounds` may reach their floor."""
    types = lexicon_types(coding.context.lexicon)  # type: ignore[attr-defined]
    table = table or TokenTable.of(coding.doc)  # type: ignore[attr-defined]
    quotes = coding.quotes  # type: ignore[attr-defined]
    contexts = [sentence_context(span, rule_events[index], quotes)
                for index, span in enumerate(coding.sentences)]  # type: ignore[attr-defined]
    positions, owners = candidate_words(table, coding.sentences)  # type: ignore[attr-defined]
    if bounds is not None:
        kept = np.flatnonzero(bounds.passing(table, positions, contexts, owners))
        positions, owners = positions[kept], owners[kept]
    for index, position in zip(owners.tolist(), positions.tolist()):
        yield index, position, table.word_features(position, contexts[index], types)


def candidate_words(table: TokenTable, spans: Sequence[Span]) -> tuple[np.ndarray, np.ndarray]:
    """(positions, sentence indices) of the candidate words (`TokenTable.candidate`) of the sentences `spans`,
    sentence by sentence, in the order of the text within each: found by numpy over the table when the sentences
    follow one another without overlapping (as `rules.text_sentences` gives them), else one by one."""
    ends = [span.end for span in spans]
    starts = [span.start for span in spans]
    if all(start >= end for start, end in zip(starts[1:], ends)):
        owner = np.full(len(table.candidates), -1, dtype=np.intp)
        for index, (start, end) in enumerate(zip(starts, ends)):
            owner[start:end] = index
        positions = np.flatnonzero(table.candidates & (owner >= 0))
        return positions, owner[positions]
    candidate = table.candidate
    words = [(index, position) for index, span in enumerate(spans)
             for position in range(span.start, span.end) if candidate[position]]
    return (np.array([position for _, position in words], dtype=np.intp),
            np.array([index for index, _ in words], dtype=np.intp))


class BestWords(Sequence[Token]):
    """A sentence's best word of each type, a Token object made only for the few words asked for (most
    sentences add no event)."""

    def __init__(self, doc: Doc, positions: list[int]) -> None:
        self.doc, self.positions = doc, positions

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, kind: int) -> Token:  # type: ignore[override]
        return self.doc[self.positions[kind]]


def score_article(model: EventModel, coding: object, *, bounded: bool = False) -> Scored:
    """The type model's probabilities: per word, then per sentence (its best word for each type). `bounded`: only
    the words that may reach the thresholds' floor (`EventModel.word_bounds`) are scored, the others' counting
    as 0 (the same decisions, not the same probabilities: training compares them with other thresholds)."""
    spans = list(coding.sentences)  # type: ignore[attr-defined]
    doc = coding.doc  # type: ignore[attr-defined]
    rule_events = events_by_sentence(coding)
    table = token_table(doc)
    bounds = model.word_bounds(lexicon_types(coding.context.lexicon)) if bounded else None  # type: ignore[attr-defined]
    words = list(sentence_words(coding, rule_events, table, bounds))
    probabilities = np.zeros((len(spans), len(TYPES)))
    triggers: list[Sequence[Token | None]] = [[None] * len(TYPES) for _ in spans]
    if words:
        positions = [position for _, position, _ in words]
        tables = model.vector_logits(doc.vocab.vectors)
        dense = None if tables is None else tables.logits(doc.vocab.vectors, table, [(i, p) for i, p, _ in words], spans)
        by_word = model.types.batch([features for _, _, features in words], dense_logits=dense)[:, 1:]  # 0: no event
        owners = [index for index, _, _ in words]  # words come sentence by sentence
        firsts = [row for row, index in enumerate(owners) if row == 0 or owners[row - 1] != index]
        # each sentence's best probability of each type and the first word reaching it (as argmax finds it), for
        # all sentences at once
        maxima = np.maximum.reduceat(by_word, firsts, axis=0)
        sentence_of_row = np.repeat(np.arange(len(firsts)), np.diff([*firsts, len(words)]))
        rows = np.where(by_word == maxima[sentence_of_row], np.arange(len(words))[:, None], len(words))
        probabilities[[owners[first] for first in firsts]] = maxima
        for first, best in zip(firsts, np.minimum.reduceat(rows, firsts, axis=0).tolist()):
            triggers[owners[first]] = BestWords(doc, [positions[row] for row in best])
    return Scored(coding, spans, rule_events, probabilities, triggers)


def sentence_index(event: Event, spans: Sequence[Span], by_start: dict[int, int]) -> int | None:
    """Which sentence an event was coded in (rule events carry their sentence's trimmed offsets)."""
    for index in (by_start.get(event.start), *range(len(spans))):
        if index is not None and spans[index].start_char <= event.start < spans[index].end_char:
            return index
    return None


def trigger_token(span: Span, event: Event) -> Token | None:
    """The word of the sentence a rule event was triggered by."""
    texts = doc_words(span.doc).texts  # no Token object for the words before it
    return next((span.doc[index] for index in range(span.start, span.end) if texts[index] == event.trigger), None)


def actor_scores(model: EventModel, scored: Scored, index: int, kind: str, trigger: Token | None) -> np.ndarray:
    """(candidates, 2) probabilities of being the source and the target of an event of `kind`."""
    key = (index, kind, -1 if trigger is None else trigger.i)
    if key not in scored.actor_scores:
        candidates = scored.candidates_of(index)
        rows = [candidate_features(candidate, kind, trigger) for candidate in candidates]
        scored.actor_scores[key] = model.actors.batch(rows) if rows else np.zeros((0, 2))
    return scored.actor_scores[key]


def best_actors(model: EventModel, scored: Scored, index: int, kind: str, trigger: Token | None, *,
                source: Actor | None, target: Actor | None, taken: Sequence[Actor] = (),
                undergoing: Sequence[Actor] = (), barred: Callable[[Candidate], bool] = lambda candidate: False,
                no_source: Callable[[Candidate], bool] = lambda candidate: False) -> tuple[Actor | None, Actor | None]:
    """Fill a missing source (the best candidate not one of the `undergoing` targets of the trigger's other events)
    and a missing target (the best other one above the floor, not one of the `taken` targets of other events of
    the type in the sentence); never a `barred` candidate, nor a `no_source` one as the source."""
    if source is not None and target is not None:
        return source, target  # nothing to decide: no candidates to build
    candidates = scored.candidates_of(index)
    if not candidates:
        return source, target
    scores = actor_scores(model, scored, index, kind, trigger)
    def told(i: int) -> bool:  # 'selon l'agence': who reports the words is neither who acts nor whom they are about
        tokens = candidates[i].tokens
        return bool(tokens) and all(reports(token) for token in tokens) or barred(candidates[i])

    if source is None:
        best = next((i for i in sorted(range(len(candidates)), key=lambda i: -scores[i, 0]) if not told(i)
                     and not no_source(candidates[i])
                     and not any(same_party(candidates[i].actor, other) for other in undergoing)), None)
        if best is not None and scores[best, 0] >= model.thresholds.source_floor and not (
                target and same_party(candidates[best].actor, target)):
            source = candidates[best].actor
    if target is None:
        for i in sorted(range(len(candidates)), key=lambda i: -scores[i, 1]):
            if scores[i, 1] < model.thresholds.target_floor:
                break
            actor = candidates[i].actor
            if told(i):
                continue
            if not same_party(actor, source) and not any(same_party(actor, other) for other in taken):
                target = actor
                break
    return source, target


def same_party(first: Actor, second: Actor | None) -> bool:
    """One actor, two names of one state ('Moscou' and 'la Russie'), or a member of a government and an unnamed
    government body of the same country ('le ministre X' and 'le gouvernement'): they do not act on each other.
    Two named people or organizations of one country do ('la ministre X a fustigé le député Y')."""
    if second is None:
        return False
    if actor_key(first) == actor_key(second):
        return True
    if first.country is None or first.country != second.country:
        return False
    pair = (first, second)
    if all(actor.sector in ("GOV", None) for actor in pair) and any(
            event_country(actor.name or "", as_actor=True) for actor in pair):
        return True
    return all(actor.sector == "GOV" for actor in pair) and any(actor.entity is None for actor in pair)


def choose(model: EventModel, scored: Scored, *, article_date: str | None) -> list[Event]:
    """Apply the thresholds: keep, add and complete events, sentence by sentence, in the order of the text."""
    chosen: list[Event] = []
    thresholds = model.thresholds
    told: dict[tuple[str, str, str], Actor] = {}  # (type, trigger's lemma, target) -> the source it was told with
    for index, span in enumerate(scored.spans):
        probabilities = scored.probabilities[index]
        coded = {event.type for event in scored.rule_events[index]}
        for event in scored.rule_events[index]:
            if probabilities[TYPES.index(event.type)] >= thresholds.keep:
                trigger = trigger_token(span, event)
                key = (event.type, lemma(trigger) if trigger is not None else "",
                       actor_key(event.target)[0] if event.target is not None else "")
                if event.source is None and event.target is not None and key in told:
                    event = replace(event, source=told[key])  # told again, with the same fields (EVENTS.md)
                event = completed(model, scored, index, event, trigger)
                if event.source is not None and event.target is not None:
                    told.setdefault(key, event.source)
                chosen.append(event)
        for position, kind in enumerate(TYPES):
            score = probabilities[position]
            if kind not in coded and score >= thresholds.add and (score >= thresholds.override or not rejected_by_rules(
                    scored, scored.triggers[index][position], kind)):
                added = added_event(model, scored, index, kind, article_date=article_date)
                if added.source is not None:  # an accusation needs an accuser, a visit a visitor
                    chosen.append(added)
    return with_criticisms(model, scored, chosen, article_date=article_date)


def with_criticisms(model: EventModel, scored: Scored, chosen: list[Event], *, article_date: str | None) -> list[Event]:
    """The chosen events with the accusations told by quotes (`criticism`), each after its sentence's events."""
    added = criticisms(model, scored, chosen, article_date=article_date)
    if not added:
        return chosen
    by_start = {span.start_char: index for index, span in enumerate(scored.spans)}
    def place(event: Event) -> int:
        index = sentence_index(event, scored.spans, by_start)
        return -1 if index is None else index
    return sorted([*chosen, *added], key=place)  # stable: the chosen events keep their order


def completed(model: EventModel, scored: Scored, index: int, event: Event, trigger: Token | None) -> Event:
    """A kept rule event with its actors completed: a missing source is the best candidate scoring at least
    `source_floor` that is no target of the trigger's other events, unless it is the subject of a word governing
    the trigger (none: the event stands without one, as 'un attentat à Lyon', and gets no target either), then a
    missing target the best other candidate scoring at least `target_floor`, neither the target of another event of
    the type in the sentence nor a source of the trigger's other events."""
    lexicon = scored.coding.context.lexicon  # type: ignore[attr-defined]
    # unknown attackers the rules imply stand only when the model names no one ('revendiqué par les rebelles')
    fallback = event.source if is_implied_attackers(event.source, lexicon) else None
    source, target = (None if fallback is not None else event.source), event.target
    others = [other for other in scored.rule_events[index] if other.type == event.type and other is not event]
    barred = spectators(scored, index, trigger)
    if source is None:  # not one the trigger acts on ('elle jugera X et Y': Y does not judge X)
        undergoing = [other.target for other in others if other.target is not None and other.trigger == event.trigger]
        no_source = told_elsewhere if trigger is not None and agentless_passive(trigger) else barred
        source, _ = best_actors(model, scored, index, event.type, trigger, source=None, target=target,
                                undergoing=undergoing, barred=barred, no_source=no_source)
        if source is not None and trigger is not None and governs_as_agent(scored, index, source, trigger):
            source = None  # the rules read that verb ('défendu la guerre') and found its subject no agent
    source = source or fallback
    if source is None or target is None and trigger is not None and denies_preceding(
            trigger, scored.spans[index], lexicon):
        return replace(event, source=source)  # 'ce que Moscou a démenti': the claim's actors are no targets
    if target is None and is_implied_forces(source, scored.coding.context.lexicon):  # type: ignore[attr-defined]
        return event  # 'un défilé militaire à Caracas': aimed at no one named
    # nor one of the actors doing it together ('les critiques de Paris et de Berlin': Berlin is no target of Paris)
    taken = [other.target for other in others if other.target is not None] + [
        other.source for other in others if other.source is not None and other.trigger == event.trigger]
    _, target = best_actors(model, scored, index, event.type, trigger, source=source, target=target, taken=taken,
                            barred=barred)
    return replace(event, source=source, target=target)


def told_elsewhere(candidate: Candidate) -> bool:
    """A candidate the sentence does not name: an actor of the previous sentence or the article's lead actor."""
    return bool(candidate.features & {"previous", "lead"})


def agentless_passive(trigger: Token) -> bool:
    """A passive verb with no agent ('des armes qui avaient été capturées aux Russes'): the text names no one doing
    it, so its source is no actor of an earlier sentence nor the article's lead actor."""
    passive = "Pass" in trigger.morph.get("Voice", []) or any(child.dep_ == "aux:pass" for child in trigger.children)
    return passive and not any(child.dep_ == "obl:agent" for child in trigger.children)


def spectators(scored: Scored, index: int, trigger: Token | None) -> Callable[[Candidate], bool]:
    """Who watches the trigger's event ('Ils ont assisté à un défilé militaire'): the subject of a `watch` verb
    governing it, or, when that subject is a pronoun, the actors it may stand for (those the sentence does not
    name). The spectators of a show of force are neither its source nor its target."""
    head = trigger.head if trigger is not None and trigger.head.i != trigger.i else None
    if head is None or not scored.coding.context.lexicon.cue("watch", lemma(head)):  # type: ignore[attr-defined]
        return lambda candidate: False
    subjects = [child for child in head.children if child.dep_ == "nsubj"]
    pronoun = any(subject.pos_ == "PRON" for subject in subjects)
    phrase = {token.i for subject in subjects for token in subject.subtree}
    return lambda candidate: (pronoun and told_elsewhere(candidate)) or any(
        token.i in phrase for token in candidate.tokens)


def governs_as_agent(scored: Scored, index: int, actor: Actor, trigger: Token) -> bool:
    """The actor is the subject of a word governing the trigger, or the rules' source of an event told by one; not
    of a word the trigger is coordinated with, whose subject it shares ('X s'en prend au maire et critique le
    préfet')."""
    shared = sharing_subject(trigger)
    if any(governor_subject(token, trigger) and token.head.i not in shared
           for token in phrases_naming(scored, index, actor)):
        return True
    governors = {head.i for head in islice(trigger.ancestors, MAX_CLIMB)} - shared
    span, name = scored.spans[index], actor_key(actor)[0]
    for event in scored.rule_events[index]:
        word = trigger_token(span, event)
        if event.source is not None and actor_key(event.source)[0] == name and word is not None and word.i in governors:
            return True
    return False


def sharing_subject(trigger: Token) -> set[int]:
    """The words the trigger is coordinated with, up a chain of conjuncts with no subject of their own: they share
    its subject."""
    shared: set[int] = set()
    current = trigger
    while current.dep_ == "conj" and current.head.i != current.i and len(shared) < MAX_CLIMB and not any(
            child.dep_.startswith("nsubj") for child in current.children):
        current = current.head
        shared.add(current.i)
    return shared


def phrases_naming(scored: Scored, index: int, actor: Actor) -> list[Token]:
    """The heads of the phrases of sentence `index` that name `actor` (a rule's actor and the phrase naming it
    may be two candidates, when the rules gave it another country)."""
    name = actor_key(actor)[0]
    return [token for candidate in scored.candidates_of(index) if actor_key(candidate.actor)[0] == name
            for token in candidate.tokens]


def rejected_by_rules(scored: Scored, trigger: Token | None, kind: str) -> bool:
    """The word is a trigger of `kind` in the lexicon and the rules coded no such event: their constraints
    ('accusé d'avoir volé' with no accuser, 'consulté par l'AFP') stand; the model adds what no rule looked at."""
    types = lexicon_types(scored.coding.context.lexicon)  # type: ignore[attr-defined]
    return trigger is not None and kind in types.get(lemma(trigger), ())


def added_event(model: EventModel, scored: Scored, index: int, kind: str, *, article_date: str | None) -> Event:
    """A new event of type `kind` told by sentence `index`, with its best actors."""
    span = scored.spans[index]
    trigger = scored.triggers[index][TYPES.index(kind)]
    source, target = best_actors(model, scored, index, kind, trigger, source=None, target=None)
    text = span_text(span)
    start = span.start_char + (len(text) - len(text.lstrip()))
    mode = event_mode(trigger or span.root, span, scored.coding.context.lexicon)  # type: ignore[attr-defined]
    if mode == "future" and kind == "AGREE":  # a promise is stated: asserted (EVENTS.md)
        mode = "asserted"
    return Event(type=kind, mode=mode, source=source, target=target, text=text.strip(), start=start,
                 end=start + len(text.strip()), trigger=trigger.text if trigger is not None else None,
                 cameo=type_cameo(kind), date=resolve_date(text, article_date, future=mode == "future"))
