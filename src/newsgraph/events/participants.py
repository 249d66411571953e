"""Participants: the actors a slot's head stands for (countries named by demonyms or pairs, possessives,
unnamed people and governments, owners of things, the authorities) and the country where an event takes place.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Token

from ..entities.countries import country_name, demonym_country, event_country
from ..lang.profile import active_profile
from ..nlp import doc_words
from ..records import Actor
from .actors import ActorContext, mentioned_person, name_span, person_actor, recent_person, resolve_actor, subject_possessor
from .lexicon import Lexicon
from .modes import cases, doc_lemmas, doc_table, governors, is_speech, lemma, morph_values
from .scene import is_locative, local_country, parser_sentence, place_country, proper_name, recent_countries
from .slots import is_armed_adjective, is_police_adjective
from .syntax import case_of, conjuncts, described_object, inherited_subject, is_group, is_own_event_verb, is_passive, nearby
from .triggers import match_trigger

POSSESSOR_REACH = 30  # tokens: the possessor is named in the same sentence
PUBLIC_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "POL", "IGO"})


def resolve_all(context: ActorContext, heads: Iterable[Token], *, befallen: bool = False) -> list[Actor]:
    """Actors for every head and its conjuncts, without duplicates; with `befallen`, a possessive names the
    person the event befalls ('son arrestation')."""
    actors: list[Actor] = []
    for head in heads:
        pair = both_countries(context, head) or both_people(context, head)
        if pair:
            actors.extend(a for a in pair if a not in actors)
            continue
        listed = conjuncts(head) if case_of(head) != cases().between else [head]  # 'entre X et Y': Y is the other side
        for token in listed:
            names = named_members(token)
            if names:  # 'les candidats X et Y': each of them, of the group's country when not known otherwise
                actors.extend(a for a in members_actors(context, token, names) if a not in actors)
                continue
            actor = undergoer_possessor(context, token) if befallen and token.dep_ == "det" else None
            actor = actor or (possessive_actor(context, token) if token.dep_ == "det" else None)
            actor = actor or (demonym_actor(token, context) if token.dep_ == "amod" else resolve_actor(context, token))
            if actor is not None and actor not in actors:
                actors.append(actor)
    return actors


def members_actors(context: ActorContext, group: Token, names: list[Token]) -> list[Actor]:
    """The actors of the people a group noun names, of the group's country and sector when theirs is unknown."""
    found = [actor for actor in (resolve_actor(context, name) for name in names) if actor is not None]
    whole = resolve_actor(context, group) if any(actor.country is None for actor in found) else None
    if whole is None or whole.country is None:
        return found
    return [actor if actor.country else replace(actor, country=whole.country, sector=whole.sector, code=whole.code)
            for actor in found]


def named_members(head: Token) -> list[Token]:
    """The people a plural noun lists by name ('les candidats X et Y', 'les deux opposants, X et Y'): each acts or
    undergoes the event; none when it names fewer than two."""
    if head.pos_ != "NOUN" or "Plur" not in morph_values(head, "Number"):
        return []
    for child in head.children:
        if child.i > head.i and child.pos_ == "PROPN" and child.dep_ in ("appos", "nmod") and case_of(child) is None:
            names = [token for token in conjuncts(child) if token.pos_ == "PROPN"]
            return names if len(names) >= 2 else []
    return []


def both_countries(context: ActorContext, head: Token) -> list[Actor]:
    """'les deux pays' -> the last two countries the article named before."""
    if not is_pair(head, context.lexicon):
        return []
    codes = recent_countries(context, head.i, 2)
    if len(codes) < 2:
        return []
    return [Actor(name=country_name(code), country=code, sector="GOV", code=code + "GOV") for code in reversed(codes)]


def both_people(context: ActorContext, head: Token) -> list[Actor]:
    """'les deux hommes', 'les deux dirigeants' -> the subject and the object of the sentence before
    ('X a reçu Y. Les deux dirigeants ont signé un accord')."""
    if head.lemma_.lower() not in context.lexicon.classes.get("pair_people", ()) or not any(
            lemma(c) == active_profile().pair_numeral for c in head.children):
        return []
    start = parser_sentence(head).start
    if start == 0:
        return []
    root = parser_sentence(head.doc[start - 1]).root
    subj = next((c for c in root.children if c.dep_.startswith("nsubj")), None)
    other = next((c for c in root.children if c.dep_ == "obj" or c.dep_.startswith("obl") and case_of(c) == cases().with_), None)
    resolved = [resolve_actor(context, t) for t in (subj, other) if t is not None]
    found = [actor for actor in resolved if actor is not None]
    if len(resolved) != 2 or len(found) != 2 or same_actor(found[0], found[1]):
        return []
    return found


def is_pair(head: Token, lexicon: Lexicon) -> bool:
    """'les deux pays': two parties each acting toward the other ('ont effectué des manœuvres rivales')."""
    return head.lemma_.lower() in lexicon.classes.get("pair_nouns", ()) and any(
        lemma(c) == active_profile().pair_numeral for c in head.children)


def demonym_actor(token: Token, context: ActorContext) -> Actor | None:
    """'l'invasion russe' -> Russia; 'violences policières' -> the police (of the place, when known);
    'une attaque jihadiste' -> jihadists (of the place)."""
    country = demonym_country(token.text)
    if country:
        return Actor(name=country_name(country), country=country, sector="GOV", code=country + "GOV")
    if is_armed_adjective(token, context.lexicon):
        local = local_country(context, token)
        plural = active_profile().plural_suffix
        word = token.lower_ if token.lower_.endswith(plural) else token.lower_ + plural
        name = context.lexicon.names["armed"].format(word)
        return Actor(name=name, country=local, sector="REB", code=f"{local or ''}REB")
    if is_police_adjective(token, context.lexicon):
        local = local_country(context, token)
        return Actor(name=context.lexicon.names["police"], country=local, sector="POL", code=f"{local or ''}POL")
    return None



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
        subj = inherited_subject(head, context.lexicon)
        if is_reaction(head, context.lexicon):
            other = preceding_actor(context, token, avoid=subj)
            if other is not None:
                return other
        actor = resolve_actor(context, subj) if subj is not None and subj.i != noun.i else None
        if actor is not None:
            return actor
    if noun.dep_.startswith("nsubj") and noun.head.i == parser_sentence(noun).root.i:  # 'Sa visite doit durer trois jours'
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
    if det.lower_ not in active_profile().possessives:
        return None
    noun = det.head
    heads = list(governors(noun))
    relative = next((h for h in heads if h.dep_ == "acl:relcl" and h.head.i != h.i), None)
    if relative is not None and relative.head.pos_ == "PROPN":
        found = resolve_actor(context, relative.head)
        if found is not None:
            return found
    verb = next((h for h in heads if h.pos_ in ("VERB", "AUX")), None)
    agent = inherited_subject(verb, context.lexicon) if verb is not None and context.lexicon.cue("light", lemma(verb)) else None
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


def is_public(actor: Actor) -> bool:
    """A public authority: a government, a state body, the police, a country or an international body."""
    return actor.sector in PUBLIC_SECTORS


def thing_actor(context: ActorContext, head: Token) -> Actor:
    """Places or things a restriction befalls ('les discothèques en plein air'), of the country of the place."""
    country = local_country(context, head)
    return Actor(name=name_span(head).text, country=country, sector=None, code=country)


def is_anaphoric(noun: Token) -> bool:
    """A noun with a demonstrative determiner ('ces accusations', 'cette demande')."""
    return noun.pos_ == "NOUN" and any(c.dep_ == "det" and "Dem" in morph_values(c, "PronType") for c in noun.children)


def within(first: Actor, second: Actor) -> bool:
    """One actor's name inside the other's ('Luc Ferrandi' in 'le président de la chambre, Luc Ferrandi')."""
    one, two = (first.name or "").lower(), (second.name or "").lower()
    return bool(one and two) and (one in two or two in one)


def agents_of_things(
    context: ActorContext, verb: Token, *, objects: bool = True, preps: Iterable[str] = (),
) -> list[Actor]:
    """Who is behind the thing a verb acts on (its object, if `objects`) or against ('contre', or the trigger's
    target prepositions: 'en vouloir à la méthode du journaliste'): 'la décision du gouvernement'."""
    things = [c for c in verb.children if c.pos_ == "NOUN" and (
        (objects and c.dep_ == "obj") or (c.dep_.startswith("obl") and case_of(c) in {cases().against, *preps}))]
    for obj in things:
        found = owner_of_thing(context, obj, depth=2)
        if found is not None:
            return found
    described = described_thing(verb) if is_passive(verb) else None
    if described is not None:  # 'X a adopté une réforme, critiquée par Y': X is behind the reform
        found = owner_of_thing(context, described, depth=2)
        while described.dep_.startswith("nmod") and described.head.pos_ == "NOUN":  # 'une réforme des retraites, critiquée'
            described = described.head
        author = inherited_subject(described.head, context.lexicon) if described.dep_ == "obj" else None
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
        if child.dep_ == "amod" and (demonym_country(child.text) or is_police_adjective(child, context.lexicon)):
            return [a for a in [demonym_actor(child, context)] if a is not None]
        if child.dep_ == "det" and "Poss=Yes" in str(child.morph):
            return [a for a in [possessive_actor(context, child)] if a is not None]
        if child.dep_.startswith(("nmod", "obl")) and case_of(child) == cases().of:  # 'obl' under a noun: a parse slip
            found = resolve_all(context, [child])
            if found or depth <= 1:
                return found
            return owner_of_thing(context, child, depth=depth - 1) if child.pos_ == "NOUN" else found
    return None


def speech_addressees(context: ActorContext, token: Token) -> list[Actor]:
    """'Poutine a déclaré à Kim que la Russie renforcera la coopération' -> Kim."""
    for head in governors(token):
        if is_speech(head, context.lexicon):
            found = [c for c in head.children if c.dep_.startswith(("obl", "iobj")) and case_of(c) == cases().to]
            return resolve_all(context, found)
    return []


def home_government(context: ActorContext, sources: list[Actor]) -> Actor:
    """The implicit addressee of a demand or a protest: the government of the actors' country."""
    country = next((a.country for a in sources if a.country and a.country != "IGO"), context.home)
    return Actor(name=context.lexicon.names["government"], country=country, sector="GOV", code=f"{country}GOV")


def foreign_government(context: ActorContext, token: Token, sources: list[Actor]) -> list[Actor]:
    """'X réclame la libération d'un journaliste détenu en Iran' -> the government of the other country named."""
    own = {a.country for a in sources}
    sentence = parser_sentence(token)
    named = [(i, code) for i, code in context.country_mentions if sentence.start <= i < sentence.end and code not in own]
    # where someone is held or staying ('détenu en France') says more than a nationality ('un ingénieur iranien')
    named.sort(key=lambda mention: not is_locative(context.doc[mention[0]]))
    name = context.lexicon.names["government"]
    return [Actor(name=name, country=code, sector="GOV", code=f"{code}GOV") for _, code in named[:1]]


def unnamed_people(context: ActorContext, heads: Iterable[Token]) -> list[Actor]:
    """People the actor resolver does not know, coordinated with or beside the target heads ('le départ du
    chef de l'Etat, du chef du Parlement, des députés')."""
    found = []
    for head in heads:
        for token in [*conjuncts(head), *(c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN")]:
            if is_group(token, context.lexicon) and resolve_actor(context, token) is None:
                found.append(people_actor(context, token))
    return found


def people_actor(context: ActorContext, head: Token) -> Actor:
    """Unnamed people an event befalls ('la chercheuse', 'un ingénieur iranien'), with their country if given."""
    country = demonym_country_of(head) or local_country(context, head)
    return Actor(name=name_span(head).text, country=country, sector="CVL", code=f"{country}CVL")


def civilians(context: ActorContext, token: Token, *, role: str) -> Actor:
    """Unnamed civilians of the place, named after their `role` in actor_names.tsv: the protesters of a protest no
    one is named for ('des manifestants'), the people humanitarian aid goes to ('la population')."""
    country = local_country(context, token)
    return Actor(name=context.lexicon.names[role], country=country, sector="CVL", code=f"{country}CVL")


def is_relief(token: Token, lexicon: Lexicon) -> bool:
    """Humanitarian aid: food, medicine, shelter ('apporter aides médicales et nourriture')."""
    relief = lexicon.classes.get("relief", frozenset())
    return lemma(token) in relief or any(lemma(t) in relief for t in nearby(token))


def demonym_country_of(head: Token) -> str | None:
    """'un ingénieur iranien' -> IRN; 'un ex-militaire de la marine américaine' -> USA."""
    found = next((code for c in head.children if c.dep_ == "amod" and (code := demonym_country(c.text))), None)
    if found:
        return found
    inner = [c for c in head.children if c.dep_.startswith("nmod") and case_of(c) == cases().of and c.pos_ == "NOUN"]
    return next((code for c in inner for g in c.children if g.dep_ == "amod" and (code := demonym_country(g.text))), None)


def authorities(context: ActorContext, token: Token, targets: list[Actor]) -> Actor:
    """Who arrests or detains when no agent is named: the authorities of the place, else of the country the
    article is about, else of the people held."""
    held = next((a.country for a in targets if a.country and a.country != "IGO"), None)
    country = location_of(token) or (local_country(context, token) if context.home_named else held)
    country = country or local_country(context, token)
    return Actor(name=context.lexicon.names["authorities"], country=country, sector="GOV", code=f"{country}GOV")


def attackers(context: ActorContext, token: Token, targets: list[Actor]) -> Actor | None:
    """Who carried out an attack no one is named for: unknown attackers of the victims' country, else of the
    place, else of the country the article is about ('trois soldats maliens tués dans une embuscade'). None when
    a victim is a state as a whole ('l'Ukraine a été attaquée'): its own people are not who struck it."""
    if any((actor.entity or "").startswith("gpe:") for actor in targets):
        return None
    victims = next((a.country for a in targets if a.country and a.country != "IGO"), None)
    country = victims or location_of(token) or local_country(context, token)
    return Actor(name=context.lexicon.names["attackers"], country=country, code=country or None)


def armed_forces(context: ActorContext, token: Token) -> Actor:
    """Who holds a parade or a drill no one is named for: the armed forces of the place, else of the country
    the article is about ('Il a assisté à un défilé militaire à Alexandrie')."""
    country = location_of(token) or local_country(context, token)
    return Actor(name=context.lexicon.names["forces"], country=country, sector="MIL", code=f"{country or ''}MIL")


def is_implied_forces(actor: Actor | None, lexicon: Lexicon) -> bool:
    """The armed forces `armed_forces` gave a display no one is named for: the text names no one it is aimed at
    either, so its target is left unknown rather than guessed (not the place's own country)."""
    return actor is not None and actor.entity is None and actor.name == lexicon.names["forces"]


def is_implied_attackers(actor: Actor | None, lexicon: Lexicon) -> bool:
    """The unknown attackers `attackers` gave an attack no one is named for (a guess the model may replace)."""
    return actor is not None and actor.entity is None and actor.name == lexicon.names["attackers"]


def names_the_state(actor: Actor, country: str | None) -> bool:
    """The actor is the state of `country` as a whole (the country, its capital), not people or bodies of it:
    its own authorities are not who coerced it ('des chars capturés aux Russes': by whoever fought them)."""
    return country is not None and actor.country == country and (actor.entity or "").startswith("gpe:")


def same_actor(first: Actor, second: Actor) -> bool:
    """Two actors that name the same party (same name, or same country and no person name)."""
    return (first.name or "").lower() == (second.name or "").lower() or (
        first.entity is not None and first.entity == second.entity
    )


def location_of(token: Token) -> str | None:
    """The country where the clause places the event ('à Pyongyang', 'en Ukraine')."""
    clause = next((h for h in [token, *governors(token)] if h.pos_ in ("VERB", "AUX")), token)
    table, texts = doc_table(token.doc), doc_words(token.doc).texts  # the children as positions, no Token object
    dependents, relations, tags, lemmas = table.dependents, table.dep, table.pos, doc_lemmas(token.doc)
    # 'un ingénieur arrêté en 2021 au Venezuela': the parser hangs the place on the noun the participle describes
    after = [c for c in dependents[table.head[token.i]] if c > token.i] if relations[token.i] == "acl" else []
    places = (cases().to, cases().in_, cases().inside)
    for child in [*dependents[token.i], *dependents[clause.i], *after]:
        if tags[child] == "PROPN" and next((lemmas[c] for c in dependents[child] if relations[c] == "case"), None) in places:
            found = event_country(texts[child], as_actor=False)  # `case_of` read above
            if found and found != "IGO":
                return found
    return None


def attacked_place(token: Token) -> Actor | None:
    """The place an attack strikes, as the clause names it ('à Kharkiv', 'en Ukraine'), as an actor."""
    clause = next((h for h in [token, *governors(token)] if h.pos_ in ("VERB", "AUX")), token)
    for head in (token, clause):
        for child in head.children:
            located = case_of(child) in (cases().to, cases().in_, cases().inside)
            if child.pos_ == "PROPN" and (located or is_city_of_event(token, head, child)):
                name = proper_name(child)
                found = place_country(name)
                if found and found != "IGO":
                    return Actor(name=name, country=found, code=found)
    return None


def is_city_of_event(token: Token, head: Token, child: Token) -> bool:
    """'l'attentat de Nice': a city (no state actor) named by 'de' after an event noun is where it struck."""
    return head is token and token.pos_ == "NOUN" and case_of(child) == cases().of and event_country(proper_name(child)) is None
