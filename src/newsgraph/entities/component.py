"""The `newsgraph_entities` spaCy component: a thin adapter over `rules.extract_entities`."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..lang import DEFAULT_LANG
from ..nlp import doc_list, guarded, register_extensions
from .rules import extract_entities, load_data
from .spans import media_matcher


class EntityResolver:
    """Store the article's resolved entities on `doc._.newsgraph_entities`."""

    def __init__(self, nlp: Language, name: str, lang: str = DEFAULT_LANG) -> None:
        self.name = name
        self.lang = lang
        register_extensions()
        lexicon = load_data(lang)  # gazetteers once per process, at pipeline load, not on the first article
        media_matcher(lexicon, nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        def run() -> None:
            doc_list(doc, "newsgraph_entities").extend(extract_entities(doc, self.lang))

        return guarded(doc, self.name, run)


@Language.factory("newsgraph_entities", assigns=["doc._.newsgraph_entities"], requires=["doc.ents"],
                  default_config={"lang": DEFAULT_LANG})
def make_entity_resolver(nlp: Language, name: str, lang: str) -> EntityResolver:
    """Build the entity resolver component for language `lang` (its word lists in lang/<code>/entities/)."""
    return EntityResolver(nlp, name, lang)
