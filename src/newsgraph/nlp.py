"""The spaCy pipeline: the French model plus newsgraph's components.

Components store their results on `Doc._` (see `EXTENSIONS`); the `records` stage reads
them back. Each component catches its own failures per document and records a warning,
so one odd article never stops a batch.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .defaults import DEFAULT_MODEL
from .lemmas import index_lemmatizer
from .timelimit import TimeLimitExceeded, time_limit

log = logging.getLogger(__name__)

EXTENSIONS = ("newsgraph_entities", "newsgraph_quotes", "newsgraph_events", "newsgraph_warnings", "newsgraph_date")
COMPONENTS = ("newsgraph_entities", "newsgraph_quotes", "newsgraph_events")
COMPONENT_SECONDS = 10.0  # CPU time limit of one component on one document (typically 0.05 s)


def register_extensions() -> None:
    """Declare the `Doc._` attributes that newsgraph components fill."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    register_record_codec()


RECORD_TAG = "__newsgraph_record__"


def register_record_codec() -> None:
    """Let records stored on `Doc._` travel through msgpack (`Doc.to_bytes`, `nlp.pipe(n_process=2)`)."""
    import srsly.msgpack

    srsly.msgpack.msgpack_encoders.register("newsgraph_records", func=_encode_record)
    srsly.msgpack.msgpack_decoders.register("newsgraph_records", func=_decode_record)


def _encode_record(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    from . import records

    if isinstance(obj, records._Record):
        return {RECORD_TAG: type(obj).__name__, "data": obj.to_dict()}
    return obj if chain is None else chain(obj)


def _decode_record(obj: Any, chain: Callable[[Any], Any] | None = None) -> Any:
    from . import records

    if isinstance(obj, dict) and RECORD_TAG in obj:
        return getattr(records, obj[RECORD_TAG]).from_dict(obj["data"])
    return obj if chain is None else chain(obj)


def doc_list(doc: Doc, name: str) -> list[Any]:
    """The list stored on `doc._.<name>`, created empty on first use."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


def warn(doc: Doc, message: str) -> None:
    """Attach a warning to the document's record."""
    doc_list(doc, "newsgraph_warnings").append(message)


def guarded(doc: Doc, stage: str, run: Callable[[], None], *, seconds: float = COMPONENT_SECONDS) -> Doc:
    """Run one component's work; on failure or after `seconds` of CPU keep the document and record a warning."""
    try:
        with time_limit(seconds):
            run()
    except TimeLimitExceeded:  # pathological input (10,000 quotation marks...) must not hold the batch
        log.warning("%s stopped after %g s of CPU", stage, seconds)
        warn(doc, f"{stage} stopped after {seconds:g} s of CPU (time limit): its results may be incomplete")
    except Exception as error:  # a component bug must not take the batch down
        log.exception("%s failed", stage)
        warn(doc, f"{stage} failed: {type(error).__name__}: {error}")
    return doc


# Edited news ends its sentences with punctuation: no sentence may start after anything else.
SENTENCE_FINAL = frozenset(".!?…:;»\"”")


@Language.component("newsgraph_paragraphs")
def paragraphs_component(doc: Doc) -> Doc:
    """Set sentence bounds the parser must keep: a start after each line break, none mid-clause.

    The parser alone splits "Kim Jong Un s'est engagé" before "Un" and cuts datelines off their
    sentence; forbidding starts after non-final tokens removes that class of error.
    """
    # one array write: Token.is_sent_start's setter rescans the whole Doc, quadratic in tokens
    # (17 s for a 100,000-character article, 0.1 s this way)
    starts = doc.to_array([SENT_START]).astype("int64")  # 1 start, -1 not a start, 0 unknown
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_:
            starts[token.i] = 1
        elif not previous.is_space and previous.text[-1] not in SENTENCE_FINAL:
            starts[token.i] = -1
    # spaCy's arrays hold -1 as its uint64 image; its stub says Ints2d, but one attribute takes a 1-D array
    doc.from_array([SENT_START], starts.astype("uint64"))  # type: ignore[arg-type]
    return doc


def load_pipeline(model: str = DEFAULT_MODEL, *, components: bool = True) -> Language:
    """Load the French model, add newsgraph's components unless `components` is False.

    With its components, the model's lemmatizer also gets indexed word lists (`lemmas.index_lemmatizer`:
    the same lemmas, faster); without them, the model is exactly as spaCy ships it.
    """
    register_extensions()
    nlp = spacy.load(model)
    if not components:
        return nlp
    index_lemmatizer(nlp)
    from . import events, quotes  # noqa: F401  (registers the factories)
    from .entities import component  # noqa: F401  (the package itself imports it only on use)

    nlp.add_pipe("newsgraph_paragraphs", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name, last=True)
    return nlp
