"""How each step is measured.

Each step is timed apart and reports the rows it produced, seconds, rows
per second, the SQL statements it sent (counted with an execute wrapper:
a set-based step sends the same number whatever N) and peak memory.
"""

import gc
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import connection

from finance.models import CollectionTitle

from ..models import BandQueueEntry, CollectionListItem

try:
    import resource
except ImportError:  # Windows: no getrusage; the peak RSS column reads "-".
    resource = None

SLOWEST_STATEMENTS = 3
STEP_LABELS = {"selection": "seleção", "bands": "faixas", "lists": "listas"}


@dataclass(frozen=True)
class StepFigures:
    step: str
    rows: int
    seconds: float
    statements: int
    rss_peak_mb: float | None
    traced_peak_mb: float
    # The slowest statements: (seconds, SQL text).
    slowest: tuple[tuple[float, str], ...] = ()

    @property
    def label(self) -> str:
        return STEP_LABELS[self.step]

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


class _StatementCounter:
    """An execute wrapper that counts the statements sent to the database
    and times each one (the commit, where PostgreSQL runs the deferred
    foreign-key checks, is not a statement: it shows in the step's seconds
    only)."""

    def __init__(self):
        self.timings: list[tuple[float, str]] = []

    @property
    def count(self) -> int:
        return len(self.timings)

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.timings.append((time.perf_counter() - started, " ".join(sql.split())))


def _rss_peak_mb() -> float | None:
    if resource is None:
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports kilobytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def step_measure(
    step: str, work: Callable[[], object], rows: Callable[[], int]
) -> StepFigures:
    """Time `work()`, counting its SQL statements and its memory peak;
    `rows()` is read afterwards, outside the counted window."""
    counter = _StatementCounter()
    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with connection.execute_wrapper(counter):
            work()
        seconds = time.perf_counter() - started
        _, traced_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return StepFigures(
        step=step,
        rows=rows(),
        seconds=seconds,
        statements=counter.count,
        rss_peak_mb=_rss_peak_mb(),
        traced_peak_mb=traced_peak / (1024 * 1024),
        slowest=tuple(sorted(counter.timings, reverse=True)[:SLOWEST_STATEMENTS]),
    )


def bench_steps_measure(
    *, reference_date: date, progress: Callable[[str], None] = lambda message: None
) -> list[StepFigures]:
    """Title selection, band build and list build, each measured apart.

    The builds run as the nightly chain runs them (`collections_build`: one
    transaction, one computation of the customer positions); the band step
    goes from its start to the start of the list phase, and the list step
    from there to the commit, so the deferred foreign-key checks of the
    commit count in the list step.
    """
    from attendance.services import collections_build
    from finance.services import titles_select

    progress(f"Medindo {STEP_LABELS['selection']}...")
    steps = [
        step_measure(
            "selection",
            lambda: titles_select(reference_date=reference_date),
            rows=CollectionTitle.objects.count,
        )
    ]

    progress(f"Medindo {STEP_LABELS['bands']} e {STEP_LABELS['lists']}...")
    counter = _StatementCounter()
    marks: dict[str, tuple[float, int]] = {}

    def phase_started(phase: str) -> None:
        marks[phase] = (time.perf_counter(), counter.count)

    gc.collect()
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with connection.execute_wrapper(counter):
            collections_build(
                reference_date=reference_date, phase_started=phase_started
            )
        finished = time.perf_counter()
        _, traced_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    lists_started, lists_first_statement = marks["lists"]
    spans = {
        "bands": (started, lists_started, 0, lists_first_statement),
        "lists": (lists_started, finished, lists_first_statement, counter.count),
    }
    for step, produced in (("bands", BandQueueEntry), ("lists", CollectionListItem)):
        begin, end, first, last = spans[step]
        timings = counter.timings[first:last]
        steps.append(
            StepFigures(
                step=step,
                rows=produced.objects.count(),
                seconds=end - begin,
                statements=len(timings),
                rss_peak_mb=_rss_peak_mb(),
                traced_peak_mb=traced_peak / (1024 * 1024),
                slowest=tuple(sorted(timings, reverse=True)[:SLOWEST_STATEMENTS]),
            )
        )
    return steps
