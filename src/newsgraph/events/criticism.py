"""Criticism told in speech: an ACCUSE by a quote's speaker read from the quote's content, with no trigger word.

The gold codes evaluative speech as an accusation by its speaker ('« C'est une mascarade », a dit X'), whatever
neutral verb introduces it; the cue verb alone is no evidence (docs/events-learning.md). One decision per quote the
quotes component found with a speaker: a logistic regression (`learned.LinearModel`, one output) over the unit mean
of the word vectors of the content's nouns, adjectives, verbs and adverbs (the quote's type, its speaker's sector
and its cue's lemma beside it: no better in cross-validation), trained on the gold by
`python -m newsgraph.events.train` and shipped inside `model/events.npz`. Where it scores at least
`Thresholds.criticize` and no ACCUSE is coded in the quote's sentences, the speaker accuses the best target the
actor model finds there (none above its floor: no event when `Thresholds.criticize_needs_target`, else a null
target), stated by its speaker (mode asserted, whatever the quote denies: '« Ce n'est pas sérieux », a dit X').
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span

from ..entities.lexicon import key as outlet_key
from ..entities.lexicon import media as outlets
from ..nlp import doc_words
from ..records import Actor, Event
from .actors import mention_tokens, speaker_actor
from .dates import resolve_date
from .event_types import cameo as type_cameo
from .features import lexicon_types, token_table
from .modes import doc_lemmas
from .syntax import span_text

KIND = "ACCUSE"
MEDIA = "MED"  # the sector of the media (`lang/fr/events/sectors.tsv`)
OUTLET = "MEDIA"  # the entity type of a news outlet named (`entities`)
CONTENT_TAGS = frozenset({"ADJ", "NOUN", "VERB", "ADV"})
SCALE = 3.0  # the unit mean vector's scale in the regression (as trained)
DIMENSIONS = 300


def content_vector(doc: Doc, start: int, end: int, lowers: np.ndarray | None = None) -> np.ndarray:
    """The unit mean of the word vectors of the content words between char offsets `start` and `end`, scaled
    (`lowers`: the doc's LOWER array, when the caller has it)."""
    return content_vectors(doc, [(start, end)], lowers)[0]


def content_vectors(doc: Doc, bounds: Sequence[tuple[int, int]], lowers: np.ndarray | None = None) -> np.ndarray:
    """(len(bounds), dimensions): `content_vector` of each (start, end) char offsets, with one look-up of the
    words' vector rows and one gathering of the rows for all of them (the tokens of each span found by bisection,
    `actors.mention_tokens`, as `doc.char_span(..., alignment_mode="expand")` finds them); each sum is added row
    after row in float64, as adding them one by one."""
    vectors = doc.vocab.vectors
    width = vectors.shape[1] if vectors.shape[0] else DIMENSIONS
    totals = np.zeros((len(bounds), width))
    if vectors.shape[0] and len(doc):
        words = doc_words(doc)
        table = token_table(doc)
        tags = table.pos
        starts, texts, size = words.starts, words.texts, len(words.text)
        positions: list[int] = []
        ends: list[int] = []
        for start, end in bounds:
            positions.extend(index for index in mention_tokens(doc, starts, texts, size, start, end)
                             if tags[index] in CONTENT_TAGS)
            ends.append(len(positions))
        if positions:
            rows = (vector_rows(doc, table.orth[positions].tolist()) if lowers is None
                    else np.asarray(vectors.find(keys=np.asarray(lowers[positions], dtype=np.uint64))).tolist())
            found: list[int] = []
            segments: list[tuple[int, int, int]] = []  # (bound, first found row, past its last)
            first = 0
            for number, last in enumerate(ends):
                before = len(found)
                found.extend(row for row in rows[first:last] if row >= 0)
                if len(found) > before:
                    segments.append((number, before, len(found)))
                first = last
            if found:
                data = np.asarray(vectors.data[found], dtype=np.float64)
                for number, begin, stop in segments:
                    totals[number] = np.add.reduce(data[begin:stop], axis=0)
    for number in range(len(totals)):
        total = totals[number]
        norm = float(np.sqrt(total @ total))
        if norm > 0:
            totals[number] = SCALE * total / norm
    return totals


_ROWS: dict[int, tuple[Any, dict[int, int]]] = {}  # id of a Vectors table -> (the table, word form -> row)


def vector_rows(doc: Doc, forms: list[int]) -> list[int]:
    """The rows of the doc's vectors (-1: none) of the lowercase forms of the words whose ORTH keys are `forms`,
    read through a cache per vectors table (one entry per word form met by the process; the forms not met before
    found by one `Vectors.find`, about 35 us a call)."""
    vectors = doc.vocab.vectors
    found = _ROWS.get(id(vectors))
    if found is None or found[0] is not vectors:
        found = _ROWS[id(vectors)] = (vectors, {})
    cache = found[1]
    unseen = [form for form in dict.fromkeys(forms) if form not in cache]
    if unseen:
        vocab = doc.vocab
        lowered = [vocab[form].lower for form in unseen]  # a token's LOWER is its lexeme's
        rows = np.asarray(vectors.find(keys=np.array(lowered, dtype=np.uint64))).tolist()
        cache.update(zip(unseen, rows))
    return [cache[form] for form in forms]


def quote_sentence(spans: Sequence[Span], quote: Any) -> tuple[int, list[int]] | None:
    """(the sentence an accusation by the quote's speaker is coded in, every sentence the quote or its speaker
    overlaps): the speaker's sentence when it holds part of the quote, else the quote's first one."""
    told = [index for index, span in enumerate(spans) if span.start_char < quote.end and span.end_char > quote.start]
    speaker_at = quote.speaker.start
    said = next((index for index, span in enumerate(spans)
                 if speaker_at is not None and span.start_char <= speaker_at < span.end_char), None)
    if said is not None and said not in told:
        told.append(said)
    if not told:
        return None
    told.sort()
    return (said if said is not None and said in told else told[0]), told


def quote_sites(coding: Any) -> Iterator[tuple[Any, int, list[int]]]:
    """(quote, its sentence, its sentences) for each quote with a speaker."""
    for quote in coding.quotes:
        if quote.speaker is None or not quote.speaker.name:
            continue
        found = quote_sentence(coding.sentences, quote)
        if found is not None:
            yield quote, found[0], found[1]


def scores(model: Any, coding: Any, sites: Sequence[tuple[Any, int, list[int]]]) -> list[float]:
    """The probability that each (quote, sentence, sentences) of `sites` is its speaker's criticism."""
    if not sites:
        return []
    vectors = content_vectors(coding.doc, [(quote.start, quote.end) for quote, _, _ in sites])
    return [float(p) for p in model.batch([[] for _ in sites], vectors)[:, 0]]


def criticisms(model: Any, scored: Any, chosen: Sequence[Event], *, article_date: str | None) -> list[Event]:
    """The accusations by quoted speakers to add to the `chosen` events (`model`: the `learned.EventModel`)."""
    from .learned import best_actors, sentence_index

    thresholds = model.thresholds
    if model.criticism is None or thresholds.criticize > 1:
        return []
    spans = scored.spans
    by_start = {span.start_char: index for index, span in enumerate(spans)}
    accused = {sentence_index(event, spans, by_start) for event in chosen if event.type == KIND}
    added: list[Event] = []
    types = lexicon_types(scored.coding.context.lexicon)
    sites = [site for site in quote_sites(scored.coding) if not any(i in accused for i in site[2])]
    for (quote, index, told), probability in zip(sites, scores(model.criticism, scored.coding, sites)):
        if probability < thresholds.criticize or any(i in accused for i in told):
            continue
        context = scored.coding.context
        source = speaker_actor(context, quote.speaker)
        if is_medium(context, source):
            continue  # a medium quoted reports what was said ('selon le journal'): none of 39 in the gold accuses
        if names_an_accusation(scored.coding.doc, quote, types):
            continue  # the rules read that word and coded no accusation ('je répondrai à ces accusations')
        # an outlet is where the words were said ('a-t-il dit sur BFMTV'), not whom they blame: the next candidate
        _, target = best_actors(model, scored, index, KIND, None, source=source, target=None,
                                barred=partial(medium_candidate, context))
        if target is None and thresholds.criticize_needs_target:
            continue
        accused.add(index)
        added.append(accusation(scored, index, source, target, article_date=article_date))
    return added


def medium_candidate(context: Any, candidate: Any) -> bool:
    """The candidate actor is a news outlet (`is_medium`)."""
    return is_medium(context, candidate.actor)


def is_medium(context: Any, actor: Actor) -> bool:
    """The actor is a news outlet: of the media's sector ('le journal'), or an outlet the entities component found
    by name ('a écrit Le Parisien'), or whose name is a listed outlet's ('sur franceinfo', `entities/media.tsv`)."""
    if actor.sector == MEDIA or outlet_key(actor.name) in outlets(context.lexicon.lang):
        return True
    return actor.entity is not None and any(entity.id == actor.entity and entity.type == OUTLET
                                            for entity in context.entity_at.values())


def names_an_accusation(doc: Doc, quote: Any, types: dict[str, frozenset[str]]) -> bool:
    """The quote's content holds a trigger of an accusation in the lexicon."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    lemmas = doc_lemmas(doc)
    return span is not None and any(KIND in types.get(lemmas[index], ()) for index in range(span.start, span.end))


def accusation(scored: Any, index: int, source: Actor, target: Actor | None, *, article_date: str | None) -> Event:
    """An ACCUSE told by sentence `index`."""
    span = scored.spans[index]
    text = span_text(span)
    start = span.start_char + (len(text) - len(text.lstrip()))
    return Event(type=KIND, mode="asserted", source=source, target=target, text=text.strip(), start=start,
                 end=start + len(text.strip()), trigger=None, cameo=type_cameo(KIND),
                 date=resolve_date(text, article_date))
