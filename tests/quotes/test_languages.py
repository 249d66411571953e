"""The quote rules read the words of the language their component is configured with, not the default one's."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy

from language_support import added_language
from newsgraph.lang.profile import active_profile, use_language
from newsgraph.quotes.words import load_words, words

LANG = "zq"  # a test-only language: the French data and profile, with 'comme' as its only unelided complementizer
FRENCH_ONLY = "Le ministre Paul Durand a affirmé que la réforme sera adoptée en juin."
OTHER_ONLY = "Le ministre Paul Durand a affirmé comme la réforme sera adoptée en juin."
CONTENT = "la réforme sera adoptée en juin"


@pytest.fixture()
def other_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Language `LANG`, added as adding a language is done: a `lang/<code>/` folder with a profile and data."""
    # the quote lexicon reads the outlets of entities/media.tsv
    with added_language(LANG, tmp_path, monkeypatch, data=("quotes", "entities/media.tsv")) as folder:
        table = folder / "quotes" / "words.tsv"
        french_que = "\nque\tque qu' qu’\n"
        assert french_que in table.read_text(encoding="utf-8")
        table.write_text(table.read_text(encoding="utf-8").replace(french_que, "\nque\tcomme qu' qu’\n"),
                         encoding="utf-8")
        yield LANG


def test_the_word_classes_are_the_active_language_s(other_language: str) -> None:
    assert words() is load_words("fr")
    with use_language(other_language):
        assert words() is load_words(other_language) and "comme" in words().que and "que" not in words().que
    assert "que" in words().que and "comme" not in words().que


@pytest.mark.model
def test_the_quotes_component_reads_the_words_of_its_language(nlp, other_language: str) -> None:
    found: dict[tuple[str, str], list[tuple[str, str | None]]] = {}
    for text in (FRENCH_ONLY, OTHER_ONLY):
        with nlp.select_pipes(disable=["newsgraph_quotes", "newsgraph_events"]):
            doc = nlp(text)
        for lang in ("fr", other_language):
            pipeline = spacy.blank("fr")
            pipeline.add_pipe("newsgraph_quotes", config={"lang": lang})
            doc._.newsgraph_quotes = None
            pipeline(doc)
            found[text, lang] = [(q.text, q.speaker.name if q.speaker else None) for q in doc._.newsgraph_quotes]
            assert active_profile().code == "fr"  # the language was active for the call only
    assert found[FRENCH_ONLY, "fr"] == [(CONTENT, "Paul Durand")] and found[FRENCH_ONLY, other_language] == []
    assert found[OTHER_ONLY, other_language] == [(CONTENT, "Paul Durand")] and found[OTHER_ONLY, "fr"] == []
    for text in (FRENCH_ONLY, OTHER_ONLY):  # the default pipeline reads French
        default = nlp(text)._.newsgraph_quotes
        assert [(q.text, q.speaker.name if q.speaker else None) for q in default] == found[text, "fr"]
