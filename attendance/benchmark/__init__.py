"""Benchmark of the nightly jobs: title selection, band build, list build.

`bench_run` (in `run`) generates a portfolio shaped like the hand-written
lower bound in `shared/bench/raw_sql_baseline.sql` (`portfolio`), in a
scratch database or, for the tests, in the current empty one (`databases`),
measures each step apart (`measure`), optionally runs that baseline with
psql (`baseline`), and `report_lines` prints the figures (`report`).
"""

from .baseline import (
    BASELINE_FILE,
    BASELINE_STATEMENTS,
    BASELINE_TITLES,
    TIMING_LINE,
    baseline_path,
    baseline_run,
    baseline_timings_parse,
)
from .databases import current_database, scratch_database
from .measure import (
    SLOWEST_STATEMENTS,
    STEP_LABELS,
    StepFigures,
    bench_steps_measure,
    step_measure,
)
from .portfolio import (
    BENCH_USERNAME_PREFIX,
    DUE_SPREAD_DAYS,
    GENERATED_MODELS,
    LIST_OPERATORS,
    OLDEST_DAYS_LATE,
    bench_portfolio_generate,
    generated_delete,
)
from .refusal import BenchmarkRefused
from .report import TARGET_RATIO, BenchmarkReport, report_lines
from .run import DEFAULT_TITLES, MAX_CUSTOMERS, SQLITE_MAX_TITLES, bench_run

__all__ = [
    "BASELINE_FILE",
    "BASELINE_STATEMENTS",
    "BASELINE_TITLES",
    "BENCH_USERNAME_PREFIX",
    "DEFAULT_TITLES",
    "DUE_SPREAD_DAYS",
    "GENERATED_MODELS",
    "LIST_OPERATORS",
    "MAX_CUSTOMERS",
    "OLDEST_DAYS_LATE",
    "SLOWEST_STATEMENTS",
    "SQLITE_MAX_TITLES",
    "STEP_LABELS",
    "TARGET_RATIO",
    "TIMING_LINE",
    "BenchmarkRefused",
    "BenchmarkReport",
    "StepFigures",
    "baseline_path",
    "baseline_run",
    "baseline_timings_parse",
    "bench_portfolio_generate",
    "bench_run",
    "bench_steps_measure",
    "current_database",
    "generated_delete",
    "report_lines",
    "scratch_database",
    "step_measure",
]
