"""Analyze: articles in, one `Analysis` record per article out, in input order.

This is the one implementation of the analysis, shared by the CLI, the store and Spark.
"""
from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from functools import lru_cache, partial

from spacy.language import Language
from spacy.tokens import Doc

from .defaults import DEFAULT_MODEL
from .ingest import InputError
from .nlp import TimeLimitExceeded, time_limit
from .records import Analysis, Article

log = logging.getLogger(__name__)

SUPPORTED_LANGUAGES = ("fr",)
MAX_CHARS = 100_000  # about ten times a long news article; bounds parse time and memory
LANGUAGE_SAMPLE_CHARS = 3_000
MIN_PARAGRAPH_CHARS = 120  # shorter paragraphs (names, figures) are not reliably identified
PARAGRAPH_SAMPLE_CHARS = 400  # a paragraph's language shows in its first sentences; identification is linear in length
ARTICLE_SECONDS = 60.0  # CPU time limit per article: a 100,000-character article needs about 10 s


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
    found = (detect_language(paragraph[:PARAGRAPH_SAMPLE_CHARS]) for paragraph in paragraphs)
    others = [other for other in found if other and other != language]
    if not others:
        return []
    names = ", ".join(sorted(set(others)))
    return [f"mixed languages: {len(others)} of {len(paragraphs)} paragraphs look like {names}"]


def analysis_from_doc(doc: Doc | None, article: Article, language: str | None) -> Analysis:
    """Assemble the output record from a processed Doc (None: not analyzed, the article's warnings say why)."""
    if doc is None:
        return Analysis(id=article.id, text=article.text, url=article.url, title=article.title, date=article.date,
                        language=language, warnings=article.warnings)
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
    seconds: float = ARTICLE_SECONDS,
) -> Iterator[Analysis]:
    """Analyze `articles` with `workers` processes, yielding records in input order.

    Memory stays flat: at most `2 * workers` batches are in flight at any time. An article
    whose analysis takes over `seconds` of CPU time gets a record without analysis and a warning.
    """
    if workers <= 1:
        pipeline = nlp if nlp is not None else default_pipeline(model)
        for batch in batched(articles, batch_size):
            yield from analyze_batch(batch, nlp=pipeline, seconds=seconds)
        return
    yield from _analyze_in_pool(articles, nlp=nlp, workers=workers, batch_size=batch_size, model=model,
                                seconds=seconds)


def analyze_batch(articles: Iterable[Article], *, nlp: Language, seconds: float = ARTICLE_SECONDS) -> list[Analysis]:
    """The per-article analysis, on one batch: shared by the local, pool and Spark paths."""
    prepared = [prepare(article) for article in articles]
    # unsupported languages still pass through (as empty text) to keep the order
    texts = [(article.text if language in SUPPORTED_LANGUAGES else "") for article, language in prepared]
    dated = [dated_doc(nlp, text, article.date) for text, (article, _) in zip(texts, prepared)]
    try:
        with time_limit(seconds * len(dated)):
            docs: list[Doc | None] = list(nlp.pipe(dated))
    except TimeLimitExceeded:
        # the batch ran over its time: again one article at a time, to find which one and spare the others
        docs = [_parse_within(nlp, dated_doc(nlp, doc.text, doc._.newsgraph_date), seconds) for doc in dated]
    records = []
    for doc, (article, language) in zip(docs, prepared):
        if doc is None:
            message = (f"analysis stopped after {seconds:g} s of CPU (time limit per article): "
                       "no entities, quotes or events")
            log.warning("%s: %s", article.id, message)
            article = replace(article, warnings=(*article.warnings, message))
        records.append(analysis_from_doc(doc, article, language))
    return records


def _parse_within(nlp: Language, doc: Doc, seconds: float) -> Doc | None:
    try:
        with time_limit(seconds):
            return nlp(doc)
    except TimeLimitExceeded:
        return None


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


def _worker_batch(articles: list[Article], *, seconds: float = ARTICLE_SECONDS) -> list[Analysis]:
    assert _worker_nlp is not None
    return analyze_batch(articles, nlp=_worker_nlp, seconds=seconds)


def _analyze_in_pool(
    articles: Iterable[Article], *, nlp: Language | None, workers: int, batch_size: int, model: str,
    seconds: float = ARTICLE_SECONDS,
) -> Iterator[Analysis]:
    global _worker_nlp
    _worker_nlp = nlp
    pending: deque[Future[list[Analysis]]] = deque()
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(model,)) as pool:
        for batch in batched(articles, batch_size):
            pending.append(pool.submit(partial(_worker_batch, seconds=seconds), batch))
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
