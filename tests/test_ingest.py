"""Every input format becomes Articles; every bad input becomes an InputError naming it."""
from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from newsgraph.ingest import InputError, read_articles, read_stream
from newsgraph.records import Article

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PARAGRAPH = "Le maire de Lille a annoncé lundi la fermeture du musée pour travaux, a indiqué la mairie."


def read(*paths) -> list:
    return list(read_articles([str(p) for p in paths]))


def test_text_file(tmp_path):
    path = tmp_path / "maire-lille.txt"
    path.write_text(PARAGRAPH + "\n", encoding="utf-8")
    [article] = read(path)
    assert article.id == "maire-lille"
    assert article.text == PARAGRAPH


def test_html_file_gives_text_and_metadata():
    [article] = read(EXAMPLES / "pages" / "greve-marseille.html")
    assert article.id == "greve-marseille"
    assert article.title == "À Marseille, les dockers reconduisent la grève"
    assert article.url == "https://exemple.newsgraph.invalid/social/greve-marseille"
    assert article.date == "2024-02-14"
    assert article.text.startswith("MARSEILLE – Les dockers")
    for furniture in ("Accueil", "Partager", "Lire aussi", "Mentions légales", "publié le"):
        assert furniture not in article.text


def test_jsonl_with_text_html_and_ids(tmp_path):
    path = tmp_path / "dump.jsonl"
    lines = [
        {"id": "x1", "text": PARAGRAPH, "url": "https://a.invalid/1", "title": "Lille", "date": "2024-01-02"},
        {"html": f"<html><body><article><p>{PARAGRAPH}</p></article></body></html>"},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    first, second = read(path)
    assert (first.id, first.url, first.title, first.date) == ("x1", "https://a.invalid/1", "Lille", "2024-01-02")
    assert second.id == "2"  # line number when no id
    assert PARAGRAPH in second.text


def test_warc_yields_html_responses_with_uri_ids():
    articles = read(EXAMPLES / "crawl.warc.gz")
    assert [a.id for a in articles] == [
        "https://exemple.newsgraph.invalid/monde/visite-pekin",
        "https://exemple.newsgraph.invalid/sport/marathon",
    ]
    assert all(isinstance(a, Article) for a in articles)


def test_folder_is_read_recursively_in_order():
    items = read(EXAMPLES)
    assert all(isinstance(item, Article) for item in items)
    ids = [item.id for item in items]
    # a file in a subfolder of the input folder: its path in the folder is its id
    assert "pages/greve-marseille" in ids and "sommet-berlin" in ids and "depeche-vote-onu" in ids
    assert len(ids) == len(set(ids))


def test_stdin_text_html_and_jsonl():
    [text] = read_stream(io.BytesIO(PARAGRAPH.encode()), name="stdin")
    assert text.text == PARAGRAPH and text.id == "stdin"
    [page] = read_stream(io.BytesIO(f"<html><body><p>{PARAGRAPH}</p></body></html>".encode()), name="stdin")
    assert PARAGRAPH in page.text
    [line] = read_stream(io.BytesIO(json.dumps({"id": "s", "text": PARAGRAPH}).encode()), name="stdin")
    assert line.id == "s"


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("binary.txt", b"\x00\x01\x02\xff" * 100, "binary"),
        ("latin1.txt", "Le ministre a déclaré".encode("latin-1"), "UTF-8"),
        ("empty.html", b"", "empty"),
        ("notext.html", b"<html><body><nav>Accueil</nav></body></html>", "no article text"),
        ("notes.docx", b"PK\x03\x04", "unsupported"),
    ],
)
def test_bad_single_files_are_reported(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    [error] = read(path)
    assert isinstance(error, InputError)
    assert str(path) in error.source
    assert reason in error.reason


def test_missing_path_is_reported(tmp_path):
    [error] = read(tmp_path / "absent.txt")
    assert "no such file" in error.reason


def test_malformed_jsonl_lines_are_skipped_with_line_numbers(tmp_path):
    path = tmp_path / "dump.jsonl"
    path.write_text(
        json.dumps({"id": "ok1", "text": PARAGRAPH}) + "\n"
        + '{"id": "broken", "text": \n'
        + "[1, 2]\n"
        + json.dumps({"id": "notext"}) + "\n"
        + json.dumps({"id": "ok2", "text": PARAGRAPH}) + "\n",
        encoding="utf-8",
    )
    items = read(path)
    assert [getattr(i, "id", None) for i in items] == ["ok1", None, None, None, "ok2"]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.source.rsplit(":", 1)[1] for e in errors] == ["2", "3", "4"]
    assert "malformed JSON" in errors[0].reason


def test_truncated_warc_keeps_earlier_records(tmp_path):
    data = gzip.decompress((EXAMPLES / "crawl.warc.gz").read_bytes())
    cut = data.index(b"WARC/1.0", data.index(b"marathon") - 2000)  # inside the second record
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(gzip.compress(data[: cut + 600])[:-20])
    items = read(path)
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], InputError)
    assert "truncated or corrupt" in items[-1].reason


def test_corrupt_warc_is_reported(tmp_path):
    path = tmp_path / "junk.warc.gz"
    path.write_bytes(b"\x1f\x8bnot really gzip at all")
    [error] = read(path)
    assert isinstance(error, InputError) and str(path) in error.source


def test_one_bad_file_does_not_stop_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(PARAGRAPH, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00")
    items = read(bad, good)
    assert isinstance(items[0], InputError) and isinstance(items[1], Article)


def full_metadata(page: bytes | str, url: str | None) -> tuple:
    """Text, url, title and date from trafilatura's own metadata pass, as ingest used it before."""
    import trafilatura

    from newsgraph.ingest import EXTRACTION_OPTIONS

    document = trafilatura.bare_extraction(page, **{**EXTRACTION_OPTIONS, "with_metadata": True})
    return document.text, url or document.url, document.title, document.date


def own_metadata(page: bytes | str, url: str | None) -> tuple:
    """The same four fields from `extract_page`."""
    from newsgraph.ingest import extract_page

    document, found = extract_page(page)
    return document.text, url or found["url"], found["title"], found["date"]


# Pages written for this test: metadata in og: tags, JSON-LD, <title> with a site name, an <h1> only,
# a date in the URL only, a title with entities and odd spaces.
BODY = "<article><p>" + PARAGRAPH + " " + PARAGRAPH + "</p><p>" + PARAGRAPH + "</p></article>"
PAGES = [
    ('<html><head><meta property="og:title" content="Lille ferme son musée">'
     '<meta property="article:published_time" content="2024-03-05T10:00:00+01:00"></head><body>' + BODY + "</body></html>"),
    ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "Le musée ferme",'
     ' "datePublished": "2023-11-20"}</script><title>Le musée ferme | La Voix</title></head><body>' + BODY + "</body></html>"),
    ("<html><head><title>Fermeture&nbsp;: le musée de Lille  \u00a0 - Le Nord</title></head><body><h1>Fermeture</h1>"
     + BODY + "</body></html>"),
    "<html><body><h1>Musée fermé</h1>" + BODY + "</body></html>",
    '<html><head><script type="application/ld+json">{"@type": broken</script></head><body>' + BODY + "</body></html>",
]


@pytest.mark.parametrize("page", PAGES)
def test_page_metadata_equals_trafilatura_metadata_pass(page):
    url = "https://exemple.newsgraph.invalid/2022/06/01/musee"
    assert own_metadata(page, url) == full_metadata(page, url)
    assert own_metadata(page, None) == full_metadata(page, None)


@pytest.mark.slow
def test_page_metadata_equals_trafilatura_on_a_crawl(shared):
    from warcio.archiveiterator import ArchiveIterator

    checked = 0
    with (shared / "data" / "orangesum" / "sample-2000.warc.gz").open("rb") as stream:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            url, page = record.rec_headers.get_header("WARC-Target-URI"), record.content_stream().read()
            assert own_metadata(page, url) == full_metadata(page, url), url
            checked += 1
            if checked == 400:
                break
    assert checked == 400
