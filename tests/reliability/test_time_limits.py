"""Time is bounded in CPU seconds: a component that runs away on a document is stopped (the rest of the
pipeline goes on), an article whose whole analysis runs away gets a record without analysis; both warn."""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.analyze import analyze
from newsgraph.nlp import TimeLimitExceeded, doc_list, guarded, register_extensions, time_limit
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


@Language.component("reliability_guarded_runaway")
def guarded_runaway_component(doc: Doc) -> Doc:
    """Like a newsgraph component: its work runs through `guarded`, here with a short limit."""
    def run() -> None:
        doc_list(doc, "newsgraph_quotes").append("partial")
        while TRAP in doc.text:
            sum(range(10_000))

    return guarded(doc, "reliability_guarded_runaway", run, seconds=0.3)


@Language.component("reliability_after")
def after_component(doc: Doc) -> Doc:
    """Marks that the pipeline went on after a stopped component."""
    doc_list(doc, "newsgraph_events").append("ran")
    return doc


def test_runaway_component_is_stopped_and_the_pipeline_goes_on() -> None:
    register_extensions()
    nlp = spacy.blank("fr")
    nlp.add_pipe("reliability_guarded_runaway")
    nlp.add_pipe("reliability_after")
    started = time.process_time()
    stopped, normal = nlp(f"{FRENCH} {TRAP}"), nlp(FRENCH)
    assert time.process_time() - started < 30
    assert [w for w in stopped._.newsgraph_warnings if "stopped after 0.3 s of CPU" in w]
    assert stopped._.newsgraph_events == ["ran"] and stopped._.newsgraph_quotes == ["partial"]
    assert not normal._.newsgraph_warnings and normal._.newsgraph_events == ["ran"]


def test_inner_limit_ends_no_later_than_the_outer_one() -> None:
    started = time.process_time()
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.3):
            try:
                with time_limit(30):
                    while True:
                        sum(range(1000))
            except TimeLimitExceeded:
                pass  # the outer budget, spent inside the inner block
            while True:  # and the outer limit still fires right after
                sum(range(1000))
    assert time.process_time() - started < 5


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


# ---------------------------------------------------------------- no quadratic pass in our own pipeline code

PARAGRAPHS = "Le ministre a déclaré mardi : « la réforme sera votée », selon ses proches.\nIl pleut. Kim Jong Un est venu.\n\n"


def reference_sentence_starts(doc: Doc) -> list[bool | None]:
    """The rule of `newsgraph_paragraphs`, written token by token (quadratic in spaCy: kept for small docs)."""
    from newsgraph.lang.fr.repairs import SENTENCE_FINAL

    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            token.is_sent_start = True
        elif not previous.is_space and previous.text[-1] not in SENTENCE_FINAL:
            token.is_sent_start = False
    return [token.is_sent_start for token in doc]


def test_paragraphs_component_sets_the_same_starts_in_linear_time() -> None:
    from newsgraph.lang.fr.repairs import paragraphs_component

    nlp = spacy.blank("fr")
    small = PARAGRAPHS * 20
    assert [t.is_sent_start for t in paragraphs_component(nlp(small))] == reference_sentence_starts(nlp(small))
    timings = []
    for copies in (100, 800):
        doc = nlp(PARAGRAPHS * copies)
        started = time.process_time()
        paragraphs_component(doc)
        timings.append(time.process_time() - started)
    assert timings[1] < 30 * max(timings[0], 0.005), timings  # 8x the text: ~8x the time, not 64x


def test_a_limit_whose_exception_is_swallowed_fires_again() -> None:
    # Python prints and drops an exception raised in a weakref callback or a __del__: the alarm must come back
    import time

    swallowed, started = 0, time.process_time()
    with pytest.raises(TimeLimitExceeded):
        with time_limit(0.1):
            while time.process_time() - started < 5:
                try:
                    sum(range(10_000))
                except TimeLimitExceeded:
                    if swallowed:
                        raise
                    swallowed += 1
    assert swallowed == 1
