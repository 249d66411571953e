"""Layout of an article for quote extraction: paragraphs, headings, quoted spans, units.

All offsets are character offsets into `doc.text`. Quotation marks are paired inside one
paragraph only, so a stray or unbalanced mark never swallows the rest of the article.

A unit is a sentence of `doc.sents` cut to its paragraph, with two differences, each for a reason:
- split where the parser missed a sentence end: '. ' (or '. »') then a capital or an opening quotation
  mark, outside quotation marks (`_split`; the parser often runs a sentence on into the quotation that
  follows it: without the split, the quotes of 10 of the 88 dev and validate articles change);
- merged where a quoted span crosses a sentence end, or where a 'sentence' starts with a comma or a
  lower-case word (`_merged_sentences`), so that a quotation and its attribution stay in one unit.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from spacy.tokens import Doc, Span

from ..lang.profile import active_profile
from ..nlp import doc_words
from .words import alternation, load_words, words

SPACES = " \t\u00a0\u202f\u2009"
OPENING = {"«": "»", "“": "”", "„": "“", "‹": "›"}
CLOSING = {"»", "”", "›"}
STRAIGHT = '"'
TERMINAL = ".!?…;:"
SENTENCE_ENDS = {".", "!", "?", "…", "...", "!!", "?!"}
MAX_HEADING_WORDS = 12
DASHED = re.compile(r"^\s*[-–—•►]\s.*[^.!?]$")
MARKS = re.compile("[" + re.escape("".join(sorted({*OPENING, *CLOSING, STRAIGHT}))) + "]")  # every quotation mark


CACHE_KEY = "newsgraph_quotes_cache"


def doc_cache(doc: Doc) -> dict[str, Any]:
    """Per-document values computed once during extraction (`doc.text`, `doc.ents` rebuild on every access)."""
    data = doc.user_data
    cache = data.get(CACHE_KEY)
    if cache is None:
        cache = data[CACHE_KEY] = {}
    return cache


def clear_cache(doc: Doc) -> None:
    """Drop the per-document values (user_data must stay serializable)."""
    doc.user_data.pop(CACHE_KEY, None)


def text_of(doc: Doc) -> str:
    """`doc.text`, computed once per Doc and shared with the other components (`nlp.doc_words`)."""
    return doc_words(doc).text


def ents_of(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, computed once."""
    cache = doc_cache(doc)
    if "ents" not in cache:
        cache["ents"] = tuple(doc.ents)
    return cache["ents"]


def person_end(doc: Doc, ent: Span) -> int:
    """Token index after a person's name, with capitalized words the NER left out ('Kim Jong' + 'Un')."""
    end = ent.end
    while end < len(doc) and ent.label_ in ("PER", "PERSON") and doc[end].text[:1].isupper() \
            and doc[end].is_alpha and not doc[end].ent_type_ and "\n" not in doc[end - 1].whitespace_ \
            and not (doc[end].is_upper and len(doc[end]) > 1):  # 'Gérald Darmanin NDLR
        end += 1
    return end


def entity_at(doc: Doc, i: int) -> Span | None:
    """The entity that holds token `i` (an index built once per document)."""
    return _entities_at(doc)[i]


def _entities_at(doc: Doc) -> list[Span | None]:
    """For each token, the entity that holds it (built once per document)."""
    cache = doc_cache(doc)
    if "at" not in cache:
        at: list[Span | None] = [None] * len(doc)
        for ent in ents_of(doc):
            for k in range(ent.start, ent.end):
                at[k] = ent
        cache["at"] = at
    found: list[Span | None] = cache["at"]
    return found


def entities_within(doc: Doc, first: int, last: int) -> list[Span]:
    """The entities lying wholly in tokens first..last, in text order."""
    found = []
    at = _entities_at(doc)
    k = max(first, 0)
    while k <= last:
        ent = at[k]
        if ent is None:
            k += 1
            continue
        if ent.start >= first and ent.end - 1 <= last:
            found.append(ent)
        k = ent.end
    return found


def is_person_name(doc: Doc, ent: Span) -> bool:
    """Whether `ent` is one of `person_entities(doc)`."""
    cache = doc_cache(doc)
    if "person_starts" not in cache:
        cache["person_starts"] = {e.start for e in person_entities(doc)}
    return ent.start in cache["person_starts"]


def person_entities(doc: Doc) -> tuple[Span, ...]:
    """The PER entities that are names: 'le président de la République' tagged PER is a description."""
    cache = doc_cache(doc)
    if "persons" not in cache:
        cache["persons"] = tuple(ent for ent in ents_of(doc) if ent.label_ in ("PER", "PERSON") and _named(ent))
    return cache["persons"]


def _named(ent: Span) -> bool:
    """A first word written with a capital, or a capitalized word right after the role noun ('président Paul
    X'); a capital after 'de la' belongs to a complement ('président de la République')."""
    first = next((token for token in ent if token.pos_ != "DET"), ent[0])
    if first.text[:1].isupper() or first.lower_ in words().name_particles:
        return True
    return any(token.text[:1].isupper() and ent.doc[token.i - 1].pos_ not in ("ADP", "DET") for token in ent[1:])


def entity_starting_at(doc: Doc, i: int) -> Span | None:
    """The entity whose first token is `i`."""
    cache = doc_cache(doc)
    if "starts" not in cache:
        cache["starts"] = {ent.start: ent for ent in ents_of(doc)}
    return cache["starts"].get(i)


@dataclass(frozen=True)
class Paragraph:
    """One line of the article."""

    start: int
    end: int
    heading: bool  # a byline, subheading or link line: never holds a quote


@dataclass(frozen=True)
class QuotedSpan:
    """A pair of quotation marks (outermost only) and the text between them."""

    start: int  # the opening mark, or the paragraph start when it is missing
    end: int  # after the closing mark, or the paragraph end when it is missing
    inner_start: int
    inner_end: int
    closed: bool = True
    opened: bool = True


@dataclass(frozen=True)
class Unit:
    """A stretch of one paragraph that holds whole sentences and whole quoted spans."""

    start: int
    end: int
    first: int  # first token index
    last: int  # last token index (inclusive)
    paragraph: int
    quotes: tuple[QuotedSpan, ...]

    @cached_property
    def _inner_starts(self) -> list[int]:
        return [quote.inner_start for quote in self.quotes]

    def quote_holding(self, start: int, end: int) -> QuotedSpan | None:
        """The quoted span whose marks enclose [start, end), if any (spans are sorted and disjoint)."""
        k = bisect_right(self._inner_starts, start) - 1
        return self.quotes[k] if k >= 0 and end <= self.quotes[k].inner_end else None


class Stretches:
    """Character stretches [start, end) (overlapping or not), tested in log time."""

    def __init__(self, stretches: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(stretches)
        self.starts = [start for start, _ in ordered]
        self.reach: list[int] = []  # the furthest end among the stretches up to each one
        for _, end in ordered:
            self.reach.append(max(end, self.reach[-1]) if self.reach else end)

    def holds(self, position: int) -> bool:
        """Whether some stretch has start <= position < end."""
        k = bisect_right(self.starts, position) - 1
        return k >= 0 and self.reach[k] > position

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some stretch meets [start, end)."""
        k = bisect_left(self.starts, end) - 1
        return k >= 0 and self.reach[k] > start


def _span_around(spans: Sequence[QuotedSpan], starts: list[int], position: int) -> QuotedSpan | None:
    """The span of `spans` (sorted, disjoint) that starts at or before `position`, the nearest one."""
    k = bisect_right(starts, position) - 1
    return spans[k] if k >= 0 else None


def paragraphs(text: str) -> list[Paragraph]:
    """The article's lines, headings and bylines flagged."""
    found: list[Paragraph] = []
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        if line.strip(SPACES):
            first = not found
            found.append(Paragraph(start, end, is_heading(line, first=first)))
    return found


@lru_cache(maxsize=8)
def byline(lang: str) -> re.Pattern[str]:
    """The phrases and first words of a byline in language `lang`: 'Publié le', 'Par X'."""
    classes = load_words(lang)
    return re.compile(rf"\b(?:{alternation(classes.byline_phrases)})\b|^\s*(?:{alternation(classes.byline_openers)})\s",
                      re.IGNORECASE)


def is_heading(line: str, *, first: bool = False) -> bool:
    """A byline, a subheading or a related-article line: short and without final punctuation."""
    stripped = line.strip(SPACES)
    if first and (byline(active_profile().code).search(stripped) or len(stripped.split()) <= 8):
        return True
    if DASHED.match(stripped):
        return True
    bare = stripped.rstrip("\"»”' " + SPACES)
    if not bare or bare[-1] in TERMINAL:
        return False
    words = len(stripped.split())
    if stripped.isupper():
        return True
    incise = re.search(r"[»\"”]\s*,", stripped)
    return words <= MAX_HEADING_WORDS and not incise


def quoted_spans(text: str, start: int, end: int) -> list[QuotedSpan]:
    """Outermost quoted spans of text[start:end] (one paragraph)."""
    spans: list[QuotedSpan] = []
    stack: list[tuple[str, int]] = []
    for mark in MARKS.finditer(text, start, end):  # the other characters change nothing
        i, char = mark.start(), mark.group()
        if char in OPENING and not (char == "“" and _closes_curly(text, i, stack)):
            stack.append((char, i))
        elif char in CLOSING or char == "“":
            _close(text, i, char, stack, spans, start)
        elif char == STRAIGHT:
            if any(mark == STRAIGHT for mark, _ in stack) or _looks_closing(text, i, start, end):
                _close(text, i, char, stack, spans, start)
            else:
                stack.append((char, i))
    if stack:
        spans.append(_span(text, stack[0][1], end, closed=False))
    return sorted(spans, key=lambda span: span.start)


def _closes_curly(text: str, i: int, stack: list[tuple[str, int]]) -> bool:
    """“ used as a closing mark after „ (German style)."""
    return bool(stack) and stack[-1][0] == "„"


def _looks_closing(text: str, i: int, start: int, end: int) -> bool:
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    return before not in SPACES + "(['’" and (after in SPACES + ".,;:!?)" or i + 1 >= end)


def _close(text: str, i: int, char: str, stack: list[tuple[str, int]], spans: list[QuotedSpan], start: int) -> None:
    wanted = {"»": "«", "”": "“", "›": "‹", "“": "„", STRAIGHT: STRAIGHT}[char]
    position = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == wanted), None)
    if char == "”" and position is None:
        position = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == STRAIGHT), None)
    if position is None:
        if not stack and not spans:  # a quote whose opening mark is missing: from the paragraph start
            spans.append(_span(text, start, i + 1, opened=False))
        return
    opening = stack[position][1]
    del stack[position:]
    if not stack:
        spans.append(_span(text, opening, i + 1))


def _span(text: str, start: int, end: int, *, closed: bool = True, opened: bool = True) -> QuotedSpan:
    inner_start = start + 1 if opened else start
    inner_end = end - 1 if closed else end
    while inner_start < inner_end and text[inner_start] in SPACES:
        inner_start += 1
    while inner_end > inner_start and text[inner_end - 1] in SPACES:
        inner_end -= 1
    return QuotedSpan(start, end, inner_start, inner_end, closed, opened)


def units(doc: Doc, layout: list[Paragraph]) -> list[Unit]:
    """Sentences of the body paragraphs, merged where a quoted span crosses a sentence end."""
    found: list[Unit] = []
    read = doc_words(doc)
    text, offsets, texts = read.text, read.starts, read.texts
    for index, paragraph in enumerate(layout):
        if paragraph.heading:
            continue
        spans = quoted_spans(text, paragraph.start, paragraph.end)
        starts, ends = [s.start for s in spans], [s.end for s in spans]
        for first, last in _merged_sentences(doc, paragraph, spans):
            start, end = offsets[first], offsets[last] + len(texts[last])
            inside = tuple(spans[bisect_right(ends, start) : bisect_left(starts, end)])  # s.end > start, s.start < end
            found.append(Unit(start, end, first, last, index, inside))
    return found


def _split(doc: Doc, first: int, last: int, spans: list[QuotedSpan], starts: list[int], texts: list[str],
           offsets: list[int]) -> Iterator[tuple[int, int]]:
    """Split where the parser missed a sentence end: '. ' then a capital or an opening mark, outside quotes (`texts`
    and `offsets`: the Doc's words and their first characters, `doc_words`)."""
    start = first
    for k in _after_sentence_ends(doc, texts, first, last):
        previous = k - 1
        if texts[previous].isspace() and k - 2 >= first:  # Token.is_space
            previous = k - 2
        boundary = offsets[previous]
        if (texts[previous] in CLOSING or texts[previous] == STRAIGHT) and previous - 1 >= first \
                and texts[previous - 1] in SENTENCE_ENDS:
            previous -= 1  # '... Ukraine. » Il a déclaré'
        if texts[k].isspace() or texts[previous] not in SENTENCE_ENDS:
            continue
        initial = texts[k][:1]
        if not (initial.isupper() or initial in OPENING or initial == STRAIGHT):
            continue
        around = _span_around(spans, starts, boundary)
        if around is not None and around.start < boundary < around.end - 1:
            continue
        yield start, k - 1
        start = k
    if start <= last:
        yield start, last


def _after_sentence_ends(doc: Doc, texts: list[str], first: int, last: int) -> list[int]:
    """The words k in (first, last] that `_split` may split before: one of the three words before k ends a sentence
    (the word before, or the one before a space, or the one before a closing mark after a space); the others it
    passes over. The sentence-end words are found once per Doc."""
    cache = doc_cache(doc)
    found = cache.get("sentence_ends")
    if found is None or found[0] is not texts:
        found = cache["sentence_ends"] = (texts, [j for j, text in enumerate(texts) if text in SENTENCE_ENDS])
    ends = found[1]
    candidates = {j + step for j in ends[bisect_left(ends, first) : bisect_right(ends, last)] for step in (1, 2, 3)}
    return sorted(k for k in candidates if first < k <= last)


def _closes_span(position: int, spans: list[QuotedSpan], starts: list[int]) -> bool:
    around = _span_around(spans, starts, position)
    return around is not None and around.closed and position == around.end - 1


def _ends_sentence(texts: list[str], last: int) -> bool:
    """Whether a unit ends like a sentence (final punctuation, possibly inside a closing mark)."""
    while last > 0 and (texts[last].isspace() or texts[last] in CLOSING or texts[last] == STRAIGHT):
        last -= 1
    return texts[last][-1:] in TERMINAL


def _continues(text: str) -> bool:
    """A 'sentence' that starts with a comma or a lower-case word continues the previous one."""
    return text in (",", ";", ")", "-", "–", "—") or text[:1].islower()


def _merged_sentences(doc: Doc, paragraph: Paragraph, spans: list[QuotedSpan]) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    span = doc.char_span(paragraph.start, paragraph.end, alignment_mode="expand")
    if span is None or not len(span):
        return bounds
    starts = [s.start for s in spans]
    read = doc_words(doc)
    texts, offsets = read.texts, read.starts  # strings, not Token objects
    sentences: Iterator[Span] = span.sents  # type: ignore[attr-defined]  # a property missing from spaCy's stub
    for sentence in sentences:
        for first, last in _split(doc, max(sentence.start, span.start), min(sentence.end, span.end) - 1, spans, starts,
                                  texts, offsets):
            while bounds and first <= last and (texts[first].isspace() or _closes_span(offsets[first], spans, starts)):
                bounds[-1] = (bounds[-1][0], first)  # '... Ukraine.' + '» Il a déclaré': the mark goes back
                first += 1
            if first > last:
                continue
            around = _span_around(spans, starts, offsets[first])
            if bounds and (around is not None and around.start < offsets[first] < around.end
                           or _continues(texts[first]) or not _ends_sentence(texts, bounds[-1][1])):
                bounds[-1] = (bounds[-1][0], last)
            else:
                bounds.append((first, last))
    text = read.text
    return [(first, last) for first, last in bounds if not text[offsets[first] : offsets[last] + len(texts[last])].isspace()]


def phrase_last(doc: Doc, first: int, last: int) -> int:
    """The last word of the phrase doc[first : last + 1] past trailing punctuation, prepositions, determiners and
    conjunctions ('les élus et' -> 'les élus')."""
    while last > first and (doc[last].is_punct or doc[last].pos_ in ("ADP", "DET", "CCONJ")):
        last -= 1
    return last
