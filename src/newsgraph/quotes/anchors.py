"""Attribution anchors: where a sentence says who speaks, and where the content lies.

Three constructions, each found from the dependency parse and checked on the surface:
- incise: the cue follows the content, its subject after it ("CONTENT, a indiqué X",
  "« ... », a-t-il ajouté");
- preposed: the subject and cue precede the content ("X a affirmé que CONTENT",
  "X a annoncé CONTENT", "X s'est engagé à CONTENT", "X a prévenu : « ... »");
- source: an attribution marker ("selon X", "d'après X") before, inside or after the content.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .layout import (
    SPACES,
    QuotedSpan,
    Unit,
    entities_within,
    entity_at,
    entity_starting_at,
    folded_tokens,
    is_person_name,
    person_end,
    text_of,
)
from .speakers import DEFINITE, DEMONSTRATIVE, PRONOUNS, TITLES, Mention
from .vocabulary import Cue, Lexicon, fold

INVERSION = re.compile(r"(?:-\s?t?\s?-?|\st-)\s?(il|elle|ils|elles|on)\b", re.IGNORECASE)
CLOSING_CONTEXT = (",", "»", '"', "”", "—", "–")
QUE = {"que", "qu'", "qu’"}
STRESSED_PRONOUNS = {"lui", "elle", "eux", "elles", "moi", "nous", "vous", "toi"}
DE = {"de", "d'", "d’"}
A = {"à"}
NEGATION = {"ne", "n'", "n’", "pas", "plus", "jamais"}
PP_OPENERS = {"à", "au", "aux", "auprès", "devant", "sur", "dans", "lors", "pendant", "en", "chez", "après", "avant",
              "depuis", "par", "pour", "via", "face", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
              "dimanche", "avec", "contre", "vers", "selon"}
MODALS = {"pouvoir", "devoir", "vouloir", "falloir", "sembler", "refuser", "aller"}
FIRST_PERSON = {"je", "j'", "j’", "nous", "me", "m'", "on", "tu", "vous"}
NOT_SPEAKERS = {"ce", "c'", "c’", "cela", "ça", "ceci", "qui", "tout", "rien", "personne"}
SUBJECT_DEPS = ("nsubj", "expl:subj")
OBJECT_DEPS = {"obj", "ccomp", "xcomp", "iobj", "obl:arg"}
MAX_COMPLEMENT_DISTANCE = 16
CLIMB_DEPS = {"advcl", "xcomp", "conj", "parataxis", "ccomp"}
INDEFINITE = {"un", "une", "des", "plusieurs", "certains", "certaines", "quelques", "de", "d'", "d’", "nombreux",
              "nombreuses", "divers", "diverses", "aucun", "aucune", "deux", "trois", "quatre", "cinq"}


@dataclass
class Anchor:
    """One attribution found in a unit, before its content is bounded."""

    kind: str  # incise, preposed, source, aside (a reporting clause with no content of its own)
    unit: Unit
    cue_start: int
    cue_end: int
    region_start: int  # the attribution's own words: content never overlaps them
    region_end: int
    forward: bool  # content follows the region (preposed, front "selon") or precedes it
    content_start: int | None = None
    mention: Mention | None = None
    verb: Token | None = None
    addressee: str | None = None
    medium: str | None = None
    reported_by: str | None = None
    content_end: int | None = None


# --- cues ---------------------------------------------------------------------------------


def in_quotes(unit: Unit, start: int, end: int) -> bool:
    """Whether a stretch lies inside one of the unit's quoted spans."""
    return unit.quote_holding(start, end) is not None


def cue_of(token: Token, lexicon: Lexicon) -> Cue | None:
    """The lexicon cue a verb token stands for, checking clitic and particle."""
    cues = lexicon.cues_for(token.lemma_, token.text)
    if not cues or not (_verbal(token) or _after_quotation(token)):
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


def _after_quotation(token: Token) -> bool:
    """'« ... », abonde Marta Ranz': right after a closing mark and a comma, a cue form is a verb
    whatever its tag."""
    doc = token.doc
    k = token.i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    if k >= 1 and doc[k].text != ",":  # '», a tweeté X', '», a de son côté tweeté X': an auxiliary first
        between = [doc[i] for i in range(max(0, k - MAX_INTERPOSED), k + 1)]
        comma = next((i for i in range(k, max(0, k - MAX_INTERPOSED) - 1, -1) if doc[i].text == ","), None)
        if comma is None or doc[comma + 1].lower_ not in AUXILIARY_FORMS or any(t.is_punct for t in between
                                                                                 if t.i > comma):
            return False
        k = comma
    if k < 1 or doc[k].text != ",":
        return False
    return doc[k - 1].text in ("»", "”", '"') and token.text.islower()


def _verbal(token: Token) -> bool:
    if _describing_participle(token):
        return False  # 'les manifestants dénonçant ...': a participle describing a noun
    if any(c.lower_ in ("pour", "afin") for c in token.children if c.dep_ in ("mark", "case")):
        return False  # 'pour demander': a purpose, not a speech act
    if token.pos_ in ("VERB", "AUX"):
        if "Inf" in token.morph.get("VerbForm") and token.head.lemma_ in MODALS and token.head.i < token.i:
            return False
        if _adjectival_participle(token):
            return False
        return True
    return bool(_inversion(token)) or any(c.dep_.startswith("aux") for c in token.children)


def _describing_participle(token: Token) -> bool:
    """A participle that qualifies the noun just before it, with no comma, auxiliary or subject."""
    if token.dep_ not in ("acl", "amod") or token.head.pos_ not in ("NOUN", "PROPN") or token.head.i > token.i:
        return False
    if "Part" not in token.morph.get("VerbForm") or _inversion(token):
        return False
    previous = token.doc[token.i - 1] if token.i > 0 else token
    return previous.text != "," and not any(c.dep_.startswith(("aux", "nsubj")) for c in token.children)


def _adjectival_participle(token: Token) -> bool:
    """'les chiffres annoncés': a past participle with no auxiliary is no speech act."""
    if token.morph.get("VerbForm") != ["Part"] or token.morph.get("Tense") != ["Past"]:
        return False
    return not any(c.dep_.startswith("aux") for c in token.children) and not _inversion(token)


def _has_reflexive(token: Token) -> bool:
    start = _group_start(token)
    previous = token.doc[start - 1] if start > 0 else None
    return previous is not None and previous.lower_ in ("se", "s'", "s’")


def _group_start(token: Token) -> int:
    """The leftmost auxiliary of the verb group, through adverbs and clitics ('a par ailleurs redit')."""
    doc = token.doc
    start = token.i
    k = token.i - 1
    while k >= 0 and token.i - k <= 6:
        word = doc[k]
        if word.pos_ == "AUX" or (word.dep_.startswith("aux") and word.head.i == token.i) \
                or (start == token.i and word.lower_ in AUXILIARY_FORMS):
            start = k
        elif start == token.i and word.pos_ in ("ADP", "DET", "NOUN") and _interposed(doc, k, token.i):
            pass  # 'a pour sa part affirmé', 'a de son côté tweeté': an adverbial locution inside the group
        elif not (word.pos_ in ("ADV", "PRON") or word.lower_ in NEGATION or _clitic_piece(word)
                  or word.text in ("-", "'") or (word.pos_ == "ADP" and doc[k + 1].pos_ == "ADV")):
            break
        k -= 1
    return start


AUXILIARY_FORMS = {"a", "ont", "avait", "avaient", "aura", "auront", "aurait", "auraient"}
MAX_INTERPOSED = 4  # words of an adverbial locution between the auxiliary and the participle


def _interposed(doc: Doc, k: int, verb: int) -> bool:
    """Token k lies in a short locution (preposition, determiner, noun) right after an auxiliary form, before the
    participle: 'a pour sa part affirmé', 'a d'autre part avancé'."""
    first = k
    while first > 0 and verb - first <= MAX_INTERPOSED and doc[first - 1].pos_ in ("ADP", "DET", "NOUN", "ADJ", "ADV"):
        first -= 1
    before = first - 1
    while before > 0 and _clitic_piece(doc[before]):  # 'a-t-il d'autre part avancé'
        before -= 1
    return before >= 0 and doc[before].lower_ in AUXILIARY_FORMS and doc[first].pos_ in ("ADP", "ADV") \
        and verb - first <= MAX_INTERPOSED


def verb_group(token: Token) -> tuple[int, int]:
    """First and last token index of the cue's verb group (clitic, auxiliaries, particle, inverted pronoun)."""
    doc = token.doc
    first = _group_start(token)
    if first > 0 and doc[first - 1].lower_ in ("se", "s'", "s’"):
        first -= 1
    last = token.i
    while last + 1 < len(doc) and _clitic_piece(doc[last + 1]):
        last += 1
    return first, last


def _clitic_piece(token: Token) -> bool:
    text = token.text.lower()
    return text in ("-", "t", "-t", "t-") or bool(re.fullmatch(r"-?t?-?(il|elle|ils|elles|on)", text))


def _inversion(token: Token) -> re.Match[str] | None:
    """The inverted subject pronoun of 'a-t-il dit', 'dit-elle', 'estime t-il'."""
    doc = token.doc
    first = _group_start(token)
    start = doc[first].idx + len(doc[first])
    end = min(token.idx + len(token) + 8, len(text_of(doc)))
    for match in INVERSION.finditer(text_of(doc), start, end):
        at_aux = match.start() == start and first != token.i
        at_verb = match.start() == token.idx + len(token)
        if at_aux or at_verb:
            return match
    return None


# --- incise and preposed anchors ------------------------------------------------------------


def verb_anchor(token: Token, cue: Cue, unit: Unit, lexicon: Lexicon) -> Anchor | None:
    """An incise or preposed anchor for a cue verb, None if neither construction holds."""
    first, last = verb_group(token)
    doc = token.doc
    if "incise" in cue.frames and _incise_context(doc, unit, first) and (
            _clause_before(doc, unit, first) or not _preverbal_subject(token, unit)):
        anchor = _incise(token, unit, first, last, lexicon)
        if anchor is not None:
            return anchor
    return _preposed(token, cue, unit, first, last, lexicon)


def _clause_before(doc: Doc, unit: Unit, first: int) -> bool:
    """The text before an incise is a clause (a finite verb or a quotation), as reported content is."""
    for token in doc[unit.first : first]:
        if token.text in ("»", "”") or (token.text == '"' and token.i > unit.first):
            return True
        if token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"):
            return True
    return False


def _preverbal_subject(token: Token, unit: Unit) -> bool:
    """The parse gives the verb a subject before it, outside quotation marks: not an incise."""
    return any(c.dep_ in SUBJECT_DEPS and c.i < token.i and not _clitic_piece(c) and c.idx >= unit.start
               and not in_quotes(unit, c.idx, c.idx + len(c)) for c in token.children)


def _incise_context(doc: Doc, unit: Unit, first: int) -> bool:
    before = text_of(doc)[unit.start : doc[first].idx].rstrip(SPACES)
    return before.endswith(CLOSING_CONTEXT) and bool(before.strip(SPACES + ",—–"))


def _incise(token: Token, unit: Unit, first: int, last: int, lexicon: Lexicon) -> Anchor | None:
    doc = token.doc
    inversion = _inversion(token)
    if inversion is None and (_present_participle(token) or "Inf" in token.morph.get("VerbForm")):
        return None  # a participle or an infinitive has no subject after it
    if inversion is not None:
        mention = pronoun_mention(inversion.start(1), inversion.end(1), text_of(doc))
        end = max(inversion.end(), doc[last].idx + len(doc[last]))
    else:
        head = _postverbal_subject(token, last, unit, lexicon)
        if head is None:
            return None
        mention = noun_phrase_mention(head, lexicon, limit=(last + 1, unit.last))
        if mention is None:
            return None
        end = mention.end
    start = _region_start(doc, unit, first)
    cue_end = doc[token.i].idx + len(token)
    return Anchor("incise", unit, doc[first].idx, cue_end, start, end, False, mention=mention, verb=token,
                  addressee=addressee_of(token), medium=medium_of(token, lexicon))


def _region_start(doc: Doc, unit: Unit, first: int) -> int:
    """The incise's region starts at the comma (or closing mark) before its verb group."""
    position = doc[first].idx
    text = text_of(doc)
    while position > unit.start and text[position - 1] in SPACES + ",—–":
        position -= 1
    return position


def _postverbal_subject(token: Token, last: int, unit: Unit, lexicon: Lexicon) -> Token | None:
    subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS and c.i > last and not _has_case(c)
                and lexicon.noun_class(c.lemma_) != "time"]
    if subjects:
        return subjects[0]
    k = last + 1
    while k <= unit.last:
        candidate = token.doc[k]
        if candidate.is_space:
            k += 1
            continue
        if candidate.is_punct or candidate.lower_ in ("que", "qu'", "qu’", ":"):
            break
        if _skippable(candidate, lexicon) or candidate.pos_ == "ADP":  # no subject starts with a preposition
            k = _skip(candidate, lexicon)
            continue
        if candidate.pos_ in ("PROPN", "NOUN") or (candidate.pos_ == "DET" and candidate.head.i > candidate.i) \
                or (candidate.pos_ == "X" and candidate.text[:1].isupper()):  # a foreign name: 'Act Up'
            head = candidate.head if candidate.pos_ == "DET" else _name_head(candidate)
            return None if _has_case(head) else head
        break
    return _next_name(token.doc, last + 1, min(unit.last, last + 12))


def _next_name(doc: Doc, start: int, end: int) -> Token | None:
    """'s'étonne, téléphone en main, Roméo André': the first person's name after the verb."""
    for k in range(start, end + 1):
        if doc[k].lower_ in QUE or doc[k].text == ":":
            return None
        if doc[k].ent_type_ in ("PER", "PERSON") and doc[k].ent_iob_ == "B" and doc[k - 1].pos_ != "ADP":
            return doc[k]
    return None


def _has_case(token: Token) -> bool:
    """'à l'AFP': a noun with a preposition is no subject."""
    return any(c.dep_ == "case" and c.i < token.i for c in token.children)


def _name_head(token: Token) -> Token:
    while token.dep_ in ("flat:name", "flat") and token.head.i < token.i:
        token = token.head
    return token


def _skippable(token: Token, lexicon: Lexicon) -> bool:
    if token.pos_ == "ADV" or token.lower_ in NEGATION:
        return True
    if lexicon.noun_class(token.lemma_) == "time" or lexicon.noun_class(token.lower_) == "time":
        return True
    if token.pos_ == "NOUN" and _bare_before_time(token, lexicon):
        return True  # 'début juin', 'fin mars': a bare noun that dates, as the time word after it does
    if token.pos_ in ("NUM", "DET"):
        k = token.i + 1
        while k < len(token.doc) and k - token.i <= 3 and token.doc[k].pos_ in ("ADJ", "NUM"):
            k += 1
        return k < len(token.doc) and lexicon.noun_class(token.doc[k].lemma_) == "time"
    return token.pos_ == "ADP" and token.lower_ in PP_OPENERS


def _bare_before_time(token: Token, lexicon: Lexicon) -> bool:
    """A noun with no determiner right before a time word: 'début juin'."""
    doc = token.doc
    if token.i + 1 >= len(doc) or any(c.dep_ == "det" for c in token.children):
        return False
    after = doc[token.i + 1]
    return lexicon.noun_class(after.lemma_) == "time" or lexicon.noun_class(after.lower_) == "time"


def _adverbial_locution_end(token: Token) -> int | None:
    """Index after 'à nouveau', 'en outre', 'par ailleurs': a fixed locution not ending in a preposition."""
    fixed = [c for c in token.children if c.dep_ == "fixed" and c.i > token.i]
    if not fixed or fixed[-1].lower_ in DE | A or fixed[-1].i - token.i != len(fixed):
        return None
    return fixed[-1].i + 1


def _skip(token: Token, lexicon: Lexicon) -> int:
    """Index after an adjunct that starts at `token` (a prepositional phrase is skipped whole)."""
    doc = token.doc
    locution = _adverbial_locution_end(token)
    if locution is not None:
        return locution
    k = token.i + 1
    while k < len(doc) and doc[k].pos_ == "DET":
        k += 1
    if token.pos_ == "ADP" and (outlet := _outlet_end(doc, k, lexicon)) is not None:
        return outlet  # 'à France Bleu X': the outlet's name, however the tagger split it
    entity = entity_starting_at(doc, k) if token.pos_ == "ADP" and k < len(doc) else None
    if entity is not None:
        return entity.end
    if token.pos_ == "ADP" and token.head.i > token.i:
        if token.head.right_edge.i <= token.i:
            return token.i + 1
        return _juxtaposed_phrase(token.head) or _before_infinitive_clause(token.head)
    return token.i + 1


def _before_infinitive_clause(noun: Token) -> int:
    """Index after a prepositional phrase, short of a 'de' + infinitive hung on its noun: in 'a demandé aux
    fidèles de klaxonner' the parser attaches the verb's complement to 'fidèles'."""
    for child in noun.rights:
        if child.pos_ == "VERB" and "Inf" in child.morph.get("VerbForm") \
                and any(c.dep_ == "mark" and c.lower_ in DE and c.i < child.i for c in child.children):
            return child.left_edge.i
    return noun.right_edge.i + 1


MAX_OUTLET_WORDS = 4


def _outlet_end(doc: Doc, k: int, lexicon: Lexicon) -> int | None:
    """Index after the longest news outlet name of the lexicon that starts at token `k`."""
    words = folded_tokens(doc)
    for n in range(min(MAX_OUTLET_WORDS, len(doc) - k), 0, -1):
        if " ".join(words[k : k + n]) in lexicon.media:
            return k + n
    return None


def _juxtaposed_phrase(noun: Token) -> int | None:
    """'dans un communiqué la direction de X': a determined noun phrase hung on the noun of a
    prepositional phrase without a preposition of its own starts a new phrase (the subject)."""
    for child in noun.rights:
        if child.pos_ in ("NOUN", "PROPN") and child.dep_ in ("nmod", "appos") and not _has_case(child) \
                and any(c.dep_ == "det" and c.i < child.i for c in child.children) \
                and not child.doc[child.left_edge.i - 1].is_punct:
            return child.left_edge.i
    return None


def _preposed(token: Token, cue: Cue, unit: Unit, first: int, last: int, lexicon: Lexicon) -> Anchor | None:
    doc = token.doc
    if _passive_with_subject(token):
        return None  # 'le projet a été critiqué par X': the subject is what was spoken of, not who spoke
    complement = _complement(token, cue, unit, last, lexicon)
    if complement is None and not (_clitic_object(token, doc) and "Fin" in doc[first].morph.get("VerbForm")):
        return None
    parsed = preposed_subject(token)
    if _present_participle(token) and first > 0 and doc[first - 1].text == ",":
        # ', regrettant ...', ', affirmant que ...': the subject of the clause before, not a word near the participle
        incise = _incise_subject(doc, unit, first - 1, lexicon)
        if incise is not None:
            parsed = incise
        elif parsed is None or token.dep_ in ("acl", "amod"):
            parsed = _clause_subject(doc, unit, token) or parsed
    subject = _adjacent_subject(doc, first, unit, parsed) or _left_name(doc, first, unit)
    if subject is None and (_present_participle(token) or "Inf" in token.morph.get("VerbForm")):
        subject = _clause_subject(doc, unit, token)  # 'X a redit ..., tout en soulignant que ...'
    if subject is not None and subject.pos_ == "PRON" and not subject.text[:1].isupper() \
            and subject.lower_.lstrip("-") not in PRONOUNS and token.i > subject.i:
        subject = _adjacent_subject(doc, first, unit, subject, apposition=True)  # "L'un d'eux, Alternative, a réclamé"
    if subject is None or in_quotes(unit, subject.idx, subject.idx + len(subject)):
        return None
    mention = subject_mention(subject, lexicon)
    if mention is None:
        return None
    start = _region_start(doc, unit, _participle_start(doc, first))
    if unit.start <= mention.start < start and not _has_words_between(text_of(doc), mention.end, start):
        start = mention.start
    if complement is None:  # 'comme il l'a annoncé hier': an aside that bounds the content before it
        return Anchor("aside", unit, doc[first].idx, doc[last].idx + len(doc[last]), start,
                      doc[last].idx + len(doc[last]), True, mention=mention, verb=token)
    return Anchor("preposed", unit, doc[first].idx, doc[last].idx + len(doc[last]), start, complement, True,
                  content_start=complement, mention=mention, verb=token, addressee=addressee_of(token),
                  medium=medium_of(token, lexicon))


def _passive_with_subject(token: Token) -> bool:
    """A passive verb with a subject of its own (not the impersonal 'il a été annoncé que')."""
    if not any(c.dep_ == "aux:pass" for c in token.children):
        return False
    return any(c.dep_ == "nsubj:pass" and c.lower_ != "il" for c in token.children)


def _has_words_between(text: str, start: int, end: int) -> bool:
    """More than two words between a subject and its verb: the subject is not part of the attribution."""
    return len(re.findall(r"\w+", text[start:end])) > 2


def _participle_start(doc: Doc, first: int) -> int:
    """'tout en soulignant': the region starts before 'en' / 'tout en'."""
    while first > 0 and doc[first - 1].lower_ in ("en", "tout"):
        first -= 1
    return first


NP_TAGS = {"NOUN", "PROPN", "DET", "ADJ", "NUM"}
NP_LINKS = DE | {"du", "des"}  # "le ministre des Affaires étrangères X"


def _adjacent_subject(doc: Doc, first: int, unit: Unit, parsed: Token | None, *,
                      apposition: bool = False) -> Token | None:
    """'La voix étranglée, la ministre a précisé': the noun phrase right before the verb beats a
    parsed subject that a comma separates from it (with `apposition`, also one set between commas)."""
    k = first - 1
    if apposition and k > unit.first and doc[k].text == ",":
        k -= 1
    while k >= unit.first and (doc[k].pos_ == "ADV" or doc[k].is_space):
        k -= 1
    end = k
    while k >= unit.first and (doc[k].pos_ in NP_TAGS or doc[k].lower_ in NP_LINKS or doc[k].text in ("-", "'")):
        k -= 1
    begin = k + 1
    if begin > end or parsed is None or begin <= parsed.i <= end or parsed.i > first:
        return parsed
    if k >= unit.first and doc[k].text != ",":
        return parsed
    if doc[begin].pos_ not in ("DET", "PROPN") and not doc[begin].text[:1].isupper():
        return parsed
    heads = [t for t in doc[begin : end + 1] if not (begin <= t.head.i <= end) and t.pos_ in ("NOUN", "PROPN")]
    return heads[0] if heads else parsed


def _incise_subject(doc: Doc, unit: Unit, before: int, lexicon: Lexicon) -> Token | None:
    """'« ... », a ajouté X, soulignant que ...': the subject of the incise the participle follows."""
    for k in range(before - 1, unit.first - 1, -1):
        verb = doc[k]
        if in_quotes(unit, verb.idx, verb.idx + len(verb)) or verb.pos_ not in ("VERB", "AUX") \
                or verb.dep_.startswith("aux"):
            continue
        if cue_of(verb, lexicon) is None:
            return None  # another verb in between: the participle belongs to that clause
        first, last = verb_group(verb)
        if not _incise_context(doc, unit, first):
            return None
        inversion = _inversion(verb)
        if inversion is not None:  # '« ... », a-t-elle ajouté, précisant que ...': the inverted pronoun
            return next((t for t in doc[first : last + 1] if t.idx <= inversion.start(1) < t.idx + len(t)), None)
        return _postverbal_subject(verb, last, unit, lexicon)
    return None


def _clause_subject(doc: Doc, unit: Unit, token: Token) -> Token | None:
    """The subject of the first finite verb before a participle, in the same unit and outside quotation
    marks; after that verb for an incise ('« ... », a ajouté X, soulignant que ...')."""
    for verb in reversed(list(doc[unit.first : token.i])):
        if in_quotes(unit, verb.idx, verb.idx + len(verb)):
            continue
        if verb.pos_ in ("VERB", "AUX") and "Fin" in verb.morph.get("VerbForm") or verb.dep_ == "ROOT":
            target = verb if verb.dep_ != "aux:tense" else verb.head
            subjects = [c for c in target.children if c.dep_ in SUBJECT_DEPS and c.i < token.i]
            if subjects:
                return subjects[0]
    return None


def _left_name(doc: Doc, first: int, unit: Unit) -> Token | None:
    """Fallback subject when the parse has none: the nearest name to the left in the same clause."""
    for k in range(first - 1, max(unit.first, first - 16) - 1, -1):
        token = doc[k]
        if token.pos_ in ("VERB", "AUX") or token.lower_ in QUE or in_quotes(unit, token.idx, token.idx + 1):
            return None
        if token.ent_type_ in ("PER", "ORG") or token.pos_ == "PROPN":
            if k > 0 and doc[k - 1].pos_ == "ADP":
                continue
            while k > unit.first and doc[k - 1].ent_iob_ == "I" and doc[k].ent_iob_ == "I":
                k -= 1
            return doc[k] if doc[k].ent_iob_ != "I" else doc[k - 1]
    return None


def preposed_subject(token: Token) -> Token | None:
    """The subject of a cue verb, climbing from participles and infinitives to their governor."""
    verb = token
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and c.lower_ not in ("-t", "t", "-")]
        if subjects:
            subject = subjects[0]
            if subject.lower_ == "qui" and verb.dep_ == "acl:relcl":
                return verb.head
            return subject
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i:
            return verb.head
        if verb.dep_ not in CLIMB_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _complement(token: Token, cue: Cue, unit: Unit, last: int, lexicon: Lexicon) -> int | None:
    """Char offset where the reported content starts after a preposed cue, None if none."""
    doc = token.doc
    frames = cue.frames
    restricted = _present_participle(token) or _negated(token)
    if restricted:  # 'suggérant d'éventuelles ...', 'ne mentionnaient aucune ...': only with a quotation
        frames = frames - {"np", "inf", "attr"}
        if _quote_within(unit, doc, last + 1, last + 4):
            frames = frames | {"np"}
        if "inf" in cue.frames and not _negated(token) and _perfect_infinitive_follows(doc, last + 1, unit.last):
            frames = frames | {"inf"}  # 'affirmant avoir été écarté': a past fact is a claim, never an intent
    if "npq" in frames and _quote_within(unit, doc, last + 1, last + 4):
        frames = frames | {"np"}  # 'a critiqué une « décision absurde »', not 'a critiqué cette décision'
    if _clitic_object(token, doc):
        frames = frames - {"np", "inf", "attr"}  # 'comme il l'a annoncé hier': what was said is 'l''
    k = last + 1
    if cue.particle:
        k += 1
    skipped_object = False
    stop = min(unit.last, last + MAX_COMPLEMENT_DISTANCE)
    while k <= stop:
        current = doc[k]
        if current.is_space:
            k += 1
            continue
        quote = _quote_at(unit, current.idx)
        if quote is not None:
            return quote.start
        low = current.lower_
        if low in QUE and "que" in frames:
            return _after(current)
        if low == ":" and "colon" in frames:
            return _after(current)
        if (low in DE and ("de" in frames or cue.particle)) or (low in A and "a" in frames):
            if cue.particle or _infinitive_follows(doc, k + 1, unit.last):
                return _after(current)
        if low in NP_LINKS and "de" in frames and _quote_within(unit, doc, k + 1, k + 2):
            return current.idx  # 's'est félicité du « succès » de ...': a quoted noun phrase is the content
        if "inf" in frames and _is_infinitive(current):
            return current.idx
        if "inf" in frames and low in NEGATION and _infinitive_follows(doc, k, unit.last):
            return current.idx
        if "attr" in frames and current.pos_ == "ADJ":
            return current.idx
        if current.is_punct and low not in (",",):
            return None
        if _skippable(current, lexicon) or low == ",":
            k = _skip(current, lexicon) if current.pos_ == "ADP" else k + 1
            continue
        if current.pos_ == "VERB" and not _is_infinitive(current):
            return None
        if "np" in frames and low in DE and _indefinite_de(current):
            return current.idx
        if "np" in frames and current.pos_ in ("DET", "NOUN", "PROPN", "NUM", "PRON") and current.lower_ not in QUE:
            if current.pos_ != "PRON" or current.dep_ in OBJECT_DEPS:
                return current.idx
        if ("a" in frames or "de" in frames) and not skipped_object and current.pos_ in ("DET", "NOUN", "PROPN", "PRON"):
            skipped_object = True
            head = current.head if current.pos_ == "DET" else current
            k = max(head.right_edge.i, k) + 1 if head.i >= k else k + 1
            continue
        return None
    return None


CLITIC_OBJECTS = {"le", "la", "l'", "l’", "les"}


def _clitic_object(token: Token, doc: Doc) -> bool:
    """The verb group opens with an object clitic: 'l'a annoncé', 'le répète'."""
    start = _group_start(token)
    return start > 0 and doc[start - 1].lower_ in CLITIC_OBJECTS and doc[start - 1].pos_ == "PRON"


def _indefinite_de(token: Token) -> bool:
    """'de nouvelles aides': the plural indefinite article before an adjective, heading a noun object."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].pos_ != "ADJ":
        return False
    noun = doc[token.i + 1].head
    return noun.pos_ == "NOUN" and noun.i > token.i + 1 and token.head.i == noun.i


def _present_participle(token: Token) -> bool:
    return token.morph.get("VerbForm") == ["Part"] and token.morph.get("Tense") == ["Pres"]


def _negated(token: Token) -> bool:
    return any(c.lower_ in ("ne", "n'", "n’") for c in token.children)


def _after(token: Token) -> int:
    return token.idx + len(token)


def _quote_within(unit: Unit, doc: Doc, first: int, last: int) -> bool:
    last = min(last, len(doc) - 1)
    return first <= last and any(doc[first].idx <= q.start <= doc[last].idx for q in unit.quotes)


def _quote_at(unit: Unit, position: int) -> QuotedSpan | None:
    return next((q for q in unit.quotes if q.start == position), None)


def _is_infinitive(token: Token) -> bool:
    return "Inf" in token.morph.get("VerbForm") or (token.lower_ in ("avoir", "être") and token.pos_ == "AUX")


def _perfect_infinitive_follows(doc: Doc, k: int, last: int) -> bool:
    """'avoir été écarté', 'ne pas avoir été soutenue': an auxiliary infinitive, then its participle."""
    while k <= last and (doc[k].lower_ in NEGATION or doc[k].pos_ == "ADV" or doc[k].is_space):
        k += 1
    return k < last and doc[k].lower_ in ("avoir", "être") and "Part" in doc[k + 1].morph.get("VerbForm")


def _infinitive_follows(doc: Doc, k: int, last: int) -> bool:
    while k <= last and (doc[k].lower_ in NEGATION or doc[k].pos_ == "ADV" or doc[k].lower_ in ("se", "s'", "s’")
                         or doc[k].text in ("«", "“", '"') or doc[k].is_space):
        k += 1
    return k <= last and _is_infinitive(doc[k])


# --- source markers ("selon X") -------------------------------------------------------------


def source_anchors(unit: Unit, doc: Doc, lexicon: Lexicon) -> list[Anchor]:
    """Anchors for "selon X" / "d'après X" in a unit."""
    found = []
    k = unit.first
    while k <= unit.last:
        length = _marker_at(doc, k, unit.last, lexicon)
        if length and not in_quotes(unit, doc[k].idx, doc[k].idx + 1):
            anchor = _source(doc, unit, k, k + length, lexicon)
            if anchor is not None and _marker_kind(doc, k, length, lexicon) == "opinion" \
                    and not _opinion_frame(doc, unit, k, anchor):
                anchor = None
            if anchor is not None:
                found.append(anchor)
            k += length
        else:
            k += 1
    return found


def _marker_kind(doc: Doc, k: int, length: int, lexicon: Lexicon) -> str | None:
    return lexicon.markers.get(tuple(folded_tokens(doc)[k : k + length]))


OPINION_LABELS = ("PER", "ORG")


def _opinion_frame(doc: Doc, unit: Unit, k: int, anchor: Anchor) -> bool:
    """'Pour X, CONTENT' frames an opinion only at the front, before a clause, with a named person, an
    organization or a stressed pronoun as X ('Pour la première fois, ...', 'Pour Paris, ...' frame nothing)."""
    if not anchor.forward or anchor.content_start is None or not _at_front(doc, unit, k):
        return False
    mention = anchor.mention
    named = mention.form == "name" and mention.label in OPINION_LABELS
    if not named and not _stressed_pronoun(doc[k + 1]):
        return False
    first = next((t.i for t in doc[k:unit.last + 1] if t.idx >= anchor.content_start), None)
    return first is not None and _finite_verb_in(doc, first, unit.last)


def _marker_at(doc: Doc, k: int, last: int, lexicon: Lexicon) -> int:
    words = folded_tokens(doc)
    if words[k] not in lexicon.marker_starts:
        return 0
    for marker in lexicon.markers:
        n = len(marker)
        if words[k] == marker[0] and k + n - 1 <= last and tuple(words[k : k + n]) == marker:
            return n
    return 0


def _source(doc: Doc, unit: Unit, k: int, after: int, lexicon: Lexicon) -> Anchor | None:
    if after > unit.last or doc[after].lower_ in QUE:
        return None
    end = _source_end(doc, after, unit.last)
    if end <= after:
        return None
    end = _appositive_name_end(doc, end, unit.last)
    head = _source_head(doc, after, end)
    if not _stressed_pronoun(doc[after]):  # nothing describes "lui" after it
        end = _source_tail(doc, end, unit.last, lexicon)
    if head is None or lexicon.noun_class(head.lemma_) in ("nonsource", "time"):
        return None
    mention = noun_phrase_mention(head, lexicon, limit=(after, end - 1), exact=True)
    if mention is None:
        return None
    marker_start = doc[k].idx
    region_end = doc[end - 1].idx + len(doc[end - 1])
    front = _at_front(doc, unit, k)
    followed = end <= unit.last and doc[end].text == "," and _has_words(doc, end + 1, unit.last) \
        and doc[end + 1].lower_ not in RELATIVES  # 'CONTENT, selon X, qui ...': the relative clause is X's
    preceded = text_of(doc)[unit.start:marker_start].rstrip(SPACES).endswith((",", "("))
    if followed and not front and not _finite_verb_in(doc, end + 1, unit.last):
        followed = False  # "CONTENT, selon X, chercheur à ...": what follows describes X
    if front or (preceded and followed):
        if front and followed:
            end = _front_apposition_end(doc, end, unit.last)
        content = _after(doc[end]) if followed else None
        if content is None:
            return None
        return Anchor("source", unit, marker_start, _after(doc[after - 1]), _region_start(doc, unit, k),
                      _after(doc[end]), True, content_start=content, mention=mention)
    if followed:  # "Fabien, CONTENT selon Météo France, avait ...": the apposition before
        start = text_of(doc).rfind(",", unit.start, marker_start)
        anchor = Anchor("source", unit, marker_start, _after(doc[after - 1]), marker_start, region_end, False,
                        mention=mention)
        anchor.content_start = start + 1 if start >= 0 else None
        return anchor
    anchor = Anchor("source", unit, marker_start, _after(doc[after - 1]), _region_start(doc, unit, k), region_end,
                    False, mention=mention)
    if _clause_goes_on(doc, end, unit.last):  # "X correspond selon lui aux prévisions": the whole clause
        anchor.content_end = unit.end
    return anchor


def _front_apposition_end(doc: Doc, comma: int, last: int) -> int:
    """'Selon X, économiste à Nantes, CONTENT': a verbless segment between the source's comma and the next
    one describes X when it opens with a bare noun ('Selon le maire, les habitants, inquiets, ...' is content);
    the content starts after it (the comma closing it is returned)."""
    following = next((k for k in range(comma + 1, last + 1) if doc[k].text == ","), None)
    if following is None or doc[comma + 1].pos_ not in ("NOUN", "ADJ"):
        return comma
    if _finite_verb_in(doc, comma + 1, following - 1) or any(doc[k].is_quote for k in range(comma + 1, following)):
        return comma
    return following if _finite_verb_in(doc, following + 1, last) else comma


def _finite_verb_in(doc: Doc, first: int, last: int) -> bool:
    return any(doc[k].pos_ in ("VERB", "AUX") and "Fin" in doc[k].morph.get("VerbForm") for k in range(first, last + 1))


def _stressed_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON" and token.lower_ in STRESSED_PRONOUNS


def _clause_goes_on(doc: Doc, end: int, last: int) -> bool:
    """The clause framed by a "selon X" inside it continues after X (no punctuation, no relative clause)."""
    if end > last or doc[end].lower_ in RELATIVES or doc[end].lower_ in QUE:
        return False
    opening = doc[end].is_quote and end < last and not doc[end + 1].is_punct  # 'selon lui "grosso modo" aux ...'
    return opening or not doc[end].is_punct


def _source_end(doc: Doc, k: int, last: int) -> int:
    """Index after the source noun phrase: up to punctuation, a verb or a relative pronoun."""
    if _stressed_pronoun(doc[k]):
        return k + 1  # "selon lui aux prévisions": a pronoun is the whole source
    start = k
    while k <= last:
        token = doc[k]
        if token.is_punct and token.text not in ("-", "'", "’", "(", ")"):
            break
        if token.pos_ in ("VERB", "AUX", "SCONJ") or token.lower_ in ("qui", "que", "dont", "où"):
            break
        if k - start >= 12:
            break
        k += 1
    while k > start and doc[k - 1].pos_ in ("ADP", "DET", "CCONJ"):
        k -= 1
    return k


def _appositive_name_end(doc: Doc, end: int, last: int) -> int:
    """'selon son conjoint, Louis Aliot - vice-président -, ...': appositions belong to the source."""
    while end <= last:
        if doc[end].text in ("(", "-", "–", "—"):
            closing = {"(": ")"}.get(doc[end].text, doc[end].text)
            k = next((i for i in range(end + 1, min(last, end + 20) + 1) if doc[i].text in (closing, "-", "–", "—")), None)
            if k is None:
                return end
            end = k + 1
            continue
        if doc[end].text == "," and end + 1 <= last and doc[end + 1].pos_ == "PROPN":
            k = end + 1
            while k <= last and doc[k].pos_ == "PROPN":
                k += 1
            if k <= last and doc[k].text in (",", "-", "–", "—", "("):
                end = k
                continue
        return end
    return end


RELATIVES = {"qui", "dont", "lequel", "laquelle", "lesquels", "lesquelles"}
MAX_SOURCE_TAIL = 25  # tokens of a modifier of the source ('une étude publiée mardi par ... sur son site')
MAX_APPOSITION = 10  # tokens of an apposition set off by commas ('X, contactée par l'AFP, ...')


def _source_tail(doc: Doc, end: int, last: int, lexicon: Lexicon) -> int:
    """Extend the source over what describes it before its comma: a non-finite modifier ('une étude publiée
    mardi par Le Monde, ...') and appositions set off by commas ('Anne Martin, contactée par l'AFP, ...',
    'X, un député pressenti, qui ...'). A finite verb, 'que' or a quotation mark ends the source."""
    if end <= last and not doc[end].is_punct:
        comma = _next_comma(doc, end, min(last, end + MAX_SOURCE_TAIL))
        if comma is not None:
            end = comma
    for _ in range(2):
        if end > last or doc[end].text != ",":
            break
        comma = _next_comma(doc, end + 1, min(last, end + 1 + MAX_APPOSITION))
        if comma is None or comma == end + 1 or not _apposition_start(doc[end + 1], lexicon):
            break
        end = comma
    return end


def _non_finite(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and bool(set(token.morph.get("VerbForm")) & {"Part", "Inf"}) \
        and "Fin" not in token.morph.get("VerbForm")


def _next_comma(doc: Doc, start: int, stop: int) -> int | None:
    """Index of the next comma from `start` (inclusive) up to `stop`, if no finite verb, 'que' or quotation
    mark comes first and words follow it."""
    for k in range(start, stop + 1):
        token = doc[k]
        if token.text == ",":
            return k if k + 1 < len(doc) and _has_words(doc, k + 1, min(len(doc) - 1, k + 3)) else None
        if token.lower_ in QUE or token.lower_ in RELATIVES or token.text in "«»\"“”" or token.pos_ == "SCONJ" \
                or token.is_sent_start and k > start:
            return None
        if token.pos_ in ("VERB", "AUX") and not _non_finite(token):
            return None
    return None


def _apposition_start(token: Token, lexicon: Lexicon) -> bool:
    """A participle ('contactée par ...') or a noun phrase naming a person's role ('un député', 'une élue', 'le
    porte-parole'), not the subject of the content ('les habitants') nor a time ('la veille')."""
    if _non_finite(token) and "Part" in token.morph.get("VerbForm"):
        return True
    if token.pos_ != "DET" or token.head.pos_ != "NOUN" or token.head.i <= token.i:
        return False
    noun_class = lexicon.noun_class(token.head.lemma_)
    return noun_class in ("title", "leader", "person") or token.lower_ in ("un", "une") and noun_class is None


def _source_head(doc: Doc, start: int, end: int) -> Token | None:
    tokens = [doc[i] for i in range(start, end)]
    heads = [t for t in tokens if (not (start <= t.head.i < end) or t.head.i == t.i) and t.pos_ in ("NOUN", "PROPN", "PRON")]
    if heads:
        return heads[0]
    return next((t for t in tokens if t.pos_ in ("NOUN", "PROPN", "PRON")), None)


def _at_front(doc: Doc, unit: Unit, k: int) -> bool:
    before = [t for t in doc[unit.first : k] if not t.is_punct and not t.is_space]
    return all(t.pos_ in ("CCONJ", "ADV") for t in before) and len(before) <= 2


def _has_words(doc: Doc, k: int, last: int) -> bool:
    return any(not doc[i].is_punct and not doc[i].is_space for i in range(k, last + 1))


# --- mentions -------------------------------------------------------------------------------


def pronoun_mention(start: int, end: int, text: str) -> Mention:
    """A pronoun designating the speaker ("il" of "-t-il")."""
    word = text[start:end]
    gender, number = PRONOUNS.get(word.lower(), (None, "s"))
    return Mention(start, end, word, "pronoun", gender=gender, plural=number == "p")


def subject_mention(subject: Token, lexicon: Lexicon) -> Mention | None:
    """The mention for a preposed subject token (pronoun or noun phrase)."""
    low = re.sub(r"^-?(?:t-)?", "", subject.lower_)  # '-elle', '-t-elle' (an inverted pronoun in one token)
    if low in FIRST_PERSON or low in NOT_SPEAKERS:
        return None
    if low in PRONOUNS:
        return pronoun_mention(subject.idx + len(subject.text) - len(low), subject.idx + len(subject), text_of(subject.doc))
    if (demonstrative := _split_demonstrative(subject)) is not None:
        return demonstrative
    if subject.pos_ == "PRON" and not subject.text[:1].isupper():
        return None
    return noun_phrase_mention(subject, lexicon, limit=(0, len(subject.doc) - 1))


def _split_demonstrative(subject: Token) -> Mention | None:
    """'Celui' + '-ci' tokenized apart: the demonstrative pronoun 'celui-ci'."""
    text = text_of(subject.doc)
    end = subject.idx + len(subject) + 3
    if subject.whitespace_ or text[end - 3 : end].lower() not in ("-ci", "-là"):
        return None
    return pronoun_mention(subject.idx, end, text) if text[subject.idx : end].lower() in PRONOUNS else None


EXCLUDED_DEPS = {"acl:relcl", "advcl", "parataxis", "punct", "obl", "obl:mod", "obl:arg", "nsubj", "obj", "ccomp",
                 "xcomp", "mark", "aux:tense", "aux:pass", "cop", "advmod", "dep"}


def noun_phrase_mention(head: Token, lexicon: Lexicon, *, limit: tuple[int, int], exact: bool = False) -> Mention | None:
    """The mention for a noun phrase headed by `head` (within `limit`, or exactly `limit` if `exact`)."""
    if head.lower_ in PRONOUNS and head.pos_ == "PRON":
        return subject_mention(head, lexicon)
    first, last = limit if exact else _phrase_bounds(head, limit)
    doc = head.doc
    while last > first and (doc[last].is_punct or doc[last].pos_ in ("ADP", "DET", "CCONJ")):
        last -= 1
    while first < last and doc[first].is_punct:
        first += 1
    if last < first or not any(t.is_alpha for t in doc[first : last + 1]):
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    text = text_of(doc)[start:end]
    name = _name_in(head, first, last) or _apposed_name(head, first, last, lexicon)
    if name is None and not exact and (after := _comma_name(head, last, limit[1])) is not None:
        name = _trimmed(after)  # the parser often hangs 'un habitant, Paul Dagnon' on the verb
        end = name[1]
        text = text_of(doc)[start:end]
    if name is not None:
        name_start, name_end, label = name
        return Mention(start, end, text, "name", label=label, name_start=name_start, name_end=name_end,
                       head=head.lemma_.lower(), gender=_gender(head))
    outlet = lexicon.noun_class(head.lemma_) == "media"  # 'le quotidien régional' (not 'l'autorité aéroportuaire')
    bare = all(t.i == head.i or t.pos_ == "DET" or (outlet and t.pos_ == "ADJ" and t.head.i == head.i)
               for t in doc[first : last + 1]) or fold(doc[first].text) in DEMONSTRATIVE
    return Mention(start, end, text, "description", gender=_gender(head), plural=_plural(head),
                   head=head.lemma_.lower(), definite=_definite(head), bare=bare)


def _comma_name(head: Token, last: int, limit: int) -> Span | None:
    """A person's name set after a comma that closes the description: 'le préfet de Lyon, Paul Durand.'"""
    doc = head.doc
    if head.pos_ != "NOUN" or last + 2 > limit or doc[last + 1].text != ",":
        return None
    person = entity_at(doc, last + 2) if last + 2 < len(doc) else None
    if person is None or person.start != last + 2 or not is_person_name(doc, person):
        return None
    end = person_end(doc, person)
    closed = end > limit or doc[end].is_punct or doc[end].lower_ in QUE
    return person if closed else None


def _phrase_bounds(head: Token, limit: tuple[int, int]) -> tuple[int, int]:
    kept = {head.i}
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in EXCLUDED_DEPS and not (child.dep_ == "punct" and child.text in ("-",)) \
                    and not _adjective_complement(token, child):
                continue
            if child.dep_ == "acl" and child.i > 0 and child.doc[child.i - 1].text == ",":
                continue
            kept.add(child.i)
            stack.append(child)
    first = last = head.i
    while first - 1 >= limit[0] and first - 1 in kept:
        first -= 1
    while last + 1 <= limit[1] and (last + 1 in kept or _appositive_comma(head.doc, last + 1, kept)):
        last += 1
    return first, last


def _adjective_complement(token: Token, child: Token) -> bool:
    """'une source proche du dossier': the complement of an adjective inside the description."""
    if token.pos_ != "ADJ" or token.dep_ != "amod" or not child.dep_.startswith("obl") or child.i <= token.i + 1:
        return False
    between = token.doc[token.i + 1 : child.i]
    return between[0].dep_ == "case" and all(t.head.i == child.i and t.dep_ in ("case", "det") for t in between)


def _appositive_comma(doc: Doc, k: int, kept: set[int]) -> bool:
    """Commas inside 'le porte-parole du Conseil, John Kirby, ...' join the apposition."""
    return doc[k].text == "," and k + 1 in kept and k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN"


def _name_in(head: Token, first: int, last: int) -> tuple[int, int, str | None] | None:
    """The proper name that designates the speaker: the head itself, a title + name, or an apposition."""
    doc = head.doc
    person = next((e for e in entities_within(doc, first, last) if is_person_name(doc, e)
                   and e.start > first and doc[e.start - 1].pos_ != "ADP" and doc[e.start - 1].lower_ not in DE), None)
    if person is not None and not (person.start <= head.i < person.end) and head.ent_type_ not in ("PER", "PERSON"):
        return _trimmed(person)
    previous = doc[head.i - 1].lower_ if head.i > 0 else ""
    if (head.pos_ == "PROPN" or head.text[:1].isupper()) and (fold(previous) in DESCRIBING_DETERMINERS or any(
            c.dep_ == "det" and fold(c.text) in DESCRIBING_DETERMINERS for c in head.children)):
        return None  # 'cette Strasbourgeoise', 'un Français': a demonym, not a name (even tagged as a place)
    if head.pos_ == "PROPN" or head.text[:1].isupper():
        ent = _entity_over(head)
        if ent is not None:
            start, end, label = _trimmed(ent)
            if start <= head.idx < end:
                return start, end, label
    if head.lower_ in TITLES or head.pos_ == "PROPN":
        return _proper_run(head, first, last)
    for child in head.children:
        if child.dep_ in ("appos", "flat:name", "flat") and first <= child.i <= last and child.pos_ == "PROPN":
            holder = entity_at(doc, child.i)
            return _trimmed(holder) if holder is not None else _proper_run(child, first, last)
    return None


def _entity_over(token: Token) -> Span | None:
    """The only entity whose trimmed span can hold `token`: the one it is in, else the person's name that
    capitalized words (the ones `person_end` adds) join to it."""
    doc = token.doc
    holder = entity_at(doc, token.i)
    if holder is not None:
        return holder
    k = token.i - 1
    while k >= 0 and entity_at(doc, k) is None and doc[k].text[:1].isupper() and doc[k].is_alpha:
        k -= 1
    return entity_at(doc, k) if k >= 0 and token.text[:1].isupper() and token.is_alpha else None


NAME_LABELS = {"PER": 2, "PERSON": 2, "ORG": 1, "MISC": 1}
DESCRIBING_DETERMINERS = {"ce", "cet", "cette", "ces", "un", "une", "des", "plusieurs", "certains", "certaines"}
OWNER_CLASSES = {"org", "document", "media", "institution"}


def _apposed_name(head: Token, first: int, last: int, lexicon: Lexicon) -> tuple[int, int, str | None] | None:
    """A name set beside a description ('le porte-parole ..., John Kirby', 'un sondage Ipsos'), not after 'de'."""
    doc = head.doc
    owner = lexicon.noun_class(head.lemma_) in OWNER_CLASSES
    best = None
    for ent in entities_within(doc, first, last):
        if ent.start == first:
            continue
        rank = NAME_LABELS.get(ent.label_, 0) if ent.label_ not in ("PER", "PERSON") or is_person_name(doc, ent) else 0
        if rank == 0 or (rank == 1 and not owner):
            continue
        if doc[ent.start - 1].pos_ == "ADP" or doc[ent.start - 1].lower_ in DE:
            continue
        if rank == 1 and any(doc[j].pos_ == "ADP" for j in range(head.i + 1, ent.start)):
            continue  # 'un sondage Ifop pour le JDD': the outlet in a complement is not the author
        if best is None or rank >= best[0]:
            best = (rank, ent)
    if best is not None:
        return _trimmed(best[1])
    for k in range(last, first, -1):  # 'le père Flynn', 'la juge X': a proper noun right after the noun
        if doc[k].pos_ == "PROPN" and not doc[k].ent_type_ and doc[k - 1].pos_ in ("NOUN", "PROPN", "ADJ") \
                and not any(doc[j].pos_ == "ADP" for j in range(head.i, k)) and k > head.i:
            return _proper_run(doc[k], head.i + 1, last)
    return None


def _trimmed(ent: Span) -> tuple[int, int, str | None]:
    """An entity without the role words the NER put before the name ('Premier ministre Jean Castel'),
    and with the capitalized words it left out after it ('Kim Jong' + 'Un')."""
    doc = ent.doc
    end = person_end(doc, ent)
    end_char = doc[end - 1].idx + len(doc[end - 1])
    k = ent.start
    while k < ent.end and doc[k].pos_ != "PROPN":
        k += 1
    prefix = doc[ent.start : k]
    if k < ent.end and any(t.is_lower for t in prefix):
        return doc[k].idx, end_char, "PER" if ent.label_ == "MISC" else ent.label_
    return ent.start_char, end_char, ent.label_


def _proper_run(token: Token, first: int, last: int) -> tuple[int, int, str | None]:
    doc = token.doc
    start = end = token.i
    while start - 1 >= first and _name_word(doc[start - 1]):
        start -= 1
    while end + 1 <= last and (_name_word(doc[end + 1]) or (doc[end + 1].lower_ in ("de", "d'", "le", "la")
                                                              and end + 2 <= last and doc[end + 2].pos_ == "PROPN")):
        end += 1
    while end > start and not _name_word(doc[end]):
        end -= 1
    if all(t.lower_ in TITLES for t in doc[start : end + 1]) and end + 2 < len(doc) \
            and doc[end + 1].lower_ in ("de", "d'", "d’") and doc[end + 2].pos_ == "PROPN":
        end += 2  # 'Me de Oliveira'
    return doc[start].idx, doc[end].idx + len(doc[end]), None


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.lower_ in TITLES or (token.text[:1].isupper() and token.pos_ in ("NOUN", "ADJ", "X"))


FEMININE_DETERMINERS = {"la", "une", "cette", "celle", "sa", "ma", "ta"}
MASCULINE_DETERMINERS = {"le", "un", "ce", "cet", "celui"}


def _gender(head: Token) -> str | None:
    """Gender of a noun phrase: its determiner first ('la ministre'), then the tagger's morphology."""
    doc = head.doc
    for k in range(head.i - 1, max(-1, head.i - 4), -1):
        word = doc[k].lower_
        if word in FEMININE_DETERMINERS:
            return "f"
        if word in MASCULINE_DETERMINERS:
            return "m"
        if doc[k].pos_ not in ("ADJ", "ADV", "NUM"):
            break
    for word in [head] + [c for c in head.children if c.dep_ == "det"]:
        gender = word.morph.get("Gender")
        if gender:
            return "f" if gender[0] == "Fem" else "m"
    return None


def _plural(head: Token) -> bool:
    """Plural noun, or nouns coordinated with their own determiners or names ('la direction et les syndicats';
    not 'l'avocate et lauréate', two roles of one person)."""
    if head.morph.get("Number") == ["Plur"]:
        return True
    return any(c.dep_ == "conj" and (c.pos_ == "PROPN" or c.morph.get("Number") == ["Plur"]
                                     or any(d.dep_ == "det" for d in c.children)) for c in head.children)


def _definite(head: Token) -> bool:
    determiners = [c for c in head.children if c.dep_ == "det" and c.i < head.i]
    if not determiners:
        return True
    word = fold(determiners[0].text)
    return word in {fold(d) for d in DEFINITE | DEMONSTRATIVE} or determiners[0].morph.get("Poss") == ["Yes"]


# --- addressee and medium -------------------------------------------------------------------


def addressee_of(verb: Token) -> str | None:
    """'a déclaré à Kim': the person addressed."""
    doc = verb.doc
    _, last = verb_group(verb)
    k = last + 1
    while k < len(doc) and doc[k].pos_ == "ADV":
        k += 1
    if k + 1 < len(doc) and doc[k].lower_ in ("à", "au", "aux"):
        entity = entity_starting_at(doc, k + 1)
        if entity is not None and entity.label_ in ("PER", "PERSON", "ORG"):
            return entity.text
    for child in verb.children:
        if child.dep_ in ("obl:arg", "iobj", "obl") and any(c.lower_ in ("à", "au", "aux") and c.dep_ == "case"
                                                           for c in child.children):
            if child.pos_ in ("PROPN", "NOUN", "PRON"):
                return _phrase_text(child)
    return None


def medium_of(verb: Token, lexicon: Lexicon) -> str | None:
    """'dans une lettre', 'sur Twitter', 'dans un communiqué': where it was said."""
    for child in verb.children:
        if not child.dep_.startswith("obl"):
            continue
        cases = [c for c in child.children if c.dep_ == "case"]
        if not cases or cases[0].lower_ not in ("dans", "sur", "via", "lors", "au", "à"):
            continue
        noun_class = lexicon.noun_class(child.lemma_)
        if noun_class in ("document", "channel", "media") or fold(child.text) in lexicon.media:
            return text_of(verb.doc)[cases[0].idx : child.right_edge.idx + len(child.right_edge)]
    return None


def _phrase_text(token: Token) -> str:
    first, last = token.left_edge.i, token.right_edge.i
    doc = token.doc
    while first < token.i and doc[first].dep_ == "case":
        first += 1
    return text_of(doc)[doc[first].idx : doc[last].idx + len(doc[last])]
