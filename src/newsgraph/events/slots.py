"""Source and target slots: the tokens heading the actor phrases of a trigger's clause (subject, object and
prepositional complements of a verb, passives turned round; adjectives, "de" complements and governing verb of a
noun), which make a `Frame`.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from ..entities.countries import demonym_country
from ..lang.profile import active_profile
from .actors import (
    is_inverted_pronoun,
)
from .event_types import has
from .lexicon import Lexicon, Trigger
from .modes import cases, doc_lemmas, doc_table, is_speech, lemma, morph_values, subject
from .scene import parser_sentence
from .syntax import (
    case_of,
    clause_subjects,
    closes_quote,
    conjuncts,
    described_noun,
    described_object,
    has_case,
    inherited_subject,
    is_bare_participle,
    is_inverted,
    is_own_event_verb,
    is_partitive_object,
    is_party_head,
    is_passive,
    left_subject,
    linear_complement,
    nearby,
    occasion_adjunct,
    passive_agents,
    phrase_before,
    subject_after,
    time_hung,
    undergoes,
)
from .triggers import Frame, is_hidden_verb, match_trigger, trigger_candidates

OBLIQUE_DEPS = ("obl", "iobj", "nmod", "obl:arg", "obl:mod")
TERMINAL = (".", "!", "?", "»", '"', "…", ":", ";")
RECIPIENT_REACH = 16  # tokens: a list of three or four things given
STRAY_REACH = 6  # tokens: 'en octobre 2018', 'lundi dernier'
CLAUSE_DEPS = ("nsubj", "cop", "aux", "obj")  # a conjunct with these is a clause of its own, not a co-actor
COMPLEMENTS = ("nmod", "obl", "obj")  # relations a second complement of a list may be given


def find_frames(doc: Doc, lexicon: Lexicon) -> Iterator[Frame | None]:
    """Every trigger occurrence whose constraints hold, with its argument heads."""
    for token in trigger_candidates(doc, lexicon):
        trigger = match_trigger(token, lexicon)
        if trigger is not None:
            yield build_frame(token, trigger, lexicon)


def hidden_verb_arguments(token: Token, trigger: Trigger) -> tuple[list[Token], list[Token]]:
    """Source and target heads of a verb the tagger took for a noun: the phrase before it and the one after it, or
    only the one after it when it follows a quote or a comma ('», tacle un député': the subject comes after)."""
    doc = token.doc
    after = next((t for t in doc[token.i + 1: token.i + 6] if t.pos_ in ("NOUN", "PROPN")), None)
    if doc[token.i - 1].text in (",", *active_profile().closing_quotes):
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
        if not found and child.dep_ == "acl" and "Part" in morph_values(child, "VerbForm"):
            found = prep_targets(child, trigger)
    return found


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
        sources, targets = verb_arguments(token, trigger, lexicon)
        following = linear_complement(token) if "absorb" in trigger.flags else None
        if following is not None:
            sources = sources or [s for s in [inherited_subject(following, lexicon)] if s is not None]
            targets = targets or [c for c in following.children if c.dep_ == "obj"] + prep_targets(following, trigger)
    sources, targets = with_hung_conjuncts(sources, lexicon), with_hung_conjuncts(targets, lexicon)
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
        if reading is not None and has(reading.type, "hostile"):
            return verb
    return None


def decree_arguments(token: Token, trigger: Trigger, lexicon: Lexicon) -> tuple[list[Token], list[Token]] | None:
    """Source and target heads of a restriction a decree verb orders ('le gouvernement a ordonné la fermeture
    des écoles'), or None when no decree verb governs or describes it."""
    verb = decree_verb(token, lexicon)
    if verb is None:
        return None
    if is_passive(verb) or "Part" in morph_values(verb, "VerbForm") and is_bare_participle(verb):
        sources = passive_agents(verb)
    else:
        sources = [s for s in [inherited_subject(verb, lexicon)] if s is not None and s.i not in (token.i, token.head.i)]
    if not sources and is_speech(verb, lexicon):
        return None  # 'la fermeture a été annoncée': an announcement by no one named
    targets = ([c for c in token.children if c.dep_.startswith("nmod") and case_of(c) == cases().of]
               if trigger.obj == "target" else [])
    return sources, targets


def decree_verb(token: Token, lexicon: Lexicon) -> Token | None:
    """The decree verb ordering a restriction word: its governor ('ordonner une semaine de confinement'), a
    participle describing it ('le confinement, décrété fin mars'), or the verb an adjective completes ('est
    devenu obligatoire', 'rendre le port du masque obligatoire')."""
    if token.pos_ == "ADJ":
        verbs = [c for c in token.children if c.dep_ == "cop"] + [next((h for h in token.ancestors if h.pos_ == "VERB"), token)]
        verb = next((h for h in verbs if lexicon.cue("decree", lemma(h))), None)
        said_of = [c for h in (token, verb) if h is not None for c in h.children if c.dep_.startswith("nsubj")]
        if any("Dem" in morph_values(c, "PronType") or c.lower_ in active_profile().demonstrative_pronouns for c in said_of):
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
    if verb.pos_ != "VERB" or not lexicon.cue("decree", lemma(verb)) or lemma(verb) in lexicon.classes.get("not_decree", ()):
        return None
    if head.dep_ in ("obj", "nsubj:pass", "obl:arg") or head.dep_.startswith("obl") and case_of(head) is None:
        return verb
    described = head.i < verb.i and verb.doc[verb.i - 1].text == "," and is_bare_participle(verb)
    return verb if described else None  # 'En plein confinement, décrété fin mars': the parser hangs it on the verb


def verb_arguments(verb: Token, trigger: Trigger, lexicon: Lexicon) -> tuple[list[Token], list[Token]]:
    """Source and target heads of a verbal trigger, active or passive."""
    sources: list[Token] = []
    targets: list[Token] = []
    doc, table = verb.doc, doc_table(verb.doc)  # the verb's children read as positions: Token objects for the heads
    children, relations, tags = table.dependents[verb.i], table.dep, table.pos
    if is_passive(verb):
        sources.extend(passive_agents(verb))
        patient = next((doc[c] for c in children if relations[c] == "nsubj:pass"), None)
        if patient is None and verb.dep_ in ("acl", "amod"):
            patient = described_noun(verb, lexicon)
        elif patient is None and described_object(verb) is not None:
            patient = described_object(verb)  # 'X a proposé un accord, rejeté par Y'
        elif patient is None:  # 'la Russie pourrait être sanctionnée', 'X, né en Iran, a été condamné'
            patient = inherited_subject(verb, lexicon) or left_subject(verb) or appositive_subject(verb)
        if patient is not None and (trigger.obj == "target" or has(trigger.type, "reaction") and is_party_head(patient, lexicon)):
            targets.append(patient)  # 'les partis traditionnels, rejetés par la rue': people rejected are targets
    else:
        clitic = next((doc[c] for c in children if relations[c].startswith("nsubj") and is_inverted_pronoun(doc[c])), None)
        subj = clitic or inherited_subject(verb, lexicon)  # '« X ... », a-t-il dit': not X from inside the quote
        objects = [doc[c] for c in children if relations[c] == "obj"] or [  # 'a appelé vendredi l'UE': hung on the date
            doc[g] for c in children if relations[c] == "obl:mod" and tags[c] == "NOUN" for g in table.dependents[c]
            if relations[g] == "obj"]
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
    if cases().to in trigger.preps:  # 'lui fournir des armes': the dative clitic is the 'à' complement
        targets.extend(datives(verb))
    if "from" in trigger.flags and not sources:  # 'exclu du parti': the body one is excluded from excludes
        sources = [t for t in targets if case_of(t) == cases().of]
        targets = [t for t in targets if case_of(t) != cases().of]
    if not targets and trigger.obj != "target":
        for obj in (c for c in verb.children if c.dep_ == "obj"):
            targets.extend(theme_targets(obj, trigger))
    if not targets and "absorb" in trigger.flags:
        targets.extend(complement_targets(verb, trigger))
    if not targets and trigger.need == "clause":
        targets.extend(clause_subjects(verb))
    if not targets and has(trigger.type, "ousted_target"):  # 'réclamer le départ du président et du chef du Parlement'
        targets.extend(ousted(verb, lexicon))
    if not targets and trigger.obj == "theme" and cases().to in trigger.preps:
        targets.extend(following_recipient(verb))
    if "hosts" in trigger.flags:  # 'X a reçu Y': Y visits X, the visitor is the source (EVENTS.md)
        sources, targets = targets, sources
    return sources, targets


def relative_object(verb: Token) -> list[Token]:
    """The noun an object relative clause describes ('le journaliste que la police a arrêté' -> journaliste)."""
    if verb.dep_ != "acl:relcl" or verb.head.pos_ not in ("NOUN", "PROPN") or subject(verb) is None:
        return []
    objective = any(c.i < verb.i and c.lower_.replace("’", "'") in active_profile().complementizers for c in verb.children)
    return [verb.head] if objective else []


def appositive_subject(verb: Token) -> Token | None:
    """The subject the parser gave to a participle set off by commas before the verb ('la chercheuse, née en Iran,
    a été condamnée': 'chercheuse' under 'née')."""
    doc = verb.doc
    for child in nearby(verb):
        if (child.i < verb.i and child.pos_ == "VERB" and "Part" in morph_values(child, "VerbForm")
                and doc[child.i - 1].text == ","):
            found = next((g for g in child.children if g.dep_ == "nsubj" and g.right_edge.i == child.i - 2), None)
            if found is not None and doc[child.right_edge.i + 1].text == "," and child.right_edge.i + 1 < verb.i:
                return found
    return None


def stranded_conjunct(subj: Token) -> list[Token]:
    """'ce que Pékin et Moscou ont nié': the parser hangs 'Pékin' elsewhere; take it back as a co-subject."""
    doc = subj.doc
    if subj.i < 2 or doc[subj.i - 1].lower_ != active_profile().coordinator:
        return []
    first = doc[subj.i - 2]
    if subj.dep_ == "conj" and subj.head.i == first.i:  # 'Moscou et Pyongyang': the nearest was the last one
        return [first] if first.pos_ == "PROPN" else []
    stranded = doc[subj.i - 1].head.i != subj.i and first.dep_ not in ("nsubj", "conj")
    return [first] if stranded and first.pos_ == "PROPN" else []


def with_hung_conjuncts(heads: list[Token], lexicon: Lexicon) -> list[Token]:
    """The heads and the phrases coordinated with them that the parser hung elsewhere: on their governor or the
    governor's own ('les critiques de l'UE, de l'ONU et de la Ligue arabe', 'envoyer à X et Y une lettre',
    'manifester, certains accusant les élus et les juges de ...'), or beside them as a second complement of the
    same preposition after a comma ('discuter avec les habitants, avec les élus'). Each is a phrase right after
    the last one, a name or a noun of people with its article ('X, pays avec lequel ...', 'X, vétéran et cadre
    de ...' describe X), with the same preposition (or none when the head has none), and no clause of its own; a
    list of conjuncts ends with a coordinator."""
    found = list(heads)
    for head in heads:
        chain: list[Token] = []
        last, case = head, case_of(head)
        table = doc_table(head.doc)  # the hosts and their children read as positions: Token objects for the conjuncts
        relations, heads_of = table.dep, table.head
        governor, relation = heads_of[head.i], relations[head.i]
        listed = case is not None and relation != "conj"
        hosts = [h for h in (governor, heads_of[governor]) if h != head.i]
        # 'par X, par Y', 'de X (UE), de Y': the parser may hang the second as an 'obl:mod' or an object of either host
        others = [head.doc[c] for c in sorted({c for h in hosts for c in table.dependents[h] if relations[c] == "conj"
                                               or listed and relations[c].split(":")[0] in COMPLEMENTS})]
        for child in others:
            if child.i <= last.right_edge.i:
                continue
            sibling = child.dep_ != "conj"  # 'avec X, avec Y': a list only after a comma, with the preposition again
            comma = sibling and child.left_edge.i == last.right_edge.i + 2  # the parser hung the comma elsewhere
            if child.left_edge.i != last.right_edge.i + 1 and not comma or child.pos_ not in ("NOUN", "PROPN"):
                break
            after_comma = "," in (child.doc[child.left_edge.i - 1].text, child.left_edge.text)
            if sibling and (case_of(child) != case or not after_comma):
                break
            if case_of(child) not in (case, None) or any(c.dep_.startswith(CLAUSE_DEPS) for c in child.children):
                break
            if not is_actor_phrase(child, lexicon) or not (child.pos_ == "PROPN" or has_article(child)):
                break
            chain.append(child)
            last = child
        while chain and chain[-1].dep_ == "conj" and not any(c.dep_ == "cc" for t in conjuncts(chain[-1]) for c in t.children):
            chain.pop()  # a list ends with its coordinator ('X, Y et Z', Z under Y); 'à Prague, le ministre' is no list
        found.extend(child for child in chain if child not in found)
        found.extend(child for child in nested_conjuncts(head, lexicon) if child not in found)
    return found


def nested_conjuncts(head: Token, lexicon: Lexicon) -> list[Token]:
    """'les critiques de l'UE, de l'Égypte et de plusieurs pays': the parser hangs the middle of a list under the
    first as its own complement; a complement with the head's preposition after a comma, right before a
    coordinated conjunct of the head, is one more item of the list."""
    case = case_of(head)
    if case is None:
        return []
    doc = head.doc
    closing = [c for c in head.children if c.dep_ == "conj" and any(g.dep_ == "cc" for g in c.children)]
    found = []
    for child in head.children:
        if not child.dep_.startswith("nmod") or child.i < head.i or case_of(child) != case:
            continue
        if doc[child.left_edge.i - 1].text != "," or not any(c.left_edge.i == child.right_edge.i + 1 for c in closing):
            continue
        if is_actor_phrase(child, lexicon) and (child.pos_ == "PROPN" or has_article(child)):
            found.append(child)
    return found


def is_actor_phrase(head: Token, lexicon: Lexicon) -> bool:
    """A name, or a noun of people, of a group of them or of states ('plusieurs pays voisins')."""
    return head.pos_ == "PROPN" or is_party_head(head, lexicon) or lemma(head) in lexicon.classes.get("polity", ())


def has_article(noun: Token) -> bool:
    """A determiner, or a preposition fused with the article ('des élus', 'aux juges')."""
    fused = active_profile().contractions
    return any(c.dep_ == "det" or c.dep_ == "case" and c.lower_ in fused for c in noun.children)


def stranded_objects(verb: Token, objects: list[Token]) -> list[Token]:
    """'accuse le gouvernement et les juges de ...': the parser hangs 'juges' on the verb as a conjunct."""
    if len(objects) != 1:
        return []
    after = objects[0].right_edge.i + 1
    return [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
            and any(g.dep_ == "cc" and g.i == after and g.lower_ == active_profile().coordinator for g in c.children)]


def prep_targets(head: Token, trigger: Trigger) -> list[Token]:
    """Complements of `head` introduced by the trigger's target prepositions."""
    found = []
    doc, table = head.doc, doc_table(head.doc)  # a Token object for the complements found only
    relations, lemmas, dependents = table.dep, doc_lemmas(head.doc), table.dependents
    between = cases().between
    for child in dependents[head.i]:
        relation = relations[child]
        if relation.startswith(OBLIQUE_DEPS) and relation != "obl:agent":
            prep = next((lemmas[c] for c in dependents[child] if relations[c] == "case"), None)  # `case_of`
            if prep is not None and prep in trigger.preps and prep != between:
                found.append(doc[child])
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
        if token.pos_ in ("VERB", "AUX", "SCONJ") or token.text in TERMINAL or "Rel" in morph_values(token, "PronType"):
            return []
        if token.pos_ in ("NOUN", "PROPN") and case_of(token) == cases().to:
            return [token]
    return []


def ousted(verb: Token, lexicon: Lexicon) -> list[Token]:
    """Who a demand for someone's departure is aimed at: the 'de' complement of 'départ', 'démission'."""
    ousters = lexicon.classes.get("ouster", ())
    for obj in (c for c in verb.children if c.dep_ in ("obj", "obl:arg") and lemma(c) in ousters):
        return [c for c in obj.children if c.dep_.startswith("nmod") and case_of(c) == cases().of]
    return []


def complement_targets(head: Token, trigger: Trigger) -> list[Token]:
    """The actor complement inside what an absorbing trigger governs ('s'engager à renforcer les
    relations avec la Russie' -> la Russie)."""
    for child in head.children:
        if child.dep_ in ("xcomp", "ccomp", "obj"):
            for token in child.subtree:
                if token.dep_ in ("obj", "iobj") or (
                        token.dep_.startswith(("obl", "nmod")) and case_of(token) in (cases().with_, cases().to, cases().toward)):
                    if token.pos_ in ("PROPN",) or token.ent_type_:
                        return [token]
    return []


def noun_arguments(noun: Token, trigger: Trigger, lexicon: Lexicon) -> tuple[list[Token], list[Token]]:
    """Source and target heads of a nominal trigger."""
    sources: list[Token] = []
    targets: list[Token] = []
    doc, table = noun.doc, doc_table(noun.doc)  # the children's relations read once, from the token table
    relations = table.dep
    for position in table.dependents[noun.i]:
        child, relation = doc[position], relations[position]
        prep = case_of(child)
        if relation == "amod" and (demonym_country(child.text) or is_police_adjective(child, lexicon)
                                     or is_armed_adjective(child, lexicon)):  # 'une attaque jihadiste'
            sources.append(child)
        elif relation == "det" and "Poss=Yes" in str(child.morph):
            befalls = "from" in trigger.flags or "befalls" in trigger.flags
            (targets if befalls else sources).append(child)  # 'son exclusion', 'son arrestation': he undergoes it
        elif relation.startswith(("nmod", "acl")) and lemma(child) in lexicon.classes.get("origin", ()):
            # 'les appels au calme en provenance de Washington', 'des appels venus de l'ONU': where the act comes from
            sources.extend(g for g in child.children if g.dep_.startswith(("nmod", "obl")) and case_of(g) == cases().of)
        elif relation.startswith("nmod") and prep == cases().of and is_amount(child, lexicon):
            # 'une aide de dix millions de dollars au Liban': how much, not from whom; the parser hangs 'au Liban' on it
            targets.extend(g for g in child.children if g.dep_.startswith("nmod") and case_of(g) in trigger.preps)
        elif relation.startswith("nmod") and prep == cases().of:
            sources.extend(g for g in child.children if g.dep_.startswith("nmod") and case_of(g) == cases().by)
            if trigger.obj == "theme":  # 'la fourniture d'armes iraniennes à la Russie': the parser hangs them on the theme
                sources.extend(g for g in child.children if g.dep_ == "amod" and demonym_country(g.text))
                targets.extend(g for g in child.children if g.dep_.startswith("nmod") and case_of(g) in trigger.preps)
            role = "source" if "from" in trigger.flags and has_possessive_det(noun) else trigger.obj
            (sources if role == "source" else targets if role == "target" else []).append(child)
        elif relation.startswith("nmod") and prep == cases().by:  # 'le rejet du plan par les députés'
            if not (noun.dep_.startswith("nmod") and has_case(noun, {cases().of}) and noun.head.pos_ == "NOUN"):
                sources.append(child)  # ... but in 'le rejet de l'accord par X', X rejects, not agrees
        elif relation.startswith("nmod") and prep == cases().between:
            sources.append(child)
            targets.extend(other_side(child))
        elif relation.startswith(("nmod", "obl")) and prep in trigger.preps:
            targets.append(child)
        elif relation == "acl" and (between := next(
                (c for c in child.children if c.dep_.startswith("obl") and case_of(c) == cases().between), None)) is not None:
            sources.append(between)  # 'l'accord conclu entre X et Y': X and Y conclude it
            targets.extend(other_side(between))
        elif relation == "acl" and lexicon.cue("light", lemma(child)):  # 'consulté par l'AFP' names a reader
            sources.extend(c for c in child.children if c.dep_ == "obl:agent" or has_case(c, {cases().by}))
            targets.extend(c for c in child.children if c.dep_.startswith("obl") and case_of(c) in trigger.preps)
        elif relation == "acl":
            targets.extend(c for c in child.children if c.dep_.startswith("obl") and case_of(c) in trigger.preps)
    verb = noun.head
    two_sided = has(trigger.type, "between") or "mutual" in trigger.flags
    if not sources and noun.dep_ == "nsubj" and verb.pos_ == "VERB" and two_sided:  # 'les heurts ont repris entre'
        between = next((c for c in verb.children if c.dep_.startswith("obl") and case_of(c) == cases().between), None)
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
    stray = stray_complement(noun, lexicon)
    if stray is not None:  # 'le meurtre en octobre 2018 du journaliste', 'défendre la guerre contre les forces serbes'
        head, dated = stray
        slot = "target" if case_of(head) in trigger.preps else trigger.obj if dated and case_of(head) == cases().of else None
        found = targets if slot == "target" else sources if slot == "source" else None
        if found is not None and not found:
            found.append(head)
    return sources, targets


def stray_complement(noun: Token, lexicon: Lexicon) -> tuple[Token, bool] | None:
    """The phrase right after an event noun, or after a date following it, when the parser hung it elsewhere;
    and whether a date stood between them."""
    time_words = time_words_of(lexicon)
    for date in (c for c in noun.children if c.dep_.startswith("nmod") and c.lower_ in time_words):
        for complement in date.children:  # 'le meurtre en octobre 2018 du journaliste': hung on the date
            if complement.dep_.startswith("nmod") and complement.i > date.i and case_of(complement) == cases().of:
                return complement, True
    doc = noun.doc
    index = noun.right_edge.i + 1
    dated = False
    while index < len(doc) and index - noun.i <= STRAY_REACH and (doc[index].like_num or doc[index].lower_ in time_words):
        index, dated = index + 1, True
    if index >= len(doc) or doc[index].dep_ != "case":
        return None
    head = doc[index].head
    if head.i <= noun.i or head.pos_ not in ("NOUN", "PROPN") or noun in head.ancestors:
        return None
    return head, dated


def datives(verb: Token) -> list[Token]:
    """The verb's third-person dative clitics ('lui', 'leur'), also one the parser took for the subject of a participle or an
    infinitive, which take no clitic subject ('..., lui valant un recadrage')."""
    found = [c for c in verb.children if c.dep_ == "iobj" and c.lower_ in active_profile().dative_clitics]
    before = verb.doc[verb.i - 1] if verb.i else verb
    stray = before.pos_ == "PRON" and before.lower_ in active_profile().dative_clitics and before.dep_ != "iobj"
    if stray and "Fin" not in morph_values(verb, "VerbForm") and not any(c.dep_.startswith("aux") for c in verb.children):
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
            for g in c.children if g.dep_.startswith("nmod") and case_of(g) == cases().to]


def other_side(first: Token) -> list[Token]:
    """'entre X et Y' -> Y, also when the parser hung Y elsewhere."""
    found = [c for c in first.children if c.dep_ == "conj"]
    doc = first.doc
    after = first.right_edge.i + 1
    if found or after + 1 >= len(doc) or doc[after].lower_ != active_profile().coordinator:
        return found
    return [t for t in doc[after + 1: after + 4] if t.pos_ in ("NOUN", "PROPN")][:1]


def fronted_subject(noun: Token) -> Token | None:
    """The subject right after an adverbial that opens the sentence ('En visite à Prague, le ministre ...')."""
    doc = noun.doc
    if noun.i > parser_sentence(noun).start + 1:
        return None
    comma = next((t for t in doc[noun.i + 1: noun.i + 7] if t.text == "," or t.pos_ in ("VERB", "AUX")), None)
    if comma is None or comma.text != ",":
        return None
    return subject_after(comma)


def governing_subject(noun: Token, trigger: Trigger, lexicon: Lexicon) -> tuple[Token, bool] | None:
    """The subject of the light verb that governs a noun, and whether it undergoes the event."""
    verb = time_hung(noun, lexicon) or noun.head  # 'a annoncé lundi de nouvelles aides': hung on 'lundi'
    if has_case(noun, {cases().in_}) and noun.i < verb.i:  # 'En visite à Prague, X a dit' ('mis en accusation' is no visit)
        subj = fronted_subject(noun)
        return (subj, False) if subj is not None else None
    if has(trigger.type, "meeting"):  # 'Lors d'une rencontre avec X, Y a annoncé': Y met X
        subj = occasion_subject(noun, lexicon)
        if subj is not None:
            return subj, False
    predicate = undergoing_predicate(noun, lexicon)
    if predicate is not None:  # 'X a été victime d'une agression', 'X a été la cible d'attaques': X undergoes it
        subj = inherited_subject(predicate, lexicon)
        return (subj, True) if subj is not None else None
    if verb.i == noun.head.i and not (
            noun.dep_ in ("obj", "obl", "obl:arg", "obl:mod", "nsubj:pass") or is_partitive_object(noun)):
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    if is_speech(verb, lexicon) and lemma(verb) not in lexicon.classes.get("speech_action", ()):
        return None
    undergo = lexicon.cue("undergo", lemma(verb)) or any(
        lemma(verb) == head and any(lemma(c) == word for c in [*verb.children, *noun.children])
        for head, word in (locution.split() for locution in lexicon.classes.get("undergo_locution", ())))
    if not (undergo or is_own_event_verb(verb, lexicon)):
        return None
    subj = inherited_subject(verb, lexicon)
    if subj is None or is_speech(verb, lexicon) and lemma(subj) in lexicon.classes.get("media", ()):
        return None  # 'l'agence officielle a annoncé cet accord': the agency reports it
    return subj, bool(undergo or "undergo" in trigger.flags and undergo)


def undergoing_predicate(noun: Token, lexicon: Lexicon) -> Token | None:
    """The predicate noun or adjective an event noun complements when, with its copula, it is an `undergo` cue
    ('être victime d'une agression', 'être la cible d'attaques'): its subject undergoes the event."""
    predicate = noun.head
    if predicate.i == noun.i or predicate.pos_ not in ("NOUN", "ADJ", "VERB") or case_of(noun) != cases().of:
        return None
    copula = next((c for c in predicate.children if c.dep_ == "cop"), None)
    if copula is None or not lexicon.cue("undergo", f"{lemma(copula)} {lemma(predicate)}"):
        return None
    return predicate


def occasion_subject(noun: Token, lexicon: Lexicon) -> Token | None:
    """The subject of the clause a meeting noun is the occasion of ('pendant les négociations avec X, Y a
    proposé', 'Y l'a dit à l'issue de sa visite'), also when the parser lost the fronted adjunct."""
    occasion = occasion_adjunct(noun, lexicon)
    verb = occasion.head if occasion is not None else None
    if verb is not None and verb.pos_ == "ADV":  # 'lors' hung on the verb as an adverb, the noun under it
        verb = verb.head
    if verb is not None and verb.pos_ in ("VERB", "AUX") and not undergoes(verb):
        return inherited_subject(verb, lexicon)
    sentence = parser_sentence(noun)
    opening = [t for t in sentence[:3] if lemma(t) in lexicon.classes.get("occasion", ())]
    comma = next((t for t in noun.doc[noun.i + 1: sentence.end] if t.text == ","), None)
    if not opening or comma is None or any(t.pos_ in ("VERB", "AUX") for t in noun.doc[sentence.start: comma.i]):
        return None
    return subject_after(comma)


def is_armed_adjective(token: Token, lexicon: Lexicon) -> bool:
    """An adjective naming an armed group ('une attaque jihadiste', 'un attentat terroriste'), per sectors.tsv."""
    return token.pos_ == "ADJ" and "REB" in (lexicon.sectors.get(token.lemma_.lower()), lexicon.sectors.get(token.lower_))


def is_police_adjective(token: Token, lexicon: Lexicon) -> bool:
    """An adjective naming the police as the actor ('violences policières')."""
    return token.lemma_.lower() in lexicon.classes.get("police_adjective", ())


def time_words_of(lexicon: Lexicon) -> frozenset[str]:
    """The words of a date: month and weekday names and the lexicon's time_words ('début', 'dernier')."""
    calendar = active_profile()
    return frozenset((*calendar.months, *calendar.weekdays, *lexicon.classes.get("time_words", ())))
