"""Input files read in full are recorded (`ingested_files`); an unchanged file is skipped whole on re-ingest."""
from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from kb_corpus import analysis_of

from newsgraph.ingest import FileEnd, read_articles
from newsgraph.records import Analysis, Article
from newsgraph.store import SCHEMA_VERSION, connect, ingest, schema_version, skip_stored_files

TEXTS = {
    "conseil.txt": "Le Premier ministre a réuni mardi son gouvernement pour préparer la réforme des retraites.",
    "visite.txt": "La ministre des Affaires étrangères s'est rendue jeudi à Berlin pour rencontrer son homologue.",
}
DEPECHES = [
    {"id": "dep-1", "text": "Le président a reçu lundi les syndicats à l'Élysée pour parler des salaires."},
    {"id": "dep-2", "text": "Les agriculteurs ont bloqué mercredi plusieurs routes autour de Lyon et de Lille."},
    {"id": "dep-3", "text": "Le Parlement européen a adopté vendredi un texte sur la protection des données."},
]


class Counting:
    """A fake analyzer that counts the articles it analyzes."""

    def __init__(self) -> None:
        self.ids: list[str] = []

    def __call__(self, items: Iterable[Article]) -> Iterator[Analysis]:
        for article in items:
            self.ids.append(article.id)
            yield analysis_of(article)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for name, text in TEXTS.items():
        (root / name).write_text(text, encoding="utf-8")
    lines = (json.dumps(item, ensure_ascii=False) for item in DEPECHES)
    (root / "depeches.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


def run(paths: list[Path], con: object, **options: object) -> tuple[object, Counting]:
    analyzer = Counting()
    items = read_articles(paths, skip_file=skip_stored_files(con, analyzer_version="test"))  # type: ignore[arg-type]
    report = ingest(items, con, analyzer=analyzer, analyzer_version="test", **options)  # type: ignore[arg-type]
    return report, analyzer


def recorded(con: object) -> dict[str, tuple[int, int]]:
    rows = con.execute("SELECT path, articles, failures FROM ingested_files").fetchall()  # type: ignore[attr-defined]
    return {Path(path).name: (articles, failures) for path, articles, failures in rows}


def test_files_read_in_full_are_recorded_then_skipped_unread(tmp_path: Path, folder: Path) -> None:
    with connect(tmp_path / "kb.duckdb") as con:
        report, analyzer = run([folder], con, batch_size=2)
        assert len(analyzer.ids) == 5
        assert recorded(con) == {"conseil.txt": (1, 0), "visite.txt": (1, 0), "depeches.jsonl": (3, 0)}
        items = list(read_articles([folder], skip_file=skip_stored_files(con, analyzer_version="test")))
        assert all(isinstance(item, FileEnd) and item.skipped for item in items)  # no article read
        report, analyzer = run([folder], con, batch_size=2)
    assert analyzer.ids == []
    assert (report.stored, report.unchanged, report.files_unchanged, report.files_unchanged_articles) == (0, 5, 3, 5)


def test_a_file_changed_by_one_byte_is_read_again(tmp_path: Path, folder: Path) -> None:
    with connect(tmp_path / "kb.duckdb") as con:
        run([folder], con)
        path = folder / "depeches.jsonl"
        data = path.read_bytes()
        path.write_bytes(data.replace(b"Lyon", b"Lyom"))  # same size, one byte
        report, analyzer = run([folder], con)
        assert analyzer.ids == ["dep-2"]  # the other articles of the file are unchanged: not analyzed
        assert (report.files_unchanged, report.unchanged, report.stored) == (2, 4, 1)
        sha = con.execute("SELECT sha256 FROM ingested_files WHERE path = ?", [str(path)]).fetchone()
    assert sha == (hashlib.sha256(path.read_bytes()).hexdigest(),)


def test_touching_a_file_without_changing_its_bytes_still_skips_it(tmp_path: Path, folder: Path) -> None:
    with connect(tmp_path / "kb.duckdb") as con:
        run([folder], con)
        for path in folder.iterdir():
            os.utime(path, ns=(1_000_000_000, 1_000_000_000))
        report, analyzer = run([folder], con)
    assert analyzer.ids == []
    assert report.files_unchanged == 3


def test_an_interrupted_ingest_records_only_the_files_wholly_stored(tmp_path: Path, folder: Path) -> None:
    # files are read in order: conseil.txt, depeches.jsonl (3 articles), visite.txt; one article per batch
    stops = iter([False, True])
    with connect(tmp_path / "kb.duckdb") as con:
        report, _ = run([folder], con, batch_size=1, should_stop=lambda: next(stops))
        assert report.interrupted
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (2,)  # conseil and dep-1
        assert recorded(con) == {"conseil.txt": (1, 0)}  # depeches.jsonl is stored in part: not recorded
        report, analyzer = run([folder], con, batch_size=1)
        assert analyzer.ids == ["dep-2", "dep-3", "visite"]
        assert set(recorded(con)) == {"conseil.txt", "depeches.jsonl", "visite.txt"}


def test_a_crash_mid_file_does_not_record_it(tmp_path: Path, folder: Path) -> None:
    def crashing(items: Iterable[Article]) -> Iterator[Analysis]:
        for count, article in enumerate(items):
            if count == 2:  # dep-2: the batch holding depeches.jsonl's end is never committed
                raise RuntimeError("analysis crashed")
            yield analysis_of(article)

    with connect(tmp_path / "kb.duckdb") as con:
        items = read_articles([folder], skip_file=skip_stored_files(con, analyzer_version="test"))
        with pytest.raises(RuntimeError, match="analysis crashed"):
            ingest(items, con, analyzer=crashing, analyzer_version="test", batch_size=1)
        assert recorded(con) == {"conseil.txt": (1, 0)}


def test_a_file_with_bad_records_is_skipped_and_still_counts_its_failures(tmp_path: Path, folder: Path) -> None:
    with (folder / "depeches.jsonl").open("a", encoding="utf-8") as stream:
        stream.write("{not json\n")
    with connect(tmp_path / "kb.duckdb") as con:
        first, _ = run([folder], con)
        assert recorded(con)["depeches.jsonl"] == (3, 1)
        again, analyzer = run([folder], con)
    assert analyzer.ids == []
    assert (first.failed, again.failed, again.unchanged) == (1, 1, 5)


def test_another_newsgraph_version_reads_the_files_again(tmp_path: Path, folder: Path) -> None:
    with connect(tmp_path / "kb.duckdb") as con:
        run([folder], con)
        items = list(read_articles([folder], skip_file=skip_stored_files(con, analyzer_version="other")))
    assert sum(isinstance(item, Article) for item in items) == 5


def test_a_file_given_under_another_id_is_read_again(tmp_path: Path, folder: Path) -> None:
    # inside a folder, a file's id is its path in the folder: given directly, its own name
    nested = folder / "sub"
    nested.mkdir()
    (nested / "note.txt").write_text(TEXTS["conseil.txt"], encoding="utf-8")
    with connect(tmp_path / "kb.duckdb") as con:
        run([folder], con)
        report, analyzer = run([nested / "note.txt"], con)
    assert analyzer.ids == ["note"]
    assert report.files_unchanged == 0


def test_a_version_2_database_is_migrated(tmp_path: Path, folder: Path) -> None:
    path = tmp_path / "kb.duckdb"
    with connect(path) as con:
        run([folder], con)
        con.execute("DROP TABLE ingested_files")  # as a version-2 database has it
        con.execute("DELETE FROM schema_version")
        con.execute("INSERT INTO schema_version VALUES (2, now()::TIMESTAMP)")
    with connect(path) as con:
        assert schema_version(con) == SCHEMA_VERSION == 3
        assert recorded(con) == {}
        report, analyzer = run([folder], con)  # every file read once more, no article analyzed again
        assert (analyzer.ids, report.unchanged) == ([], 5)
        assert len(recorded(con)) == 3
        report, analyzer = run([folder], con)
    assert report.files_unchanged == 3
