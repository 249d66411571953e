"""Quote extraction as pure functions over a parsed `Doc`.

One pass over the units of the article (sentences, merged where a quotation crosses a
sentence end): attribution anchors are found (anchors.py, sources.py), each anchor's content is
bounded by the unit and by the other anchors' own words, its type follows from the
quotation marks it holds, and quoted sentences left without an anchor continue the
previous speaker. Speakers are then resolved in reading order (speakers.py).
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from ..lang.profile import active_profile, use_language
from ..records import Entity, Quote, Speaker
from .acronyms import definitions, expanded
from .anchors import Anchor, preposed_subject, verb_anchor
from .complements import complement, resumption
from .cues import char_end, cue_of, feature, inversion, unit_cues, verb_group, words_with_cues
from .layout import SPACES, QuotedSpan, Unit, clear_cache, paragraphs, text_of, units
from .mentions import subject_mention
from .ranking import SHIPPED, Context, Option, SpeakerModel, choose, describe, options_for, shipped_model
from .sources import source_anchors
from .speakers import Resolver
from .vocabulary import Cue, Lexicon, load_lexicon
from .words import alternation, load_words, words

EDGE_PUNCTUATION = SPACES + ",;:.—–-("
MAX_INTERRUPTION_WORDS = 8
MAX_FRAME_WORDS = 3
MIN_SENTENCE_WORDS = 3
RECENT_PARAGRAPHS = 2
WORD = re.compile(r"\w+")
INCISE_TAIL = re.compile(r"[^.,;:!?«»\"“”]*")  # the words after an incise's verb, up to its punctuation
MAX_CONNECTIVE_WORDS = 2  # "Au total,", "Pourtant,": not "Malgré les soupçons," (content of its own)
MAX_NAME_WORDS = 4
MAX_CHAIN_GAP_WORDS = 12  # words of an adjunct between two quotations of one content
NESTED_FRAMES = frozenset({"que", "colon"})  # the contents of speech reported inside a quotation


@dataclass
class Draft:
    """A quote before its speaker is resolved."""

    start: int
    end: int
    type: str
    position: int  # where the attribution is read: cue for anchors, quote start for continuations
    paragraph: int
    anchor: Anchor | None = None
    follows: Anchor | None = None  # interrupted quote: same speaker as this anchor
    nested: bool = False  # speech reported inside a quotation: the rules name its speaker, no later quote's


def extract_quotes(doc: Doc, *, lexicon: Lexicon | None = None, entities: Any = None,
                   model: SpeakerModel | None | str = SHIPPED,
                   collect: list[tuple[Draft, list[Option]]] | None = None) -> Iterator[Quote]:
    """Direct, indirect and mixed quotes of a parsed article, with resolved speakers.

    `model` chooses the speakers among the rules' candidates: the shipped one by default, None for the
    rules alone; `collect` receives each draft with its candidate speakers (training). The rules read the words
    and profile of the lexicon's language (by default the active language's lexicon).
    """
    lexicon = lexicon or load_lexicon(active_profile().code)
    ranker = shipped_model() if model == SHIPPED else model
    if ranker is not None and not isinstance(ranker, SpeakerModel):
        raise TypeError(f"model must be a SpeakerModel, None or {SHIPPED!r}, not {model!r}")
    try:
        with use_language(lexicon.lang):  # the whole run, before the first quote is yielded to the caller
            found_units = units(doc, paragraphs(text_of(doc)))
            drafts: list[Draft] = []
            for unit in found_units:
                drafts.extend(unit_drafts(doc, unit, lexicon))
            quotes = list(resolve(doc, drafts, found_units, lexicon=lexicon, entities=entity_list(entities, doc),
                                  model=ranker, collect=collect))
    finally:
        clear_cache(doc)
    yield from quotes


def entity_list(entities: Any, doc: Doc) -> list[Entity]:
    """Entities from an EntityIndex, a sequence of Entity, or the doc's extension."""
    if entities is None and doc.has_extension("newsgraph_entities"):
        entities = doc._.newsgraph_entities
    if entities is None:
        return []
    for attribute in ("entities", "all"):
        value = getattr(entities, attribute, None)
        if value is not None:
            entities = value() if callable(value) else value
            break
    return [e for e in entities if isinstance(e, Entity)]


# --- one unit -------------------------------------------------------------------------------


def unit_drafts(doc: Doc, unit: Unit, lexicon: Lexicon) -> list[Draft]:
    """Quotes of one unit: anchored contents, then quoted sentences without an anchor."""
    anchors = find_anchors(doc, unit, lexicon)
    bound_contents(anchors, unit, text_of(doc), lexicon)
    drafts = [draft for anchor in anchors for draft in anchored_drafts(doc, anchor)]
    drafts.extend(unanchored_drafts(doc, unit, anchors, drafts))
    drafts = [part for draft in drafts for part in split_at_inner_incise(doc, draft, lexicon, unit)]
    return drafts + [inner for draft in drafts for inner in nested_drafts(doc, draft, lexicon, unit)]


def nested_drafts(doc: Doc, draft: Draft, lexicon: Lexicon, unit: Unit) -> list[Draft]:
    """Speech reported inside a direct quote by a subject and a cue that open a 'que' clause ('« Le gardien m'a dit
    qu'il avait vu le camion », raconte X'): a quote of its own, nested in the quotation, with its own speaker."""
    if draft.type != "direct":
        return []
    span = doc.char_span(draft.start, draft.end, alignment_mode="contract")
    if span is None or len(span) < MIN_SENTENCE_WORDS:
        return []
    text = text_of(doc)
    inner = Unit(start=draft.start, end=draft.end, first=span.start, last=span.end - 1, paragraph=unit.paragraph,
                 quotes=())
    anchors = [anchor for token, cue in unit_cues(doc, inner, lexicon)
               if (anchor := _nested_anchor(token, cue, inner, lexicon)) is not None]
    if not anchors:
        return []
    bound_contents(anchors, inner, text, lexicon)
    return [replace(nested, nested=True) for anchor in anchors for nested in anchored_drafts(doc, anchor)
            if nested.type == "indirect"]


def _nested_anchor(token: Token, cue: Cue, inner: Unit, lexicon: Lexicon) -> Anchor | None:
    """A cue inside a quotation whose content is a 'que' clause or follows a colon, said to the quoted speaker by
    someone else: a subject in the third person and the speaker as its addressee ('on m'a répondu que', 'l'office nous
    a avertis que', 'il m'a répondu : ...'; not 'je pense que' nor 'je lui ai dit que', the quoted speaker's own
    words). Its subject is the mention when it names someone."""
    if not cue.frames & NESTED_FRAMES:
        return None
    doc = token.doc
    first, last = verb_group(token)
    subject = preposed_subject(token)
    if subject is None or subject.idx < inner.start or subject.i >= first or not _addressed_to_speaker(doc, subject, first):
        return None
    if subject.pos_ == "PRON" and (subject.lower_ in words().not_speakers or "3" not in feature(subject, "Person")):
        return None
    content = complement(token, cue, inner, last, lexicon)  # the verb's first complement: not past an infinitive
    if content is None or not _opens_clause(text_of(doc), inner.start, content):
        return None
    mention = subject_mention(subject, lexicon)
    return Anchor("preposed", inner, doc[first].idx, char_end(doc[last]), doc[first].idx, content, True,
                  content_start=content, mention=mention, verb=token)


def _addressed_to_speaker(doc: Doc, subject: Token, first: int) -> bool:
    """A first-person object pronoun between the subject and its verb: 'il m'a dit', 'elles nous ont annoncé'."""
    return any(t.lower_ in words().first_person_objects for t in doc[subject.i + 1 : first])


def _opens_clause(text: str, start: int, content_start: int) -> bool:
    """The content opens right after the conjunction 'que' ('m'a dit qu'il ...') or a colon ('m'a répondu : ...')."""
    before = text[start:content_start].rstrip(SPACES).lower()
    return before.endswith(":") or any(before.endswith(form) and not before[: -len(form)][-1:].isalpha()
                                       for form in words().que)


def split_at_inner_incise(doc: Doc, draft: Draft, lexicon: Lexicon, unit: Unit) -> list[Draft]:
    """A direct quote whose marks also hold an incise ('« A, a-t-elle ajouté. B »', '« A, a expliqué la députée X.
    B »') is two quotes, A and B, of the same attribution (the incise's, when the quote had none); the incise's words
    belong to neither."""
    if draft.type != "direct":
        return [draft]
    text = text_of(doc)
    span = doc.char_span(draft.start, draft.end, alignment_mode="contract")
    for token in words_with_cues(doc, span.start, span.end, lexicon) if span is not None else ():
        if cue_of(token, lexicon) is None:
            continue
        inverted = inversion(token)
        first, last = verb_group(token)
        end = char_end(doc[last]) if inverted is None else max(inverted.end(), char_end(doc[last]))
        if text[draft.start : doc[first].idx].rstrip(SPACES).endswith(","):
            end = _incise_tail(doc, end, draft.end, subject=inverted is None) or end
        elif inverted is None:
            continue
        before, after = text[draft.start : doc[first].idx].rstrip(SPACES), text[end:draft.end]
        if not before.endswith(",") or after[:1] not in (".", ","):
            continue
        head = trim(text, draft.start, len(before) + draft.start)
        tail = trim(text, end, draft.end)
        if draft.anchor is None and draft.follows is None and inverted is None:
            cue = cue_of(token, lexicon)
            incise = verb_anchor(token, cue, unit, lexicon) if cue is not None else None
            if incise is not None and incise.kind == "incise":
                draft = replace(draft, anchor=incise, position=incise.cue_start)
        parts = [replace(draft, start=start, end=stop) for start, stop in (head, tail) if stop > start]
        return parts[:1] + [p for q in parts[1:] for p in split_at_inner_incise(doc, q, lexicon, unit)]
    return [draft]


def _incise_tail(doc: Doc, start: int, end: int, *, subject: bool) -> int | None:
    """End of the words that complete an incise inside quotation marks up to the next comma or full stop: its
    subject and adjuncts ('a expliqué la députée X.', 'a-t-elle déclaré sur franceinfo.'). None when they run long,
    hold a finite verb, or (with `subject`) hold no noun."""
    text = text_of(doc)
    stop = INCISE_TAIL.match(text, start, end)
    if stop is None or stop.end() >= end or len(WORD.findall(stop.group())) > MAX_INTERRUPTION_WORDS:
        return None
    tail = doc.char_span(start, stop.end(), alignment_mode="expand")
    if tail is None or any(t.pos_ in ("VERB", "AUX") and "Fin" in t.morph.get("VerbForm", []) for t in tail):
        return None
    if subject and not any(t.pos_ in ("NOUN", "PROPN") for t in tail):
        return None
    return stop.end()


def find_anchors(doc: Doc, unit: Unit, lexicon: Lexicon) -> list[Anchor]:
    """Every attribution anchor of the unit, in text order."""
    anchors: list[Anchor] = []
    for token, cue in unit_cues(doc, unit, lexicon):
        if (anchor := verb_anchor(token, cue, unit, lexicon)) is not None:
            anchors.append(anchor)
    anchors.extend(source_anchors(unit, doc, lexicon))
    anchors = [anchor for anchor in anchors if not is_evidence(anchor, lexicon)]
    anchors.sort(key=lambda a: a.region_start)
    return anchors


def is_evidence(anchor: Anchor, lexicon: Lexicon) -> bool:
    """The attribution names facts, not a speaker ('les signes ... indiquant que')."""
    mention = anchor.mention
    return mention is not None and mention.form == "description" and lexicon.noun_class(mention.head) == "evidence"


def bound_contents(anchors: list[Anchor], unit: Unit, text: str, lexicon: Lexicon) -> None:
    """Set each anchor's content: up to the next attribution (forward) or from the previous one."""
    reminders: list[Anchor] = []  # 'selon lui' inside a preposed content: nested in it, neither a bound nor a quote
    for anchor in anchors:
        if anchor.kind == "aside" or anchor in reminders:
            continue  # it only bounds the others
        if anchor.forward and anchor.content_start is not None:
            nested = [b for b in anchors if anchor.kind != "source" and _reminder(b, anchor, anchors)]
            reminders.extend(nested)
            later = [b.region_start for b in anchors if b is not anchor and b.region_start >= anchor.content_start
                     and b not in nested]
            anchor.content_end = min(later, default=unit.end)
            if anchor.verb is not None:
                resumed = resumption(anchor.verb, unit, anchor.content_start, anchor.content_end, lexicon)
                anchor.content_end = anchor.content_end if resumed is None else resumed
        else:  # a "selon X" inside the content of an incise is nested in it, not a bound
            earlier = [b.region_end for b in anchors if b is not anchor and b.region_end <= anchor.region_start
                       and (b.kind != "source" or anchor.kind == "source")]
            if anchor.content_start is None:
                anchor.content_start = max(earlier, default=unit.start)
                anchor.content_start = max(anchor.content_start, _quotation_after_colon(unit, text, anchor.region_start))
                if (reported := _reported_clause(anchor, anchors)) is not None:
                    anchor.content_start = reported.region_start  # 'X a annoncé Y, a rapporté Z'
            if anchor.content_end is None:
                anchor.content_end = anchor.region_start
            elif any(b.kind != "source" and not b.forward and b.region_start >= anchor.region_end for b in anchors):
                anchor.content_start = anchor.content_end = None  # nested in the content of a later incise
            else:  # a "selon X" inside its clause: the content runs on, up to the next attribution
                later = [b.region_start for b in anchors if b is not anchor and b.region_start >= anchor.region_end]
                anchor.content_end = min([anchor.content_end, *later])
    for reminder in reminders:
        reminder.content_start = reminder.content_end = None
    _attach_reporting_sources(anchors, text)


def _reported_clause(incise: Anchor, anchors: list[Anchor]) -> Anchor | None:
    """'X a annoncé Y, a rapporté Z': a trailing incise right after the content of a preposed cue whose subject opens
    its region reports the whole clause, X's cue included (a quote that holds X's own)."""
    if incise.kind != "incise":
        return None
    reported = next((b for b in reversed(anchors) if b.region_end <= incise.region_start), None)
    if reported is None or reported.kind == "source" or not reported.forward or reported.mention is None:
        return None
    if reported.mention.start != reported.region_start or reported.content_end != incise.region_start:
        return None
    return reported


def _reminder(source: Anchor, anchor: Anchor, anchors: list[Anchor]) -> bool:
    """'X a dénoncé la politique qui équivaut, selon lui, à ...': a 'selon' + pronoun after a preposed cue's content
    start, with no other attribution between, refers back to the cue's speaker inside its content."""
    if source.kind != "source" or source.forward or source.mention is None or source.mention.form != "pronoun":
        return False
    if anchor.content_start is None or source.region_start < anchor.content_start:
        return False
    return not any(b is not anchor and b is not source and anchor.content_start <= b.region_start < source.region_start
                   for b in anchors)


def _quotation_after_colon(unit: Unit, text: str, end: int) -> int:
    """Start of the quotation that ends an incise's content when a colon opens it ('X a ironisé : « ... », a-t-elle
    ajouté': the content is the quotation, not the clause before the colon); the unit start otherwise."""
    quote = next((q for q in unit.quotes if q.end <= end and not text[q.end : end].strip(EDGE_PUNCTUATION)), None)
    if quote is None or not text[unit.start : quote.start].rstrip(SPACES).endswith(":"):
        return unit.start
    return quote.start


def _attach_reporting_sources(anchors: list[Anchor], text: str) -> None:
    """A trailing "selon X" after an attributed content reports it: reported_by, not a new quote."""
    for anchor in anchors:
        if anchor.kind != "source" or anchor.forward:
            continue
        reported = next((b for b in anchors if b.kind != "source" and _reports(b, anchor, text)), None)
        if reported is not None and anchor.mention is not None:
            reported.reported_by = reported.reported_by or anchor.mention.text
            anchor.content_start = anchor.content_end = None


def _reports(verb: Anchor, source: Anchor, text: str) -> bool:
    if verb.forward and verb.content_end == source.region_start:
        return True
    if not verb.forward and verb.region_end <= source.region_start:
        between = text[verb.region_end : source.region_start]
        return len(WORD.findall(between)) < 6 and not any(mark in between for mark in "«»\"“”")
    return False


def anchored_drafts(doc: Doc, anchor: Anchor) -> list[Draft]:
    """The quotes an anchor attributes: none when its content is empty, one per quotation when the content is a
    chain of quotations joined by a connective ('« A » mais « B »'), else one."""
    if anchor.content_start is None or anchor.content_end is None:
        return []
    text = text_of(doc)
    start, end = trim(text, anchor.content_start, anchor.content_end)
    if end <= start:
        return []
    speech = [quote for quote in anchor.unit.quotes if not quoted_name(doc, quote)]
    kind, start, end = shape(text, start, end, speech)
    if kind != "direct" and len(WORD.findall(text[start:end])) < 2:
        return []
    if kind == "indirect" and anchor.kind == "incise" and not _clause(doc, start, end, anchor.unit.quotes):
        return []  # '[Dans un communiqué, la députée X], a annoncé son départ': the subject, set off by commas
    closing = _colon_quotation(doc, start, end, speech, anchor.unit) if kind == "mixed" else None
    if closing is not None:  # 'assure ne pas vouloir partir : « ... »': the clause, then the quotation on its own
        head_kind, head_start, head_end = shape(text, *trim(text, start, text.rindex(":", start, closing.start)), speech)
        return [Draft(head_start, head_end, head_kind, anchor.cue_start, anchor.unit.paragraph, anchor=anchor),
                Draft(closing.inner_start, closing.inner_end, "direct", anchor.cue_start, anchor.unit.paragraph,
                      anchor=anchor)]
    chain = quotation_chain(text, start, end, speech) if kind == "mixed" else []
    return [Draft(start, end, kind, anchor.cue_start, anchor.unit.paragraph, anchor=anchor)] if not chain else [
        Draft(quote.inner_start, quote.inner_end, "direct", anchor.cue_start, anchor.unit.paragraph, anchor=anchor)
        for quote in chain]


def _colon_quotation(doc: Doc, start: int, end: int, quotes: Sequence[QuotedSpan], unit: Unit) -> QuotedSpan | None:
    """The quoted sentence that ends a content after a colon when the words before the colon are a clause of their
    own ('assure ne pas vouloir partir : « Je reste ... »'); None for quoted terms listed after a colon ('pour deux
    chefs d'accusation : « propagande » et « collusion »') or a colon after a bare noun phrase."""
    text = text_of(doc)
    last = next((q for q in reversed(quotes) if start < q.start < end), None)
    if last is None or text[last.end : end].strip(EDGE_PUNCTUATION) or not sentence_like(doc, last, unit):
        return None
    before = text[start : last.start].rstrip(SPACES)
    if not before.endswith(":"):
        return None
    colon = start + len(before) - 1
    if len(WORD.findall(text[start:colon])) < 2 or not _clause(doc, start, colon, quotes):
        return None
    return last


def _clause(doc: Doc, start: int, end: int, quotes: Sequence[QuotedSpan]) -> bool:
    """[start, end) holds a finite or infinitive verb, or quoted words: it can be reported content."""
    if any(quote.start < end and start < quote.end for quote in quotes):
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is None or any(t.pos_ in ("VERB", "AUX") and ("Fin" in t.morph.get("VerbForm", [])
                                                             or "Inf" in t.morph.get("VerbForm", [])) for t in span)


def quotation_chain(text: str, start: int, end: int, quotes: Sequence[QuotedSpan]) -> list[QuotedSpan]:
    """The quotations of a content made of quotations of a few words each, joined by punctuation, one connective or
    a short adjunct ending in a comma ('« A » mais « B »', '« A », « B »', '« A » lors du débat, « B »'): each is a
    direct quote of its own. Empty otherwise."""
    inside = [q for q in quotes if start <= q.start and q.end <= end]
    if len(inside) < 2 or inside[0].start != start or inside[-1].end != end:
        return []
    if any(len(WORD.findall(text[q.inner_start : q.inner_end])) < MIN_SENTENCE_WORDS for q in inside):
        return []  # '« des salariés », « des Français »': quoted words, not quotations that stand alone
    for before, after in zip(inside, inside[1:]):
        between = WORD.findall(text[before.end : after.start])
        if len(between) > 1 and (len(between) > MAX_CHAIN_GAP_WORDS or not text[before.end : after.start].rstrip(
                SPACES).endswith(",")):
            return []  # '« A » lors de son discours, « B »': an adjunct set off by a comma, not words of the content
        if len(between) == 1 and between[0].lower() not in words().connectives:
            return []
    return inside


@lru_cache(maxsize=8)
def dangling_tail(lang: str) -> re.Pattern[str]:
    """The words of language `lang` trimmed from the end of a quote: '..., et'."""
    return re.compile(rf"[\s,]+(?:{alternation(load_words(lang).dangling_tail)})$", re.IGNORECASE)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip spaces, edge punctuation and dangling conjunctions, keeping quotation marks and final ! ? …."""
    while True:
        while start < end and text[start] in EDGE_PUNCTUATION:
            start += 1
        while end > start and text[end - 1] in EDGE_PUNCTUATION:
            end -= 1
        tail = dangling_tail(active_profile().code).search(text, start, end)
        if tail is None or tail.start() <= start:
            return start, end
        end = tail.start()


def shape(text: str, start: int, end: int, quotes: Sequence[QuotedSpan]) -> tuple[str, int, int]:
    """Type of a content and its final span: direct (inside the marks), mixed or indirect."""
    inside = [q for q in quotes if q.start < end and q.end > start]
    if not inside:
        return "indirect", start, end
    if len(inside) == 1:
        quote = inside[0]
        before, after = text[start : max(start, quote.start)], text[min(end, quote.end) : end]
        if not after.strip(EDGE_PUNCTUATION + "!?") and (not before.strip(EDGE_PUNCTUATION) or _connective(before)):
            return "direct", quote.inner_start, quote.inner_end
    start = min(start, inside[0].start) if inside[0].start < start < inside[0].inner_end else start
    end = max(end, inside[-1].end) if inside[-1].inner_start < end < inside[-1].end else end
    return "mixed", start, end


def _connective(before: str) -> bool:
    """'Au total, « ... »', 'mais « ... »': a linking word or short adverbial before the only quotation."""
    frame = WORD.findall(before)
    if not frame or len(frame) > MAX_CONNECTIVE_WORDS:
        return False
    return before.rstrip(SPACES).endswith(",") or (len(frame) == 1 and frame[0].lower() in words().connectives)


def quoted_name(doc: Doc, quote: QuotedSpan) -> bool:
    """A quoted name or title ('la marque « Jean Dupont »'): a few words opening with a capital, no verb nor
    pronoun; it does not make its content mixed."""
    inner = text_of(doc)[quote.inner_start : quote.inner_end]
    if not inner[:1].isupper() or len(WORD.findall(inner)) > MAX_NAME_WORDS or inner.rstrip()[-1:] in ".!?…":
        return False
    span = doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="expand")
    return span is not None and not any(t.pos_ in ("VERB", "AUX", "PRON") for t in span)


def unanchored_drafts(doc: Doc, unit: Unit, anchors: list[Anchor], drafts: list[Draft]) -> Iterator[Draft]:
    """Quoted sentences with no anchor of their own: interrupted or continued quotes."""
    covered = [(d.start, d.end) for d in drafts] + [(a.region_start, a.region_end) for a in anchors]
    for quote in unit.quotes:
        if any(start < quote.end and quote.start < end for start, end in covered):
            continue
        if not sentence_like(doc, quote, unit):
            continue
        previous = _interrupting_anchor(text_of(doc), quote, anchors)
        if previous is not None or standalone(text_of(doc), quote, unit):
            yield Draft(quote.inner_start, quote.inner_end, "direct", quote.start, unit.paragraph, follows=previous)


def sentence_like(doc: Doc, quote: QuotedSpan, unit: Unit) -> bool:
    """A quoted clause (not a quoted term, title or slogan): several words and a verb."""
    inner = text_of(doc)[quote.inner_start : quote.inner_end]
    if len(WORD.findall(inner)) < MIN_SENTENCE_WORDS:
        return False
    span = doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="expand")
    has_verb = span is not None and any(t.pos_ in ("VERB", "AUX") for t in span)
    return has_verb or inner.rstrip().endswith((".", "!", "?", "…"))


def standalone(text: str, quote: QuotedSpan, unit: Unit) -> bool:
    """The quote is (nearly) the whole unit, or follows a colon."""
    before = text[unit.start : quote.start]
    if before.rstrip(SPACES).endswith(":"):
        return True
    outside = before + text[quote.end : unit.end]
    for other in unit.quotes:
        if other is not quote:
            outside = outside.replace(text[other.start : other.end], " ")
    return len(WORD.findall(outside)) <= MAX_FRAME_WORDS


def _interrupting_anchor(text: str, quote: QuotedSpan, anchors: list[Anchor]) -> Anchor | None:
    """'« A », a-t-il dit, « B »': the incise just before B."""
    before = [a for a in anchors if a.kind == "incise" and a.region_end <= quote.start]
    if not before:
        return None
    anchor = max(before, key=lambda a: a.region_end)
    gap = text[anchor.region_end : quote.start]
    return anchor if len(WORD.findall(gap)) <= MAX_INTERRUPTION_WORDS else None


# --- speakers -------------------------------------------------------------------------------


def resolve(doc: Doc, drafts: list[Draft], found_units: list[Unit], *, lexicon: Lexicon,
            entities: list[Entity], model: SpeakerModel | None = None,
            collect: list[tuple[Draft, list[Option]]] | None = None) -> Iterator[Quote]:
    """Resolve speakers in reading order and build the records.

    The rules propose a speaker; with a `model`, it chooses among that speaker and the other actors in
    reach (ranking.py). `collect` receives each draft with its described options (for training).
    """
    paragraph_of = {i: unit.paragraph for unit in found_units for i in range(unit.first, unit.last + 1)}
    quoted = sorted({(q.inner_start, q.inner_end) for unit in found_units for q in unit.quotes})
    resolver = Resolver(doc, lexicon=lexicon, entities=entities, paragraph_of=paragraph_of, quoted=quoted)
    resolved: dict[int, Speaker | None] = {}
    last: tuple[Speaker | None, int] | None = None
    records = []
    known = definitions(text_of(doc))
    for draft in sorted(drafts, key=lambda d: (d.position, d.start)):
        speaker = _speaker_of(draft, resolver, resolved, last)
        if (model is not None or collect is not None) and not draft.nested:  # nested speech: the rules' speaker
            speaker = _ranked(draft, speaker, resolver, resolved, last, model=model, collect=collect, known=known)
        if not draft.nested:
            last = (speaker, draft.paragraph)
        records.append(_record(text_of(doc), draft, as_written(speaker, resolver, known)))
    yield from sorted(records, key=lambda q: (q.start, q.end))


def as_written(speaker: Speaker | None, resolver: Resolver, known: dict[str, str]) -> Speaker | None:
    """The speaker as the quote record names it: an organization in full as the article gives it ('la DGS' -> 'la
    Direction générale de la Santé'), an acronym the article defines in parentheses in its long form. The records
    and the training labels both read it, so what the model learns is what the scorer compares."""
    return expanded(resolver.in_full(speaker), known)


def _ranked(draft: Draft, rule: Speaker | None, resolver: Resolver, resolved: dict[int, Speaker | None],
            last: tuple[Speaker | None, int] | None, *, model: SpeakerModel | None,
            collect: list[tuple[Draft, list[Option]]] | None, known: dict[str, str]) -> Speaker | None:
    """The model's choice among the rules' speaker and the actors in reach of the draft."""
    anchor = draft.anchor
    mention = anchor.mention if anchor is not None else None
    kind = anchor.kind if anchor is not None else ("follows" if draft.follows is not None else "none")
    context = Context(draft.position, mention, kind, draft.type, last[0] if last else None)
    decides = model is not None and context.form in model.forms
    if not decides and collect is None:
        return rule  # the rules keep this form: no options to describe
    options = options_for(resolver, context, rule)
    describe(resolver, context, options, rule)
    if collect is not None:
        for option in options:
            written = as_written(option.speaker, resolver, known)
            option.written = written.name if written is not None else None
        collect.append((draft, options))
    best = choose(model, options) if model is not None and decides else None
    if best is None or best.speaker.name == (rule.name if rule else None):
        return rule
    chosen = best.speaker
    if mention is not None:
        chosen = Speaker(name=chosen.name, mention=mention.text, entity=chosen.entity, kind=chosen.kind,
                         start=mention.start, end=mention.end)
    else:
        chosen = Speaker(name=chosen.name, mention=None, entity=chosen.entity, kind=chosen.kind)
    if anchor is not None:
        resolved[id(anchor)] = chosen
    for candidate in resolver.history[::-1]:
        if candidate.position == draft.position:
            candidate.speaker = chosen  # later pronouns see the model's speaker
            break
    return chosen


def _speaker_of(draft: Draft, resolver: Resolver, resolved: dict[int, Speaker | None],
                last: tuple[Speaker | None, int] | None) -> Speaker | None:
    if draft.anchor is not None:
        key = id(draft.anchor)
        if key not in resolved:
            remembered = len(resolver.history)
            resolved[key] = resolver.resolve(draft.anchor.mention, position=draft.anchor.cue_start)
            if draft.nested:  # a speaker named inside a quotation is no antecedent for the article's pronouns
                del resolver.history[remembered:]
        return resolved[key]
    if draft.follows is not None:
        speaker = resolved.get(id(draft.follows))
    elif last is not None and draft.paragraph - last[1] <= RECENT_PARAGRAPHS:
        speaker = last[0]
    else:
        return None
    if speaker is None:
        return None
    return Speaker(name=speaker.name, mention=None, entity=speaker.entity, kind=speaker.kind)


def _record(text: str, draft: Draft, speaker: Speaker | None) -> Quote:
    anchor = draft.anchor
    cue = text[anchor.cue_start : anchor.cue_end] if anchor is not None else None
    return Quote(
        text=text[draft.start : draft.end],
        start=draft.start,
        end=draft.end,
        type=draft.type,
        cue=cue,
        speaker=speaker,
        addressee=anchor.addressee if anchor else None,
        medium=anchor.medium if anchor else None,
        reported_by=anchor.reported_by if anchor else None,
    )
