"""Where a Spark run's CPU goes: CPU seconds of the JVM and of the Python processes, phase by phase.

Runs `newsgraph.spark.spark_analyze` on the first `--limit` HTML records of a WARC file in one
local session and prints, for each phase (session start-up, executor start-up, the job, the same
job again), the wall time and the CPU seconds of the JVM and of the Python processes (driver,
daemons, workers; workers that ended are counted through the process that waited for them), and
within a job the steps of `STEPS`: the rest of a job is the Spark job (read, de-duplicate,
analyze and write the article tables, merge and write the entities).
`--conf KEY=VALUE` passes Spark settings, e.g. the JVM's default JIT compilers instead of
newsgraph's quick one:

    python benchmarks/spark_cpu.py ../shared/data/orangesum/sample-2000.warc.gz --limit 120 \\
        --conf spark.driver.extraJavaOptions=-XX:TieredStopAtLevel=4

`--timeline` also records Spark's event log and prints, for each job of `newsgraph.spark_analyze`,
where its wall time went: every Spark job and stage (start and end from the call, tasks, busy
core-seconds) and every task (start, end, records read), then how much of the call each core was
busy with a task (the rest: the driver between Spark jobs, and cores idle while a stage waits for
its last task):

    python benchmarks/spark_cpu.py ../shared/data/orangesum/sample-2000.warc.gz --limit 120 \\
        --master 'local[2]' --timeline
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale_bench  # noqa: E402  (the subset writer and the /proc readers)

# functions of `newsgraph.spark` timed within a job: the planning of the splits, the driver's commit
STEPS = {"plan_local": "plan", "_commit": "commit (driver)"}


def cpu_by_kind() -> dict[int, tuple[float, str]]:
    """CPU seconds (children that ended included) and kind ('JVM' or 'Python') of this process tree."""
    tree = scale_bench._descendants(os.getpid(), scale_bench._parents())
    return {pid: (scale_bench._cpu_seconds(pid, children=True),
                  "JVM" if "java" in scale_bench._cmdline(pid).split(" ", 1)[0] else "Python") for pid in tree}


def phase(name: str, action: Any) -> Any:
    """Run `action`, print its wall time and CPU seconds by kind of process."""
    before, start = cpu_by_kind(), time.perf_counter()
    result = action()
    seconds, after = time.perf_counter() - start, cpu_by_kind()
    spent: dict[str, float] = {}
    for pid, (cpu, kind) in after.items():
        spent[kind] = spent.get(kind, 0.0) + cpu - before.get(pid, (0.0, kind))[0]
    print(f"{name:18s} wall {seconds:6.1f} s | CPU s: " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(spent.items())),
          flush=True)
    return result


def time_steps() -> None:
    """Print the CPU of every call of the functions of `STEPS` as a phase of its own."""
    from newsgraph import spark

    for name, label in STEPS.items():
        if hasattr(spark, name):  # older code has other steps
            setattr(spark, name, _timed(getattr(spark, name), label))


def _timed(function: Any, label: str) -> Any:
    def timed(*arguments: Any, **options: Any) -> Any:
        return phase(f"  {label}", lambda: function(*arguments, **options))

    return timed


def read_event_log(folder: Path) -> list[dict[str, Any]]:
    """The events of the application's event log (one JSON object a line) in `folder`."""
    events = []
    for path in sorted(path for path in folder.rglob("*") if path.is_file()):
        events += [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return events


def timeline(events: list[dict[str, Any]], calls: list[tuple[str, float, float]], cores: int) -> str:
    """Where each call's wall time went (`calls`: name, start and end in epoch seconds), from Spark's events."""
    jobs: dict[int, dict[str, Any]] = {}
    stages: dict[int, dict[str, Any]] = {}
    tasks: list[dict[str, Any]] = []
    queries: list[float] = []  # when each SQL query (a `collect`) was submitted: the JVM plans it, then runs its jobs
    for event in events:
        kind = event["Event"]
        if kind.endswith("SparkListenerSQLExecutionStart"):
            queries.append(event["time"] / 1000)
        elif kind == "SparkListenerJobStart":
            jobs[event["Job ID"]] = {"start": event["Submission Time"] / 1000, "stages": event["Stage IDs"]}
        elif kind == "SparkListenerJobEnd":
            jobs[event["Job ID"]]["end"] = event["Completion Time"] / 1000
        elif kind == "SparkListenerStageCompleted":
            info = event["Stage Info"]
            stages[info["Stage ID"]] = {"name": info["Stage Name"], "tasks": info["Number of Tasks"],
                                        "start": info.get("Submission Time", 0) / 1000,
                                        "end": info.get("Completion Time", 0) / 1000}
        elif kind == "SparkListenerTaskEnd":
            info, metrics = event["Task Info"], event.get("Task Metrics") or {}
            read = metrics.get("Shuffle Read Metrics", {}).get("Total Records Read", 0)
            tasks.append({"stage": event["Stage ID"], "index": info["Index"], "start": info["Launch Time"] / 1000,
                          "end": info["Finish Time"] / 1000, "records": read,
                          "cpu": metrics.get("Executor CPU Time", 0) / 1e9})
    lines = []
    for name, begin, finish in calls:
        wall = finish - begin
        lines.append(f"{name}: wall {wall:.2f} s (times from the call's start)")
        busy = 0.0
        for query in (query for query in queries if begin <= query <= finish):
            lines.append(f"  query submitted at {query - begin:6.2f}")
        for job_id, job in sorted(jobs.items()):
            if not begin <= job["start"] <= finish:
                continue
            lines.append(f"  job {job_id}: {job['start'] - begin:6.2f} -> {job.get('end', finish) - begin:6.2f}")
            for stage_id in sorted(job["stages"]):
                stage = stages.get(stage_id)
                if stage is None:
                    continue  # skipped (its shuffle output reused)
                own = [task for task in tasks if task["stage"] == stage_id]
                stage_busy = sum(task["end"] - task["start"] for task in own)
                busy += stage_busy
                idle = cores * (stage["end"] - stage["start"]) - stage_busy
                lines.append(f"    stage {stage_id} {stage['name'][:40]:40s} {stage['start'] - begin:6.2f} -> "
                             f"{stage['end'] - begin:6.2f}  {len(own)} tasks, busy {stage_busy:5.2f} core-s, "
                             f"idle {idle:5.2f} core-s")
                if stage_busy > 0.5 * len(own) or len(own) <= cores:
                    for task in sorted(own, key=lambda task: task["start"]):
                        lines.append(f"        task {task['index']:3d}: {task['start'] - begin:6.2f} -> "
                                     f"{task['end'] - begin:6.2f} ({task['end'] - task['start']:5.2f} s, "
                                     f"{task['records']} records in, executor CPU {task['cpu']:.2f} s)")
        lines.append(f"  cores busy with tasks: {busy:.2f} of {cores} x {wall:.2f} = {cores * wall:.2f} core-s "
                     f"({100 * busy / (cores * wall):.0f}%)")
        running = _running([task for task in tasks if begin <= task["start"] <= finish], begin, finish)
        lines.append("  wall time with " + ", ".join(f"{count} tasks running {seconds:.2f} s"
                                                     for count, seconds in sorted(running.items())))
    return "\n".join(lines)


def _running(tasks: list[dict[str, Any]], begin: float, finish: float) -> dict[int, float]:
    # seconds of [begin, finish] during which 0, 1, 2... tasks were running
    changes = sorted([(begin, 0), (finish, 0)] + [(task["start"], 1) for task in tasks]
                     + [(task["end"], -1) for task in tasks])
    seconds: dict[int, float] = {}
    count, last = 0, begin
    for moment, change in changes:
        seconds[count] = seconds.get(count, 0.0) + max(moment - last, 0.0)
        count, last = count + change, moment
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("warc", type=Path)
    parser.add_argument("--limit", type=int, default=120)
    parser.add_argument("--master", default="local[1]")
    parser.add_argument("--conf", action="append", default=[], help="KEY=VALUE, a Spark setting")
    parser.add_argument("--timeline", action="store_true", help="print each job's Spark jobs, stages and tasks")
    parser.add_argument("--jobs", type=int, default=2, help="jobs run in the session (default 2)")
    parser.add_argument("--partitions", type=int, default=None, help="spark_analyze's partitions (default its own)")
    arguments = parser.parse_args()
    from pyspark import cloudpickle

    from newsgraph.spark import spark_analyze, spark_session

    cloudpickle.register_pickle_by_value(scale_bench)  # the workers cannot import the benchmarks folder
    quiet = [("spark.ui.enabled", "false"), ("spark.ui.showConsoleProgress", "false")]
    conf = [*quiet, *(tuple(item.split("=", 1)) for item in arguments.conf)]
    with tempfile.TemporaryDirectory(prefix="spark-cpu-") as folder:
        if arguments.timeline:
            Path(folder, "events").mkdir()
            conf += [("spark.eventLog.enabled", "true"), ("spark.eventLog.dir", f"file:{folder}/events"),
                     ("spark.eventLog.compress", "false"), ("spark.eventLog.rolling.enabled", "false")]
        subset = Path(folder) / "subset.warc.gz"
        count = scale_bench.write_subset(arguments.warc, subset, limit=arguments.limit)
        print(f"{count} HTML records, {arguments.master}, conf {conf[2:] or 'newsgraph defaults'}")
        session = phase("session start-up", lambda: spark_session(master=arguments.master, conf=conf))
        session.sparkContext.setLogLevel("ERROR")
        phase("executor start-up", lambda: scale_bench.start_executors(session))
        time_steps()
        calls = []
        for number in range(arguments.jobs):
            output, run = f"{folder}/out-{number}", "job" if number == 0 else "same job again"
            start = time.time()
            report = phase(run, lambda output=output: spark_analyze([str(subset)], output, spark=session,
                                                                     partitions=arguments.partitions))
            calls.append((f"{run} {number + 1}", start, time.time()))
        print(f"{report.articles} articles per job")
        cores = session.sparkContext.defaultParallelism
        session.stop()
        if arguments.timeline:
            print(timeline(read_event_log(Path(folder, "events")), calls, cores))


if __name__ == "__main__":
    main()
