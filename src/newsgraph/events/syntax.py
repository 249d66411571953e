"""Clause structure read from the dependency parse: cases, subjects and agents, passives, controllers of
infinitives, quote-closing verbs and the word classes of phrase heads (animate, group, party).
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Span, Token

from ..lang.profile import active_profile, get_profile
from ..nlp import doc_words
from .lexicon import Lexicon
from .modes import cases, doc_table, lemma, morph_values, subject, table_lemmas

PUNCTUATION_STOPS = frozenset({",", ";", ":", "«", "»", "(", ")", ".", "!", "?", '"', "—", "–"})


@lru_cache(maxsize=8)
def clause_stops(lang: str) -> frozenset[str]:
    """The words and marks a noun phrase looked for beside a verb does not reach across, in language `lang`."""
    return PUNCTUATION_STOPS | get_profile(lang).complementizers


def span_text(span: Span) -> str:
    """`span.text`, cut from the doc's text read once (spaCy joins the span's Token objects at each access)."""
    return doc_words(span.doc).span_text(span.start, span.end)[0] if len(span) else span.text


def nearby(token: Token) -> list[Token]:
    """Children and grandchildren of a token: where required words and classes are looked for."""
    doc, dependents = token.doc, doc_table(token.doc).dependents  # no walk over the subtree per child
    children = dependents[token.i]
    return [*(doc[c] for c in children), *(doc[g] for c in children for g in dependents[c])]


def nearby_positions(token: Token) -> list[int]:
    """`nearby` as positions, in its order (no Token object)."""
    dependents = doc_table(token.doc).dependents
    children = dependents[token.i]
    return [*children, *(g for c in children for g in dependents[c])]


def clause_subjects(verb: Token) -> list[Token]:
    """Subjects of a 'que' clause governed by `verb`, other than the verb's own subject."""
    own = subject(verb)
    found = []
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and has_case(c, active_profile().complementizers)):
        other = subject(clause)
        impersonal = other is not None and other.lower_ in active_profile().impersonal_subjects
        if other is not None and not (own is not None and own.lower_ == other.lower_) and not impersonal:
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
        if child.dep_ == "obl:agent" or (child.dep_.startswith("obl") and has_case(child, {cases().by})):
            return child
    for child in verb.children:
        if child.dep_.startswith("obl") and child.i > verb.i:
            found = next((g for g in child.children if g.dep_.startswith("nmod") and has_case(g, {cases().by})), None)
            if found is not None:
                return found
    return None


def people_head(token: Token) -> Token:
    """The people a quantity noun counts ('une quinzaine de ressortissants' -> ressortissants)."""
    if token.lemma_.lower() not in active_profile().quantity_nouns:
        return token
    return next((c for c in token.children if c.dep_.startswith("nmod") and c.pos_ in ("NOUN", "PROPN")), token)


def antecedent(token: Token) -> Token:
    """What a relative pronoun stands for ('le message que l'AFP a consulté' -> message)."""
    if "Rel" not in morph_values(token, "PronType"):
        return token
    clause = next((h for h in token.ancestors if h.dep_ == "acl:relcl"), None)
    return clause.head if clause is not None else token


def agreed_complements(token: Token) -> list[Token]:
    """What an AGREE word governs: 'prêt à rencontrer', 'prête à être candidate'."""
    found = [c for c in token.children if c.dep_ == "xcomp" or (c.dep_.startswith("obl") and has_case(c, {cases().to}))]
    following = linear_complement(token)
    return found + ([following] if following is not None else [])


def is_animate(token: Token, lexicon: Lexicon, *, loose: bool = False) -> bool:
    """A person, a group of people or a pronoun standing for one.

    `loose` also accepts nouns with a people-naming ending ('anthropologue', 'ingénieur'): safe where
    the noun undergoes an arrest ('X a été arrêté', 'un X détenu'), too loose for the object of 'détenir'.
    """
    if token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ("PER", "ORG"):
        return True
    word = token.lemma_.lower().removeprefix(active_profile().former_prefix)  # 'un ex-militaire'
    classes = lexicon.classes
    return word in classes.get("people", ()) or (
        loose and token.pos_ == "NOUN" and len(word) > 5 and word.endswith(tuple(classes.get("person_suffix", ())))
    )


def has_case(token: Token, preps: Iterable[str]) -> bool:
    """The nominal is introduced by one of `preps`."""
    wanted = set(preps)
    table = doc_table(token.doc)
    relations, lemmas = table.dep, table_lemmas(table)
    return any(relations[c] in ("case", "mark") and (lemma(token.doc[c]) if lemmas is None else lemmas[c]) in wanted
               for c in table.dependents[token.i])


def case_of(token: Token) -> str | None:
    """The preposition introducing a nominal, if any."""
    table = doc_table(token.doc)
    relations, lemmas = table.dep, table_lemmas(table)
    found = next((c for c in table.dependents[token.i] if relations[c] == "case"), None)
    return None if found is None else lemma(token.doc[found]) if lemmas is None else lemmas[found]


def undergoes(verb: Token) -> bool:
    """The verb's subject undergoes it: passive voice, but not a reflexive ('se sont rassemblés')."""
    present = "Pres" in morph_values(verb, "Tense")  # 'réclamant': a present participle acts
    table = doc_table(verb.doc)
    relations = table.dep
    return is_passive(verb) and not present and not any(relations[c].startswith("expl") for c in table.dependents[verb.i])


def is_passive(token: Token) -> bool:
    """Passive voice, including participles modifying a noun ('des sanctions imposées par')."""
    table = doc_table(token.doc)  # the children's relations read once, with no Token object
    children = table.dependents[token.i]
    relations = [table.dep[c] for c in children]
    if "aux:pass" in relations:  # not 's'en est pris', 'se sont opposés': a pronominal verb's compound tense
        reflexives = active_profile().reflexive_clitics
        return not any(relation.startswith("expl") and token.doc[c].lower_ in reflexives
                       for c, relation in zip(children, relations))
    if "nsubj:pass" in relations:  # not 'a-t-il accusé': an inverted clitic after 'avoir'
        return not any(relation.startswith("aux") and lemma(token.doc[c]) == active_profile().have_verb
                       for c, relation in zip(children, relations))
    participle = "Part" in morph_values(token, "VerbForm") or token.pos_ == "ADJ"
    if participle and "obl:agent" in relations and "Pres" not in morph_values(token, "Tense"):
        return True  # '..., refusé par les autorités'
    if participle and token.dep_ == "conj" and token.head.i != token.i and is_bare_participle(token):
        return is_passive(token.head)  # 'ont été jugés et condamnés': the second participle shares the auxiliary
    if participle and "Past" in morph_values(token, "Tense") and token.dep_ in ("advcl", "appos"):
        return not any(relation.startswith(("aux", "nsubj")) for relation in relations)  # 'un savant, accusé de...'
    present = "Pres" in morph_values(token, "Tense")  # 'un communiqué dénonçant la réforme' acts
    return participle and not present and token.dep_ in ("acl", "amod") and "aux:tense" not in relations


def is_bare_participle(token: Token) -> bool:
    """A past participle with no auxiliary or subject of its own."""
    table = doc_table(token.doc)
    relations = table.dep
    return "Pres" not in morph_values(token, "Tense") and not any(
        relations[c].startswith(("aux", "nsubj", "cop")) for c in table.dependents[token.i])


def passive_agents(verb: Token) -> list[Token]:
    """'par X' of a passive verb, or of the participle coordinated with it ('jugés et condamnés par X')."""
    agent = agent_of(verb)
    if agent is not None:
        return [agent]
    partners = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB" and is_bare_participle(c)]
    if verb.dep_ == "conj" and is_bare_participle(verb):
        partners.append(verb.head)
    return [agent for partner in partners for agent in [agent_of(partner)] if agent is not None]


def described_noun(participle: Token, lexicon: Lexicon) -> Token:
    """The noun a participle describes: its head, or the person the head's 'de' complement names when the parser
    hung the participle on a thing ('le retour d'un ex-militaire arrêté en Iran')."""
    head = participle.head
    if is_animate(head, lexicon, loose=True):
        return head
    people = [c for c in head.children if c.dep_.startswith("nmod") and c.i < participle.i and is_animate(c, lexicon, loose=True)]
    return people[-1] if people else head


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
    return all(not (participle.morph.get(feature, []) and noun.morph.get(feature, []))
               or participle.morph.get(feature, []) == noun.morph.get(feature, []) for feature in ("Gender", "Number"))


def left_subject(verb: Token) -> Token | None:
    """The nearest noun phrase left of a finite verb, within its clause (a fallback for parse errors)."""
    table = doc_table(verb.doc)
    children, relations = table.dependents[verb.i], table.dep
    finite = "Fin" in morph_values(verb, "VerbForm") or any(relations[c].startswith("aux") for c in children)
    if not finite and not ("Part" in morph_values(verb, "VerbForm") and "Pres" in morph_values(verb, "Tense")):
        return None
    start = min([verb.i] + [c for c in children if c < verb.i and relations[c].startswith(("aux", "expl", "advmod"))])
    return phrase_before(verb, start)


def phrase_before(verb: Token, start: int) -> Token | None:
    """The head of the nearest noun phrase without preposition before token index `start`, within the clause."""
    stops = clause_stops(active_profile().code)
    for token in reversed(verb.doc[max(0, start - 10): start]):
        if token.text in stops or "\n" in token.text:
            return None
        if token.pos_ in ("NOUN", "PROPN") and case_of(token) is None:
            while token.dep_ in ("flat:name", "flat", "appos", "amod") and token.head.i != token.i:
                token = token.head
            return token
    return None


def is_inverted(verb: Token) -> bool:
    """A reporting clause after a quote, subject after the verb ('», a dénoncé X')."""
    left = clause_start(verb)
    return left > 0 and doc_words(verb.doc).texts[left - 1] in (",", "»", '"', "”")


def clause_start(verb: Token) -> int:
    """The position of the verb or of its first auxiliary before it (read from the doc's token table)."""
    table, position = doc_table(verb.doc), verb.i
    relations = table.dep
    return min([position] + [c for c in table.dependents[position] if c < position and relations[c].startswith("aux")])


def closes_quote(verb: Token) -> bool:
    """A reporting verb right after a closing quotation mark ('« ... », a dénoncé X')."""
    if "Pres" in morph_values(verb, "Tense") and "Part" in morph_values(verb, "VerbForm"):
        return False  # '« ... », accusant X': a participle clause, X is its object
    left = clause_start(verb)
    before = doc_words(verb.doc).texts[max(0, left - 2): left]
    closing = active_profile().closing_quotes
    return bool(before) and (before[-1] in closing or before[-1] == "," and before[0] in closing)


CLIMBS = ("xcomp", "advcl", "conj", "ccomp")  # dependencies through which a verb shares its governor's subject
CLIMBS_LOOSE = (*CLIMBS, "dep")


def inherited_subject(verb: Token, lexicon: Lexicon, *, loose: bool = False) -> Token | None:
    """The subject of a verb, or of the verb it depends on (infinitives, coordination, participles); `loose`:
    also through an unlabelled dependency ('X, qui pourrait devenir..., menace' parsed as 'dep' of 'pourrait')."""
    climbs = CLIMBS_LOOSE if loose else CLIMBS
    current = verb
    for _ in range(4):
        found = subject(current) or auxiliary_subject(current)
        if found is not None:
            return found
        if current.dep_ in ("acl", "amod") and current.head.pos_ in ("NOUN", "PROPN"):
            shared = shared_participle(current) or adverbial_participle(current, lexicon)
            if shared is not None:
                current = shared
                continue
            return dative_controller(current) or author_of(current.head, lexicon) or current.head
        if current.dep_ in climbs and current.head.i != current.i:
            controller = object_controller(current, lexicon) if current.dep_ == "xcomp" else None
            if controller is not None:
                return controller
            current = current.head
            continue
        return None
    return None


def is_present_participle(verb: Token) -> bool:
    """'accusant', 'dénonçant'."""
    return "Part" in morph_values(verb, "VerbForm") and "Pres" in morph_values(verb, "Tense")


def shared_participle(verb: Token) -> Token | None:
    """'accusant X d'être ... et dénonçant Y': the parser hangs the second participle on a noun of the first one's
    phrase; coordinated with the first, it shares its subject."""
    if not is_present_participle(verb) or not any(c.dep_ == "cc" and c.i < verb.i for c in verb.children):
        return None
    for ancestor in verb.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor if ancestor.i < verb.i and is_present_participle(ancestor) else None
    return None


def adverbial_participle(verb: Token, lexicon: Lexicon) -> Token | None:
    """'X a quitté ses fonctions en accusant Y': a gerund hung on a noun is the clause's, the first verb above it
    acts through its subject; so is 'X a annoncé sa démission, accusant Y', a participle after a comma hung on the
    object of a verb, an object that names no one."""
    if not is_present_participle(verb):
        return None
    if any(c.dep_ == "mark" and c.lower_ == cases().in_ for c in verb.children):
        return next((a for a in verb.ancestors if a.pos_ == "VERB"), None)
    noun = verb.head
    if verb.i == 0 or verb.doc[verb.i - 1].text != "," or noun.dep_ != "obj":
        return None
    if is_party_head(noun, lexicon) or lemma(noun) in lexicon.classes.get("authored", ()):
        return None
    return noun.head if noun.head.pos_ == "VERB" else None


def author_of(writing: Token, lexicon: Lexicon) -> Token | None:
    """Who speaks through a writing or statement ('un communiqué du ministère', 'sa lettre', 'X a publié un
    communiqué', 'X, auteur d'une pétition'), when the noun is one of the 'authored' class."""
    if lemma(writing) not in lexicon.classes.get("authored", ()):
        return None
    for child in writing.children:
        if child.dep_ == "det" and "Poss=Yes" in child.morph or child.dep_.startswith("nmod") and case_of(child) == cases().of \
                and is_animate(child, lexicon):
            return child
    head = writing.head
    if writing.dep_ in ("obj", "obl", "obl:arg", "obl:mod") and head.pos_ in ("VERB", "AUX"):
        return inherited_subject(head, lexicon)
    if writing.dep_.startswith("nmod") and head.pos_ == "NOUN" and head.dep_ == "appos":
        return head.head  # 'X, auteur d'une pétition critiquant Y'
    return None


def auxiliary_subject(verb: Token) -> Token | None:
    """A subject the parser hung on the verb's auxiliary ('Des ONG se sont mobilisées': 'ONG' under 'sont')."""
    table = doc_table(verb.doc)  # a Token object for the subject only
    dependents, relations = table.dependents, table.dep
    found = next((g for c in dependents[verb.i] if relations[c].startswith("aux") for g in dependents[c]
                  if relations[g].startswith("nsubj")), None)
    return None if found is None else verb.doc[found]


def dative_controller(clause: Token) -> Token | None:
    """Who is given the chance to act: 'offrir à X l'occasion de l'accuser', 'laisser à X le temps de répondre'."""
    noun = clause.head
    if not has_case(clause, {cases().of}) or noun.dep_ != "obj" or noun.head.pos_ != "VERB":
        return None
    return next((c for c in noun.head.children if c.dep_ == "iobj" or (
        c.dep_ in ("obl:arg", "obl") and case_of(c) == cases().to and c.pos_ in ("NOUN", "PROPN"))), None)


def object_controller(infinitive: Token, lexicon: Lexicon) -> Token | None:
    """Who does what a verb of accusing, urging or asking governs: its object ('accuser X d'avoir bombardé') or its
    dative ('demander à X de se retirer'), per the control classes of classes.tsv."""
    verb = infinitive.head
    classes = lexicon.classes
    if lemma(verb) in classes.get("object_control", ()):
        return next((c for c in verb.children if c.dep_ == "obj"), None)
    if lemma(verb) in classes.get("dative_control", ()):
        return next((c for c in verb.children if c.dep_ == "iobj" or (
            c.dep_.startswith("obl") and case_of(c) == cases().to and c.i < infinitive.i)), None)
    return None


def subject_after(comma: Token) -> Token | None:
    """The subject right after the comma that closes a fronted adjunct, or the name its title introduces."""
    doc = comma.doc
    found = None
    stops = clause_stops(active_profile().code)
    for token in doc[comma.i + 1: comma.i + 12]:
        if token.pos_ in ("VERB", "AUX") or token.text in stops:
            break
        if found is None and token.pos_ in ("NOUN", "PROPN", "PRON") and case_of(token) is None:
            found = token
        elif found is not None and found.pos_ == "NOUN" and token.ent_type_ in ("PER", "PERSON"):
            return token  # 'le ministre grec des Affaires étrangères Nikos Dendias': the name it introduces
    return found


def time_hung(noun: Token, lexicon: Lexicon) -> Token | None:
    """The verb whose object the parser hung on a bare time word between them ('a lancé dimanche une offensive':
    'offensive' under 'dimanche'), else None."""
    when = noun.head
    if when.i > noun.i or when.pos_ != "NOUN" or lemma(when) not in lexicon.classes.get("time", ()):
        return None
    verb = when.head
    if verb.pos_ != "VERB" or verb.i > when.i or case_of(when) is not None or case_of(noun) not in (None, cases().of):
        return None
    return verb


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
    return noun.dep_ in ("nmod", "obl:arg") and noun.head.pos_ == "VERB" and case_of(noun) == cases().of and any(
        c.dep_ == "amod" and c.i < noun.i for c in noun.children)


def linear_complement(token: Token) -> Token | None:
    """'prêt à rencontrer' when the parser did not attach the infinitive: the next 'à/de + infinitive' (and 'pour +
    infinitive' after an adjective: 's'est dit disponible pour accueillir', the infinitive hung on the speech verb)."""
    doc = token.doc
    if token.i + 2 >= len(doc) or any(c.dep_ == "xcomp" for c in token.children):
        return None
    mark, verb = doc[token.i + 1], doc[token.i + 2]
    marks = (cases().to, cases().of, cases().for_) if token.pos_ == "ADJ" else (cases().to, cases().of)
    if lemma(mark) in marks and verb.pos_ == "VERB" and "Inf" in morph_values(verb, "VerbForm"):
        return verb
    return None


def conjuncts(token: Token) -> list[Token]:
    """A head and the heads coordinated with it ('Moscou et Pyongyang')."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN", "PRON"):
            found.extend(conjuncts(child))
    return found


def is_party_head(head: Token, lexicon: Lexicon) -> bool:
    """A name, a pronoun or a noun of people or of a group of them ('les partis traditionnels')."""
    return is_animate(head, lexicon) or is_group(head, lexicon)


def is_host(head: Token, lexicon: Lexicon) -> bool:
    """Unnamed people or a place whose people receive a visit ('les blessés', 'une usine')."""
    return head.pos_ == "NOUN" and (is_group(head, lexicon) or lemma(head) in lexicon.classes.get("host", ()))


def is_group(head: Token, lexicon: Lexicon) -> bool:
    """A noun naming people or a group of them ('la gauche', 'les ONG environnementales', 'des militants')."""
    return head.pos_ == "NOUN" and (is_animate(head, lexicon, loose=True) or lemma(head) in lexicon.classes.get("collective", ()))
