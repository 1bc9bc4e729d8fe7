"""`bench_run`: generate the portfolio, measure the three jobs and the
baseline, and refuse what cannot be measured.

It never touches the user's data: by default it creates a scratch database
beside the configured one (Django's test-database machinery under the name
`<NAME>_bench`), works there and drops it. `in_place=True` works in the
current database instead, only when it holds no customer, title, rule or
operator, and deletes what it generated at the end (the tests use it).
"""

import logging
import shutil
import time
from collections.abc import Callable
from datetime import date

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone

from .baseline import baseline_path, baseline_run
from .databases import current_database, scratch_database
from .measure import bench_steps_measure
from .portfolio import (
    BENCH_USERNAME_PREFIX,
    GENERATED_MODELS,
    LIST_OPERATORS,
    bench_portfolio_generate,
    generated_delete,
)
from .refusal import BenchmarkRefused
from .report import BenchmarkReport

logger = logging.getLogger(__name__)

DEFAULT_TITLES = 1_000_000
# SQLite holds a few hundred thousand rows fine but is no place to measure a
# million; the baseline is PostgreSQL-only anyway.
SQLITE_MAX_TITLES = 100_000
# Customer codes are six digits (A1_COD).
MAX_CUSTOMERS = 999_999


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
    database = current_database() if in_place else scratch_database()
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
                generated_delete()
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
