"""Recording of job runs (BuildRun) so a supervisor sees every night's work."""

import logging
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from finance.services import titles_select

from ..models import BuildRun

logger = logging.getLogger(__name__)


def run_record(
    *, job: str, reference_date: date, work: Callable[[BuildRun], dict]
) -> BuildRun:
    """Record a run of `job` around `work(run) -> counts`.

    The run row is committed before the work starts, so it survives a
    failure: the work's own transaction rolls back, and the run is marked
    failed with the error a supervisor reads in the admin. The exception
    is re-raised for the caller (command exit status, Celery retry).
    """
    run = BuildRun.objects.create(job=job, reference_date=reference_date)
    started = time.monotonic()
    try:
        counts = work(run)
    except Exception as error:
        _run_finish(
            run,
            started=started,
            status=BuildRun.Status.FAILED,
            error=str(error) or repr(error),
        )
        logger.exception(
            "Run failed run_id=%s job=%s reference_date=%s", run.pk, job, reference_date
        )
        raise
    _run_finish(run, started=started, status=BuildRun.Status.SUCCEEDED, counts=counts)
    return run


def _run_finish(
    run: BuildRun,
    *,
    started: float,
    status: str,
    counts: dict | None = None,
    error: str = "",
) -> None:
    run.status = status
    run.progress = 100 if status == BuildRun.Status.SUCCEEDED else run.progress
    run.counts = counts or {}
    run.error = error
    run.finished_at = timezone.now()
    run.duration_seconds = Decimal(f"{time.monotonic() - started:.3f}")
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
