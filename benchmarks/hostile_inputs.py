"""Re-run the red-team inputs of issue 17 through the real `newsgraph` command: time, peak memory, exit code.

Every input is generated in a temporary folder (nothing is downloaded) and given after a good
text file, in a fresh process with the real spaCy pipeline. A row passes when the command ends
by itself (exit code 0 or 1, no traceback), the good file's record was written, the hostile one
was reported (or read whole), and the process stayed under 2 GB and 60 s. The API rows time one
request to a `newsgraph serve` process and read that server's peak memory.

    python benchmarks/hostile_inputs.py            # prints a Markdown table; exit 1 if a row fails
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CRAWL = ROOT / "examples" / "crawl.warc.gz"
SENTENCE = "Le conseil municipal a voté mardi soir le budget de la ville, après trois heures de débat. "
PAGE = f"<html><body><article><p>{SENTENCE * 3}</p></article></body></html>".encode()
MAX_RSS_MIB = 2048
MAX_SECONDS = 60.0
TIME = "/usr/bin/time"  # GNU time, for each command's peak memory


@dataclass
class Outcome:
    """One command on one hostile input."""

    name: str
    code: int | None
    seconds: float
    rss_mib: float
    ok: bool
    note: str


def run(name: str, args: list[str], *, stdin: bytes | None = None, expect: Callable[[str, str], str] | None = None,
        timeout: float = 600) -> Outcome:
    """`newsgraph ARGS` in a new process; `expect(stdout, stderr)` returns what is wrong ('' if nothing)."""
    usage = Path(tempfile.mkstemp(prefix="newsgraph-rss-")[1])
    started = time.perf_counter()
    # GNU time writes the child's peak resident set size (KiB) to `usage`
    process = subprocess.Popen([TIME, "-o", str(usage), "-f", "%M", sys.executable, "-m", "newsgraph.cli", *args],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = process.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        out, err = process.communicate()
    seconds = time.perf_counter() - started
    rss = _kib_to_mib(usage.read_text())
    usage.unlink()
    stdout, stderr = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    problems = []
    if process.returncode not in (0, 1):
        problems.append(f"exit code {process.returncode}")
    if "Traceback" in stderr:
        problems.append("traceback: " + stderr.strip().splitlines()[-1][:120])
    if expect is not None and (wrong := expect(stdout, stderr)):
        problems.append(wrong)
    if seconds > MAX_SECONDS:
        problems.append(f"over {MAX_SECONDS:g} s")
    if rss > MAX_RSS_MIB:
        problems.append(f"over {MAX_RSS_MIB} MiB")
    note = "; ".join(problems) or _first_report(stderr)
    return Outcome(name, process.returncode, seconds, rss, not problems, note)


def _kib_to_mib(text: str) -> float:
    numbers = [line for line in text.split() if line.isdigit()]
    return int(numbers[-1]) / 1024 if numbers else float("nan")


def _first_report(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.startswith("newsgraph: skipped")]
    text = lines[0].removeprefix("newsgraph: skipped ") if lines else (stderr.strip().splitlines() or [""])[-1]
    return text.replace("|", "/")[:150]


def wrote(*ids: str, absent: tuple[str, ...] = ()) -> Callable[[str, str], str]:
    """Expect records with `ids` in the output (and none with `absent`)."""
    def check(stdout: str, stderr: str) -> str:
        found = {json.loads(line)["id"] for line in stdout.splitlines() if line.strip()}
        missing = [i for i in ids if i not in found]
        extra = [i for i in absent if i in found]
        return (f"missing {missing}" if missing else "") + (f"written {extra}" if extra else "")

    return check


def reported(text: str) -> Callable[[str, str], str]:
    """Expect `text` on stderr."""
    return lambda stdout, stderr: "" if text in stderr else f"no {text!r} on stderr"


def both(*checks: Callable[[str, str], str]) -> Callable[[str, str], str]:
    return lambda stdout, stderr: "; ".join(filter(None, (check(stdout, stderr) for check in checks)))


def warc_record(uri: str, html: bytes, *, length_error: int = 0) -> bytes:
    """A WARC response record written by hand, its Content-Length off by `length_error`."""
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Record-ID: <urn:uuid:{len(uri)}>\r\n"
            f"Content-Length: {len(block) + length_error}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def zeros_member(size: int) -> bytes:
    """One gzip member of `size` zero bytes (512 MiB: about 510 KB)."""
    compressor = gzip.zlib.compressobj(9, gzip.zlib.DEFLATED, 31)  # type: ignore[attr-defined]
    chunk = bytes(2**20)
    return b"".join([*(compressor.compress(chunk) for _ in range(size // len(chunk))), compressor.flush()])


def make_inputs(folder: Path) -> dict[str, Path]:
    """Every hostile file of the red-team round."""
    files: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        files[name] = folder / name
        files[name].parent.mkdir(parents=True, exist_ok=True)
        files[name].write_bytes(data)

    put("good.txt", SENTENCE.encode())
    put("cut.warc.gz", CRAWL.read_bytes()[:-400])
    ok = warc_record("https://a.invalid/ok", PAGE)
    put("short.warc", ok + warc_record("https://a.invalid/short", PAGE, length_error=-60))
    put("long.warc", warc_record("https://a.invalid/long", PAGE, length_error=120) + ok)
    bomb = zeros_member(512 * 2**20)
    put("bomb-512m.warc.gz", bomb)
    put("bomb-4g.warc.gz", bomb * 8)
    put("paragraphs.html", b"<html><body>" + b"<p>a</p>" * 610_000 + b"</body></html>")
    item = {"id": "ok", "text": SENTENCE, "title": "Budget"}
    lines = [json.dumps({**item, "id": "sur-text", "text": SENTENCE + "@@"}),
             json.dumps({**item, "id": "sur-title", "title": "Bud@@get"}),
             json.dumps({**item, "id": "sur-id@@"}), json.dumps({**item, "id": {"an": "object"}}), json.dumps(item)]
    put("surrogates.jsonl", "\n".join(lines).replace("@@", "\\ud800").encode() + b"\n")
    put("nul.txt", (SENTENCE * 100).encode() + b"\x00" * 10 + SENTENCE.encode())
    put("utf16.txt", SENTENCE.encode("utf-16"))
    put("same/a/x.txt", SENTENCE.encode())
    put("same/b/x.txt", (SENTENCE + "Autre.").encode())
    files["fifo.txt"] = folder / "fifo.txt"
    os.mkfifo(files["fifo.txt"])
    names = folder / "names"
    names.mkdir()
    (names / "good.txt").write_bytes(SENTENCE.encode())
    with open(os.path.join(os.fsencode(names), b"caf\xe9.txt"), "wb") as stream:
        stream.write(SENTENCE.encode())
    files["names"] = names
    foreign = folder / "foreign.duckdb"
    import duckdb

    with duckdb.connect(str(foreign)) as con:
        con.execute("CREATE TABLE articles (code INTEGER)")
    files["foreign.duckdb"] = foreign
    return files


def analyze_rows(files: dict[str, Path]) -> list[Outcome]:
    good = str(files["good.txt"])
    rows = [
        run("truncated .warc.gz (crawl minus 400 bytes)", ["analyze", good, str(files["cut.warc.gz"])],
            expect=both(wrote("good", "https://exemple.newsgraph.invalid/monde/visite-pekin",
                              absent=("https://exemple.newsgraph.invalid/sport/marathon",)), reported("cut short"))),
        run("Content-Length too short", ["analyze", good, str(files["short.warc"])],
            expect=both(wrote("good", "https://a.invalid/ok", absent=("https://a.invalid/short",)),
                        reported("Content-Length"))),
        run("Content-Length too long (.warc)", ["analyze", good, str(files["long.warc"])],
            expect=both(wrote("good", absent=("https://a.invalid/long",)), reported("Content-Length"))),
        run("gzip bomb, 510 KB -> 512 MiB", ["analyze", good, str(files["bomb-512m.warc.gz"])],
            expect=both(wrote("good"), reported("bomb-512m.warc.gz"))),
        run("gzip bomb, 4 MB -> 4 GiB", ["analyze", good, str(files["bomb-4g.warc.gz"])],
            expect=both(wrote("good"), reported("bomb-4g.warc.gz"))),
        run("610,000 tiny paragraphs (4.9 MB HTML)", ["analyze", good, str(files["paragraphs.html"])],
            expect=both(wrote("good"), reported("paragraphs.html"))),
        run("lone surrogates in text, title, id; object id", ["analyze", good, str(files["surrogates.jsonl"])],
            expect=both(wrote("good", "sur-text", "sur-title", "sur-id\ufffd", "ok"),
                        reported("'id' is an object"))),
        run("NUL after 8 KB", ["analyze", good, str(files["nul.txt"])], expect=wrote("good", "nul")),
        run("UTF-16 text with a BOM", ["analyze", good, str(files["utf16.txt"])], expect=wrote("good", "utf16")),
        run("a/x.txt and b/x.txt in one folder", ["analyze", str(files["same/a/x.txt"].parents[1])],
            expect=wrote("a/x", "b/x")),
        run("FIFO given as a path", ["analyze", good, str(files["fifo.txt"])],
            expect=both(wrote("good"), reported("not a regular file")), timeout=120),
        run("50 MB of text on stdin", ["analyze", good, "-"], stdin=SENTENCE.encode() * (50_000_000 // 92),
            expect=both(wrote("good"), reported("byte limit"))),
    ]
    return rows


def store_rows(files: dict[str, Path], folder: Path) -> list[Outcome]:
    good = str(files["good.txt"])
    return [
        run("non-UTF-8 file name (ingest)", ["ingest", str(files["names"]), "--db", str(folder / "names.duckdb")],
            expect=reported("2 article(s) stored")),
        run("--db in a missing folder", ["ingest", good, "--db", str(folder / "absent" / "kb.duckdb")],
            expect=reported("does not exist")),
        run("--db in a read-only folder (/sys)", ["ingest", good, "--db", "/sys/newsgraph.duckdb"],
            expect=reported("cannot create the lock file")),
        run("--db: DuckDB file with its own articles table", ["ingest", good, "--db", str(files["foreign.duckdb"])],
            expect=reported("made by another program")),
    ]


def api_rows(folder: Path) -> list[Outcome]:
    import httpx

    db = folder / "kb.duckdb"
    subprocess.run([sys.executable, "-m", "newsgraph.cli", "ingest", str(ROOT / "examples"), "--db", str(db)],
                   capture_output=True, check=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "newsgraph.cli", "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    rows = []
    try:
        for _ in range(600):
            try:
                httpx.get(url + "/api/summary", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        for words, parameter, path in ((3_000, "speaker", "/api/quotes"), (15_000, "source", "/api/events"),
                                       (15_000, "target", "/api/events")):
            needle = " ".join(_word(number) for number in range(words))  # distinct: the query dedupes words
            started = time.perf_counter()
            response = httpx.get(url + path, params={parameter: needle}, timeout=600)
            seconds = time.perf_counter() - started
            rss = _server_peak_mib(server.pid)
            ok = response.status_code in (400, 422) and seconds < MAX_SECONDS and rss < MAX_RSS_MIB
            rows.append(Outcome(f"GET {path} with {words:,} words in {parameter}=", response.status_code, seconds,
                                rss, ok, response.text[:120].replace("|", "/")))
        head = httpx.head(url + "/")
        csp = "content-security-policy" in head.headers and head.headers.get("x-frame-options") == "DENY"
        rows.append(Outcome("HEAD / (security headers)", head.status_code, 0.0, _server_peak_mib(server.pid),
                            head.status_code == 200 and csp, ", ".join(sorted(head.headers))[:150]))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return rows


def _word(number: int) -> str:
    # three letters, distinct for each number below 26**3, so that 15,000 words fit in httpx's 64 KB query
    return "".join("abcdefghijklmnopqrstuvwxyz"[number // 26**power % 26] for power in (2, 1, 0))


def _server_peak_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["analyze", "store", "api"], default=None, help="run one group of rows")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsgraph-hostile-") as name:
        folder = Path(name)
        files = make_inputs(folder)
        print("| input | exit / status | seconds | peak RSS (MiB) | pass | first message (or what is wrong) |")
        print("| --- | ---: | ---: | ---: | :---: | --- |", flush=True)
        rows: list[Outcome] = []
        groups = {"analyze": lambda: analyze_rows(files), "store": lambda: store_rows(files, folder),
                  "api": lambda: api_rows(folder)}
        for group, rows_of in groups.items():
            if options.only in (None, group):
                for row in rows_of():
                    rows.append(row)
                    rss = "n/a" if row.rss_mib != row.rss_mib else f"{row.rss_mib:.0f}"
                    print(f"| {row.name} | {row.code} | {row.seconds:.1f} | {rss} | {'yes' if row.ok else '**no**'} "
                          f"| {row.note} |", flush=True)
    sys.exit(0 if all(row.ok for row in rows) else 1)


if __name__ == "__main__":
    main()
