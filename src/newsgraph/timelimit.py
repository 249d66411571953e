"""CPU time limits: stop a runaway computation (a component on a document, extraction of a page)."""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

REPEAT = 0.05  # seconds of CPU between two alarms once the limit is reached


class TimeLimitExceeded(BaseException):
    """Raised by the alarm of `time_limit` (a BaseException, so that no component's `except Exception` eats it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded once this process has used `seconds` more of CPU time.

    CPU time, not wall time: a loaded machine does not make an article fail. Uses SIGPROF,
    so only in the main thread on POSIX (pool workers run there too); elsewhere, and for
    `seconds <= 0`, there is no limit. An outer limit (or profiling timer) is kept: this one
    ends no later than it, and it is re-armed with what is left of it after.
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if seconds <= 0 or not usable:
        yield
        return

    active = True

    def expire(signum: int, frame: FrameType | None) -> None:
        if active:
            raise TimeLimitExceeded(f"over {seconds:g} s of CPU time")

    # The alarm fires again every REPEAT of CPU time until the block is left: an exception raised
    # while Python runs a weakref callback or a __del__ is printed and dropped, not propagated.
    repeat = max(min(seconds / 10, REPEAT), 0.001)
    started = time.process_time()
    previous_handler = signal.signal(signal.SIGPROF, expire)
    previous_delay, previous_interval = signal.setitimer(signal.ITIMER_PROF, seconds, repeat)
    if 0 < previous_delay < seconds:  # inside a shorter outer limit (a component within its article): keep it
        signal.setitimer(signal.ITIMER_PROF, previous_delay, repeat)
    try:
        yield
    finally:
        active = False
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous_handler)
        if previous_delay:
            remaining = max(previous_delay - (time.process_time() - started), 0.001)
            signal.setitimer(signal.ITIMER_PROF, remaining, previous_interval)
