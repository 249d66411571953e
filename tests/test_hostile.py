"""Hostile and broken input: reported and skipped, or analyzed within bounds; never a crash."""
from __future__ import annotations

import time

import pytest

from newsgraph.analyze import MAX_CHARS, analyze
from newsgraph.ingest import MAX_HTML_BYTES, InputError, article_from_text, read_articles
from newsgraph.records import Article

SENTENCE = "Le ministre a déclaré que la réforme serait votée en juin prochain. "


def test_oversized_page_is_reported(tmp_path):
    path = tmp_path / "huge.html"
    path.write_text("<html><body><p>" + SENTENCE * (MAX_HTML_BYTES // len(SENTENCE) + 10) + "</p></body></html>")
    [error] = read_articles([path])
    assert isinstance(error, InputError) and "limit" in error.reason


def test_deeply_nested_html_does_not_crash(tmp_path):
    path = tmp_path / "nested.html"
    path.write_text("<html><body>" + "<div>" * 50_000 + f"<p>{SENTENCE}</p>" + "</div>" * 50_000 + "</body></html>")
    [item] = read_articles([path])
    assert isinstance(item, (Article, InputError))


def test_page_in_windows_1252_is_decoded(tmp_path):
    path = tmp_path / "cp1252.html"
    html = f'<html><head><meta charset="windows-1252"></head><body><article><p>{SENTENCE}« Élysée »</p></article></body></html>'
    path.write_bytes(html.encode("cp1252"))
    [article] = read_articles([path])
    assert "déclaré" in article.text and "Élysée" in article.text


def test_mixed_encoding_text_is_reported(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(SENTENCE.encode("utf-8") + "Élysée".encode("latin-1"))
    [error] = read_articles([path])
    assert isinstance(error, InputError) and "UTF-8" in error.reason


@pytest.mark.model
def test_one_megabyte_paragraph_is_truncated_with_a_warning(nlp):
    article = article_from_text(SENTENCE * (1_000_000 // len(SENTENCE)), article_id="long", source="test")
    started = time.perf_counter()
    [record] = analyze([article], nlp=nlp)
    assert len(record.text) <= MAX_CHARS
    assert any("truncated" in warning for warning in record.warnings)
    assert time.perf_counter() - started < 300


@pytest.mark.model
def test_ten_thousand_quotation_marks(nlp):
    text = "Il a dit « oui » et « non » puis " + "« " * 10_000 + "fin."
    [record] = analyze([article_from_text(text, article_id="marks", source="test")], nlp=nlp)
    for quote in record.quotes:
        assert record.text[quote.start : quote.end] == quote.text


@pytest.mark.model
def test_mixed_language_article_is_flagged(nlp):
    english = "The minister said on Tuesday that the reform would be voted in June, according to officials. "
    text = "\n\n".join([SENTENCE * 6, english * 2, SENTENCE * 6, SENTENCE * 4])
    [record] = analyze([article_from_text(text, article_id="mixed", source="test")], nlp=nlp)
    assert record.language == "fr"
    assert any("paragraph" in warning and "en" in warning for warning in record.warnings)
