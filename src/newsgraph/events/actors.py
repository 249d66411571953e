"""Actors of events: a noun phrase head -> `Actor(name, entity, country, sector, code)`.

Everything is read from the phrase itself and from what the article says elsewhere about the
same named person ("le ministre russe de la Défense, Sergueï Choïgou" gives Choïgou RUS/GOV), which
the shared registry of `newsgraph.people` keeps; `scene` says where the article and its sentences are.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..entities.countries import demonym_country
from ..entities.countries import event_country as resolve_country
from ..lang.profile import active_profile, get_profile
from ..nlp import doc_words
from ..people import Person, Registry, registry, split_title, surname_key
from ..records import Actor, Entity, Speaker
from ..text import fold
from .lexicon import Lexicon
from .modes import doc_table, subtree_of
from .scene import (
    IOB_B,
    IOB_I,
    POLITICAL_SECTORS,
    STATE_SECTORS,
    TitleReader,
    adjective_phrase,
    country_mentions,
    description_country,
    entity_iob,
    home_country,
    learn_scene_nationalities,
    local_country,
    mention_weights,
    parser_sentence,
    phrase_country,
    proper_name,
    scene_country,
    sector_of,
)

NAME_DEPS = frozenset({"det", "amod", "flat:name", "flat", "flat:foreign", "compound", "nummod", "fixed"})
ACTOR_TYPES = frozenset({"PER", "ORG", "GPE", "MEDIA"})
MAX_NAME_TOKENS = 12


@dataclass
class ActorContext:
    """Per-document lookups used to resolve actors."""

    doc: Doc
    lexicon: Lexicon
    registry: Registry  # the article's people
    entity_at: dict[int, Entity] = field(default_factory=dict)  # token index -> entity
    quote_speakers: list[tuple[int, int, Speaker]] = field(default_factory=list)  # (start char, end char, speaker)
    speaker_mentions: dict[int, Speaker] = field(default_factory=dict)  # start char of a speaker's words -> speaker
    home: str = field(default_factory=lambda: active_profile().home_country)  # the country most named in the
    # article: where unnamed local actors belong
    home_named: bool = False  # the article names its home country (else `home` is only the default)
    country_mentions: list[tuple[int, str]] = field(default_factory=list)  # (token index, code), in order
    resolved: dict[int, Actor | None] = field(default_factory=dict, repr=False)  # `resolve_actor` of each head read

    @property
    def person_mentions(self) -> list[tuple[int, str]]:
        """(token index, surname key) of each person name, in text order."""
        return self.registry.person_mentions


def build_context(doc: Doc, lexicon: Lexicon, entities: list[Entity]) -> ActorContext:
    """Index the article's entities, people and quotes once."""
    context = ActorContext(doc=doc, lexicon=lexicon, registry=registry(doc, lang=lexicon.lang))
    if entities and len(doc):
        words = doc_words(doc)  # the tokens' start characters and texts, read once per doc by the components
        starts, texts, size = words.starts, words.texts, len(words.text)  # size: the last token's end, with its space
        for entity in entities:
            for mention in entity.mentions:
                for index in mention_tokens(doc, starts, texts, size, mention.start, mention.end):
                    context.entity_at.setdefault(index, entity)
    context.registry.forget_titles()  # read again on each call: the lexicon may differ
    reader = TitleReader(lexicon)
    ents = doc.ents  # its Span objects made once (spaCy makes them again at each read)
    for ent in ents:
        if ent.label_ in ("PER", "PERSON"):
            context.registry.learn_person(ent, reader)
    context.registry.learned = True
    context.country_mentions = country_mentions(context)
    learn_scene_nationalities(context, ents)
    weights = mention_weights(doc, context.country_mentions)
    context.home = home_country(context.country_mentions, weights=weights)
    context.home_named = any(weights)
    for quote in getattr(doc._, "newsgraph_quotes", None) or ():
        speaker = getattr(quote, "speaker", None)
        if speaker is not None and speaker.name:
            context.quote_speakers.append((quote.start, quote.end, speaker))
            if speaker.start is not None:  # 'il a affirmé que ...': whom the quotes component took 'il' for
                context.speaker_mentions.setdefault(speaker.start, speaker)
    return context


def mention_tokens(doc: Doc, starts: list[int], texts: list[str], size: int, start_char: int, end_char: int) -> range:
    """The positions of `doc.char_span(start_char, end_char, alignment_mode="expand")` (none when it is None), found
    by bisection over the tokens' start characters (`starts`; `texts` their words, `size` the doc's length in
    characters), with no Span or Token object: the tokens of a doc cover its text, so the token holding a
    character is the last one starting at or before it."""
    if not (0 <= start_char < size and 0 < end_char <= size):
        return range(0)  # spaCy finds no token there: no span
    start = bisect_right(starts, start_char) - 1
    end = bisect_right(starts, end_char - 1)
    if start_char == starts[start] + len(texts[start]):  # on the whitespace after a token: the span starts after it
        start += 1
    if end < start:  # a span spaCy would refuse: let it say so
        span = doc.char_span(start_char, end_char, alignment_mode="expand")
        return range(span.start, span.end) if span is not None else range(0)
    return range(start, end)


def split_name(head: Token) -> Token | None:
    """The name right after a role noun, made a second subject of the same verb ('le président X a accusé')."""
    after = head.right_edge.i + 1
    if after >= len(head.doc) or head.doc[after].ent_type_ not in ("PER", "PERSON"):
        return None
    name = head.doc[after]
    title = split_title(head.doc, after)
    return name if name.pos_ == "PROPN" and title is not None and title.i == head.i else None


def name_span(head: Token) -> Span:
    """The compact noun phrase naming an actor: head, determiners, adjectives, one 'de X'."""
    keep = [head.i]
    genitives = active_profile().genitives
    doc, table = head.doc, doc_table(head.doc)  # the subtrees' positions and relations with no Token object
    dependents, relations = table.dependents, table.dep
    for position in dependents[head.i]:
        if relations[position] in NAME_DEPS:
            keep.extend(subtree_of(dependents, position))
        elif relations[position] == "nmod" and position > head.i and any(
            relations[c] == "case" and doc[c].lemma_.lower() in genitives for c in dependents[position]
        ):
            sub = subtree_of(dependents, position)
            if len(sub) <= 6 and not any(relations[t] in ("acl", "acl:relcl", "punct") for t in sub):
                keep.extend(sub)
    start = min(keep)
    end = max(keep) + 1
    iob = entity_iob(doc)
    while end < len(doc) and iob[end - 1] in (IOB_I, IOB_B) and iob[end] == IOB_I:
        end += 1  # a name is never cut: 'Kim Jong Un' whose 'Un' the parser hung elsewhere as a determiner
    if end - start > MAX_NAME_TOKENS:
        start, end = head.i, head.i + 1
    return doc[start:end]


def person_for(context: ActorContext, token: Token) -> Person | None:
    """The article's record of the person a name token belongs to."""
    entity = context.entity_at.get(token.i)
    text = entity_text(context, token)
    if entity is not None and entity.type != "PER" and token.ent_type_ not in ("PER", "PERSON"):
        return None
    if entity is None and token.ent_type_ not in ("PER", "PERSON"):
        return None
    return context.registry.lookup(text)


def entity_text(context: ActorContext, token: Token) -> str:
    """The surface text of the named-entity mention around `token`."""
    if token.ent_iob_ in ("B", "I"):
        return proper_name(token)
    return token.text


def quote_speaker(context: ActorContext, token: Token, *, after: int = 0) -> Speaker | None:
    """Who says the quote that `token` lies in (or, with `after`, that ends at most `after` characters
    before it: '», a-t-elle ajouté'), if the quotes component found one."""
    for start, end, speaker in context.quote_speakers:
        if start <= token.idx < end + after:
            return speaker
    return None


def quoted_actor(context: ActorContext, verb: Token, *, avoid: list[Actor]) -> Actor | None:
    """The first actor named in the quote a speech verb closes ('« ... la droite ... », a accusé X')."""
    start = min([verb.i] + [c.i for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i])
    opening = verb.doc[start].idx
    quote = next(((s, e) for s, e, _ in context.quote_speakers if 0 <= opening - e <= INVERTED_SPAN), None)
    if quote is None:
        return None
    span = verb.doc.char_span(quote[0], quote[1], alignment_mode="expand")
    for token in span or ():
        if token.dep_.startswith(QUOTED_ROLES) and token.dep_ != "nsubj:pass" and token.pos_ in ("NOUN", "PROPN"):
            actor = resolve_actor(context, token)
            if actor is not None and not any(actor.name == other.name for other in avoid):
                return actor
    return None


QUOTED_ROLES = ("nsubj", "obj", "nmod", "obl", "iobj")


def speaker_actor(context: ActorContext, speaker: Speaker, *, for_pronoun: bool = False) -> Actor:
    """A quote's speaker as an actor: the phrase naming it resolved, else the article's record of the person.

    For a pronoun standing for the speaker ('je' in the quote, '», a-t-il dit') the phrase is not read again,
    and a person in a political role with no nationality takes the article's country (`person_actor`); the
    learned layer was trained on speakers without it.
    """
    if not for_pronoun and speaker.start is not None and speaker.end is not None:
        span = context.doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
        if span is not None and span.root.pos_ != "PRON":
            actor = resolve_actor(context, span.root)
            if actor is not None:
                return actor
    person = context.registry.lookup(speaker.name or "")
    if person is not None and for_pronoun:
        return person_actor(context, person)
    if person is not None:
        return make_actor(person.name, entity=None, country=person.country, sector=person.sector)
    return Actor(name=speaker.name, entity=speaker.entity)


def recent_person(context: ActorContext, token: Token, *, avoid: frozenset[str] = frozenset()) -> Person | None:
    """Whom 'il', 'elle' stands for: the last person named as a subject, else the last person named."""
    best = subject = None
    for index, key in context.person_mentions:
        if index >= token.i or token.i - index >= SUBJECT_REACH or key in avoid:
            continue
        best = (index, key) if token.i - index < PRONOUN_REACH else best
        subject = (index, key) if index in context.registry.subject_mentions else subject
    chosen = subject or best
    return mentioned_person(context, *chosen) if chosen else None


def mentioned_person(context: ActorContext, index: int, key: str) -> Person | None:
    """The person named at token `index`: its entity's name when linked (two people may share a surname)."""
    person = context.registry.people.get(key)
    entity = context.entity_at.get(index)
    if person is None or entity is None or entity.type != "PER" or surname_key(entity.name) != key:
        return person
    return replace(person, name=entity.name, country=entity.country or person.country)


PRONOUN_REACH = 120  # tokens: about three sentences
SUBJECT_REACH = 200  # a subject stays salient a little longer


def domestic(context: ActorContext, sector: str | None) -> str | None:
    """The article's country for a person in a political role whose nationality the text does not give."""
    return context.home if sector in POLITICAL_SECTORS else None


INVERTED_SPAN = 12  # characters between a quote's end and an inverted subject: '», a-t-il'


def is_inverted_pronoun(token: Token) -> bool:
    """A subject clitic after its verb ('a-t-il', 'ajoute-t-elle')."""
    return token.text.startswith("-") or (token.i > 0 and token.doc[token.i - 1].text.lower() in ("-t", "-t-"))


def has_possessive(head: Token) -> bool:
    """The noun has a possessive determiner ('son pays', 'leur gouvernement')."""
    return any(c.dep_ == "det" and "Poss=Yes" in c.morph for c in head.children)


def clause_owner(context: ActorContext, head: Token) -> Actor | None:
    """Whom a possessive in a subordinate clause stands for: the subject of the clause above it."""
    current = head.head
    own_state = active_profile().own_state_nouns
    for _ in range(4):
        if current.dep_ in ("ccomp", "advcl", "xcomp", "acl", "conj") and current.head.i != current.i:
            current = current.head
            above = next((c for c in current.children if c.dep_.startswith("nsubj") and c.i != head.i), None)
            for candidate in (above, name_before(current)):
                if candidate is not None and candidate.lemma_.lower() not in own_state:
                    owner = resolve_actor(context, candidate)
                    if owner is not None and owner.country:
                        return owner
            return None
        elif current.head.i == current.i:
            return None
        else:
            current = current.head
    return None


def name_before(verb: Token) -> Token | None:
    """A proper name right before a verb and its auxiliaries: the subject the parser lost."""
    for token in reversed(verb.doc[max(parser_sentence(verb).start, verb.i - 4): verb.i]):
        if token.pos_ == "PROPN":
            return token
        if token.pos_ not in ("AUX", "ADV"):
            return None
    return None


def make_actor(name: str, *, entity: Entity | None, country: str | None, sector: str | None) -> Actor:
    """Build an Actor with its GDELT-like code (country + sector)."""
    if country == "IGO":
        sector = sector or "IGO"
    code = (country or "") + (sector if sector and sector != country else "")
    return Actor(name=name, entity=entity.id if entity else None, country=country, sector=sector, code=code or None)


@lru_cache(maxsize=8)
def singular_persons(lang: str) -> frozenset[str]:
    """The third-person singular pronouns of language `lang` that have a gender ('il', 'elle'): they stand for a person."""
    pronouns = get_profile(lang).pronouns.items()
    return frozenset(word for word, pronoun in pronouns if pronoun.gender and not pronoun.plural)


def pronoun_actor(context: ActorContext, token: Token) -> Actor | None:
    """Resolve a personal or relative pronoun to an actor, or None."""
    text = token.text.lower().lstrip("-")  # 'a-t-il': the '-t' is a euphonic letter before the pronoun
    if text == "t" and token.i + 1 < len(token.doc):
        text = token.doc[token.i + 1].text.lower().lstrip("-")
    profile = active_profile()
    third_person = singular_persons(profile.code)
    if text in profile.relatives and token.head.dep_.startswith("acl") and token.head.head.i != token.i:
        return resolve_actor(context, token.head.head)
    if text in profile.partitive_pronouns and token.dep_.startswith("nsubj"):  # 'X ont manifesté, certains accusant Y'
        group = governing_subject_of(token)
        return resolve_actor(context, group) if group is not None else None
    if text in profile.first_person:
        speaker = quote_speaker(context, token)
        return speaker_actor(context, speaker, for_pronoun=True) if speaker else None
    if text in profile.dative_numbers and is_object_clitic(token):  # 'X apprécie que les étudiants lui apportent leur soutien'
        above = binding_subject(token)
        actor = resolve_actor(context, above) if above is not None else None
        if actor is not None or text not in third_person:
            return actor
    if text in third_person or text in profile.object_clitics and is_object_clitic(token):
        speaker = quote_speaker(context, token, after=INVERTED_SPAN) if is_inverted_pronoun(token) else None
        if not speaker and token.dep_.startswith("nsubj"):
            speaker = context.speaker_mentions.get(token.idx)
        if speaker:  # '« ... », a-t-il ajouté', 'il a affirmé que': the speaker the quotes component found
            return speaker_actor(context, speaker, for_pronoun=True)
        governing = governing_person(context, token) if token.dep_.startswith("nsubj") else None
        if governing is not None:  # '... a renoncé à une visite où il devait discuter': the one who renounced
            return governing
        before = previous_subject(context, token, gender=profile.subject_genders.get(text)) if is_main_subject(token) else None
        if before is not None:  # 'Le président chilien a reçu X. Il a ensuite ...': the president
            return before
        person = recent_person(context, token, avoid=subject_keys(context, token) if is_object_clitic(token) else frozenset())
        if person is not None:
            return person_actor(context, person)
    return None


SUBORDINATE_DEPS = ("acl:relcl", "advcl", "ccomp", "acl")


def governing_person(context: ActorContext, pronoun: Token) -> Actor | None:
    """Whom the subject pronoun of a relative or subordinate clause stands for: the subject of the clause
    that governs it, when that subject is a person or a description of one of the pronoun's gender."""
    clause = pronoun.head
    while clause.dep_ == "xcomp" and clause.head.i != clause.i:
        clause = clause.head
    if not clause.dep_.startswith(SUBORDINATE_DEPS) or clause.head.i == clause.i:
        return None
    current = clause.head
    gender = active_profile().subject_genders.get(pronoun.lower_)
    for _ in range(5):
        subj = next((c for c in current.children if c.dep_.startswith("nsubj") and c.i != pronoun.i), None)
        if current.pos_ in ("VERB", "AUX") and subj is not None:
            person = is_person_phrase(context, subj, pronoun, gender=gender) and not any(
                c.dep_ == "case" for c in subj.children)
            return resolve_actor(context, subj) if person else None  # 'D'après X, ...' is no subject
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def is_main_subject(pronoun: Token) -> bool:
    """The subject of its sentence's main verb ('Il a ensuite critiqué ...')."""
    return pronoun.dep_.startswith("nsubj") and pronoun.head.i == parser_sentence(pronoun).root.i


def previous_subject(context: ActorContext, token: Token, *, gender: str | None) -> Actor | None:
    """The unnamed person, the body or the country the sentence before is about, when it is the subject of that
    sentence's main verb: whom a subject pronoun or a possessive opening the next sentence continues with
    ('Le président chilien a reçu X. Il a ensuite ...', 'La Turquie a menacé X. Elle ...'). Named people are
    left to `recent_person`."""
    start = parser_sentence(token).start
    if start == 0:
        return None
    before = parser_sentence(token.doc[start - 1])
    subjects = [c for c in before.root.children if c.dep_.startswith("nsubj")]
    words = [t for c in subjects for t in (c, *c.children)]
    if not subjects or any(t.dep_ == "case" or t.ent_type_ in ("PER", "PERSON") and t.pos_ == "PROPN" for t in words):
        return None  # 'D'après X, ...' is no subject; 'la chancelière Angela Merkel' is named
    subj = subjects[0]
    if subj.pos_ == "PROPN":
        agrees = gender is None or any(c.dep_ == "det" and c.morph.get("Gender", []) == [gender] for c in subj.children)
        named = subj.ent_type_ in ("PER", "PERSON") or person_for(context, subj) is not None
        return resolve_actor(context, subj) if agrees and not named else None
    return resolve_actor(context, subj) if is_person_phrase(context, subj, token, gender=gender) else None


def subject_possessor(context: ActorContext, token: Token) -> Actor | None:
    """Whom a possessive opening a sentence stands for ('Sa visite en Chine doit durer trois jours'): the
    subject of the sentence before, else the person named last."""
    found = previous_subject(context, token, gender=None)
    if found is not None:
        return found
    person = recent_person(context, token)
    return person_actor(context, person) if person is not None else None


def is_person_phrase(context: ActorContext, head: Token, pronoun: Token, *, gender: str | None) -> bool:
    """A singular phrase naming or describing a person or a body acting as one ('Luis Arce', 'le président du
    pays', 'le gouvernement'), or the same pronoun, that a pronoun of that gender may stand for."""
    if "Plur" in head.morph.get("Number", []):
        return False
    if head.pos_ == "PRON":  # 'il a affirmé qu'il allait porter plainte': one person
        return head.lower_ == pronoun.lower_
    if head.pos_ == "PROPN":
        return person_for(context, head) is not None
    if head.pos_ != "NOUN" or gender is not None and head.morph.get("Gender", []) not in ([], [gender]):
        return False
    return sector_of(head, context.lexicon) is not None  # 'le gouvernement iranien ... afin qu'il puisse


def binding_subject(clitic: Token) -> Token | None:
    """The subject of the clause above a dative's own 'que' or relative clause, when that clause has a subject of
    its own: the clitic cannot stand for its own subject, and the one above is the nearest party it may stand for."""
    clause = clitic.head
    if clause.dep_ not in ("ccomp", "acl:relcl") or clause.head.i == clause.i:
        return None
    if not any(c.dep_.startswith("nsubj") for c in clause.children):
        return None
    governing = clause.head.head if clause.dep_ == "acl:relcl" else clause.head  # 'X a reçu Y, qui lui a promis'
    above = next((c for c in governing.children if c.dep_ == "nsubj" and c.i != clause.head.i), None)
    if above is None:
        return None
    numbers = above.morph.get("Number", [])  # no number given: it may stand for the clitic
    return None if numbers and active_profile().dative_numbers.get(clitic.lower_) not in numbers else above


CLIMBING_DEPS = ("xcomp", "advcl", "conj", "acl", "ccomp")


def is_object_clitic(token: Token) -> bool:
    """A pronoun object or dative of its verb ('l'accuser', 'lui apporter')."""
    return token.pos_ == "PRON" and token.dep_ in ("obj", "iobj")


def subject_keys(context: ActorContext, clitic: Token) -> frozenset[str]:
    """The people named by the subject of a clitic's clause: a non-reflexive clitic never stands for them."""
    current = clitic.head
    for _ in range(4):
        subj = next((c for c in current.children if c.dep_.startswith("nsubj")), None)
        if subj is not None:
            inside = {t.i for t in subj.subtree}
            return frozenset(key for index, key in context.person_mentions if index in inside)
        if current.dep_ in ("acl", "amod") and current.head.pos_ in ("NOUN", "PROPN"):  # 'un ami venu lui rendre visite'
            described = current.head
            while described.dep_ == "appos" and described.head.i != described.i:  # 'X, un ami venu ...'
                described = described.head
            inside = {t.i for t in described.subtree if t.i < current.i}
            return frozenset(key for index, key in context.person_mentions if index in inside)
        if current.dep_ not in CLIMBING_DEPS or current.head.i == current.i:
            break
        current = current.head
    return frozenset()


def governing_subject_of(subj: Token) -> Token | None:
    """The subject of the clause above the one `subj` is the subject of ('des milliers ..., certains accusant')."""
    current = subj.head
    for _ in range(3):
        if current.dep_ not in CLIMBING_DEPS or current.head.i == current.i:
            return None
        current = current.head
        found = next((c for c in current.children if c.dep_.startswith("nsubj")), None)
        if found is not None:
            return found if found.pos_ in ("NOUN", "PROPN") else noun_before(current)
    return None


def noun_before(verb: Token) -> Token | None:
    """A bare noun right before a verb and its auxiliaries: the subject the parser hung elsewhere."""
    for token in reversed(verb.doc[max(parser_sentence(verb).start, verb.i - 4): verb.i]):
        if token.pos_ in ("NOUN", "PROPN"):
            return None if any(c.dep_ == "case" for c in token.children) else token
        if token.pos_ not in ("AUX", "ADV"):
            return None
    return None


def is_the_latter(head: Token) -> bool:
    """'ce dernier', 'cette dernière' (singular: a person)."""
    return head.lemma_.lower() == "dernier" and "Plur" not in head.morph.get("Number", []) and any(
        c.dep_ == "det" and c.lower_ in ("ce", "cette") for c in head.children)


def last_person_actor(context: ActorContext, head: Token) -> Actor | None:
    """The person named last before `head`, within a few sentences."""
    found = [(index, key) for index, key in context.person_mentions if index < head.i and head.i - index < PRONOUN_REACH]
    person = mentioned_person(context, *found[-1]) if found else None
    return person_actor(context, person) if person is not None else None


def person_actor(context: ActorContext, person: Person) -> Actor:
    """A person the article named, as an actor (of the article's country when a political role says so)."""
    country = person.country or domestic(context, person.sector)
    return make_actor(person.name, entity=None, country=country, sector=person.sector)


def resolve_actor(context: ActorContext, head: Token) -> Actor | None:
    """The actor a noun phrase headed by `head` names, or None when it names no actor (read once per head: the
    rules and the learned layer's candidates ask for many of the same phrases, and the context is complete)."""
    if head.i in context.resolved:
        return context.resolved[head.i]
    actor = context.resolved[head.i] = phrase_actor(context, head)
    return actor


def phrase_actor(context: ActorContext, head: Token) -> Actor | None:
    """`resolve_actor`, read from the phrase."""
    table = doc_table(head.doc)  # the word's tag, relation and text with no call into the Token
    tag, text = table.pos[head.i], table.text[head.i]
    if tag == "PRON" or tag == "DET" and table.dep[head.i].startswith("nsubj"):  # 'plusieurs' tagged DET
        return pronoun_actor(context, head)
    profile, head_lemma = active_profile(), head.lemma_.lower()  # read once
    if head_lemma in profile.own_state_nouns and has_possessive(head):  # 'X a affirmé que son pays ...'
        owner = clause_owner(context, head)
        if owner is not None and owner.country:
            return make_actor(name_span(head).text, entity=None, country=owner.country, sector="GOV")
    if tag not in ("NOUN", "PROPN", "X", "ADJ"):
        return None
    if is_the_latter(head):  # 'ce dernier': the last person named
        return last_person_actor(context, head)
    address = profile.address_titles
    if head.lower_ in address or head_lemma in address:  # 'M. Dendias'
        named = next((c for c in head.children if c.dep_.startswith("flat") or c.dep_ == "appos"), None)
        if named is not None:
            return resolve_actor(context, named)
    if head_lemma in profile.quantity_nouns:  # 'des milliers de manifestants'
        inner = next((c for c in head.children if c.dep_.startswith("nmod") and c.pos_ in ("NOUN", "PROPN")), None)
        if inner is not None:
            actor = resolve_actor(context, inner)
            return replace(actor, name=name_span(head).text) if actor else None
    entity = context.entity_at.get(head.i)
    person = person_for(context, head) if tag == "PROPN" else None
    if person is None:  # a Token object for the names among the children only
        for position in table.dependents[head.i]:  # 'le président russe Vladimir Poutine', 'la chercheuse Fariba Adelkhah'
            if table.pos[position] != "PROPN":
                continue
            child = head.doc[position]
            if child.dep_ == "appos" or is_bare_name(child):
                person = person_for(context, child)
                entity = entity or context.entity_at.get(child.i)
        named = split_name(head) if person is None and tag == "NOUN" else None
        if named is not None:
            person = person_for(context, named)
            entity = entity or context.entity_at.get(named.i)
    # a lower-case "PROPN" is a noun
    sector = sector_of(head, context.lexicon) if tag != "PROPN" or text.islower() else None
    if person is None and tag == "NOUN" and is_definite(head):
        person = titled_person(context, head)
    if person is not None:
        country = (entity.country if entity else None) or person.country or phrase_country(head, context.lexicon)
        sector = sector or person.sector
        return make_actor(person.name, entity=entity, country=country or domestic(context, sector), sector=sector)
    if tag == "PROPN" or entity_iob(head.doc)[head.i] in (IOB_I, IOB_B):
        place = resolve_country(proper_name(head))
    else:  # 'Moscou' tagged as a noun, 'la justice internationale' (with no adjective, the phrase is the word)
        place = resolve_country(text) or (has_adjective(head) and resolve_country(adjective_phrase(head))) or None
    people_noun = tag == "NOUN" and text[:1].isupper() and demonym_country(text)  # 'les Russes'
    described = tag == "NOUN" and text[:1].islower()  # 'le président de la République' tagged PER
    is_named = entity is not None and entity.type in ACTOR_TYPES or head.ent_type_ in ("PER", "ORG") and not described
    if not (is_named or place or sector or people_noun):
        return None
    country = (entity.country if entity else None) or place or people_noun or phrase_country(head, context.lexicon)
    name = entity.name if entity is not None and tag == "PROPN" else name_span(head).text
    region = regional(head, context.lexicon) if country is None and not is_named and tag == "NOUN" else None
    if region is not None:  # 'les dirigeants ouest-africains': the body, not the scene's country
        return make_actor(name, entity=entity, country=region, sector=sector)
    if place == "IGO":  # a seat standing for an international body ('Bruxelles' -> the EU), whatever the city's country
        country = place
    if place and not sector:
        sector = "IGO" if place == "IGO" else "GOV"
    if country is None and not is_named and sector not in ("IGO", "NGO"):
        country = (scene_country(context, head) or context.home) if sector in STATE_SECTORS else local_country(context, head)
    elif country is None and is_domestic_organization(context, name, entity, head) and sector not in ("IGO", "NGO"):
        country = context.home  # parties, unions, companies, state bodies: of the country the article is about
    return make_actor(name, entity=entity, country=country, sector=sector)


def regional(head: Token, lexicon: Lexicon) -> str | None:
    """"IGO" for the leaders or deputies of a region whose states act through a body ('les dirigeants
    ouest-africains', 'des élus européens'), else None. The states of such a region ('plusieurs pays européens')
    are not the body (the gold gives them no country; giving them none was tried: docs/events-learning.md)."""
    bodies = lexicon.classes.get("region_body", frozenset())
    table = doc_table(head.doc)
    if head.lemma_.lower() in active_profile().own_state_nouns:
        return None
    return next(("IGO" for child in table.children[head.i]
                 if table.dep[child] == "amod" and fold(table.text[child]) in bodies), None)


def has_adjective(head: Token) -> bool:
    """The word has an "amod" child (`adjective_phrase` is more than the word itself)."""
    table = doc_table(head.doc)
    relations = table.dep
    return any(relations[child] == "amod" for child in table.children[head.i])


def is_bare_name(child: Token) -> bool:
    """A name the parser hung on its title noun as a modifier with no preposition ('la chercheuse X')."""
    return child.dep_ == "nmod" and child.i == child.head.i + 1 and child.ent_type_ == "PER" and not any(
        c.dep_ == "case" for c in child.children)


def is_domestic_organization(context: ActorContext, name: str, entity: Entity | None, head: Token) -> bool:
    """A named organization whose name does not mark it as international ('Amnesty International')."""
    if (entity.type if entity is not None else head.ent_type_) != "ORG":
        return False
    international = context.lexicon.classes.get("international", frozenset())
    return not any(word in international for word in fold(name).replace("-", " ").split())


def is_definite(head: Token) -> bool:
    """The noun phrase has a definite article ('le ministre'), also fused with its preposition ('du ministre')."""
    fused = active_profile().singular_fused_articles  # 'des ministres' is no one person
    doc, table = head.doc, doc_table(head.doc)  # a Token object for the determiners and prepositions only
    relations = table.dep
    return any(relations[c] == "det" and doc[c].lemma_.lower() in ("le", "la", "l'", "l’", "ce")
               or relations[c] == "case" and doc[c].lower_ in fused for c in table.dependents[head.i])


def titled_person(context: ActorContext, head: Token) -> Person | None:
    """'le député européen' -> the last person the article introduced with that title ('les dirigeants' are not one).

    A description naming a body the person heads ('la présidente du parti') is resolved only when the
    article gave that title to one person.
    """
    title = head.lemma_.lower()
    if not any(title in person.titles for person in context.registry.people.values()):
        return None  # most nouns are no one's title: no mention to look through (and no morphology read)
    if "Plur" in head.morph.get("Number", []):
        return None
    country = description_country(head)
    found: list[Person] = []
    for index, key in context.person_mentions:
        person = context.registry.people.get(key)
        if index >= head.i or person is None or title not in person.titles:
            continue
        if country is None or (person.country or context.home) == country:  # no nationality given: the article's
            found.append(person)
    if not found or names_a_body(head, context.lexicon) and len({id(p) for p in found}) > 1:
        return None
    return found[-1]


def names_a_body(head: Token, lexicon: Lexicon) -> bool:
    """A role noun whose 'de' complement is an organization or a group ('le patron de LR', 'la présidente du parti')."""
    groups = lexicon.classes.get("group", frozenset())
    return any(child.dep_.startswith("nmod") and (child.ent_type_ == "ORG" or child.lemma_.lower() in groups)
               and not resolve_country(proper_name(child)) for child in head.children)
