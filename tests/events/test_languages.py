"""The events rules read the words of the language their component is configured with, not the default one's."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import spacy

from language_support import added_language
from newsgraph.analyze import dated_doc
from newsgraph.lang.profile import active_profile, get_profile, use_language

LANG = "zz"  # a test-only language: the French data and profile, with other month names
MONTHS = ("nivôse", "pluviôse", "ventôse", "germinal", "floréal", "prairial", "messidor", "thermidor", "fructidor",
          "vendémiaire", "brumaire", "frimaire")  # the French Republican calendar's, read as January to December
TEXT = ("Le 9 thermidor, le président turc a menacé la Grèce. "
        "Le 3 juillet, le Premier ministre grec a rencontré le chancelier allemand à Berlin.")


@pytest.fixture()
def other_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Language `LANG`, added as adding a language is done: a `lang/<code>/` folder with a profile and data."""
    with added_language(LANG, tmp_path, monkeypatch, data=("events",), profile_changes=f", months={MONTHS!r}"):
        yield LANG


def test_the_active_profile_is_the_default_language_outside_a_block(other_language: str) -> None:
    assert active_profile() is get_profile("fr")
    with use_language(other_language) as profile:
        assert active_profile() is profile and profile.months[7] == "thermidor"
        with use_language("fr"):
            assert active_profile().months[7] == "août"
        assert active_profile() is profile
    assert active_profile() is get_profile("fr")


@pytest.mark.model
def test_the_events_component_reads_the_words_of_its_language(nlp, other_language: str) -> None:
    with nlp.select_pipes(disable=["newsgraph_events"]):
        doc = nlp(dated_doc(nlp, TEXT, "2023-08-17"))
    dates = {}
    for lang in ("fr", other_language):
        pipeline = spacy.blank("fr")
        pipeline.add_pipe("newsgraph_events", config={"lang": lang, "learned": False})
        doc._.newsgraph_events = None
        pipeline(doc)
        dates[lang] = {event.type: event.date for event in doc._.newsgraph_events}
        assert active_profile().code == "fr"  # the language was active for the call only
    assert dates[other_language] == {"THREATEN": "2023-08-09", "CONSULT": None}  # '9 thermidor' is a date, 'juillet' not
    assert dates["fr"] == {"THREATEN": None, "CONSULT": "2023-07-03"}
    default = nlp(dated_doc(nlp, TEXT, "2023-08-17"))._.newsgraph_events  # the default pipeline reads French
    assert {event.type: event.date for event in default} == dates["fr"]
