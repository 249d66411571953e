"""The per-Doc scan of `entities.spans` gives what its per-token functions give."""
from __future__ import annotations

import pytest

from newsgraph.entities.lexicon import load_lexicon
from newsgraph.entities.spans import is_name_word, scan, starts_sentence

pytestmark = pytest.mark.model

TEXT = ("SÉOUL – Le dirigeant nord-coréen Kim Jong Un a reçu M. Poutine.\n\nSelon l'AFP, « Lundi ? Non »; "
        "le ministre de la Transition écologique Barbara Pompili… a parlé à Bruno Le Maire  \n Commentaire : NDLR")


def test_scan_matches_the_token_functions(nlp):
    lex = load_lexicon("fr")
    doc = nlp(TEXT)
    words = scan(lex, doc)
    assert words.texts == [token.text for token in doc]
    assert words.names == [is_name_word(lex, token) for token in doc]
    assert words.inner == [is_name_word(lex, token, inner=True) for token in doc]
    assert words.names != words.inner  # capitalised role nouns: "Maire"
    assert words.starts == [starts_sentence(doc, i) for i in range(len(doc))]
    assert words.breaks == ["\n" in token.text_with_ws for token in doc]
    assert any(words.names) and not all(words.names) and any(words.breaks)
    assert scan(lex, doc) is words
