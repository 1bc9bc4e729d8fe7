"""Benchmark of the nightly jobs: title selection, band build, list build.

The portfolio has the shape of the hand-written lower bound in
`shared/bench/raw_sql_baseline.sql`: N titles over N/10 customers (each
customer gets ten titles), types NF/DP/BOL/NCC in turn, a third fully
paid, due dates spread over 300 days that all fall 8 to 307 days before the
reference date, and 20 operators in the collection-list group so the list
build really distributes. It is generated set-based in SQL (INSERT ...
SELECT over a number series), never row by row.

It never touches the user's data: by default it creates a scratch database
beside the configured one (Django's test-database machinery under the name
`<NAME>_bench`), works there and drops it. `in_place=True` works in the
current database instead, only when it holds no customer, title, rule or
operator, and deletes what it generated at the end (the tests use it).

Each step is timed apart and reports the rows it produced, seconds, rows
per second, the SQL statements it sent (counted with an execute wrapper:
a set-based step sends the same number whatever N) and peak memory.
"""

import gc
import logging
import math
import os
import re
import shutil
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from finance.models import (
    Branch,
    CollectionTitle,
    Contact,
    Customer,
    Parameters,
    Payment,
    Receivable,
)
from operators.models import AttendanceGroup, Operator
from rules.models import NegotiationRule, SelectionRule

from .models import (
    BandQueueEntry,
    BuildRun,
    CollectionList,
    CollectionListItem,
    JobLock,
)

try:
    import resource
except ImportError:  # Windows: no getrusage; the peak RSS column reads "-".
    resource = None

logger = logging.getLogger(__name__)

DEFAULT_TITLES = 1_000_000
LIST_OPERATORS = 20
# SQLite holds a few hundred thousand rows fine but is no place to measure a
# million; the baseline is PostgreSQL-only anyway.
SQLITE_MAX_TITLES = 100_000
# Customer codes are six digits (A1_COD).
MAX_CUSTOMERS = 999_999
BENCH_USERNAME_PREFIX = "bench-operador-"
# The baseline's oldest due date is 307 days before its reference date, and
# its issue dates 30 days before the due dates.
OLDEST_DAYS_LATE = 307
DUE_SPREAD_DAYS = 300

TARGET_RATIO = 3.0
SLOWEST_STATEMENTS = 3
BASELINE_TITLES = 1_000_000
BASELINE_FILE = Path("bench") / "raw_sql_baseline.sql"
# The statements of the baseline timed against each of our steps.
BASELINE_STATEMENTS = {
    "selection": "INSERT INTO sk1",
    "bands": "CREATE UNLOGGED TABLE bucket",
    "lists": "CREATE UNLOGGED TABLE assignment",
}
STEP_LABELS = {"selection": "seleção", "bands": "faixas", "lists": "listas"}

# Tables the benchmark fills, children first: emptied at the end of an
# in-place run (they were empty when it started).
GENERATED_MODELS = (
    CollectionListItem,
    CollectionList,
    BandQueueEntry,
    BuildRun,
    JobLock,
    CollectionTitle,
    Payment,
    Contact,
    Receivable,
    Customer,
    Operator,
    AttendanceGroup,
    SelectionRule,
    NegotiationRule,
    Branch,
    Parameters,
)


class BenchmarkRefused(Exception):
    """The benchmark cannot run as asked; the message says why, in Portuguese."""


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


@dataclass
class BenchmarkReport:
    titles: int
    customers: int
    operators: int
    reference_date: date
    vendor: str
    database: str
    generate_seconds: float = 0.0
    steps: list[StepFigures] = field(default_factory=list)
    baseline: dict[str, float] | None = None

    @property
    def total_seconds(self) -> float:
        return sum(step.seconds for step in self.steps)


def bench_run(
    *,
    titles: int = DEFAULT_TITLES,
    reference_date: date | None = None,
    baseline: bool = False,
    in_place: bool = False,
    progress: Callable[[str], None] = lambda message: None,
) -> BenchmarkReport:
    """Generate the portfolio, time the three jobs and (optionally) the SQL
    baseline, and return the figures; see the module docstring."""
    reference_date = reference_date or timezone.localdate()
    customers = max(1, titles // 10)
    _arguments_check(titles=titles, customers=customers, baseline=baseline)
    if in_place:
        _in_place_check()
    database = _current_database() if in_place else scratch_database()
    with database as name:
        report = BenchmarkReport(
            titles=titles,
            customers=customers,
            operators=LIST_OPERATORS,
            reference_date=reference_date,
            vendor=connection.vendor,
            database=name,
        )
        try:
            progress(f"Gerando a carteira: {titles} títulos, {customers} clientes...")
            started = time.perf_counter()
            bench_portfolio_generate(
                titles=titles, customers=customers, reference_date=reference_date
            )
            report.generate_seconds = time.perf_counter() - started
            report.steps = bench_steps_measure(
                reference_date=reference_date, progress=progress
            )
            if baseline:
                progress("Rodando a linha de base em SQL (psql)...")
                report.baseline = baseline_run(database=name)
        finally:
            if in_place:
                _generated_delete()
    logger.info(
        "Benchmark finished titles=%d database=%s seconds=%.3f statements=%d",
        titles,
        report.database,
        report.total_seconds,
        sum(step.statements for step in report.steps),
    )
    return report


def _arguments_check(*, titles: int, customers: int, baseline: bool) -> None:
    if titles < 1:
        raise BenchmarkRefused("Informe um número de títulos maior que zero.")
    if customers > MAX_CUSTOMERS:
        raise BenchmarkRefused(
            f"No máximo {MAX_CUSTOMERS * 10} títulos: o código do cliente tem seis dígitos."
        )
    if connection.vendor not in ("postgresql", "sqlite"):
        raise BenchmarkRefused(
            f"Banco {connection.vendor} não suportado: use PostgreSQL (DATABASE_URL)."
        )
    if connection.vendor == "sqlite" and titles > SQLITE_MAX_TITLES:
        raise BenchmarkRefused(
            f"Com SQLite o benchmark vai até {SQLITE_MAX_TITLES} títulos. Para {titles} títulos use PostgreSQL: "
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/telecobranca"
        )
    if baseline and connection.vendor != "postgresql":
        raise BenchmarkRefused(
            "A linha de base (--baseline) é SQL do PostgreSQL: configure DATABASE_URL."
        )
    if baseline and shutil.which("psql") is None:
        raise BenchmarkRefused(
            "A linha de base (--baseline) precisa do cliente psql no PATH."
        )
    if baseline and not baseline_path().is_file():
        raise BenchmarkRefused(
            f"Linha de base não encontrada em {baseline_path()} (veja TELECOBRANCA_SHARED)."
        )


def _in_place_check() -> None:
    """An in-place run empties the tables it fills, so each must start empty."""
    users = get_user_model().objects.filter(username__startswith=BENCH_USERNAME_PREFIX)
    for model, rows in [(model, model.objects.all()) for model in GENERATED_MODELS] + [
        (users.model, users)
    ]:
        if rows.exists():
            raise BenchmarkRefused(
                f"O banco atual já tem {model._meta.verbose_name_plural}: o benchmark no próprio banco só roda "
                "num banco vazio. Rode sem --in-place para usar um banco temporário."
            )


@contextmanager
def _current_database() -> Iterator[str]:
    yield str(connection.settings_dict["NAME"])


@contextmanager
def scratch_database() -> Iterator[str]:
    """A fresh, migrated database `<NAME>_bench` beside the configured one,
    used for the duration of the block and then dropped. The configured
    database is never written to."""
    creation = connection.creation
    test_settings = connection.settings_dict.setdefault("TEST", {})
    previous_test_name = test_settings.get("NAME")
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        if not creation.is_in_memory_db(name):
            path = Path(str(name))
            test_settings["NAME"] = str(path.with_name(f"{path.stem}_bench.sqlite3"))
    else:
        test_settings["NAME"] = f"{name}_bench"
    old_name = creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False, keepdb=False
    )
    try:
        yield str(connection.settings_dict["NAME"])
    finally:
        creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
        test_settings["NAME"] = previous_test_name


class _SeriesSql:
    """The few SQL fragments that differ between PostgreSQL and SQLite."""

    def __init__(self, vendor: str):
        self.vendor = vendor

    def series(self, count: int) -> tuple[str, str]:
        """(prefix, FROM source) of the numbers 1..count as column n."""
        if self.vendor == "postgresql":
            return "", f"generate_series(1::bigint, {int(count)}::bigint) AS g(n)"
        return (
            f"WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < {int(count)}) ",
            "g",
        )

    def pad(self, expression: str, width: int) -> str:
        if self.vendor == "postgresql":
            return f"lpad(({expression})::text, {width}, '0')"
        return f"substr('{'0' * width}' || ({expression}), -{width}, {width})"

    def date_plus(self, expression: str) -> str:
        """A date parameter plus a non-negative number of days."""
        if self.vendor == "postgresql":
            return f"(CAST(%s AS date) + CAST({expression} AS integer))"
        return f"date(%s, '+' || ({expression}) || ' days')"


@transaction.atomic
def bench_portfolio_generate(
    *, titles: int, customers: int, reference_date: date
) -> None:
    """Write the benchmark configuration and portfolio: a fixed number of
    statements whatever `titles` is.

    Configuration: branch 01, bands 30/30/60 days and the list rule, one
    group per rule, 20 operators in the list group, and a list capacity
    that lets the list build distribute every customer (as the baseline's
    round robin does). Portfolio: see the module docstring.
    """
    branch, _ = Branch.objects.get_or_create(
        code="01", defaults={"name": "Matriz", "state": "SP", "city": "São Paulo"}
    )
    negotiation_rule = NegotiationRule.objects.create(
        code="BENCH", description="NEGOCIAÇÃO DO BENCHMARK"
    )
    rules = [
        SelectionRule(
            code="FX0130", description="FAIXA DE 1 A 30 DIAS", order=10, width_days=30
        ),
        SelectionRule(
            code="FX3160", description="FAIXA DE 31 A 60 DIAS", order=20, width_days=30
        ),
        SelectionRule(
            code="FX6120", description="FAIXA DE 61 A 120 DIAS", order=30, width_days=60
        ),
        SelectionRule(
            code="LISTAS",
            description="REGRA PARA LISTAS DE COBRANÇAS",
            order=40,
            kind=SelectionRule.Kind.LIST,
        ),
    ]
    SelectionRule.objects.bulk_create(rules)
    groups = [
        AttendanceGroup(
            code=f"{index:02d}",
            name=f"GRUPO {rule.code}",
            negotiation_rule=negotiation_rule,
        )
        for index, rule in enumerate(rules, start=1)
    ]
    for group, rule in zip(
        groups, SelectionRule.objects.order_by("order"), strict=True
    ):
        group.selection_rule = rule
    AttendanceGroup.objects.bulk_create(groups)
    list_group = AttendanceGroup.objects.get(
        selection_rule__kind=SelectionRule.Kind.LIST
    )

    unusable = make_password(None)
    user_model = get_user_model()
    usernames = [
        f"{BENCH_USERNAME_PREFIX}{number:02d}"
        for number in range(1, LIST_OPERATORS + 1)
    ]
    user_model.objects.bulk_create(
        [user_model(username=username, password=unusable) for username in usernames]
    )
    users = user_model.objects.filter(username__in=usernames).order_by("username")
    Operator.objects.bulk_create(
        [
            Operator(
                code=f"BEN{number:03d}",
                user=user,
                name=f"OPERADOR {number:02d}",
                group=list_group,
            )
            for number, user in enumerate(users, start=1)
        ]
    )
    parameters = Parameters.current()
    parameters.list_capacity_per_operator = math.ceil(customers / LIST_OPERATORS)
    parameters.save()

    sql = _SeriesSql(connection.vendor)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    due_base = reference_date - timedelta(days=OLDEST_DAYS_LATE)
    issue_base = due_base - timedelta(days=30)
    adapt = connection.ops.adapt_datefield_value
    customer_table = connection.ops.quote_name(Customer._meta.db_table)
    receivable_table = connection.ops.quote_name(Receivable._meta.db_table)

    with connection.cursor() as cursor:
        prefix, source = sql.series(customers)
        code = sql.pad("n", 6)
        cursor.execute(
            f"{prefix}INSERT INTO {customer_table} (code, store, name, short_name, person_type, tax_id, state, city,"
            " phone_area, phone, email, created_at, updated_at)"
            f" SELECT {code}, '01', 'CLIENTE ' || {code}, 'CLIENTE ' || {code},"
            " CASE WHEN n %% 4 = 0 THEN 'J' ELSE 'F' END, '', 'SP', 'SAO PAULO', '11', '', '', %s, %s"
            f" FROM {source}",
            [now, now],
        )
        prefix, source = sql.series(titles)
        spread = f"(n %% {DUE_SPREAD_DAYS})"
        due = sql.date_plus(spread)
        cursor.execute(
            f"{prefix}INSERT INTO {receivable_table} (branch_id, prefix, number, installment, kind, customer_code,"
            " customer_store, customer_name, customer_id, nature, bearer, situation, issue_date, due_date,"
            " real_due_date, real_due_date_from_erp, amount, balance, last_payment_date, currency, history,"
            " created_at, updated_at)"
            f" SELECT %s, 'NF', {sql.pad('n', 9)}, '1',"
            " CASE n %% 4 WHEN 0 THEN 'NF' WHEN 1 THEN 'DP' WHEN 2 THEN 'BOL' ELSE 'NCC' END,"
            " c.code, c.store, c.short_name, c.id, '1101', '341', '1',"
            f" {sql.date_plus(spread)}, {due}, {due}, %s, 100 + (n %% 5000),"
            " CASE WHEN n %% 3 = 0 THEN 0 ELSE 100 + (n %% 5000) END,"
            f" CASE WHEN n %% 3 = 0 THEN {due} END, 1, '', %s, %s"
            f" FROM {source} JOIN {customer_table} c"
            f" ON c.code = {sql.pad(f'1 + (n * 7919) %% {customers}', 6)} AND c.store = '01'",
            [
                branch.pk,
                adapt(issue_base),
                adapt(due_base),
                adapt(due_base),
                False,
                adapt(due_base),
                now,
                now,
            ],
        )
        cursor.execute(f"ANALYZE {customer_table}")
        cursor.execute(f"ANALYZE {receivable_table}")


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


def _generated_delete() -> None:
    """Empty the tables an in-place run filled (they were empty before) and
    remove its users: a fixed number of statements, no per-row cascade."""
    with transaction.atomic(), connection.cursor() as cursor:
        for model in GENERATED_MODELS:
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}"
            )
        get_user_model().objects.filter(
            username__startswith=BENCH_USERNAME_PREFIX
        ).delete()


def baseline_path() -> Path:
    shared = (
        os.environ.get("TELECOBRANCA_SHARED")
        or Path(settings.BASE_DIR).parent / "shared"
    )
    return Path(shared) / BASELINE_FILE


def baseline_run(*, database: str) -> dict[str, float]:
    """Run the hand-written SQL baseline with psql in `database` and return
    the seconds of its three timed statements, keyed like our steps."""
    db = connection.settings_dict
    command = [
        "psql",
        "-X",
        "-e",
        "-v",
        "ON_ERROR_STOP=1",
        "-d",
        database,
        "-f",
        str(baseline_path()),
    ]
    for option, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
        if db.get(key):
            command[1:1] = [option, str(db[key])]
    environment = dict(os.environ)
    if db.get("PASSWORD"):
        environment["PGPASSWORD"] = db["PASSWORD"]
    completed = subprocess.run(
        command, capture_output=True, text=True, env=environment, check=False
    )
    if completed.returncode != 0:
        raise BenchmarkRefused(
            f"A linha de base falhou no psql: {completed.stderr.strip()[-500:]}"
        )
    return baseline_timings_parse(completed.stdout)


TIMING_LINE = re.compile(r"^Time: ([0-9.]+) ms")


def baseline_timings_parse(output: str) -> dict[str, float]:
    """Seconds of the three timed statements in psql's `-e` + `\\timing`
    output: each statement is echoed, and the next "Time:" line is its own."""
    timings: dict[str, float] = {}
    pending = None
    for line in output.splitlines():
        for step, start in BASELINE_STATEMENTS.items():
            if line.startswith(start):
                pending = step
        match = TIMING_LINE.match(line)
        if match and pending is not None:
            timings[pending] = float(match.group(1)) / 1000
            pending = None
    missing = set(BASELINE_STATEMENTS) - set(timings)
    if missing:
        raise BenchmarkRefused(
            f"Não achei o tempo de {', '.join(sorted(missing))} na saída do psql."
        )
    return timings


def report_lines(report: BenchmarkReport, *, slowest: bool = False) -> list[str]:
    """The report as printed by `bench_builds`, in Portuguese; `slowest`
    adds each step's slowest statements."""
    database = "PostgreSQL" if report.vendor == "postgresql" else "SQLite"
    lines = [
        f"Benchmark das rotinas noturnas ({database}, banco {report.database})",
        f"Carteira: {report.titles} títulos, {report.customers} clientes, {report.operators} operadores de lista;"
        f" data base {report.reference_date:%d/%m/%Y}",
        f"Geração da carteira (fora das medidas): {report.generate_seconds:.2f} s",
        "",
        f"{'etapa':<8} {'linhas':>9} {'segundos':>9} {'linhas/s':>11} {'comandos SQL':>12}"
        f" {'pico RSS (MB)':>14} {'pico tracemalloc (MB)':>22}",
    ]
    for step in report.steps:
        rss = f"{step.rss_peak_mb:.1f}" if step.rss_peak_mb is not None else "-"
        lines.append(
            f"{step.label:<8} {step.rows:>9d} {step.seconds:>9.3f} {step.rows_per_second:>11.0f}"
            f" {step.statements:>12d} {rss:>14} {step.traced_peak_mb:>22.2f}"
        )
    lines.append(f"{'total':<8} {'':>9} {report.total_seconds:>9.3f}")
    lines.append(
        "linhas: seleção = títulos no SK1; faixas = clientes nas filas das faixas; listas = itens das listas."
    )
    if slowest:
        for step in report.steps:
            lines += [
                "",
                f"Comandos mais lentos de {step.label} ({step.seconds:.3f} s na etapa):",
            ]
            lines += [
                f"  {seconds:8.3f} s  {sql[:160]}" for seconds, sql in step.slowest
            ]
    if report.baseline is not None:
        lines += [
            "",
            "Comparação com a linha de base em SQL escrito à mão (raw_sql_baseline.sql), meta ≤ 3x:",
        ]
        if report.titles != BASELINE_TITLES:
            lines.append(
                f"(atenção: a linha de base tem sempre {BASELINE_TITLES} títulos; a razão só compara iguais"
                f" com --titles {BASELINE_TITLES})"
            )
        lines.append(f"{'etapa':<8} {'nosso (s)':>10} {'base (s)':>10} {'razão':>8}")
        for step in report.steps:
            base = report.baseline[step.step]
            lines.append(
                f"{step.label:<8} {step.seconds:>10.3f} {base:>10.3f} {_ratio(step.seconds, base)}"
            )
        base_total = sum(report.baseline.values())
        verdict = (
            "dentro da meta"
            if report.total_seconds <= TARGET_RATIO * base_total
            else "ACIMA DA META"
        )
        lines.append(
            f"{'total':<8} {report.total_seconds:>10.3f} {base_total:>10.3f}"
            f" {_ratio(report.total_seconds, base_total)}  ({verdict})"
        )
    return lines


def _ratio(ours: float, base: float) -> str:
    return f"{ours / base:>7.1f}x" if base > 0 else f"{'-':>8}"
