"""Where a Spark run's CPU goes: CPU seconds of the JVM and of the Python processes, phase by phase.

Runs `newsgraph.spark.spark_analyze` on the first `--limit` HTML records of a WARC file in one
local session and prints, for each phase (session start-up, executor start-up, the job, the same
job again), the wall time and the CPU seconds of the JVM and of the Python processes (driver,
daemons, workers; workers that ended are counted through the process that waited for them), and
within a job the steps of `STEPS`: the rest of a job is the analysis job (plan, read,
de-duplicate, analyze and write the article tables).
`--conf KEY=VALUE` passes Spark settings, e.g. the JVM's default JIT compilers instead of
newsgraph's quick one:

    python benchmarks/spark_cpu.py ../shared/data/orangesum/sample-2000.warc.gz --limit 120 \\
        --conf spark.driver.extraJavaOptions=-XX:TieredStopAtLevel=4
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import scale_bench  # noqa: E402  (the subset writer and the /proc readers)

# functions of `newsgraph.spark` timed within a job: the entity merge's job, the driver's commit
STEPS = {"_merge_entities": "entities job", "_commit": "commit (driver)"}


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
        setattr(spark, name, _timed(getattr(spark, name), label))


def _timed(function: Any, label: str) -> Any:
    def timed(*arguments: Any, **options: Any) -> Any:
        return phase(f"  {label}", lambda: function(*arguments, **options))

    return timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("warc", type=Path)
    parser.add_argument("--limit", type=int, default=120)
    parser.add_argument("--master", default="local[1]")
    parser.add_argument("--conf", action="append", default=[], help="KEY=VALUE, a Spark setting")
    arguments = parser.parse_args()
    from pyspark import cloudpickle

    from newsgraph.spark import spark_analyze, spark_session

    cloudpickle.register_pickle_by_value(scale_bench)  # the workers cannot import the benchmarks folder
    quiet = [("spark.ui.enabled", "false"), ("spark.ui.showConsoleProgress", "false")]
    conf = [*quiet, *(tuple(item.split("=", 1)) for item in arguments.conf)]
    with tempfile.TemporaryDirectory(prefix="spark-cpu-") as folder:
        subset = Path(folder) / "subset.warc.gz"
        count = scale_bench.write_subset(arguments.warc, subset, limit=arguments.limit)
        print(f"{count} HTML records, {arguments.master}, conf {conf[2:] or 'newsgraph defaults'}")
        session = phase("session start-up", lambda: spark_session(master=arguments.master, conf=conf))
        session.sparkContext.setLogLevel("ERROR")
        phase("executor start-up", lambda: scale_bench.start_executors(session))
        time_steps()
        for number, run in enumerate(("job", "same job again")):
            output = f"{folder}/out-{number}"
            report = phase(run, lambda output=output: spark_analyze([str(subset)], output, spark=session))
        print(f"{report.articles} articles per job")
        session.stop()


if __name__ == "__main__":
    main()
