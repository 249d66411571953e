"""The spaCy pipeline: the language's model, its parse repairs and newsgraph's components.

Components store their results on `Doc._` (see `EXTENSIONS`); the `records` stage reads
them back. Each component catches its own failures per document and records a warning,
so one odd article never stops a batch. `doc_words` gives the components a Doc's token strings
and text, read once per Doc.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary, ref

import spacy
from spacy.attrs import IDX, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from .lang import DEFAULT_LANG, add_repairs
from .lang.profile import get_profile
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


T = TypeVar("T")


class PerDoc(Generic[T]):
    """Values computed once per Doc and dropped with it (not in doc.user_data: docs must serialize). The Doc
    asked for last is found without hashing: a component asks for the same Doc many times in a row."""

    def __init__(self) -> None:
        self._values: WeakKeyDictionary[Doc, T] = WeakKeyDictionary()
        self._last: tuple[ref[Doc], T] | None = None

    def get(self, doc: Doc) -> T | None:
        """The Doc's value, None if none was put."""
        last = self._last
        if last is not None and last[0]() is doc:
            return last[1]
        value = self._values.get(doc)
        if value is not None:
            self._last = (ref(doc), value)
        return value

    def put(self, doc: Doc, value: T) -> T:
        """Keep `value` for the Doc; return it."""
        self._values[doc] = value
        self._last = (ref(doc), value)
        return value


@dataclass(frozen=True)
class Words:
    """The tokens of a Doc as strings, read once from its arrays: every `doc[i]` or `for token in doc` makes a
    new Token object, which the components' scans over whole documents would otherwise pay for each time."""

    texts: list[str]  # token.text of every token
    spaces: list[str]  # token.whitespace_ of every token: ' ' or ''
    starts: list[int]  # token.idx of every token: its first character in `text`
    text: str  # doc.text (spaCy joins it anew on every access)

    def span_text(self, start: int, end: int) -> tuple[str, int, int]:
        """Text, first and end character of the non-empty token span [start, end), as `doc[start:end]` gives them."""
        first, last = self.starts[start], self.starts[end - 1] + len(self.texts[end - 1])
        return self.text[first:last], first, last


_WORDS: PerDoc[Words] = PerDoc()


def doc_words(doc: Doc) -> Words:
    """The Doc's `Words`, computed once per Doc and shared by the components (which run after every change of
    its tokens: the parse repairs retokenize before the parser)."""
    found = _WORDS.get(doc)
    if found is None or len(found.texts) != len(doc):
        strings = doc.vocab.strings
        texts = [strings[orth] for orth in doc.to_array(ORTH).tolist()] if len(doc) else []
        spaces = [" " if space else "" for space in doc.to_array(SPACY).tolist()] if len(doc) else []
        starts = doc.to_array(IDX).tolist() if len(doc) else []
        text = "".join([text + space for text, space in zip(texts, spaces)])
        found = _WORDS.put(doc, Words(texts, spaces, starts, text))
    return found


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


def load_pipeline(model: str | None = None, *, components: bool = True, lang: str = DEFAULT_LANG) -> Language:
    """Load `model` (by default the one of language `lang`'s profile), add newsgraph's components unless
    `components` is False.

    With its components, the model's lemmatizer also gets indexed word lists (`lemmas.index_lemmatizer`:
    the same lemmas, faster) and the language's parse repairs run before the parser
    (`lang/<code>/repairs.py`); without them, the model is exactly as spaCy ships it.
    """
    register_extensions()
    nlp = spacy.load(model or get_profile(lang).model)
    if not components:
        return nlp
    index_lemmatizer(nlp)
    from . import events, quotes  # noqa: F401  (registers the factories)
    from .entities import component  # noqa: F401  (the package itself imports it only on use)

    add_repairs(nlp, lang)
    for name in COMPONENTS:  # the language goes to every component whose factory takes one
        takes_lang = "lang" in (nlp.get_factory_meta(name).default_config or {})
        nlp.add_pipe(name, last=True, config={"lang": lang} if takes_lang else {})
    return nlp
