"""Evaluative speech as events: reuse the quotes component's speakers and cues.

Two uses: the speech verb of a quote that is itself a trigger ('», a fustigé X', '», a-t-il accusé')
takes the quote's speaker as its source when the parse gives none; and a quote whose content blames
someone ('Il est inacceptable que...', 'X est le seul responsable de...') is an ACCUSE by its speaker,
whatever neutral verb introduces it ('a déclaré', 'a estimé').
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span, Token

from ..records import Actor, Quote, Speaker
from .actors import ActorContext, resolve_actor, speaker_actor
from .features import token_table
from .lexicon import Lexicon
from .modes import doc_lemmas, is_negated, lemma, reports
from .scene import is_locative, parser_sentence

CUE_REACH = 80  # characters between a quote and its cue verb
BLAME_POS = {"blame_adj": ("ADJ", "VERB"), "blame_noun": ("NOUN",), "blame_predicate": ("NOUN", "ADJ")}
BLAME_TAGS = frozenset(tag for tags in BLAME_POS.values() for tag in tags)


def quotes_of(doc: Doc) -> list[Quote]:
    """The quotes the quotes component found, with a speaker."""
    return [q for q in getattr(doc._, "newsgraph_quotes", None) or () if q.speaker is not None and q.speaker.name]


def cue_speaker(quotes: Iterable[Quote], token: Token) -> Speaker | None:
    """The speaker of the quote whose cue verb is `token` ('», a-t-il accusé', '« ... », exige X')."""
    for quote in quotes:
        if not quote.cue or token.text not in quote.cue.replace("-", " -").split():
            continue
        after = 0 <= token.idx - quote.end <= CUE_REACH
        before = 0 <= quote.start - token.idx <= CUE_REACH
        if after or before:
            return quote.speaker
    return None


def blame_words(span: Span, lexicon: Lexicon) -> Iterator[Token]:
    """Words of a quote's content that blame someone ('inacceptable', 'honte', 'seul responsable de')."""
    doc = span.doc
    tags, lemmas = token_table(doc).pos, doc_lemmas(doc)  # a Token object only for the blame words
    kinds = [(kind, kind_tags, lexicon.classes.get(kind, frozenset())) for kind, kind_tags in BLAME_POS.items()]
    for index in range(span.start, span.end):
        tag = tags[index]
        if tag not in BLAME_TAGS:
            continue
        word = lemmas[index]
        for kind, kind_tags, words in kinds:
            if tag in kind_tags and word in words:
                token = doc[index]
                if kind != "blame_predicate" or is_predicate(token):
                    yield token
                break


def is_denied(word: Token, lexicon: Lexicon) -> bool:
    """'je ne suis pas raciste': the speaker rejects the blame word instead of using it."""
    return is_negated(word, lexicon) or is_negated(word.head, lexicon)


def is_predicate(token: Token) -> bool:
    """A noun or adjective said of a subject ('X est responsable de', 'qualifié de complice'), but not
    a cleft that only picks people out ('ce sont les responsables du parti qui...')."""
    if any(c.dep_.startswith("nsubj") and c.lower_ in ("ce", "c'", "c’") for c in token.children):
        return False
    return any(c.dep_ == "cop" for c in token.children) or token.dep_ == "xcomp"


def blamed(context: ActorContext, word: Token, speaker: Actor, *, said_by: range = range(0)) -> Actor | None:
    """Who a blame word is about: the subject of its predicate, else the nearest other actor of its
    sentence that is not a place where things happen ('à Prague') nor in the words naming the speaker
    (`said_by`, char offsets: 'a déclaré le président de la République')."""
    subject = next((c for c in word.children if c.dep_.startswith("nsubj")), None)
    named = [t for t in parser_sentence(word) if is_party(t) and not is_locative(t) and t.idx not in said_by and not reports(t)]
    fight = opposing_verb(word, context.lexicon)
    if fight is not None:  # 'X va combattre les pratiques illégales de Y': Y is blamed, never X
        inside = {t.i for c in fight.children if c.dep_ in ("obj", "obl", "obl:arg", "obl:mod") for t in c.subtree}
        named = [t for t in named if t.i in inside]
    named.sort(key=lambda t: (not t.dep_.startswith("nsubj"), abs(t.i - word.i)))  # the doer of the blamed act first
    for head in blamed_owner(word, context.lexicon) + ([subject] if subject is not None else []) + named:
        actor = resolve_actor(context, head)
        if actor is not None and not named_alike(actor, speaker):
            return actor
    return None


def blamed_owner(word: Token, lexicon: Lexicon) -> list[Token]:
    """Whose fault a blame noun names ('la négligence de l'Etat', 'X est un otage du régime')."""
    owned = ("blame_noun", "blame_by_owner")
    if word.pos_ != "NOUN" or not any(lemma(word) in lexicon.classes.get(kind, ()) for kind in owned):
        return []
    return [c for c in word.children if c.dep_.startswith("nmod") and c.pos_ in ("NOUN", "PROPN")
            and any(g.dep_ == "case" and lemma(g) == "de" for g in c.children)]


def opposing_verb(word: Token, lexicon: Lexicon) -> Token | None:
    """The verb of fighting whose object holds a blame word ('combattre les pratiques illégales'), if any."""
    fighting = lexicon.classes.get("opposing", frozenset())
    current = word
    for _ in range(OPPOSING_REACH):
        if current.head.i == current.i:
            return None
        current = current.head
        if current.pos_ == "VERB" and lemma(current) in fighting:
            return current
    return None


def has_owner(word: Token) -> bool:
    """The blamed thing names whose it is ('les pratiques illégales des cartels', 'leur ingérence')."""
    thing = word if word.pos_ == "NOUN" else word.head
    return any(
        (c.dep_.startswith("nmod") and any(g.dep_ == "case" and lemma(g) == "de" for g in c.children))
        or c.dep_ == "det:poss" or (c.dep_ == "det" and "Poss=Yes" in c.morph)
        for c in thing.children
    )


OPPOSING_REACH = 4  # heads between a blame word and the verb whose object it qualifies


def named_alike(first: Actor, second: Actor) -> bool:
    """One actor's name holds the other's ('Petit' and 'Marc Petit')."""
    one, two = (first.name or "").lower(), (second.name or "").lower()
    return bool(one and two) and (one in two or two in one)


def is_party(token: Token) -> bool:
    """A token that may head an actor: a name, or a noun subject or object ('la police a fait...')."""
    return token.pos_ == "PROPN" or token.ent_type_ in ("ORG", "PER") or (
        token.pos_ == "NOUN" and token.dep_ in ("nsubj", "obj", "nmod")
    )


def blame_statements(context: ActorContext, quotes: Iterable[Quote]) -> Iterator[tuple[Token, Actor, Actor | None]]:
    """(blame word, speaker, blamed actor) for each quote whose content blames someone."""
    doc = context.doc
    for quote in quotes:
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        found = blame_words(span, context.lexicon) if span is not None else iter(())
        word = next((w for w in found if not is_denied(w, context.lexicon)), None)
        if word is not None and quote.speaker is not None:
            speaker = speaker_actor(context, quote.speaker)
            start, end = quote.speaker.start, quote.speaker.end
            said_by = range(start, end) if start is not None and end is not None else range(0)
            target = blamed(context, word, speaker, said_by=said_by)
            if target is None and not has_owner(word) and opposing_verb(word, context.lexicon) is not None:
                continue  # 'écraser les pratiques arbitraires': a fight against nobody's doing accuses no one
            yield word, speaker, target
