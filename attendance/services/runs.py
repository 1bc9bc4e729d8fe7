"""Recording of job runs (BuildRun) so a supervisor sees every night's work."""

import logging
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from finance.jobs import JobAlreadyRunning
from finance.services import titles_select

from ..models import BuildRun

logger = logging.getLogger(__name__)


def run_start(*, job: str, reference_date: date) -> BuildRun:
    """A run row, committed before the work starts so that it survives a
    failure of the work's own transaction."""
    with transaction.atomic():
        return BuildRun.objects.create(job=job, reference_date=reference_date)


def run_succeed(run: BuildRun, *, counts: dict, seconds: float) -> None:
    _run_finish(run, status=BuildRun.Status.SUCCEEDED, counts=counts, seconds=seconds)


def run_fail(run: BuildRun, *, error: BaseException, seconds: float) -> None:
    """Mark the run failed with the error a supervisor reads in the admin:
    the job's own message ("already running"), or the technical one marked
    as unexpected, for whoever supports the installation."""
    if isinstance(error, JobAlreadyRunning):
        text = str(error)
    else:
        text = f"Erro inesperado ({type(error).__name__}): {error}"
    _run_finish(run, status=BuildRun.Status.FAILED, error=text, seconds=seconds)
    logger.error(
        "Run failed run_id=%s job=%s reference_date=%s",
        run.pk,
        run.job,
        run.reference_date,
    )


def run_record(
    *, job: str, reference_date: date, work: Callable[[BuildRun], dict]
) -> BuildRun:
    """Record a run of `job` around `work(run) -> counts`.

    The work's own transaction rolls back on failure; the run is then
    marked failed and the exception re-raised for the caller (command exit
    status, Celery retry).
    """
    run = run_start(job=job, reference_date=reference_date)
    started = time.monotonic()
    try:
        counts = work(run)
    except Exception as error:
        run_fail(run, error=error, seconds=time.monotonic() - started)
        raise
    run_succeed(run, counts=counts, seconds=time.monotonic() - started)
    return run


# TODO: progress jumps from 0 to 100 % because each build is one transaction;
# a supervisor cannot watch a long build advance until it reports from a
# connection of its own.
def _run_finish(
    run: BuildRun,
    *,
    status: str,
    seconds: float,
    counts: dict | None = None,
    error: str = "",
) -> None:
    run.status = status
    run.progress = 100 if status == BuildRun.Status.SUCCEEDED else run.progress
    run.counts = counts or {}
    run.error = error
    run.finished_at = timezone.now()
    run.duration_seconds = Decimal(f"{seconds:.3f}")
    with transaction.atomic():
        run.save(
            update_fields=[
                "status",
                "progress",
                "counts",
                "error",
                "finished_at",
                "duration_seconds",
            ]
        )


def selection_run(*, reference_date: date) -> BuildRun:
    """Title selection (SE1 -> SK1) recorded as a run."""
    return run_record(
        job=BuildRun.Job.SELECTION,
        reference_date=reference_date,
        work=lambda run: titles_select(reference_date=reference_date).as_dict(),
    )
