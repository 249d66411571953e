"""Property-based tests (hypothesis): whatever the input, no exception, and every offset points into the text.

Cleaning, reading, the store's text helpers and the article highlighting are pure and cheap: many
examples. Entities, quotes and events need the real pipeline (marked `model`, few examples).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsgraph.clean import PARAGRAPH_SEPARATOR, clean_text
from newsgraph.ingest import (
    BadInput, InputError, article_from_html, article_from_json, article_from_text, read_articles, valid_text,
)
from newsgraph.records import Analysis, Article
from newsgraph.store import fold, sentence_around

BLANKS = re.compile(r"[ \t\u00a0\u202f\u2009]{2,}")
# the characters news text is made of, and those that break naive code
PIECES = [
    "Le", "président", "Emmanuel Macron", "a déclaré", "selon", "Vladimir Poutine", "Kim Jong-un", "la Russie",
    "l'Ukraine", "Paris", "mardi", "ministre", "a-t-il", "dit", "nous", "refusons", "tout", "compromis", "« ", " »",
    "«", "»", '"', "“", "”", "‘", "’", "'", ":", ",", ".", "!", "?", "…", "—", "–", "-", "(", ")", "\n", "\n\n",
    "\r\n", "\t", "\u00a0", "\u202f", "\u200b", "\u2028", "\ufeff", "e\u0301", "🙂", "\x00", "<b>", "</p>", "&amp;",
    "1 000", "2023-08-31", "AFP", "Lire aussi", "Partager",
]
news_text = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map(" ".join)
any_text = st.one_of(news_text, st.text(max_size=300))
CHEAP = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def input_lines(raw: str) -> set[str]:
    return {BLANKS.sub(" ", line.strip()) for line in raw.replace("\r\n", "\n").split("\n")}


# ---------------------------------------------------------------- cleaning and reading


@given(raw=any_text, title=st.one_of(st.none(), st.text(max_size=40)))
@CHEAP
def test_cleaning_keeps_whole_input_paragraphs_only(raw: str, title: str | None) -> None:
    cleaned = clean_text(raw, title=title)
    lines = input_lines(raw)
    if cleaned.text:
        assert all(paragraph in lines for paragraph in cleaned.text.split(PARAGRAPH_SEPARATOR))
    assert cleaned.title == title or cleaned.title in lines
    assert all(removed in lines for removed in cleaned.removed)


@given(raw=any_text)
@CHEAP
def test_text_becomes_an_article_or_a_bad_input(raw: str) -> None:
    try:
        article = article_from_text(raw, article_id="x", source="test")
    except BadInput:
        return
    assert article.text == clean_text(valid_text(raw)).text and article.text.strip()


@given(html=st.one_of(news_text.map(lambda text: f"<html><body><article><p>{text}</p></article></body></html>"),
                      st.text(max_size=300), st.binary(max_size=300)))
@settings(max_examples=60, deadline=None)
def test_html_becomes_an_article_or_a_bad_input(html: str | bytes) -> None:
    try:
        article = article_from_html(html, article_id="x", source="test")
    except BadInput as error:
        assert str(error)  # a bad input always says why
        return
    assert article.id == "x" and article.text.strip()  # never an empty article


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20))
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=10,
)


@given(item=st.dictionaries(st.sampled_from(["id", "text", "html", "url", "title", "date", "x"]),
                            st.one_of(json_values, news_text), max_size=6))
@CHEAP
def test_json_object_becomes_an_article_or_a_bad_input(item: dict[str, Any]) -> None:
    try:
        article = article_from_json(item, line_number=1, source="test:1")
    except BadInput:
        return
    assert isinstance(article.id, str) and article.text.strip()


@given(content=st.one_of(st.binary(max_size=400), news_text.map(str.encode)),
       suffix=st.sampled_from([".txt", ".html", ".jsonl", ".warc", ".warc.gz", ".arc.gz"]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_file_gives_articles_or_input_errors(tmp_path: Path, content: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(content)
    items = list(read_articles([path]))
    assert items and all(isinstance(item, (Article, InputError)) for item in items)
    assert all(str(path) in item.source for item in items if isinstance(item, InputError))


@given(lines=st.lists(st.one_of(json_values.map(json.dumps), st.text(max_size=40), news_text), max_size=8))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(lines=["[" * 100_000])  # deeper than the JSON parser's recursion limit
@example(lines=['{"id": ' + "1" * 5000 + "}"])  # longer than Python's integer conversion limit
def test_any_jsonl_gives_articles_or_input_errors(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    items = list(read_articles([path]))
    assert all(isinstance(item, (Article, InputError)) for item in items)


# ---------------------------------------------------------------- store and web helpers


@given(text=any_text, data=st.data())
@CHEAP
def test_sentence_around_holds_the_span(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    sentence = sentence_around(text, start, end)
    assert sentence in text
    if end - start <= 600:
        assert text[start:end].strip() in sentence


@given(text=any_text)
@CHEAP
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(text=any_text, data=st.data())
@CHEAP
def test_highlighting_never_loses_or_moves_text(text: str, data: st.DataObject) -> None:
    pytest.importorskip("fastapi")
    from newsgraph.web.views import highlight

    spans = st.tuples(st.integers(-5, len(text) + 5), st.integers(-5, len(text) + 5))
    marks = data.draw(st.lists(spans, max_size=6))
    article = {
        "text": text,
        "mentions": [{"entity_id": f"e{i}", "start_char": a, "end_char": b} for i, (a, b) in enumerate(marks)],
        "quotes": [{"idx": i, "start_char": a, "end_char": b} for i, (a, b) in enumerate(marks[::2])],
        "events": [{"idx": i, "start_char": b, "end_char": a} for i, (a, b) in enumerate(marks[1::2])],
    }
    segments = highlight(article)
    assert "".join(segment.text for segment in segments) == text


# ---------------------------------------------------------------- entities, quotes, events (real pipeline)


def check_offsets(text: str, doc: Any) -> None:
    """Every span an annotator returns lies inside the text and is its exact substring."""
    def inside(start: int | None, end: int | None, words: str | None, what: str) -> None:
        assert start is not None and end is not None and 0 <= start <= end <= len(text), (what, start, end)
        assert text[start:end] == words, (what, text[start:end], words)

    for entity in doc._.newsgraph_entities or ():
        for mention in entity.mentions:
            inside(mention.start, mention.end, mention.text, f"mention of {entity.id}")
    for quote in doc._.newsgraph_quotes or ():
        inside(quote.start, quote.end, quote.text, "quote")
        speaker = quote.speaker
        if speaker is not None and speaker.start is not None:
            inside(speaker.start, speaker.end, speaker.mention, "speaker")
    for event in doc._.newsgraph_events or ():
        inside(event.start, event.end, event.text, f"event {event.type}")
    failures = [warning for warning in doc._.newsgraph_warnings or () if "failed" in warning]
    assert failures == []


@pytest.mark.model
@given(text=news_text)
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@example(text="Le président Emmanuel Macron a déclaré : « Nous refusons tout compromis. »")
@example(text="« Nous partons », a dit Vladimir Poutine. « " * 5)
@example(text="»" * 50 + "«" * 50)
def test_annotations_point_into_the_text(nlp: Any, text: str) -> None:
    doc = nlp(text)
    check_offsets(doc.text, doc)
    assert doc.text == text


@pytest.mark.model
@given(raw=news_text)
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_analysis_records_point_into_their_text(nlp: Any, raw: str) -> None:
    from newsgraph.analyze import analyze

    lead = "Le conseil municipal a voté mardi soir le budget de la ville, après trois heures de débat.\n\n"
    article = article_from_text(lead * 3 + raw, article_id="x", source="test")  # French: really analyzed
    [record] = analyze([article], nlp=nlp)
    assert record.language == "fr"
    assert Analysis.from_dict(json.loads(json.dumps(record.to_dict()))) == record
    for quote in record.quotes:
        assert record.text[quote.start : quote.end] == quote.text
    for entity in record.entities:
        assert all(record.text[m.start : m.end] == m.text for m in entity.mentions)
    for event in record.events:
        assert record.text[event.start : event.end] == event.text
