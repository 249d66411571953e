"""The type model's upper bounds: words whose score cannot reach a threshold are not scored, with the same events."""
from __future__ import annotations

import math

import numpy as np
import pytest

from newsgraph.events.bounds import WordBounds, places, split_pair
from newsgraph.events.features import TokenTable, lexicon_types, sentence_context
from newsgraph.events.learned import (
    TYPES,
    EventModel,
    LinearModel,
    Thresholds,
    choose,
    default_model,
    events_by_sentence,
    score_article,
)
from newsgraph.events.rules import code_events

TEXT = ("« Nous ne céderons pas », a déclaré mardi le ministre Jean Dupont, qui a été reçu au Kremlin. "
        "Les manifestants, arrêtés par la police, dénoncent des détentions arbitraires du régime. "
        "Le gouvernement russe a accusé l'Ukraine d'avoir bombardé une centrale, ce que Kiev dément. "
        "La ville a inauguré un nouveau pont sur la rivière.")


def margins(model: LinearModel, features: list[str]) -> np.ndarray:
    """Each event type's logit over that of "no event" (softmax) or its logit (sigmoid), computed directly."""
    rows = sorted({model.vocabulary[name] for name in features if name in model.vocabulary})
    logits = model.bias + model.weights[rows].sum(axis=0)
    return logits[1:] - logits[0] if model.softmax else logits[1:]


def words_of(doc, coding):
    """(positions, contexts, owners, features) of the candidate words of a coded doc."""
    table = TokenTable.of(doc)
    types = lexicon_types(coding.context.lexicon)
    rule_events = events_by_sentence(coding)
    contexts = [sentence_context(span, rule_events[i], coding.quotes) for i, span in enumerate(coding.sentences)]
    words = [(i, p) for i, span in enumerate(coding.sentences) for p in range(span.start, span.end)
             if table.candidate[p]]
    features = [table.word_features(p, contexts[i], types) for i, p in words]
    return table, [p for _, p in words], contexts, [i for i, _ in words], features, types


def test_feature_names_are_read_every_way_they_may_be_split() -> None:
    assert places("l=a|c=obj>b|c=nmod>c", "|c=") == [3, 11]
    assert split_pair("c=obl:arg><LOC>") == ("obl:arg", "<LOC>")


def test_the_tables_hold_what_each_name_gives_read_every_way() -> None:
    names = ["l=a|b|dep=x", "l=a|dep=x|dep=y", "l=a|c=obj>b|c=nmod>c", "c=obj", "c=obj>", "c=nmod>c", "c=obj>x>y",
             "l=a", "l=a|dep=x", "l=a|c=nmod>c", "l=b|c=obj", "h=a", "h=", "l=", "l=|dep=", "lex=X", "lex=Y",
             "l=q|c=obj>x>y", "l=z|zz", "pos=NOUN"]
    random = np.random.default_rng(3)
    vocabulary = {names[i]: row for row, i in enumerate(random.permutation(len(names)))}  # in no order
    weights, bias = random.normal(size=(len(names), 4)), random.normal(size=4)
    types = {"a": frozenset({"X", "Y"}), "zz": frozenset({"Y"}), "b|dep=x": frozenset({"X"})}
    bounds = WordBounds(vocabulary, weights, bias, softmax=True, floor=0.5, types=types)
    positive = np.maximum(weights[:, 1:] - weights[:, :1], 0.0)
    added: dict[object, list[np.ndarray]] = {}  # lemma or (dep, word) -> the rows added
    largest: dict[object, list[np.ndarray]] = {}  # -> the rows whose largest is added
    for name, row in vocabulary.items():
        if name[:2] == "l=":
            added.setdefault(name[2:], []).append(positive[row])
            for at in places(name, "|dep="):
                largest.setdefault(name[2:at], []).append(positive[row])
            for at in places(name, "|c="):
                largest.setdefault(split_pair(name[at + 1:]), []).append(positive[row])
        elif name[:2] == "c=":
            added.setdefault(split_pair(name), []).append(positive[row])
    for word, kinds in types.items():
        added.setdefault(word, []).extend(positive[vocabulary[f"lex={kind}"]] for kind in kinds)
    keys = added.keys() | largest.keys()
    lemmas = {key for key in keys if isinstance(key, str)}
    pairs = keys - lemmas

    def expected(key: object) -> np.ndarray:
        return sum(added.get(key, []), np.zeros(3)) + np.max([*largest.get(key, []), np.zeros(3)], axis=0)

    assert bounds.heads == {"a": vocabulary["h=a"], "": vocabulary["h="]}
    assert bounds.lemmas.keys() == lemmas and bounds.pairs.keys() == pairs
    assert {"a|b", "a", "a|dep=x", "", "z|zz"} <= lemmas
    assert {("obj", "b|c=nmod>c"), ("nmod", "c"), ("obj", ""), ("obj", "x>y")} <= pairs
    for key in lemmas:
        assert np.allclose(bounds.rows[bounds.lemmas[key]], expected(key)), key
    for key in pairs:
        assert np.allclose(bounds.rows[bounds.pairs[key]], expected(key)), key


@pytest.mark.model
@pytest.mark.parametrize("softmax", [True, False])
def test_the_bound_is_above_each_words_margin_for_any_weights(nlp, softmax: bool) -> None:
    doc = nlp(TEXT)
    coding = code_events(doc)
    table, positions, contexts, owners, features, types = words_of(doc, coding)
    names = sorted({name for row in features for name in row})
    random = np.random.default_rng(7)
    model = LinearModel({name: i for i, name in enumerate(names)}, random.normal(size=(len(names), 1 + len(TYPES))),
                        random.normal(size=1 + len(TYPES)), softmax=softmax)
    bounds = WordBounds(model.vocabulary, model.weights, model.bias, softmax=softmax, floor=0.5, types=types)
    upper = bounds.upper(table, positions, contexts, owners)
    exact = np.array([margins(model, row) for row in features])
    assert (upper >= exact - 1e-9).all()
    assert (upper > exact + 1e-6).any()  # a bound, not the score


@pytest.mark.model
def test_the_shipped_model_scores_few_words_and_decides_the_same(nlp) -> None:
    doc = nlp(TEXT)
    coding = code_events(doc)
    model = default_model()
    table, positions, contexts, owners, features, types = words_of(doc, coding)
    bounds = model.word_bounds(types)
    assert bounds is not None and bounds is model.word_bounds(types)  # made once per lexicon
    upper = bounds.upper(table, positions, contexts, owners)
    assert (upper >= np.array([margins(model.types, row) for row in features]) - 1e-9).all()
    passing = bounds.passing(table, positions, contexts, owners)
    assert 0 < sum(passing) < len(passing)  # an article of political events: most words are candidates
    exact, bounded = score_article(model, coding), score_article(model, coding, bounded=True)
    reached = exact.probabilities >= model.thresholds.add
    assert (reached == (bounded.probabilities >= model.thresholds.add)).all()
    assert (exact.probabilities[reached] == bounded.probabilities[reached]).all()
    assert choose(model, exact, article_date=None) == choose(model, bounded, article_date=None)


def test_bounds_need_a_floor_strictly_between_0_and_1() -> None:
    types = LinearModel({"a": 0}, np.zeros((1, 1 + len(TYPES))), np.zeros(1 + len(TYPES)), softmax=True)
    actors = LinearModel({}, np.zeros((0, 2)), np.zeros(2))
    assert EventModel(types, actors, Thresholds(keep=0.0, add=1.01)).word_bounds({}) is None  # nothing is added
    found = EventModel(types, actors, Thresholds(keep=0.2, add=0.5)).word_bounds({})
    assert found is not None and found.limit == pytest.approx(math.log(0.2 / 0.8), abs=1e-6)  # keep is lower
