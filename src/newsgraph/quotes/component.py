"""The `newsgraph_quotes` spaCy component: a thin adapter over `rules.extract_quotes`."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import suppress
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from ..lang import DEFAULT_LANG
from ..nlp import doc_list, guarded, register_extensions
from .rules import extract_quotes
from .vocabulary import LEMMA_TABLE, Lexicon, load_lexicon
from .words import load_words


class QuoteExtractor:
    """Store the article's quotes on `doc._.newsgraph_quotes`."""

    def __init__(self, nlp: Language, name: str, *, lang: str = DEFAULT_LANG) -> None:
        self.name = name
        self.lang = lang
        register_extensions()
        self.lexicon: Lexicon = load_lexicon(lang, lemmas=pipeline_lemmas(nlp))
        load_data(self.lexicon)

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None, *, nlp: Language | None = None) -> None:
        """Build the lexicon again, with the cue forms of `nlp`'s lemmatizer when given."""
        self.lexicon = load_lexicon(self.lang, lemmas=pipeline_lemmas(nlp) if nlp is not None else None)
        load_data(self.lexicon)

    def __call__(self, doc: Doc) -> Doc:
        def run() -> None:
            doc_list(doc, "newsgraph_quotes").extend(extract_quotes(doc, lexicon=self.lexicon, entities=None))

        return guarded(doc, self.name, run)


def load_data(lexicon: Lexicon) -> None:
    """Load now, once per process and at pipeline load, what the rules would otherwise load on the first article
    that asks for it: the shipped models, the language's word classes, patterns and title and role lists (a list
    the language lacks is left to fail where the rules ask for it, as before)."""
    from .. import people
    from . import cues, layout, mentions, objects, ranking, rules, speakers

    lang = lexicon.lang
    ranking.shipped_model()
    objects.shipped_model()
    for load in (load_words, cues._inversions, layout.byline, mentions.inverted_prefix, rules.dangling_tail,
                 speakers.written_articles, people.folded_titles, people.gendered_roles):
        with suppress(OSError):
            load(lang)
    lexicon.markers_by_start  # noqa: B018 (a cached property: computed here once)


def pipeline_lemmas(nlp: Language) -> Mapping[int, object] | None:
    """The `lemma_lookup` table of the pipeline's lemmatizer; None when it has none or has not loaded it yet (a
    pipeline read from disk builds its components before their data), and the language's model then gives it."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table(LEMMA_TABLE):
        return None
    table: Mapping[int, object] = lookups.get_table(LEMMA_TABLE)
    return table if len(table) else None


@Language.factory("newsgraph_quotes", assigns=["doc._.newsgraph_quotes"], requires=["doc._.newsgraph_entities"],
                  default_config={"lang": DEFAULT_LANG})
def make_quote_extractor(nlp: Language, name: str, lang: str) -> QuoteExtractor:
    """Build the quote extractor component for language `lang` (its data files in `newsgraph/lang/<lang>/`)."""
    return QuoteExtractor(nlp, name, lang=lang)
