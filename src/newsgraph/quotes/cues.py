"""Cue verbs: whether a token is a speech verb of the lexicon, and the extent of its verb group.

A cue is found from the token's lemma or, where the tagger's lemma is wrong, from its surface
form (`Lexicon.cues_for`); it counts when the token is used as a verb (not a participle describing
a noun, not a purpose infinitive) or right after a closing quotation mark and a comma. The verb group
spans the reflexive clitic, the auxiliaries and adverbs before the verb, and an inverted subject
pronoun after it ('a-t-il dit', 'dit-elle', 'estime t-il').
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import LEMMA, ORTH, POS
from spacy.symbols import ADJ, NOUN, VERB
from spacy.tokens import Doc, Token

from ..lang.profile import active_profile
from ..nlp import doc_words
from .layout import Unit, doc_cache, text_of
from .vocabulary import Cue, Lexicon
from .words import load_words, words

CLOSING_MARKS = ("»", "”", '"')
OPENING_MARKS = ("«", "“", '"')
MAX_INTERPOSED = 4  # words of an adverbial locution between the auxiliary and the participle
QUOTATION_INCISE = Cue("", frozenset({"incise"}))  # a verb the lexicon lacks, in an incise after a quotation
INCISE_TAGS = frozenset({VERB, NOUN, ADJ})  # the tags `quotation_incise` accepts


@dataclass(frozen=True)
class Inversions:
    """How a language writes a subject pronoun inverted after its verb: 'a-t-il', 'dit-elle', 'estime t-il'."""

    pattern: re.Pattern[str]  # the inverted pronoun after a verb, the pronoun in group 1
    clitic_piece: re.Pattern[str]  # a token that is (part of) an inverted pronoun: '-t-il', '-elle'
    euphonic_pieces: frozenset[str]  # the tokens of the euphonic letter alone: 't', '-t', 't-', '-'


def inversions() -> Inversions:
    """The inverted pronouns of the active language."""
    return _inversions(active_profile().code)


@lru_cache(maxsize=8)
def _inversions(lang: str) -> Inversions:
    classes = load_words(lang)
    pronouns = "|".join(sorted(classes.inverted_pronouns))
    euphonic = "|".join(sorted(classes.euphonic))
    return Inversions(
        pattern=re.compile(rf"(?:-\s?(?:{euphonic})?\s?-?|\s(?:{euphonic})-)\s?({pronouns})\b", re.IGNORECASE),
        clitic_piece=re.compile(rf"-?(?:{euphonic})?-?(?:{pronouns})"),
        euphonic_pieces=frozenset({"-"} | {piece for letter in classes.euphonic
                                           for piece in (letter, "-" + letter, letter + "-")}),
    )


def unit_cues(doc: Doc, unit: Unit, lexicon: Lexicon) -> Iterator[tuple[Token, Cue]]:
    """The cue verbs of a unit outside its quotations, in text order: the lexicon's (`cue_of`), else a verb in the
    incise of a quotation (`quotation_incise`). The words are read from the Doc's arrays first, so that a Token
    object is made only for the few that may be one: a cue word, or a verb, noun or adjective after a quotation
    that opens the unit (the only place `quotation_incise` accepts)."""
    cued, tags = _cue_words(doc, lexicon)
    read = doc_words(doc)
    starts, texts = read.starts, read.texts
    incise_from = _after_opening_quotation(doc, unit)
    if incise_from is None:  # only the cue words may be cues: the others are passed over at once
        at = _cue_indices(doc, cued)
        candidates: Iterable[int] = at[bisect_left(at, unit.first) : bisect_right(at, unit.last)]
    else:
        candidates = range(unit.first, unit.last + 1)
    for i in candidates:
        incise = incise_from is not None and starts[i] >= incise_from and tags[i] in INCISE_TAGS
        if not (cued[i] or incise) or unit.quote_holding(starts[i], starts[i] + len(texts[i])) is not None:
            continue
        token = doc[i]
        cue = (cue_of(token, lexicon) if cued[i] else None) or (quotation_incise(token, unit) if incise else None)
        if cue is not None:
            yield token, cue


def words_with_cues(doc: Doc, start: int, end: int, lexicon: Lexicon) -> Iterator[Token]:
    """The tokens of [start, end) whose lemma or form is a cue's in the lexicon: the only ones `cue_of` may accept."""
    cued, _ = _cue_words(doc, lexicon)
    return (doc[i] for i in range(start, end) if cued[i])


def _after_opening_quotation(doc: Doc, unit: Unit) -> int | None:
    """Where the first quotation with nothing before it in the unit ends (None without one)."""
    text = text_of(doc)
    return next((quote.end for quote in unit.quotes if not text[unit.start : quote.start].strip()), None)


def _cue_indices(doc: Doc, cued: list[bool]) -> list[int]:
    """The indices of the words `_cue_words` flags (once per Doc and flags)."""
    cache = doc_cache(doc)
    found = cache.get("cue_indices")
    if found is None or found[0] is not cued:
        found = cache["cue_indices"] = (cued, [i for i, flag in enumerate(cued) if flag])
    indices: list[int] = found[1]
    return indices


def _cue_words(doc: Doc, lexicon: Lexicon) -> tuple[list[bool], list[int]]:
    """Whether each word's lemma or form is a cue's in the lexicon, and its tag (once per Doc)."""
    cache = doc_cache(doc)
    found = cache.get("cue_words")
    if found is not None and found[0] is lexicon:
        return found[1], found[2]
    lemmas, orths, tags = doc.to_array([LEMMA, ORTH, POS]).T.tolist() if len(doc) else ([], [], [])
    cued = lexicon.cue_words(lemmas, orths, doc.vocab.strings)
    cache["cue_words"] = (lexicon, cued, tags)
    return cued, tags


def cue_of(token: Token, lexicon: Lexicon) -> Cue | None:
    """The lexicon cue a verb token stands for, checking clitic and particle."""
    cues = lexicon.cues_for(token.lemma_, token.text)
    if not cues or not (_verbal(token) or closes_quotation(token) or _incise_noun(token) or _noun_before_que(token)):
        return None
    reflexive = _has_reflexive(token)
    following = token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
    for cue in sorted(cues, key=lambda c: (not c.particle, not c.reflexive)):
        if cue.particle and following != cue.particle:
            continue
        if cue.reflexive and not reflexive:
            continue
        if not cue.reflexive and reflexive and any(c.reflexive for c in cues):
            continue
        return cue
    return None


def _incise_noun(token: Token) -> bool:
    """', note le rapport.': a cue form the tagger reads as a noun, after a comma, with no determiner of its own and
    a determined noun phrase or a name after it (an incise's subject)."""
    doc = token.doc
    if token.pos_ != "NOUN" or not token.text.islower() or token.i == 0 or doc[token.i - 1].text != ",":
        return False
    if any(c.dep_ == "det" for c in token.children) or token.i + 1 >= len(doc):
        return False
    following = doc[token.i + 1]
    return following.pos_ == "PROPN" or (following.pos_ == "DET" and following.head.i > following.i)


def _noun_before_que(token: Token) -> bool:
    """'la fédération juge que ...', 'Grégory Doucet juge lui que ...': a cue form the tagger reads as a noun, with no
    determiner of its own and not after a determiner or a preposition, right before the conjunction 'que' (a stressed
    pronoun or adverbs between): the finite verb of a preposed cue."""
    doc = token.doc
    if token.pos_ != "NOUN" or not token.text.islower() or token.i == 0 or token.i + 1 >= len(doc):
        return False
    if doc[token.i - 1].pos_ in ("DET", "ADP") or any(c.dep_ == "det" for c in token.children):
        return False
    k = token.i + 1
    while k < len(doc) - 1 and (doc[k].pos_ == "ADV" or doc[k].lower_ in words().stressed_pronouns):
        k += 1
    return doc[k].lower_ in words().que and doc[k].pos_ == "SCONJ"


def closes_quotation(token: Token) -> bool:
    """Whether a lower-case word comes right after a closing quotation mark and a comma, or after an auxiliary
    and a short locution there: '« ... », abonde X', '« ... », a tweeté X', '« ... », a de son côté tweeté X'.

    Such a word, when it is a cue form, is the reporting verb of an incise whatever its tag.
    """
    doc = token.doc
    k = token.i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k >= 1 and doc[k].text != ",":  # '», a tweeté X', '», a de son côté tweeté X': an auxiliary first
        between = [doc[i] for i in range(max(0, k - MAX_INTERPOSED), k + 1)]
        comma = next((i for i in range(k, max(0, k - MAX_INTERPOSED) - 1, -1) if doc[i].text == ","), None)
        if comma is None or doc[comma + 1].lower_ not in words().auxiliary_forms or any(
                t.is_punct for t in between if t.i > comma):
            return False
        k = comma
    if k < 1 or doc[k].text != ",":
        return False
    return doc[k - 1].text in CLOSING_MARKS and token.text.islower()


def quotation_incise(token: Token, unit: Unit) -> Cue | None:
    """A finite verb group right after a quotation that opens its unit, a comma between, whatever its verb:
    '« ... », peste X', '« ... », s'interroge-t-elle'. The construction makes it an attribution (an incise, whose
    subject must follow the verb: anchors.py); the lexicon's cues are found by `cue_of`."""
    if not unit.quotes or token.pos_ not in ("VERB", "NOUN", "ADJ"):
        return None  # the cheap tests first: this runs on every word of every unit
    if not token.text.islower() or token.dep_.startswith("aux") or clitic_piece(token) or token.lemma_ in words().modals:
        return None  # a modal ('pouvait-on lire') leaves the attribution to its infinitive
    predicate = token.pos_ in ("NOUN", "ADJ") and (  # 'peste X': a verb the tagger reads as a noun
        inversion(token) is not None or any(c.dep_ == "nsubj" and c.i > token.i for c in token.children))
    if token.pos_ != "VERB" and not predicate:
        return None
    doc = token.doc
    first, _ = verb_group(token)
    if first == token.i and set(feature(token, "VerbForm")) & {"Part", "Inf"}:
        return None  # '« Les Misérables », publié en 1862': a participle describing the quoted title
    k = first - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k < 1 or doc[k].text != "," or doc[k - 1].text not in CLOSING_MARKS:
        return None
    quote = next((q for q in unit.quotes if q.end == char_end(doc[k - 1])), None)
    if quote is None or text_of(doc)[unit.start : quote.start].strip():
        return None  # a quoted fragment inside a clause: 'des « groupes » ont bloqué les voies'
    return QUOTATION_INCISE


def _verbal(token: Token) -> bool:
    if _describing_participle(token):
        return False  # 'les manifestants dénonçant ...': a participle describing a noun
    if any(c.lower_ in words().purpose for c in token.children if c.dep_ in ("mark", "case")):
        return False  # 'pour demander': a purpose, not a speech act
    if token.pos_ in ("VERB", "AUX"):
        if "Inf" in feature(token, "VerbForm") and token.head.lemma_ in words().modals and token.head.i < token.i:
            return False
        if "Inf" in feature(token, "VerbForm") and _after_causative(token):
            return False
        if _adjectival_participle(token):
            return False
        return True
    return bool(inversion(token)) or any(c.dep_.startswith("aux") for c in token.children)


def _after_causative(token: Token) -> bool:
    """'fait craindre une résurgence': an infinitive governed by a causative verb, however the parser attaches it."""
    if token.head.i < token.i and token.head.lemma_ in words().causatives:
        return True
    return any(word.lemma_ in words().causatives for word in token.doc[group_start(token) : token.i])


def _describing_participle(token: Token) -> bool:
    """A participle that qualifies the noun just before it, with no comma, auxiliary or subject."""
    if token.dep_ not in ("acl", "amod") or token.head.pos_ not in ("NOUN", "PROPN") or token.head.i > token.i:
        return False
    if "Part" not in feature(token, "VerbForm") or inversion(token):
        return False
    previous = token.doc[token.i - 1] if token.i > 0 else token
    if previous.text == "," or any(c.dep_.startswith(("aux", "nsubj")) for c in token.children):
        return False
    # 'un homme affirmant avoir été victime', 'des élus estimant que', 'les manifestants réclamant « ... »': a report
    return not (opens_content(token) or _quotation_follows(token))


def _quotation_follows(token: Token) -> bool:
    """A quotation opens within the three words after the verb: 'réclamant « une indépendance »'."""
    doc = token.doc
    return any(doc[k].text in OPENING_MARKS for k in range(token.i + 1, min(len(doc), token.i + 4)))


def _adjectival_participle(token: Token) -> bool:
    """'les chiffres annoncés': a past participle with no auxiliary is no speech act."""
    if feature(token, "VerbForm") != ["Part"] or feature(token, "Tense") != ["Past"]:
        return False
    if any(c.dep_.startswith("aux") for c in token.children) or inversion(token):
        return False
    if _coordinated_with_auxiliary(token):
        return False  # 'a salué sa victoire et affirmé que ...': the auxiliary of the first verb serves both
    return group_start(token) == token.i  # 'ont fait savoir': the parse hangs the auxiliary on the infinitive


def _coordinated_with_auxiliary(token: Token) -> bool:
    """A bare participle after a coordinator, with a compound verb earlier in its sentence, opening a content
    (the parser may hang it on the first verb's content: 'a précisé que X était stable et souligné que')."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].lower_ not in words().coordinators or token.dep_ != "conj":
        return False
    if not any(t.dep_ == "aux:tense" and t.head.i < token.i for t in doc[token.sent.start : token.i]):
        return False
    return opens_content(token)


def opens_content(verb: Token) -> bool:
    """What follows the verb opens a content: 'que', or an infinitive after a negation or an auxiliary
    ('et assuré n'avoir retrouvé', 'et affirmé avoir été')."""
    doc = verb.doc
    k = verb.i + 1
    while k < min(len(doc), verb.i + 4) and doc[k].pos_ == "ADV" and doc[k].lower_ not in words().negation:
        k += 1
    if k >= len(doc):
        return False
    if doc[k].lower_ in words().que:
        return True
    negated = False
    while k < len(doc) and doc[k].lower_ in words().negation:
        k, negated = k + 1, True
    if k >= len(doc) or "Inf" not in feature(doc[k], "VerbForm"):
        return False
    return negated or (doc[k].lower_ in words().auxiliaries and k + 1 < len(doc)
                       and "Part" in feature(doc[k + 1], "VerbForm"))


def _has_reflexive(token: Token) -> bool:
    start = group_start(token)
    previous = token.doc[start - 1] if start > 0 else None
    return previous is not None and previous.lower_ in words().reflexive


def group_start(token: Token) -> int:
    """The leftmost auxiliary of the verb group, through adverbs and clitics ('a par ailleurs redit'); found once
    per verb and Doc (the cue tests, the verb group and the inverted pronoun all ask)."""
    starts = doc_cache(token.doc).setdefault(f"group_start:{active_profile().code}", {})
    start = starts.get(token.i)
    if start is None:
        start = starts[token.i] = _group_start(token)
    return start


def _group_start(token: Token) -> int:
    doc = token.doc
    start = token.i
    k = token.i - 1
    w = words()
    while k >= 0 and token.i - k <= 6:
        word = doc[k]
        if word.pos_ == "AUX" or (word.dep_.startswith("aux") and word.head.i == token.i) \
                or (start == token.i and word.lower_ in w.auxiliary_forms):
            start = k
        elif start == token.i and word.pos_ in ("ADP", "DET", "NOUN") and _interposed(doc, k, token.i):
            pass  # 'a pour sa part affirmé', 'a de son côté tweeté': an adverbial locution inside the group
        elif not (word.pos_ in ("ADV", "PRON") or word.lower_ in w.negation or clitic_piece(word)
                  or word.text in ("-", "'") or (word.pos_ == "ADP" and doc[k + 1].pos_ == "ADV")):
            break
        k -= 1
    return start


def _interposed(doc: Doc, k: int, verb: int) -> bool:
    """Token k lies in a short locution (preposition, determiner, noun) right after an auxiliary form, before the
    participle: 'a pour sa part affirmé', 'a d'autre part avancé'."""
    first = k
    w = words()
    while first > 0 and verb - first <= MAX_INTERPOSED and doc[first - 1].pos_ in ("ADP", "DET", "NOUN", "ADJ", "ADV"):
        first -= 1
    before = first - 1
    while before > 0 and clitic_piece(doc[before]):  # 'a-t-il d'autre part avancé'
        before -= 1
    return before >= 0 and doc[before].lower_ in w.auxiliary_forms and doc[first].pos_ in ("ADP", "ADV") \
        and verb - first <= MAX_INTERPOSED


def verb_group(token: Token) -> tuple[int, int]:
    """First and last token index of the cue's verb group (clitic, auxiliaries, particle, inverted pronoun)."""
    doc = token.doc
    first = group_start(token)
    if first > 0 and doc[first - 1].lower_ in words().reflexive:
        first -= 1
    last = token.i
    while last + 1 < len(doc) and clitic_piece(doc[last + 1]):
        last += 1
    return first, last


def clitic_piece(token: Token) -> bool:
    return _clitic_text(token.text, active_profile().code)


@lru_cache(maxsize=4096)
def _clitic_text(text: str, lang: str) -> bool:
    """Whether a word is (part of) an inverted pronoun in language `lang`, each word tested once."""
    text = text.lower()
    inverted = _inversions(lang)
    return text in inverted.euphonic_pieces or bool(inverted.clitic_piece.fullmatch(text))


def inversion(token: Token) -> re.Match[str] | None:
    """The inverted subject pronoun of 'a-t-il dit', 'dit-elle', 'estime t-il'."""
    doc = token.doc
    first = group_start(token)
    start = doc[first].idx + len(doc[first])
    text = text_of(doc)
    end = min(token.idx + len(token) + 8, len(text))
    for match in inversions().pattern.finditer(text, start, end):
        at_aux = match.start() == start and first != token.i
        at_verb = match.start() == token.idx + len(token)
        if at_aux or at_verb:
            return match
    return None


def feature(token: Token, field: str) -> list[str]:
    """`token.morph.get(field, [])`, read once per word, field and Doc (`MorphAnalysis.get` builds an array on every
    call, and the cue tests ask for the same words again); the list is shared: never change it."""
    values = doc_cache(token.doc).setdefault("morph", {})
    found = values.get((token.i, field))
    if found is None:
        found = values[token.i, field] = token.morph.get(field, [])
    return found


def present_participle(token: Token) -> bool:
    return feature(token, "VerbForm") == ["Part"] and feature(token, "Tense") == ["Pres"]


def char_end(token: Token) -> int:
    return token.idx + len(token)


def finite_verb_in(doc: Doc, first: int, last: int) -> bool:
    return any(doc[k].pos_ in ("VERB", "AUX") and "Fin" in feature(doc[k], "VerbForm") for k in range(first, last + 1))
