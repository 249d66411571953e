"""Analyze: articles in, one `Analysis` record per article out, in input order.

This is the one implementation of the analysis, shared by the CLI, the store and Spark.
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .ingest import InputError
from .records import Analysis, Article

log = logging.getLogger(__name__)

DEFAULT_MODEL = "fr_core_news_md"
SUPPORTED_LANGUAGES = ("fr",)
MAX_CHARS = 100_000  # about ten times a long news article; bounds parse time and memory
LANGUAGE_SAMPLE_CHARS = 3_000
MIN_PARAGRAPH_CHARS = 120  # shorter paragraphs (names, figures) are not reliably identified


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
    else:
        warnings.extend(foreign_paragraphs_warning(text, language))
    return replace(article, text=text, warnings=tuple(warnings)), language


def foreign_paragraphs_warning(text: str, language: str) -> list[str]:
    """A warning naming the other languages of a mixed-language article, if any."""
    paragraphs = [p for p in text.split("\n") if len(p) >= MIN_PARAGRAPH_CHARS]
    if len(paragraphs) < 2:
        return []
    others = [found for found in map(detect_language, paragraphs) if found and found != language]
    if not others:
        return []
    names = ", ".join(sorted(set(others)))
    return [f"mixed languages: {len(others)} of {len(paragraphs)} paragraphs look like {names}"]


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
    articles: Iterable[Article],
    *,
    nlp: Language | None = None,
    workers: int = 1,
    batch_size: int = 8,
    model: str = DEFAULT_MODEL,
) -> Iterator[Analysis]:
    """Analyze `articles` with `workers` processes, yielding records in input order.

    Memory stays flat: at most `2 * workers` batches are in flight at any time.
    """
    if workers <= 1:
        pipeline = nlp if nlp is not None else default_pipeline(model)
        for batch in batched(articles, batch_size):
            yield from analyze_batch(batch, nlp=pipeline)
        return
    yield from _analyze_in_pool(articles, nlp=nlp, workers=workers, batch_size=batch_size, model=model)


def analyze_batch(articles: Iterable[Article], *, nlp: Language) -> list[Analysis]:
    """The per-article analysis, on one batch: shared by the local, pool and Spark paths."""
    prepared = [prepare(article) for article in articles]
    # unsupported languages still pass through (as empty text) to keep the order
    texts = [(article.text if language in SUPPORTED_LANGUAGES else "") for article, language in prepared]
    docs = nlp.pipe(dated_doc(nlp, text, article.date) for text, (article, _) in zip(texts, prepared))
    return [analysis_from_doc(doc, article, language) for doc, (article, language) in zip(docs, prepared)]


def dated_doc(nlp: Language, text: str, date: str | None) -> Doc:
    """A tokenized Doc carrying the article date (`doc._.newsgraph_date`) for the components."""
    from .nlp import register_extensions

    register_extensions()
    doc = nlp.make_doc(text)
    doc._.newsgraph_date = date
    return doc


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Successive lists of at most `size` items."""
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_worker_nlp: Language | None = None


def _init_worker(model: str) -> None:
    global _worker_nlp
    if _worker_nlp is None:  # inherited when the pool forks after the parent loaded it
        _worker_nlp = default_pipeline(model)


def _worker_batch(articles: list[Article]) -> list[Analysis]:
    assert _worker_nlp is not None
    return analyze_batch(articles, nlp=_worker_nlp)


def _analyze_in_pool(
    articles: Iterable[Article], *, nlp: Language | None, workers: int, batch_size: int, model: str
) -> Iterator[Analysis]:
    global _worker_nlp
    _worker_nlp = nlp
    pending: deque[Future[list[Analysis]]] = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(model,)) as pool:
        for batch in batched(articles, batch_size):
            pending.append(pool.submit(_worker_batch, batch))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


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
def default_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load (once per process) the full newsgraph pipeline."""
    from .nlp import load_pipeline

    return load_pipeline(model)
