"""The `newsgraph_events` spaCy component: a thin adapter over `rules.extract_events` and its learned layer."""
from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from ..entities.countries import body_names
from ..lang import DEFAULT_LANG
from ..nlp import doc_list, guarded, register_extensions
from .dates import calendar
from .features import lexicon_types
from .learned import EventModel, default_model
from .lexicon import Lexicon, default_lexicon
from .rules import extract_events
from .scene import sector_index

log = logging.getLogger(__name__)


class EventExtractor:
    """Store the article's events on `doc._.newsgraph_events`, read with the words of language `lang` (its lexicon
    and, as `extract_events` runs under the lexicon's language, its profile)."""

    def __init__(self, nlp: Language, name: str, *, learned: bool = True, lang: str = DEFAULT_LANG) -> None:
        self.name = name
        self.learned = learned
        self.lang = lang
        register_extensions()
        self.lexicon: Lexicon = default_lexicon(lang)
        self._model: EventModel | None = None
        self.load()

    def load(self) -> None:
        """Pay at construction, as spaCy components load their weights, what the learned layer would otherwise
        build on the first doc: the shipped model (read once per process), its bounds for this lexicon's trigger
        types (`EventModel.word_bounds`, about 20 ms), the lexicon's sector index, the language's calendar and the
        international bodies' names."""
        calendar(self.lexicon.lang)
        sector_index(self.lexicon)
        body_names()
        if not self.learned:
            return
        try:
            model = default_model()
        except ValueError as error:  # a model of other types, before retraining: it fails on first use instead
            log.warning("%s", error)
            return
        model.word_bounds(lexicon_types(self.lexicon))
        self._model = model

    @property
    def event_model(self) -> EventModel | None:
        """The shipped model (loaded at construction), or None (`learned=False`)."""
        if not self.learned:
            return None
        return self._model if self._model is not None else default_model()

    def initialize(self, get_examples: object = None, *, nlp: Language | None = None) -> None:
        """Load the lexicon and the shipped model (already loaded once per process; kept for the spaCy protocol)."""
        self.lexicon = default_lexicon(self.lang)
        self.load()

    def __call__(self, doc: Doc) -> Doc:
        def run() -> None:
            events = extract_events(doc, lexicon=self.lexicon, article_date=doc._.newsgraph_date, model=self.event_model)
            doc_list(doc, "newsgraph_events").extend(events)

        return guarded(doc, self.name, run)


@Language.factory("newsgraph_events", assigns=["doc._.newsgraph_events"], requires=["doc._.newsgraph_entities"],
                  default_config={"learned": True, "lang": DEFAULT_LANG})
def make_event_extractor(nlp: Language, name: str, learned: bool, lang: str) -> EventExtractor:
    """Build the event extractor component (`learned=False`: the rules alone) for language `lang`."""
    return EventExtractor(nlp, name, learned=learned, lang=lang)
