"""The `newsgraph_quotes` spaCy component. Extraction rules arrive with the quotes issue."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import doc_list, register_extensions


class QuoteExtractor:
    """Store the article's quotes on `doc._.newsgraph_quotes`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc_list(doc, "newsgraph_quotes")
        return doc


@Language.factory("newsgraph_quotes", assigns=["doc._.newsgraph_quotes"], requires=["doc._.newsgraph_entities"])
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    """Build the quote extractor component."""
    return QuoteExtractor(nlp, name)
