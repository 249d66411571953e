"""Ingest: turn files, folders, WARC crawls, JSONL dumps and stdin into `Article` records.

`read_articles` streams: it yields one `Article` or one `InputError` at a time, never
holding a whole crawl in memory. A broken input (or one broken record inside a WARC or
JSONL file) becomes an `InputError` naming where it came from; reading goes on.
"""
from __future__ import annotations

import codecs
import hashlib
import io
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO, Literal, Protocol

from .clean import clean_text
from .records import Article
from .timelimit import TimeLimitExceeded, time_limit

log = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".warc.gz", ".arc", ".arc.gz"}
MAX_TEXT_BYTES = 5_000_000  # larger text files are reported: cleaning time grows with size
MAX_LINE_BYTES = 10_000_000  # a JSONL line holding a page at the HTML limit, JSON-escaped
MAX_HTML_BYTES = 5_000_000  # larger pages are reported: extraction time grows with size
MIN_TEXT_CHARS = 20  # shorter than a sentence: a menu or a widget, not an article
# Extraction time grows faster than the page (20,000 tiny paragraphs: 1.4 s, 80,000: 9.5 s); the 2,000
# OrangeSum pages have at most 707 elements. Past either bound the page is reported.
MAX_HTML_ELEMENTS = 50_000
EXTRACTION_SECONDS = 20.0  # CPU time limit of one page's extraction (typically 0.015 s)
# A WARC is read as a stream, but its size is what its gzip members inflate to: bounded per record
# (headers and payload; Common Crawl cuts payloads at 1 MiB), per file, and per line (a header line).
MAX_WARC_RECORD_BYTES = 256 * 2**20
MAX_WARC_FILE_BYTES = 16 * 2**30
MAX_WARC_LINE_BYTES = 2**20
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

    def __post_init__(self) -> None:
        # a non-UTF-8 file name or a lone surrogate must not reach stderr or the store as it is
        object.__setattr__(self, "source", valid_text(self.source))
        object.__setattr__(self, "reason", valid_text(self.reason))

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True)
class FileEnd:
    """Marks, in `read_articles(..., skip_file=...)`, a file read in full or skipped whole as already stored."""

    path: str  # as given, made valid Unicode (also the `source` of its articles)
    file_id: str  # the id its article gets if it is a text or HTML file
    size: int
    sha256: str  # of its bytes, hashed just before it was read
    articles: int  # articles read from it (skipped: as stored)
    failures: int  # input errors met inside it (skipped: as stored)
    skipped: bool = False  # True: not read, `skip_file` knew these bytes


# Given a file about to be read (a `FileEnd` with no counts yet), the `FileEnd` of the same bytes already stored,
# or None to read it.
SkipFile = Callable[[FileEnd], "FileEnd | None"]
HASH_BLOCK_BYTES = 2**20


class BadInput(ValueError):
    """Raised inside a reader for an input that cannot become an article."""


_INVALID_CHARS = re.compile("[\ud800-\udfff\x00]")


def valid_text(value: str) -> str:
    """`value` as valid Unicode: lone surrogates (undecodable file-name bytes too) become U+FFFD, NULs go."""
    if not _INVALID_CHARS.search(value):
        return value
    return _INVALID_CHARS.sub(lambda found: "" if found.group() == "\x00" else "\ufffd", value)


def read_articles(
    paths: Iterable[str | Path], *, skip_file: SkipFile | None = None
) -> Iterator[Article | InputError | FileEnd]:
    """Yield an `Article` or an `InputError` for every article found under `paths`.

    A file given directly has its name without extension as id; a file found in a folder has
    its path relative to that folder (`a/x` and `b/x`). Two files that would share an id in
    one run (`a/x.txt` and `b/x.txt` given directly) are refused after the first.
    With `skip_file`, every file is hashed (SHA-256, streamed) before it is read and followed by a
    `FileEnd` once read in full; a file `skip_file` knows is not read: its `FileEnd` (skipped) is
    yielded alone. Standard input is never skipped nor marked.
    """
    file_ids: dict[str, str] = {}
    for path in paths:
        if str(path) == "-":
            yield from _guarded("<stdin>", read_stream(sys.stdin.buffer, name="stdin"))
            continue
        path = Path(path)
        if path.is_dir():
            for child, item in _folder_files(path):
                yield from _read_unique(child, item, file_ids, skip_file)
        elif not path.exists():
            yield InputError(str(path), "broken symbolic link" if path.is_symlink() else "no such file or directory")
        else:
            yield from _read_unique(path, file_id(path.name), file_ids, skip_file)


def _read_unique(
    path: Path, item: str | InputError, file_ids: dict[str, str], skip_file: SkipFile | None = None
) -> Iterator[Article | InputError | FileEnd]:
    # `item`: the id the file's article gets (text and HTML), or the reason it cannot be read
    if isinstance(item, InputError):
        yield item
        return
    if not path.is_file():
        yield InputError(str(path), "not a regular file (a FIFO, socket or device): reading it could block; "
                                    "copy it to a file, or pipe it to `newsgraph ... -`")
        return
    if input_kind(path) in ("text", "html"):
        first = file_ids.setdefault(item, str(path))
        if first != str(path):
            yield InputError(str(path), f"same id {item!r} as {first}: give their common folder instead, "
                                        "where each file gets its path in the folder as id")
            return
    if skip_file is None:
        yield from read_path(path, article_id=item)
        return
    try:
        size, digest = _file_digest(path)
    except OSError:  # reading it will report why
        yield from read_path(path, article_id=item)
        return
    mark = FileEnd(valid_text(str(path)), item, size, digest, 0, 0)
    known = skip_file(mark)
    if known is not None:
        yield known
        return
    articles = failures = 0
    for found in read_path(path, article_id=item):
        articles += isinstance(found, Article)
        failures += isinstance(found, InputError)
        yield found
    yield FileEnd(valid_text(str(path)), item, size, digest, articles, failures)


def _file_digest(path: Path) -> tuple[int, str]:
    # size and SHA-256 of a file's bytes, read in 1 MiB blocks (0.06 s for a 27 MB WARC)
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while block := stream.read(HASH_BLOCK_BYTES):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def _folder_files(folder: Path) -> list[tuple[Path, str | InputError]]:
    # every input file under `folder` (symbolic links to folders are not followed: no loops), with its
    # path-relative id; unreadable folders and broken links are reported, other files are ignored
    found: list[tuple[Path, str | InputError]] = []

    def unreadable(error: OSError) -> None:
        where = error.filename if error.filename is not None else folder
        found.append((Path(where), InputError(str(where), f"cannot read the folder: {error.strerror or error}")))

    for directory, _, names in os.walk(folder, onerror=unreadable):
        for name in names:
            child = Path(directory, name)
            if not input_kind(child):
                continue
            if not child.exists():
                found.append((child, InputError(str(child), "broken symbolic link")))
                continue
            relative = child.relative_to(folder)
            found.append((child, file_id(relative.as_posix())))
    return sorted(found, key=lambda pair: pair[0])


def file_id(name: str) -> str:
    """A file's article id: its name (or path relative to the folder given) without its last extension."""
    return valid_text(PurePosixPath(name).with_suffix("").as_posix())


class InputFile(Protocol):
    """What the readers need of a file: a `pathlib.Path`, or `BytesFile` for bytes fetched elsewhere."""

    @property
    def name(self) -> str: ...

    @property
    def suffix(self) -> str: ...

    def open(self, mode: Literal["rb"]) -> BinaryIO: ...  # as `Path.open("rb")`


class DisplayedFile:
    """A file read under the name the user gave it (`display`, as sources are named); `open` is the subclass's."""

    def __init__(self, display: str) -> None:
        self._display = display

    @property
    def name(self) -> str:
        """Last part of the displayed path."""
        return self._display.rstrip("/").rsplit("/", 1)[-1]

    @property
    def suffix(self) -> str:
        """Extension of the name, with its dot."""
        return Path(self.name).suffix

    def _check_mode(self, mode: str) -> None:
        if mode != "rb":
            raise ValueError(f"{self._display} is read-only")

    def __str__(self) -> str:
        return self._display


class BytesFile(DisplayedFile):
    """A file's bytes held in memory (fetched by Spark, say), read like the local file `display`."""

    def __init__(self, display: str, data: bytes) -> None:
        super().__init__(display)
        self._data = data

    def open(self, mode: str = "rb") -> BinaryIO:
        """The bytes as a binary stream."""
        self._check_mode(mode)
        return io.BytesIO(self._data)


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


def read_path(path: InputFile, *, article_id: str | None = None) -> Iterator[Article | InputError]:
    """Read one file of any supported kind; `article_id` for a text or HTML file (default: its name without extension)."""
    kind = input_kind(path)
    if kind is None:
        yield InputError(str(path), "unsupported file type (expected .txt, .html, .htm, .jsonl, .warc, .warc.gz)")
        return
    if kind == "warc":
        yield from _guarded(str(path), read_warc(path))
    elif kind == "jsonl":
        yield from _guarded(str(path), read_jsonl(path))
    else:
        yield from _guarded(str(path), _read_single(path, kind, article_id=article_id or file_id(path.name)))


def _guarded(source: str, articles: Iterator[Article | InputError]) -> Iterator[Article | InputError]:
    # A reader that fails part-way keeps what it yielded and reports the rest.
    try:
        yield from articles
    except (OSError, BadInput, EOFError) as error:
        yield InputError(source, _reason(error))


def _read_single(path: InputFile, kind: str, *, article_id: str) -> Iterator[Article]:
    limit = MAX_HTML_BYTES if kind == "html" else MAX_TEXT_BYTES
    with path.open("rb") as stream:
        data = stream.read(limit + 1)  # no more than that in memory, however big the file
    if len(data) > limit:
        raise BadInput(f"file larger than the {limit:,}-byte limit")
    if kind == "html":
        yield article_from_html(data, article_id=article_id, source=str(path))
    else:
        yield article_from_text(decode_text(data), article_id=article_id, source=str(path))


def read_stream(stream: IO[bytes], *, name: str) -> Iterator[Article | InputError]:
    """Read standard input: a JSONL dump (streamed, any length), an HTML page or plain text, told apart by content.

    A page or a text is bounded like a file of its kind; a JSONL dump is read line by line.
    """
    limit = max(MAX_HTML_BYTES, MAX_TEXT_BYTES)
    data = stream.read(limit + 1)
    head = data.lstrip()[:1]
    if head == b"{":
        yield from _jsonl_lines(io.BufferedReader(_Rewound(data, stream)), source=f"<{name}>")
    elif len(data) > limit:
        raise BadInput(f"more than the {limit:,}-byte limit of one page or text; give a JSONL dump for more")
    elif head == b"<" or _bom_text(data).lstrip()[:1] == "<":
        yield article_from_html(data, article_id=name, source=f"<{name}>")
    else:
        yield article_from_text(decode_text(data), article_id=name, source=f"<{name}>")


class _Rewound(io.RawIOBase):
    """The bytes already read from a stream, then the rest of it."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


_BOMS = (  # UTF-32 first: its little-endian mark starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)


def _bom_text(data: bytes) -> str:
    # text marked as UTF-16 or UTF-32 by its byte-order mark, decoded ("" when unmarked)
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise BadInput(f"not valid {encoding.upper()} text (byte {error.start})") from None
    return ""


def decode_text(data: bytes) -> str:
    """Decode UTF-8 text (or UTF-16/32 with a byte-order mark), rejecting empty, binary and undecodable input."""
    if not data.strip():
        raise BadInput("empty input")
    marked = _bom_text(data)
    if marked:
        return marked
    if b"\x00" in data[:8192]:
        raise BadInput("binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput(f"not valid UTF-8 text (byte {error.start}); convert it to UTF-8 first") from None


def article_from_text(raw: str, *, article_id: str, source: str, **meta: Any) -> Article:
    """Clean plain text into an Article; `meta` may give url, title and date.

    Every string is made valid Unicode here, the one door of all articles (see `valid_text`).
    """
    raw, article_id, source = valid_text(raw), valid_text(article_id), valid_text(source)
    meta = {key: valid_text(value) if isinstance(value, str) else value for key, value in meta.items()}
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
    if isinstance(data, bytes):
        data = _bom_text(data) or data
    if isinstance(data, bytes) and b"\x00" in data[:8192]:
        raise BadInput("binary data, not HTML")
    if isinstance(data, str):
        data = valid_text(data)
    try:
        document, found = extract_page(data)
    except BadInput:
        raise
    except TimeLimitExceeded:
        raise BadInput(f"extraction stopped after {EXTRACTION_SECONDS:g} s of CPU (time limit per page)") from None
    except Exception as error:  # lxml and trafilatura raise many types on hostile markup
        raise BadInput(f"HTML could not be parsed: {_reason(error)}") from None
    if document is None or len((document.text or "").strip()) < MIN_TEXT_CHARS:
        raise BadInput("no article text found in the HTML page")
    meta = {key: meta.get(key) or found[key] for key in ("url", "title", "date")}
    return article_from_text(document.text, article_id=article_id, source=source, **meta)


def extract_page(data: bytes | str) -> tuple[Any, dict[str, str | None]]:
    """trafilatura's main-text document for an HTML page (None if it finds none), and its url, title and date.

    Bounded: BadInput past `MAX_HTML_ELEMENTS`, TimeLimitExceeded past `EXTRACTION_SECONDS` of CPU.
    """
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(data)
    if tree is None:
        return None, {}
    elements = int(tree.xpath("count(//*)"))
    if elements > MAX_HTML_ELEMENTS:
        raise BadInput(f"page of {elements:,} HTML elements exceeds the {MAX_HTML_ELEMENTS:,}-element limit")
    with time_limit(EXTRACTION_SECONDS):
        return trafilatura.bare_extraction(tree, **EXTRACTION_OPTIONS), page_metadata(tree)


def page_metadata(tree: Any) -> dict[str, str | None]:
    """A page's URL, title and ISO date, as trafilatura's metadata pass finds them.

    The same steps as `trafilatura.metadata.extract_metadata` for these three fields (meta tags,
    JSON-LD, <title>/<h1>, canonical link, htmldate with the same settings, the same trimming),
    without its authors, categories, tags and licence, which cost more than the rest and which
    newsgraph does not keep. tests/test_ingest.py checks it against trafilatura on real pages.
    """
    from htmldate import find_date
    from trafilatura.metadata import (
        examine_meta,
        extract_meta_json,
        extract_title,
        extract_url,
    )
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
    article_id = _json_id(item.get("id"), line_number)
    meta = {key: _optional_str(item.get(key), key) for key in ("url", "title", "date")}
    if isinstance(item.get("text"), str) and item["text"].strip():
        return article_from_text(item["text"], article_id=article_id, source=source, **meta)
    if isinstance(item.get("html"), str) and item["html"].strip():
        return article_from_html(item["html"], article_id=article_id, source=source, **meta)
    raise BadInput("object has no non-empty 'text' or 'html' field")


def _json_id(value: Any, line_number: int) -> str:
    if value is None:
        return str(line_number)
    article_id = _optional_str(value, "id")
    if not article_id or not article_id.strip():
        raise BadInput("'id' is empty; give a non-empty string or leave it out (the line number is used)")
    return article_id


def _optional_str(value: Any, field: str) -> str | None:
    # a JSON string or number as text; an object, array or boolean is refused, not stored as its repr
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    kind = {dict: "an object", list: "an array", bool: "a boolean"}.get(type(value), type(value).__name__)
    raise BadInput(f"'{field}' is {kind}, not a string")


def read_warc(path: InputFile) -> Iterator[Article | InputError]:
    """Stream every HTML response record of a WARC file as an Article, id = target URI.

    A record is checked whole before its article is yielded: one cut short (truncated file) or
    not followed by the blank lines that end it (wrong Content-Length) is reported instead. After
    a bad record or corrupt bytes, reading goes on at the next record start found in the file.
    """
    state = _WarcState()
    with path.open("rb") as stream:
        gzipped = stream.read(2) == b"\x1f\x8b"
        start: int | None = 0
        reported_at = -1  # one report per corrupt stretch, not one per false start inside it
        while start is not None:
            stream.seek(start)
            outcome = yield from _warc_segment(path, stream, state)
            if outcome is None:
                break
            search_from, problem = outcome
            if problem and state.number != reported_at:
                reported_at = state.number
                state.reported = True
                yield InputError(str(path), f"{problem}; reading goes on at the next record found")
            # warcio's offsets are off in a gzip that is not one member per record: always move on
            start = _next_record_start(stream, max(search_from, start + 1), gzipped=gzipped)
    if state.count == 0 and not state.reported:
        raise BadInput("no HTML response records in the WARC file")


@dataclass
class _WarcState:
    number: int = 0  # records read so far
    count: int = 0  # HTML response records among them
    inflated: int = 0  # bytes the file inflated to in the segments read before
    reported: bool = False


def _warc_segment(
    path: InputFile, stream: BinaryIO, state: _WarcState
) -> Generator[Article | InputError, None, tuple[int, str | None] | None]:
    # Records from the stream's position on; returns None at the end of the file, or where to look
    # for the next record start (and the problem, unless already reported) after a bad record.
    records = _bounded_archive(stream, inflated=state.inflated)
    reader = records.reader  # warcio drops it at the end of the file
    try:
        for record in records:
            state.number += 1
            reader.start_record()
            if not is_html_response(record):
                continue
            state.count += 1
            item, whole = _warc_article(path, state.number, record, records)
            yield item
            if not whole:  # its end is not where its length says: what follows is found again
                return records.member_info[0] + 1, None
    except BadInput as error:  # a limit: the rest of the file is not read
        raise BadInput(f"{error} (after {state.count} HTML records)") from None
    except Exception as error:  # ArchiveLoadFailed, EOFError, zlib errors, and AttributeError... on a cut record
        return records.offset + 1, f"truncated or corrupt WARC after record #{state.number}: {_reason(error)}"
    finally:
        state.inflated += reader.num_read
    return None


def _next_record_start(stream: BinaryIO, position: int, *, gzipped: bool) -> int | None:
    """Offset of the first gzip member (or `WARC/1.` line) at or after `position`, None if there is none."""
    mark = b"\x1f\x8b\x08" if gzipped else b"WARC/1."
    stream.seek(position)
    offset, carry = position, b""
    while chunk := stream.read(2**20):
        data = carry + chunk
        found = data.find(mark)
        if found >= 0:
            return offset - len(carry) + found
        carry = data[-(len(mark) - 1):]
        offset += len(chunk)
    return None


def _warc_article(path: InputFile, number: int, record: Any, records: Any) -> tuple[Article | InputError, bool]:
    # the record's article (or why there is none), and whether the record ended where its length says
    html = record.content_stream().read(MAX_HTML_BYTES + 1)  # bounded: the limit is checked next
    errors = records.err_count
    records.read_to_end()  # the rest of the record and the blank lines after it
    if record.raw_stream.limit > 0:
        return InputError(_record_where(record, path, number), f"record cut short: {record.raw_stream.limit:,} bytes "
                          "of its Content-Length missing (truncated file)"), False
    if records.err_count > errors:
        return InputError(_record_where(record, path, number), "record not followed by the blank lines that end a "
                          "WARC record: its Content-Length is wrong"), False
    return warc_article(record, path=path, number=number, html=html), True


def _bounded_archive(stream: BinaryIO, *, inflated: int = 0) -> Any:
    """warcio's ArchiveIterator over `stream`, reading through a `_bounded_reader` (`inflated`: bytes already read)."""
    from warcio.archiveiterator import ArchiveIterator

    class BoundedArchiveIterator(ArchiveIterator):
        INC_RECORD = ""  # a wrong Content-Length is reported by `_warc_article`, not as a raw dump on stderr

    records = BoundedArchiveIterator(stream)
    records.reader = _bounded_reader(records.fh, inflated=inflated)
    return records


def _bounded_reader(stream: Any, *, inflated: int) -> Any:
    """warcio's decompressing reader, refusing a record, a file or a line that inflates past its limit."""
    from warcio.bufferedreaders import DecompressingBufferedReader

    class BoundedReader(DecompressingBufferedReader):
        record_start = 0

        def start_record(self) -> None:
            self.record_start = self.num_read

        def _process_read(self, data: bytes) -> None:
            super()._process_read(data)
            if inflated + self.num_read > MAX_WARC_FILE_BYTES:
                raise BadInput(f"WARC inflates past the {MAX_WARC_FILE_BYTES:,}-byte limit per file")
            if self.num_read - self.record_start > MAX_WARC_RECORD_BYTES:
                raise BadInput(f"WARC record inflates past the {MAX_WARC_RECORD_BYTES:,}-byte limit per record")

        def readline(self, length: int | None = None) -> bytes:
            # warcio joins a line's pieces until a newline: a header line is bounded instead
            return super().readline(MAX_WARC_LINE_BYTES if length is None else min(length, MAX_WARC_LINE_BYTES))

    return BoundedReader(stream)


def is_html_response(record: Any) -> bool:
    """Whether a WARC record is a response holding an HTML page (or of unknown content type)."""
    return bool(record.rec_type == "response" and _is_html(record))


def warc_article(record: Any, *, path: InputFile, number: int, html: bytes | None = None) -> Article | InputError:
    """The article of HTML response record `number` (1-based) of the WARC file `path`, or why it failed.

    `html`: the record's content when already read (at most `MAX_HTML_BYTES` + 1 bytes).
    """
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path.name}#{number}"
    where = _record_where(record, path, number)
    try:
        if html is None:
            html = record.content_stream().read(MAX_HTML_BYTES + 1)  # bounded: the limit is checked next
        return article_from_html(html, article_id=uri, source=where, url=uri)
    except BadInput as error:
        return InputError(where, str(error))


def _record_where(record: Any, path: InputFile, number: int) -> str:
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path.name}#{number}"
    return f"{path}#{number} ({uri})"


def _is_html(record: Any) -> bool:
    headers = record.http_headers
    content_type = headers.get_header("Content-Type") if headers else None
    return content_type is None or "html" in content_type.lower()


def _reason(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:300]
