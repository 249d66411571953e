"""Which words the type model need not score: an upper bound of each word's score, read from the weights.

The type model decides only where a type's probability reaches a threshold (`Thresholds.add`, and `keep` when
above 0). A word's logit of a type is its bias plus the weights of the word's features; with the outputs made
exclusive (softmax), a probability p of a type needs its logit at least logit(p) above that of "no event"
(p <= sigmoid(logit_type - logit_none)). Adding only the positive part of each feature's weight (of its margin
over "no event", for a softmax model) bounds that logit from above, whatever the other features are; a word
whose bound stays below the threshold's logit for every type cannot reach the threshold, and skipping it changes
no decision: the sentence's best word of a type that reaches it is among the words kept, and their scores are
computed as before.

The bound is a sum of rows read from tables made once per model (about 20 ms: the sorted names sliced by kind, read
by comprehensions, summed by numpy), with no feature string built per word: what the word's lemma gives (l=, lex=,
the largest l|dep= of the lemma), what its part of speech, relation and morphology give (pos=, dep=, m=), what its
head gives (h=), what each child of a relation the features read gives (c=, and the largest l|c= of that pair after
any lemma), and what its sentence gives (the srule= and quote= features, every rule= type of the sentence, cue when
the sentence overlaps a quote's cue). On the profiled articles about one candidate word in eleven is left to score.
"""
from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import numpy as np

from .features import CHILD_DEPS, SentenceContext, TokenTable

K = TypeVar("K")
SLACK = 1e-9  # the bound is summed in another order than the exact logits: words this close are scored


class WordBounds:
    """The positive weights of a type model's features (of their margin over "no event" for a softmax model),
    gathered by what they are read from (for one lexicon's trigger types)."""

    def __init__(self, vocabulary: dict[str, int], weights: np.ndarray, bias: np.ndarray, *, softmax: bool,
                 floor: float, types: dict[str, frozenset[str]]) -> None:
        if softmax:  # the margin over "no event" (output 0) of each event type
            margins, base = weights[:, 1:] - weights[:, :1], bias[1:] - bias[0]
        else:
            margins, base = weights[:, 1:], bias[1:]
        positive = np.maximum(margins, 0.0)
        self.base = base
        self.limit = math.log(floor / (1.0 - floor)) - SLACK
        self.vocabulary = vocabulary
        width = positive.shape[1]
        self.none = len(positive)  # a row of zeros follows the features' rows
        names = sorted(vocabulary)  # each kind of feature a slice, found by bisection
        row = vocabulary.__getitem__
        heads = starting(names, "h=")
        self.heads = dict(zip([name[2:] for name in heads], map(row, heads)))  # word -> the row of "h=word"
        children = starting(names, "c=")
        pair_keys = [(dep, word) for dep, _, word in (name[2:].partition(">") for name in children)]
        pair_sums = list(map(row, children))
        lemma_names = starting(names, "l=")
        lemma_keys = [name[2:] for name in lemma_names]  # the lemma of each row added (one l= name per lemma)
        lemma_sums = list(map(row, lemma_names))
        lex = {kind: vocabulary.get(f"lex={kind}") for kinds in types.values() for kind in kinds}
        for word, kinds in types.items():
            for kind in kinds:
                if (found := lex[kind]) is not None:
                    lemma_keys.append(word)
                    lemma_sums.append(found)
        piped = [name for name in lemma_names if "|" in name]
        split = [name.partition("|") for name in piped]  # one '|': the name is read one way
        lemma_maxima = [(lemma[2:], name) for name, (lemma, _, rest) in zip(piped, split)
                        if rest[:4] == "dep=" and "|" not in rest]  # (lemma, name whose row's largest is taken)
        pair_maxima = [((dep, word), name) for name, (dep, _, word) in
                       ((name, rest[2:].partition(">")) for name, (_, _, rest) in zip(piped, split)
                        if rest[:2] == "c=" and "|" not in rest)]
        for name in [name for name, (_, _, rest) in zip(piped, split) if "|" in rest]:
            for at in places(name, "|dep="):  # each way of reading the name (a lemma may hold '|'): a bound either way
                lemma_maxima.append((name[2:at], name))
            for at in places(name, "|c="):
                pair_maxima.append((split_pair(name[at + 1:]), name))
        lemmas, lemma_rows = gathered(positive, lemma_keys, lemma_sums, lemma_maxima, row)
        pairs, pair_rows = gathered(positive, pair_keys, pair_sums, pair_maxima, row)
        start = self.none + 1
        self.lemmas = dict(zip(lemmas, range(start, start + len(lemmas))))
        start += len(lemmas)
        self.pairs = dict(zip(pairs, range(start, start + len(pairs))))
        self.rows = np.vstack([positive, np.zeros((1, width)), lemma_rows, pair_rows])
        # lemma -> its row: l=, lex=, the largest l|dep= of the lemma; (dep, word) -> its row: c=, the largest l|c=
        self.tags: dict[tuple[str, str, tuple[str, ...]], int] = {}  # (pos, dep, morph) -> its row of `extra`
        self.extra_rows: dict[tuple[str, ...], int] = {}  # features -> the row of `extra` summing them
        self.sentence_rows: dict[tuple[frozenset[str], frozenset[str], bool], int] = {}  # `_sentence`'s rows
        self.extra = np.zeros((64, width))  # sums of rows met: a word's pos=, dep=, m=; a sentence's features
        # what each reading of a token (`TokenTable.ids`) gives a word's bound, by reading id: the row of `rows` of
        # its lemma, of it as a head, of it as a child the features read (`none` for the others), and the row of
        # `extra` of its part of speech, relation and morphology; grown as new readings are met
        self._readings: list | None = None  # the list of readings the ids number (`TokenTable.readings`)
        self._lemma_of = self._head_of = self._pair_of = self._tags_of = np.zeros(0, dtype=np.intp)

    def _names(self, names: Iterable[str]) -> np.ndarray:
        """The rows of features given by name, summed."""
        found = [index for index in map(self.vocabulary.get, names) if index is not None]
        return self.rows[found].sum(axis=0)

    def _extra(self, names: tuple[str, ...]) -> int:
        """The row of `extra` holding the sum of the features `names` (added on first use)."""
        row = self.extra_rows.get(names)
        if row is None:
            row = self.extra_rows[names] = len(self.extra_rows)
            if row == len(self.extra):  # room doubled: a copy per doubling
                self.extra = np.concatenate([self.extra, np.zeros_like(self.extra)])
            found = [index for index in map(self.vocabulary.get, names) if index is not None]
            self.extra[row] = self.rows[found].sum(axis=0)
        return row

    def _tags(self, key: tuple[str, str, tuple[str, ...]]) -> int:
        """The row of `extra` of what a word's part of speech, relation and morphology give its bound."""
        row = self.tags.get(key)
        if row is None:
            row = self.tags[key] = self._extra((f"pos={key[0]}", f"dep={key[1]}", *key[2]))
        return row

    def _sentence(self, context: SentenceContext) -> int:
        """The row of `extra` of what a sentence gives each of its words: its shared features, any rule= type,
        the cue (found by what they are read from: no feature name built for a sentence like one met before)."""
        key = (context.rule_types, context.quote_types, bool(context.cues))
        row = self.sentence_rows.get(key)
        if row is None:
            row = self.sentence_rows[key] = self._extra((
                *context.shared_features, *(f"rule={kind}" for kind in sorted(context.rule_types)),
                *(("cue",) if context.cues else ())))
        return row

    def passing(self, table: TokenTable, positions: Sequence[int] | np.ndarray, contexts: Sequence[SentenceContext],
                owners: Sequence[int] | np.ndarray) -> list[bool]:
        """For each word at `positions` (of the sentence `contexts[owner]`), whether its bound reaches the floor:
        the words the type model must score."""
        if len(positions) == 0:
            return []
        return (self.upper(table, positions, contexts, owners).max(axis=1) >= self.limit).tolist()

    def _by_reading(self, table: TokenTable) -> None:
        """Extend the rows of each reading id (`_lemma_of`, `_head_of`, `_pair_of`, `_tags_of`) to every reading the
        table's ids may name (the readings met since the last call, once each per process)."""
        readings = table.readings
        if readings is not self._readings:  # another cache (or the cache started over): its ids are new
            self._readings = readings
            self._lemma_of = self._head_of = self._pair_of = self._tags_of = np.zeros(0, dtype=np.intp)
        start = len(self._lemma_of)
        if start >= len(readings):
            return
        new = readings[start:]  # (text, lemma, word, pos, dep, morph, candidate, id)
        lemma_row, head_row, pair_row, none = self.lemmas.get, self.heads.get, self.pairs.get, self.none
        lemma_of = [lemma_row(reading[1], none) for reading in new]
        head_of = [head_row(reading[2], none) for reading in new]
        pair_of = [pair_row((reading[4], reading[2]), none) if reading[4] in CHILD_DEPS else none for reading in new]
        tags_of = [self._tags((reading[3], reading[4], reading[5])) for reading in new]
        self._lemma_of = np.concatenate([self._lemma_of, np.array(lemma_of, dtype=np.intp)])
        self._head_of = np.concatenate([self._head_of, np.array(head_of, dtype=np.intp)])
        self._pair_of = np.concatenate([self._pair_of, np.array(pair_of, dtype=np.intp)])
        self._tags_of = np.concatenate([self._tags_of, np.array(tags_of, dtype=np.intp)])

    def upper(self, table: TokenTable, positions: Sequence[int] | np.ndarray, contexts: Sequence[SentenceContext],
              owners: Sequence[int] | np.ndarray) -> np.ndarray:
        """(words, event types): the bound of each type's logit (over "no event"'s, for a softmax model) of each
        word at `positions` (of the sentence `contexts[owner]`), summed by numpy from the rows of each token's
        reading (`TokenTable.ids`): no Python step per word, but for readings met for the first time."""
        self._by_reading(table)
        ids, heads = table.ids, table.head_array
        at = np.asarray(positions, dtype=np.intp)
        own = ids[at]
        bounds = self.rows[self._lemma_of[own]] + self.rows[self._head_of[ids[heads[at]]]] + self.base
        # the children the features read (a relation of CHILD_DEPS; those giving nothing left out) of each word
        owner_at = np.full(len(ids), -1, dtype=np.intp)
        owner_at[at] = np.arange(len(at))
        owner_of_head = owner_at[heads]
        pairs = self._pair_of[ids]
        below = np.flatnonzero((owner_of_head >= 0) & (pairs != self.none) & (heads != np.arange(len(ids))))
        if len(below):
            np.add.at(bounds, owner_of_head[below], self.rows[pairs[below]])
        sentences = np.array([self._sentence(context) for context in contexts], dtype=np.intp)
        extra = self.extra  # read after `_sentence`, which may grow it
        bounds += extra[self._tags_of[own]]
        bounds += extra[sentences[np.asarray(owners, dtype=np.intp)]]
        return bounds


def gathered(positive: np.ndarray, keys: list[K], sums: list[int], maxima: list[tuple[K, str]],
             row: Callable[[str], int]) -> tuple[list[K], np.ndarray]:
    """The distinct keys and, for each, the rows of `positive` `sums` gives it added (in the order given), plus the
    largest of the rows of the names `maxima` gives it (`sums[i]` is a row for `keys[i]`, `row` a name's row)."""
    distinct = list(dict.fromkeys(keys + [key for key, _ in maxima]))
    numbers = dict(zip(distinct, range(len(distinct))))
    width = positive.shape[1]
    columns = np.arange(width)
    found = np.zeros((len(distinct), width))  # updated as one flat array: numpy's fast path of ufunc.at
    owners = np.fromiter(map(numbers.__getitem__, keys), np.intp, len(keys))
    np.add.at(found.reshape(-1), (owners[:, None] * width + columns).reshape(-1), positive[sums].reshape(-1))
    if maxima:
        largest = np.zeros_like(found)  # the rows are positive parts: 0 is no larger than any of them
        owners = np.fromiter((numbers[key] for key, _ in maxima), np.intp, len(maxima))
        np.maximum.at(largest.reshape(-1), (owners[:, None] * width + columns).reshape(-1),
                      positive[[row(name) for _, name in maxima]].reshape(-1))
        found += largest
    return distinct, found


def starting(names: list[str], prefix: str) -> list[str]:
    """The names of sorted `names` that start with `prefix` (of two characters)."""
    after = prefix[0] + chr(ord(prefix[1]) + 1)
    return names[bisect_left(names, prefix):bisect_left(names, after)]


def places(name: str, marker: str) -> list[int]:
    """Where `marker` starts in `name`."""
    found: list[int] = []
    at = name.find(marker)
    while at >= 0:
        found.append(at)
        at = name.find(marker, at + 1)
    return found


def split_pair(name: str) -> tuple[str, str]:
    """("dep", "word") of a child feature "c=dep>word" (relations hold no '>')."""
    dep, _, word = name[2:].partition(">")
    return dep, word
