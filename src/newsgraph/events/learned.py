"""The learned layer of event coding: which types a sentence reports, and who its actors are.

The rules (`rules.code_events`) propose events; two small linear models trained on the gold
(`python -m newsgraph.events.train`) decide:

- the type model scores every (sentence, type) from the sentence's words, its dependency pairs, the
  lexicon's trigger readings, its quote and the rules' own events there. A rule event stands when its
  (sentence, type) scores at least `keep`; a type scoring at least `add` that the rules did not code in
  the sentence becomes a new event (evaluative speech with no trigger word is the usual case), unless its
  best word is a lexicon trigger of that type the rules looked at and rejected;
- the actor model scores each candidate actor of a sentence (the phrases the actor resolver names, the
  speaker of the sentence's quote, the rules' actors there) as the source and as the target of an event of
  a type, given its trigger word. A new event takes the best source scoring at least `source_floor` (none:
  no event) and the best other target scoring at least `target_floor` (none: null). A rule event with a
  source and no target gets a target the same way; one with no source is left as the rules coded it.

Candidates are phrases of the text or the speaker of its quote, so an actor is never invented. Weights
ship in `model/events.npz` (feature vocabulary and coefficients); inference needs numpy only.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, MORPH, ORTH, POS
from spacy.tokens import Doc, Span, Token

from ..records import Actor, Event
from .actors import resolve_actor, speaker_actor
from .dates import resolve_date
from .lexicon import Lexicon
from .modes import CONTRACTIONS, event_mode, lemma
from .places import resolve_country

TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
CAMEO = {  # the CAMEO root code of each PLOVER type, for events the rules did not code
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "CONCEDE": "07", "COOPERATE": "06", "AID": "07",
    "RETREAT": "08", "REQUEST": "02", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
    "SANCTION": "16", "MOBILIZE": "15", "COERCE": "17", "ASSAULT": "18",
}
MODEL_FILE = "events.npz"
WORD_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
PAIR_DEPS = frozenset({"nsubj", "nsubj:pass", "obj", "obl", "obl:arg", "obl:agent", "nmod", "iobj", "xcomp",
                       "ccomp", "amod", "advmod"})
ACTOR_POS = frozenset({"NOUN", "PROPN", "PRON"})
NAME_DEPS = frozenset({"flat:name", "flat:foreign", "flat", "fixed", "compound", "det", "case", "expl:pass",
                       "expl:subj", "expl:comp", "expl"})
DENSE_SCALE = 5.0  # word vectors on the scale of the binary features, for the same regularization
MAX_ORDER = 3  # candidates are numbered 0, 1, 2, 3+ in the order of the text
MORPH_KEYS = frozenset({"Voice", "Tense", "Mood"})
MAX_CLIMB = 3  # a candidate may depend on the trigger or on up to three of its governors


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

    def batch(self, inputs: Sequence[Sequence[str]], vectors: np.ndarray | None = None) -> np.ndarray:
        """(inputs, outputs) probabilities for several inputs at once (unknown features are ignored)."""
        logits = np.tile(self.bias, (len(inputs), 1))
        owners: list[int] = []
        rows: list[int] = []
        get = self.vocabulary.get
        for owner, features in enumerate(inputs):
            found = {get(name) for name in features}
            found.discard(None)
            rows.extend(found)  # type: ignore[arg-type]
            owners.extend([owner] * len(found))
        if rows:
            np.add.at(logits, np.array(owners), self.weights[rows])
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


@dataclass(frozen=True)
class EventModel:
    """The type model and the actor model (source and target outputs), with their thresholds."""

    types: LinearModel
    actors: LinearModel
    thresholds: Thresholds = field(default_factory=Thresholds)

    def decide(self, coding: object, *, article_date: str | None = None) -> list[Event]:
        """The events of an article: the rules' events the type model keeps, and the ones it adds."""
        return choose(self, score_article(self, coding), article_date=article_date)

    def save(self, path: str | Path) -> None:
        """Write the model as one `.npz` file."""
        meta = json.dumps({"types": TYPES, "thresholds": self.thresholds.__dict__})
        np.savez_compressed(path, meta=np.array(meta), **self.types.arrays("types"), **self.actors.arrays("actors"))

    @classmethod
    def load(cls, path: str | Path) -> EventModel:
        """Read a model written by `save`; a file that is not one raises ValueError naming it."""
        try:
            with np.load(path, allow_pickle=False) as arrays:
                content = dict(arrays.items())
            meta = json.loads(str(content["meta"]))
            model = cls(LinearModel.from_arrays(content, "types"), LinearModel.from_arrays(content, "actors"),
                        Thresholds(**meta["thresholds"]))
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


# -- features of a word ----------------------------------------------------------------------------

def trigger_types(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """The event types the lexicon lists for each trigger lemma, whatever its part of speech."""
    found: dict[str, set[str]] = {}
    for (word, _), readings in lexicon.triggers.items():
        found.setdefault(word, set()).update(trigger.type for trigger in readings)
    return {word: frozenset(types) for word, types in found.items()}


_TRIGGER_TYPES: dict[int, dict[str, frozenset[str]]] = {}


def lexicon_types(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """`trigger_types`, computed once per lexicon."""
    key = id(lexicon)
    if key not in _TRIGGER_TYPES:
        _TRIGGER_TYPES[key] = trigger_types(lexicon)
    return _TRIGGER_TYPES[key]


def word_of(token: Token) -> str:
    """What a token contributes to a feature: its lemma, or its entity type for a name."""
    if token.pos_ == "PROPN" or token.ent_type_ in ("PER", "LOC", "ORG", "GPE"):
        return f"<{token.ent_type_ or 'NAME'}>"
    return lemma(token)


def is_word_candidate(token: Token) -> bool:
    """A word that may express an event: a verb, a noun or an adjective."""
    return token.pos_ in WORD_POS and token.dep_ not in ("fixed", "case")


@dataclass(frozen=True)
class SentenceContext:
    """What a sentence tells every word in it: the rules' events there and the quotes it overlaps."""

    rule_types: frozenset[str]
    rule_triggers: dict[str, frozenset[str]]  # trigger text -> types the rules coded it with
    quote_types: frozenset[str]
    cues: frozenset[str]


def sentence_context(sentence: Span, rule_events: Sequence[Event], quotes: Sequence[object]) -> SentenceContext:
    """The rules' events and the quotes of one sentence, as the word features read them."""
    triggers: dict[str, set[str]] = {}
    for event in rule_events:
        triggers.setdefault(event.trigger or "", set()).add(event.type)
    start, end = sentence.start_char, sentence.end_char
    overlapping = [q for q in quotes if q.start < end and q.end > start]  # type: ignore[attr-defined]
    return SentenceContext(
        rule_types=frozenset(event.type for event in rule_events),
        rule_triggers={text: frozenset(types) for text, types in triggers.items()},
        quote_types=frozenset(q.type for q in overlapping),  # type: ignore[attr-defined]
        cues=frozenset(word for q in overlapping for word in (q.cue or "").split()),  # type: ignore[attr-defined]
    )


def word_features(token: Token, context: SentenceContext, types: dict[str, frozenset[str]]) -> list[str]:
    """Features of one candidate word for the type model."""
    word = lemma(token)
    features = [f"l={word}", f"pos={token.pos_}", f"dep={token.dep_}", f"h={word_of(token.head)}",
                f"l={word}|dep={token.dep_}"]
    features.extend(f"lex={kind}" for kind in types.get(word, ()))
    for child in token.children:
        if child.dep_ in PAIR_DEPS or child.dep_ in ("aux:pass", "advmod:neg"):
            features.append(f"c={child.dep_}>{word_of(child)}")
            features.append(f"l={word}|c={child.dep_}>{word_of(child)}")
    for part in str(token.morph).split("|"):  # one string, not three look-ups
        key, _, values = part.partition("=")
        if key in MORPH_KEYS:
            features.extend(f"m={value}" for value in values.split(","))
    features.extend(f"rule={kind}" for kind in context.rule_triggers.get(token.text, ()))
    features.extend(f"srule={kind}" for kind in context.rule_types)
    features.extend(f"quote={kind}" for kind in context.quote_types)
    if token.text in context.cues:
        features.append("cue")
    return features


CHILD_DEPS = PAIR_DEPS | {"aux:pass", "advmod:neg"}  # the children a word's features read


@dataclass(frozen=True)
class TokenTable:
    """What the word features read of every token of a doc, from its token arrays in one pass: the same
    strings as `word_features` reads from Token objects, without building one Token per word."""

    text: list[str]
    lemma: list[str]  # `modes.lemma`
    word: list[str]  # `word_of`
    pos: list[str]
    dep: list[str]
    morph: list[list[str]]  # the "m=" features of the token's morphology
    head: list[int]
    children: list[list[int]]  # the children whose dependency the features read
    candidate: list[bool]  # `is_word_candidate`

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        """The doc's table, built from `doc.to_array` (strings read through caches shared by every doc)."""
        columns = doc.to_array([ORTH, LOWER, LEMMA, POS, DEP, ENT_TYPE, MORPH, HEAD])
        heads = (np.arange(len(doc)) + columns[:, 7].astype(np.int64)).tolist()
        readings = _StringCache.for_doc(doc).readings
        rows = [readings(tuple(row)) for row in columns[:, :7].tolist()]
        text, lemmas, words, pos, dep, morph = (list(column) for column in zip(*rows)) if rows else ([],) * 6
        children: list[list[int]] = [[] for _ in heads]
        for position, head in enumerate(heads):
            if head != position and dep[position] in CHILD_DEPS:
                children[head].append(position)
        candidate = [tag in WORD_POS and relation not in ("fixed", "case") for tag, relation in zip(pos, dep)]
        return cls(text, lemmas, words, pos, dep, morph, heads, children, candidate)

    def word_features(self, position: int, context: SentenceContext, types: dict[str, frozenset[str]]) -> list[str]:
        """`word_features` of the token at `position`."""
        word, dep = self.lemma[position], self.dep[position]
        features = [f"l={word}", f"pos={self.pos[position]}", f"dep={dep}", f"h={self.word[self.head[position]]}",
                    f"l={word}|dep={dep}"]
        features.extend(f"lex={kind}" for kind in types.get(word, ()))
        for child in self.children[position]:
            pair = f"c={self.dep[child]}>{self.word[child]}"
            features.append(pair)
            features.append(f"l={word}|{pair}")
        features.extend(self.morph[position])
        text = self.text[position]
        features.extend(f"rule={kind}" for kind in context.rule_triggers.get(text, ()))
        features.extend(f"srule={kind}" for kind in context.rule_types)
        features.extend(f"quote={kind}" for kind in context.quote_types)
        if text in context.cues:
            features.append("cue")
        return features


class _StringCache:
    """The strings of string-store keys, and the readings of a token's combination of keys,
    computed once per process (the keys are hashes of the strings, the same in every doc of a vocabulary)."""

    LIMIT = 500_000  # entries; the caches start over beyond this (a long run's rare words)
    _by_vocab: dict[int, _StringCache] = {}

    def __init__(self, strings: object) -> None:
        self.strings = strings
        self.names: dict[int, str] = {0: ""}
        self.tokens: dict[tuple[int, ...], tuple[str, str, str, str, str, list[str]]] = {}
        self.morphs: dict[int, list[str]] = {}

    @classmethod
    def for_doc(cls, doc: Doc) -> _StringCache:
        """The cache of the doc's vocabulary."""
        cache = cls._by_vocab.get(id(doc.vocab))
        if cache is None or cache.strings is not doc.vocab.strings:
            cache = cls._by_vocab[id(doc.vocab)] = cls(doc.vocab.strings)
        if len(cache.names) + len(cache.tokens) > cls.LIMIT:
            cache.__init__(doc.vocab.strings)  # type: ignore[misc]
        return cache

    def __call__(self, key: int) -> str:
        """The string of a string-store key ('' for 0)."""
        value = self.names.get(key)
        if value is None:
            value = self.names[key] = self.strings[key]  # type: ignore[index]
        return value

    def readings(self, key: tuple[int, ...]) -> tuple[str, str, str, str, str, list[str]]:
        """(text, `modes.lemma`, `word_of`, part of speech, dependency, "m=" features) of a token with these
        keys (ORTH, LOWER, LEMMA, POS, DEP, ENT_TYPE, MORPH)."""
        found = self.tokens.get(key)
        if found is None:
            orth, lower, lemma_key, pos_key, dep_key, ent_key, morph_key = key
            text, tag, ent = self(orth), self(pos_key), self(ent_key)
            value = (self(lower) if tag == "ADP" else self(lemma_key).lower()).replace("’", "'")
            value = CONTRACTIONS.get(value, value)
            named = tag == "PROPN" or ent in ("PER", "LOC", "ORG", "GPE")
            found = self.tokens[key] = (text, value, f"<{ent or 'NAME'}>" if named else value, tag, self(dep_key),
                                        self.morph(morph_key))
        return found

    def morph(self, key: int) -> list[str]:
        """The "m=" features of a morphology key (shared lists: read, never change them)."""
        features = self.morphs.get(key)
        if features is None:
            features = self.morphs[key] = morph_features(self(key))
        return features


def morph_features(morph: str) -> list[str]:
    """The "m=" features of a morphology string ('Mood=Ind|Tense=Past|VerbForm=Part')."""
    features = []
    for part in morph.split("|"):
        key, _, values = part.partition("=")
        if key in MORPH_KEYS:
            features.extend(f"m={value}" for value in values.split(","))
    return features


def word_vectors(tokens: Sequence[Token]) -> np.ndarray:
    """The unit word vectors of `tokens`, scaled to the binary features (zeros for words without one)."""
    if not tokens:
        return np.zeros((0, 0))
    return orth_vectors(tokens[0].doc.vocab, [token.orth for token in tokens])


def doc_vectors(doc: Doc, positions: Sequence[int]) -> np.ndarray:
    """`word_vectors` of the doc's tokens at `positions`, read from the ORTH array (no Token built)."""
    if not positions:
        return np.zeros((0, 0))
    orths = doc.to_array(ORTH)[np.asarray(positions)]
    return orth_vectors(doc.vocab, orths.tolist())


def orth_vectors(vocab: object, orths: Sequence[int]) -> np.ndarray:
    """The unit vectors of these word forms (string-store hashes), scaled; zeros for a word without one."""
    vectors = vocab.vectors  # type: ignore[attr-defined]
    rows = vectors.find(keys=list(orths))
    found = np.asarray(vectors.data)[np.maximum(rows, 0)] * (rows >= 0)[:, None]
    norms = np.linalg.norm(found, axis=1, keepdims=True)
    return DENSE_SCALE * found / np.where(norms > 0, norms, 1.0)


# -- candidate actors -------------------------------------------------------------------------------

@dataclass
class Candidate:
    """An actor that may be the source or target of an event of the sentence, with what tells it apart."""

    actor: Actor
    features: set[str]
    tokens: list[Token] = field(default_factory=list)  # the heads of the phrases that name it in the sentence


def actor_key(actor: Actor) -> tuple[str, str | None]:
    """Two candidates naming one actor merge."""
    return ((actor.name or "").lower(), actor.country)


def phrase_features(token: Token, sentence: Span) -> set[str]:
    """Where a phrase stands in its sentence."""
    dep = token.dep_
    features = {f"dep={dep}", f"pos={token.pos_}", f"hdep={token.head.dep_}", f"hpos={token.head.pos_}"}
    features.add(f"dep={dep}|h={lemma(token.head)}")
    case = next((lemma(c) for c in token.children if c.dep_ == "case"), None)
    if case:
        features.add(f"case={case}")
        features.add(f"case={case}|h={lemma(token.head)}")
    if dep.startswith("nsubj") and token.head.dep_ == "ROOT":
        features.add("main_subject")
    features.add("first_half" if token.i - sentence.start < len(sentence) / 2 else "second_half")
    return features


def actor_features(actor: Actor, home: str) -> set[str]:
    """What kind of actor it is."""
    kind = (actor.entity or "none:").split(":")[0]
    features = {f"sector={actor.sector}", f"kind={kind}", f"country={actor.country is not None}"}
    if actor.country is not None:
        features.add("home" if actor.country == home else ("igo" if actor.country == "IGO" else "foreign"))
    if resolve_country(actor.name or "", as_actor=True):
        features.add("state")
    return features


def sentence_candidates(coding: object, sentence: Span, rule_events: Sequence[Event]) -> list[Candidate]:
    """The candidate actors of a sentence, merged by name and country, in the order of the text."""
    context = coding.context  # type: ignore[attr-defined]
    found: dict[tuple[str, str | None], Candidate] = {}

    def add(actor: Actor | None, features: set[str], token: Token | None = None) -> None:
        if actor is None or not actor.name:
            return
        key = actor_key(actor)
        if key not in found:
            found[key] = Candidate(actor, {f"order={min(len(found), MAX_ORDER)}"} | actor_features(actor, context.home))
        found[key].features |= features
        if token is not None:
            found[key].tokens.append(token)

    for token in sentence:
        if token.pos_ in ACTOR_POS and token.dep_ not in NAME_DEPS:
            add(resolve_actor(context, token), phrase_features(token, sentence), token)
    for quote in coding.quotes:  # type: ignore[attr-defined]
        if quote.start < sentence.end_char and quote.end > sentence.start_char:
            add(speaker_actor(context, quote.speaker), {"speaker", f"speaker={quote.type}"})
    for event in rule_events:
        add(event.source, {"rule_source", f"rule_source={event.type}"})
        add(event.target, {"rule_target", f"rule_target={event.type}"})
    return list(found.values())


def relation_features(candidate: Candidate, trigger: Token | None) -> set[str]:
    """How the candidate's phrases stand to the event's trigger word in the parse."""
    if trigger is None:
        return {"no_trigger"}
    features: set[str] = set()
    governors = [trigger, *list(trigger.ancestors)[:MAX_CLIMB]]
    for token in candidate.tokens[:2]:
        if token.i == trigger.i:
            features.add("is_trigger")
            continue
        climb = next((level for level, head in enumerate(governors) if token.head.i == head.i), None)
        if climb is not None:
            features.add(f"rel={token.dep_}|up={climb}")
            features.update(f"rel={token.dep_}|case={lemma(c)}" for c in token.children if c.dep_ == "case")
        elif trigger.head.i == token.i:
            features.add(f"governs|{trigger.dep_}")
        elif trigger in token.subtree:
            features.add("holds_trigger")
        features.add("before" if token.i < trigger.i else "after")
        features.add(f"distance={min(abs(token.i - trigger.i) // 3, 5)}")
    return features


def candidate_features(candidate: Candidate, kind: str, trigger: Token | None = None) -> list[str]:
    """The candidate's features and its relations to the trigger, alone and joined with the event type."""
    names = candidate.features | relation_features(candidate, trigger)
    return [*names, *(f"{kind}|{name}" for name in names)]


# -- deciding ----------------------------------------------------------------------------------------

@dataclass
class Scored:
    """An article's sentences, the rules' events in each, and the type model's probabilities."""

    coding: object
    spans: list[Span]
    rule_events: list[list[Event]]
    probabilities: np.ndarray  # (sentences, types): the best word's probability of each type
    triggers: list[list[Token | None]]  # (sentences, types): that word
    candidates: dict[int, list[Candidate]] = field(default_factory=dict)
    actor_scores: dict[tuple[int, str, int], np.ndarray] = field(default_factory=dict)

    def candidates_of(self, index: int) -> list[Candidate]:
        """The candidate actors of sentence `index` (computed once)."""
        if index not in self.candidates:
            self.candidates[index] = sentence_candidates(self.coding, self.spans[index], self.rule_events[index])
        return self.candidates[index]


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


def sentence_words(coding: object, rule_events: Sequence[Sequence[Event]]) -> Iterator[tuple[int, int, list[str]]]:
    """(sentence index, token index, features) for every candidate word of the article."""
    types = lexicon_types(coding.context.lexicon)  # type: ignore[attr-defined]
    table = TokenTable.of(coding.doc)  # type: ignore[attr-defined]
    for index, span in enumerate(coding.sentences):  # type: ignore[attr-defined]
        context = sentence_context(span, rule_events[index], coding.quotes)  # type: ignore[attr-defined]
        for position in range(span.start, span.end):
            if table.candidate[position]:
                yield index, position, table.word_features(position, context, types)


def score_article(model: EventModel, coding: object) -> Scored:
    """The type model's probabilities: per word, then per sentence (its best word for each type)."""
    spans = list(coding.sentences)  # type: ignore[attr-defined]
    doc = coding.doc  # type: ignore[attr-defined]
    rule_events = events_by_sentence(coding)
    words = list(sentence_words(coding, rule_events))
    probabilities = np.zeros((len(spans), len(TYPES)))
    triggers: list[list[Token | None]] = [[None] * len(TYPES) for _ in spans]
    if words:
        positions = [position for _, position, _ in words]
        vectors = doc_vectors(doc, positions) if model.types.dense is not None else None
        by_word = model.types.batch([features for _, _, features in words], vectors)[:, 1:]  # column 0: no event
        owners = [index for index, _, _ in words]  # words come sentence by sentence
        firsts = [row for row, index in enumerate(owners) if row == 0 or owners[row - 1] != index]
        for first, last in zip(firsts, [*firsts[1:], len(words)]):
            index, block = owners[first], by_word[first:last]
            probabilities[index] = block.max(axis=0)
            best = block.argmax(axis=0).tolist()
            tokens = {row: doc[positions[first + row]] for row in set(best)}  # a Token only for the best words
            triggers[index] = [tokens[row] for row in best]
    return Scored(coding, spans, rule_events, probabilities, triggers)


def sentence_index(event: Event, spans: Sequence[Span], by_start: dict[int, int]) -> int | None:
    """Which sentence an event was coded in (rule events carry their sentence's trimmed offsets)."""
    for index in (by_start.get(event.start), *range(len(spans))):
        if index is not None and spans[index].start_char <= event.start < spans[index].end_char:
            return index
    return None


def trigger_token(span: Span, event: Event) -> Token | None:
    """The word of the sentence a rule event was triggered by."""
    return next((token for token in span if token.text == event.trigger), None)


def actor_scores(model: EventModel, scored: Scored, index: int, kind: str, trigger: Token | None) -> np.ndarray:
    """(candidates, 2) probabilities of being the source and the target of an event of `kind`."""
    key = (index, kind, -1 if trigger is None else trigger.i)
    if key not in scored.actor_scores:
        candidates = scored.candidates_of(index)
        rows = [candidate_features(candidate, kind, trigger) for candidate in candidates]
        scored.actor_scores[key] = model.actors.batch(rows) if rows else np.zeros((0, 2))
    return scored.actor_scores[key]


def best_actors(model: EventModel, scored: Scored, index: int, kind: str, trigger: Token | None, *,
                source: Actor | None, target: Actor | None, taken: Sequence[Actor] = ()) -> tuple[Actor | None, Actor | None]:
    """Fill a missing source (the best candidate) and a missing target (the best other one above the floor,
    not one of the `taken` targets of other events of the type in the sentence)."""
    if source is not None and target is not None:
        return source, target  # nothing to decide: no candidates to build
    candidates = scored.candidates_of(index)
    if not candidates:
        return source, target
    scores = actor_scores(model, scored, index, kind, trigger)
    if source is None:
        best = int(np.argmax(scores[:, 0]))
        actor = candidates[best].actor
        if scores[best, 0] >= model.thresholds.source_floor and not (target and same_party(actor, target)):
            source = actor
    if target is None:
        for i in sorted(range(len(candidates)), key=lambda i: -scores[i, 1]):
            if scores[i, 1] < model.thresholds.target_floor:
                break
            actor = candidates[i].actor
            if not same_party(actor, source) and not any(same_party(actor, other) for other in taken):
                target = actor
                break
    return source, target


def same_party(first: Actor, second: Actor | None) -> bool:
    """One actor, or two names of one state ('Moscou' and 'la Russie'), which do not act on each other."""
    if second is None:
        return False
    if actor_key(first) == actor_key(second):
        return True
    return first.country is not None and first.country == second.country and (
        first.sector in ("GOV", None) and second.sector in ("GOV", None))


def choose(model: EventModel, scored: Scored, *, article_date: str | None) -> list[Event]:
    """Apply the thresholds: keep, add and complete events, sentence by sentence, in the order of the text."""
    chosen: list[Event] = []
    thresholds = model.thresholds
    for index, span in enumerate(scored.spans):
        probabilities = scored.probabilities[index]
        coded = {event.type for event in scored.rule_events[index]}
        for event in scored.rule_events[index]:
            if probabilities[TYPES.index(event.type)] >= thresholds.keep:
                trigger = trigger_token(span, event)
                if event.source is None:  # the rules found no agent ('un attentat à Lyon'): none is guessed
                    chosen.append(event)
                    continue
                taken = [other.target for other in scored.rule_events[index]
                         if other.type == event.type and other.target is not None]
                _, target = best_actors(model, scored, index, event.type, trigger, source=event.source,
                                        target=event.target, taken=taken)
                chosen.append(replace(event, target=target))
        for position, kind in enumerate(TYPES):
            score = probabilities[position]
            if kind not in coded and score >= thresholds.add and (score >= thresholds.override or not rejected_by_rules(
                    scored, scored.triggers[index][position], kind)):
                added = added_event(model, scored, index, kind, article_date=article_date)
                if added.source is not None:  # an accusation needs an accuser, a visit a visitor
                    chosen.append(added)
    return chosen


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
    text = span.text
    start = span.start_char + (len(text) - len(text.lstrip()))
    mode = event_mode(trigger or span.root, span, scored.coding.context.lexicon)  # type: ignore[attr-defined]
    if mode == "future" and kind == "AGREE":  # a promise is stated: asserted (EVENTS.md)
        mode = "asserted"
    return Event(type=kind, mode=mode, source=source, target=target, text=text.strip(), start=start,
                 end=start + len(text.strip()), trigger=trigger.text if trigger is not None else None,
                 cameo=CAMEO[kind], date=resolve_date(text, article_date, future=mode == "future"))
