"""Attribution anchors: where a sentence says who speaks, and where the content lies.

Three constructions, each found from the dependency parse and checked on the surface:
- incise: the cue follows the content, its subject after it ("CONTENT, a indiqué X",
  "« ... », a-t-il ajouté");
- preposed: the subject and cue precede the content ("X a affirmé que CONTENT",
  "X a annoncé CONTENT", "X s'est engagé à CONTENT", "X a prévenu : « ... »");
- source: an attribution marker ("selon X", "d'après X") before, inside or after the content
  (sources.py).
The cue verb and its group are found by cues.py, the content after a preposed cue by complements.py,
the speaker's mention by mentions.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..lang.profile import active_profile
from .complements import clitic_object, complement, has_case, skip, skippable
from .cues import char_end, clitic_piece, cue_of, feature, group_start, inversion, inversions, present_participle, verb_group
from .layout import SPACES, Unit, entity_at, entity_starting_at, text_of
from .mentions import noun_phrase_mention, pronoun_mention, subject_mention
from .speakers import Mention
from .vocabulary import Cue, Lexicon, fold
from .words import words

CLOSING_CONTEXT = (",", "»", '"', "”", "—", "–")
SUBJECT_DEPS = ("nsubj", "expl:subj")
CLIMB_DEPS = {"advcl", "xcomp", "conj", "parataxis", "ccomp"}
NP_TAGS = {"NOUN", "PROPN", "DET", "ADJ", "NUM"}
NOT_MENTION_TAGS = ("NUM", "VERB", "AUX")  # a numeral ('le 2 juin') or a verb is never who speaks
NOT_SUBJECT_TAGS = ("CCONJ", "SCONJ", "ADP")  # nor a conjunction the parser calls a subject ('Et elle a exigé')
MAX_NAME_TOKENS = 5


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


def in_quotes(unit: Unit, start: int, end: int) -> bool:
    """Whether a stretch lies inside one of the unit's quoted spans."""
    return unit.quote_holding(start, end) is not None


# --- incise and preposed anchors ------------------------------------------------------------


def verb_anchor(token: Token, cue: Cue, unit: Unit, lexicon: Lexicon) -> Anchor | None:
    """An incise or preposed anchor for a cue verb, None if neither construction holds."""
    first, last = verb_group(token)
    doc = token.doc
    incise = "incise" in cue.frames and _incise_context(doc, unit, first) and (
        _clause_before(doc, unit, first) or not _preverbal_subject(token, unit)) and not (
        _complementizer_follows(token, cue, last) and _preverbal_subject(token, unit))
    if incise:
        anchor = _incise(token, unit, first, last, lexicon, particle=_particle_follows(token, cue),
                         source="source" in cue.frames)
        if anchor is not None:
            return anchor
    preposed = _preposed(token, cue, unit, first, last, lexicon)
    if preposed is None and incise and "source" not in cue.frames:
        return _unread_incise(token, unit, first, last, lexicon, particle=_particle_follows(token, cue))
    return preposed


def _unread_incise(token: Token, unit: Unit, first: int, last: int, lexicon: Lexicon, *,
                   particle: bool) -> Anchor | None:
    """'« ... », a écrit mardi sur sa page M. X qui ...': a finite speech verb right after a closing quotation mark
    is an incise even when its subject cannot be read; the quotation is kept, its speaker left to the resolution."""
    doc = token.doc
    if "Fin" not in feature(doc[first], "VerbForm") or present_participle(token) \
            or not _after_quotation(doc, unit, token):
        return None
    last = last + 1 if particle else last
    cue_end = char_end(doc[last]) if particle else doc[token.i].idx + len(token)
    return Anchor("incise", unit, doc[first].idx, cue_end, region_start(doc, unit, first), cue_end, False,
                  verb=token, addressee=addressee_of(token), medium=medium_of(token, lexicon))


def _particle_follows(token: Token, cue: Cue) -> bool:
    """The cue's particle comes right after its verb group: 'a fait savoir lundi X'."""
    if not cue.particle:
        return False
    _, last = verb_group(token)
    return last + 1 < len(token.doc) and token.doc[last + 1].lower_ == cue.particle


def _clause_before(doc: Doc, unit: Unit, first: int) -> bool:
    """The text before an incise is a clause (a finite verb or a quotation), as reported content is."""
    for token in doc[unit.first : first]:
        if token.text in ("»", "”") or (token.text == '"' and token.i > unit.first):
            return True
        if token.pos_ in ("VERB", "AUX") and "Fin" in feature(token, "VerbForm") \
                and (token.head if token.dep_.startswith("aux") else token).dep_ not in ("acl:relcl", "acl"):
            return True  # not 'X, qui travaille pour ..., a fait état': a relative
    return False


def _complementizer_follows(token: Token, cue: Cue, last: int) -> bool:
    """'X, qui ..., souligne que', 'a fait état de': the verb introduces its content after it, as a preposed cue does."""
    doc = token.doc
    k = last + 2 if cue.particle else last + 1
    while k < len(doc) and doc[k].pos_ == "ADV":
        k += 1
    if k >= len(doc):
        return False
    return doc[k].lower_ in words().que or doc[k].text == ":" or bool(cue.particle and doc[k].lower_ in words().de)


def _preverbal_subject(token: Token, unit: Unit) -> bool:
    """The parse gives the verb a subject before it, outside quotation marks: not an incise."""
    return any(c.dep_ in SUBJECT_DEPS and c.i < token.i and not clitic_piece(c) and c.idx >= unit.start
               and not in_quotes(unit, c.idx, c.idx + len(c)) for c in token.children)


def _incise_context(doc: Doc, unit: Unit, first: int) -> bool:
    before = text_of(doc)[unit.start : doc[first].idx].rstrip(SPACES)
    return before.endswith(CLOSING_CONTEXT) and bool(before.strip(SPACES + ",—–"))


def _incise(token: Token, unit: Unit, first: int, last: int, lexicon: Lexicon, *, particle: bool = False,
            source: bool = False) -> Anchor | None:
    doc = token.doc
    last = last + 1 if particle else last  # 'a fait savoir lundi X': the subject comes after the particle
    inverted = inversion(token)
    mention: Mention | None
    if inverted is None and (present_participle(token) or "Inf" in feature(token, "VerbForm")):
        return None  # a participle or an infinitive has no subject after it
    if source:  # 'a-t-on appris auprès de la préfecture': who told it, not who learnt it
        origin = _source_complement(doc, last, unit)
        mention = noun_phrase_mention(origin[1], lexicon, limit=(origin[0], unit.last)) if origin is not None else None
        if mention is None:
            return None
        end = mention.end
    elif inverted is not None:
        mention = pronoun_mention(inverted.start(1), inverted.end(1), text_of(doc))
        end = max(inverted.end(), doc[last].idx + len(doc[last]))
    else:
        head = _postverbal_subject(token, last, unit, lexicon)
        if head is None:
            return None
        mention = noun_phrase_mention(head, lexicon, limit=(_phrase_floor(head, last + 1, lexicon), unit.last))
        if mention is None:
            return None
        end = mention.end
    start = region_start(doc, unit, first)
    cue_end = char_end(doc[last]) if particle else doc[token.i].idx + len(token)
    return Anchor("incise", unit, doc[first].idx, cue_end, start, end, False, mention=mention, verb=token,
                  addressee=addressee_of(token), medium=medium_of(token, lexicon))


def _source_complement(doc: Doc, last: int, unit: Unit) -> tuple[int, Token] | None:
    """The first word and the head noun of the first phrase opened by 'de' after the verb group, before any
    punctuation: 'auprès de la préfecture', 'l'AFP de sources proches du dossier'."""
    for k in range(last + 1, unit.last):
        if doc[k].is_punct:
            return None
        if doc[k].lower_ in words().de and doc[k + 1].pos_ in ("DET", "NOUN", "PROPN"):
            head = doc[k].head if doc[k].dep_ == "case" and doc[k].head.i > k else doc[k + 1]
            return k + 1, head.head if head.pos_ == "DET" and head.head.i > head.i else head
    return None


def region_start(doc: Doc, unit: Unit, first: int) -> int:
    """The incise's region starts at the comma (or closing mark) before its verb group."""
    position = doc[first].idx
    text = text_of(doc)
    while position > unit.start and text[position - 1] in SPACES + ",—–":
        position -= 1
    return position


def _postverbal_subject(token: Token, last: int, unit: Unit, lexicon: Lexicon) -> Token | None:
    subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS and c.i > last and not has_case(c)
                and lexicon.noun_class(c.lemma_) != "time" and c.pos_ not in NOT_MENTION_TAGS]
    if subjects:
        return subjects[0]
    k = last + 1
    while k <= unit.last:
        candidate = token.doc[k]
        if candidate.is_space:
            k += 1
            continue
        if candidate.is_punct or candidate.lower_ in words().que or candidate.text == ":":
            break
        if candidate.lower_ in words().plural_indefinite and candidate.dep_ == "case" \
                and candidate.head.pos_ in ("NOUN", "PROPN") and candidate.head.i > candidate.i:
            return candidate.head  # 'ont indiqué à l'AFP des sources policières': an article the tagger reads as 'de'
        if skippable(candidate, lexicon) or candidate.pos_ == "ADP" or (candidate.dep_ == "case" and candidate.head.i > k):
            # no subject starts with a preposition, nor with a locution the parser reads as one ('il y a')
            k = skip(candidate, lexicon)
            continue
        if candidate.dep_ == "fixed" and candidate.head.i < k and candidate.head.dep_ == "case":
            k = max(k + 1, skip(candidate.head, lexicon))  # the rest of the locution, its first word in the verb group
            continue
        if candidate.pos_ in ("PROPN", "NOUN") or (candidate.pos_ == "DET" and candidate.head.i > candidate.i) \
                or (candidate.pos_ == "X" and candidate.text[:1].isupper()):  # a foreign name: 'Act Up'
            head = candidate.head if candidate.pos_ == "DET" else _name_head(candidate, floor=k)
            return None if has_case(head) else head
        break
    found = _next_name(token.doc, last + 1, min(unit.last, last + 12))
    if found is None and _after_quotation(token.doc, unit, token):
        found = _final_name(token.doc, last + 1, unit.last)
    return found


def _phrase_floor(head: Token, floor: int, lexicon: Lexicon) -> int:
    """Where a postverbal subject can start: not before the time words that precede it ('il y a deux semaines un
    élu', the parser hanging the time phrase on the noun)."""
    doc = head.doc
    k = head.i
    while k - 1 >= floor and (doc[k - 1].pos_ in NP_TAGS or doc[k - 1].lower_ in words().plural_indefinite) \
            and not skippable(doc[k - 1], lexicon):
        k -= 1
    return k


def _after_quotation(doc: Doc, unit: Unit, token: Token) -> bool:
    """The verb group follows a quotation and a comma: '« ... », a déclaré ...'."""
    before = text_of(doc)[unit.start : doc[group_start(token)].idx].rstrip(SPACES + ",")
    return before.endswith(("»", "”", '"'))


def _next_name(doc: Doc, start: int, end: int) -> Token | None:
    """'s'étonne, téléphone en main, Roméo André': the first person's name after the verb."""
    for k in range(start, end + 1):
        if doc[k].lower_ in words().que or doc[k].text == ":":
            return None
        if doc[k].ent_type_ in ("PER", "PERSON") and doc[k].ent_iob_ == "B" and doc[k - 1].pos_ != "ADP":
            return doc[k]
    return None




def _final_name(doc: Doc, start: int, last: int) -> Token | None:
    """'a déclaré jeudi sur les ondes de la radio Sizwe Mpofu-Walsh.': the capitalized words that end the incise,
    after its adjuncts (the parser hangs them on the adjunct's noun and the NER may miss them)."""
    k = start
    while k <= last and not (doc[k].is_punct and doc[k].text not in ("-", "'", "’")) and doc[k].lower_ not in words().que:
        k += 1
    end = k - 1
    first = end
    while first >= start and (doc[first].text[:1].isupper() and doc[first].pos_ in ("PROPN", "X", "NOUN")
                              or doc[first].text == "-"):
        first -= 1
    first += 1
    if first > end or first == start or doc[first].text == "-" or end - first > MAX_NAME_TOKENS:
        return None
    return doc[first]


def _name_head(token: Token, *, floor: int = 0) -> Token:
    """The first word of the name `token` is in; not a word before `floor` ('à l'AFP Christine': the parser reads
    the speaker's name as the end of the outlet's, which the walk has already skipped)."""
    while token.dep_ in ("flat:name", "flat") and floor <= token.head.i < token.i:
        token = token.head
    return token



def _preposed(token: Token, cue: Cue, unit: Unit, first: int, last: int, lexicon: Lexicon) -> Anchor | None:
    doc = token.doc
    if _passive_with_subject(token):
        return None  # 'le projet a été critiqué par X': the subject is what was spoken of, not who spoke
    content = complement(token, cue, unit, last, lexicon)
    if content is None and not (clitic_object(token, doc) and "Fin" in doc[first].morph.get("VerbForm", [])):
        return None
    parsed = preposed_subject(token)
    opening = _participle_start(doc, first)
    if present_participle(token) and opening > 0 and doc[opening - 1].text == ",":
        # ', regrettant ...', ', en affirmant que ...': the subject of the clause before, not a word near the participle
        incise = _incise_subject(doc, unit, opening - 1, lexicon)
        if incise is not None:
            parsed = incise
        elif (main := _main_subject(unit, token)) is not None:
            parsed = main
        elif parsed is None or token.dep_ in ("acl", "amod"):
            parsed = _clause_subject(doc, unit, token) or parsed
    elif present_participle(token) and token.dep_ == "acl" and parsed is not None \
            and parsed.i == token.head.i and has_case(parsed):
        # 's'opposent au projet estimant que ...': a noun after a preposition does not speak; the clause's subject does
        parsed = _clause_subject(doc, unit, token)
    subject = _adjacent_subject(doc, first, unit, parsed) or _left_name(doc, first, unit)
    if subject is None and (present_participle(token) or "Inf" in feature(token, "VerbForm")):
        subject = _clause_subject(doc, unit, token)  # 'X a redit ..., tout en soulignant que ...'
    if subject is not None and subject.pos_ == "PRON" and not subject.text[:1].isupper() \
            and subject.lower_.lstrip("-") not in active_profile().pronouns and token.i > subject.i:
        subject = _adjacent_subject(doc, first, unit, subject, apposition=True)  # "L'un d'eux, Alternative, a réclamé"
    if subject is None or in_quotes(unit, subject.idx, subject.idx + len(subject)):
        return None
    mention = subject_mention(subject, lexicon)
    if mention is not None and subject.i < first and mention.end > doc[first].idx and subject.pos_ != "PRON":
        # 'la fédération juge que', 'ses adversaires estimant que': the verb the parser hangs on the noun is not in it
        mention = noun_phrase_mention(subject, lexicon, limit=(0, first - 1))
    if mention is None:
        return None
    start = region_start(doc, unit, _participle_start(doc, first))
    if unit.start <= mention.start < start and not _has_words_between(text_of(doc), mention.end, start):
        start = mention.start
    if content is None:  # 'comme il l'a annoncé hier': an aside that bounds the content before it
        return Anchor("aside", unit, doc[first].idx, doc[last].idx + len(doc[last]), start,
                      doc[last].idx + len(doc[last]), True, mention=mention, verb=token)
    return Anchor("preposed", unit, doc[first].idx, doc[last].idx + len(doc[last]), start, content, True,
                  content_start=content, mention=mention, verb=token, addressee=addressee_of(token),
                  medium=medium_of(token, lexicon))


def _passive_with_subject(token: Token) -> bool:
    """A passive verb with a subject of its own (not the impersonal 'il a été annoncé que')."""
    if not any(c.dep_ == "aux:pass" for c in token.children):
        return False
    return any(c.dep_ == "nsubj:pass" and c.lower_ not in words().impersonal for c in token.children)


def _has_words_between(text: str, start: int, end: int) -> bool:
    """More than two words between a subject and its verb: the subject is not part of the attribution."""
    return len(re.findall(r"\w+", text[start:end])) > 2


def _participle_start(doc: Doc, first: int) -> int:
    """'tout en soulignant': the region starts before 'en' / 'tout en'."""
    while first > 0 and doc[first - 1].lower_ in words().gerund:
        first -= 1
    return first


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
    while k >= unit.first and (doc[k].pos_ in NP_TAGS or doc[k].lower_ in words().noun_links or doc[k].text in ("-", "'")):
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
        inverted = inversion(verb)
        if inverted is not None:  # '« ... », a-t-elle ajouté, précisant que ...': the inverted pronoun
            return next((t for t in doc[first : last + 1] if t.idx <= inverted.start(1) < t.idx + len(t)), None)
        return _postverbal_subject(verb, last, unit, lexicon)
    return None


def _main_subject(unit: Unit, participle: Token) -> Token | None:
    """The subject of the sentence's main verb, before a participle set after a comma and outside quotation marks:
    'X a demandé l'abandon des poursuites qui pèsent contre eux, plaidant ...' (not the relative's subject)."""
    main = None
    node = participle
    while node.head.i != node.i:
        node = node.head
        if node.i < participle.i and node.idx >= unit.start and (node.pos_ in ("VERB", "AUX") or node.dep_ == "ROOT") \
                and not in_quotes(unit, node.idx, node.idx + len(node)):
            main = node
    subject = preposed_subject(main) if main is not None else None
    return subject if subject is not None and subject.i < participle.i else None


def _clause_subject(doc: Doc, unit: Unit, token: Token) -> Token | None:
    """The subject of the first finite verb before a participle, in the same unit and outside quotation
    marks; after that verb for an incise ('« ... », a ajouté X, soulignant que ...')."""
    for verb in reversed(list(doc[unit.first : token.i])):
        if in_quotes(unit, verb.idx, verb.idx + len(verb)):
            continue
        if verb.pos_ in ("VERB", "AUX") and "Fin" in feature(verb, "VerbForm") or verb.dep_ == "ROOT":
            target = verb if verb.dep_ != "aux:tense" else verb.head
            subjects = [c for c in target.children if c.dep_ in SUBJECT_DEPS and c.i < token.i]
            if subjects and subjects[0].lower_ in words().relatives:
                continue  # '..., une réforme qui consiste à ..., tout en soulignant': a relative clause's verb
            if subjects:
                return subjects[0]
    return None


def _left_name(doc: Doc, first: int, unit: Unit) -> Token | None:
    """Fallback subject when the parse has none: the nearest name to the left in the same clause."""
    for k in range(first - 1, max(unit.first, first - 16) - 1, -1):
        token = doc[k]
        if token.pos_ in ("VERB", "AUX") or token.lower_ in words().que or in_quotes(unit, token.idx, token.idx + 1):
            return None
        if token.ent_type_ in ("PER", "ORG") or token.pos_ == "PROPN":
            if k > 0 and doc[k - 1].pos_ == "ADP":
                continue
            while k > unit.first and doc[k - 1].ent_iob_ == "I" and doc[k].ent_iob_ == "I":
                k -= 1
            return doc[k] if doc[k].ent_iob_ != "I" else doc[k - 1]
    return None


def _antecedent(relative: Token) -> Token | None:
    """The noun a subject relative pronoun stands for when the parser did not attach its clause to it: 'au conseil
    municipal, qui a précisé que' (the clause tagged as an adverbial one)."""
    doc = relative.doc
    k = relative.i - 1
    while k >= 0 and doc[k].text == ",":
        k -= 1
    if k < 0:
        return None
    noun = doc[k].head if doc[k].pos_ == "ADJ" and doc[k].head.i < k else doc[k]
    return _name_head(noun) if noun.pos_ in ("NOUN", "PROPN") else None


def _person_before(relative: Token) -> Token | None:
    """'au Numérique Paul Durand, qui a assuré': the person whose name the relative pronoun follows, when the
    parser hangs the clause on a word before the name."""
    doc = relative.doc
    k = relative.i - 1
    while k >= 0 and doc[k].text == ",":
        k -= 1
    person = entity_at(doc, k) if k >= 0 else None
    if person is None or person.label_ not in ("PER", "PERSON") or person.end != k + 1:
        return None
    return doc[person.start]


def _active_passive_subject(child: Token) -> bool:
    """'Le secrétaire d'État a par ailleurs assuré que': a passive subject the parser gives an active verb (no passive
    auxiliary) is its subject."""
    return child.dep_ == "nsubj:pass" and child.i < child.head.i \
        and not any(c.dep_ == "aux:pass" for c in child.head.children)


def preposed_subject(token: Token) -> Token | None:
    """The subject of a cue verb, climbing from participles and infinitives to their governor."""
    verb = token
    for _ in range(4):
        euphonic = inversions().euphonic_pieces
        subjects = [c for c in verb.children if (c.dep_ in SUBJECT_DEPS or _active_passive_subject(c))
                    and c.lower_ not in euphonic and c.pos_ not in NOT_SUBJECT_TAGS]
        # of two subjects, not the noun after a preposition ('À la fin de la réunion le ministre a dénoncé')
        subjects = [c for c in subjects if not has_case(c)] or subjects
        if subjects:
            subject = subjects[0]
            if subject.lower_ in words().subject_relative and verb.dep_ == "acl:relcl":
                return _person_before(subject) or verb.head
            if subject.lower_ in words().subject_relative:
                return _antecedent(subject) or subject
            return subject
        if verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN") and verb.head.i < verb.i:
            return verb.head
        if verb.dep_ not in CLIMB_DEPS or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None




# --- addressee and medium -------------------------------------------------------------------


def addressee_of(verb: Token) -> str | None:
    """'a déclaré à Kim': the person addressed."""
    doc = verb.doc
    _, last = verb_group(verb)
    k = last + 1
    while k < len(doc) and doc[k].pos_ == "ADV":
        k += 1
    if k + 1 < len(doc) and doc[k].lower_ in words().dative:
        entity = entity_starting_at(doc, k + 1)
        if entity is not None and entity.label_ in ("PER", "PERSON", "ORG"):
            return entity.text
    for child in verb.children:
        if child.dep_ in ("obl:arg", "iobj", "obl") and any(c.lower_ in words().dative and c.dep_ == "case"
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
        if not cases or cases[0].lower_ not in words().medium_prepositions:
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
