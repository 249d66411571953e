"""Ingest: turn files, folders, WARC crawls, JSONL dumps and stdin into `Article` records.

`read_articles` streams: it yields one `Article` or one `InputError` at a time, never
holding a whole crawl in memory. A broken input (or one broken record inside a WARC or
JSONL file) becomes an `InputError` naming where it came from; reading goes on.
"""
from __future__ import annotations

import io
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, BinaryIO, Protocol

from .clean import clean_text
from .records import Article

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}
MAX_TEXT_BYTES = 5_000_000  # larger text files are reported: cleaning time grows with size
MAX_LINE_BYTES = 10_000_000  # a JSONL line holding a page at the HTML limit, JSON-escaped
MAX_HTML_BYTES = 5_000_000  # larger pages are reported: extraction time grows with size
MIN_TEXT_CHARS = 20  # shorter than a sentence: a menu or a widget, not an article
# trafilatura.bare_extraction settings, shared with benchmarks/bench.py. fast=True skips the fallback
# extractors: same text, title and date on all 2,000 OrangeSum pages, for ~18 % less CPU. The metadata
# comes from `page_metadata`, which reads only the URL, title and date (~28 % less CPU again).
EXTRACTION_OPTIONS: dict[str, Any] = {
    "with_metadata": False, "include_comments": False, "include_tables": False, "fast": True,
}


@dataclass(frozen=True)
class InputError:
    """An input (or one record of it) that could not be read: where, and why."""

    source: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class BadInput(ValueError):
    """Raised inside a reader for an input that cannot become an article."""


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Yield an `Article` or an `InputError` for every article found under `paths`."""
    for path in paths:
        if str(path) == "-":
            yield from _guarded("<stdin>", read_stream(sys.stdin.buffer, name="stdin"))
            continue
        path = Path(path)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file() and input_kind(p)):
                yield from read_path(child)
        elif not path.exists():
            yield InputError(str(path), "no such file or directory")
        else:
            yield from read_path(path)


class InputFile(Protocol):
    """What the readers need of a file: a `pathlib.Path`, or `BytesFile` for bytes fetched elsewhere."""

    @property
    def name(self) -> str: ...

    @property
    def suffix(self) -> str: ...

    def open(self, mode: str = "rb") -> BinaryIO: ...


class BytesFile:
    """A file's bytes held in memory (fetched by Spark, say), read like the local file `display`."""

    def __init__(self, display: str, data: bytes) -> None:
        self._display = display
        self._data = data

    @property
    def name(self) -> str:
        """Last part of the path."""
        return self._display.rstrip("/").rsplit("/", 1)[-1]

    @property
    def suffix(self) -> str:
        """Extension of the name, with its dot."""
        return Path(self.name).suffix

    def open(self, mode: str = "rb") -> BinaryIO:
        """The bytes as a binary stream."""
        if mode != "rb":
            raise ValueError(f"{self._display} is read-only")
        return io.BytesIO(self._data)

    def __str__(self) -> str:
        return self._display


def input_kind(path: InputFile) -> str | None:
    """The reader for a path from its suffix: text, html, jsonl, warc, or None."""
    name = path.name.lower()
    if any(name.endswith(suffix) for suffix in WARC_SUFFIXES):
        return "warc"
    suffix = path.suffix.lower()
    for kind, suffixes in (("text", TEXT_SUFFIXES), ("html", HTML_SUFFIXES), ("jsonl", JSONL_SUFFIXES)):
        if suffix in suffixes:
            return kind
    return None


def read_path(path: InputFile) -> Iterator[Article | InputError]:
    """Read one file of any supported kind."""
    kind = input_kind(path)
    if kind is None:
        yield InputError(str(path), "unsupported file type (expected .txt, .html, .htm, .jsonl, .warc, .warc.gz)")
        return
    if kind == "warc":
        yield from _guarded(str(path), read_warc(path))
    elif kind == "jsonl":
        yield from _guarded(str(path), read_jsonl(path))
    else:
        yield from _guarded(str(path), _read_single(path, kind))


def _guarded(source: str, articles: Iterator[Article | InputError]) -> Iterator[Article | InputError]:
    # A reader that fails part-way keeps what it yielded and reports the rest.
    try:
        yield from articles
    except (OSError, BadInput, EOFError) as error:
        yield InputError(source, _reason(error))


def _read_single(path: InputFile, kind: str) -> Iterator[Article]:
    limit = MAX_HTML_BYTES if kind == "html" else MAX_TEXT_BYTES
    with path.open("rb") as stream:
        data = stream.read(limit + 1)  # no more than that in memory, however big the file
    if len(data) > limit:
        raise BadInput(f"file larger than the {limit:,}-byte limit")
    article_id = path.name[: -len(path.suffix)] if path.suffix else path.name
    if kind == "html":
        yield article_from_html(data, article_id=article_id, source=str(path))
    else:
        yield article_from_text(decode_text(data), article_id=article_id, source=str(path))


def read_stream(stream: IO[bytes], *, name: str) -> Iterator[Article | InputError]:
    """Read standard input: a JSONL dump, an HTML page or plain text, told apart by content."""
    data = stream.read()
    head = data.lstrip()[:1]
    if head == b"{":
        yield from _jsonl_lines(io.BytesIO(data), source=f"<{name}>")
    elif head == b"<":
        yield article_from_html(data, article_id=name, source=f"<{name}>")
    else:
        yield article_from_text(decode_text(data), article_id=name, source=f"<{name}>")


def decode_text(data: bytes) -> str:
    """Decode UTF-8 text, rejecting empty, binary and undecodable input."""
    if not data.strip():
        raise BadInput("empty input")
    if b"\x00" in data[:8192]:
        raise BadInput("binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput(f"not valid UTF-8 text (byte {error.start}); convert it to UTF-8 first") from None


def article_from_text(raw: str, *, article_id: str, source: str, **meta: Any) -> Article:
    """Clean plain text into an Article; `meta` may give url, title and date."""
    cleaned = clean_text(raw, title=meta.get("title"))
    if len(cleaned.text.strip()) < MIN_TEXT_CHARS:
        raise BadInput(f"no article text left after cleaning ({len(cleaned.text.strip())} characters)")
    return Article(
        id=article_id,
        text=cleaned.text,
        url=meta.get("url"),
        title=cleaned.title,
        date=meta.get("date") or cleaned.date,
        source=source,
    )


def article_from_html(data: bytes | str, *, article_id: str, source: str, **meta: Any) -> Article:
    """Extract an article's main text and metadata from an HTML page with trafilatura."""
    if not data or not (data.strip() if isinstance(data, str) else data.strip()):
        raise BadInput("empty input")
    if len(data) > MAX_HTML_BYTES:
        raise BadInput(f"page of {len(data):,} bytes exceeds the {MAX_HTML_BYTES:,}-byte limit")
    if isinstance(data, bytes) and b"\x00" in data[:8192]:
        raise BadInput("binary data, not HTML")
    try:
        document, found = extract_page(data)
    except Exception as error:  # lxml and trafilatura raise many types on hostile markup
        raise BadInput(f"HTML could not be parsed: {_reason(error)}") from None
    if document is None or len((document.text or "").strip()) < MIN_TEXT_CHARS:
        raise BadInput("no article text found in the HTML page")
    meta = {key: meta.get(key) or found[key] for key in ("url", "title", "date")}
    return article_from_text(document.text, article_id=article_id, source=source, **meta)


def extract_page(data: bytes | str) -> tuple[Any, dict[str, str | None]]:
    """trafilatura's main-text document for an HTML page (None if it finds none), and its url, title and date."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(data)
    if tree is None:
        return None, {}
    return trafilatura.bare_extraction(tree, **EXTRACTION_OPTIONS), page_metadata(tree)


def page_metadata(tree: Any) -> dict[str, str | None]:
    """A page's URL, title and ISO date, as trafilatura's metadata pass finds them.

    The same steps as `trafilatura.metadata.extract_metadata` for these three fields (meta tags,
    JSON-LD, <title>/<h1>, canonical link, htmldate with the same settings, the same trimming),
    without its authors, categories, tags and licence, which cost more than the rest and which
    newsgraph does not keep. tests/test_ingest.py checks it against trafilatura on real pages.
    """
    from htmldate import find_date
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url
    from trafilatura.settings import set_date_params

    document = examine_meta(tree)
    try:
        document = extract_meta_json(tree, document)
    except Exception as error:  # trafilatura's JSON-LD reader fails on malformed data; the meta tags stand
        log.debug("JSON-LD metadata skipped: %s", _reason(error))
    document.title = document.title or extract_title(tree)
    document.url = document.url or extract_url(tree)
    document.date = find_date(tree, **set_date_params(True), url=document.url)
    document.clean_and_trim()
    return {"url": document.url, "title": document.title, "date": document.date}


def read_jsonl(path: InputFile) -> Iterator[Article | InputError]:
    """Read one article per line: `text` or `html`, optional `id`, `url`, `title`, `date`."""
    with path.open("rb") as stream:
        yield from _jsonl_lines(stream, source=str(path))


def _jsonl_lines(stream: IO[bytes], *, source: str) -> Iterator[Article | InputError]:
    seen_any = False
    for number, line in enumerate(_bounded_lines(stream, MAX_LINE_BYTES), start=1):
        if not line.strip():
            continue
        seen_any = True
        where = f"{source}:{number}"
        try:
            if len(line) > MAX_LINE_BYTES:
                raise BadInput(f"line longer than the {MAX_LINE_BYTES:,}-byte limit")
            yield article_from_json(_parse_json_line(line), line_number=number, source=where)
        except BadInput as error:
            yield InputError(where, str(error))
    if not seen_any:
        yield InputError(source, "empty input")


def _bounded_lines(stream: IO[bytes], limit: int) -> Iterator[bytes]:
    # Lines of at most `limit` bytes; the rest of a longer line is skipped (it comes out as `limit + 1` bytes).
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                pass
        yield line


def _parse_json_line(line: bytes) -> dict[str, Any]:
    try:
        item = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadInput("line is not valid UTF-8") from None
    except json.JSONDecodeError as error:
        raise BadInput(f"malformed JSON ({error.msg} at column {error.colno})") from None
    except (ValueError, RecursionError) as error:  # a 5,000-digit number, arrays nested 100,000 deep
        raise BadInput(f"unreadable JSON ({_reason(error)})") from None
    if not isinstance(item, dict):
        raise BadInput("line is not a JSON object")
    return item


def article_from_json(item: dict[str, Any], *, line_number: int, source: str) -> Article:
    """Build an Article from one JSONL object."""
    article_id = str(item.get("id") if item.get("id") is not None else line_number)
    meta = {key: _optional_str(item.get(key)) for key in ("url", "title", "date")}
    if isinstance(item.get("text"), str) and item["text"].strip():
        return article_from_text(item["text"], article_id=article_id, source=source, **meta)
    if isinstance(item.get("html"), str) and item["html"].strip():
        return article_from_html(item["html"], article_id=article_id, source=source, **meta)
    raise BadInput("object has no non-empty 'text' or 'html' field")


def _optional_str(value: Any) -> str | None:
    return None if value is None else str(value)


def read_warc(path: InputFile) -> Iterator[Article | InputError]:
    """Stream every HTML response record of a WARC file as an Article, id = target URI."""
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    with path.open("rb") as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if not is_html_response(record):
                    continue
                count += 1
                yield warc_article(record, path=path, number=number)
        except Exception as error:  # ArchiveLoadFailed, EOFError, zlib errors, and AttributeError... on a cut record
            raise BadInput(f"truncated or corrupt WARC after {count} HTML records: {_reason(error)}") from None
    if count == 0:
        raise BadInput("no HTML response records in the WARC file")


def is_html_response(record: Any) -> bool:
    """Whether a WARC record is a response holding an HTML page (or of unknown content type)."""
    return bool(record.rec_type == "response" and _is_html(record))


def warc_article(record: Any, *, path: InputFile, number: int) -> Article | InputError:
    """The article of HTML response record `number` (1-based) of the WARC file `path`, or why it failed."""
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path.name}#{number}"
    where = f"{path}#{number} ({uri})"
    try:
        html = record.content_stream().read(MAX_HTML_BYTES + 1)  # bounded: the limit is checked next
        return article_from_html(html, article_id=uri, source=where, url=uri)
    except BadInput as error:
        return InputError(where, str(error))


def _is_html(record: Any) -> bool:
    headers = record.http_headers
    content_type = headers.get_header("Content-Type") if headers else None
    return content_type is None or "html" in content_type.lower()


def _reason(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:300]
