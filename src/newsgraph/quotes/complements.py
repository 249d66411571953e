"""The reported content after a preposed cue: where it starts, past the adjuncts between the verb and it.

`complement` walks right from the verb group through adverbs, time words, prepositional phrases and
news outlets' names, and stops at what the cue's frames allow: 'que', a colon, 'de' or 'à' and an
infinitive, a noun phrase, a quotation.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..nlp import doc_words
from .cues import char_end, feature, group_start, opens_content, present_participle
from .layout import QuotedSpan, Unit, entity_starting_at, text_of
from .objects import is_content
from .vocabulary import Cue, Lexicon, fold
from .words import words

OBJECT_DEPS = {"obj", "ccomp", "xcomp", "iobj", "obl:arg"}
MAX_COMPLEMENT_DISTANCE = 16
MAX_OUTLET_WORDS = 4
MIN_QUOTED_WORDS = 4  # a quotation hung on an adjunct is content from this length: not a title ('dans « Le Monde »')
NPQ_WINDOW = 6  # 'a qualifié ces blocages « d'illégitimes »': the quotation within the object's first words
SENTENCE_PUNCTUATION = (".", ";", ":", "!", "?")
APOSTROPHES = ("'", "’")
OPENING_MARKS = ("«", "“", '"')
PARTICIPLE_ENDS = ("é", "ée", "és", "ées")  # a past participle the tagger reads as an adjective ('les élus chargés de')
COMPLETIVE_DEPS = ("ccomp", "xcomp", "obj", "advcl", "dep", "parataxis")  # a clause the parser hangs on the cue


def skippable(token: Token, lexicon: Lexicon) -> bool:
    if token.pos_ == "ADV" or token.lower_ in words().negation:
        return True
    if lexicon.noun_class(token.lemma_) == "time" or lexicon.noun_class(token.lower_) == "time":
        return True
    if token.pos_ == "NOUN" and _bare_before_time(token, lexicon):
        return True  # 'début juin', 'fin mars': a bare noun that dates, as the time word after it does
    if token.pos_ in ("NUM", "DET"):
        k = token.i + 1
        while k < len(token.doc) and k - token.i <= 3 and token.doc[k].pos_ in ("ADJ", "NUM"):
            k += 1
        return k < len(token.doc) and lexicon.noun_class(token.doc[k].lemma_) == "time"
    return token.pos_ == "ADP" and token.lower_ in words().adjunct_openers


def _bare_before_time(token: Token, lexicon: Lexicon) -> bool:
    """A noun with no determiner right before a time word: 'début juin'."""
    doc = token.doc
    if token.i + 1 >= len(doc) or any(c.dep_ == "det" for c in token.children):
        return False
    after = doc[token.i + 1]
    return lexicon.noun_class(after.lemma_) == "time" or lexicon.noun_class(after.lower_) == "time"


def _adverbial_locution_end(token: Token) -> int | None:
    """Index after 'à nouveau', 'en outre', 'par ailleurs': a fixed locution not ending in a preposition."""
    fixed = [c for c in token.children if c.dep_ == "fixed" and c.i > token.i]
    if not fixed or fixed[-1].lower_ in words().de | words().a or fixed[-1].i - token.i != len(fixed):
        return None
    return fixed[-1].i + 1


def skip(token: Token, lexicon: Lexicon) -> int:
    """Index after an adjunct that starts at `token` (a prepositional phrase is skipped whole)."""
    doc = token.doc
    locution = _adverbial_locution_end(token)
    if locution is not None:
        return locution
    k = token.i + 1
    while k < len(doc) and doc[k].pos_ == "DET":
        k += 1
    if token.pos_ == "ADP" and (outlet := _outlet_end(doc, k, lexicon)) is not None:
        return outlet  # 'à France Bleu X': the outlet's name, however the tagger split it
    entity = entity_starting_at(doc, k) if token.pos_ == "ADP" and k < len(doc) else None
    if entity is not None:
        return entity.end
    if token.pos_ == "ADP" and token.head.i > token.i:
        if token.head.right_edge.i <= token.i:
            return token.i + 1
        return _juxtaposed_phrase(token.head) or _before_infinitive_clause(token.head)
    return token.i + 1


def _before_infinitive_clause(noun: Token) -> int:
    """Index after a prepositional phrase, short of a 'de' + infinitive hung on its noun: in 'a demandé aux
    fidèles de klaxonner' the parser attaches the verb's complement to 'fidèles'."""
    doc = noun.doc
    for child in noun.rights:
        if child.pos_ == "VERB" and "Inf" in feature(child, "VerbForm") \
                and any(c.dep_ == "mark" and c.lower_ in words().de and c.i < child.i for c in child.children):
            return child.left_edge.i
        first = child.left_edge
        if first.i > noun.i and _is_infinitive(first) and not doc[first.i - 1].is_punct \
                and doc[first.i - 1].pos_ != "ADP":
            return first.i  # 'a indiqué dans un communiqué avoir « pris acte »': a bare infinitive is the verb's
    end = noun.right_edge.i
    # 'a demandé aux habitants des communes voisines du site de rester': hung on a noun deeper in the phrase
    return next((j for j in range(noun.i + 1, end + 1) if _cue_infinitive_at(doc, j, end)), end + 1)


def _cue_infinitive_at(doc: Doc, j: int, end: int) -> bool:
    """A 'de' + infinitive at token j (up to `end`) that belongs to the cue although the parser hangs it inside the
    phrase before: not the complement of a participle or adjective right before it ('les élus chargés de gérer',
    'capables de négocier')."""
    if doc[j].lower_ not in words().de or j == 0 or not _infinitive_follows(doc, j + 1, end):
        return False
    before = doc[j - 1]
    if before.pos_ == "VERB" or before.is_punct or (before.pos_ == "ADJ" and before.lower_.endswith(PARTICIPLE_ENDS)):
        return False
    return not (before.pos_ == "ADJ" and any(t.head.i == before.i for t in doc[j + 1 : end + 1] if _is_infinitive(t)))


def _outlet_end(doc: Doc, k: int, lexicon: Lexicon) -> int | None:
    """Index after the longest news outlet name of the lexicon that starts at token `k`."""
    words = [fold(text) for text in doc_words(doc).texts[k : k + MAX_OUTLET_WORDS]]
    for n in range(min(MAX_OUTLET_WORDS, len(doc) - k), 0, -1):
        if " ".join(words[:n]) in lexicon.media:
            return k + n
    return None


def _juxtaposed_phrase(noun: Token) -> int | None:
    """'dans un communiqué la direction de X', 'au quotidien économique un proche du dossier': a determined noun
    phrase hung on the noun of a prepositional phrase without a preposition of its own starts a new phrase (the
    subject), even when the parser reads it as an adjective of that noun."""
    for child in noun.rights:
        if child.pos_ in ("NOUN", "PROPN") and child.dep_ in ("nmod", "appos", "amod") and not has_case(child) \
                and any(c.dep_ == "det" and c.i < child.i for c in child.children) \
                and not child.doc[child.left_edge.i - 1].is_punct:
            return child.left_edge.i
    return None



def complement(token: Token, cue: Cue, unit: Unit, last: int, lexicon: Lexicon) -> int | None:
    """Char offset where the reported content starts after a preposed cue, None if none."""
    doc = token.doc
    frames = cue.frames
    restricted = present_participle(token) or _negated(token)
    if restricted:  # 'suggérant d'éventuelles ...', 'ne mentionnaient aucune ...': only with a quotation
        frames = frames - {"np", "inf", "attr"} | _said_infinitive(token, cue)
        if _quote_within(unit, doc, last + 1, last + 4) or _object_quotation(unit, doc, last + 1, last + NPQ_WINDOW):
            frames = frames | {"np"}
        elif _negated(token) and cue.particle:
            return None  # 'n'avaient pas fait état de morts': nothing was reported
    if not _negated(token) and _perfect_infinitive_follows(doc, last + 1, unit.last, lexicon):
        frames = frames | {"inf"}  # 'affirmant avoir été écarté', 'a déploré s'être trompé': a past fact claimed
    after = last + 2 if cue.particle else last + 1  # 'a fait valoir sa « transparence »': past the particle
    if "npq" in frames and _object_quotation(unit, doc, after, after + NPQ_WINDOW - 1):
        frames = frames | {"np"}  # 'a critiqué une « décision absurde »', not 'a critiqué cette décision'
    clitic = clitic_object(token, doc)
    if clitic:
        frames = frames - {"np", "inf", "attr"}  # 'comme il l'a annoncé hier': what was said is 'l''
    start = _walk(token, cue, frames, unit, last, lexicon, judged=not clitic and not _negated(token))
    if start is None and "que" in frames:
        start = _que_clause(token, unit, last)
    return start


def _said_infinitive(token: Token, cue: Cue) -> frozenset[str]:
    """{'inf'} for the present participle of a verb of saying that takes an infinitive ('disant craindre pour la
    paix', 'tout en disant vouloir partir': what was said, as 'a dit vouloir' is), not for a negated verb."""
    if "inf" in cue.frames and "colon" in cue.frames and present_participle(token) and not _negated(token):
        return frozenset({"inf"})
    return frozenset()


def _que_clause(token: Token, unit: Unit, last: int) -> int | None:
    """Char offset after the conjunction 'que' that follows the cue past any adjuncts and objects ('a affirmé lors
    d'une conférence de presse que', 'a averti les militaires que'), provided no other finite verb, quotation nor
    sentence punctuation comes between."""
    doc = token.doc
    for k in range(last + 1, unit.last + 1):
        current = doc[k]
        elided = _quote_after_elided_que(unit, current)
        if elided is not None:
            return elided.start  # 'a admis qu'« il tient ... »', 'a averti les militaires qu'"ils ...'
        if _quote_within(unit, doc, k, k) or current.text in SENTENCE_PUNCTUATION:
            return None
        if current.lower_ in words().que:
            locution = current.dep_ == "fixed" or any(c.dep_ == "fixed" for c in current.children)
            if current.pos_ == "SCONJ" and not locution:  # not 'alors que', 'parce que', nor a relative 'que'
                return char_end(current)
            if not locution and _completive_relative(current, token):
                return char_end(current)
            return None
        if current.pos_ in ("VERB", "AUX") and "Fin" in feature(current, "VerbForm"):
            return None
    return None


def _completive_relative(que: Token, cue: Token) -> bool:
    """'a averti Moscou que la frontière ...': a 'que' the tagger reads as a relative pronoun after the cue's object or
    an adjunct, but whose clause the parser hangs on the cue itself, as a complement clause; or whose clause, with a
    subject after it, leaves no place for a relative 'que': its verb, or an infinitive it governs, already has an
    object, or it is passive ('a prévenu les militaires qu'ils n'avaient pas carte blanche', 'a indiqué sous couvert
    de l'anonymat que le président était rentré', not 'a salué le plan qu'il a présenté')."""
    verb = que.head
    if que.dep_ == "mark" and verb.head.i == cue.i and verb.dep_ in ("ccomp", "xcomp", "obj"):
        return True
    if verb.i <= que.i:
        return False
    if verb.head.i == cue.i and verb.dep_ in COMPLETIVE_DEPS:
        return True
    if not any(c.dep_.startswith("nsubj") and c.i > que.i for c in verb.children):
        return False
    return _no_gap(verb, que)


def _no_gap(verb: Token, que: Token) -> bool:
    """The clause of `verb` has no slot left for a relative 'que': an object of its own (of the verb or of the
    infinitives it governs) or a passive voice."""
    chain = [verb]
    while chain:
        current = chain.pop()
        for child in current.children:
            if child.i == que.i:
                continue
            if child.dep_ in ("obj", "ccomp", "aux:pass", "nsubj:pass"):
                return True
            if child.dep_ == "xcomp" and child.pos_ == "VERB":
                chain.append(child)
    return False


def _walk(token: Token, cue: Cue, frames: frozenset[str], unit: Unit, last: int, lexicon: Lexicon, *,
          judged: bool = True) -> int | None:
    """The content start found walking right from the verb group through adjuncts, None if the walk stops. With
    `judged`, a noun-phrase object is content when `objects.is_content` says so (the frames' answer by default)."""
    doc = token.doc
    k = last + 1
    if cue.particle:
        k += 1
    skipped_object = False
    stop = min(unit.last, last + MAX_COMPLEMENT_DISTANCE)
    w = words()
    while k <= stop:
        current = doc[k]
        if current.is_space:
            k += 1
            continue
        quote = _quote_at(unit, current.idx) or _quote_after_elided_que(unit, current)
        if quote is not None:
            return quote.start
        low = current.lower_
        if low in w.que and "que" in frames:
            return char_end(current)
        if low == ":" and "colon" in frames:
            return char_end(current)
        if (low in w.de and ("de" in frames or cue.particle)) or (low in w.a and "a" in frames):
            if cue.particle or _infinitive_follows(doc, k + 1, unit.last):
                return char_end(current)
        if low in w.dative and "anp" in frames and _noun_phrase_follows(unit, doc, k + 1):
            return char_end(current)  # 'a appelé à une grève', 'appelant au départ de ...'
        if low in w.noun_links and "de" in frames and _quote_within(unit, doc, k + 1, k + 2):
            return current.idx  # 's'est félicité du « succès » de ...': a quoted noun phrase is the content
        if "inf" in frames and _is_infinitive(current):
            return current.idx
        if "inf" in frames and low in w.negation and _infinitive_follows(doc, k, unit.last):
            return current.idx
        if "attr" in frames and (current.pos_ == "ADJ" or _bare_past_participle(current)):
            return current.idx  # 's'est dit prêt', 's'est déclaré mercredi déterminé à ...'
        if current.is_punct and low not in (",",):
            return None
        if skippable(current, lexicon) or low == ",":
            k = _quotation_in(unit, doc, k + 1, skip(current, lexicon)) if current.pos_ == "ADP" else k + 1
            continue
        if current.pos_ == "VERB" and not _is_infinitive(current):
            return None
        if "np" in frames and low in w.de and _indefinite_de(current):
            return current.idx
        if current.pos_ in ("DET", "NOUN", "PROPN", "NUM") and low not in w.que:
            # 'a annoncé la nouvelle', 'confirmant une information': no content named
            rule = "np" in frames and not _news_object(current, unit)
            if is_content(token, current, cue, frames, unit, lexicon, rule=rule) if judged else rule:
                return current.idx
            if "np" in frames:
                return None
        if "np" in frames and current.pos_ == "PRON" and low not in w.que and current.dep_ in OBJECT_DEPS:
            return current.idx
        if ("a" in frames or "de" in frames) and not skipped_object and current.pos_ in ("DET", "NOUN", "PROPN", "PRON"):
            skipped_object = True
            head = current.head if current.pos_ == "DET" else current
            k = _object_end(head, frames, k) + 1 if head.i >= k else k + 1
            continue
        return None
    return None


def _quotation_in(unit: Unit, doc: Doc, first: int, end: int) -> int:
    """`end`, or the first token of a quotation of several words opening in tokens first..end-1: 'a appelé dans un
    communiqué « à la mise en place ... »', which the parser hangs on the adjunct's noun, is the content."""
    for k in range(first, min(end, len(doc))):
        quote = _quote_at(unit, doc[k].idx)
        if quote is not None and len(doc.text[quote.inner_start : quote.inner_end].split()) >= MIN_QUOTED_WORDS:
            return k
        if doc[k].lower_ in words().que or (doc[k].pos_ in ("VERB", "AUX") and "Fin" in feature(doc[k], "VerbForm")):
            return end  # 'dans une résolution qu'une annexion faisait « ... »': a clause comes first
    return end


def _quote_after_elided_que(unit: Unit, token: Token) -> QuotedSpan | None:
    """The quotation opened right after an elided 'que' that the tokenizer glues to it ('qu'"il tient ..."' is one
    token) or splits from its apostrophe ('qu', then the apostrophe, then '« il tient ... »'): the content starts at
    the quotation."""
    low = token.lower_
    stem = next((form[:-1] for form in words().que if form[-1:] in APOSTROPHES and low.startswith(form[:-1])), None)
    if stem is None:
        return None
    text = text_of(token.doc)
    at = token.idx + len(stem)
    if text[at : at + 1] not in APOSTROPHES:
        return None
    at += 1
    while at < len(text) and text[at].isspace():
        at += 1
    return next((q for q in unit.quotes if q.start == at), None)


def _news_object(token: Token, unit: Unit) -> bool:
    """The noun phrase starting at `token` names a piece of news ('la nouvelle', 'une information ...'), with no
    quotation in its first words."""
    head = token.head if token.pos_ == "DET" and token.head.i > token.i else token
    if head.lower_ not in words().news_nouns and head.lemma_ not in words().news_nouns:
        return False
    return not _object_quotation(unit, token.doc, token.i, head.i + NPQ_WINDOW)


def _object_end(head: Token, frames: frozenset[str], k: int) -> int:
    """Last index of the object noun phrase skipped before 'à' / 'de' + content: short of a preposition of the
    frames that the parser hangs on the noun ('a exhorté les habitants à la prudence'), or of a 'de' + infinitive
    it hangs there ('accuse la direction d'avoir menti')."""
    end = max(head.right_edge.i, k)
    doc = head.doc
    if "de" in frames:
        end = next((j - 1 for j in range(head.i + 1, end + 1) if _cue_infinitive_at(doc, j, end)), end)
    if "anp" not in frames:
        return end
    return next((j - 1 for j in range(head.i + 1, end + 1) if doc[j].lower_ in words().dative), end)


def clitic_object(token: Token, doc: Doc) -> bool:
    """The verb group opens with an object clitic: 'l'a annoncé', 'le répète'."""
    start = group_start(token)
    return start > 0 and doc[start - 1].lower_ in words().object_clitics and doc[start - 1].pos_ == "PRON"


def _indefinite_de(token: Token) -> bool:
    """'de nouvelles aides': the plural indefinite article before an adjective, heading a noun object."""
    doc = token.doc
    if token.i + 2 >= len(doc) or doc[token.i + 1].pos_ != "ADJ":
        return False
    noun = doc[token.i + 1].head
    return noun.pos_ == "NOUN" and noun.i > token.i + 1 and token.head.i == noun.i




def _negated(token: Token) -> bool:
    negative_particles = words().negative_particles
    return any(c.lower_ in negative_particles for c in token.children)




def _quote_within(unit: Unit, doc: Doc, first: int, last: int) -> bool:
    last = min(last, len(doc) - 1)
    return first <= last and any(doc[first].idx <= q.start <= doc[last].idx for q in unit.quotes)


def _object_quotation(unit: Unit, doc: Doc, first: int, last: int) -> bool:
    """A quotation opens within tokens first..last, before any verb: in the object, not in a clause after it
    ('a critiqué cette décision estimant qu'elle « ... »')."""
    for k in range(first, min(last, len(doc) - 1) + 1):
        if _quote_at(unit, doc[k].idx) is not None:
            return True
        if doc[k].pos_ in ("VERB", "AUX"):
            return False
    return False


def _noun_phrase_follows(unit: Unit, doc: Doc, k: int) -> bool:
    """A determiner, a noun or a quotation at token k (not a name: 'a appelé à Paris')."""
    return k <= unit.last and (doc[k].pos_ in ("DET", "NOUN", "NUM") or _quote_at(unit, doc[k].idx) is not None)


def _quote_at(unit: Unit, position: int) -> QuotedSpan | None:
    return next((q for q in unit.quotes if q.start == position), None)


def _bare_past_participle(token: Token) -> bool:
    """A past participle with no auxiliary of its own: an attribute ('déterminé', 'soulagés')."""
    return token.pos_ == "VERB" and feature(token, "VerbForm") == ["Part"] \
        and feature(token, "Tense") == ["Past"] and not any(c.dep_.startswith("aux") for c in token.children)


def _is_infinitive(token: Token) -> bool:
    return "Inf" in feature(token, "VerbForm") or (token.lower_ in words().auxiliaries and token.pos_ == "AUX")


def _time_word(token: Token, lexicon: Lexicon) -> bool:
    return "time" in (lexicon.noun_class(token.lower_), lexicon.noun_class(token.lemma_))


def _perfect_infinitive_follows(doc: Doc, k: int, last: int, lexicon: Lexicon | None = None) -> bool:
    """'avoir été écarté', 'ne pas avoir été soutenue', 'jeudi avoir trahi', "n'avoir pas pu": an auxiliary
    infinitive, then its participle (time words before it, negation words inside)."""
    w = words()
    while k <= last and (doc[k].lower_ in w.negation or doc[k].pos_ == "ADV" or doc[k].is_space
                         or (lexicon is not None and _time_word(doc[k], lexicon))):
        k += 1
    if k < last and doc[k].lower_ in w.reflexive:  # "s'être rendu"
        k += 1
    if k >= last or doc[k].lower_ not in w.auxiliaries:
        return False
    k += 1
    while k < last and (doc[k].lower_ in w.negation or doc[k].text in OPENING_MARKS):  # "n'avoir pas pu", 'avoir « trahi »'
        k += 1
    return "Part" in doc[k].morph.get("VerbForm", [])


def _infinitive_follows(doc: Doc, k: int, last: int) -> bool:
    w = words()
    while k <= last and (doc[k].lower_ in w.negation or doc[k].pos_ == "ADV" or doc[k].lower_ in w.reflexive
                         or doc[k].text in ("«", "“", '"') or doc[k].is_space):
        k += 1
    return k <= last and _is_infinitive(doc[k])


def has_case(token: Token) -> bool:
    """'à l'AFP': a noun with a preposition is no subject."""
    return any(c.dep_ == "case" and c.i < token.i for c in token.children)


def resumption(verb: Token, unit: Unit, start: int, end: int, lexicon: Lexicon) -> int | None:
    """Char offset where the cue's own sentence resumes in the content [start, end) after it, None if it does not: a
    second predicate of the cue's subject ('et a invoqué ...': agreeing with the cue's finite verb and with no subject
    of its own; 'et souligné que ...': a bare participle of a cue after a compound cue). The parser hangs it on the
    content's verb; it is not content. (A participle clause, ', promettant ...', is left in: cutting it lost quotes
    on the validate part.)"""
    doc = verb.doc
    finite = _finite_form(verb)
    if finite is None:
        return None  # no finite verb for a second predicate to agree with
    doc_text = doc_words(doc)
    starts, texts = doc_text.starts, doc_text.texts  # Token objects only for the words in the content
    coordinators = words().coordinators
    k = verb.i + 1
    while k <= unit.last and starts[k] < end:
        k += 1
        if starts[k - 1] <= start or unit.quote_holding(starts[k - 1], starts[k - 1] + len(texts[k - 1])) is not None:
            continue
        token, previous = doc[k - 1], doc[k - 2]
        if previous.lower_ in coordinators and finite is not None and _second_predicate(token, finite, lexicon):
            return previous.idx
        if previous.text == "," and finite is not None and token.pos_ == "VERB" \
                and lexicon.cues_for(token.lemma_, token.text) and _second_predicate(token, finite, lexicon):
            return previous.idx  # 'dénonce X, demande au président de ...': a second cue of the same subject
    return None


def _finite_form(verb: Token) -> Token | None:
    """The finite word of a cue's verb group: its auxiliary or the verb itself."""
    return next((t for t in verb.doc[group_start(verb) : verb.i + 1] if "Fin" in feature(t, "VerbForm")), None)


def _second_predicate(token: Token, finite: Token, lexicon: Lexicon) -> bool:
    """'et a invoqué': a finite verb agreeing with the cue's, whose verb has no subject; 'et souligné': a bare
    participle of a cue when the cue has an auxiliary."""
    if "Fin" in feature(token, "VerbForm") and token.pos_ in ("VERB", "AUX"):
        verb = token.head if token.dep_.startswith("aux") else token
        same = token.pos_ == finite.pos_ and all(  # 'a dit ... et a invoqué', not 'a reconnu avoir X et fait Y'
            token.morph.get(feature, []) == finite.morph.get(feature, [])
            for feature in ("Tense", "Mood", "Person", "Number"))
        return same and not any(c.dep_.startswith(("nsubj", "expl")) for c in verb.children)
    if finite.pos_ != "AUX" or token.pos_ != "VERB" or feature(token, "VerbForm") != ["Part"]:
        return False
    if any(c.dep_.startswith("aux") for c in token.children) or not lexicon.cues_for(token.lemma_, token.text):
        return False
    return opens_content(token)  # 'et souligné que', 'et assuré n'avoir ...': not 'et fait les coutures'
