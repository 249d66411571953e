"""Triggers: which tokens of a `Doc` read as an event word of the lexicon, and whether a reading's
constraints (required words, word classes, flags) hold in the token's clause.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.strings import hash_string  # type: ignore[attr-defined]  # compiled, not in the stubs
from spacy.symbols import ADJ, NOUN, PROPN, VERB
from spacy.tokens import Doc, Token

from ..entities.countries import event_country
from ..lang.profile import active_profile, get_profile
from ..nlp import doc_words
from .features import ROW_KEYS, TokenTable
from .lexicon import Lexicon, Trigger
from .modes import cases, doc_lemmas, doc_table, is_speech, lemma, morph_values
from .scene import proper_name
from .syntax import (
    agent_of,
    agreed_complements,
    antecedent,
    clause_subjects,
    described_noun,
    has_case,
    has_inverted_subject,
    inherited_subject,
    is_animate,
    is_inverted,
    is_passive,
    nearby_positions,
    passive_agents,
    people_head,
)

POS_KEYS = {"VERB": ("V",), "NOUN": ("N",), "ADJ": ("A", "V"), "PROPN": ("N",)}
ANY_KEYS = ("V", "N", "A")  # every key a token's reading may have (a NOUN may be read as a verb)
TRIGGER_POS = frozenset({NOUN, VERB, ADJ, PROPN})  # the parts of speech of POS_KEYS
HYPHEN = hash_string("-")
_HEADS: dict[int, tuple[Lexicon, frozenset[str]]] = {}  # per lexicon: the lexicon's head lemmas
SUBJECT_CLASSES = frozenset({"protester", "force", "military", "verbal"})  # classes that may be met by the subject


@dataclass(frozen=True)
class Frame:
    """A matched trigger with the tokens heading its source and target phrases."""

    token: Token
    trigger: Trigger
    sources: tuple[Token, ...]
    targets: tuple[Token, ...]


def trigger_candidates(doc: Doc, lexicon: Lexicon) -> Iterator[Token]:
    """The tokens `match_trigger` may match: a trigger's part of speech and a lexicon reading among the forms it
    looks up (decided once per token reading of the doc's token table, `reading_flags`, and found by numpy; a word
    joined by a hyphen is always checked)."""
    table = doc_table(doc)
    flags = reading_flags(table, lexicon, doc.vocab.strings)[table.ids]
    chosen = flags == TRIGGER_TAG | HAS_READING
    hyphens = np.flatnonzero(table.orth[1:-1] == HYPHEN)  # 'sit-in': a word, a hyphen and a word with no space
    if len(hyphens):
        spaces = doc_words(doc).spaces
        for index in hyphens.tolist():
            if not spaces[index] and not spaces[index + 1] and flags[index]:
                chosen[index] = True  # the joined word is one of the forms
    for index in np.flatnonzero(chosen).tolist():
        yield doc[index]


TRIGGER_TAG, HAS_READING = 1, 2  # `reading_flags`: a trigger's part of speech; a lexicon reading among the forms
TRIGGER_TAGS = frozenset(POS_KEYS)  # the parts of speech of POS_KEYS, as `TokenTable.pos` reads them
_FLAGS: dict[int, tuple[Lexicon, str, list, np.ndarray]] = {}  # per lexicon: (lexicon, language, readings, flags)


def reading_flags(table: TokenTable, lexicon: Lexicon, strings: object) -> np.ndarray:
    """By reading id (`TokenTable.ids`): TRIGGER_TAG for a trigger's part of speech, with HAS_READING when a form
    `match_trigger` looks up for the word is one of the lexicon's head lemmas (`has_reading`): computed once per
    reading and lexicon, for the readings met since the last call."""
    lang = active_profile().code
    found = _FLAGS.get(id(lexicon))
    readings = table.readings
    if found is None or found[0] is not lexicon or found[1] != lang or found[2] is not readings:
        found = (lexicon, lang, readings, np.zeros(0, dtype=np.int8))
    flags = found[3]
    if len(flags) < len(readings):
        heads, forms = lexicon_heads(lexicon), word_form_rules(lang)
        new: list[int] = []
        for reading in readings[len(flags):]:
            if reading[3] not in TRIGGER_TAGS:
                new.append(0)
                continue
            _, lower, lemma_key, pos, *_ = ROW_KEYS.unpack(reading[8])
            known = has_reading(strings[pos], strings[lower], strings[lemma_key], heads, forms)  # type: ignore[index]
            new.append(TRIGGER_TAG | HAS_READING if known else TRIGGER_TAG)
        flags = np.concatenate([flags, np.array(new, dtype=np.int8)])
    _FLAGS[id(lexicon)] = (lexicon, lang, readings, flags)
    return flags


def reading_heads(lexicon: Lexicon) -> frozenset[str]:
    """The head lemmas the lexicon has a reading for under one of the keys `match_trigger` tries."""
    return frozenset(value for value, key in lexicon.triggers if key in ANY_KEYS)


def lexicon_heads(lexicon: Lexicon) -> frozenset[str]:
    """`reading_heads` of the lexicon, built once per lexicon."""
    owner, heads = _HEADS.get(id(lexicon), (None, frozenset()))
    if owner is not lexicon:
        heads = reading_heads(lexicon)
        _HEADS[id(lexicon)] = (lexicon, heads)
    return heads


def has_reading(pos: str, lower: str, lemma_text: str, heads: frozenset[str], forms: WordFormRules) -> bool:
    """Some form `match_trigger` looks up for a word (its lemma, the infinitives guessed from it) is one of the
    lexicon's `heads` (the forms' rules of the active language given)."""
    value = lemma_text.lower().replace("’", "'")  # `modes.lemma` of a word that is not a preposition
    value = forms.contractions.get(value, value)
    if value in heads:
        return True
    return any(form in heads for form in forms.forms(pos, value, lower)[1:]) or forms.guess(pos, lower) in heads


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
            yield Frame(token, protest_action(active_profile().code), (actor,), ())


@lru_cache(maxsize=8)
def protest_action(lang: str) -> Trigger:
    """The reading given to an act of protesters in language `lang`: a protest against its object."""
    return Trigger(lemma="", pos="V", type="PROTEST", cameo="14", obj="theme",
                   preps=frozenset({get_profile(lang).cases.against}), flags=frozenset())


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
    return word_form_rules(active_profile().code).forms(pos, value, lower)


@dataclass(frozen=True)
class WordFormRules:
    """What `word_forms` and `infinitive_guess` read of a language's profile, gathered once per language (they run
    for every new word of every article)."""

    contractions: dict[str, str]  # `modes.contractions`
    participles: tuple[tuple[str, str, tuple[str, ...]], ...]  # `participle_endings`
    agreement: str  # `agreement_letters`
    singular: str  # the profile's present_singular ending and the infinitive ending that replaces it
    infinitive: str
    infinitive_endings: tuple[str, ...]
    finite: dict[str, str]  # the profile's finite_endings, in their order
    finite_any: tuple[str, ...]  # their keys, for one `endswith` that most words fail

    def forms(self, pos: str, value: str, lower: str) -> list[str]:
        """`word_forms` in this language."""
        found = [value]
        if pos in ("ADJ", "VERB", "NOUN"):  # a noun: 'a épinglé' tagged as one, read as a verb when it has an auxiliary
            for vowel, ending, agreed in self.participles:  # 'réclamées' -> 'réclamer'
                if value.endswith(agreed):
                    found.append(value.rstrip(self.agreement).rstrip(vowel) + ending)
        singular = self.singular
        if pos in ("NOUN", "VERB") and lower.endswith(singular) and not value.endswith(self.infinitive_endings):
            found.append(lower[: len(lower) - len(singular)] + self.infinitive)  # 'réclame' tagged as a noun
        return found

    def guess(self, pos: str, word: str) -> str | None:
        """`infinitive_guess` in this language."""
        if pos not in ("NOUN", "ADJ") or not word.endswith(self.finite_any):
            return None
        finite = self.finite
        ending = next(ending for ending in finite if word.endswith(ending))
        return word[: len(word) - len(ending)] + finite[ending]


@lru_cache(maxsize=8)
def word_form_rules(lang: str) -> WordFormRules:
    """Language `lang`'s `WordFormRules`."""
    profile = get_profile(lang)
    singular, infinitive = profile.present_singular
    return WordFormRules(
        contractions=profile.base_forms, participles=participle_endings(lang), agreement=agreement_letters(lang),
        singular=singular, infinitive=infinitive, infinitive_endings=tuple(profile.infinitive_endings),
        finite=dict(profile.finite_endings), finite_any=tuple(profile.finite_endings),
    )


@lru_cache(maxsize=8)
def participle_endings(lang: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """Language `lang`'s participles as (stem vowel, infinitive ending, the vowel with each agreement ending),
    built once (`word_forms` reads them for every new word)."""
    profile = get_profile(lang)
    return tuple((vowel, ending, tuple(vowel + agreement for agreement in profile.agreement_endings))
                 for vowel, ending in profile.participles.items())


@lru_cache(maxsize=8)
def agreement_letters(lang: str) -> str:
    """The letters of language `lang`'s agreement endings ('es'): stripped before a participle's stem vowel."""
    return "".join(sorted(set("".join(get_profile(lang).agreement_endings))))


def hyphenated(token: Token) -> str | None:
    """'sit-in' split by the tokenizer into 'sit', '-', 'in': the joined lower-case word."""
    doc = token.doc
    if token.whitespace_ or token.i + 2 >= len(doc) or doc[token.i + 1].text != "-" or doc[token.i + 1].whitespace_:
        return None
    return f"{token.lower_}-{doc[token.i + 2].lower_}"


def match_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    """The first lexicon reading of `token` whose required words and constraints hold."""
    table = doc_table(token.doc)  # the word's tags and its children's relations, with no Token object
    tag, relation, relations = table.pos[token.i], table.dep[token.i], table.dep
    if tag not in POS_KEYS or relation in ("fixed", "case"):
        return None
    guess = guessed_infinitive(token)
    hidden = hidden_verb_forms(token) if guess is not None and (guess, "V") in lexicon.triggers else []
    if token.ent_type_ in ("PER", "LOC", "ORG") and not hidden:  # '», brocarde le député X' is tagged as a name
        return None
    values = hidden + candidate_lemmas(token)
    heads = lexicon_heads(lexicon)
    if not any(value in heads for value in values):
        return None  # most words: no reading to check, so none of the costlier tests below
    keys = POS_KEYS.get(tag, ())
    noun = tag == "NOUN" and not hidden
    if hidden:
        keys = ("V",)  # '», tacle un député', 'les autorités réexaminent la peine'
    elif tag == "NOUN" and any(relations[c].startswith(("aux", "nsubj")) for c in table.dependents[token.i]):
        keys = ("V", "N")  # a verb the tagger took for a noun ('a téléphoné', 'l'opposition réclame')
    elif tag == "NOUN" and relation == "nmod" and is_bare_modifier(token, lexicon):
        return None  # 'crimes de guerre', 'motion de censure': a modifier, not an event
    if noun and is_past_topic(token, lexicon):
        return None  # 'l'anniversaire de la libération', 'violer les sanctions': not an event told here
    if noun and is_ruled(token, lexicon):
        return None  # 'l'interdiction des rassemblements', 'les visites ont été suspendues': a rule's topic
    if noun and is_figurative(token, lexicon):  # 'la guerre froide', 'une guerre commerciale', 'son combat pour la liberté'
        return figurative_reading(token, values, lexicon)  # unless a reading names that use: 'des attaques verbales'
    if tag == "VERB" and names_a_hazard(token.doc, lexicon) and is_hazard(
            inherited_subject(token, lexicon, loose=True), lexicon):
        return None  # 'la tempête menace les côtes': a natural force does no political act
    for value in values:
        for pos in keys:
            for trigger in lexicon.triggers.get((value, pos), ()):
                if satisfies(token, trigger, lexicon):
                    return trigger
    return None


def figurative_reading(noun: Token, values: list[str], lexicon: Lexicon) -> Trigger | None:
    """The noun reading whose `need` class holds the figurative adjective itself ('une attaque verbale' is an
    ACCUSE, need:verbal), or None: the other readings of a metaphor are no event."""
    lemmas, table = doc_lemmas(noun.doc), doc_table(noun.doc)
    adjectives = {lemmas[c] for c in table.dependents[noun.i] if table.dep[c] == "amod"}
    for value in values:
        for trigger in lexicon.triggers.get((value, "N"), ()):
            if trigger.need and adjectives & lexicon.classes.get(trigger.need, frozenset()) and satisfies(
                    noun, trigger, lexicon):
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
    return word_form_rules(active_profile().code).guess(pos, word)


def is_hidden_verb(frame: Frame) -> bool:
    """A verbal reading matched on a word the tagger took for a noun or an adjective, and the parse gave it no
    subject of its own, or one inside the quote before it ('« ... », tacle un député'): read linearly."""
    token = frame.token
    if frame.trigger.pos != "V" or token.pos_ not in ("NOUN", "ADJ") or not hidden_verb_forms(token):
        return False
    after_quote = token.doc[token.i - 1].text in (",", *active_profile().closing_quotes)
    return after_quote or not any(c.dep_.startswith(("aux", "nsubj")) for c in token.children)


def hidden_verb_mode(token: Token) -> str:
    """The mode of a verb taken for a noun: its parse says nothing, only a 'ne' right before it negates it."""
    return "negated" if token.doc[token.i - 1].lower_ in active_profile().negation_particles else "asserted"


def is_past_topic(noun: Token, lexicon: Lexicon) -> bool:
    """An event noun remembered or referred to: 'l'anniversaire de la libération', 'violer les sanctions'."""
    head = lemma(noun.head)
    if noun.dep_.startswith("nmod") and has_case(noun, {cases().of}) and head in lexicon.classes.get("commemoration", ()):
        return True
    return noun.dep_ == "obj" and lexicon.cue("topic", head)


def is_ruled(noun: Token, lexicon: Lexicon) -> bool:
    """An event noun a rule bans, suspends or limits (class `ruling`): the object, subject or 'de' complement of a
    ruling word ('l'interdiction des rassemblements', 'les visites ont été suspendues', 'limiter les voyages'), or
    bearing a ruling participle outside a clause that tells it ('les bars fermés et les rassemblements interdits';
    'une manifestation interdite a réuni des milliers de personnes' is told)."""
    ruling = lexicon.classes.get("ruling", ())
    if not ruling:
        return False
    table, lemmas = doc_table(noun.doc), doc_lemmas(noun.doc)
    relation, head = table.dep[noun.i], table.head[noun.i]
    if head != noun.i and lemmas[head] in ruling and (
            relation in ("obj", "nsubj", "nsubj:pass", "obl:arg")
            or relation.startswith("nmod") and has_case(noun, {cases().of})):
        return True
    if relation in ("nsubj", "nsubj:pass", "obj", "obl:arg", "obl:mod", "nmod"):
        return False
    return any(table.dep[child] in ("amod", "acl") and lemmas[child] in ruling for child in table.dependents[noun.i])


def is_figurative(noun: Token, lexicon: Lexicon) -> bool:
    """An event noun used as a metaphor: a figurative adjective, or a fight 'pour' a cause or 'sur' a topic."""
    classes, table, lemmas = lexicon.classes, doc_table(noun.doc), doc_lemmas(noun.doc)  # no Token object per child
    dependents, relations = table.dependents, table.dep
    for child in dependents[noun.i]:
        relation = relations[child]
        if relation == "amod" and lemmas[child] in classes.get("figurative", ()):
            return True
        if relation.startswith("nmod") and lemmas[child] in classes.get("topic", ()):
            return True  # 'une offensive sur le thème de l'insécurité'
        if relation.startswith("nmod") and next((lemmas[c] for c in dependents[child] if relations[c] == "case"),
                                                None) == cases().for_:  # `case_of`
            return noun.lemma_.lower() in classes.get("struggle", ())  # 'son combat pour la liberté'

    return False


def is_bare_modifier(noun: Token, lexicon: Lexicon) -> bool:
    """A noun without determiner after 'de' that classifies another noun ('machine de guerre')."""
    table = doc_table(noun.doc)
    children, relations = table.dependents[noun.i], table.dep
    if not has_case(noun, {cases().of}) or any(relations[c] == "det" for c in children):
        return False
    head = doc_lemmas(noun.doc)[table.head[noun.i]]  # `lemma(noun.head)`
    classifier = head in lexicon.classes.get("classifier", ())
    if head in lexicon.classes.get("series", ()):
        return False  # 'une campagne de bombardements', 'une vague d'arrestations': events
    return classifier or not any(relations[c] in ("amod", "nmod") for c in children)


def names_a_hazard(doc: Doc, lexicon: Lexicon) -> bool:
    """Some word of the doc has the lemma of a natural force or disaster: else no subject is one (`is_hazard`),
    and none is looked for (decided once per doc and lexicon, the last doc's kept)."""
    global _last_hazard
    lemmas, hazards = doc_lemmas(doc), lexicon.classes.get("hazard", frozenset())
    last = _last_hazard
    if last is None or last[0] is not lemmas or last[1] is not hazards:  # the lemma list is held: never reused
        last = _last_hazard = (lemmas, hazards, not hazards.isdisjoint(lemmas))
    return last[2]


_last_hazard: tuple[list[str], frozenset[str], bool] | None = None


def is_hazard(subject: Token | None, lexicon: Lexicon) -> bool:
    """A natural force or disaster ('la tempête', 'le séisme', 'les inondations')."""
    return subject is not None and lemma(antecedent(subject)) in lexicon.classes.get("hazard", ())


def satisfies(token: Token, trigger: Trigger, lexicon: Lexicon) -> bool:
    """Required words, reflexive pronoun, word class and object constraints of a reading."""
    if trigger.words and not set(trigger.words) <= words_around(token):
        return False
    reflexives = active_profile().reflexive_clitics
    if trigger.reflexive and not any(c.lower_.replace("’", "'") in reflexives and c.i < token.i for c in token.children):
        return False
    if "noobj" in trigger.flags and any(relation == "obj" for relation in child_relations(token)):
        return False
    if not flags_hold(token, trigger, lexicon):
        return False
    need = trigger.need
    if need == "place":
        return any(
            c.dep_.startswith(("obl", "nmod")) and (c.ent_type_ in ("LOC", "GPE") or event_country(c.text, as_actor=False)
                                          or lemma(c) in lexicon.classes.get("place", ()))
            for c in token.children
        )
    if need == "complement":
        around_noun = list(token.head.children) if token.pos_ == "NOUN" and token.dep_ == "obj" else []
        return any(  # 'lancer un appel à la retenue': the parser may hang 'à' on the light verb
            c.dep_ == "xcomp" or (c.dep_.startswith(("obl", "nmod")) and has_case(c, {cases().to}))
            or (c.dep_ == "obj" and has_object_infinitive(c))
            for c in [*token.children, *around_noun]
        )
    if need in ("person", "patient"):
        if any(c.dep_ == "xcomp" and c.pos_ in ("ADJ", "NOUN") for c in token.children):
            return False  # 'jugés responsables du drame': deemed, not tried
        if token.dep_ == "acl":  # 'un ingénieur détenu', 'ce message consulté par'
            return is_animate(described_noun(token, lexicon), lexicon, loose=True)
        patients = [people_head(c) for c in token.children if c.dep_ in ("obj", "nsubj:pass")]
        if patients:
            return any(is_animate(antecedent(c), lexicon, loose=c.dep_ in ("nsubj:pass", "nmod")) for c in patients)
        # with no object: 'a été arrêté' stands alone; 'jugeront si...' judges no one; need:patient wants one
        profile = active_profile()
        clause_words = {profile.whether, *profile.complementizers}
        return need == "person" and not any(c.dep_ == "ccomp" or has_case(c, clause_words) for c in token.children)
    if need == "territory":  # 'Auckland a été reconfinée', 'confiner le pays': a place, not a person at home
        return any(is_territory(c, lexicon) for c in token.children if c.dep_ in ("obj", "nsubj:pass"))
    if need == "clause":  # 'voudrait que le gouvernement accélère': someone else is to act
        return bool(clause_subjects(token))
    if need:
        words = lexicon.classes.get(need, frozenset())
        around = nearby_positions(token)  # built only for the readings that need it: most have no constraint
        lemma_of, table = doc_lemmas(token.doc), doc_table(token.doc)  # no Token object per word around
        relations, heads = table.dep, table.head
        lemmas = {lemma_of[p] for p in around}
        objects = {lemma_of[p] for p in around
                   if not relations[p].startswith("nsubj") and not relations[heads[p]].startswith("nsubj")}
        subject_ok = need in SUBJECT_CLASSES and bool(words & lemmas)
        return subject_ok or bool(words & objects) or lemma(token.head) in words
    return True


def is_auxless_participle(token: Token) -> bool:
    """A past participle with no auxiliary: a state, whatever subject the parser hangs on it."""
    return ("Part" in morph_values(token, "VerbForm") and "Past" in morph_values(token, "Tense")
            and not any(c.dep_.startswith("aux") for c in token.children))


def has_object_infinitive(obj: Token) -> bool:
    """'appeler les habitants à rester': the parser may hang the infinitive on the object, as a clause of it."""
    return any(
        c.dep_ == "acl" and "Inf" in morph_values(c, "VerbForm") and has_case(c, {cases().to})
        for c in obj.children
    )


def child_relations(token: Token) -> list[str]:
    """The relations of the token's children, in order (read from the doc's token table)."""
    table = doc_table(token.doc)
    relations = table.dep
    return [relations[child] for child in table.dependents[token.i]]


def words_around(token: Token) -> set[str]:
    """The lemmas of the words `nearby` the token (read from the doc's lemmas, no Token object)."""
    lemma_of = doc_lemmas(token.doc)
    return {lemma_of[position] for position in nearby_positions(token)}


def is_territory(token: Token, lexicon: Lexicon) -> bool:
    """A country, a city or a region ('Auckland', 'la ville de Melbourne', 'le pays')."""
    if token.pos_ == "PROPN":
        return token.ent_type_ in ("LOC", "GPE") or event_country(proper_name(token), as_actor=False) is not None
    return lemma(token) in lexicon.classes.get("place", ())


def flags_hold(token: Token, trigger: Trigger, lexicon: Lexicon) -> bool:
    """The agent, authority, noclause and copula constraints of a reading."""
    flags = trigger.flags
    agent = agent_of(token) if "agent" in flags or "authority" in flags else None  # most readings need neither
    if "agent" in flags and is_passive(token) and agent is None and not has_inverted_subject(token):
        return False  # 'il est confiné chez lui', 'un homme accusé de vol': a state, no one named doing it
    if "agent" in flags and agent is None and token.dep_ != "conj" and is_auxless_participle(token):
        return False  # 'le président, très contesté dans la rue, a reçu...': the parser may make the noun its subject
    if "authority" in flags and agent is not None and lemma(agent) not in lexicon.classes.get("authority", ()):
        return agent.pos_ == "PROPN"  # 'interpellé par un passant' is no arrest
    clitic = active_profile().partitive_clitic
    if "en" in flags and not any(c.lower_ == clitic and c.pos_ == "PRON" and c.i < token.i for c in token.children):
        return False  # 'en vouloir à'
    if "noclause" in flags and (any(c.dep_ == "ccomp" for c in token.children) or is_inverted(token)):
        return False  # 'a reconnu que...', '», reconnaît X': an admission
    if "absorb" in flags and trigger.type == "AGREE":
        return not any(is_copular(c, lexicon) for c in agreed_complements(token))
    return True


def is_copular(complement: Token, lexicon: Lexicon) -> bool:
    """A state, not an action: 'être candidate', 'rester ministre'."""
    copulas = lexicon.classes.get("copula", ())
    light = lemma(complement) == active_profile().have_verb
    if light and any(c.dep_ == "obj" and match_trigger(c, lexicon) for c in complement.children):
        return False  # 'prêt à avoir un dialogue': 'avoir' with an event noun is a light verb
    return lemma(complement) in copulas or any(c.dep_ == "cop" and lemma(c) in copulas for c in complement.children)
