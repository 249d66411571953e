"""Benchmark of the ways to scale newsgraph: articles/second, ratios to the bare spaCy parse, peak memory.

Writes the first `--limit` HTML records of a WARC file to a temporary WARC (the subset every
configuration reads), then, in one run and on the same subset:
  read   reading + HTML extraction alone (`newsgraph.ingest.read_articles`), in this process;
  (a)    the bare parse: `nlp.pipe` of fr_core_news_md on the extracted texts, in this process;
  (a1), (a2) the same bare parse in 1 and in 2 processes forked from this one after (a) ran (same warm
         caches for both), the texts dealt among them: (a2)/(a1) is what a second core gives the parse
         alone on this machine in this run, the ceiling for `--workers 2` and Spark `local[2]`;
  full   the full newsgraph pipeline (our components added) on the same texts, in this process;
  (b)    `newsgraph analyze SUBSET --workers 1` and `--workers 2`, as the user runs them;
  (c)    `newsgraph.spark.spark_analyze` with `local[1]` and `local[2]`, in a child process, in three
         timed phases: session start-up (the JVM), executor start-up (a trivial job that starts the
         executor's Python daemon, which loads the pipeline once, `newsgraph.spark_daemon`), and the job.
Rates are articles per second of wall time; each time ratio is (a)'s rate / that rate (1.0 = as
fast as the bare parse; 2.0 = twice as slow). CPU s/article adds up user + system time of every
process involved (for child processes, sampled from /proc with the memory), model loads included:
on a machine shared with other jobs it is steadier than wall time. For Spark, the row's seconds
and CPU are those of the job alone; a second row adds the executor start-up (the model load, as
`newsgraph analyze` pays it), a third runs the same job again in the same session (a warmed-up JVM:
the steady state of a long run), and the note gives the session start-up. The last lines compare
Spark with `newsgraph analyze` on the figures of the issue 18 goals. Peak memory is the largest
VmHWM (peak resident set) seen for each kind of process, sampled from /proc every 0.2 s.

Usage: python benchmarks/scale_bench.py ../shared/data/orangesum/sample-2000.warc.gz --limit 300
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve()


@dataclass
class Result:
    """One configuration's figures."""

    name: str
    seconds: float
    articles: int
    peaks_mb: dict[str, float] = field(default_factory=dict)
    note: str = ""
    cpu_seconds: float = 0.0  # CPU time of every process involved, user + system

    @property
    def cpu_per_article(self) -> float:
        """CPU seconds per article: the basis of the cost model (wall time is noisy on a shared machine)."""
        return self.cpu_seconds / self.articles if self.articles else 0.0

    @property
    def rate(self) -> float:
        """Articles per second."""
        return self.articles / self.seconds if self.seconds else 0.0


# ---------------------------------------------------------------- the subset


def write_subset(warc: Path, target: Path, *, limit: int) -> int:
    """Copy the first `limit` HTML response records of `warc` to `target`; return how many."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.warcwriter import WARCWriter

    written = 0
    with warc.open("rb") as source, target.open("wb") as sink:
        writer = WARCWriter(sink, gzip=True)
        for record in ArchiveIterator(source):
            if record.rec_type != "response":
                continue
            content_type = record.http_headers.get_header("Content-Type") if record.http_headers else None
            if content_type and "html" not in content_type.lower():
                continue
            writer.write_record(record)
            written += 1
            if written >= limit:
                break
    return written


# ---------------------------------------------------------------- memory sampling


class PeakMemory:
    """Samples the peak RSS (VmHWM) of a process tree until stopped, by kind of process."""

    def __init__(self, root: int, classify: Callable[[int, int, str], str]) -> None:
        self.root = root
        self.classify = classify
        self.peaks: dict[int, tuple[str, float]] = {}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def by_kind(self) -> dict[str, float]:
        """Largest peak (MB) per kind of process."""
        kinds: dict[str, float] = {}
        for kind, megabytes in self.peaks.values():
            kinds[kind] = max(kinds.get(kind, 0.0), megabytes)
        return kinds

    def cpu_seconds(self) -> float:
        """CPU seconds of the tree, as last sampled (a process's last 0.2 s may be missed)."""
        return sum(self.cpu.values())

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(0.2)

    def _sample(self) -> None:
        parents = _parents()
        for pid in _descendants(self.root, parents):
            peak = _vm_hwm_mb(pid)
            self.cpu[pid] = max(self.cpu.get(pid, 0.0), _cpu_seconds(pid))
            if peak is not None:
                kind = self.classify(pid, self.root, _cmdline(parents.get(pid, 0)) + " > " + _cmdline(pid))
                self.peaks[pid] = (kind, max(peak, self.peaks.get(pid, ("", 0.0))[1]))


def _parents() -> dict[int, int]:
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    return parents


def _descendants(root: int, parents: dict[int, int]) -> list[int]:
    found = [root]
    for pid in sorted(parents):
        ancestor = parents.get(pid)
        while ancestor and ancestor != root and ancestor in parents:
            ancestor = parents.get(ancestor)
        if ancestor == root and pid != root:
            found.append(pid)
    return found


def _cpu_seconds(pid: int, *, children: bool = False) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime + stime
    if children:
        ticks += int(fields[13]) + int(fields[14])  # cutime + cstime: children ended and waited for
    return ticks / os.sysconf("SC_CLK_TCK")


def _vm_hwm_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def analyze_kind(pid: int, root: int, lineage: str) -> str:
    """Kinds of process of `newsgraph analyze`: the main process and its pool workers."""
    return "main" if pid == root else "pool worker"


def spark_kind(pid: int, root: int, lineage: str) -> str:
    """Kinds of process of a Spark run: driver, JVM, pyspark daemon and its Python workers."""
    parent, _, own = lineage.partition(" > ")
    if pid == root:
        return "driver (python)"
    if "java" in own.split(" ", 1)[0]:
        return "JVM"
    daemons = ("pyspark.daemon", "newsgraph.spark_daemon")
    if any(daemon in parent for daemon in daemons):
        return "python worker"
    return "python daemon (pipeline)" if any(daemon in own for daemon in daemons) else "other"


# ---------------------------------------------------------------- in-process measurements


def measure_in_process(subset: Path) -> tuple[list[Result], dict[str, float]]:
    """Reading alone, the bare parse (a) and the full pipeline, timed in this process."""
    from newsgraph.analyze import analyze_batch, batched, prepare
    from newsgraph.ingest import read_articles
    from newsgraph.nlp import load_pipeline

    start, cpu = time.perf_counter(), time.process_time()
    articles = [item for item in read_articles([subset]) if not hasattr(item, "reason")]
    read = Result("read + extract (trafilatura), 1 process", time.perf_counter() - start, len(articles),
                  cpu_seconds=time.process_time() - cpu)
    loads: dict[str, float] = {}
    start = time.perf_counter()
    bare = load_pipeline(components=False)
    loads["bare model load"] = time.perf_counter() - start
    texts = [prepare(article)[0].text for article in articles]
    start, cpu = time.perf_counter(), time.process_time()
    for _ in bare.pipe(texts, batch_size=8):
        pass
    parse = Result("(a) bare nlp.pipe fr_core_news_md, 1 process", time.perf_counter() - start, len(texts),
                   cpu_seconds=time.process_time() - cpu)
    parse_one, parse_two = measure_forked(bare, texts, 1), measure_forked(bare, texts, 2)
    start = time.perf_counter()
    full_nlp = load_pipeline()
    loads["full pipeline load"] = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    for batch in batched(articles, 8):
        analyze_batch(batch, nlp=full_nlp)
    full = Result("full pipeline (analyze_batch), 1 process", time.perf_counter() - start, len(articles),
                  cpu_seconds=time.process_time() - cpu)
    return [read, parse, parse_one, parse_two, full], loads


def measure_forked(nlp: Any, texts: list[str], processes: int) -> Result:
    """The bare parse in `processes` processes forked from this one (the model loaded, its caches as warm as the
    parent's), the texts dealt among them: run with 1 and with 2 processes, the pair gives what a second core adds
    to the parse itself (against the cold first run of (a), a forked run would look faster than it is)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    start, children = time.perf_counter(), _children_cpu_seconds()
    workers = [context.Process(target=_parse, args=(nlp, texts[part::processes])) for part in range(processes)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return Result(f"(a{processes}) bare nlp.pipe fr_core_news_md, {processes} forked process"
                  + ("es" if processes > 1 else ""), time.perf_counter() - start, len(texts),
                  note="forked from (a) after it ran (no model load, warm caches), the texts dealt among them",
                  cpu_seconds=_children_cpu_seconds() - children)


def _parse(nlp: Any, texts: list[str]) -> None:
    for _ in nlp.pipe(texts, batch_size=8):
        pass


def _children_cpu_seconds() -> float:
    # user + system time of this process's children that ended and were waited for (joined)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# ---------------------------------------------------------------- child processes


def measure_analyze(subset: Path, *, workers: int, articles: int) -> Result:
    """`newsgraph analyze SUBSET --workers N` as a user runs it (start-up and model load included)."""
    command = [str(Path(sys.executable).with_name("newsgraph")), "analyze", str(subset), "--workers", str(workers),
               "-o", os.devnull]
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    with PeakMemory(process.pid, analyze_kind) as memory:
        _, errors = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed: {errors[-2000:]}")
    return Result(f"(b) newsgraph analyze --workers {workers}", seconds, articles, memory.by_kind(),
                  note="wall time, model load included", cpu_seconds=memory.cpu_seconds())


def measure_spark(subset: Path, *, master: str, output: Path) -> list[Result]:
    """Spark in a child process: the job, then the job with the executor start-up (session start-up apart)."""
    command = [sys.executable, str(BENCH), "--spark-child", master, str(subset), str(output)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakMemory(process.pid, spark_kind) as memory:
        out, errors = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"Spark {master} failed: {errors[-3000:]}")
    figures = json.loads(out.strip().splitlines()[-1])
    note = (f"session start-up {figures['startup']:.1f} s, {figures['startup_cpu']:.1f} CPU s apart; "
            f"{figures['partitions']} partitions; Parquet output {figures['output_bytes'] / 2**20:.2f} MiB")
    job = Result(f"(c) spark_analyze {master}, job", figures["job"], figures["articles"], memory.by_kind(),
                 note=note, cpu_seconds=figures["job_cpu"])
    warm = Result(f"(c) spark_analyze {master}, executor start-up + job", figures["job"] + figures["executor"],
                  figures["articles"], note=f"executor start-up {figures['executor']:.1f} s, "
                  f"{figures['executor_cpu']:.1f} CPU s (daemon, model load)",
                  cpu_seconds=figures["job_cpu"] + figures["executor_cpu"])
    again = Result(f"(c) spark_analyze {master}, second job", figures["again"], figures["articles"],
                   note="the same job again in the same session: a warmed-up JVM, as in a long run",
                   cpu_seconds=figures["again_cpu"])
    return [job, warm, again]


def tree_cpu_seconds() -> float:
    """CPU seconds of this process and its descendants (the JVM, the Python daemon and workers).

    A living process's count includes its children that have ended (reaped): a Python worker
    that exits during the job is counted through the daemon.
    """
    return sum(_cpu_seconds(pid, children=True) for pid in _descendants(os.getpid(), _parents()))


def passthrough(batches: Any) -> Any:
    """A `mapInArrow` body that changes nothing."""
    yield from batches


def start_executors(session: Any) -> None:
    """A trivial Arrow job on every core: Spark starts the Python daemon of the job's stages (it loads the pipeline)."""
    cores = session.sparkContext.defaultParallelism
    session.range(0, cores, 1, cores).mapInArrow(passthrough, "id long").collect()


def spark_child(master: str, subset: str, output: str) -> None:
    """In the child: start a session, the executors, run the job; print timings and CPU as one JSON line."""
    import logging

    logging.basicConfig(level=logging.WARNING)
    from newsgraph.spark import spark_analyze, spark_session

    figures: dict[str, Any] = {}
    start, cpu = time.perf_counter(), tree_cpu_seconds()
    session = spark_session(master=master, conf=[("spark.ui.enabled", "false")], app_name="scale-bench")
    session.sparkContext.setLogLevel("ERROR")
    figures["startup"], figures["startup_cpu"] = time.perf_counter() - start, tree_cpu_seconds() - cpu
    start, cpu = time.perf_counter(), tree_cpu_seconds()
    start_executors(session)
    figures["executor"], figures["executor_cpu"] = time.perf_counter() - start, tree_cpu_seconds() - cpu
    figures["partitions"] = 2 * session.sparkContext.defaultParallelism
    start, cpu = time.perf_counter(), tree_cpu_seconds()
    report = spark_analyze([subset], output, spark=session, partitions=figures["partitions"], overwrite=True)
    figures["job"], figures["job_cpu"] = time.perf_counter() - start, tree_cpu_seconds() - cpu
    figures["articles"] = report.articles
    figures["output_bytes"] = sum(path.stat().st_size for path in Path(output).rglob("*.parquet"))
    start, cpu = time.perf_counter(), tree_cpu_seconds()
    spark_analyze([subset], output + "-again", spark=session, partitions=figures["partitions"], overwrite=True)
    figures["again"], figures["again_cpu"] = time.perf_counter() - start, tree_cpu_seconds() - cpu
    session.stop()
    print(json.dumps(figures))


# ---------------------------------------------------------------- report


def markdown(results: list[Result], baseline: Result) -> str:
    """The results as a markdown table, ratios against the bare parse."""
    lines = [
        "| configuration | articles | seconds | articles/s | time ratio vs (a) | CPU s/article | CPU ratio vs (a) "
        "| peak RSS (MB) by process | note |",
        "|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for result in results:
        ratio = baseline.rate / result.rate if result.rate else float("nan")
        peaks = ", ".join(f"{kind} {mb:.0f}" for kind, mb in sorted(result.peaks_mb.items())) or "-"
        cpu_ratio = result.cpu_per_article / baseline.cpu_per_article if baseline.cpu_per_article else float("nan")
        lines.append(f"| {result.name} | {result.articles} | {result.seconds:.1f} | {result.rate:.2f} | "
                     f"{ratio:.2f} | {result.cpu_per_article:.3f} | {cpu_ratio:.2f} | {peaks} | {result.note} |")
    return "\n".join(lines)


def goals(results: list[Result]) -> str:
    """The issue 18 figures: Spark local[1] CPU per article against `analyze --workers 1`, local[2] rate against local[1]."""
    named = {result.name: result for result in results}
    local = named["(b) newsgraph analyze --workers 1"]
    parse, parse_two = named["(a1) bare nlp.pipe fr_core_news_md, 1 forked process"], named[
        "(a2) bare nlp.pipe fr_core_news_md, 2 forked processes"]
    workers_two = named["(b) newsgraph analyze --workers 2"]
    lines = [f"- the machine's ceiling: bare parse 2 forked processes / 1 forked process articles/s = {parse_two.rate:.2f} / "
             f"{parse.rate:.2f} = {parse_two.rate / parse.rate:.2f}; analyze --workers 2 / --workers 1 = "
             f"{workers_two.rate:.2f} / {local.rate:.2f} = {workers_two.rate / local.rate:.2f}"]
    for phase in ("job", "executor start-up + job", "second job"):
        one, two = named[f"(c) spark_analyze local[1], {phase}"], named[f"(c) spark_analyze local[2], {phase}"]
        lines.append(f"- {phase}: Spark local[1] CPU/article / analyze --workers 1 = "
                     f"{one.cpu_per_article:.3f} / {local.cpu_per_article:.3f} = "
                     f"{one.cpu_per_article / local.cpu_per_article:.2f} (goal <= 1.3); "
                     f"local[2] / local[1] articles/s = {two.rate:.2f} / {one.rate:.2f} = {two.rate / one.rate:.2f} "
                     "(goal >= 1.6)")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("warc", type=Path)
    parser.add_argument("--limit", type=int, default=300, help="HTML records written to the subset (default 300)")
    parser.add_argument("--no-spark", action="store_true", help="skip the Spark configurations")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scale-bench-") as folder:
        subset = Path(folder) / "subset.warc.gz"
        count = write_subset(arguments.warc, subset, limit=arguments.limit)
        results, loads = measure_in_process(subset)
        articles = results[0].articles
        for workers in (1, 2):
            results.append(measure_analyze(subset, workers=workers, articles=articles))
        if not arguments.no_spark:
            for master in ("local[1]", "local[2]"):
                results.extend(measure_spark(subset, master=master, output=Path(folder) / f"spark-{master[6]}"))
    print(f"subset: first {count} HTML records of {arguments.warc}, {articles} articles; "
          f"{os.cpu_count()} CPUs; model loads: " + ", ".join(f"{k} {v:.1f} s" for k, v in loads.items()))
    print()
    print(markdown(results, baseline=results[1]))
    if not arguments.no_spark:
        print()
        print(goals(results))


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--spark-child":
        spark_child(*sys.argv[2:])
    else:
        main()
