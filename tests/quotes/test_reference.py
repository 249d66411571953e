"""The reference article of ../shared (its gold is in the dev set): every expected speaker is found."""
from __future__ import annotations

import json

import pytest

pytestmark = [pytest.mark.model, pytest.mark.shared]

SPEAKERS = ["Kim Jong Un", "Vladimir Poutine", "Sergueï Choïgou", "Ramon Pacheco Pardo", "John Kirby", "Washington",
            "Kiev", "le Financial Times", "les analystes"]
MIN_COVERAGE = 0.3


@pytest.fixture(scope="module")
def reference(shared, nlp):
    gold_dir = shared / "data" / "gold" / "dev"
    if not (gold_dir / "seed-kim-putin.json").exists():
        pytest.skip("the reference article's gold is not in ../shared")
    article = json.loads((gold_dir / "seed-kim-putin.json").read_text(encoding="utf-8"))
    gold = json.loads((gold_dir / "seed-kim-putin.gold.json").read_text(encoding="utf-8"))
    doc = nlp(article["text"])
    return article["text"], gold, list(doc._.newsgraph_quotes)


def covering(quotes, text, gold_quote):
    """The predicted quotes that cover at least 30 % of a gold quote's characters."""
    start = text.find(gold_quote)
    end = start + len(gold_quote)
    found = []
    for quote in quotes:
        overlap = min(end, quote.end) - max(start, quote.start)
        if start >= 0 and overlap >= MIN_COVERAGE * len(gold_quote):
            found.append(quote)
    return found


@pytest.mark.parametrize("speaker", SPEAKERS)
def test_reference_speaker_is_found(reference, speaker):
    text, gold, quotes = reference
    expected = [q for q in gold["quotes"] if q["speaker"] == speaker and not q.get("doubtful")]
    assert expected, f"{speaker} has no quote in the gold file"
    hits = [q for g in expected for q in covering(quotes, text, g["quote"]) if q.speaker and q.speaker.name == speaker]
    assert hits, f"no quote attributed to {speaker}"


def test_reference_quote_recall(reference):
    text, gold, quotes = reference
    expected = [q for q in gold["quotes"] if not q.get("doubtful")]
    found = [g for g in expected if covering(quotes, text, g["quote"])]
    assert len(found) / len(expected) >= 0.85
