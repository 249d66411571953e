"""Mentions of a speaker: a pronoun, or a noun phrase with the name it holds, its gender and number.

A noun phrase's mention keeps the name found in it ('la ministre Anne Martin'), set beside it
('le porte-parole ..., John Kirby') or after the comma that closes it ('le préfet de Lyon, Paul Durand'),
trimmed of the role words the NER put in the entity; without a name it is a description.
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..entities.lexicon import role_nouns
from ..lang.profile import active_profile
from .layout import entities_within, entity_at, is_person_name, person_end, phrase_last, text_of
from .speakers import Mention
from .vocabulary import Lexicon, fold
from .words import load_words, words

EXCLUDED_DEPS = {"acl:relcl", "advcl", "parataxis", "punct", "obl", "obl:mod", "obl:arg", "nsubj", "obj", "ccomp",
                 "xcomp", "mark", "aux:tense", "aux:pass", "cop", "advmod", "dep"}
NAME_LABELS = {"PER": 2, "PERSON": 2, "ORG": 1, "MISC": 1}
OWNER_CLASSES = {"org", "document", "media", "institution"}


def pronoun_mention(start: int, end: int, text: str) -> Mention:
    """A pronoun designating the speaker ("il" of "-t-il")."""
    word = text[start:end]
    pronoun = active_profile().pronouns.get(word.lower())
    if pronoun is None:
        return Mention(start, end, word, "pronoun")
    return Mention(start, end, word, "pronoun", gender=pronoun.gender, plural=pronoun.plural)


@lru_cache(maxsize=8)
def inverted_prefix(lang: str) -> re.Pattern[str]:
    """What comes before an inverted pronoun written as one token in language `lang`: '-' of '-elle', '-t-' of
    '-t-elle'."""
    return re.compile(rf"^-?(?:(?:{'|'.join(sorted(load_words(lang).euphonic))})-)?")


def subject_mention(subject: Token, lexicon: Lexicon) -> Mention | None:
    """The mention for a preposed subject token (pronoun or noun phrase)."""
    low = inverted_prefix(active_profile().code).sub("", subject.lower_)  # '-elle', '-t-elle' (an inverted pronoun in one token)
    if low in words().first_person or low in words().not_speakers:
        return None
    if low in active_profile().pronouns:
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
    if subject.whitespace_ or text[end - 3 : end].lower() not in words().demonstrative_suffixes:
        return None
    return pronoun_mention(subject.idx, end, text) if text[subject.idx : end].lower() in active_profile().pronouns else None


def noun_phrase_mention(head: Token, lexicon: Lexicon, *, limit: tuple[int, int], exact: bool = False) -> Mention | None:
    """The mention for a noun phrase headed by `head` (within `limit`, or exactly `limit` if `exact`)."""
    if head.lower_ in active_profile().pronouns and head.pos_ == "PRON":
        return subject_mention(head, lexicon)
    first, last = limit if exact else _phrase_bounds(head, limit)
    doc = head.doc
    last = phrase_last(doc, first, last)
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
    elif name is None and not exact and (before := _name_before_comma(head, first, last, limit[0])) is not None:
        name = _trimmed(before)  # 'Paul Dagnon, un habitant, a raconté': the parse takes the apposition as subject
        start = name[0]
        text = text_of(doc)[start:end]
    if name is not None:
        name_start, name_end, label = name
        return Mention(start, end, text, "name", label=label, name_start=name_start, name_end=name_end,
                       head=head.lemma_.lower(), gender=_gender(head))
    outlet = lexicon.noun_class(head.lemma_) == "media"  # 'le quotidien régional' (not 'l'autorité aéroportuaire')
    bare = all(t.i == head.i or t.pos_ == "DET" or (outlet and t.pos_ == "ADJ" and t.head.i == head.i)
               for t in doc[first : last + 1]) or fold(doc[first].text) in active_profile().demonstratives
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
    closed = end > limit or doc[end].is_punct or doc[end].lower_ in words().que
    return person if closed else None


def _name_before_comma(head: Token, first: int, last: int, limit: int) -> Span | None:
    """A name before the comma that opens the description, another comma closing it: 'Paul Durand, le préfet de
    Lyon, a déclaré', 'Renault, le constructeur, a annoncé'."""
    doc = head.doc
    if head.pos_ != "NOUN" or first - 2 < limit or doc[first - 1].text != "," or last + 1 >= len(doc) \
            or doc[last + 1].text != ",":
        return None
    name = entity_at(doc, first - 2)
    if name is None or person_end(doc, name) != first - 1 or name.label_ not in NAME_LABELS \
            or (name.label_ in ("PER", "PERSON") and not is_person_name(doc, name)):
        return None
    opening = name.start - 1
    return name if opening < limit or doc[opening].is_punct or doc[name.start].is_sent_start else None


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
                   and e.start > first and doc[e.start - 1].pos_ != "ADP" and doc[e.start - 1].lower_ not in words().de), None)
    if person is not None and not (person.start <= head.i < person.end) and head.ent_type_ not in ("PER", "PERSON"):
        return _trimmed(person)
    previous = doc[head.i - 1].lower_ if head.i > 0 else ""
    if (head.pos_ == "PROPN" or head.text[:1].isupper()) and (fold(previous) in words().describing_determiners or any(
            c.dep_ == "det" and fold(c.text) in words().describing_determiners for c in head.children)):
        return None  # 'cette Strasbourgeoise', 'un Français': a demonym, not a name (even tagged as a place)
    if head.pos_ == "PROPN" or head.text[:1].isupper():
        ent = _entity_over(head)
        if ent is not None:
            start, end, label = _trimmed(ent)
            if start <= head.idx < end:
                return start, end, label
    if head.lower_ in active_profile().address_titles or head.pos_ == "PROPN":
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
        if doc[ent.start - 1].pos_ == "ADP" or doc[ent.start - 1].lower_ in words().de:
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
    while end + 1 <= last and (_name_word(doc[end + 1]) or (doc[end + 1].lower_ in words().name_links
                                                              and end + 2 <= last and doc[end + 2].pos_ == "PROPN")):
        end += 1
    while end > start and not _name_word(doc[end]):
        end -= 1
    if all(t.lower_ in active_profile().address_titles for t in doc[start : end + 1]) and end + 2 < len(doc) \
            and doc[end + 1].lower_ in words().de and doc[end + 2].pos_ == "PROPN":
        end += 2  # 'Me de Oliveira'
    return doc[start].idx, doc[end].idx + len(doc[end]), None


def _name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.lower_ in active_profile().address_titles or (
        token.text[:1].isupper() and token.pos_ in ("NOUN", "ADJ", "X"))


def _gender(head: Token) -> str | None:
    """Gender of a noun phrase: its determiner first ('la ministre'), then an adjective before the noun
    ("l'ancienne ministre"), then the tagger's morphology, but for a role noun of both genders ("l'ex-ministre")."""
    doc = head.doc
    adjective: str | None = None
    for k in range(head.i - 1, max(-1, head.i - 4), -1):
        word = doc[k].lower_
        if word in words().feminine_determiners:
            return "f"
        if word in words().masculine_determiners:
            return "m"
        if doc[k].pos_ not in ("ADJ", "ADV", "NUM"):
            break
        gender = doc[k].morph.get("Gender", []) if doc[k].pos_ == "ADJ" else []
        adjective = adjective or (("f" if gender[0] == "Fem" else "m") if gender else None)
    if adjective:
        return adjective
    if _epicene_role(head):  # "l'ex-ministre", "l'artiste": the tagger's masculine says nothing
        return None
    for token in [head] + [c for c in head.children if c.dep_ == "det"]:
        gender = token.morph.get("Gender", [])
        if gender:
            return "f" if gender[0] == "Fem" else "m"
    return None


def _epicene_role(head: Token) -> bool:
    """A role noun written alike in both genders ('ministre', 'porte-parole', 'journaliste'): not the feminine of
    another role noun ('avocate', 'candidate')."""
    word = fold(head.text)
    roles = role_nouns(active_profile().code)
    return word in roles and word.endswith(tuple(words().epicene_endings)) and word[:-1] not in roles


def _plural(head: Token) -> bool:
    """Plural noun, or nouns coordinated with their own determiners or names ('la direction et les syndicats';
    not 'l'avocate et lauréate', two roles of one person)."""
    if head.morph.get("Number", []) == ["Plur"]:
        return True
    return any(c.dep_ == "conj" and (c.pos_ == "PROPN" or c.morph.get("Number", []) == ["Plur"]
                                     or any(d.dep_ == "det" for d in c.children)) for c in head.children)


def _definite(head: Token) -> bool:
    determiners = [c for c in head.children if c.dep_ == "det" and c.i < head.i]
    if not determiners:
        return True
    word = fold(determiners[0].text)
    profile = active_profile()
    return word in {fold(d) for d in profile.definite_articles | profile.demonstratives} or determiners[0].morph.get(
        "Poss", []) == ["Yes"]

