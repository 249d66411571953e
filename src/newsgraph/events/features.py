"""Features of the learned event layer: the words of a sentence (lemma, dependency pairs, morphology, lexicon
readings) for the type model, the candidate actors of a sentence and their relations to a trigger word for the
actor model, and the documents' word vectors. The same functions serve training and inference.
"""
from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, MORPH, ORTH, POS
from spacy.tokens import Doc, Span, Token

from ..entities.countries import event_country
from ..nlp import PerDoc
from ..records import Actor, Event
from .actors import resolve_actor, speaker_actor
from .lexicon import Lexicon
from .modes import CONTRACTIONS, lemma
from .modes import table_lemmas as lemmas_of_table

WORD_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
PAIR_DEPS = frozenset({"nsubj", "nsubj:pass", "obj", "obl", "obl:arg", "obl:agent", "nmod", "iobj", "xcomp",
                       "ccomp", "amod", "advmod"})
ACTOR_POS = frozenset({"NOUN", "PROPN", "PRON"})
NAME_DEPS = frozenset({"flat:name", "flat:foreign", "flat", "fixed", "compound", "det", "case", "expl:pass",
                       "expl:subj", "expl:comp", "expl"})
DENSE_SCALE = 5.0  # word vectors on the scale of the binary features, for the same regularization
MAX_ORDER = 3  # candidates are numbered 0, 1, 2, 3+ in the order of the text
MORPH_KEYS = frozenset({"Voice", "Tense", "Mood"})
CARRIED = frozenset({"main_subject", "speaker", "rule_source", "rule_target"})  # what a previous sentence's actor keeps
MAX_CLIMB = 3  # a candidate may depend on the trigger or on up to three of its governors
_TRIGGER_TYPES: dict[int, dict[str, frozenset[str]]] = {}
KEY_BYTES = 7 * 8  # the seven uint64 keys of a token that `_StringCache.readings` reads
ROW_KEYS = struct.Struct("=7Q")  # those keys, as `Doc.to_array` lays them out (native uint64)
CHILD_DEPS = PAIR_DEPS | {"aux:pass", "advmod:neg"}  # the children a word's features read
Reading = tuple[str, str, str, str, str, tuple[str, ...], bool, int, bytes]  # what `_StringCache.readings` gives


# -- features of a word ----------------------------------------------------------------------------

def trigger_types(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """The event types the lexicon lists for each trigger lemma, whatever its part of speech."""
    found: dict[str, set[str]] = {}
    for (word, _), readings in lexicon.triggers.items():
        found.setdefault(word, set()).update(trigger.type for trigger in readings)
    return {word: frozenset(types) for word, types in found.items()}


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

    @cached_property
    def shared_features(self) -> list[str]:
        """The "srule=" and "quote=" features every word of the sentence has (built once per sentence)."""
        return [*(f"srule={kind}" for kind in self.rule_types), *(f"quote={kind}" for kind in self.quote_types)]


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


@dataclass(frozen=True)
class TokenTable:
    """What the word features read of every token of a doc, from its token arrays in one pass: the same
    strings as `word_features` reads from Token objects, without building one Token per word."""

    text: list[str]
    lemma: list[str]  # `modes.lemma`
    word: list[str]  # `word_of`
    pos: list[str]
    dep: list[str]
    morph: list[tuple[str, ...]]  # the "m=" features of the token's morphology
    head: list[int]
    children: list[tuple[int, ...]]  # the children whose dependency the features read
    candidate: list[bool]  # `is_word_candidate`
    orth: np.ndarray  # the word forms' string-store keys (`vector_rows` reads them)
    ids: np.ndarray  # each token's reading: its index in `readings` (the same for every token of these strings)
    head_array: np.ndarray  # `head`, as an array
    candidates: np.ndarray  # `candidate`, as an array
    readings: list[Reading] = field(repr=False, compare=False)  # the readings met in the process
    # (`_StringCache.by_id`), shared by every table

    @classmethod
    def of(cls, doc: Doc) -> TokenTable:
        """The doc's table, built from `doc.to_array` (strings read through caches shared by every doc)."""
        columns = doc.to_array([ORTH, LOWER, LEMMA, POS, DEP, ENT_TYPE, MORPH, HEAD])
        head_array = np.arange(len(doc)) + columns[:, 7].astype(np.int64)
        heads = head_array.tolist()
        cache = _StringCache.for_doc(doc)
        known, readings = cache.tokens.get, cache.readings
        # a token's keys as one bytes object (cheap to hash), all of them made by one numpy call; a token seen
        # before is read from the cache with no method call
        keys = np.ascontiguousarray(columns[:, :7]).view(f"V{KEY_BYTES}").ravel().tolist()
        rows = [known(key) or readings(key) for key in keys]
        found = list(zip(*rows)) if rows else [()] * 9
        text, lemmas, words, pos, dep, morph, candidate = (list(column) for column in found[:7])
        children = children_of(heads, dep, CHILD_DEPS)
        return cls(text, lemmas, words, pos, dep, morph, heads, children, candidate, columns[:, 0],
                   np.array(found[7], dtype=np.intp), head_array, np.array(found[6], dtype=bool), cache.by_id)

    @cached_property
    def dependents(self) -> list[tuple[int, ...]]:
        """Every child of each token, in order (`Token.children` as positions, built once per doc when first asked
        for: spaCy's walks a token's whole subtree span at each call, making a Token per word of it)."""
        return children_of(self.head)

    def word_features(self, position: int, context: SentenceContext, types: dict[str, frozenset[str]]) -> list[str]:
        """`word_features` of the token at `position`."""
        word, dep = self.lemma[position], self.dep[position]
        features = [f"l={word}", f"pos={self.pos[position]}", f"dep={dep}", f"h={self.word[self.head[position]]}",
                    f"l={word}|dep={dep}"]
        lexicon_kinds = types.get(word)
        if lexicon_kinds:  # most words have none
            features.extend([f"lex={kind}" for kind in lexicon_kinds])
        for child in self.children[position]:
            pair = f"c={self.dep[child]}>{self.word[child]}"
            features.append(pair)
            features.append(f"l={word}|{pair}")
        features.extend(self.morph[position])
        text = self.text[position]
        rule_kinds = context.rule_triggers.get(text)
        if rule_kinds:
            features.extend([f"rule={kind}" for kind in rule_kinds])
        features.extend(context.shared_features)
        if text in context.cues:
            features.append("cue")
        return features


_TABLES: PerDoc[TokenTable] = PerDoc()
NO_CHILDREN: tuple[int, ...] = ()


def children_of(heads: list[int], relations: list[str] | None = None,
                wanted: frozenset[str] | None = None) -> list[tuple[int, ...]]:
    """The children of each position given its head's position (those whose relation is `wanted`, if given), in
    order: tuples, the empty one shared, which the garbage collector stops tracking, where one list per token
    would be scanned by every full collection as long as the doc lives (a first pass over many docs paid more
    for those than for the rest of the table)."""
    found: dict[int, list[int]] = {}
    for child, head in enumerate(heads):
        if head != child and (wanted is None or relations[child] in wanted):  # type: ignore[index]
            below = found.get(head)
            if below is None:
                found[head] = [child]
            else:
                below.append(child)
    children = [NO_CHILDREN] * len(heads)
    for head, below in found.items():
        children[head] = tuple(below)
    return children


def token_table(doc: Doc) -> TokenTable:
    """The doc's `TokenTable`, built once per doc and shared by the rules' scans and the learned layer."""
    found = _TABLES.get(doc)
    if found is None or len(found.text) != len(doc):
        found = _TABLES.put(doc, TokenTable.of(doc))
    return found


def table_lemmas(doc: Doc) -> list[str] | None:
    """`modes.table_lemmas` of the doc's table: `modes.lemma` of every token, None when the active language undoes
    other contractions than those the table reads (the caller then reads its tokens)."""
    return lemmas_of_table(token_table(doc))


class _StringCache:
    """The strings of string-store keys, and the readings of a token's combination of keys,
    computed once per process (the keys are hashes of the strings, the same in every doc of a vocabulary)."""

    LIMIT = 500_000  # entries; the caches start over beyond this (a long run's rare words)
    _by_vocab: dict[int, _StringCache] = {}

    def __init__(self, strings: object) -> None:
        self.strings = strings
        self.names: dict[int, str] = {0: ""}
        self.tokens: dict[bytes, Reading] = {}
        self.by_id: list[Reading] = []  # the readings in the order they were met: a reading's id is its index
        self.morphs: dict[int, tuple[str, ...]] = {}

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

    def readings(self, key: bytes) -> Reading:
        """(text, `modes.lemma`, `word_of`, part of speech, dependency, "m=" features, `is_word_candidate`, id,
        `key`) of a token with these keys (ORTH, LOWER, LEMMA, POS, DEP, ENT_TYPE, MORPH), given as the bytes of its
        row of `Doc.to_array`; the id numbers the readings in the order they were met (`by_id`)."""
        found = self.tokens.get(key)
        if found is None:
            orth, lower, lemma_key, pos_key, dep_key, ent_key, morph_key = ROW_KEYS.unpack(key)  # no numpy call per word
            text, tag, ent, dep = self(orth), self(pos_key), self(ent_key), self(dep_key)
            value = (self(lower) if tag == "ADP" else self(lemma_key).lower()).replace("’", "'")
            value = CONTRACTIONS.get(value, value)
            named = tag == "PROPN" or ent in ("PER", "LOC", "ORG", "GPE")
            found = self.tokens[key] = (text, value, f"<{ent or 'NAME'}>" if named else value, tag, dep,
                                        self.morph(morph_key), tag in WORD_POS and dep not in ("fixed", "case"),
                                        len(self.by_id), key)
            self.by_id.append(found)
        return found

    def morph(self, key: int) -> tuple[str, ...]:
        """The "m=" features of a morphology key (tuples of strings, like the readings holding them: the garbage
        collector stops tracking them)."""
        features = self.morphs.get(key)
        if features is None:
            features = self.morphs[key] = tuple(morph_features(self(key)))
        return features


def morph_features(morph: str) -> list[str]:
    """The "m=" features of a morphology string ('Mood=Ind|Tense=Past|VerbForm=Part')."""
    features: list[str] = []
    for part in morph.split("|"):
        key, _, values = part.partition("=")
        if key in MORPH_KEYS:
            features.extend(f"m={value}" for value in values.split(","))
    return features


def projection_of(vocab: object, directions: int) -> np.ndarray:
    """The `directions` principal directions of the vocabulary's unit word vectors, (dimensions, directions):
    the type model reads the vectors shrunk on them, so that they cost little to fit, to store and to read."""
    data = np.asarray(vocab.vectors.data, dtype=np.float64)  # type: ignore[attr-defined]
    norms = np.linalg.norm(data, axis=1, keepdims=True)
    data = data / np.where(norms > 0, norms, 1.0)
    _, _, rows = np.linalg.svd(data - data.mean(axis=0), full_matrices=False)
    signs = np.sign(rows[:directions].sum(axis=1, keepdims=True))  # a fixed sign: reruns write one file
    return (rows[:directions] * np.where(signs == 0, 1.0, signs)).T


def unit_table(vectors: object, projection: np.ndarray) -> np.ndarray:
    """The unit vectors of a whole vectors table, scaled to the binary features and projected on the model's
    directions, and a last row of zeros: (rows + 1, directions). `vector_rows` index it."""
    data = np.asarray(vectors.data, dtype=np.float64)  # type: ignore[attr-defined]
    norms = np.linalg.norm(data, axis=1, keepdims=True)
    table = (DENSE_SCALE * data / np.where(norms > 0, norms, 1.0)) @ projection
    return np.vstack([table, np.zeros((1, projection.shape[1]))])


def vector_rows(vectors: object, table: TokenTable) -> np.ndarray:
    """The row of each token of the table's doc in the vectors table; -1 (the last row of `unit_table`: zeros)
    for a word without a vector."""
    get = vectors.key2row.get  # type: ignore[attr-defined]
    return np.fromiter((get(key, -1) for key in table.orth.tolist()), np.int64, len(table.orth))


def clause_of(table: TokenTable, position: int) -> list[int]:
    """The words whose vectors make a word's clause: the word, its head and the children its features read."""
    return [position, table.head[position], *table.children[position]]


def mean_vector(rows: np.ndarray) -> np.ndarray:
    """The direction of the sum of scaled unit vectors, scaled as they are (zeros for none)."""
    total = rows.sum(axis=0)
    norm = float(np.linalg.norm(total))
    return DENSE_SCALE * total / norm if norm > 0 else total


def word_dense(units: np.ndarray, table: TokenTable, words: Sequence[tuple[int, int]],
               spans: Sequence[Span]) -> np.ndarray:
    """The type model's dense input of each (sentence index, token position), from the doc's projected unit
    vectors (`unit_table` at `vector_rows`): the word's vector, the mean vector of its sentence and that of
    its clause, side by side. Training reads it; inference adds up the same logits from a table
    (`learned.VectorLogits`)."""
    dimensions = units.shape[1]
    rows = np.zeros((len(words), 3 * dimensions))
    sentences = {index: mean_vector(units[spans[index].start:spans[index].end]) for index in {i for i, _ in words}}
    for row, (index, position) in enumerate(words):
        rows[row, :dimensions] = units[position]
        rows[row, dimensions:2 * dimensions] = sentences[index]
        rows[row, 2 * dimensions:] = mean_vector(units[clause_of(table, position)])
    return rows


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
    table, lemmas = token_table(token.doc), table_lemmas(token.doc)  # the head's strings with no Token object
    head = table.head[token.i]
    dep, head_dep = table.dep[token.i], table.dep[head]
    features = {f"dep={dep}", f"pos={table.pos[token.i]}", f"hdep={head_dep}", f"hpos={table.pos[head]}"}
    head_lemma = lemmas[head] if lemmas is not None else lemma(token.head)
    features.add(f"dep={dep}|h={head_lemma}")
    case = next((lemma(token.doc[c]) if lemmas is None else lemmas[c] for c in table.dependents[token.i]
                 if table.dep[c] == "case"), None)
    if case:
        features.add(f"case={case}")
        features.add(f"case={case}|h={head_lemma}")
    if dep.startswith("nsubj") and head_dep == "ROOT":
        features.add("main_subject")
    features.add("first_half" if token.i - sentence.start < len(sentence) / 2 else "second_half")
    return features


def actor_features(actor: Actor, home: str) -> set[str]:
    """What kind of actor it is."""
    kind = (actor.entity or "none:").split(":")[0]
    features = {f"sector={actor.sector}", f"kind={kind}", f"country={actor.country is not None}"}
    if actor.country is not None:
        features.add("home" if actor.country == home else ("igo" if actor.country == "IGO" else "foreign"))
    if event_country(actor.name or "", as_actor=True):
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

    table = token_table(sentence.doc)  # a Token object only for the phrase heads
    for position in range(sentence.start, sentence.end):
        if table.pos[position] in ACTOR_POS and table.dep[position] not in NAME_DEPS:
            token = sentence.doc[position]
            actor = resolve_actor(context, token)
            if actor is not None and actor.name:  # where the phrase stands, only for those naming an actor
                add(actor, phrase_features(token, sentence), token)
    for quote in coding.quotes:  # type: ignore[attr-defined]
        if quote.start < sentence.end_char and quote.end > sentence.start_char:
            add(speaker_actor(context, quote.speaker), {"speaker", f"speaker={quote.type}"})
    for event in rule_events:
        add(event.source, {"rule_source", f"rule_source={event.type}"})
        add(event.target, {"rule_target", f"rule_target={event.type}"})
    return list(found.values())


def with_previous(coding: object, candidates: list[Candidate], previous: Sequence[Candidate]) -> list[Candidate]:
    """The sentence's candidates, then the actors of the previous sentence it does not name ('Ils avaient attaqué
    un hôtel' after a sentence naming the shebab): marked `previous`, with what kind of actor they are and what
    they were there (subject, speaker, a rule's actor), and no phrase in this sentence."""
    home = coding.context.home  # type: ignore[attr-defined]
    named = {actor_key(candidate.actor) for candidate in candidates}
    added = [Candidate(candidate.actor, {"previous", *actor_features(candidate.actor, home),
                                         *(f"previous|{name}" for name in candidate.features if name in CARRIED)})
             for candidate in previous if actor_key(candidate.actor) not in named]
    return [*candidates, *added]


def lead_candidate(coding: object) -> Candidate | None:
    """The article's lead actor, the source of most of the rules' events (at least two; the first in the text
    on a tie), as a candidate marked `lead` with what kind of actor it is; None when there is none."""
    counts: dict[tuple[str, str | None], int] = {}
    actors: dict[tuple[str, str | None], Actor] = {}
    for event in coding.events:  # type: ignore[attr-defined]
        if event.source is not None and event.source.name:
            key = actor_key(event.source)
            counts[key] = counts.get(key, 0) + 1
            actors.setdefault(key, event.source)
    if not counts or max(counts.values()) < 2:
        return None
    lead = actors[max(counts, key=counts.__getitem__)]
    return Candidate(lead, {"lead", *actor_features(lead, coding.context.home)})  # type: ignore[attr-defined]


def with_lead(candidates: list[Candidate], lead: Candidate | None) -> list[Candidate]:
    """The candidates, then the article's lead actor when they do not name it."""
    if lead is None or any(actor_key(candidate.actor) == actor_key(lead.actor) for candidate in candidates):
        return candidates
    return [*candidates, lead]


def relation_features(candidate: Candidate, trigger: Token | None) -> set[str]:
    """How the candidate's phrases stand to the event's trigger word in the parse."""
    if trigger is None:
        return {"no_trigger"}
    features: set[str] = set()
    governors = [trigger, *islice(trigger.ancestors, MAX_CLIMB)]  # no Token object for the heads above
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


def governor_subject(token: Token, trigger: Token) -> bool:
    """The token is the subject (active or passive) of a word governing the trigger, up to MAX_CLIMB levels
    ('les nationalistes' of 'ont défendu la guerre'), not of the trigger itself."""
    return token.dep_.startswith("nsubj") and any(token.head.i == head.i for head in islice(trigger.ancestors, MAX_CLIMB))


def candidate_features(candidate: Candidate, kind: str, trigger: Token | None = None) -> list[str]:
    """The candidate's features and its relations to the trigger, alone and joined with the event type."""
    names = candidate.features | relation_features(candidate, trigger)
    return [*names, *(f"{kind}|{name}" for name in names)]
