"""Where an article and its actors are: the countries it names, its home country, the scene a sentence opens
with, and the country and sector a noun phrase gives ('le ministre russe de la Défense' -> RUS, GOV).

Read by `actors` when it resolves a phrase to an actor, and by the people registry (`TitleReader`) when it
learns what a role noun beside a name says about the person.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import ENT_IOB, POS, SENT_START
from spacy.symbols import ADJ as ADJ_ID
from spacy.tokens import Doc, Span, Token

from ..entities.countries import city_country, demonym_country
from ..entities.countries import event_country as resolve_country
from ..lang import read_rows
from ..lang.profile import active_profile, get_profile
from ..nlp import PerDoc, doc_words
from ..people import surname_key
from .lexicon import Lexicon
from .modes import doc_table, subtree_of

if TYPE_CHECKING:
    from .actors import ActorContext

SectorIndex = dict[str, list[tuple[tuple[str, ...], str]]]
SECTOR_INDEXES: dict[int, tuple[dict[str, str], SectorIndex]] = {}
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD"})  # officials travel: a place says little
POLITICAL_SECTORS = STATE_SECTORS | {"OPP", "PTY", "POL"}  # people with these roles and no nationality are domestic
SCENE_TOKENS = 4  # 'À Bruxelles,', 'En Iran,', 'A La Paz,'


@dataclass(frozen=True)
class TitleReader:
    """Countries and sectors of the role nouns beside a person's name, for the registry."""

    lexicon: Lexicon

    def title_country(self, title: Token, name: Span) -> str | None:
        """The country the role noun names or qualifies ('le ministre russe')."""
        return phrase_country(title, self.lexicon, skip=name)

    def title_sector(self, title: Token) -> str | None:
        """The sector of the role noun ('ministre' -> GOV)."""
        return sector_of(title, self.lexicon)

    def nationality(self, name: Span) -> str | None:
        """A demonym right before the name."""
        return adjacent_demonym(name)


def learn_scene_nationalities(context: ActorContext, ents: Sequence[Span] | None = None) -> None:
    """A person in a political role the article gives no nationality takes the country of the scene of the
    sentence that introduces them ('Au Venezuela, le président Nicolas Maduro a ordonné'); `ents`: the doc's
    entities when the caller read them already."""
    for ent in context.doc.ents if ents is None else ents:
        person = context.registry.people.get(surname_key(ent.text)) if ent.label_ in ("PER", "PERSON") else None
        if person is not None and person.country is None and person.sector in POLITICAL_SECTORS:
            person.country = scene_country(context, ent.root)


def country_mentions(context: ActorContext) -> list[tuple[int, str]]:
    """Every country the text names, in order: places, demonyms and known people."""
    found: list[tuple[int, str]] = []
    doc = context.doc
    if not len(doc):
        return found
    columns = doc.to_array([POS, ENT_IOB])
    adjectives = columns[:, 0] == ADJ_ID
    wanted = np.flatnonzero(adjectives | (columns[:, 1] == IOB_B)).tolist()  # visit only adjectives and entity starts
    adjective = adjectives.tolist()
    texts = doc_words(doc).texts  # a Token object only for the entity starts
    for i in wanted:
        if adjective[i]:
            code = demonym_country(texts[i])
        else:  # an entity start: the tagger sometimes calls a place name a pronoun or a noun
            token = doc[i]
            name = proper_name(token)
            code = place_country(name)
            person = context.registry.lookup(name) if token.ent_type_ in ("PER", "PERSON") else None
            code = code or (person.country if person else None)
        if code and code != "IGO":
            found.append((i, code))
    return found


def place_country(name: str) -> str | None:
    """The country of a place name: a country, capital, city, or a named site in one ('l'aéroport de Hong Kong')."""
    return _place_country(name, active_profile().cases.of)


@lru_cache(maxsize=8192)
def _place_country(name: str, of: str) -> str | None:
    """`place_country` where `of` is the language's possessive preposition ('de')."""
    code = resolve_country(name, as_actor=False) or city_country(name)
    if code is None and f" {of} " in name:
        inner = name.rpartition(f" {of} ")[2]
        code = (resolve_country(inner, as_actor=False) or city_country(inner)) if inner[:1].isupper() else None
    return code


def mention_weights(doc: Doc, mentions: list[tuple[int, str]]) -> list[int]:
    """How much each country mention says about where the article is: the lead and 'à X' count more,
    the byline ('Orange avec AFP') not at all."""
    start = byline_end(doc)
    texts = doc_words(doc).texts  # no Token object per word of the lead
    lead_end = next((index for index in range(start, len(doc)) if texts[index] in (".", "!", "?")), len(doc))
    return [0 if index < start else 1 + (index < lead_end) + is_locative(doc[index]) for index, _ in mentions]


def byline_end(doc: Doc) -> int:
    """Index of the first token after the byline line ('AFP, publié le ...'), 0 when there is none."""
    words = doc_words(doc)  # no Token object per word of the byline
    return next((index + 1 for index in range(min(40, len(doc)))
                 if "\n" in words.texts[index] or "\n" in words.spaces[index]), 0)


def home_country(mentions: list[tuple[int, str]], *, weights: list[int] | None = None, default: str = "") -> str:
    """The country the article is about: the one named most, where the lead and 'à X' weigh more.

    A territory named at least half as much as its state is preferred ('Hong Kong' over 'Chine').
    With no country named, `default`, else the home country of the active language's press (France for French).
    """
    counts: dict[str, int] = {}
    for position, (_, code) in enumerate(mentions):
        counts[code] = counts.get(code, 0) + (weights[position] if weights else 1)
    counts = {code: count for code, count in counts.items() if count}
    if not counts:
        return default or active_profile().home_country
    home = max(counts, key=counts.__getitem__)
    lying = territories(active_profile().code).items()
    parts = [code for code, state in lying if state == home and 2 * counts.get(code, 0) >= counts[home]]
    return max(parts, key=counts.__getitem__) if parts else home


@lru_cache(maxsize=8)
def territories(lang: str) -> dict[str, str]:
    """Territory code -> code of the state it lies in, from lang/<lang>/events/territories.tsv."""
    return {row[0]: row[1] for row in read_rows(lang, "events", "territories.tsv")}


def recent_countries(context: ActorContext, before: int, count: int) -> list[str]:
    """The last `count` distinct countries named before token `before` ('les deux pays')."""
    found: list[str] = []
    for _, code in sorted((m for m in context.country_mentions if m[0] < before), reverse=True):
        if code not in found:
            found.append(code)
        if len(found) == count:
            break
    return found


def adjacent_demonym(ent: Span) -> str | None:
    """A demonym adjective right before a name ('le dirigeant nord-coréen Kim Jong Un')."""
    for token in ent.doc[max(0, ent.start - 2): ent.start]:
        if token.pos_ == "ADJ":
            found = demonym_country(token.text)
            if found:
                return found
    return None


def phrase_country(head: Token, lexicon: Lexicon, *, skip: Span | None = None) -> str | None:
    """The country a noun phrase names or qualifies, searching modifiers two levels down."""
    table = doc_table(head.doc)  # the words' tags, relations and texts with no Token object
    dependents, relations, tags, texts = table.dependents, table.dep, table.pos, table.text
    below = dependents[head.i]
    for position in [head.i, *below, *(g for c in below for g in dependents[c])]:
        if skip is not None and skip.start <= position < skip.end:
            continue
        if relations[position] in ("acl:relcl", "appos") and position != head.i:
            continue
        tag = tags[position]
        if tag == "ADJ" or (tag == "NOUN" and position == head.i):
            found = demonym_country(texts[position])
        elif tag == "PROPN":
            found = resolve_country(proper_name(head.doc[position]))
        else:
            found = None
        if found:
            return found
    return None


def proper_name(token: Token) -> str:
    """The full proper name around a PROPN token ('Corée du Nord', 'États-Unis')."""
    doc = token.doc
    iob = entity_iob(doc)  # no Token object for the words of the name
    if iob[token.i] in (IOB_I, IOB_B):
        start = token.i
        while start > 0 and iob[start] == IOB_I:
            start -= 1
        end = token.i + 1
        while end < len(iob) and iob[end] == IOB_I:
            end += 1
        return doc_words(doc).span_text(start, end)[0]
    parts = [token] + [c for c in token.children if c.dep_ in ("flat:name", "flat", "nmod") and c.pos_ == "PROPN"]
    words = [t for t in token.subtree if t.i >= token.i and any(t.i == p.i or t.head.i == p.i for p in parts)]
    return doc[token.i: max(t.i for t in words) + 1].text if words else token.text


_IOB: PerDoc[list[int]] = PerDoc()
IOB_I, IOB_B = 1, 3  # `Token.ent_iob` of 'I' and 'B'


def entity_iob(doc: Doc) -> list[int]:
    """`Token.ent_iob` of every token of the doc, read once per doc (the events component leaves the entities as
    they are)."""
    found = _IOB.get(doc)
    if found is None or len(found) != len(doc):
        found = _IOB.put(doc, doc.to_array(ENT_IOB).tolist())
    return found


_SENTENCE_STARTS: PerDoc[list[int]] = PerDoc()


def parser_sentence(token: Token) -> Span:
    """`token.sent` (the parser's sentence holding the token), found by bisection over the doc's sentence starts,
    read once per doc: spaCy's `Token.sent` checks the whole doc's annotation in Python at each call (about 10 us).
    The same span: from the last start at or before the token (else the doc's first token) to the next start
    after it (else the doc's end)."""
    doc = token.doc
    if doc.user_hooks or doc.user_span_hooks or doc.user_token_hooks:
        return token.sent  # a hook decides: spaCy's own reading
    starts = _SENTENCE_STARTS.get(doc)
    if starts is None:
        if not doc.has_annotation("SENT_START"):
            return token.sent  # spaCy says why there is none
        flags = doc.to_array(SENT_START).astype("int64")
        starts = _SENTENCE_STARTS.put(doc, (flags == 1).nonzero()[0].tolist())
    after = bisect_right(starts, token.i)
    start = starts[after - 1] if after > 0 else 0
    end = starts[after] if after < len(starts) else len(doc)
    return doc[start:end]


def sector_of(head: Token, lexicon: Lexicon) -> str | None:
    """Agent sector from the head noun and its modifiers ('forces de l'ordre' -> POL)."""
    index = sector_index(lexicon)
    entries = [*index.get(head.lemma_.lower(), ()), *index.get(head.lower_, ())]  # 'forces de l'ordre' as written
    if not entries:
        return None
    doc = head.doc  # a Token object for the words near the head only
    near = [doc[p] for p in subtree_of(doc_table(doc).dependents, head.i) if p != head.i and p - head.i < 6]
    modifiers = {c.lemma_.lower() for c in near} | {c.lower_ for c in near}
    best = None
    for rest, sector in entries:
        if all(w in modifiers for w in rest) and (best is None or len(rest) > best[0]):
            best = (len(rest), sector)
    return best[1] if best else None


def sector_index(lexicon: Lexicon) -> SectorIndex:
    """sectors.tsv by first word: word -> [(further content words, sector)], built once per lexicon."""
    cached = SECTOR_INDEXES.get(id(lexicon.sectors))
    if cached is not None and cached[0] is lexicon.sectors:
        return cached[1]
    found: SectorIndex = {}
    for key, sector in lexicon.sectors.items():
        words = key.replace("'", " ").split()
        rest = tuple(w for w in words[1:] if w not in ("de", "du", "la", "le", "l", "des", "d"))
        found.setdefault(words[0], []).append((rest, sector))
    SECTOR_INDEXES[id(lexicon.sectors)] = (lexicon.sectors, found)
    return found


def local_country(context: ActorContext, token: Token) -> str:
    """Where unnamed local actors belong: the country the sentence places things in, else the article's home."""
    sentence = parser_sentence(token)
    for index, code in context.country_mentions:
        if sentence.start <= index < sentence.end and is_locative(context.doc[index]):
            return code
    return context.home


def scene_country(context: ActorContext, token: Token) -> str | None:
    """The country of a place that opens the sentence and sets its scene ('À Bruxelles, ...')."""
    sentence = parser_sentence(token)
    fused = fused_to(active_profile().code)
    for index, code in context.country_mentions:
        if not sentence.start <= index < sentence.start + SCENE_TOKENS:
            continue
        place = context.doc[index]
        if is_locative(place) or place.i > 0 and place.doc[place.i - 1].lower_ in fused:  # 'Au Venezuela,'
            following = context.doc[index + 1: sentence.end]
            if any(t.text == "," for t in following[:3]):
                return code
    return None


@lru_cache(maxsize=8)
def fused_to(lang: str) -> frozenset[str]:
    """The forms of the language's 'to' fused with an article ('au', 'aux'): they place a scene too."""
    profile = get_profile(lang)
    return frozenset(form for form, (preposition, _) in profile.contractions.items() if preposition == profile.cases.to)


def is_locative(token: Token) -> bool:
    """A place named as where something happens ('à Madrid', 'en Iran', 'A Bruxelles')."""
    locatives = active_profile().locatives
    if any(c.dep_ == "case" and c.lower_ in locatives for c in token.children):
        return True
    return token.i > 0 and token.doc[token.i - 1].lower_ in locatives  # the parser may hang 'A' elsewhere


def adjective_phrase(head: Token) -> str:
    """A noun with its adjectives only ('justice internationale'), read from the doc's token table (whose children
    keep every "amod"): no Token object per child."""
    from .features import token_table  # features reads this module (through actors): imported at call time

    table = token_table(head.doc)
    dep, text = table.dep, table.text
    words = sorted([head.i, *(child for child in table.children[head.i] if dep[child] == "amod")])
    return " ".join(text[position] for position in words)


def description_country(head: Token) -> str | None:
    """The country a role noun itself names ('le président russe', 'le président du Kosovo'), not one deeper in
    its complements ('le président de l'ancienne province serbe' need not be Serbian)."""
    for child in head.children:
        if child.dep_ == "amod" and child.pos_ == "ADJ":
            found = demonym_country(child.text)
        elif child.dep_.startswith("nmod") and child.pos_ == "PROPN":
            found = resolve_country(proper_name(child))
        else:
            found = None
        if found:
            return found
    return None
