"""The `newsgraph_quotes` spaCy component: a thin adapter over `rules.extract_quotes`."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import doc_list, guarded, register_extensions
from .rules import extract_quotes
from .vocabulary import Lexicon, load_lexicon


class QuoteExtractor:
    """Store the article's quotes on `doc._.newsgraph_quotes`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()
        self.lexicon: Lexicon = load_lexicon()

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None) -> None:
        """Load the lexicon data files (already done at construction; kept for `nlp.initialize`)."""
        self.lexicon = load_lexicon()

    def __call__(self, doc: Doc) -> Doc:
        def run() -> None:
            doc_list(doc, "newsgraph_quotes").extend(extract_quotes(doc, lexicon=self.lexicon, entities=None))

        return guarded(doc, self.name, run)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """Nothing to save: the lexicon ships with the package."""
        return b""

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> QuoteExtractor:
        """Nothing to load: the lexicon ships with the package."""
        return self

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        """Nothing to save: the lexicon ships with the package."""

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> QuoteExtractor:
        """Nothing to load: the lexicon ships with the package."""
        return self


@Language.factory("newsgraph_quotes", assigns=["doc._.newsgraph_quotes"], requires=["doc._.newsgraph_entities"])
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    """Build the quote extractor component."""
    return QuoteExtractor(nlp, name)
