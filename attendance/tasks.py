"""Celery tasks: thin wrappers that parse a date and call one service.

Running any of them twice is safe: title selection only writes what changed
in SE1 (its key is unique in the database), a band build replaces the
queues it built, and a list build replaces only the day's pending items,
with one item per customer per day held by a database key. Two runs of the
same job never overlap (a job lock; the second run is recorded as failed
with "already running").
"""

import logging

from celery import chain, shared_task
from django.db import OperationalError

from finance.dates import reference_date_parse

from .services import bands_build, collections_build, lists_build, selection_run

logger = logging.getLogger(__name__)

# Transient database errors (connection lost, server restarting) are retried.
RETRY = {"autoretry_for": (OperationalError,), "retry_backoff": 30, "max_retries": 3}


@shared_task(**RETRY)
def select_titles(reference_date: str | None = None) -> int:
    """Title selection (SE1 -> SK1); returns the run id."""
    return selection_run(reference_date=reference_date_parse(reference_date)).pk


@shared_task(**RETRY)
def build_bands(reference_date: str | None = None) -> int:
    """Band queues for pre-attendance; returns the run id."""
    return bands_build(reference_date=reference_date_parse(reference_date)).pk


@shared_task(**RETRY)
def build_lists(reference_date: str | None = None) -> int:
    """Dated collection lists for the agenda; returns the run id."""
    return lists_build(reference_date=reference_date_parse(reference_date)).pk


@shared_task(**RETRY)
def build_collections(reference_date: str | None = None) -> list[int]:
    """Both builds from one computation of the customer positions; returns
    the band and list run ids."""
    runs = collections_build(reference_date=reference_date_parse(reference_date))
    return [run.pk for run in runs]


@shared_task
def collections_daily(reference_date: str | None = None) -> str:
    """The nightly chain Celery beat starts: selection, then both builds.

    The date is fixed when the chain starts, so a chain that crosses
    midnight still works one business date.
    """
    day = reference_date_parse(reference_date).isoformat()
    logger.info("Daily collections chain queued reference_date=%s", day)
    result = chain(select_titles.si(day), build_collections.si(day)).apply_async()
    return result.id
