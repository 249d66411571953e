"""The `newsgraph_events` spaCy component: a thin adapter over `rules.extract_events`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import doc_list, guarded, register_extensions
from .lexicon import Lexicon, default_lexicon
from .rules import extract_events


class EventExtractor:
    """Store the article's events on `doc._.newsgraph_events`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()
        self.lexicon: Lexicon = default_lexicon()

    def initialize(self, get_examples: object = None, *, nlp: Language | None = None) -> None:
        """Load the lexicon (already loaded once per process; kept for the spaCy protocol)."""
        self.lexicon = default_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        def run() -> None:
            events = extract_events(doc, lexicon=self.lexicon, article_date=doc._.newsgraph_date)
            doc_list(doc, "newsgraph_events").extend(events)

        return guarded(doc, self.name, run)


@Language.factory("newsgraph_events", assigns=["doc._.newsgraph_events"], requires=["doc._.newsgraph_entities"])
def make_event_extractor(nlp: Language, name: str) -> EventExtractor:
    """Build the event extractor component."""
    return EventExtractor(nlp, name)
