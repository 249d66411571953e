"""Source anchors: an attribution marker ("selon X", "d'après X", "pour X") and the source it names.

The marker may stand before the content ("Selon X, CONTENT"), inside it ("CONTENT, selon X, ...") or
after it ("CONTENT, selon X."); the source's noun phrase runs to punctuation, a verb or a relative
pronoun, with the appositions and modifiers that describe it.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Token

from ..nlp import doc_words
from ..text import fold
from .anchors import Anchor, in_quotes, region_start
from .cues import char_end, feature, finite_verb_in
from .layout import SPACES, Unit, doc_cache, text_of
from .mentions import noun_phrase_mention
from .vocabulary import Lexicon
from .words import words

OPINION_LABELS = ("PER", "ORG")
MAX_SOURCE_TAIL = 25  # tokens of a modifier of the source ('une étude publiée mardi par ... sur son site')
MAX_APPOSITION = 10  # tokens of an apposition set off by commas ('X, contactée par l'AFP, ...')


def source_anchors(unit: Unit, doc: Doc, lexicon: Lexicon) -> list[Anchor]:
    """Anchors for "selon X" / "d'après X" in a unit."""
    found = []
    k = unit.first
    starts = _marker_starts(doc, lexicon)
    for start in starts[bisect_left(starts, unit.first) : bisect_right(starts, unit.last)]:
        if start < k:
            continue  # inside the marker found before
        length = _marker_at(doc, start, unit.last, lexicon)
        if length and not in_quotes(unit, doc[start].idx, doc[start].idx + 1):
            anchor = _source(doc, unit, start, start + length, lexicon)
            if anchor is not None and _marker_kind(doc, start, length, lexicon) == "opinion" \
                    and not _opinion_frame(doc, unit, start, anchor):
                anchor = None
            if anchor is not None:
                found.append(anchor)
            k = start + length
    return found


def _marker_starts(doc: Doc, lexicon: Lexicon) -> list[int]:
    """Indices of the Doc's words that may start a marker (each distinct word folded once per lexicon)."""
    cache = doc_cache(doc)
    found = cache.get("marker_starts")
    if found is not None and found[0] is lexicon:
        return found[1]
    starting = lexicon.memo("marker_start")
    texts = doc_words(doc).texts
    distinct = set(texts)
    for text in distinct.difference(starting):
        starting[text] = fold(text) in lexicon.marker_starts
    wanted = {text for text in distinct if starting[text]}
    starts = [i for i, text in enumerate(texts) if text in wanted]
    cache["marker_starts"] = (lexicon, starts)
    return starts


def _folded(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    return tuple(fold(text) for text in doc_words(doc).texts[start:end])


def _marker_kind(doc: Doc, k: int, length: int, lexicon: Lexicon) -> str | None:
    return lexicon.markers.get(_folded(doc, k, k + length))


def _opinion_frame(doc: Doc, unit: Unit, k: int, anchor: Anchor) -> bool:
    """'Pour X, CONTENT' frames an opinion only at the front, before a clause, with a named person, an
    organization or a stressed pronoun as X ('Pour la première fois, ...', 'Pour Paris, ...' frame nothing)."""
    if not anchor.forward or anchor.content_start is None or not _at_front(doc, unit, k):
        return False
    mention = anchor.mention
    named = mention is not None and mention.form == "name" and mention.label in OPINION_LABELS
    if not named and not _stressed_pronoun(doc[k + 1]):
        return False
    first = next((t.i for t in doc[k:unit.last + 1] if t.idx >= anchor.content_start), None)
    return first is not None and finite_verb_in(doc, first, unit.last)


def _marker_at(doc: Doc, k: int, last: int, lexicon: Lexicon) -> int:
    texts = doc_words(doc).texts
    first = fold(texts[k])
    if first not in lexicon.marker_starts:
        return 0
    for marker in lexicon.markers_by_start.get(first, ()):
        n = len(marker)
        if k + n - 1 <= last and all(fold(texts[k + j]) == marker[j] for j in range(1, n)):
            return n  # each word folded only while the marker matches: 'de' starts many words, few markers
    return 0


def _source(doc: Doc, unit: Unit, k: int, after: int, lexicon: Lexicon) -> Anchor | None:
    if after > unit.last or doc[after].lower_ in words().que:
        return None
    end = _source_end(doc, after, unit.last)
    if end <= after:
        return None
    end = _appositive_name_end(doc, end, unit.last)
    head = _source_head(doc, after, end)
    if not _stressed_pronoun(doc[after]):  # nothing describes "lui" after it
        end = _source_tail(doc, end, unit.last, lexicon)
    if head is None or lexicon.noun_class(head.lemma_) in ("nonsource", "time"):
        return None
    mention = noun_phrase_mention(head, lexicon, limit=(after, end - 1), exact=True)
    if mention is None:
        return None
    marker_start = doc[k].idx
    region_end = doc[end - 1].idx + len(doc[end - 1])
    front = _at_front(doc, unit, k)
    followed = end <= unit.last and doc[end].text == "," and _has_words(doc, end + 1, unit.last) \
        and doc[end + 1].lower_ not in words().relatives  # 'CONTENT, selon X, qui ...': the relative clause is X's
    preceded = text_of(doc)[unit.start:marker_start].rstrip(SPACES).endswith((",", "("))
    if followed and not front and not finite_verb_in(doc, end + 1, unit.last):
        followed = False  # "CONTENT, selon X, chercheur à ...": what follows describes X
    if front or (preceded and followed):
        if front and followed:
            end = _front_apposition_end(doc, end, unit.last)
        content = char_end(doc[end]) if followed else None
        if content is None:
            return None
        return Anchor("source", unit, marker_start, char_end(doc[after - 1]), region_start(doc, unit, k),
                      char_end(doc[end]), True, content_start=content, mention=mention)
    if followed:  # "Fabien, CONTENT selon Météo France, avait ...": the apposition before
        start = text_of(doc).rfind(",", unit.start, marker_start)
        anchor = Anchor("source", unit, marker_start, char_end(doc[after - 1]), marker_start, region_end, False,
                        mention=mention)
        anchor.content_start = start + 1 if start >= 0 else None
        return anchor
    anchor = Anchor("source", unit, marker_start, char_end(doc[after - 1]), region_start(doc, unit, k), region_end,
                    False, mention=mention)
    if _clause_goes_on(doc, end, unit.last):  # "X correspond selon lui aux prévisions": the whole clause
        anchor.content_end = unit.end
    return anchor


def _front_apposition_end(doc: Doc, comma: int, last: int) -> int:
    """'Selon X, économiste à Nantes, CONTENT': a verbless segment between the source's comma and the next
    one describes X when it opens with a bare noun ('Selon le maire, les habitants, inquiets, ...' is content);
    the content starts after it (the comma closing it is returned)."""
    following = next((k for k in range(comma + 1, last + 1) if doc[k].text == ","), None)
    if following is None or doc[comma + 1].pos_ not in ("NOUN", "ADJ"):
        return comma
    if finite_verb_in(doc, comma + 1, following - 1) or any(doc[k].is_quote for k in range(comma + 1, following)):
        return comma
    return following if finite_verb_in(doc, following + 1, last) else comma




def _stressed_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON" and token.lower_ in words().stressed_pronouns


def _clause_goes_on(doc: Doc, end: int, last: int) -> bool:
    """The clause framed by a "selon X" inside it continues after X (no punctuation, no relative clause)."""
    if end > last or doc[end].lower_ in words().relatives or doc[end].lower_ in words().que:
        return False
    opening = doc[end].is_quote and end < last and not doc[end + 1].is_punct  # 'selon lui "grosso modo" aux ...'
    return opening or not doc[end].is_punct


def _source_end(doc: Doc, k: int, last: int) -> int:
    """Index after the source noun phrase: up to punctuation, a verb or a relative pronoun."""
    if _stressed_pronoun(doc[k]):
        return k + 1  # "selon lui aux prévisions": a pronoun is the whole source
    start = k
    while k <= last:
        token = doc[k]
        if token.is_punct and token.text not in ("-", "'", "’", "(", ")"):
            break
        if token.pos_ in ("VERB", "AUX", "SCONJ") or token.lower_ in words().source_stops:
            break
        if k - start >= 12:
            break
        k += 1
    while k > start and doc[k - 1].pos_ in ("ADP", "DET", "CCONJ"):
        k -= 1
    return k


def _appositive_name_end(doc: Doc, end: int, last: int) -> int:
    """'selon son conjoint, Louis Aliot - vice-président -, ...': appositions belong to the source."""
    while end <= last:
        if doc[end].text in ("(", "-", "–", "—"):
            closing = {"(": ")"}.get(doc[end].text, doc[end].text)
            k = next((i for i in range(end + 1, min(last, end + 20) + 1) if doc[i].text in (closing, "-", "–", "—")), None)
            if k is None:
                return end
            end = k + 1
            continue
        if doc[end].text == "," and end + 1 <= last and doc[end + 1].pos_ == "PROPN":
            k = end + 1
            while k <= last and doc[k].pos_ == "PROPN":
                k += 1
            if k <= last and doc[k].text in (",", "-", "–", "—", "("):
                end = k
                continue
        return end
    return end


def _source_tail(doc: Doc, end: int, last: int, lexicon: Lexicon) -> int:
    """Extend the source over what describes it before its comma: a non-finite modifier ('une étude publiée
    mardi par Le Monde, ...') and appositions set off by commas ('Anne Martin, contactée par l'AFP, ...',
    'X, un député pressenti, qui ...'). A finite verb, 'que' or a quotation mark ends the source."""
    if end <= last and not doc[end].is_punct:
        comma = _next_comma(doc, end, min(last, end + MAX_SOURCE_TAIL))
        if comma is not None:
            end = comma
    for _ in range(2):
        if end > last or doc[end].text != ",":
            break
        comma = _next_comma(doc, end + 1, min(last, end + 1 + MAX_APPOSITION))
        if comma is None or comma == end + 1 or not _apposition_start(doc[end + 1], lexicon):
            break
        end = comma
    return end


def _non_finite(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and bool(set(feature(token, "VerbForm")) & {"Part", "Inf"}) \
        and "Fin" not in feature(token, "VerbForm")


def _next_comma(doc: Doc, start: int, stop: int) -> int | None:
    """Index of the next comma from `start` (inclusive) up to `stop`, if no finite verb, 'que' or quotation
    mark comes first and words follow it."""
    for k in range(start, stop + 1):
        token = doc[k]
        if token.text == ",":
            return k if k + 1 < len(doc) and _has_words(doc, k + 1, min(len(doc) - 1, k + 3)) else None
        if token.lower_ in words().que or token.lower_ in words().relatives or token.text in "«»\"“”" or token.pos_ == "SCONJ" \
                or token.is_sent_start and k > start:
            return None
        if token.pos_ in ("VERB", "AUX") and not _non_finite(token):
            return None
    return None


def _apposition_start(token: Token, lexicon: Lexicon) -> bool:
    """A participle ('contactée par ...') or a noun phrase naming a person's role ('un député', 'une élue', 'le
    porte-parole'), not the subject of the content ('les habitants') nor a time ('la veille')."""
    if _non_finite(token) and "Part" in feature(token, "VerbForm"):
        return True
    if token.pos_ != "DET" or token.head.pos_ != "NOUN" or token.head.i <= token.i:
        return False
    noun_class = lexicon.noun_class(token.head.lemma_)
    return noun_class in ("title", "leader", "person") or token.lower_ in words().indefinite_articles and noun_class is None


def _source_head(doc: Doc, start: int, end: int) -> Token | None:
    tokens = [doc[i] for i in range(start, end)]
    heads = [t for t in tokens if (not (start <= t.head.i < end) or t.head.i == t.i) and t.pos_ in ("NOUN", "PROPN", "PRON")]
    if heads:
        return heads[0]
    return next((t for t in tokens if t.pos_ in ("NOUN", "PROPN", "PRON")), None)


def _at_front(doc: Doc, unit: Unit, k: int) -> bool:
    before = [t for t in doc[unit.first : k] if not t.is_punct and not t.is_space]
    return all(t.pos_ in ("CCONJ", "ADV") for t in before) and len(before) <= 2


def _has_words(doc: Doc, k: int, last: int) -> bool:
    return any(not doc[i].is_punct and not doc[i].is_space for i in range(k, last + 1))

