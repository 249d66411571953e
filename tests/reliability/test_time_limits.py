"""Time per article is bounded: an analysis that runs away is stopped, warned about, and the others go on."""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyze import TimeLimitExceeded, analyze, time_limit
from newsgraph.nlp import register_extensions
from newsgraph.records import Article

FRENCH = "Le conseil municipal a voté mardi soir le budget de la ville, après trois heures de débat. " * 3
TRAP = "BOUCLE"


@Language.component("reliability_runaway")
def runaway_component(doc: Doc) -> Doc:
    """Spins for ever on a document holding TRAP, swallowing ordinary exceptions as components do."""
    while TRAP in doc.text:
        try:
            sum(range(10_000))
        except Exception:  # noqa: BLE001 - like `nlp.guarded`: the limit must get through anyway
            pass
    return doc


@pytest.fixture(scope="module")
def runaway_nlp() -> Iterator[Language]:
    register_extensions()
    nlp = spacy.blank("fr")
    nlp.add_pipe("reliability_runaway")
    yield nlp


def articles() -> list[Article]:
    return [Article("first", FRENCH), Article("runaway", f"{FRENCH} {TRAP}"), Article("last", FRENCH)]


@pytest.mark.parametrize("workers", [1, 2])
def test_runaway_article_is_stopped_with_a_warning_and_the_others_analyzed(runaway_nlp: Language, workers: int) -> None:
    started = time.monotonic()
    records = list(analyze(articles(), nlp=runaway_nlp, workers=workers, seconds=0.5))
    assert [record.id for record in records] == ["first", "runaway", "last"]
    first, runaway, last = records
    assert any("time limit per article" in warning for warning in runaway.warnings)
    assert runaway.text.endswith(TRAP) and runaway.language == "fr"
    assert not first.warnings and not last.warnings
    assert time.monotonic() - started < 120


def test_time_limit_restores_an_outer_timer() -> None:
    fired: list[int] = []

    def outer(signum: int, frame: object) -> None:
        fired.append(signum)

    previous = signal.signal(signal.SIGPROF, outer)
    signal.setitimer(signal.ITIMER_PROF, 100)
    try:
        with time_limit(5):
            pass
        remaining, _ = signal.getitimer(signal.ITIMER_PROF)
        assert 90 < remaining <= 100.1
        assert signal.getsignal(signal.SIGPROF) is outer
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    assert not fired


def test_time_limit_stops_busy_code_and_is_off_outside_the_main_thread() -> None:
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.2):
            while True:
                sum(range(1000))
    finished: list[bool] = []

    def elsewhere() -> None:
        with time_limit(0.01):  # no SIGPROF handler outside the main thread: no limit, no error
            sum(range(3_000_000))
        finished.append(True)

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert finished == [True]
