"""Claim status of an event: mode (asserted, negated, denied, hypothetical, future) and reporter."""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING
from weakref import ref

from spacy.attrs import MORPH
from spacy.tokens import Doc, Span, Token

from ..lang import DEFAULT_LANG
from ..lang.profile import Cases, active_profile, get_profile
from .lexicon import Lexicon

if TYPE_CHECKING:
    from .features import TokenTable

CONTRACTIONS = get_profile(DEFAULT_LANG).base_forms  # the default language's, for `features` (rules read `contractions()`)
CLIMB_DEPS = ("obj", "obl", "nmod", "nsubj", "xcomp", "ccomp", "acl", "advcl", "csubj", "conj", "iobj", "appos")
MAX_CLIMB = 5


def cases() -> Cases:
    """The prepositions of the roles the rules read, in the active language ('de' is `cases().of`)."""
    return active_profile().cases


def contractions() -> dict[str, str]:
    """The contracted and elided forms of the active language and their base word: 'au' -> 'à', "qu'" -> 'que'."""
    return active_profile().base_forms


def lemma(token: Token) -> str:
    """Lower-case lemma with the contracted and elided forms of prepositions and clitics undone (read from the
    doc's token table where the language allows: the rules ask it for the same words many times)."""
    global _table_lemmas, _last
    doc = token.doc
    last = _last  # the doc asked for last, and its lemmas: found with no table look-up
    if last is not None and last[0]() is doc and len(last[1]) == len(doc) and contractions() is CONTRACTIONS:
        return last[1][token.i]
    if _table_lemmas is None:
        from .features import table_lemmas  # features reads this module: imported at the first call

        _table_lemmas = table_lemmas
    found = _table_lemmas(doc)
    if found is None:
        return token_lemma(token)
    _last = (ref(doc), found)
    return found[token.i]


_table_lemmas: Callable[[Doc], list[str] | None] | None = None
_last: tuple[ref[Doc], list[str]] | None = None


def doc_table(doc: Doc) -> TokenTable:
    """The doc's `features.token_table`, the last doc's found with no look-up (the rules' walks over children and
    relations read it for a few words at a time)."""
    global _last_table
    last = _last_table
    if last is not None and last[0]() is doc and len(last[1].text) == len(doc):
        return last[1]
    from .features import token_table  # features reads this module: imported at the first call

    table = token_table(doc)
    _last_table = (ref(doc), table)
    return table


_last_table: tuple[ref[Doc], TokenTable] | None = None


def subtree_of(dependents: list[tuple[int, ...]], position: int) -> list[int]:
    """The positions of `doc[position].subtree`, in no set order (`dependents`: a `TokenTable.dependents`): no
    Token object per word of it."""
    found = [position]
    stack = list(dependents[position])
    while stack:
        child = stack.pop()
        found.append(child)
        stack.extend(dependents[child])
    return found


def table_lemmas(table: TokenTable) -> list[str] | None:
    """`lemma` of every token of the table's doc, None when the active language undoes other contractions than
    those the table reads (`features.table_lemmas`: the caller then reads its tokens)."""
    return table.lemma if contractions() is CONTRACTIONS else None


def token_lemma(token: Token) -> str:
    """`lemma`, read from the Token."""
    value = (token.lower_ if token.pos_ == "ADP" else token.lemma_.lower()).replace("’", "'")
    return contractions().get(value, value)


def doc_lemmas(doc: Doc) -> list[str]:
    """`lemma` of every token of the doc, read once per doc from its token table where the language allows."""
    global _last
    last = _last  # the doc asked for last, as in `lemma`: found with no table look-up
    if last is not None and last[0]() is doc and len(last[1]) == len(doc) and contractions() is CONTRACTIONS:
        return last[1]
    from .features import table_lemmas  # features reads this module: imported at the first call

    found = table_lemmas(doc)
    if found is None:
        return [token_lemma(token) for token in doc]
    _last = (ref(doc), found)
    return found


def morph_values(token: Token, field: str) -> tuple[str, ...]:
    """`token.morph.get(field)` as a tuple, for membership tests (`morph_at`)."""
    return morph_at(token.doc, token.i, field)


def morph_at(doc: Doc, position: int, field: str) -> tuple[str, ...]:
    """The values of morphological `field` of the token at `position` ('Part' of VerbForm), read from the doc's
    morphology keys (one array per doc, the last doc's kept) and each analysis parsed once per process:
    `Token.morph.get` hashes the field and builds an array and a list at each call (about 4 us)."""
    global _last_morphs
    last = _last_morphs
    if last is None or last[0]() is not doc or len(last[1]) != len(doc):
        last = _last_morphs = (ref(doc), doc.to_array(MORPH).tolist() if len(doc) else [])
    key = last[1][position]
    fields = _ANALYSES.get(key)
    if fields is None:
        fields = analysis_fields(doc.vocab.strings[key])
        if len(_ANALYSES) < ANALYSES_LIMIT:  # past it, a long run's rare analyses are parsed at each call
            _ANALYSES[key] = fields
    return fields.get(field, ())


def analysis_fields(features: str) -> dict[str, tuple[str, ...]]:
    """A morphological analysis in UD FEATS form ('Mood=Ind|Tense=Pres,Past') as field -> values."""
    fields: dict[str, tuple[str, ...]] = {}
    for feature in features.split("|") if features else ():
        field, _, values = feature.partition("=")
        fields[field] = (*fields.get(field, ()), *values.split(","))
    return fields


_last_morphs: tuple[ref[Doc], list[int]] | None = None
_ANALYSES: dict[int, dict[str, tuple[str, ...]]] = {}  # morphology key -> its fields, shared by every doc
ANALYSES_LIMIT = 100_000


def governors(token: Token) -> Iterator[Token]:
    """The heads above `token` within its clause chain (objects, complements, relative nouns)."""
    doc, table = token.doc, doc_table(token.doc)  # a Token object for the heads yielded only
    heads, relations, tags = table.head, table.dep, table.pos
    current = token.i
    for _ in range(MAX_CLIMB):
        head = heads[current]
        if head == current or not relations[current].startswith(CLIMB_DEPS):
            return
        if relations[current] == "conj" and tags[current] in ("VERB", "AUX"):
            return  # a coordinated verb has its own mood
        yield doc[head]
        current = head


def is_negated(token: Token, lexicon: Lexicon) -> bool:
    """A negation on the word itself or on its auxiliaries ('n'a pas rencontré', 'aucune visite')."""
    has_ne: bool | None = None  # read only for a negation word that needs a 'ne'
    children, relations, lemmas = child_table(token)
    negations = lexicon.cues.get("negation", frozenset())
    for child in children:
        word = lemmas[child]
        if relations[child] in ("advmod", "det", "advmod:neg") and word in negations:
            if word in active_profile().ne_bound_negations:
                if has_ne is None:
                    has_ne = any(lemmas[c] in active_profile().negation_particles for c in children)
                if not has_ne:
                    continue
            return True
    return False


def child_table(token: Token) -> tuple[tuple[int, ...], list[str], list[str]]:
    """The positions of the token's children (`Token.children`, in order), and every token's relation and `lemma`
    (no Token object per child)."""
    table = doc_table(token.doc)
    return table.dependents[token.i], table.dep, doc_lemmas(token.doc)


def is_modal(verb: Token, lexicon: Lexicon) -> bool:
    """A modal or conditional verb that makes what it governs hypothetical."""
    if "Cnd" in morph_values(verb, "Mood"):
        return True
    doc, (children, relations, _) = verb.doc, child_table(verb)
    if any("Cnd" in morph_at(doc, aux, "Mood") for aux in children if relations[aux].startswith("aux")):
        return True
    if lexicon.cue("modal", lemma(verb)):
        tenses = morph_values(verb, "Tense")
        has_aux = any(relations[c] == "aux:tense" for c in children)
        return not (has_aux or "Imp" in tenses or "Past" in tenses)
    return False


def is_future(verb: Token, lexicon: Lexicon) -> bool:
    """Future tense on the verb or its auxiliary, or an intent verb ('va rencontrer', 'prévoit de')."""
    if "Fut" in morph_values(verb, "Tense"):
        return True
    doc, (children, relations, lemmas) = verb.doc, child_table(verb)
    auxiliaries = [c for c in children if relations[c].startswith("aux")]
    future = active_profile().future_auxiliary
    return any("Fut" in morph_at(doc, aux, "Tense") or lemmas[aux] == future for aux in auxiliaries)


def has_doubt(token: Token, lexicon: Lexicon) -> bool:
    """An adjective or adverb of possibility on the word ('d'éventuelles transactions')."""
    table = doc_table(token.doc)  # no Token object per child
    relations, lemmas = table.dep, table_lemmas(table)
    return any(relations[c] in ("amod", "advmod", "det")
               and lexicon.cue("doubt", lemma(token.doc[c]) if lemmas is None else lemmas[c])
               for c in table.dependents[token.i])


def has_condition(verb: Token, lexicon: Lexicon) -> bool:
    """The clause is introduced by 'si', and is not a past fact set against another ('si X a été libéré, Y ...')."""
    children, relations, lemmas = child_table(verb)
    marked = any(relations[child] == "mark" and lexicon.cue("condition", lemmas[child]) for child in children)
    return marked and not (is_compound_past(verb) and states_a_fact(verb.head))


def states_a_fact(verb: Token) -> bool:
    """A main clause in the indicative present or past ('Y reste détenu'), not 'Y sera sanctionné'."""
    forms = [verb, *(c for c in verb.children if c.dep_.startswith("aux"))]
    return not any("Fut" in morph_values(t, "Tense") or "Cnd" in morph_values(t, "Mood") or "Imp" in morph_values(t, "Mood")
                   for t in forms)


def is_compound_past(verb: Token) -> bool:
    """Passé composé: an auxiliary in the present indicative ('a été libéré'), not 'avait été' (counterfactual)."""
    tense = next((c for c in verb.children if c.dep_ == "aux:tense"), None)
    return tense is not None and "Ind" in morph_values(tense, "Mood") and "Pres" in morph_values(tense, "Tense")


def denied_after(token: Token, sentence: Span, lexicon: Lexicon) -> bool:
    """'..., ce que Moscou et Pyongyang ont démenti': a denial of what precedes in the sentence."""
    lemmas = doc_lemmas(sentence.doc)  # no Token object for the words that are no denial
    denials, start = lexicon.cues.get("deny", frozenset()), max(token.i + 1, sentence.start)
    if denials.isdisjoint(lemmas[start: sentence.end]):  # most sentences: no denial word, found in one pass
        return False
    return any(lemmas[index] in denials and denies_preceding_at(index, sentence) for index in range(start, sentence.end))


def denies_preceding_at(index: int, sentence: Span) -> bool:
    """The denial at word `index` is told in a clause on 'ce que' ('..., ce que Moscou a démenti'): what it denies
    is the preceding clause, not an object of its own."""
    before = sentence.doc[max(sentence.start, index - 8): index]
    return any(t.lower_ == active_profile().neuter_demonstrative for t in before) and any(
        lemma(t) in active_profile().complementizers for t in before)


def denies_preceding(token: Token, sentence: Span, lexicon: Lexicon) -> bool:
    """The token is a denial of what precedes in the sentence ('ce que Moscou et Pyongyang ont démenti'): its
    target, if any, is who made the claim, not one of the claim's actors."""
    return lexicon.cue("deny", lemma(token)) and denies_preceding_at(token.i, sentence)


def event_mode(token: Token, sentence: Span, lexicon: Lexicon) -> str:
    """The mode vocabulary of EVENTS.md: asserted, negated, denied, hypothetical or future."""
    chain = [token, *governors(token)]
    if denied_after(token, sentence, lexicon) and not is_presupposed(token) or any(
            lexicon.cue("deny", lemma(h)) for h in chain[1:]):
        return "denied"
    nominal = token.pos_ in ("NOUN", "PROPN")
    if nominal and is_topic_of_noun(token):
        chain = [token]  # 'le procès sur son exclusion se tiendra': the trial is to come, not the exclusion
    for word in chain:
        if is_speech(word, lexicon) and word is not token:
            break
        if nominal and word is not token and word.pos_ in ("VERB", "AUX") and not carries_mode(word, lexicon):
            break  # 'une fois qu'il se sera remis de l'invasion': the verb's tense is not the invasion's
        if is_negated(word, lexicon) or (word is not token and lexicon.cue("renounce", lemma(word))):
            return "negated"
        if has_doubt(word, lexicon) or is_modal(word, lexicon) or has_condition(word, lexicon):
            return "hypothetical"
        if word is not token and word.pos_ == "NOUN" and lexicon.cue("doubt", lemma(word)):
            return "hypothetical"  # 'des signes de livraisons d'armes', 'le risque d'une invasion'
        if (word is not token and lexicon.cue("intent", lemma(word))) or is_future(word, lexicon):
            return "future"
    return "asserted"


def is_topic_of_noun(noun: Token) -> bool:
    """An event noun that another noun is about ('le procès sur son exclusion', 'une enquête sur sa mort')."""
    return noun.head.pos_ == "NOUN" and noun.dep_.startswith("nmod") and any(
        c.dep_ == "case" and lemma(c) in cases().about for c in noun.children)


def is_presupposed(token: Token) -> bool:
    """An event noun with a definite or possessive determiner ('sa guerre'): taken as given, a denial of
    the sentence's claim ('..., ce que Moscou a démenti') does not reach it."""
    return token.pos_ == "NOUN" and any(
        c.dep_ == "det" and ("Poss=Yes" in c.morph or "Definite=Def" in c.morph) for c in token.children)


def carries_mode(verb: Token, lexicon: Lexicon) -> bool:
    """Verbs whose tense and modality pass to the event noun they govern ('effectuera une visite')."""
    word = lemma(verb)
    return any(lexicon.cue(kind, word) for kind in ("light", "own", "modal", "intent", "renounce", "undergo", "outcome"))


def is_speech(token: Token, lexicon: Lexicon) -> bool:
    """A reporting verb ('déclarer', 'affirmer')."""
    return token.pos_ in ("VERB", "AUX") and lexicon.cue("speech", lemma(token))


def subject(verb: Token) -> Token | None:
    """The grammatical subject of a verb (active or passive)."""
    table = doc_table(verb.doc)  # a Token object for the subject only
    relations = table.dep
    found = next((child for child in table.dependents[verb.i] if relations[child].startswith("nsubj")), None)
    return None if found is None else verb.doc[found]


def reports(token: Token) -> bool:
    """The token is in a 'selon X' phrase: the source of the words, not a party to what they say."""
    according = cases().according_to
    table = doc_table(token.doc)
    dependents, relations, lemmas = table.dependents, table.dep, table_lemmas(table)
    for node in itertools.chain((token,), token.ancestors):  # the heads read only up to the first verb
        if any(relations[c] == "case" and (lemma(node.doc[c]) if lemmas is None else lemmas[c]) == according
               for c in dependents[node.i]):
            return True
        if node.pos_ in ("VERB", "AUX"):
            return False
    return False


def reporter(token: Token, sentence: Span, lexicon: Lexicon) -> Token | None:
    """Who the sentence attributes the event to: a speech verb governing it, or 'selon X'."""
    for head in governors(token):
        if is_speech(head, lexicon):
            return subject(head)
    clause = next((h for h in [token, *governors(token)] if h.pos_ in ("VERB", "AUX")), token)
    for child in clause.children:
        if child.dep_ in ("parataxis", "ccomp", "dep", "conj") and child.i > token.i and is_speech(child, lexicon):
            found = subject(child)
            if found is not None:
                return found
    from .features import token_table  # features reads this module: imported at the first call

    relations, lemmas = token_table(sentence.doc).dep, doc_lemmas(sentence.doc)
    for index in range(sentence.start, sentence.end):
        if relations[index] == "case" and lemmas[index] == cases().according_to:  # the cheaper test first
            return sentence.doc[index].head
    return None
