"""The `newsgraph_events` spaCy component. Extraction rules arrive with the events issue."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import doc_list, register_extensions


class EventExtractor:
    """Store the article's events on `doc._.newsgraph_events`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc_list(doc, "newsgraph_events")
        return doc


@Language.factory("newsgraph_events", assigns=["doc._.newsgraph_events"], requires=["doc._.newsgraph_entities"])
def make_event_extractor(nlp: Language, name: str) -> EventExtractor:
    """Build the event extractor component."""
    return EventExtractor(nlp, name)
