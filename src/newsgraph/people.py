"""The article's people: one registry of the persons a document names, shared by quotes and events.

For each person the registry keeps the fullest name the article uses, the keys it is matched by (folded
name tokens, the transliterated surname), its mentions (characters, token, subject or not, paragraph), its
gender with the strength of the evidence for it, its role nouns, and its country and sector ("le ministre
russe de la Défense, Sergueï Choïgou" gives Choïgou RUS/GOV). There is one registry per document
(`registry`), filled by two readings, each made once per component run: the names, genders and roles
quotes resolve speakers with (`collect_people`, persons grouped by the name tokens a fuller name holds),
and the titles, countries and sectors events resolve actors with (`Registry.learn_person`, persons grouped
by transliterated surname). The two groupings agree on 188 of the 196 persons of the dev articles (at
2026-12-06); they differ on first names used alone ('Steve' for 'Steve Maia Caniço'), which only the first
groups with the full name.

Language-neutral: titles, role modifiers and the words linking name parts come from `get_profile(lang)`;
countries and sectors are read by the caller's `Describer`.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from .entities.countries import reinflect
from .entities.lexicon import role_nouns
from .entities.names import transliteration_key
from .lang import DEFAULT_LANG
from .lang.profile import Profile, get_profile
from .nlp import PerDoc, doc_words
from .records import Entity
from .text import fold

TITLE_EVIDENCE, ROLE_EVIDENCE, FIRST_NAME_EVIDENCE, WEAK_ROLE_EVIDENCE = 3.0, 2.0, 1.0, 0.5
MAX_FRAMING_WORDS = 4  # 'Pour l'ancien historien X,': determiner, adjectives and noun before the name
MAX_UNLABELLED_WORDS = 4  # a first name and up to three capitalized words
MAX_ROLE_WORDS = 16
PHRASE_LINKS = ("amod", "nmod", "flat", "flat:name", "compound", "fixed", "nummod")  # dependencies inside a role phrase

PersonMention = tuple[int, int, str, bool, int]  # start char, end char, surface, subject, paragraph


class Quoted(Protocol):
    """The quoted stretches of a document."""

    def holds(self, position: int) -> bool:
        """Whether a character offset lies inside a quotation."""


class Describer(Protocol):
    """What a component knows of countries and sectors, for `Registry.learn_person`."""

    def title_country(self, title: Token, name: Span) -> str | None:
        """The country a role noun before or beside a name gives ('le ministre russe')."""

    def title_sector(self, title: Token) -> str | None:
        """The sector of a role noun ('ministre' -> GOV)."""

    def nationality(self, name: Span) -> str | None:
        """A demonym right before a name ('le dirigeant nord-coréen Kim Jong Un')."""


@dataclass
class Person:
    """What the article says about one named person: fullest name, country, sector and role nouns."""

    name: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None  # lemma of the role noun: 'ministre', 'président'
    titles: set[str] = field(default_factory=set)  # every role noun the article gives the person


@dataclass
class Registry:
    """The persons of one document, under their fullest names and their surname keys."""

    profile: Profile
    full_names: list[str] = field(default_factory=list)  # fullest forms, the fullest first
    genders: dict[str, str] = field(default_factory=dict)  # fullest name -> m|f
    gender_evidence: dict[str, float] = field(default_factory=dict)  # fullest name -> strength of the evidence
    roles: dict[str, set[str]] = field(default_factory=dict)  # fullest name -> role nouns ('maire', 'prêtre')
    role_words: dict[str, set[str]] = field(default_factory=dict)  # fullest name -> words of its role phrases
    mentions: list[PersonMention] = field(default_factory=list)  # outside quotations, in text order
    titled: dict[int, str] = field(default_factory=dict)  # start char of a titled surname -> the fullest name its
    # title's gender picks among several that hold it (and of the title itself when the name span leaves it out)
    collected: bool = False  # `collect_people` has run
    people: dict[str, Person] = field(default_factory=dict)  # surname key -> person
    person_mentions: list[tuple[int, str]] = field(default_factory=list)  # (token index, surname key)
    subject_mentions: set[int] = field(default_factory=set)  # token indices of mentions that are subjects
    learned: bool = False  # `learn_person` has run over the document's names

    def forget_titles(self) -> None:
        """Empty what `learn_person` recorded, before reading the document's names again."""
        self.people, self.person_mentions, self.subject_mentions = {}, [], set()
        self.learned = False

    # --- names ------------------------------------------------------------------------

    def name_tokens(self, text: str) -> list[str]:
        """Folded tokens of a name without titles: 'M. Le Maire' -> ['le', 'maire']."""
        return name_tokens(text, self.profile.code)

    def fullest_known(self, surface: str, *, gender: str | None = None,
                      first_names: Mapping[str, str] | None = None) -> str:
        """The first of the fullest names holding every token of `surface`, else `surface` untitled; with the
        `gender` of a title ('Mme Moreau' when the article names Julie and Paul Moreau) and several persons holding
        them, the first whose first name has that gender in `first_names`, else the first whose first name has none
        when another's has the other gender."""
        tokens = self.name_tokens(surface)
        holders = [full for full in self.full_names if contains_tokens(self.name_tokens(full), tokens)]
        if gender and first_names and len(holders) > 1:
            words = {full: self.name_tokens(full) for full in holders}
            persons = [full for full in holders  # the fullest names only: 'Rami Abdel Rahmane', not 'Abdel Rahmane'
                       if not any(len(words[other]) > len(words[full]) and contains_tokens(words[other], words[full])
                                  for other in holders)]
            genders = {full: _first_name_gender(words[full], first_names) for full in persons}
            agreeing = [full for full in persons if genders[full] == gender] \
                or [full for full in persons if genders[full] is None]  # 'Mme Biden': Jill (unknown), not Joe
            if len(persons) > 1 and agreeing and len(agreeing) < len(persons):
                return agreeing[0]
        return holders[0] if holders else strip_title(surface, self.profile.code)

    def set_gender(self, full: str, gender: str | None, evidence: float) -> None:
        """Keep the gender given by the strongest evidence seen: title, then role noun, then first name."""
        if gender and evidence > self.gender_evidence.get(full, 0):
            self.genders[full] = gender
            self.gender_evidence[full] = evidence

    # --- titles, countries and sectors --------------------------------------------------

    def learn_person(self, ent: Span, describer: Describer) -> None:
        """Record a named person's full name, and its country and sector from its title noun."""
        key = surname_key(ent.text)
        if not key or not ent.text[:1].isupper():  # 'voyou', 'président de la République' tagged as names
            return
        self.person_mentions.append((ent.start, key))
        if is_subject_phrase(ent.root):
            self.subject_mentions.add(ent.start)
        person = self.people.get(key)
        if person is None or len(ent.text) > len(person.name):
            person = Person(name=ent.text, country=person.country if person else None,
                            sector=person.sector if person else None, title=person.title if person else None,
                            titles=person.titles if person else set())
            self.people[key] = person
        title = title_noun(ent)
        if title is not None:  # 'le Belge X', later 'le président X': both describe X
            person.titles.add(title.lemma_.lower())
        if title is not None and person.country is None:
            person.country = describer.title_country(title, ent)
            person.sector = person.sector or describer.title_sector(title)
            person.title = person.title or title.lemma_.lower()
        if person.country is None:
            person.country = describer.nationality(ent)

    def lookup(self, text: str) -> Person | None:
        """The person a name refers to, preferring the record that knows the person's country."""
        person = self.people.get(surname_key(text))
        if person is None or person.country is None:
            return self.by_words(text) or person
        return person

    def by_words(self, text: str) -> Person | None:
        """The fullest known person whose name contains every word of `text` ('Kim' -> 'Kim Jong Un')."""
        words = untitled_words(text, self.profile.code)
        found = [p for p in self.people.values() if words and words <= name_words(p.name)] if words else []
        found = [p for p in found if p.country] or found
        return max(found, key=lambda p: len(p.name)) if found else None


_REGISTRIES: PerDoc[Registry] = PerDoc()


def registry(doc: Doc, *, lang: str = DEFAULT_LANG) -> Registry:
    """The registry of a document's people, built once and shared by every component."""
    found = _REGISTRIES.get(doc)
    if found is None:
        found = _REGISTRIES.put(doc, Registry(get_profile(lang)))
    return found


# --- names as strings ---------------------------------------------------------------------


def is_title(word: str, lang: str = DEFAULT_LANG) -> bool:
    """A civility title written before a name ('M.', 'Mme', 'Dr'), compared folded."""
    return fold(word) in folded_titles(lang)


@lru_cache(maxsize=8)
def folded_titles(lang: str) -> frozenset[str]:
    """The address titles of a language, folded ('maître' -> 'maitre')."""
    return frozenset(fold(title) for title in get_profile(lang).address_titles)


def name_tokens(text: str, lang: str = DEFAULT_LANG) -> list[str]:
    """Folded tokens of a name without titles: 'M. Le Maire' -> ['le', 'maire']."""
    return list(_name_tokens(text, lang))


@lru_cache(maxsize=16384)
def _name_tokens(text: str, lang: str) -> tuple[str, ...]:
    """`name_tokens`, each name read once per process (the speakers ask for the same names again and again)."""
    words = [w for w in re.split(r"[\s\u00a0]+", text.replace("’", "'")) if w]
    while words and is_title(words[0], lang):
        words = words[1:]
    return tuple(fold(w) for w in words)


def contains_tokens(full: list[str], part: list[str]) -> bool:
    """Whether `part` appears contiguously in `full`."""
    n = len(part)
    return n > 0 and any(full[i : i + n] == part for i in range(len(full) - n + 1))


def strip_title(text: str, lang: str = DEFAULT_LANG) -> str:
    """A name without the titles before it ('M. Kaya' -> 'Kaya'), never emptied."""
    words = text.split()
    while len(words) > 1 and is_title(words[0], lang):
        words = words[1:]
    return " ".join(words)


def is_titled(text: str, lang: str = DEFAULT_LANG) -> bool:
    """The name opens with a civility title."""
    words = text.split()
    return bool(words) and is_title(words[0], lang)


def by_fullness(names: Iterable[str], *, preferred: Iterable[str] = (), lang: str = DEFAULT_LANG) -> list[str]:
    """Names from the longest down, untitled before titled ('Mustafa Sever' before 'docteur Sever'), then the
    `preferred` ones (the entity resolver's), in a set order."""
    chosen = set(preferred)
    return sorted(names, key=lambda name: (-len(name), is_titled(name, lang), name not in chosen, name))


@lru_cache(maxsize=16384)
def name_words(name: str) -> frozenset[str]:
    """The folded words of a name, hyphens read as spaces (`Registry.by_words`: read once per name, not once per
    person and per look-up)."""
    return frozenset(fold(name).replace("-", " ").split())


@lru_cache(maxsize=16384)
def untitled_words(text: str, lang: str) -> frozenset[str]:
    """`name_words` of `text` without its civility titles, read in language `lang`."""
    return frozenset(w for w in fold(text).replace("-", " ").split() if not is_title(w, lang))


@lru_cache(maxsize=16384)
def surname_key(name: str) -> str:
    """Last word of a person's name, folded and spelling-normalized: the key people are matched by.

    French and English transliterations of one name meet: 'Choïgou' and 'Shoigu' -> 'coigu'.
    """
    words = [w for w in fold(name).replace("-", " ").split() if w]
    return transliteration_key(words[-1]) if words else ""


# --- names, genders and roles (the speakers' reading) ---------------------------------------


def collect_people(doc: Doc, spans: Iterable[Span], *, first_names: Mapping[str, str], entities: Iterable[Entity],
                   quoted: Quoted, paragraph_of: Mapping[int, int], lang: str = DEFAULT_LANG) -> Registry:
    """The document's registry with the persons `spans` (the NER's person names) and the entity resolver names:
    their fullest names, genders, roles and the mentions outside quotations."""
    people = registry(doc, lang=lang)
    people.full_names, people.genders, people.gender_evidence, people.roles, people.mentions = [], {}, {}, {}, []
    people.role_words, people.titled = {}, {}
    people.collected = True  # read again on each call: the entities or the first names may differ
    entities = list(entities)
    spans = list(spans) + unlabelled_names(doc, first_names, people.profile)
    text = doc_words(doc).text
    texts = [text[ent.start_char : ent.end_char] for ent in spans]  # `Span.text`, each read once
    resolved = {e.name for e in entities if e.type == "PER"}
    names = set(texts) | resolved
    people.full_names = by_fullness((n for n in names if len(people.name_tokens(n)) >= 2), preferred=resolved,
                                    lang=lang)
    fullest: dict[tuple[str, str | None], str] = {}  # (surface, title gender) -> `fullest_known`, once per name
    for ent, surface in zip(spans, texts):
        if not quoted.holds(ent.start_char) and ent.start in paragraph_of:
            people.mentions.append((ent.start_char, ent.end_char, surface, is_subject(ent, people.profile),
                                    paragraph_of[ent.start]))
        title = gender_of_title(ent, people.profile)
        full = fullest.get((surface, title))
        if full is None:
            full = fullest[(surface, title)] = people.fullest_known(surface, gender=title, first_names=first_names)
        if title and full != fullest.setdefault((surface, None), people.fullest_known(surface)):
            people.titled[ent.start_char] = full  # 'M. Moreau' among Julie and Paul Moreau: that one, wherever named
            if ent.start > 0 and fold(ent.doc[ent.start - 1].text).rstrip(".") in (
                    people.profile.feminine_titles | people.profile.masculine_titles):
                people.titled[ent.doc[ent.start - 1].idx] = full
        learn_gender_and_role(people, ent, first_names, full=full)
    add_resolved_people(people, doc, entities, quoted=quoted, paragraph_of=paragraph_of)
    people.mentions.sort()
    return people


def add_resolved_people(people: Registry, doc: Doc, entities: Iterable[Entity], *, quoted: Quoted,
                        paragraph_of: Mapping[int, int]) -> None:
    """Mentions and roles of the persons the entity resolver found and the NER spans missed."""
    known = [(start, end) for start, end, *_ in people.mentions]
    for entity in entities:
        if entity.type != "PER":
            continue
        if entity.role:
            full = people.fullest_known(entity.name)
            people.roles.setdefault(full, set()).update(listed_heads(entity.role, people.profile))
            people.role_words.setdefault(full, set()).update(
                w for w in fold(entity.role).replace("'", " ").split() if len(w) > 2)
        for mention in entity.mentions:
            if any(start < mention.end and end > mention.start for start, end in known) or quoted.holds(mention.start):
                continue
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and span.start in paragraph_of:
                people.mentions.append((span.start_char, span.end_char, span.text, is_subject(span, people.profile),
                                        paragraph_of[span.start]))


def role_heads(role: str, profile: Profile) -> set[str]:
    """The nouns that can designate a person by this role: 'maire PS de Nantes' -> {'maire'}."""
    words = [w for w in re.split(r"[\s']+", role.lower()) if w]
    heads = set(words[:1])
    if len(words) > 1 and words[0] in profile.role_modifiers:
        heads.add(words[1])
    return heads


def listed_heads(role: str, profile: Profile) -> set[str]:
    """The `role_heads` the role-noun list knows, or that open one of its multi-word nouns ('premier ministre')."""
    nouns = role_nouns(profile.code)
    words = [w for w in re.split(r"[\s']+", role.lower()) if w]
    following = dict(zip(words, words[1:]))
    return {head for head in role_heads(role, profile)
            if listed_noun(fold(head), fold(following[head]) if head in following else None, nouns)}


def listed_noun(noun: str, following: str | None, nouns: Collection[str]) -> bool:
    """The folded noun is in the role-noun list, alone or opening one of its multi-word nouns with the word
    `following` it ('premier ministre')."""
    return noun in nouns or following is not None and f"{noun} {following}" in nouns


def is_subject(ent: Span, profile: Profile) -> bool:
    """The name is, or stands in apposition to, a subject ('L'athlète iranienne Maryam Toosi a décidé'),
    or the person an opinion is framed for ('Pour l'historien X, ...': the topic later pronouns take up)."""
    outside = [t for t in ent if not ent.start <= t.head.i < ent.end] or [ent.root]
    return any(subject_link(token) for token in outside) or framed_for(ent, profile)


def framed_for(ent: Span, profile: Profile) -> bool:
    """'Pour l'historien Ryan Smith, le mouvement ...': a framing preposition opens the sentence, a comma
    closes the name."""
    doc = ent.doc
    if ent.end >= len(doc) or doc[ent.end].text != ",":
        return False
    k = ent.start - 1
    while k >= 0 and ent.start - k <= MAX_FRAMING_WORDS and doc[k].pos_ in ("DET", "NOUN", "ADJ"):
        k -= 1
    return k >= 0 and doc[k].lower_ in profile.framing_prepositions and (
        doc[k].is_sent_start or k == 0 or doc[k - 1].is_punct or doc[k - 1].is_space)


def subject_link(token: Token) -> bool:
    """A name word that is a subject or hangs on one (mis-parsed names hang by 'punct' too)."""
    if token.dep_.startswith("nsubj"):
        return True
    if any(c.dep_ == "case" for c in token.children):
        return False
    linked = token.dep_ in ("appos", "flat:name", "flat", "nmod") or token.dep_ == "punct" and token.pos_ == "PROPN"
    return linked and token.head.dep_.startswith("nsubj")


def unlabelled_names(doc: Doc, first_names: Mapping[str, str], profile: Profile) -> list[Span]:
    """Persons the NER missed or mislabelled: a first name followed by capitalized words ('Maryam Toosi')."""
    texts = doc_words(doc).texts
    starts = {text for text in set(texts) if text[:1].isupper() and fold(text) in first_names}  # each word once
    if not starts:
        return []
    found = []
    k = 0
    for first in [i for i, text in enumerate(texts) if text in starts]:  # the words that open a name, in order
        if first < k or doc[first].ent_type_ in ("PER", "PERSON"):
            continue
        k = first
        token = doc[k]
        end = k + 1
        while end < len(doc) and end - k < MAX_UNLABELLED_WORDS and (
                doc[end].text[:1].isupper() and doc[end].is_alpha
                or doc[end].lower_ in profile.name_links and end + 1 < len(doc) and doc[end + 1].text[:1].isupper()):
            end += 1
        if end > k + 1 or token.dep_.startswith("nsubj"):
            found.append(doc[k:end])
        k = end
    return found


def learn_gender_and_role(people: Registry, ent: Span, first_names: Mapping[str, str], *,
                          full: str | None = None) -> None:
    """The gender a title, a role noun or a first name gives a person, and the role noun beside the name
    (`full`: the person's fullest known name, when the caller has it)."""
    if full is None:
        full = people.fullest_known(ent.text)
    people.set_gender(full, gender_of_title(ent, people.profile), TITLE_EVIDENCE)
    role = role_of(ent, people.profile)
    if role is not None:
        people.roles.setdefault(full, set()).add(role.lemma_.lower())
        people.role_words.setdefault(full, set()).update(phrase_words(role, exclude=ent))
        strong = apposed_role(role, ent, people.profile) and listed_role(role, people.profile)
        evidence = ROLE_EVIDENCE if strong else WEAK_ROLE_EVIDENCE  # 'sa figure tutélaire, l'imam X': no role noun
        people.set_gender(full, gender_of_role(role, people.profile), evidence)  # 'X, un prêtre': beats the first name
        people.set_gender(full, tagged_gender(role), WEAK_ROLE_EVIDENCE)  # the tagger's guess: below the first name
    people.set_gender(full, gender_of_first_name(ent, first_names, people.profile), FIRST_NAME_EVIDENCE)


def phrase_words(token: Token, *, exclude: Span | None = None) -> set[str]:
    """The folded content words of a noun phrase, its modifiers and complements ('le ministre français de
    l'Intérieur' -> ministre, francais, interieur), as lemmas and as written, without the words of `exclude`
    (the name it describes) nor of clauses and appositions hung on it."""
    skip = range(exclude.start, exclude.end) if exclude is not None else range(0)
    words: set[str] = set()
    stack = [token]
    while stack and len(words) < MAX_ROLE_WORDS:
        word = stack.pop()
        if word.i in skip:
            continue
        if word.is_alpha and not word.is_stop and word.pos_ in ("NOUN", "ADJ", "PROPN"):
            words.update({fold(word.lemma_), fold(word.text)})
        stack.extend(child for child in word.children if child.dep_ in PHRASE_LINKS)
    return words


def apposed_role(role: Token, ent: Span, profile: Profile) -> bool:
    """A role noun that really stands beside the name: no 'de' between them ('la vidéo de X' is no role)."""
    if any(child.dep_ == "case" for child in role.children):
        return False
    text = doc_words(ent.doc).text
    gap = text[role.idx + len(role) : ent.start_char] if role.i < ent.start else text[ent.end_char : role.idx]
    return not any(word in profile.genitives for word in re.findall(r"\w+['’]?", gap.lower()))


def gender_of_title(ent: Span, profile: Profile) -> str | None:
    """'Mme X', 'M. X': the gender the title gives."""
    doc = ent.doc
    before = doc[ent.start - 1].text.lower() if ent.start > 0 else ""
    for word in (fold(ent[0].text).rstrip("."), fold(before).rstrip(".")):
        if word in profile.feminine_titles:
            return "f"
        if word in profile.masculine_titles:
            return "m"
    return None


def _first_name_gender(tokens: list[str], first_names: Mapping[str, str]) -> str | None:
    """The usual gender of the first of a name's folded tokens."""
    first = tokens[0] if tokens else ""
    return first_names.get(first) or first_names.get(first.split("-")[0])


def gender_of_first_name(ent: Span, first_names: Mapping[str, str], profile: Profile) -> str | None:
    """The usual gender of the person's first name."""
    first = fold(ent[0].text)
    if is_title(first, profile.code) and len(ent) > 1:
        first = fold(ent[1].text)
    return first_names.get(first) or first_names.get(first.split("-")[0])


def listed_role(role: Token, profile: Profile) -> bool:
    """The noun is one of the role-noun list, alone or opening a multi-word one ('Premier ministre')."""
    nouns = role_nouns(profile.code)
    doc = role.doc
    following = fold(doc[role.i + 1].text) if role.i + 1 < len(doc) else None
    return listed_noun(fold(role.text), following, nouns) or fold(role.lemma_) in nouns


def role_of(ent: Span, profile: Profile) -> Token | None:
    """The common noun in apposition to a name: 'le porte-parole ..., John Kirby', 'X, expert ...'; not a noun the
    name complements through a preposition ('l'avocat de X', 'les relations entre X et Y')."""
    root = ent.root
    if root.dep_ in ("appos", "flat:name", "nmod") and root.head.pos_ == "NOUN" and root.head.i < ent.start \
            and not any(child.dep_ == "case" for child in root.children):
        return root.head
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            return child
    if ent.start > 0 and ent.doc[ent.start - 1].pos_ in ("NOUN", "ADJ"):
        previous = ent.doc[ent.start - 1]
        noun = previous if previous.pos_ == "NOUN" else previous.head
        if noun.pos_ == "NOUN" and noun.i < ent.start and noun.lemma_.lower() not in profile.address_titles:
            return noun
    return comma_role(ent)


def comma_role(ent: Span) -> Token | None:
    """'le directeur de la police (DGPN), Éric Morvan,': the noun phrase a comma sets before the name,
    however the parser hung the name (a closing comma or stop must follow it)."""
    doc = ent.doc
    k = ent.start - 1
    if k < 1 or doc[k].text != "," or (ent.end < len(doc) and not doc[ent.end].is_punct):
        return None
    k -= 1
    if doc[k].text == ")":
        while k > 0 and doc[k].text != "(":
            k -= 1
        k -= 1
    token = doc[k] if k >= 0 else None
    while token is not None and token.pos_ in ("ADJ", "NOUN", "PROPN") and token.head.i < token.i \
            and token.head.pos_ in ("NOUN", "ADJ") and token.dep_ in ("amod", "nmod"):
        token = token.head
    if token is None or token.pos_ != "NOUN" or not token.text[:1].islower():
        return None
    return token if any(c.dep_ == "det" and c.i < token.i for c in token.children) else None


def gender_of_role(token: Token, profile: Profile) -> str | None:
    """The gender a role noun gives: its determiner's ('la ministre', 'un prêtre'; not an elided one, 'l''), else
    the noun's own when the role-noun list has it in two genders ('avocate', 'président'); an epicene noun without
    a gendered determiner ('porte-parole', 'juge') gives none (the tagger calls most of them masculine)."""
    for word in (child for child in token.children if child.dep_ == "det"):
        gender = word.morph.get("Gender", [])
        if gender and word.text[-1:] not in ("'", "’"):
            return "f" if gender[0] == "Fem" else "m"
    genders = gendered_roles(profile.code)
    return genders.get(fold(token.text)) or genders.get(fold(token.lemma_))


def tagged_gender(token: Token) -> str | None:
    """The gender the tagger gives a noun ('directeur'): a guess, often wrong for persons' nouns."""
    gender = token.morph.get("Gender", [])
    return ("f" if gender[0] == "Fem" else "m") if gender else None


@lru_cache(maxsize=4)
def gendered_roles(lang: str) -> dict[str, str]:
    """Folded role noun -> m|f, for the nouns the role-noun list holds in both genders ('avocat', 'avocate')."""
    nouns = role_nouns(lang)
    endings = get_profile(lang).feminine_endings
    genders: dict[str, str] = {}
    for noun in nouns:
        feminine = reinflect(noun, endings)
        if feminine != noun and feminine in nouns:
            genders.setdefault(noun, "m")
            genders[feminine] = "f"
    return genders


# --- titles (the actors' reading) -----------------------------------------------------------


def title_noun(ent: Span) -> Token | None:
    """The role noun a name is in apposition with ('le président russe Vladimir Poutine')."""
    root = ent.root
    if root.head.pos_ == "NOUN" and (root.dep_ == "appos" or root.dep_ == "flat:name" and root.head.i < ent.start):
        return root.head  # 'le président Jorge Alvarez': the parser may hang the name as a flat part of the title
    first = ent[0]  # 'le président Emmanuel Macron' with 'Macron' misparsed away from its first name
    if first.dep_ == "appos" and first.head.pos_ == "NOUN" and first.head.i < ent.start:
        return first.head
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            return child
    previous = ent.doc[ent.start - 1] if ent.start > 0 else None
    if previous is not None and previous.pos_ in ("NOUN", "ADJ") and previous.head.i in (previous.i, root.i, root.head.i):
        return previous if previous.pos_ == "NOUN" else previous.head
    return split_title(ent.doc, ent.start)


def split_title(doc: Doc, name_start: int) -> Token | None:
    """The role noun right before a name the parser made a second subject of the same verb ('Le président
    vénézuélien Nicolas Maduro a accusé': 'président' and 'Nicolas' both subjects of 'accusé')."""
    if name_start == 0:
        return None
    previous = doc[name_start - 1]
    noun = previous.head if previous.pos_ == "ADJ" and previous.dep_ == "amod" else previous
    name = doc[name_start]
    if noun.pos_ != "NOUN" or noun.right_edge.i != name_start - 1 or noun.i == noun.head.i:
        return None
    return noun if noun.dep_ == name.dep_ and noun.head.i == name.head.i else None


def is_subject_phrase(root: Token) -> bool:
    """A name heading, or in apposition to, the subject of its clause ('le président X a dit')."""
    for _ in range(3):
        if root.dep_.startswith("nsubj"):
            return True
        if root.dep_ not in ("flat:name", "flat", "appos") or root.head.i == root.i:
            return False
        root = root.head
    return False
