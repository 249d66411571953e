"""Quote extraction stays linear on quote-dense text: a ratio to the parse of the same text, never a time."""
from __future__ import annotations

import time

import pytest

from newsgraph.quotes.rules import extract_quotes

pytestmark = pytest.mark.model

DENSE = [
    pytest.param("« Oui », a dit Jean Dupont. " * 1200, id="one-speaker-many-quotes"),
    pytest.param("Jean Dupont a dit " + "« Paul Martin » " * 2000 + "fin.", id="many-quoted-names"),
]


@pytest.mark.parametrize("text", DENSE)
def test_dense_quotes_cost_less_than_the_parse(nlp, text):
    with nlp.select_pipes(disable=["newsgraph_quotes", "newsgraph_events"]):
        started = time.process_time()
        doc = nlp(text)
        parse = time.process_time() - started
    started = time.process_time()
    quotes = list(extract_quotes(doc))
    extraction = time.process_time() - started
    assert all(doc.text[q.start : q.end] == q.text for q in quotes)
    assert extraction < parse  # quadratic passes cost several times the parse here
