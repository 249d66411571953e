"""Event coding as pure functions over a parsed `Doc`: triggers -> frames -> `Event` records.

A trigger is a verb, noun or adjective of the lexicon. Its actors are read from its own clause
only: the subject, object and prepositional complements of a verb (with passives turned round),
the adjectives, "de" complements, possessives and governing light verb of a noun.

This module runs the stages over an article and turns frames into events (sentences, reactions, repeats,
clusters); the stages are `triggers` (which tokens are event words), `slots` (the tokens heading the source
and target phrases), `participants` (the actors those tokens stand for), over `syntax` (clause structure).
"""
from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..entities.countries import event_country
from ..lang.profile import active_profile, get_profile, use_language
from ..nlp import doc_words
from ..records import Actor, Entity, Event, Speaker
from .actors import (
    ActorContext,
    build_context,
    quoted_actor,
    resolve_actor,
    speaker_actor,
)
from .dates import resolve_date
from .event_types import cameo as type_cameo
from .event_types import has
from .features import token_table
from .lexicon import Lexicon, default_lexicon
from .modes import cases, event_mode, governors, lemma, morph_at, morph_values, reporter
from .participants import (
    agents_of_things,
    armed_forces,
    attacked_place,
    attackers,
    authorities,
    civilians,
    foreign_government,
    home_government,
    is_anaphoric,
    is_pair,
    is_public,
    is_relief,
    location_of,
    names_the_state,
    people_actor,
    resolve_all,
    same_actor,
    speech_addressees,
    thing_actor,
    unnamed_people,
    within,
)
from .slots import find_frames, stranded_conjunct
from .speech import blame_statements, cue_speaker, quotes_of
from .syntax import (
    case_of,
    closes_quote,
    conjuncts,
    is_animate,
    is_group,
    is_host,
    is_inverted,
    is_partitive_object,
    left_subject,
    linear_complement,
    occasion_adjunct,
    span_text,
    time_hung,
    undergoes,
)
from .triggers import Frame, hidden_verb_mode, is_hidden_verb, protest_actions

if TYPE_CHECKING:
    from .learned import EventModel


COMPLEMENT_DEPS = ("xcomp", "ccomp", "obj", "obl", "nmod", "acl", "advcl")
SENTENCE_END = re.compile(r"(?:[.!?…]+[»\"”]?|\n)(?=\s*(?:[«\"“]\s*)?[A-ZÀ-ÖØ-Þ0-9«\"“►•–—-])\s*|\n+\s*")


def extract_events(
    doc: Doc, *, lexicon: Lexicon | None = None, entities: Iterable[Entity] | None = None,
    article_date: str | None = None, model: EventModel | None = None,
) -> Iterator[Event]:
    """Code the political events of a parsed article, one Event per (type, source, target, clause).

    With a `model`, the learned layer decides which of the rules' events stand and adds those they missed. Both
    read the profile of the lexicon's language (the default language's lexicon when none is given).
    """
    lexicon = lexicon or default_lexicon(active_profile().code)
    with use_language(lexicon.lang):  # the whole run, before the first event is yielded to the caller
        coding = code_events(doc, lexicon=lexicon, entities=entities, article_date=article_date)
        events = coding.events
        if model is not None:
            events = model.decide(coding, article_date=article_date)
        coded = list(with_clusters(without_repeats(events)))
    yield from coded


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
    """The rules' events of a parsed article (before repeats are merged), with their context, read with the
    profile of the lexicon's language."""
    lexicon = lexicon or default_lexicon(active_profile().code)
    with use_language(lexicon.lang):
        found = list(entities if entities is not None else getattr(doc._, "newsgraph_entities", None) or ())
        context = build_context(doc, lexicon, found)
        sentences = text_sentences(doc)
        starts = [span.start for span in sentences]
        frames = [frame for frame in find_frames(doc, lexicon) if frame is not None]
        frames.extend(protest_actions(doc, lexicon, {frame.token.i for frame in frames}))
        absorbed = absorbed_tokens(frames, lexicon)
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
                           and not has(e.type, "reaction") and not same_party(e.source, speaker)), None)
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
    a_place = any(event_country(actor.name or "", as_actor=True) for actor in (first, second))
    return same_actor(first, second) or (one_country and a_place and (first.entity is None or second.entity is None))


def same_side(first: Actor, second: Actor) -> bool:
    """The same party, or two names of one state ('le Japon' and 'Tokyo')."""
    states = all(actor.country and event_country(actor.name or "", as_actor=True) for actor in (first, second))
    return same_party(first, second) or bool(states and first.country == second.country)


def known_actors(event: Event) -> int:
    """How many of the event's two roles name an actor."""
    return (event.source is not None) + (event.target is not None)


def reacts_to_a_thing(frame: Frame) -> bool:
    """'X a critiqué cette décision', 'Y a rejeté ces accusations': a verbal reaction whose object is no actor."""
    if not has(frame.trigger.type, "reaction") or frame.trigger.pos == "N":
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
    return has(frame.trigger.type, "reaction") and frame.trigger.pos != "N" and closes_quote(frame.token)


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
    inside names and run across quotes). Kept apart from `doc.sents` on purpose: coding over `doc.sents`
    (newsgraph_paragraphs' bounds) changed the events of 20 of 41 dev articles and lowered dev "events with
    actors" F1 from 0.708 to 0.703 (checked on 2026-12-06 against main cf58c8f)."""
    words = doc_words(doc)  # the text and offsets read once per doc (doc.text joins Token objects at each access)
    text = words.text
    no_end = abbreviation(active_profile().code)
    bounds = [0]
    for match in SENTENCE_END.finditer(text):
        before = text[max(0, match.start() - 4): match.start() + 1]
        if not no_end.search(before):
            bounds.append(match.end())
    bounds.append(len(text))
    offsets = words.starts  # no Token objects: this runs on every article
    first = [bisect_left(offsets, bound) for bound in bounds]  # first token at or after each bound
    return [Span(doc, start, end) for start, end in zip(first, first[1:]) if end > start]  # doc[start:end], unchecked


@lru_cache(maxsize=8)
def abbreviation(lang: str) -> re.Pattern[str]:
    """A period that ends no sentence in language `lang`: after an abbreviation ('M.', 'etc.') or an initial."""
    words = "|".join(re.escape(word) for word in sorted(get_profile(lang).abbreviations))
    return re.compile(rf"(?:\b(?:{words})|\b[A-Z])\.$")


def sentence_of(token: Token, sentences: list[Span], starts: list[int]) -> Span:
    """The text sentence holding `token`."""
    index = bisect_right(starts, token.i) - 1
    if 0 <= index < len(sentences) and sentences[index].start <= token.i < sentences[index].end:
        return sentences[index]
    return token.doc[token.i: token.i + 1]


def absorbed_tokens(frames: list[Frame], lexicon: Lexicon) -> set[int]:
    """Triggers inside the complement of an absorbing trigger ('promettre de coopérer')."""
    absorbed: set[int] = set()
    for frame in frames:
        if has(frame.trigger.type, "topic_object"):
            absorbed.update(denounced_nouns(frame.token))
        if "absorb" not in frame.trigger.flags:
            continue
        for child in frame.token.children:
            if is_occasion(child, lexicon):
                continue  # 'pendant les négociations avec X, Y a proposé': the talks are no part of the proposal
            if child.dep_.startswith(COMPLEMENT_DEPS) and child.dep_ != "obl:agent" and not has_own_agent(child):
                absorbed.update(absorbable(child))
        following = linear_complement(frame.token)
        if following is not None:
            absorbed.update(t.i for t in following.subtree)
    return absorbed


def is_occasion(child: Token, lexicon: Lexicon) -> bool:
    """An adjunct telling when the clause happens ('lors de la rencontre', 'à l'issue du sommet')."""
    return child.dep_.startswith("obl") and occasion_adjunct(child, lexicon) is child


def denounced_nouns(token: Token) -> list[int]:
    """Event nouns an accusation or a protest is about ('dénoncer les violences policières', 'manifester contre
    la guerre'): the topic of the act, not an event the sentence reports."""
    found: list[int] = []
    for child in token.children:
        about = child.dep_ == "obj" or (child.dep_.startswith(("obl", "nmod")) and case_of(child) == cases().against)
        if about and child.pos_ == "NOUN":
            found.extend(t.i for t in conjuncts(child))
    return found


def absorbable(complement: Token) -> Iterator[int]:
    """Token indices of an absorbed complement, without the participles that describe someone in it
    ('réclamer la libération du journaliste, détenu depuis un an': the detention is an event of its own)."""
    doc, table = complement.doc, token_table(complement.doc)  # no Token object
    dependents, relations = table.dependents, table.dep
    stack = [complement.i]
    while stack:
        index = stack.pop()
        if index != complement.i and relations[index] == "acl" and "Part" in morph_at(doc, index, "VerbForm"):
            continue
        yield index
        stack.extend(dependents[index])


def has_own_agent(clause: Token) -> bool:
    """An adverbial participle with its own agent is a separate event ('exige un accès, refusé par Téhéran')."""
    return clause.dep_ == "advcl" and any(c.dep_ == "obl:agent" for c in clause.children)


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
    if not targets and has(frame.trigger.type, "host_target"):  # 'rendre visite à une caserne de pompiers': its people host
        targets = [people_actor(context, head) for head in frame.targets if is_host(head, lexicon)]
    if not targets and has(frame.trigger.type, "by_authorities"):  # 'la chercheuse a été arrêtée'
        targets = [people_actor(context, head) for head in frame.targets
                   if head.pos_ in ("NOUN", "PROPN") and is_animate(head, context.lexicon, loose=True)]
    if "public" in frame.trigger.flags and sources and not any(is_public(actor) for actor in sources):
        return []  # 'le constructeur a annoncé la fermeture de son usine': no public restriction
    if not targets and "things" in frame.trigger.flags:  # 'la fermeture des discothèques'
        targets = [thing_actor(context, head) for head in frame.targets if head.pos_ in ("NOUN", "PROPN")]
    if not sources and not targets and not may_stand_alone(frame):
        return []
    own_source = any(head.head.i == frame.token.i for head in frame.sources)
    if not own_source and (has(frame.trigger.type, "speech_act") or not (sources or targets)) and is_anaphoric(frame.token):
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
    if not targets and has(frame.trigger.type, "reaction") and frame.trigger.pos == "V":  # '« ... X ... », a dénoncé Y'
        targets = [t for t in [quoted_actor(context, frame.token, avoid=sources)] if t is not None]
    if not targets and has(frame.trigger.type, "place_target"):  # 'un attentat à Nice', 'sa guerre en Ukraine'
        targets = [t for t in [attacked_place(frame.token)] if t is not None and t not in sources]
    if not targets and has(frame.trigger.type, "foreign_target") and sources:
        targets = foreign_government(context, frame.token, sources)
    if not targets and "crowd" in frame.trigger.flags:  # 'des gaz lacrymogènes': used on the protesters there
        targets = [civilians(context, frame.token, role="protesters")]
    if not targets and sources and has(frame.trigger.type, "relief_target") and is_relief(frame.token, lexicon):
        # 'apporter nourriture et soins': to the people of the place
        targets = [civilians(context, frame.token, role="population")]
    if not sources and has(frame.trigger.type, "protesters_source"):  # 'des manifestations à Santiago': by the protesters there
        sources = [civilians(context, frame.token, role="protesters")]
    if not targets and has(frame.trigger.type, "addressed_to_power") and sources:
        targets = [home_government(context, sources)]
    if not sources and has(frame.trigger.type, "forces_source") and may_stand_alone(frame):
        sources = [armed_forces(context, frame.token)]  # 'un défilé militaire à Alexandrie'
    if not sources and targets and has(frame.trigger.type, "attackers_source"):  # 'trois soldats tués dans une embuscade'
        sources = [found for found in [attackers(context, frame.token, targets)] if found is not None]
    if not sources and has(frame.trigger.type, "by_authorities"):
        inferred = authorities(context, frame.token, targets)
        if not any(names_the_state(target, inferred.country) for target in targets):  # 'capturés aux Russes'
            sources = [inferred]
    mode = event_mode(frame.token, sentence, lexicon) if not is_hidden_verb(frame) else hidden_verb_mode(frame.token)
    if mode == "hypothetical" and frame.trigger.need == "clause" and "Cnd" in morph_values(frame.token, "Mood"):
        mode = "asserted"  # 'voudrait que X parte': a wish is stated, in the polite conditional
    type_, cameo = frame.trigger.type, frame.trigger.cameo
    if mode == "future" and has(type_, "pledge") or mode == "asserted" and has(type_, "pledge") and is_pledged(frame, lexicon):
        type_, cameo, mode = "AGREE", type_cameo("AGREE"), "asserted"
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
    rivals = not targets and len(sources) == 2 and any(is_pair(head, lexicon) for head in frame.sources)
    no_actor: list[Actor | None] = [None]
    for source in sources or no_actor:
        for target in ([t for t in sources if t is not source] if rivals else targets) or no_actor:
            if source is not None and target is not None and same_actor(source, target):
                continue
            by = reported.name if reported is not None and not (source and same_actor(reported, source)) else None
            events.append(replace(base, source=source, target=target, reported_by=by))
    return events


def issued_by_law(frame: Frame, lexicon: Lexicon) -> bool:
    """A restriction whose subject is a legal text ('le décret suspend les discothèques'): the government issued it."""
    legal = lexicon.classes.get("legal", frozenset())
    return "public" in frame.trigger.flags and any(lemma(head) in legal for head in frame.sources)


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
    if "decree" in flags or "imposed" in flags:
        return True  # a restriction a decree verb orders, '700 arrestations': by the authorities of the place
    return "bare" in flags and ("plural" not in flags or "Plur" in morph_values(frame.token, "Number"))


def type_is_cooperative(frame: Frame) -> bool:
    """Cooperation, and promises of it, whose partner may be the addressee of the statement."""
    return has(frame.trigger.type, "addressee_partner")


def is_joint(frame: Frame) -> bool:
    """Events that coordinated subjects do together, with each other ('ont négocié')."""
    return "mutual" in frame.trigger.flags or has(frame.trigger.type, "joint")


def trimmed_text(span: Span) -> str:
    """A sentence's text without surrounding white space."""
    return span_text(span).strip()


def trimmed(span: Span) -> tuple[int, int]:
    """Character offsets of a sentence without surrounding white space."""
    text = span_text(span)
    start = span.start_char + (len(text) - len(text.lstrip()))
    return start, span.start_char + len(text.rstrip())


def clause_text(token: Token) -> str:
    """The text of the clause a trigger stands in (its verb's subtree), for time expressions."""
    clause = next((h for h in [token, *governors(token)] if h.pos_ in ("VERB", "AUX")), token)
    table = token_table(clause.doc)  # the subtree's words by position, with no Token object
    texts, relations, top = table.text, table.dep, clause.i
    return " ".join(texts[i] for i in subtree_positions(clause.doc, top)
                    if not (relations[i] in ("ccomp", "acl:relcl") and i != top))


def subtree_positions(doc: Doc, position: int) -> list[int]:
    """The positions of `doc[position].subtree`, in its order (left children's subtrees, the word, right ones)."""
    children = token_table(doc).dependents
    found: list[int] = []

    def walk(top: int) -> None:
        below = children[top]
        for child in below:
            if child < top:
                walk(child)
        found.append(top)
        for child in below:
            if child > top:
                walk(child)

    walk(position)
    return found


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
