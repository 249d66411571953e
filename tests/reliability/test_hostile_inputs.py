"""Hostile and broken inputs beyond tests/test_hostile.py and tests/test_ingest.py.

Each bad input is reported with its path (and record or line) and skipped, the rest is read;
nothing raises, hangs or loads a huge file into memory. The model-based cases check that the
analysis of pathological text stays within bounds (time, offsets).
"""
from __future__ import annotations

import gzip
import io
import json
import os
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from newsgraph.ingest import MAX_HTML_BYTES, MAX_LINE_BYTES, MAX_TEXT_BYTES, InputError, read_articles
from newsgraph.nlp import COMPONENT_SECONDS
from newsgraph.records import Article

ROOT = Path(__file__).resolve().parents[2]
CRAWL = ROOT / "examples" / "crawl.warc.gz"
SENTENCE = "Le conseil municipal a voté mardi soir le budget de la ville, après trois heures de débat. "
PAGE = f"<html><head><title>Budget</title></head><body><article><p>{SENTENCE * 3}</p></article></body></html>"


def read(*paths: Path) -> list[Article | InputError]:
    return list(read_articles(paths))


def errors_of(items: list[Any]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def warc_bytes(pages: list[tuple[str, bytes]], *, gzipped: bool = True) -> bytes:
    """A WARC of HTML responses written with warcio."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    for uri, body in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
    return buffer.getvalue()


# ---------------------------------------------------------------- HTML with no text


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><script>var a = 1;</script><style>p { color: red }</style></head><body></body></html>",
        "<html><body><img src='a.png'><img src='b.png'><video src='c.mp4'></video></body></html>",
        "<html><body>" + " \n\t&nbsp;" * 200 + "</body></html>",
        "<html><body><!-- " + SENTENCE * 5 + " --></body></html>",
        "<html><body><form><input name=q><button>OK</button></form></body></html>",
        "<?xml version='1.0'?><rss><channel><title>Flux</title></channel></rss>",
        "<" * 10_000,
        "<html>" + "<body>" * 5_000,
    ],
    ids=["scripts-styles", "media", "blanks", "comment", "form", "rss", "brackets", "unclosed"],
)
def test_html_without_text_is_reported(tmp_path: Path, html: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    [error] = read(path)
    assert isinstance(error, InputError) and error.source == str(path)


# ---------------------------------------------------------------- huge inputs: refused without being loaded


@pytest.mark.parametrize(("name", "limit"), [("page.html", MAX_HTML_BYTES), ("notes.txt", MAX_TEXT_BYTES)])
def test_twenty_megabyte_file_is_reported_without_loading_it(tmp_path: Path, name: str, limit: int) -> None:
    path = tmp_path / name
    with path.open("w", encoding="utf-8") as stream:
        stream.write("<html><body><p>" if name.endswith(".html") else "")
        for _ in range(20_000_000 // len(SENTENCE)):
            stream.write(SENTENCE)
    tracemalloc.start()
    started = time.perf_counter()
    [error] = read(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert isinstance(error, InputError) and f"{limit:,}-byte limit" in error.reason
    assert peak < 3 * limit, f"{peak:,} bytes held to refuse a 20 MB file"
    assert time.perf_counter() - started < 10


def test_oversized_warc_record_is_reported_and_the_next_one_read(tmp_path: Path) -> None:
    huge = b"<html><body><p>" + SENTENCE.encode() * (MAX_HTML_BYTES // len(SENTENCE) + 100) + b"</p></body></html>"
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(warc_bytes([("https://a.invalid/huge", huge), ("https://a.invalid/ok", PAGE.encode())]))
    error, article = read(path)
    assert isinstance(error, InputError) and "https://a.invalid/huge" in error.source and "limit" in error.reason
    assert isinstance(article, Article) and article.id == "https://a.invalid/ok"


# ---------------------------------------------------------------- JSONL


def test_jsonl_bad_lines_are_reported_with_their_numbers(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": SENTENCE})
    lines = [
        good,                                                   # 1
        "[" * 100_000,                                          # 2 nested deeper than the parser's recursion limit
        '{"id": ' + "7" * 5000 + ', "text": "x"}',              # 3 longer than Python's int conversion limit
        json.dumps({"id": "big", "text": "x" * (MAX_LINE_BYTES + 10)}),  # 4 longer than a line may be
        '"just a string"',                                      # 5
        "null",                                                 # 6
        '{"id": "nan", "text": NaN}',                           # 7 NaN is no text
        json.dumps({"id": "html-empty", "html": "<p></p>"}),    # 8
        json.dumps({"id": "ok2", "text": SENTENCE}),            # 9
    ]
    path = tmp_path / "dump.jsonl"
    data = "\n".join(lines).encode("utf-8") + b"\n\xff\xfe{bad utf-8}\n" + (good.replace("ok", "ok3") + "\n").encode()
    path.write_bytes(data)
    items = read(path)
    assert [item.id for item in items if isinstance(item, Article)] == ["ok", "ok2", "ok3"]
    numbers = [int(error.source.rsplit(":", 1)[1]) for error in errors_of(items)]
    assert numbers == [2, 3, 4, 5, 6, 7, 8, 10]
    reasons = [error.reason for error in errors_of(items)]
    assert "unreadable JSON" in reasons[0] and "unreadable JSON" in reasons[1] and "byte limit" in reasons[2]
    assert "not valid UTF-8" in reasons[-1]


# ---------------------------------------------------------------- a folder of good and broken files


def test_folder_with_broken_crawls_keeps_every_good_article(tmp_path: Path) -> None:
    folder = tmp_path / "crawl"
    (folder / "sub").mkdir(parents=True)
    crawl = CRAWL.read_bytes()
    (folder / "a-good.txt").write_text(SENTENCE, encoding="utf-8")
    (folder / "b-truncated.warc.gz").write_bytes(crawl[: len(crawl) // 2])
    (folder / "c-corrupt.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(3000))
    (folder / "d-empty.warc.gz").write_bytes(b"")
    (folder / "e-not-a-warc.warc").write_text("this is not a WARC file\n" * 20, encoding="utf-8")
    (folder / "f-cut-inside-gzip.warc.gz").write_bytes(gzip.compress(gzip.decompress(crawl))[:-30])
    (folder / "g-binary.txt").write_bytes(os.urandom(2000).replace(b"\x00", b"") + b"\x00")
    (folder / "h-empty.html").write_bytes(b"")
    (folder / "sub" / "i-good.html").write_text(PAGE, encoding="utf-8")
    (folder / "sub" / "j-good.warc.gz").write_bytes(crawl)
    (folder / "z-good.jsonl").write_text(json.dumps({"id": "last", "text": SENTENCE}) + "\n", encoding="utf-8")
    items = read(folder)
    articles = [item.id for item in items if isinstance(item, Article)]
    assert {"a-good", "sub/i-good", "last"} <= set(articles)
    assert sum("exemple.newsgraph.invalid" in article for article in articles) >= 2  # the good crawl
    assert articles[-1] == "last"  # reading went on to the end
    reported = {Path(error.source.split("#")[0].rsplit(":", 1)[0]).name for error in errors_of(items)}
    assert {"c-corrupt.warc.gz", "d-empty.warc.gz", "e-not-a-warc.warc", "g-binary.txt", "h-empty.html"} <= reported
    assert "b-truncated.warc.gz" in reported or "f-cut-inside-gzip.warc.gz" in reported


@pytest.mark.parametrize("gzipped", [True, False], ids=["warc.gz", "warc"])
def test_a_crawl_cut_anywhere_never_raises(tmp_path: Path, gzipped: bool) -> None:
    data = CRAWL.read_bytes() if gzipped else gzip.decompress(CRAWL.read_bytes())
    path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    step = max(1, len(data) // 60)
    for cut in range(0, len(data), step):
        path.write_bytes(data[:cut])
        items = read(path)
        assert items, cut
        assert all(isinstance(item, (Article, InputError)) for item in items), cut


def test_special_files_in_a_folder_do_not_hang_or_loop(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "good.txt").write_text(SENTENCE, encoding="utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.txt")  # opening it would block forever
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.txt").symlink_to(folder / "absent.txt")
    (folder / "dir.txt").mkdir()
    started = time.perf_counter()
    items = read(folder)
    assert [item.id for item in items if isinstance(item, Article)] == ["good"]
    assert time.perf_counter() - started < 10


# ---------------------------------------------------------------- pathological text through the pipeline


QUOTE_FLOODS = {
    "guillemets": "« " * 10_000 + "fin.",
    "straight": '"' * 10_000,
    "alternating": "« oui » " * 5_000,
    "closing-only": " »" * 10_000,
    "curly-unbalanced": "Il a dit “" + "“ mot " * 5_000,
    "mixed": "« \" “ ” » ' ’ " * 1_500,
}


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(QUOTE_FLOODS))
def test_ten_thousand_quotation_marks_stay_bounded(nlp: Any, name: str) -> None:
    from newsgraph.analyze import analyze
    from newsgraph.ingest import article_from_text

    # French first, so that the language is recognized and the flood is really analyzed
    text = f"{SENTENCE * 12}\n\nLe ministre a déclaré mardi : {QUOTE_FLOODS[name]}\n\nLa séance a ensuite été levée."
    article = article_from_text(text, article_id=name, source="test")
    started = time.process_time()
    [record] = analyze([article], nlp=nlp)
    used = time.process_time() - started
    assert record.language == "fr"
    # a component may be stopped by its own limit (with a warning), the article's analysis is not abandoned
    assert not [warning for warning in record.warnings if "time limit per article" in warning], f"{used:.1f} s"
    assert used < 4 * COMPONENT_SECONDS + 30, f"{used:.1f} s of CPU"
    for quote in record.quotes:
        assert record.text[quote.start : quote.end] == quote.text
    assert not [warning for warning in record.warnings if "failed" in warning]


@pytest.mark.model
def test_one_megabyte_word_is_truncated_and_analyzed(nlp: Any) -> None:
    from newsgraph.analyze import MAX_CHARS, analyze
    from newsgraph.ingest import article_from_text

    article = article_from_text(SENTENCE + "a" * 1_000_000 + ".", article_id="word", source="test")
    started = time.perf_counter()
    [record] = analyze([article], nlp=nlp)
    assert len(record.text) <= MAX_CHARS and any("truncated" in warning for warning in record.warnings)
    assert time.perf_counter() - started < 120


FOREIGN = {
    "ru": "Министр заявил во вторник, что реформа будет принята в июне, по словам его советников. " * 3,
    "zh": "部长周二表示，改革将在六月通过，他的顾问们这样说。" * 5,
    "ar": "قال الوزير يوم الثلاثاء إن الإصلاح سيتم التصويت عليه في يونيو، بحسب مستشاريه. " * 3,
    "de": "Der Minister sagte am Dienstag, die Reform werde im Juni verabschiedet, so seine Berater. " * 3,
}


@pytest.mark.model
@pytest.mark.parametrize("language", sorted(FOREIGN))
def test_non_french_article_gets_a_record_with_a_warning(nlp: Any, language: str) -> None:
    from newsgraph.analyze import analyze
    from newsgraph.ingest import article_from_text

    [record] = analyze([article_from_text(FOREIGN[language], article_id=language, source="test")], nlp=nlp)
    assert record.language == language
    assert (record.entities, record.quotes, record.events) == ((), (), ())
    assert any("not supported" in warning for warning in record.warnings)
