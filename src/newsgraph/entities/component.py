"""The `newsgraph_entities` spaCy component: a thin adapter over `rules.extract_entities`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import doc_list, guarded, register_extensions
from .rules import extract_entities, load_data


class EntityResolver:
    """Store the article's resolved entities on `doc._.newsgraph_entities`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        register_extensions()
        load_data()  # gazetteers once per process, at pipeline load, not on the first article

    def __call__(self, doc: Doc) -> Doc:
        def run() -> None:
            doc_list(doc, "newsgraph_entities").extend(extract_entities(doc))

        return guarded(doc, self.name, run)


@Language.factory("newsgraph_entities", assigns=["doc._.newsgraph_entities"], requires=["doc.ents"])
def make_entity_resolver(nlp: Language, name: str) -> EntityResolver:
    """Build the entity resolver component."""
    return EntityResolver(nlp, name)
