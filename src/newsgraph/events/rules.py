"""Event coding as pure functions over a parsed `Doc`: triggers -> frames -> `Event` records.

A trigger is a verb, noun or adjective of the lexicon. Its actors are read from its own clause
only: the subject, object and prepositional complements of a verb (with passives turned round),
the adjectives, "de" complements, possessives and governing light verb of a noun.
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.attrs import IDX, LEMMA, LOWER, ORTH, POS, SPACY
from spacy.strings import hash_string
from spacy.symbols import ADJ, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from ..records import Actor, Entity, Event, Speaker
from .actors import (
    QUANTITIES,
    ActorContext,
    build_context,
    is_inverted_pronoun,
    mentioned_person,
    name_span,
    person_actor,
    quoted_actor,
    recent_person,
    resolve_actor,
    speaker_actor,
    subject_possessor,
)
from .dates import MONTHS, WEEKDAYS, resolve_date
from .lexicon import REFLEXIVES, Lexicon, Trigger, default_lexicon
from .modes import CONTRACTIONS, event_mode, governors, is_speech, lemma, reporter, subject
from .places import demonym_country, resolve_country
from .scene import is_locative, local_country, place_country, proper_name, recent_countries
from .speech import blame_statements, cue_speaker, quotes_of

if TYPE_CHECKING:
    from .learned import EventModel

COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
JOINT_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
ADDRESSED_TO_POWER = frozenset({"REQUEST", "PROTEST"})  # with no addressee named, the government is meant
REACTIONS = frozenset({"ACCUSE", "REJECT", "SUPPORT"})  # verbal reactions to what someone just did
BETWEEN_TYPES = JOINT_TYPES | {"ASSAULT"}  # events 'entre X et Y' (clashes, talks) done by both sides
BY_AUTHORITIES = frozenset({"COERCE", "RETREAT"})  # with no agent named (arrests, releases), the authorities are meant
DENOUNCING = frozenset({"ACCUSE", "PROTEST"})  # their object is a topic: 'dénoncer les violences'
SPEECH_ACTS = frozenset({"ACCUSE", "REQUEST", "REJECT", "SUPPORT", "THREATEN"})  # speech about an event told before
POS_KEYS = {"VERB": ("V",), "NOUN": ("N",), "ADJ": ("A", "V"), "PROPN": ("N",)}
ANY_KEYS = ("V", "N", "A")  # every key a token's reading may have (a NOUN may be read as a verb)
COMPLEMENT_DEPS = ("xcomp", "ccomp", "obj", "obl", "nmod", "acl", "advcl")
OBLIQUE_DEPS = ("obl", "iobj", "nmod", "obl:arg", "obl:mod")
TERMINAL = (".", "!", "?", "»", '"', "…", ":", ";")


@dataclass(frozen=True)
class Frame:
    """A matched trigger with the tokens heading its source and target phrases."""

    token: Token
    trigger: Trigger
    sources: tuple[Token, ...]
    targets: tuple[Token, ...]


def extract_events(
    doc: Doc, *, lexicon: Lexicon | None = None, entities: Iterable[Entity] | None = None,
    article_date: str | None = None, model: EventModel | None = None,
) -> Iterator[Event]:
    """Code the political events of a parsed article, one Event per (type, source, target, clause).

    With a `model`, the learned layer decides which of the rules' events stand and adds those they missed.
    """
    coding = code_events(doc, lexicon=lexicon, entities=entities, article_date=article_date)
    events = coding.events
    if model is not None:
        events = model.decide(coding, article_date=article_date)
    yield from with_clusters(without_repeats(events))


@dataclass
class Coding:
    """The rules' events of one article, with what the learned layer reads beside them."""

    doc: Doc
    context: ActorContext
    sentences: list[Span]
    quotes: list
    events: list[Event]


def code_events(
    doc: Doc, *, lexicon: Lexicon | None = None, entities: Iterable[Entity] | None = None,
    article_date: str | None = None,
) -> Coding:
    """The rules' events of a parsed article (before repeats are merged), with their context."""
    lexicon = lexicon or default_lexicon()
    found = list(entities if entities is not None else getattr(doc._, "newsgraph_entities", None) or ())
    context = build_context(doc, lexicon, found)
    sentences = text_sentences(doc)
    starts = [span.start for span in sentences]
    frames = [frame for frame in find_frames(doc, lexicon) if frame is not None]
    frames.extend(protest_actions(doc, lexicon, {frame.token.i for frame in frames}))
    absorbed = absorbed_tokens(frames)
    quotes = quotes_of(doc)
    events: list[Event] = []
    for frame in frames:
        if frame.token.i in absorbed:
            continue
        sentence = sentence_of(frame.token, sentences, starts)
        coded = frame_events(frame, sentence, context, article_date, quotes=quotes)
        if answers_charges(frame, lexicon):  # 'X a rejeté les accusations': whoever accused X, however long ago
            coded = [with_accuser(event, events) for event in coded]
        if reacts_to_a_thing(frame):
            coded = [with_author(event, events, earliest=previous_start(sentence, sentences, starts)) for event in coded]
        elif reacts_to_a_quote(frame):  # '« X ont été emprisonnés », a déploré Y': Y blames who imprisoned them
            coded = [with_author(event, events, earliest=sentence.start_char) for event in coded]
        events.extend(coded)
    events.extend(blame_events(context, quotes, events, sentences, starts, article_date))
    return Coding(doc=doc, context=context, sentences=sentences, quotes=quotes, events=events)


def blame_events(
    context: ActorContext, quotes: list, coded: list[Event], sentences: list[Span], starts: list[int],
    article_date: str | None,
) -> Iterator[Event]:
    """ACCUSE events for quotes whose content blames someone, where no accusation was coded already."""
    accused = {event.start for event in coded if event.type == "ACCUSE"}
    for word, speaker, target in blame_statements(context, quotes):
        sentence = sentence_of(word, sentences, starts)
        start, end = trimmed(sentence)
        if start in accused:
            continue
        accused.add(start)
        if target is None:  # 'Il est inacceptable qu'elle soit emprisonnée': whoever imprisons her is blamed
            target = next((e.source for e in reversed(coded) if e.start == start and e.source is not None
                           and e.type not in REACTIONS and not same_party(e.source, speaker)), None)
        yield Event(
            type="ACCUSE", mode="asserted", source=speaker, target=target, text=trimmed_text(sentence), start=start,
            end=end, trigger=word.text, cameo="11", date=resolve_date(clause_text(word), article_date, future=False),
        )


def without_repeats(events: list[Event]) -> list[Event]:
    """One event per (type, source, target) in a sentence: 'se rassembler pour protester' is one protest.

    Of two events of one type in one sentence whose actors agree (or are missing on one side), the
    one naming more actors is kept.
    """
    kept: list[Event] = []
    for event in events:
        twin = next((i for i, other in enumerate(kept) if is_repeat(other, event)), None)
        if twin is None:
            kept.append(event)
        elif known_actors(event) > known_actors(kept[twin]):
            kept[twin] = event
    return kept


def is_repeat(first: Event, second: Event) -> bool:
    """Same type, same sentence, and no actor that tells them apart."""
    if (first.type, first.start, first.end) != (second.type, second.start, second.end):
        return False
    roles = ((first.source, second.source), (first.target, second.target))
    shared = any(a is not None and b is not None for a, b in roles)  # two unrelated half-known events stay apart
    return shared and all(a is None or b is None or same_party(a, b) for a, b in roles)


def same_party(first: Actor, second: Actor) -> bool:
    """The same actor, or one country named twice ('Pyongyang' and 'le dirigeant nord-coréen')."""
    one_country = first.country is not None and first.country == second.country
    a_place = any(resolve_country(actor.name or "", as_actor=True) for actor in (first, second))
    return same_actor(first, second) or (one_country and a_place and (first.entity is None or second.entity is None))


def same_side(first: Actor, second: Actor) -> bool:
    """The same party, or two names of one state ('le Japon' and 'Tokyo')."""
    states = all(actor.country and resolve_country(actor.name or "", as_actor=True) for actor in (first, second))
    return same_party(first, second) or bool(states and first.country == second.country)


def known_actors(event: Event) -> int:
    """How many of the event's two roles name an actor."""
    return (event.source is not None) + (event.target is not None)


def reacts_to_a_thing(frame: Frame) -> bool:
    """'X a critiqué cette décision', 'Y a rejeté ces accusations': a verbal reaction whose object is no actor."""
    if frame.trigger.type not in REACTIONS or frame.trigger.pos == "N":
        return False
    return any(c.dep_ in ("obj", "obl:arg") and c.pos_ == "NOUN" for c in frame.token.children)


def answers_charges(frame: Frame, lexicon: Lexicon) -> bool:
    """A rejection whose object is an accusation ('rejeter les accusations', 'démentir ces allégations')."""
    if frame.trigger.type != "REJECT" or frame.trigger.pos == "N":
        return False
    charges = lexicon.classes.get("charge", ())
    return any(c.dep_ in ("obj", "obl:arg") and lemma(c) in charges for c in frame.token.children)


def with_accuser(event: Event, earlier: list[Event]) -> Event:
    """Give a rejection of charges with no target the source of the latest accusation against its source."""
    if event.target is not None or event.source is None:
        return event
    for previous in reversed(earlier):
        accused = previous.target
        if previous.type == "ACCUSE" and previous.source is not None and accused is not None and same_side(
                accused, event.source) and not same_side(previous.source, event.source):
            return replace(event, target=previous.source)
    return event


def reacts_to_a_quote(frame: Frame) -> bool:
    """'« ... », a déploré X': a verbal reaction closing the quote that tells what it reacts to."""
    return frame.trigger.type in REACTIONS and frame.trigger.pos != "N" and closes_quote(frame.token)


def with_author(event: Event, earlier: list[Event], *, earliest: int) -> Event:
    """Give a reaction with no target the source of the latest event told just before it."""
    if event.target is not None or event.source is None:
        return event
    for previous in reversed(earlier):
        if previous.start < earliest:
            break
        author = previous.source
        if author is not None and not same_actor(author, event.source):
            return replace(event, target=author)
    return event


def previous_start(sentence: Span, sentences: list[Span], starts: list[int]) -> int:
    """Character offset where the sentence before `sentence` starts (reactions reach back no further)."""
    index = bisect_right(starts, sentence.start) - 1
    return sentences[max(index - 1, 0)].start_char


def text_sentences(doc: Doc) -> list[Span]:
    """The article's sentences, split on the text's own punctuation (the parser's sentences stop
    inside names and run across quotes)."""
    text = doc.text  # built from the tokens at each access: read it once
    bounds = [0]
    for match in SENTENCE_END.finditer(text):
        before = text[max(0, match.start() - 4): match.start() + 1]
        if not ABBREVIATION.search(before):
            bounds.append(match.end())
    bounds.append(len(text))
    offsets = doc.to_array(IDX).tolist()  # no Token objects: this runs on every article
    first = [bisect_left(offsets, bound) for bound in bounds]  # first token at or after each bound
    return [doc[start:end] for start, end in zip(first, first[1:]) if end > start]


def sentence_of(token: Token, sentences: list[Span], starts: list[int]) -> Span:
    """The text sentence holding `token`."""
    index = bisect_right(starts, token.i) - 1
    if 0 <= index < len(sentences) and sentences[index].start <= token.i < sentences[index].end:
        return sentences[index]
    return token.doc[token.i: token.i + 1]


SENTENCE_END = re.compile(r"(?:[.!?…]+[»\"”]?|\n)(?=\s*(?:[«\"“]\s*)?[A-ZÀ-ÖØ-Þ0-9«\"“►•–—-])\s*|\n+\s*")
ABBREVIATION = re.compile(r"(?:\b(?:M|Mme|Mlle|Me|Mgr|Dr|Pr|St|av|J\.-C|etc)|\b[A-Z])\.$")


def find_frames(doc: Doc, lexicon: Lexicon) -> Iterator[Frame | None]:
    """Every trigger occurrence whose constraints hold, with its argument heads."""
    for token in trigger_candidates(doc, lexicon):
        trigger = match_trigger(token, lexicon)
        if trigger is not None:
            yield build_frame(token, trigger, lexicon)


TRIGGER_POS = frozenset({NOUN, VERB, ADJ, PROPN})  # the parts of speech of POS_KEYS
HYPHEN = hash_string("-")
_READINGS: dict[int, tuple[Lexicon, dict[tuple[int, int, int], bool]]] = {}  # per lexicon: word keys -> has a reading
READINGS_LIMIT = 200_000  # cached words per lexicon; the cache starts over beyond this


def trigger_candidates(doc: Doc, lexicon: Lexicon) -> Iterator[Token]:
    """The tokens `match_trigger` may match: a trigger's part of speech and a lexicon reading among the forms it
    looks up (read from token arrays, decided once per word form; a word joined by a hyphen is always checked)."""
    owner, cache = _READINGS.get(id(lexicon), (None, {}))
    if owner is not lexicon or len(cache) > READINGS_LIMIT:
        cache = {}
        _READINGS[id(lexicon)] = (lexicon, cache)
    strings = doc.vocab.strings
    columns = doc.to_array([POS, LOWER, LEMMA, SPACY, ORTH]).tolist()
    for index, (pos, lower, lemma_key, space, _) in enumerate(columns):
        if pos not in TRIGGER_POS:
            continue
        if not space and index + 2 < len(columns) and columns[index + 1][4] == HYPHEN and not columns[index + 1][3]:
            yield doc[index]  # 'sit-in': the joined word is one of the forms
            continue
        key = (pos, lower, lemma_key)
        found = cache.get(key)
        if found is None:
            found = cache[key] = has_reading(strings[pos], strings[lower], strings[lemma_key], lexicon)
        if found:
            yield doc[index]


def has_reading(pos: str, lower: str, lemma_text: str, lexicon: Lexicon) -> bool:
    """Some form `match_trigger` looks up for a word (its lemma, the infinitives guessed from it) is in the lexicon."""
    value = lemma_text.lower().replace("’", "'")  # `modes.lemma` of a word that is not a preposition
    values = word_forms(pos, CONTRACTIONS.get(value, value), lower)
    guess = infinitive_guess(pos, lower)
    if guess is not None:
        values.append(guess)
    return any((value, key) in lexicon.triggers for value in values for key in ANY_KEYS)


def tokens_tagged(doc: Doc, tags: frozenset[int]) -> Iterator[Token]:
    """The doc's tokens with one of these part-of-speech ids, read from one array (no Token built for the others)."""
    for index, tag in enumerate(doc.to_array(POS).tolist()):
        if tag in tags:
            yield doc[index]


def has_lemma(doc: Doc, words: frozenset[str]) -> bool:
    """Some token of the doc has one of these lemmas (read from one array)."""
    return not lemma_hashes(words).isdisjoint(doc.to_array(LEMMA).tolist())


@lru_cache(maxsize=64)
def lemma_hashes(words: frozenset[str]) -> frozenset[int]:
    """String-store hashes of lemmas, lower case and capitalized ('Manifestants' opening a sentence)."""
    return frozenset(hash_string(form) for word in words for form in (word, word.capitalize()))


PROTEST_ACTION = Trigger(lemma="", pos="V", type="PROTEST", cameo="14", obj="theme", preps=frozenset({"contre"}),
                         flags=frozenset())


def protest_actions(doc: Doc, lexicon: Lexicon, coded: set[int]) -> Iterator[Frame]:
    """Acts of protesters that no trigger names ('des manifestants ont tenté de forcer les grilles', 'la statue a
    été renversée par des manifestants'): protests, with the protesters as source."""
    inert = lexicon.classes.get("inert", frozenset())
    if not has_lemma(doc, lexicon.classes.get("protesting", frozenset())):
        return  # most articles name no protesters: no verb to look at
    for token in tokens_tagged(doc, frozenset({VERB})):
        if token.i in coded or lemma(token) in inert or is_speech(token, lexicon):
            continue
        actor = protester_of(token, lexicon)
        if actor is not None and not any(c.dep_ == "ccomp" for c in token.children):
            yield Frame(token, PROTEST_ACTION, (actor,), ())


def protester_of(verb: Token, lexicon: Lexicon) -> Token | None:
    """The protesters acting in a clause: the active subject or the passive agent, when it names protesters."""
    if is_passive(verb):
        heads = [*passive_agents(verb)]
    else:
        heads = [c for c in verb.children if c.dep_ == "nsubj"]
    protesting = lexicon.classes.get("protesting", frozenset())
    return next((h for h in heads if lemma(people_head(h)) in protesting), None)


def candidate_lemmas(token: Token) -> list[str]:
    """The token's lemma, plus the infinitive of a past participle the lemmatizer left as such."""
    found = word_forms(token.pos_, lemma(token), token.lower_)
    compound = hyphenated(token)
    if compound:
        found.insert(0, compound)
    return found


def word_forms(pos: str, value: str, lower: str) -> list[str]:
    """A word's lemma `value`, plus the infinitive of a past participle or a verb form left as such."""
    found = [value]
    if pos in ("ADJ", "VERB") and value.endswith(("é", "ée", "és", "ées")):
        found.append(value.rstrip("es").rstrip("é") + "er")
    if pos in ("ADJ", "VERB") and value.endswith(("u", "ue", "us", "ues")):
        found.append(value.rstrip("es").rstrip("u") + "ir")
    if pos in ("NOUN", "VERB") and lower.endswith("e") and not value.endswith(("er", "ir", "re")):
        found.append(lower + "r")  # 'réclame' tagged as a noun or left unlemmatized
    return found


def hyphenated(token: Token) -> str | None:
    """'sit-in' split by the tokenizer into 'sit', '-', 'in': the joined lower-case word."""
    doc = token.doc
    if token.whitespace_ or token.i + 2 >= len(doc) or doc[token.i + 1].text != "-" or doc[token.i + 1].whitespace_:
        return None
    return f"{token.lower_}-{doc[token.i + 2].lower_}"


def match_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    """The first lexicon reading of `token` whose required words and constraints hold."""
    if token.pos_ not in POS_KEYS or token.dep_ in ("fixed", "case"):
        return None
    guess = guessed_infinitive(token)
    hidden = hidden_verb_forms(token) if guess is not None and (guess, "V") in lexicon.triggers else []
    if token.ent_type_ in ("PER", "LOC", "ORG") and not hidden:  # '», brocarde le député X' is tagged as a name
        return None
    values = hidden + candidate_lemmas(token)
    if not any((value, pos) in lexicon.triggers for value in values for pos in ANY_KEYS):
        return None  # most words: no reading to check, so none of the costlier tests below
    keys = POS_KEYS.get(token.pos_, ())
    noun = token.pos_ == "NOUN" and not hidden
    if hidden:
        keys = ("V",)  # '», tacle un député', 'les autorités réexaminent la peine'
    elif token.pos_ == "NOUN" and any(c.dep_.startswith(("aux", "nsubj")) for c in token.children):
        keys = ("V", "N")  # a verb the tagger took for a noun ('a téléphoné', 'l'opposition réclame')
    elif token.pos_ == "NOUN" and token.dep_ == "nmod" and is_bare_modifier(token, lexicon):
        return None  # 'crimes de guerre', 'motion de censure': a modifier, not an event
    if noun and is_past_topic(token, lexicon):
        return None  # 'l'anniversaire de la libération', 'violer les sanctions': not an event told here
    if noun and is_figurative(token, lexicon):
        return None  # 'la guerre froide', 'une guerre commerciale', 'son combat pour la liberté'
    for value in values:
        for pos in keys:
            for trigger in lexicon.triggers.get((value, pos), ()):
                if satisfies(token, trigger, lexicon):
                    return trigger
    return None


def hidden_verb_forms(token: Token) -> list[str]:
    """Infinitives of a finite verb the tagger took for a bare noun or adjective right before a determiner
    ('», tacle un député', 'un cadre éreinte déjà un groupe', 'les autorités réexaminent la peine'); else none."""
    word = guessed_infinitive(token)
    if word is None or token.i == 0:
        return []
    before = token.doc[token.i - 1]
    if before.pos_ in ("DET", "ADP") or any(c.dep_ in ("det", "case") for c in token.children):
        return []
    following = next((t for t in token.doc[token.i + 1: token.i + 4] if t.pos_ != "ADV"), None)
    if following is None or following.pos_ != "DET" or following.whitespace_ == "" and following.text[-1:] not in "'’":
        return []
    return [word]


def guessed_infinitive(token: Token) -> str | None:
    """The infinitive a noun or adjective would have as a finite verb ('tacle' -> 'tacler', 'réexaminent' ->
    'réexaminer'), else None."""
    return infinitive_guess(token.pos_, token.lower_)


def infinitive_guess(pos: str, word: str) -> str | None:
    """`guessed_infinitive` of a lower-case word with this part of speech."""
    if pos not in ("NOUN", "ADJ"):
        return None
    if word.endswith("ent"):
        return word[:-3] + "er"
    return word + "r" if word.endswith("e") else None


def is_hidden_verb(frame: Frame) -> bool:
    """A verbal reading matched on a word the tagger took for a noun or an adjective, and the parse gave it no
    subject of its own, or one inside the quote before it ('« ... », tacle un député'): read linearly."""
    token = frame.token
    if frame.trigger.pos != "V" or token.pos_ not in ("NOUN", "ADJ") or not hidden_verb_forms(token):
        return False
    after_quote = token.doc[token.i - 1].text in (",", *CLOSING_QUOTES)
    return after_quote or not any(c.dep_.startswith(("aux", "nsubj")) for c in token.children)


def hidden_verb_mode(token: Token) -> str:
    """The mode of a verb taken for a noun: its parse says nothing, only a 'ne' right before it negates it."""
    return "negated" if token.doc[token.i - 1].lower_ in ("ne", "n'", "n’") else "asserted"


def hidden_verb_arguments(token: Token, trigger: Trigger) -> tuple[list[Token], list[Token]]:
    """Source and target heads of a verb the tagger took for a noun: the phrase before it and the one after it, or
    only the one after it when it follows a quote or a comma ('», tacle un député': the subject comes after)."""
    doc = token.doc
    after = next((t for t in doc[token.i + 1: token.i + 6] if t.pos_ in ("NOUN", "PROPN")), None)
    if doc[token.i - 1].text in (",", *CLOSING_QUOTES):
        return ([after] if after is not None else []), []
    before = phrase_before(token, token.i)
    if after is None:
        return ([before] if before is not None else []), []
    targets = [after] if trigger.obj == "target" else theme_targets(after, trigger)
    return ([before] if before is not None else []), targets


def theme_targets(theme: Token, trigger: Trigger) -> list[Token]:
    """Targets named inside the object of a verb, on it or on a participle describing it ('réexaminer la peine
    prononcée contre trois jeunes hommes')."""
    found = object_complements(theme, trigger)
    for child in theme.children:
        if not found and child.dep_ == "acl" and "Part" in child.morph.get("VerbForm"):
            found = prep_targets(child, trigger)
    return found


def is_past_topic(noun: Token, lexicon: Lexicon) -> bool:
    """An event noun remembered or referred to: 'l'anniversaire de la libération', 'violer les sanctions'."""
    head = lemma(noun.head)
    if noun.dep_.startswith("nmod") and has_case(noun, {"de"}) and head in lexicon.classes.get("commemoration", ()):
        return True
    return noun.dep_ == "obj" and lexicon.cue("topic", head)


def is_figurative(noun: Token, lexicon: Lexicon) -> bool:
    """An event noun used as a metaphor: a figurative adjective, or a fight 'pour' a cause or 'sur' a topic."""
    classes = lexicon.classes
    for child in noun.children:
        if child.dep_ == "amod" and lemma(child) in classes.get("figurative", ()):
            return True
        if child.dep_.startswith("nmod") and lemma(child) in classes.get("topic", ()):
            return True  # 'une offensive sur le thème de l'insécurité'
        if child.dep_.startswith("nmod") and case_of(child) == "pour":
            return noun.lemma_.lower() in classes.get("struggle", ())  # 'son combat pour la liberté'

    return False


def is_bare_modifier(noun: Token, lexicon: Lexicon) -> bool:
    """A noun without determiner after 'de' that classifies another noun ('machine de guerre')."""
    if not has_case(noun, {"de"}) or any(c.dep_ == "det" for c in noun.children):
        return False
    classifier = lemma(noun.head) in lexicon.classes.get("classifier", ())
    if lemma(noun.head) in lexicon.classes.get("series", ()):
        return False  # 'une campagne de bombardements', 'une vague d'arrestations': events
    return classifier or not any(c.dep_ in ("amod", "nmod") for c in noun.children)


def nearby(token: Token) -> list[Token]:
    """Children and grandchildren of a token: where required words and classes are looked for."""
    return [*token.children, *(g for c in token.children for g in c.children)]


def satisfies(token: Token, trigger: Trigger, lexicon: Lexicon) -> bool:
    """Required words, reflexive pronoun, word class and object constraints of a reading."""
    if trigger.words and not set(trigger.words) <= {lemma(t) for t in nearby(token)}:
        return False
    if trigger.reflexive and not any(c.lower_.replace("’", "'") in REFLEXIVES and c.i < token.i for c in token.children):
        return False
    if "noobj" in trigger.flags and any(c.dep_ == "obj" for c in token.children):
        return False
    if not flags_hold(token, trigger, lexicon):
        return False
    need = trigger.need
    if need == "place":
        return any(
            c.dep_.startswith(("obl", "nmod")) and (c.ent_type_ in ("LOC", "GPE") or resolve_country(c.text, as_actor=False)
                                          or lemma(c) in lexicon.classes.get("place", ()))
            for c in token.children
        )
    if need == "complement":
        around_noun = list(token.head.children) if token.pos_ == "NOUN" and token.dep_ == "obj" else []
        return any(  # 'lancer un appel à la retenue': the parser may hang 'à' on the light verb
            c.dep_ == "xcomp" or (c.dep_.startswith(("obl", "nmod")) and has_case(c, {"à"}))
            for c in [*token.children, *around_noun]
        )
    if need in ("person", "patient"):
        if any(c.dep_ == "xcomp" and c.pos_ in ("ADJ", "NOUN") for c in token.children):
            return False  # 'jugés responsables du drame': deemed, not tried
        if token.dep_ == "acl":  # 'un ingénieur détenu', 'ce message consulté par'
            return is_animate(described_noun(token), loose=True)
        patients = [people_head(c) for c in token.children if c.dep_ in ("obj", "nsubj:pass")]
        if patients:
            return any(is_animate(antecedent(c), loose=c.dep_ in ("nsubj:pass", "nmod")) for c in patients)
        # with no object: 'a été arrêté' stands alone; 'jugeront si...' judges no one; need:patient wants one
        return need == "person" and not any(c.dep_ == "ccomp" or has_case(c, {"si", "que"}) for c in token.children)
    if need == "territory":  # 'Auckland a été reconfinée', 'confiner le pays': a place, not a person at home
        return any(is_territory(c, lexicon) for c in token.children if c.dep_ in ("obj", "nsubj:pass"))
    if need == "clause":  # 'voudrait que le gouvernement accélère': someone else is to act
        return bool(clause_subjects(token))
    if need:
        words = lexicon.classes.get(need, frozenset())
        around = nearby(token)  # built only for the readings that need it: most have no constraint
        lemmas = {lemma(t) for t in around}
        objects = {lemma(t) for t in around if not t.dep_.startswith("nsubj") and not t.head.dep_.startswith("nsubj")}
        subject_ok = need in SUBJECT_CLASSES and bool(words & lemmas)
        return subject_ok or bool(words & objects) or lemma(token.head) in words
    return True


def is_territory(token: Token, lexicon: Lexicon) -> bool:
    """A country, a city or a region ('Auckland', 'la ville de Melbourne', 'le pays')."""
    if token.pos_ == "PROPN":
        return token.ent_type_ in ("LOC", "GPE") or resolve_country(proper_name(token), as_actor=False) is not None
    return lemma(token) in lexicon.classes.get("place", ())


def clause_subjects(verb: Token) -> list[Token]:
    """Subjects of a 'que' clause governed by `verb`, other than the verb's own subject."""
    own = subject(verb)
    found = []
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and has_case(c, {"que"})):
        other = subject(clause)
        if other is not None and not (own is not None and own.lower_ == other.lower_) and other.lower_ not in ("il", "ce", "c'"):
            found.append(other)
    return found


def has_inverted_subject(verb: Token) -> bool:
    """'a-t-il accusé', '», accuse X': a subject after the verb, which the parser may take for a passive one."""
    return any(
        (c.pos_ == "PRON" and c.text.startswith("-")) or (c.dep_.startswith("nsubj") and c.i > verb.i)
        for c in verb.children
    )


def agent_of(verb: Token) -> Token | None:
    """The 'par' agent of a passive, also when the parser hung it under a complement ('accusé de X par Y')."""
    for child in verb.children:
        if child.dep_ == "obl:agent" or (child.dep_.startswith("obl") and has_case(child, {"par"})):
            return child
    for child in verb.children:
        if child.dep_.startswith("obl") and child.i > verb.i:
            found = next((g for g in child.children if g.dep_.startswith("nmod") and has_case(g, {"par"})), None)
            if found is not None:
                return found
    return None


def people_head(token: Token) -> Token:
    """The people a quantity noun counts ('une quinzaine de ressortissants' -> ressortissants)."""
    if token.lemma_.lower() not in QUANTITIES:
        return token
    return next((c for c in token.children if c.dep_.startswith("nmod") and c.pos_ in ("NOUN", "PROPN")), token)


def antecedent(token: Token) -> Token:
    """What a relative pronoun stands for ('le message que l'AFP a consulté' -> message)."""
    if "Rel" not in token.morph.get("PronType"):
        return token
    clause = next((h for h in token.ancestors if h.dep_ == "acl:relcl"), None)
    return clause.head if clause is not None else token


def flags_hold(token: Token, trigger: Trigger, lexicon: Lexicon) -> bool:
    """The agent, authority, noclause and copula constraints of a reading."""
    flags = trigger.flags
    agent = agent_of(token)
    if "agent" in flags and is_passive(token) and agent is None and not has_inverted_subject(token):
        return False  # 'il est confiné chez lui', 'un homme accusé de vol': a state, no one named doing it
    if "authority" in flags and agent is not None and lemma(agent) not in lexicon.classes.get("authority", ()):
        return agent.pos_ == "PROPN"  # 'interpellé par un passant' is no arrest
    if "en" in flags and not any(c.lower_ == "en" and c.pos_ == "PRON" and c.i < token.i for c in token.children):
        return False  # 'en vouloir à'
    if "noclause" in flags and (any(c.dep_ == "ccomp" for c in token.children) or is_inverted(token)):
        return False  # 'a reconnu que...', '», reconnaît X': an admission
    if "absorb" in flags and trigger.type == "AGREE":
        return not any(is_copular(c, lexicon) for c in agreed_complements(token))
    return True


def agreed_complements(token: Token) -> list[Token]:
    """What an AGREE word governs: 'prêt à rencontrer', 'prête à être candidate'."""
    found = [c for c in token.children if c.dep_ == "xcomp" or (c.dep_.startswith("obl") and has_case(c, {"à"}))]
    following = linear_complement(token)
    return found + ([following] if following is not None else [])


def is_copular(complement: Token, lexicon: Lexicon) -> bool:
    """A state, not an action: 'être candidate', 'rester ministre'."""
    copulas = lexicon.classes.get("copula", ())
    if lemma(complement) == "avoir" and any(c.dep_ == "obj" and match_trigger(c, lexicon) for c in complement.children):
        return False  # 'prêt à avoir un dialogue': 'avoir' with an event noun is a light verb
    return lemma(complement) in copulas or any(c.dep_ == "cop" and lemma(c) in copulas for c in complement.children)


def is_animate(token: Token, *, loose: bool = False) -> bool:
    """A person, a group of people or a pronoun standing for one.

    `loose` also accepts nouns with a people-naming ending ('anthropologue', 'ingénieur'): safe where
    the noun undergoes an arrest ('X a été arrêté', 'un X détenu'), too loose for the object of 'détenir'.
    """
    if token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ("PER", "ORG"):
        return True
    word = token.lemma_.lower().removeprefix("ex-")  # 'un ex-militaire'
    classes = default_lexicon().classes
    return word in classes.get("people", ()) or (
        loose and token.pos_ == "NOUN" and len(word) > 5 and word.endswith(tuple(classes.get("person_suffix", ())))
    )


def has_case(token: Token, preps: Iterable[str]) -> bool:
    """The nominal is introduced by one of `preps`."""
    wanted = set(preps)
    return any(c.dep_ in ("case", "mark") and lemma(c) in wanted for c in token.children)


def case_of(token: Token) -> str | None:
    """The preposition introducing a nominal, if any."""
    return next((lemma(c) for c in token.children if c.dep_ == "case"), None)


def undergoes(verb: Token) -> bool:
    """The verb's subject undergoes it: passive voice, but not a reflexive ('se sont rassemblés')."""
    present = "Pres" in verb.morph.get("Tense")  # 'réclamant': a present participle acts
    return is_passive(verb) and not present and not any(c.dep_.startswith("expl") for c in verb.children)


def is_passive(token: Token) -> bool:
    """Passive voice, including participles modifying a noun ('des sanctions imposées par')."""
    if any(c.dep_ == "aux:pass" for c in token.children):
        return True
    if any(c.dep_ == "nsubj:pass" for c in token.children):  # not 'a-t-il accusé': an inverted clitic after 'avoir'
        return not any(c.dep_.startswith("aux") and lemma(c) == "avoir" for c in token.children)
    participle = "Part" in token.morph.get("VerbForm") or token.pos_ == "ADJ"
    if participle and any(c.dep_ == "obl:agent" for c in token.children) and "Pres" not in token.morph.get("Tense"):
        return True  # '..., refusé par les autorités'
    if participle and token.dep_ == "conj" and token.head.i != token.i and is_bare_participle(token):
        return is_passive(token.head)  # 'ont été jugés et condamnés': the second participle shares the auxiliary
    if participle and "Past" in token.morph.get("Tense") and token.dep_ in ("advcl", "appos"):
        return not any(c.dep_.startswith(("aux", "nsubj")) for c in token.children)  # 'un savant, accusé de...'
    present = "Pres" in token.morph.get("Tense")  # 'un communiqué dénonçant la réforme' acts
    return participle and not present and token.dep_ in ("acl", "amod") and not any(
        c.dep_ == "aux:tense" for c in token.children)


def is_bare_participle(token: Token) -> bool:
    """A past participle with no auxiliary or subject of its own."""
    return "Pres" not in token.morph.get("Tense") and not any(
        c.dep_.startswith(("aux", "nsubj", "cop")) for c in token.children)


def passive_agents(verb: Token) -> list[Token]:
    """'par X' of a passive verb, or of the participle coordinated with it ('jugés et condamnés par X')."""
    agent = agent_of(verb)
    if agent is not None:
        return [agent]
    partners = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and is_bare_participle(c)]
    if verb.dep_ == "conj" and is_bare_participle(verb):
        partners.append(verb.head)
    return [agent for partner in partners for agent in [agent_of(partner)] if agent is not None]


def build_frame(token: Token, trigger: Trigger, lexicon: Lexicon) -> Frame | None:
    """Find the heads of the source and target phrases of one trigger."""
    if is_hidden_verb(Frame(token, trigger, (), ())):
        sources, targets = hidden_verb_arguments(token, trigger)
    elif "decree" in trigger.flags:
        decreed = decree_arguments(token, trigger, lexicon)
        if decreed is None:
            return None  # 'pendant le confinement', 'la fin du confinement': a restriction named, not ordered
        sources, targets = decreed
    elif trigger.pos == "N" and token.pos_ in ("NOUN", "PROPN"):
        sources, targets = noun_arguments(token, trigger, lexicon)
    else:
        sources, targets = verb_arguments(token, trigger)
        following = linear_complement(token) if "absorb" in trigger.flags else None
        if following is not None:
            sources = sources or [s for s in [inherited_subject(following)] if s is not None]
            targets = targets or [c for c in following.children if c.dep_ == "obj"] + prep_targets(following, trigger)
    hostile = hostile_complement(token, lexicon) if trigger.type == "AGREE" and "absorb" in trigger.flags else None
    if hostile is not None:  # 'promettre de renverser le régime': a threat, aimed at what the act is aimed at
        trigger = replace(trigger, type="THREATEN", cameo="13")
        targets = [c for c in hostile.children if c.dep_ == "obj"] or targets
    return Frame(token, trigger, tuple(sources), tuple(targets))


def hostile_complement(token: Token, lexicon: Lexicon) -> Token | None:
    """The hostile act a promise is about ('promettre de renverser le régime', 'jurer de venger sa mort', 's'engager
    à riposter'), if its complement is one: a verb of the 'hostile' class or a violent or coercive trigger."""
    hostile = lexicon.classes.get("hostile", frozenset())
    for verb in [c for c in token.children if c.dep_ == "xcomp"] + [v for v in [linear_complement(token)] if v]:
        if lemma(verb) in hostile:
            return verb
        reading = match_trigger(verb, lexicon) if verb.pos_ == "VERB" else None
        if reading is not None and reading.type in HOSTILE_TYPES:
            return verb
    return None


HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})


def decree_arguments(token: Token, trigger: Trigger, lexicon: Lexicon) -> tuple[list[Token], list[Token]] | None:
    """Source and target heads of a restriction a decree verb orders ('le gouvernement a ordonné la fermeture
    des écoles'), or None when no decree verb governs or describes it."""
    verb = decree_verb(token, lexicon)
    if verb is None:
        return None
    if is_passive(verb) or "Part" in verb.morph.get("VerbForm") and is_bare_participle(verb):
        sources = passive_agents(verb)
    else:
        sources = [s for s in [inherited_subject(verb)] if s is not None and s.i not in (token.i, token.head.i)]
    if not sources and is_speech(verb, lexicon):
        return None  # 'la fermeture a été annoncée': an announcement by no one named
    targets = [c for c in token.children if c.dep_.startswith("nmod") and case_of(c) == "de"] if trigger.obj == "target" else []
    return sources, targets


def decree_verb(token: Token, lexicon: Lexicon) -> Token | None:
    """The decree verb ordering a restriction word: its governor ('ordonner une semaine de confinement'), a
    participle describing it ('le confinement, décrété fin mars'), or the verb an adjective completes ('est
    devenu obligatoire', 'rendre le port du masque obligatoire')."""
    if token.pos_ == "ADJ":
        verbs = [c for c in token.children if c.dep_ == "cop"] + [next((h for h in token.ancestors if h.pos_ == "VERB"), token)]
        verb = next((h for h in verbs if lexicon.cue("decree", lemma(h))), None)
        said_of = [c for h in (token, verb) if h is not None for c in h.children if c.dep_.startswith("nsubj")]
        if any("Dem" in c.morph.get("PronType") or c.lower_ in ("cela", "ça") for c in said_of):
            return None  # 'le fait que cela soit devenu obligatoire': a restriction told before
        return verb
    for child in token.children:
        if child.dep_ in ("acl", "advcl") and lexicon.cue("decree", lemma(child)):
            return child  # 'un confinement décrété par le gouvernement'
    head = token
    spans = lexicon.classes.get("series", frozenset()) | lexicon.classes.get("time", frozenset())
    while head.head.i != head.i and head.head.pos_ == "NOUN" and lemma(head.head) in spans:
        head = head.head  # 'une semaine de confinement', 'a ordonné vendredi la fermeture' (hung on 'vendredi')
    verb = head.head
    if verb.pos_ != "VERB" or not lexicon.cue("decree", lemma(verb)) or lemma(verb) in ("devenir", "rendre"):
        return None
    if head.dep_ in ("obj", "nsubj:pass", "obl:arg") or head.dep_.startswith("obl") and case_of(head) is None:
        return verb
    described = head.i < verb.i and verb.doc[verb.i - 1].text == "," and is_bare_participle(verb)
    return verb if described else None  # 'En plein confinement, décrété fin mars': the parser hangs it on the verb


def verb_arguments(verb: Token, trigger: Trigger) -> tuple[list[Token], list[Token]]:
    """Source and target heads of a verbal trigger, active or passive."""
    sources: list[Token] = []
    targets: list[Token] = []
    if is_passive(verb):
        sources.extend(passive_agents(verb))
        patient = next((c for c in verb.children if c.dep_ == "nsubj:pass"), None)
        if patient is None and verb.dep_ in ("acl", "amod"):
            patient = described_noun(verb)
        elif patient is None and described_object(verb) is not None:
            patient = described_object(verb)  # 'X a proposé un accord, rejeté par Y'
        elif patient is None:  # 'la Russie pourrait être sanctionnée', 'X, né en Iran, a été condamné'
            patient = inherited_subject(verb) or left_subject(verb) or appositive_subject(verb)
        if patient is not None and (trigger.obj == "target" or trigger.type in REACTIONS and is_party_head(patient)):
            targets.append(patient)  # 'les partis traditionnels, rejetés par la rue': people rejected are targets
    else:
        clitic = next((c for c in verb.children if c.dep_.startswith("nsubj") and is_inverted_pronoun(c)), None)
        subj = clitic or inherited_subject(verb)  # '« X ... », a-t-il dit': not X from inside the quote
        objects = [c for c in verb.children if c.dep_ == "obj"] or [  # 'a appelé vendredi l'UE': hung on the date
            g for c in verb.children if c.dep_ == "obl:mod" and c.pos_ == "NOUN" for g in c.children if g.dep_ == "obj"]
        if objects and clitic is None and (subj is None and is_inverted(verb) or closes_quote(verb)):
            subj, objects = objects[0], objects[1:]  # '« ... », a dénoncé la maire': not a subject in the quote
        if subj is None or (subj.pos_ == "PRON" and subj.i and subj.doc[subj.i - 1].pos_ == "PROPN"):
            subj = left_subject(verb) or subj  # the parser lost the subject: nearest phrase on the left
        if subj is not None:
            sources.extend([subj, *stranded_conjunct(subj)])
        if trigger.obj == "target":
            objects = objects or relative_object(verb)
            targets.extend(objects + stranded_objects(verb, objects))
    targets.extend(prep_targets(verb, trigger))
    if "à" in trigger.preps:  # 'lui fournir des armes': the dative clitic is the 'à' complement
        targets.extend(datives(verb))
    if "from" in trigger.flags and not sources:  # 'exclu du parti': the body one is excluded from excludes
        sources = [t for t in targets if case_of(t) == "de"]
        targets = [t for t in targets if case_of(t) != "de"]
    if not targets and trigger.obj != "target":
        for obj in (c for c in verb.children if c.dep_ == "obj"):
            targets.extend(theme_targets(obj, trigger))
    if not targets and "absorb" in trigger.flags:
        targets.extend(complement_targets(verb, trigger))
    if not targets and trigger.need == "clause":
        targets.extend(clause_subjects(verb))
    if not targets and trigger.type == "REQUEST":  # 'réclamer le départ du président et du chef du Parlement'
        targets.extend(ousted(verb))
    if not targets and trigger.obj == "theme" and "à" in trigger.preps:
        targets.extend(following_recipient(verb))
    return sources, targets


def relative_object(verb: Token) -> list[Token]:
    """The noun an object relative clause describes ('le journaliste que la police a arrêté' -> journaliste)."""
    if verb.dep_ != "acl:relcl" or verb.head.pos_ not in ("NOUN", "PROPN") or subject(verb) is None:
        return []
    objective = any(c.i < verb.i and c.lower_.replace("’", "'") in ("que", "qu'") for c in verb.children)
    return [verb.head] if objective else []


def described_noun(participle: Token) -> Token:
    """The noun a participle describes: its head, or the person the head's 'de' complement names when the parser
    hung the participle on a thing ('le retour d'un ex-militaire arrêté en Iran')."""
    head = participle.head
    if is_animate(head, loose=True):
        return head
    people = [c for c in head.children if c.dep_.startswith("nmod") and c.i < participle.i and is_animate(c, loose=True)]
    return people[-1] if people else head


def appositive_subject(verb: Token) -> Token | None:
    """The subject the parser gave to a participle set off by commas before the verb ('la chercheuse, née en Iran,
    a été condamnée': 'chercheuse' under 'née')."""
    doc = verb.doc
    for child in nearby(verb):
        if child.i < verb.i and child.pos_ == "VERB" and "Part" in child.morph.get("VerbForm") and doc[child.i - 1].text == ",":
            found = next((g for g in child.children if g.dep_ == "nsubj" and g.right_edge.i == child.i - 2), None)
            if found is not None and doc[child.right_edge.i + 1].text == "," and child.right_edge.i + 1 < verb.i:
                return found
    return None


def stranded_conjunct(subj: Token) -> list[Token]:
    """'ce que Pékin et Moscou ont nié': the parser hangs 'Pékin' elsewhere; take it back as a co-subject."""
    doc = subj.doc
    if subj.i < 2 or doc[subj.i - 1].lower_ != "et":
        return []
    first = doc[subj.i - 2]
    if subj.dep_ == "conj" and subj.head.i == first.i:  # 'Moscou et Pyongyang': the nearest was the last one
        return [first] if first.pos_ == "PROPN" else []
    stranded = doc[subj.i - 1].head.i != subj.i and first.dep_ not in ("nsubj", "conj")
    return [first] if stranded and first.pos_ == "PROPN" else []


def described_object(verb: Token) -> Token | None:
    """The object a participle after a comma describes, hung on its verb as a conjunct ('a proposé un accord,
    rejeté par Y')."""
    if verb.dep_ not in ("conj", "advcl") or not is_bare_participle(verb) or is_passive(verb.head):
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "obj" and c.pos_ == "NOUN"), None)
    if obj is None or obj.i > verb.i or verb.doc[verb.left_edge.i - 1].text != "," or not agrees(verb, obj):
        return None
    return obj


def agrees(participle: Token, noun: Token) -> bool:
    """Gender and number agreement ('un accès, refusé' but not 'la réforme, soutenu par')."""
    return all(not (participle.morph.get(feature) and noun.morph.get(feature))
               or participle.morph.get(feature) == noun.morph.get(feature) for feature in ("Gender", "Number"))


def stranded_objects(verb: Token, objects: list[Token]) -> list[Token]:
    """'accuse le gouvernement et les juges de ...': the parser hangs 'juges' on the verb as a conjunct."""
    if len(objects) != 1:
        return []
    after = objects[0].right_edge.i + 1
    return [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
            and any(g.dep_ == "cc" and g.i == after and g.lower_ == "et" for g in c.children)]


def left_subject(verb: Token) -> Token | None:
    """The nearest noun phrase left of a finite verb, within its clause (a fallback for parse errors)."""
    finite = "Fin" in verb.morph.get("VerbForm") or any(c.dep_.startswith("aux") for c in verb.children)
    if not finite and not ("Part" in verb.morph.get("VerbForm") and "Pres" in verb.morph.get("Tense")):
        return None
    start = min([verb.i] + [c.i for c in verb.children if c.i < verb.i and c.dep_.startswith(("aux", "expl", "advmod"))])
    return phrase_before(verb, start)


def phrase_before(verb: Token, start: int) -> Token | None:
    """The head of the nearest noun phrase without preposition before token index `start`, within the clause."""
    for token in reversed(verb.doc[max(0, start - 10): start]):
        if token.text in STOPS or "\n" in token.text:
            return None
        if token.pos_ in ("NOUN", "PROPN") and case_of(token) is None:
            while token.dep_ in ("flat:name", "flat", "appos", "amod") and token.head.i != token.i:
                token = token.head
            return token
    return None


STOPS = frozenset({",", ";", ":", "«", "»", "(", ")", ".", "!", "?", '"', "—", "–", "que", "qu'", "qu’"})


def is_inverted(verb: Token) -> bool:
    """A reporting clause after a quote, subject after the verb ('», a dénoncé X')."""
    left = min([verb.i] + [c.i for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i])
    return left > 0 and verb.doc[left - 1].text in (",", "»", '"', "”")


def closes_quote(verb: Token) -> bool:
    """A reporting verb right after a closing quotation mark ('« ... », a dénoncé X')."""
    if "Pres" in verb.morph.get("Tense") and "Part" in verb.morph.get("VerbForm"):
        return False  # '« ... », accusant X': a participle clause, X is its object
    left = min([verb.i] + [c.i for c in verb.children if c.dep_.startswith("aux") and c.i < verb.i])
    doc = verb.doc
    before = [t.text for t in doc[max(0, left - 2): left]]
    return bool(before) and (before[-1] in CLOSING_QUOTES or before[-1] == "," and before[0] in CLOSING_QUOTES)


CLOSING_QUOTES = ("»", '"', "”")


def inherited_subject(verb: Token) -> Token | None:
    """The subject of a verb, or of the verb it depends on (infinitives, coordination, participles)."""
    current = verb
    for _ in range(4):
        found = subject(current) or auxiliary_subject(current)
        if found is not None:
            return found
        if current.dep_ in ("acl", "amod") and current.head.pos_ in ("NOUN", "PROPN"):
            return dative_controller(current) or author_of(current.head) or current.head
        if current.dep_ in ("xcomp", "advcl", "conj", "ccomp") and current.head.i != current.i:
            controller = object_controller(current) if current.dep_ == "xcomp" else None
            if controller is not None:
                return controller
            current = current.head
            continue
        return None
    return None


def author_of(writing: Token) -> Token | None:
    """Who speaks through a writing or statement ('un communiqué du ministère', 'sa lettre', 'X a publié un
    communiqué', 'X, auteur d'une pétition'), when the noun is one of the 'authored' class."""
    if lemma(writing) not in default_lexicon().classes.get("authored", ()):
        return None
    for child in writing.children:
        if child.dep_ == "det" and "Poss=Yes" in child.morph or child.dep_.startswith("nmod") and case_of(child) == "de" \
                and is_animate(child):
            return child
    head = writing.head
    if writing.dep_ in ("obj", "obl", "obl:arg", "obl:mod") and head.pos_ in ("VERB", "AUX"):
        return inherited_subject(head)
    if writing.dep_.startswith("nmod") and head.pos_ == "NOUN" and head.dep_ == "appos":
        return head.head  # 'X, auteur d'une pétition critiquant Y'
    return None


def auxiliary_subject(verb: Token) -> Token | None:
    """A subject the parser hung on the verb's auxiliary ('Des ONG se sont mobilisées': 'ONG' under 'sont')."""
    return next((g for c in verb.children if c.dep_.startswith("aux") for g in c.children if g.dep_.startswith("nsubj")),
                None)


def dative_controller(clause: Token) -> Token | None:
    """Who is given the chance to act: 'offrir à X l'occasion de l'accuser', 'laisser à X le temps de répondre'."""
    noun = clause.head
    if not has_case(clause, {"de"}) or noun.dep_ != "obj" or noun.head.pos_ != "VERB":
        return None
    return next((c for c in noun.head.children if c.dep_ == "iobj" or (
        c.dep_ in ("obl:arg", "obl") and case_of(c) == "à" and c.pos_ in ("NOUN", "PROPN"))), None)


SUBJECT_CLASSES = frozenset({"protester", "force", "military"})  # classes that may be met by the subject


def object_controller(infinitive: Token) -> Token | None:
    """Who does what a verb of accusing, urging or asking governs: its object ('accuser X d'avoir bombardé') or its
    dative ('demander à X de se retirer'), per the control classes of classes.tsv."""
    verb = infinitive.head
    classes = default_lexicon().classes
    if lemma(verb) in classes.get("object_control", ()):
        return next((c for c in verb.children if c.dep_ == "obj"), None)
    if lemma(verb) in classes.get("dative_control", ()):
        return next((c for c in verb.children if c.dep_ == "iobj" or (
            c.dep_.startswith("obl") and case_of(c) == "à" and c.i < infinitive.i)), None)
    return None


def prep_targets(head: Token, trigger: Trigger) -> list[Token]:
    """Complements of `head` introduced by the trigger's target prepositions."""
    found = []
    for child in head.children:
        if child.dep_.startswith(OBLIQUE_DEPS) and child.dep_ != "obl:agent":
            prep = case_of(child)
            if prep is not None and prep in trigger.preps and prep != "entre":
                found.append(child)
    return found


def object_complements(obj: Token, trigger: Trigger) -> list[Token]:
    """Target complements the parser hung on the object or inside it ('livrer des chars de combat à la Pologne',
    'fournir des tentes et des vivres aux sinistrés'), down through noun modifiers and conjuncts."""
    found: list[Token] = []
    stack = [(obj, 0)]
    while stack and not found:
        token, depth = stack.pop()
        found.extend(prep_targets(token, trigger))
        if depth < 3:
            stack.extend((c, depth + 1) for c in token.children
                         if c.dep_ in ("nmod", "conj") and c.pos_ == "NOUN" and case_of(c) not in trigger.preps)
    return found


def following_recipient(verb: Token) -> list[Token]:
    """The first 'à' nominal after the verb and its objects, before any other verb: where the parser lost the
    recipient in a list of things given ('transfère son savoir-faire, sa technologie et ses armes au régime')."""
    for token in verb.doc[verb.i + 1: verb.i + RECIPIENT_REACH]:
        if token.pos_ in ("VERB", "AUX", "SCONJ") or token.text in TERMINAL or "Rel" in token.morph.get("PronType"):
            return []
        if token.pos_ in ("NOUN", "PROPN") and case_of(token) == "à":
            return [token]
    return []


RECIPIENT_REACH = 16  # tokens: a list of three or four things given


def ousted(verb: Token) -> list[Token]:
    """Who a demand for someone's departure is aimed at: the 'de' complement of 'départ', 'démission'."""
    ousters = default_lexicon().classes.get("ouster", ())
    for obj in (c for c in verb.children if c.dep_ in ("obj", "obl:arg") and lemma(c) in ousters):
        return [c for c in obj.children if c.dep_.startswith("nmod") and case_of(c) == "de"]
    return []


def complement_targets(head: Token, trigger: Trigger) -> list[Token]:
    """The actor complement inside what an absorbing trigger governs ('s'engager à renforcer les
    relations avec la Russie' -> la Russie)."""
    for child in head.children:
        if child.dep_ in ("xcomp", "ccomp", "obj"):
            for token in child.subtree:
                if token.dep_ in ("obj", "iobj") or (
                        token.dep_.startswith(("obl", "nmod")) and case_of(token) in ("avec", "à", "envers")):
                    if token.pos_ in ("PROPN",) or token.ent_type_:
                        return [token]
    return []


def noun_arguments(noun: Token, trigger: Trigger, lexicon: Lexicon) -> tuple[list[Token], list[Token]]:
    """Source and target heads of a nominal trigger."""
    sources: list[Token] = []
    targets: list[Token] = []
    for child in noun.children:
        prep = case_of(child)
        if child.dep_ == "amod" and (demonym_country(child.text) or child.lemma_.lower() == "policier"  # "militaire" names no one
                                     or is_armed_adjective(child, lexicon)):  # 'une attaque jihadiste'
            sources.append(child)
        elif child.dep_ == "det" and "Poss=Yes" in str(child.morph):
            befalls = "from" in trigger.flags or "befalls" in trigger.flags
            (targets if befalls else sources).append(child)  # 'son exclusion', 'son arrestation': he undergoes it
        elif child.dep_.startswith("nmod") and prep == "de" and is_amount(child, lexicon):
            # 'une aide de dix millions de dollars au Liban': how much, not from whom; the parser hangs 'au Liban' on it
            targets.extend(g for g in child.children if g.dep_.startswith("nmod") and case_of(g) in trigger.preps)
        elif child.dep_.startswith("nmod") and prep == "de":
            sources.extend(g for g in child.children if g.dep_.startswith("nmod") and case_of(g) == "par")
            if trigger.obj == "theme":  # 'la fourniture d'armes iraniennes à la Russie': the parser hangs them on the theme
                sources.extend(g for g in child.children if g.dep_ == "amod" and demonym_country(g.text))
                targets.extend(g for g in child.children if g.dep_.startswith("nmod") and case_of(g) in trigger.preps)
            role = "source" if "from" in trigger.flags and has_possessive_det(noun) else trigger.obj
            (sources if role == "source" else targets if role == "target" else []).append(child)
        elif child.dep_.startswith("nmod") and prep == "par":  # 'le rejet du plan par les députés'
            if not (noun.dep_.startswith("nmod") and has_case(noun, {"de"}) and noun.head.pos_ == "NOUN"):
                sources.append(child)  # ... but in 'le rejet de l'accord par X', X rejects, not agrees
        elif child.dep_.startswith("nmod") and prep == "entre":
            sources.append(child)
            targets.extend(other_side(child))
        elif child.dep_.startswith(("nmod", "obl")) and prep in trigger.preps:
            targets.append(child)
        elif child.dep_ == "acl" and (between := next(
                (c for c in child.children if c.dep_.startswith("obl") and case_of(c) == "entre"), None)) is not None:
            sources.append(between)  # 'l'accord conclu entre X et Y': X and Y conclude it
            targets.extend(other_side(between))
        elif child.dep_ == "acl" and lexicon.cue("light", lemma(child)):  # 'consulté par l'AFP' names a reader
            sources.extend(c for c in child.children if c.dep_ == "obl:agent" or has_case(c, {"par"}))
            targets.extend(c for c in child.children if c.dep_.startswith("obl") and case_of(c) in trigger.preps)
        elif child.dep_ == "acl":
            targets.extend(c for c in child.children if c.dep_.startswith("obl") and case_of(c) in trigger.preps)
    verb = noun.head
    two_sided = trigger.type in BETWEEN_TYPES or "mutual" in trigger.flags
    if not sources and noun.dep_ == "nsubj" and verb.pos_ == "VERB" and two_sided:  # 'les heurts ont repris entre'
        between = next((c for c in verb.children if c.dep_.startswith("obl") and case_of(c) == "entre"), None)
        if between is not None:
            sources.append(between)
            targets.extend(other_side(between))
    governed = governing_subject(noun, trigger, lexicon) if not (sources and targets) else None
    if governed is not None and governed[1] and not targets:
        targets.append(governed[0])  # 'Cuba fait face à un embargo américain'
    elif governed is not None and not governed[1] and not sources:
        sources.append(governed[0])
    if governed is not None and not governed[1] and not targets:  # 'lui apporter son soutien'
        targets.extend(c for c in noun.head.children if c.dep_ == "iobj" or (
            c.dep_.startswith("obl") and c.dep_ != "obl:agent" and case_of(c) in trigger.preps))
        targets.extend(addressees_of_medium(noun.head, lexicon))  # 'faire une promesse dans une lettre à X'
    # 'ce qui lui a valu un recadrage du ministre'; a bare noun makes a locution the verb trigger codes ('lui rendre visite')
    if not targets and noun.dep_ == "obj" and verb.pos_ == "VERB" and any(c.dep_ == "det" for c in noun.children):
        targets.extend(datives(verb))
    stray = stray_complement(noun)
    if stray is not None:  # 'le meurtre en octobre 2018 du journaliste', 'défendre la guerre contre les forces serbes'
        head, dated = stray
        role = "target" if case_of(head) in trigger.preps else trigger.obj if dated and case_of(head) == "de" else None
        found = targets if role == "target" else sources if role == "source" else None
        if found is not None and not found:
            found.append(head)
    return sources, targets


def stray_complement(noun: Token) -> tuple[Token, bool] | None:
    """The phrase right after an event noun, or after a date following it, when the parser hung it elsewhere;
    and whether a date stood between them."""
    for date in (c for c in noun.children if c.dep_.startswith("nmod") and c.lower_ in TIME_WORDS):
        for complement in date.children:  # 'le meurtre en octobre 2018 du journaliste': hung on the date
            if complement.dep_.startswith("nmod") and complement.i > date.i and case_of(complement) == "de":
                return complement, True
    doc = noun.doc
    index = noun.right_edge.i + 1
    dated = False
    while index < len(doc) and index - noun.i <= STRAY_REACH and (doc[index].like_num or doc[index].lower_ in TIME_WORDS):
        index, dated = index + 1, True
    if index >= len(doc) or doc[index].dep_ != "case":
        return None
    head = doc[index].head
    if head.i <= noun.i or head.pos_ not in ("NOUN", "PROPN") or noun in head.ancestors:
        return None
    return head, dated


STRAY_REACH = 6  # tokens: 'en octobre 2018', 'lundi dernier'
TIME_WORDS = frozenset((*MONTHS, *WEEKDAYS, "en", "le", "début", "fin", "dernier", "dernière", "prochain", "prochaine"))


def datives(verb: Token) -> list[Token]:
    """The verb's third-person dative clitics ('lui', 'leur'), also one the parser took for the subject of a participle or an
    infinitive, which take no clitic subject ('..., lui valant un recadrage')."""
    found = [c for c in verb.children if c.dep_ == "iobj" and c.lower_ in ("lui", "leur")]
    before = verb.doc[verb.i - 1] if verb.i else verb
    stray = before.pos_ == "PRON" and before.lower_ in ("lui", "leur") and before.dep_ != "iobj"
    if stray and "Fin" not in verb.morph.get("VerbForm") and not any(c.dep_.startswith("aux") for c in verb.children):
        found.append(before)
    return found


def is_amount(token: Token, lexicon: Lexicon) -> bool:
    """A sum or a quantity, not an actor ('une aide de dix millions', 'une aide de 500 tonnes de blé')."""
    return token.pos_ == "NUM" or any(c.dep_ == "nummod" for c in token.children) or (
        lemma(token) in lexicon.classes.get("amount", ()))


def has_possessive_det(noun: Token) -> bool:
    """'son exclusion du parti': the possessive names who undergoes it, the 'de' complement the body."""
    return any(c.dep_ == "det" and "Poss=Yes" in str(c.morph) for c in noun.children)


def addressees_of_medium(verb: Token, lexicon: Lexicon) -> list[Token]:
    """Whom the letter or message a statement is made in is addressed to ('dans une lettre au président')."""
    media = lexicon.classes.get("medium", frozenset())
    return [g for c in verb.children if c.dep_.startswith("obl") and lemma(c) in media
            for g in c.children if g.dep_.startswith("nmod") and case_of(g) == "à"]


def other_side(first: Token) -> list[Token]:
    """'entre X et Y' -> Y, also when the parser hung Y elsewhere."""
    found = [c for c in first.children if c.dep_ == "conj"]
    doc = first.doc
    after = first.right_edge.i + 1
    if found or after + 1 >= len(doc) or doc[after].lower_ != "et":
        return found
    return [t for t in doc[after + 1: after + 4] if t.pos_ in ("NOUN", "PROPN")][:1]


def fronted_subject(noun: Token) -> Token | None:
    """The subject right after an adverbial that opens the sentence ('En visite à Prague, le ministre ...')."""
    doc = noun.doc
    if noun.i > noun.sent.start + 1:
        return None
    comma = next((t for t in doc[noun.i + 1: noun.i + 7] if t.text == "," or t.pos_ in ("VERB", "AUX")), None)
    if comma is None or comma.text != ",":
        return None
    return subject_after(comma)


def subject_after(comma: Token) -> Token | None:
    """The subject right after the comma that closes a fronted adjunct, or the name its title introduces."""
    doc = comma.doc
    found = None
    for token in doc[comma.i + 1: comma.i + 12]:
        if token.pos_ in ("VERB", "AUX") or token.text in STOPS:
            break
        if found is None and token.pos_ in ("NOUN", "PROPN", "PRON") and case_of(token) is None:
            found = token
        elif found is not None and found.pos_ == "NOUN" and token.ent_type_ in ("PER", "PERSON"):
            return token  # 'le ministre grec des Affaires étrangères Nikos Dendias': the name it introduces
    return found


def governing_subject(noun: Token, trigger: Trigger, lexicon: Lexicon) -> tuple[Token, bool] | None:
    """The subject of the light verb that governs a noun, and whether it undergoes the event."""
    verb = time_hung(noun, lexicon) or noun.head  # 'a annoncé lundi de nouvelles aides': hung on 'lundi'
    if has_case(noun, {"en"}) and noun.i < verb.i:  # 'En visite à Prague, X a dit' ('être mis en accusation' is no visit)
        subj = fronted_subject(noun)
        return (subj, False) if subj is not None else None
    if trigger.type in MEETING_TYPES:  # 'Lors d'une rencontre avec X, Y a annoncé': Y met X
        subj = occasion_subject(noun, lexicon)
        if subj is not None:
            return subj, False
    if verb.i == noun.head.i and not (
            noun.dep_ in ("obj", "obl", "obl:arg", "obl:mod", "nsubj:pass") or is_partitive_object(noun)):
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if is_speech(verb, lexicon) and lemma(verb) not in ("annoncer", "lancer", "écrire"):
        return None
    face = any(lemma(c) == "face" for c in [*verb.children, *noun.children])
    undergo = lexicon.cue("undergo", lemma(verb)) or (lemma(verb) == "faire" and face)
    if not (undergo or is_own_event_verb(verb, lexicon)):
        return None
    subj = inherited_subject(verb)
    if subj is None or is_speech(verb, lexicon) and lemma(subj) in lexicon.classes.get("media", ()):
        return None  # 'l'agence officielle a annoncé cet accord': the agency reports it
    return subj, bool(undergo or "undergo" in trigger.flags and undergo)


def time_hung(noun: Token, lexicon: Lexicon) -> Token | None:
    """The verb whose object the parser hung on a bare time word between them ('a lancé dimanche une offensive':
    'offensive' under 'dimanche'), else None."""
    when = noun.head
    if when.i > noun.i or when.pos_ != "NOUN" or lemma(when) not in lexicon.classes.get("time", ()):
        return None
    verb = when.head
    if verb.pos_ != "VERB" or verb.i > when.i or case_of(when) is not None or case_of(noun) not in (None, "de"):
        return None
    return verb


MEETING_TYPES = JOINT_TYPES | {"CONSULT"}  # events the clause's subject takes part in when told as its occasion


def occasion_subject(noun: Token, lexicon: Lexicon) -> Token | None:
    """The subject of the clause a meeting noun is the occasion of ('pendant les négociations avec X, Y a
    proposé', 'Y l'a dit à l'issue de sa visite'), also when the parser lost the fronted adjunct."""
    occasion = occasion_adjunct(noun, lexicon)
    verb = occasion.head if occasion is not None else None
    if verb is not None and verb.pos_ == "ADV":  # 'lors' hung on the verb as an adverb, the noun under it
        verb = verb.head
    if verb is not None and verb.pos_ in ("VERB", "AUX") and not undergoes(verb):
        return inherited_subject(verb)
    sentence = noun.sent
    opening = [t for t in sentence[:3] if lemma(t) in lexicon.classes.get("occasion", ())]
    comma = next((t for t in noun.doc[noun.i + 1: sentence.end] if t.text == ","), None)
    if not opening or comma is None or any(t.pos_ in ("VERB", "AUX") for t in noun.doc[sentence.start: comma.i]):
        return None
    return subject_after(comma)


def occasion_adjunct(noun: Token, lexicon: Lexicon) -> Token | None:
    """The adjunct of occasion a noun heads or lies in ('lors de la rencontre', 'à l'issue de sa visite'), if any."""
    words = lexicon.classes.get("occasion", frozenset())
    current = noun
    for _ in range(2):
        if current.dep_.startswith("obl") and (case_of(current) in words or lemma(current) in words
                                               or current.head.pos_ == "ADV" and lemma(current.head) in words):
            return current
        if not current.dep_.startswith("nmod") or current.head.pos_ != "NOUN":
            return None
        current = current.head
    return None


def is_own_event_verb(verb: Token, lexicon: Lexicon) -> bool:
    """A verb whose subject does the event noun it governs: a light verb ('effectuer une visite') or one
    that gives up, cancels, postpones or prepares it ('renoncer à une visite', 'préparer une offensive')."""
    return lexicon.cue("light", lemma(verb)) or lexicon.cue("own", lemma(verb))


def is_partitive_object(noun: Token) -> bool:
    """'imposer de lourdes sanctions': the parser hangs the partitive object on the verb as a noun modifier."""
    return noun.dep_ in ("nmod", "obl:arg") and noun.head.pos_ == "VERB" and case_of(noun) == "de" and any(
        c.dep_ == "amod" and c.i < noun.i for c in noun.children)


def absorbed_tokens(frames: list[Frame]) -> set[int]:
    """Triggers inside the complement of an absorbing trigger ('promettre de coopérer')."""
    absorbed: set[int] = set()
    for frame in frames:
        if frame.trigger.type in DENOUNCING:
            absorbed.update(denounced_nouns(frame.token))
        if "absorb" not in frame.trigger.flags:
            continue
        for child in frame.token.children:
            if is_occasion(child):
                continue  # 'pendant les négociations avec X, Y a proposé': the talks are no part of the proposal
            if child.dep_.startswith(COMPLEMENT_DEPS) and child.dep_ != "obl:agent" and not has_own_agent(child):
                absorbed.update(absorbable(child))
        following = linear_complement(frame.token)
        if following is not None:
            absorbed.update(t.i for t in following.subtree)
    return absorbed


def is_occasion(child: Token) -> bool:
    """An adjunct telling when the clause happens ('lors de la rencontre', 'à l'issue du sommet')."""
    return child.dep_.startswith("obl") and occasion_adjunct(child, default_lexicon()) is child


def denounced_nouns(token: Token) -> list[int]:
    """Event nouns an accusation or a protest is about ('dénoncer les violences policières', 'manifester contre
    la guerre'): the topic of the act, not an event the sentence reports."""
    found = []
    for child in token.children:
        about = child.dep_ == "obj" or (child.dep_.startswith(("obl", "nmod")) and case_of(child) == "contre")
        if about and child.pos_ == "NOUN":
            found.extend(t.i for t in conjuncts(child))
    return found


def absorbable(complement: Token) -> Iterator[int]:
    """Token indices of an absorbed complement, without the participles that describe someone in it
    ('réclamer la libération du journaliste, détenu depuis un an': the detention is an event of its own)."""
    stack = [complement]
    while stack:
        token = stack.pop()
        if token.i != complement.i and token.dep_ == "acl" and "Part" in token.morph.get("VerbForm"):
            continue
        yield token.i
        stack.extend(token.children)


def has_own_agent(clause: Token) -> bool:
    """An adverbial participle with its own agent is a separate event ('exige un accès, refusé par Téhéran')."""
    return clause.dep_ == "advcl" and any(c.dep_ == "obl:agent" for c in clause.children)


def linear_complement(token: Token) -> Token | None:
    """'prêt à rencontrer' when the parser did not attach the infinitive: the next 'à/de + infinitive'."""
    doc = token.doc
    if token.i + 2 >= len(doc) or any(c.dep_ == "xcomp" for c in token.children):
        return None
    mark, verb = doc[token.i + 1], doc[token.i + 2]
    if lemma(mark) in ("à", "de") and verb.pos_ == "VERB" and "Inf" in verb.morph.get("VerbForm"):
        return verb
    return None


def conjuncts(token: Token) -> list[Token]:
    """A head and the heads coordinated with it ('Moscou et Pyongyang')."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            found.extend(conjuncts(child))
    return found


def resolve_all(context: ActorContext, heads: Iterable[Token], *, befallen: bool = False) -> list[Actor]:
    """Actors for every head and its conjuncts, without duplicates; with `befallen`, a possessive names the
    person the event befalls ('son arrestation')."""
    actors: list[Actor] = []
    for head in heads:
        pair = both_countries(context, head) or both_people(context, head)
        if pair:
            actors.extend(a for a in pair if a not in actors)
            continue
        for token in conjuncts(head) if case_of(head) != "entre" else [head]:  # 'entre X et Y': Y is the other side
            actor = undergoer_possessor(context, token) if befallen and token.dep_ == "det" else None
            actor = actor or (possessive_actor(context, token) if token.dep_ == "det" else None)
            actor = actor or (demonym_actor(token, context) if token.dep_ == "amod" else resolve_actor(context, token))
            if actor is not None and actor not in actors:
                actors.append(actor)
    return actors


def both_countries(context: ActorContext, head: Token) -> list[Actor]:
    """'les deux pays' -> the last two countries the article named before."""
    if head.lemma_.lower() not in PAIR_NOUNS or not any(lemma(c) == "deux" for c in head.children):
        return []
    codes = recent_countries(context, head.i, 2)
    if len(codes) < 2:
        return []
    return [Actor(name=resolve_name(code), country=code, sector="GOV", code=code + "GOV") for code in reversed(codes)]


PAIR_NOUNS = frozenset({"pays", "nation", "gouvernement", "capitale", "voisin", "état", "puissance"})


def both_people(context: ActorContext, head: Token) -> list[Actor]:
    """'les deux hommes', 'les deux dirigeants' -> the subject and the object of the sentence before
    ('X a reçu Y. Les deux dirigeants ont signé un accord')."""
    if head.lemma_.lower() not in context.lexicon.classes.get("pair_people", ()) or not any(
            lemma(c) == "deux" for c in head.children) or head.sent.start == 0:
        return []
    root = head.doc[head.sent.start - 1].sent.root
    subj = next((c for c in root.children if c.dep_.startswith("nsubj")), None)
    other = next((c for c in root.children if c.dep_ == "obj" or c.dep_.startswith("obl") and case_of(c) == "avec"), None)
    found = [resolve_actor(context, t) for t in (subj, other) if t is not None]
    if len(found) != 2 or None in found or same_actor(found[0], found[1]):
        return []
    return found


def is_pair(head: Token) -> bool:
    """'les deux pays': two parties each acting toward the other ('ont effectué des manœuvres rivales')."""
    return head.lemma_.lower() in PAIR_NOUNS and any(lemma(c) == "deux" for c in head.children)


def is_armed_adjective(token: Token, lexicon: Lexicon) -> bool:
    """An adjective naming an armed group ('une attaque jihadiste', 'un attentat terroriste'), per sectors.tsv."""
    return token.pos_ == "ADJ" and "REB" in (lexicon.sectors.get(token.lemma_.lower()), lexicon.sectors.get(token.lower_))


def demonym_actor(token: Token, context: ActorContext | None = None) -> Actor | None:
    """'l'invasion russe' -> Russia; 'violences policières' -> the police (of the place, when known);
    'une attaque jihadiste' -> jihadists (of the place)."""
    country = demonym_country(token.text)
    if country:
        return Actor(name=resolve_name(country), country=country, sector="GOV", code=country + "GOV")
    if context is not None and is_armed_adjective(token, context.lexicon):
        local = local_country(context, token)
        word = token.lower_ if token.lower_.endswith("s") else token.lower_ + "s"
        return Actor(name=f"des {word}", country=local, sector="REB", code=f"{local or ''}REB")
    if token.lemma_.lower() == "policier":
        local = local_country(context, token) if context is not None else None
        return Actor(name="la police", country=local, sector="POL", code=f"{local or ''}POL")
    if token.lemma_.lower() == "militaire":
        return None
    return None


def resolve_name(country: str) -> str:
    """A readable French name for a country code (the code itself when unknown)."""
    return country_display_names().get(country, country)


@lru_cache(maxsize=1)
def country_display_names() -> dict[str, str]:
    """Alpha-3 code -> French country name, from babel."""
    import pycountry
    from babel import Locale

    names = {}
    for alpha2, name in Locale("fr").territories.items():
        country = pycountry.countries.get(alpha_2=alpha2) if len(alpha2) == 2 else None
        if country is not None:
            names[country.alpha_3] = name
    return names


def possessive_actor(context: ActorContext, token: Token) -> Actor | None:
    """'son invasion' -> who the possessive stands for.

    Governed by a verb that is an event of its own ('soutenir son invasion') it is the nearest other actor
    named before it in the sentence; governed by any other verb ('lancer son offensive', 'profiter de son
    voyage') it is the verb's subject.
    """
    noun = token.head
    for head in governors(noun):
        if head.pos_ not in ("VERB", "AUX"):
            continue
        subj = inherited_subject(head)
        if is_reaction(head, context.lexicon):
            other = preceding_actor(context, token, avoid=subj)
            if other is not None:
                return other
        actor = resolve_actor(context, subj) if subj is not None and subj.i != noun.i else None
        if actor is not None:
            return actor
    if noun.dep_.startswith("nsubj") and noun.head.i == noun.sent.root.i:  # 'Sa visite doit durer trois jours'
        return subject_possessor(context, token)
    return None


def is_reaction(verb: Token, lexicon: Lexicon) -> bool:
    """A verb that is an event about someone else's event ('soutenir son invasion', 'condamner sa visite')."""
    if is_own_event_verb(verb, lexicon) or is_speech(verb, lexicon):
        return False
    return match_trigger(verb, lexicon) is not None


def undergoer_possessor(context: ActorContext, det: Token) -> Actor | None:
    """Whom 'son' stands for in 'son arrestation', 'son exclusion': the person a relative clause describes
    ('X, dont le procès sur son exclusion ...'), else the nearest person named before it in the sentence,
    other than the one who orders it (the subject of a light verb: 'le juge a ordonné son arrestation')."""
    if det.lower_ not in ("son", "sa", "ses"):
        return None
    noun = det.head
    heads = list(governors(noun))
    relative = next((h for h in heads if h.dep_ == "acl:relcl" and h.head.i != h.i), None)
    if relative is not None and relative.head.pos_ == "PROPN":
        found = resolve_actor(context, relative.head)
        if found is not None:
            return found
    verb = next((h for h in heads if h.pos_ in ("VERB", "AUX")), None)
    agent = inherited_subject(verb) if verb is not None and context.lexicon.cue("light", lemma(verb)) else None
    avoided = {t.i for t in agent.subtree} if agent is not None else set()
    for index, key in reversed(context.person_mentions):
        if index >= det.i or index in avoided:
            continue
        between = det.doc[index: det.i]
        if det.i - index > POSSESSOR_REACH or any(t.text in (".", "!", "?", ";") for t in between):
            break
        person = mentioned_person(context, index, key)  # the entity's own name: 'Le Pen' may be several people
        return person_actor(context, person) if person is not None else None
    if agent is None:
        return None  # no one named before it and no one ordering it: left to the possessive's general reading
    ordering = frozenset(key for index, key in context.person_mentions if index in avoided)
    person = recent_person(context, det, avoid=ordering)  # 'X a été vu à Lyon. Le juge a ordonné son arrestation'
    return person_actor(context, person) if person is not None else None


POSSESSOR_REACH = 30  # tokens: the possessor is named in the same sentence


def preceding_actor(context: ActorContext, token: Token, *, avoid: Token | None) -> Actor | None:
    """The nearest named actor before `token` in its sentence, other than `avoid`'s phrase."""
    avoided = {t.i for t in avoid.subtree} if avoid is not None else set()
    for other in reversed(token.doc[max(0, token.i - 40): token.i]):
        if other.text in (".", "!", "?"):
            break
        if other.pos_ == "PROPN" and other.i not in avoided and other.dep_ not in ("flat:name", "flat"):
            actor = resolve_actor(context, other)
            if actor is not None and actor.country:
                return actor
    return None


def frame_events(
    frame: Frame, sentence: Span, context: ActorContext, article_date: str | None, *, quotes: list | None = None,
) -> list[Event]:
    """The Event records of one frame: one per (source, target) pair."""
    lexicon = context.lexicon
    sources = resolve_all(context, frame.sources)
    speaker = None
    if frame.trigger.pos != "N" and (not sources or is_inverted(frame.token)):
        speaker = cue_speaker(quotes or (), frame.token)
    if speaker is not None and is_object_speaker(speaker, frame.token):
        speaker = None
    if speaker is not None:  # '« ... », a-t-il accusé', '« ... », exige X': the quote's speaker
        sources = [speaker_actor(context, speaker)]
    if not sources and frame.trigger.pos != "N" and not undergoes(frame.token):
        left = left_subject(frame.token)
        sources = resolve_all(context, [left, *stranded_conjunct(left)]) if left is not None else []
    if not sources:  # 'réclamées par la gauche et les ONG': groups of people the actor lists do not know
        sources = [people_actor(context, head) for head in frame.sources if is_group(head, lexicon)]
    targets = [t for t in resolve_all(context, frame.targets, befallen=True) + unnamed_people(context, frame.targets)
               if not any(same_actor(t, s) or within(t, s) for s in sources)]
    if not targets and frame.trigger.type == "CONSULT":  # 'rendre visite à une caserne de pompiers': its people host
        targets = [people_actor(context, head) for head in frame.targets if is_host(head, lexicon)]
    if not targets and frame.trigger.type in BY_AUTHORITIES:  # 'la chercheuse a été arrêtée'
        targets = [people_actor(context, head) for head in frame.targets
                   if head.pos_ in ("NOUN", "PROPN") and is_animate(head, loose=True)]
    if "public" in frame.trigger.flags and sources and not any(is_public(actor) for actor in sources):
        return []  # 'le constructeur a annoncé la fermeture de son usine': no public restriction
    if not targets and "things" in frame.trigger.flags:  # 'la fermeture des discothèques'
        targets = [thing_actor(context, head) for head in frame.targets if head.pos_ in ("NOUN", "PROPN")]
    if not sources and not targets and not may_stand_alone(frame):
        return []
    own_source = any(head.head.i == frame.token.i for head in frame.sources)
    if not own_source and (frame.trigger.type in SPEECH_ACTS or not (sources or targets)) and is_anaphoric(frame.token):
        return []  # 'je ferai face à ces accusations', 'pendant ce conflit': a reference to an event told before
    if not sources and "sourced" in frame.trigger.flags and not issued_by_law(frame, lexicon):
        return []  # 'les mois passés lui ont offert l'occasion': no one promises
    if not targets:  # 'dénoncer les violences policières' -> the police; 'voter contre le projet du gouvernement'
        found = agents_of_things(context, frame.token, objects=frame.trigger.obj == "target", preps=frame.trigger.preps)
        targets = [t for t in found if t not in sources]
    if not targets and len(sources) >= 2 and is_joint(frame):  # 'Moscou et Pékin ont conclu un accord'
        sources, targets = sources[:1], sources[1:2]
    if not targets and sources and (type_is_cooperative(frame)):
        targets = [t for t in speech_addressees(context, frame.token) if not same_actor(t, sources[0])]
    if not targets and frame.trigger.type in REACTIONS and frame.trigger.pos == "V":  # '« ... X ... », a dénoncé Y'
        targets = [t for t in [quoted_actor(context, frame.token, avoid=sources)] if t is not None]
    if not targets and frame.trigger.type == "ASSAULT":  # 'un attentat à Nice', 'sa guerre en Ukraine'
        targets = [t for t in [attacked_place(frame.token)] if t is not None and t not in sources]
    if not targets and frame.trigger.type == "REQUEST" and sources:
        targets = foreign_government(context, frame.token, sources)
    if not targets and "crowd" in frame.trigger.flags:  # 'des gaz lacrymogènes': used on the protesters there
        targets = [civilians(context, frame.token, name="des manifestants")]
    if not targets and sources and frame.trigger.type == "AID" and is_relief(frame.token, lexicon):
        # 'apporter nourriture et soins': to the people of the place
        targets = [civilians(context, frame.token, name="la population")]
    if not sources and frame.trigger.type == "PROTEST":  # 'des manifestations à Santiago': by the protesters there
        sources = [civilians(context, frame.token, name="des manifestants")]
    if not targets and frame.trigger.type in ADDRESSED_TO_POWER and sources:
        targets = [home_government(context, sources)]
    if not sources and frame.trigger.type in BY_AUTHORITIES:
        sources = [authorities(context, frame.token, targets)]
    mode = event_mode(frame.token, sentence, lexicon) if not is_hidden_verb(frame) else hidden_verb_mode(frame.token)
    if mode == "hypothetical" and frame.trigger.need == "clause" and "Cnd" in frame.token.morph.get("Mood"):
        mode = "asserted"  # 'voudrait que X parte': a wish is stated, in the polite conditional
    type_, cameo = frame.trigger.type, frame.trigger.cameo
    if mode == "future" and type_ in COOPERATIVE or mode == "asserted" and type_ in COOPERATIVE and is_pledged(frame, lexicon):
        type_, cameo, mode = "AGREE", "03", "asserted"
    told_by = reporter(frame.token, sentence, lexicon)
    if told_by is not None and frame.token in told_by.subtree:
        told_by = None
    reported = resolve_actor(context, told_by) if told_by is not None else None
    start, end = trimmed(sentence)
    base = Event(
        type=type_, mode=mode, source=None, target=None, text=trimmed_text(sentence), start=start, end=end,
        trigger=frame.token.text, cameo=cameo,
        date=resolve_date(clause_text(frame.token), article_date, future=mode == "future"),
        location=location_of(frame.token),
    )
    events = []
    rivals = not targets and len(sources) == 2 and any(is_pair(head) for head in frame.sources)
    for source in sources or [None]:
        for target in ([t for t in sources if t is not source] if rivals else targets) or [None]:
            if source is not None and target is not None and same_actor(source, target):
                continue
            by = reported.name if reported is not None and not (source and same_actor(reported, source)) else None
            events.append(replace(base, source=source, target=target, reported_by=by))
    return events


def issued_by_law(frame: Frame, lexicon: Lexicon) -> bool:
    """A restriction whose subject is a legal text ('le décret suspend les discothèques'): the government issued it."""
    legal = lexicon.classes.get("legal", frozenset())
    return "public" in frame.trigger.flags and any(lemma(head) in legal for head in frame.sources)


def is_public(actor: Actor) -> bool:
    """A public authority: a government, a state body, the police, a country or an international body."""
    return actor.sector in PUBLIC_SECTORS


PUBLIC_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "POL", "IGO"})


def thing_actor(context: ActorContext, head: Token) -> Actor:
    """Places or things a restriction befalls ('les discothèques en plein air'), of the country of the place."""
    country = local_country(context, head)
    return Actor(name=name_span(head).text, country=country, sector=None, code=country)


def is_pledged(frame: Frame, lexicon: Lexicon) -> bool:
    """Aid or cooperation a verb of pledging announces ('a annoncé de nouvelles aides pour les commerçants'): a
    promise, AGREE."""
    if frame.trigger.pos != "N" or frame.token.pos_ != "NOUN":
        return False
    verb = time_hung(frame.token, lexicon) or frame.token.head
    direct = frame.token.dep_ == "obj" or verb.i != frame.token.head.i or is_partitive_object(frame.token)
    return direct and verb.pos_ == "VERB" and lexicon.cue("pledge", lemma(verb))


def is_object_speaker(speaker: Speaker, verb: Token) -> bool:
    """A speaker found after a verb that has its own subject before it and closes no quotation mark ('X, qui
    s'est rendu à Ankara, a critiqué l'OTAN'): the speaker is the verb's object, not who says anything."""
    if speaker.start is None or speaker.start < verb.idx or closes_quote(verb):
        return False
    return any(c.dep_ == "nsubj" and c.i < verb.i and c.pos_ in ("NOUN", "PROPN") for c in verb.children)


def may_stand_alone(frame: Frame) -> bool:
    """A trigger that is an event with no actor named ('des manifestations', 'le masque est devenu obligatoire');
    'plural' ones only in the plural ('des violences' are events, 'la violence' is an abstraction)."""
    flags = frame.trigger.flags
    if "decree" in flags:
        return True  # a restriction a decree verb orders: by the authorities of the place
    return "bare" in flags and ("plural" not in flags or "Plur" in frame.token.morph.get("Number"))


def is_anaphoric(noun: Token) -> bool:
    """A noun with a demonstrative determiner ('ces accusations', 'cette demande')."""
    return noun.pos_ == "NOUN" and any(c.dep_ == "det" and "Dem" in c.morph.get("PronType") for c in noun.children)


def within(first: Actor, second: Actor) -> bool:
    """One actor's name inside the other's ('Luc Ferrandi' in 'le président de la chambre, Luc Ferrandi')."""
    one, two = (first.name or "").lower(), (second.name or "").lower()
    return bool(one and two) and (one in two or two in one)


def agents_of_things(
    context: ActorContext, verb: Token, *, objects: bool = True, preps: Iterable[str] = ("contre",),
) -> list[Actor]:
    """Who is behind the thing a verb acts on (its object, if `objects`) or against ('contre', or the trigger's
    target prepositions: 'en vouloir à la méthode du journaliste'): 'la décision du gouvernement'."""
    things = [c for c in verb.children if c.pos_ == "NOUN" and (
        (objects and c.dep_ == "obj") or (c.dep_.startswith("obl") and case_of(c) in {"contre", *preps}))]
    for obj in things:
        found = owner_of_thing(context, obj, depth=2)
        if found is not None:
            return found
    described = described_thing(verb) if is_passive(verb) else None
    if described is not None:  # 'X a adopté une réforme, critiquée par Y': X is behind the reform
        found = owner_of_thing(context, described, depth=2)
        while described.dep_.startswith("nmod") and described.head.pos_ == "NOUN":  # 'une réforme des retraites, critiquée'
            described = described.head
        author = inherited_subject(described.head) if described.dep_ == "obj" else None
        return found if found else resolve_all(context, [author] if author is not None else [])
    return []


def described_thing(participle: Token) -> Token | None:
    """The noun a passive participle describes ('une réforme, critiquée par', 'un accord, rejeté par')."""
    if participle.dep_ in ("acl", "amod") and participle.head.pos_ == "NOUN":
        return participle.head
    return described_object(participle)


def owner_of_thing(context: ActorContext, thing: Token, *, depth: int) -> list[Actor] | None:
    """Whose thing it is: a demonym, a possessive or a 'de' complement, looking through 'le projet de loi de X'."""
    for child in thing.children:
        if child.dep_ == "amod" and (demonym_country(child.text) or child.lemma_.lower() == "policier"):
            return [a for a in [demonym_actor(child, context)] if a is not None]
        if child.dep_ == "det" and "Poss=Yes" in str(child.morph):
            return [a for a in [possessive_actor(context, child)] if a is not None]
        if child.dep_.startswith(("nmod", "obl")) and case_of(child) == "de":  # 'obl' under a noun: a parse slip
            found = resolve_all(context, [child])
            if found or depth <= 1:
                return found
            return owner_of_thing(context, child, depth=depth - 1) if child.pos_ == "NOUN" else found
    return None


def type_is_cooperative(frame: Frame) -> bool:
    """Cooperation, and promises of it, whose partner may be the addressee of the statement."""
    return frame.trigger.type in COOPERATIVE or frame.trigger.type == "AGREE"


def speech_addressees(context: ActorContext, token: Token) -> list[Actor]:
    """'Poutine a déclaré à Kim que la Russie renforcera la coopération' -> Kim."""
    for head in governors(token):
        if is_speech(head, context.lexicon):
            found = [c for c in head.children if c.dep_.startswith(("obl", "iobj")) and case_of(c) == "à"]
            return resolve_all(context, found)
    return []


def is_joint(frame: Frame) -> bool:
    """Events that coordinated subjects do together, with each other ('ont négocié')."""
    return "mutual" in frame.trigger.flags or frame.trigger.type in JOINT_TYPES


def home_government(context: ActorContext, sources: list[Actor]) -> Actor:
    """The implicit addressee of a demand or a protest: the government of the actors' country."""
    country = next((a.country for a in sources if a.country and a.country != "IGO"), context.home)
    return Actor(name="le gouvernement", country=country, sector="GOV", code=f"{country}GOV")


def foreign_government(context: ActorContext, token: Token, sources: list[Actor]) -> list[Actor]:
    """'X réclame la libération d'un journaliste détenu en Iran' -> the government of the other country named."""
    own = {a.country for a in sources}
    sentence = token.sent
    named = [(i, code) for i, code in context.country_mentions if sentence.start <= i < sentence.end and code not in own]
    # where someone is held or staying ('détenu en France') says more than a nationality ('un ingénieur iranien')
    named.sort(key=lambda mention: not is_locative(context.doc[mention[0]]))
    return [Actor(name="le gouvernement", country=code, sector="GOV", code=f"{code}GOV") for _, code in named[:1]]


def unnamed_people(context: ActorContext, heads: Iterable[Token]) -> list[Actor]:
    """People the actor resolver does not know, coordinated with or beside the target heads ('le départ du
    chef de l'Etat, du chef du Parlement, des députés')."""
    found = []
    for head in heads:
        for token in [*conjuncts(head), *(c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN")]:
            if is_group(token, context.lexicon) and resolve_actor(context, token) is None:
                found.append(people_actor(context, token))
    return found


def is_party_head(head: Token) -> bool:
    """A name, a pronoun or a noun of people or of a group of them ('les partis traditionnels')."""
    return is_animate(head) or is_group(head, default_lexicon())


def is_host(head: Token, lexicon: Lexicon) -> bool:
    """Unnamed people or a place whose people receive a visit ('les blessés', 'une usine')."""
    return head.pos_ == "NOUN" and (is_group(head, lexicon) or lemma(head) in lexicon.classes.get("host", ()))


def is_group(head: Token, lexicon: Lexicon) -> bool:
    """A noun naming people or a group of them ('la gauche', 'les ONG environnementales', 'des militants')."""
    return head.pos_ == "NOUN" and (is_animate(head, loose=True) or lemma(head) in lexicon.classes.get("collective", ()))


def people_actor(context: ActorContext, head: Token) -> Actor:
    """Unnamed people an event befalls ('la chercheuse', 'un ingénieur iranien'), with their country if given."""
    country = demonym_country_of(head) or local_country(context, head)
    return Actor(name=name_span(head).text, country=country, sector="CVL", code=f"{country}CVL")


def civilians(context: ActorContext, token: Token, *, name: str) -> Actor:
    """Unnamed civilians of the place: the protesters of a protest no one is named for ('des manifestants'), the
    people humanitarian aid goes to ('la population')."""
    country = local_country(context, token)
    return Actor(name=name, country=country, sector="CVL", code=f"{country}CVL")


def is_relief(token: Token, lexicon: Lexicon) -> bool:
    """Humanitarian aid: food, medicine, shelter ('apporter aides médicales et nourriture')."""
    relief = lexicon.classes.get("relief", frozenset())
    return lemma(token) in relief or any(lemma(t) in relief for t in nearby(token))


def demonym_country_of(head: Token) -> str | None:
    """'un ingénieur iranien' -> IRN; 'un ex-militaire de la marine américaine' -> USA."""
    found = next((code for c in head.children if c.dep_ == "amod" and (code := demonym_country(c.text))), None)
    if found:
        return found
    inner = [c for c in head.children if c.dep_.startswith("nmod") and case_of(c) == "de" and c.pos_ == "NOUN"]
    return next((code for c in inner for g in c.children if g.dep_ == "amod" and (code := demonym_country(g.text))), None)


def authorities(context: ActorContext, token: Token, targets: list[Actor]) -> Actor:
    """Who arrests or detains when no agent is named: the authorities of the place, else of the country the
    article is about, else of the people held."""
    held = next((a.country for a in targets if a.country and a.country != "IGO"), None)
    country = location_of(token) or (local_country(context, token) if context.home_named else held)
    country = country or local_country(context, token)
    return Actor(name="les autorités", country=country, sector="GOV", code=f"{country}GOV")


def same_actor(first: Actor, second: Actor) -> bool:
    """Two actors that name the same party (same name, or same country and no person name)."""
    return (first.name or "").lower() == (second.name or "").lower() or (
        first.entity is not None and first.entity == second.entity
    )


def trimmed_text(span: Span) -> str:
    """A sentence's text without surrounding white space."""
    return span.text.strip()


def trimmed(span: Span) -> tuple[int, int]:
    """Character offsets of a sentence without surrounding white space."""
    text = span.text
    start = span.start_char + (len(text) - len(text.lstrip()))
    return start, span.start_char + len(text.rstrip())


def clause_text(token: Token) -> str:
    """The text of the clause a trigger stands in (its verb's subtree), for time expressions."""
    clause = next((h for h in [token, *governors(token)] if h.pos_ in ("VERB", "AUX")), token)
    return " ".join(t.text for t in clause.subtree if not (t.dep_ in ("ccomp", "acl:relcl") and t.i != clause.i))


def location_of(token: Token) -> str | None:
    """The country where the clause places the event ('à Pyongyang', 'en Ukraine')."""
    clause = next((h for h in [token, *governors(token)] if h.pos_ in ("VERB", "AUX")), token)
    # 'un ingénieur arrêté en 2021 au Venezuela': the parser hangs the place on the noun the participle describes
    after = [c for c in token.head.children if c.i > token.i] if token.dep_ == "acl" else []
    for child in [*token.children, *clause.children, *after]:
        if child.pos_ == "PROPN" and case_of(child) in ("à", "en", "dans"):
            found = resolve_country(child.text, as_actor=False)
            if found and found != "IGO":
                return found
    return None


def attacked_place(token: Token) -> Actor | None:
    """The place an attack strikes, as the clause names it ('à Kharkiv', 'en Ukraine'), as an actor."""
    clause = next((h for h in [token, *governors(token)] if h.pos_ in ("VERB", "AUX")), token)
    for head in (token, clause):
        for child in head.children:
            if child.pos_ == "PROPN" and (case_of(child) in ("à", "en", "dans") or is_city_of_event(token, head, child)):
                name = proper_name(child)
                found = place_country(name)
                if found and found != "IGO":
                    return Actor(name=name, country=found, code=found)
    return None


def is_city_of_event(token: Token, head: Token, child: Token) -> bool:
    """'l'attentat de Nice': a city (no state actor) named by 'de' after an event noun is where it struck."""
    return head is token and token.pos_ == "NOUN" and case_of(child) == "de" and resolve_country(proper_name(child)) is None


def with_clusters(events: list[Event]) -> Iterator[Event]:
    """Give tellings of the same event (type, source, target) a shared cluster id."""
    for event in events:
        key = "|".join([event.type, actor_key(event.source), actor_key(event.target)])
        yield replace(event, cluster=hashlib.sha1(key.encode()).hexdigest()[:10])


def actor_key(actor: Actor | None) -> str:
    """What identifies an actor across tellings: its country, else its name."""
    if actor is None:
        return "-"
    return actor.country or (actor.name or "-").lower()
