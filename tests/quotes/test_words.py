"""The word classes the quote rules test tokens against, and the closing-quotation test events share."""
from __future__ import annotations

import pytest

from newsgraph.quotes.words import load_words, words


def test_word_classes_load_from_the_language_data():
    assert words() is load_words("fr")  # the default language's outside a `use_language` block
    assert {"que", "qu'", "qu’"} == words().que
    assert "lundi" in words().adjunct_openers  # the profile's weekdays complete the adjunct openers
    assert "il" in words().inverted_pronouns and "t" in words().euphonic


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="xx"):
        load_words("xx")


@pytest.mark.model
@pytest.mark.parametrize(("text", "word", "expected"), [
    ("« Nous partirons demain », abonde Marta Ranz.", "abonde", True),
    ("« Nous partirons demain », a tweeté Marta Ranz.", "tweeté", True),
    ("« Nous partirons demain », a de son côté tweeté Marta Ranz.", "tweeté", True),
    ("Marta Ranz abonde dans ce sens.", "abonde", False),
    ("« Nous partirons demain ». Marta Ranz abonde.", "abonde", False),
])
def test_closes_quotation(nlp, text, word, expected):
    from newsgraph.quotes.cues import closes_quotation

    doc = nlp.make_doc(text)
    token = next(t for t in doc if t.text == word)
    assert closes_quotation(token) is expected
