"""Title selection (Seleção de Títulos, Protheus TMKA180): SE1 -> SK1."""

import logging
import time
from dataclasses import asdict, dataclass
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from .jobs import JobAlreadyRunning, job_lock_acquire, job_transaction_tune
from .models import CollectionTitle, Parameters, Receivable
from .selectors import selectable_type_sql
from .signals import collection_titles_removed

logger = logging.getLogger(__name__)

SELECTION_JOB = "selection"

# SK1 columns refreshed from SE1 when they differ (the update pass).
REFRESHED_COLUMNS = (
    "due_date",
    "real_due_date",
    "balance",
    "nature",
    "bearer",
    "situation",
    "customer_id",
)
# SK1 columns copied from SE1 on insert, besides the refreshed ones.
KEY_COLUMNS = ("branch_id", "prefix", "number", "installment", "kind")


class SelectionAlreadyRunning(JobAlreadyRunning):
    """Another title selection is running; this one wrote nothing."""


@dataclass(frozen=True)
class SelectionResult:
    inserted: int
    updated: int
    removed: int
    unchanged: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _qualifying_sql(*, alias: str, parameters: Parameters) -> tuple[str, list]:
    """The SE1 rows that belong in SK1: selectable type, open balance,
    strictly overdue on the reference date (%(ref)s placeholder first), and
    a customer that exists in SA1."""
    type_sql, type_params = selectable_type_sql(
        column=f"{alias}.kind", parameters=parameters
    )
    sql = (
        f"{alias}.real_due_date < %s AND {alias}.balance > 0 "
        f"AND {alias}.customer_id IS NOT NULL AND {type_sql}"
    )
    return sql, type_params


def _update_pass(cursor, *, sk1: str, se1: str, now) -> int:
    """Refresh the SK1 rows whose SE1 columns changed; returns the count."""
    assignments = ", ".join(f"{column} = r.{column}" for column in REFRESHED_COLUMNS)
    differs = " OR ".join(
        f"{sk1}.{column} <> r.{column}" for column in REFRESHED_COLUMNS
    )
    cursor.execute(
        f"UPDATE {sk1} SET {assignments}, refreshed_at = %s FROM {se1} r "
        f"WHERE r.id = {sk1}.receivable_id AND ({differs})",
        [now],
    )
    return cursor.rowcount


@transaction.atomic
def titles_select(*, reference_date: date) -> SelectionResult:
    """Sync the SK1 mirror with SE1 as of `reference_date`, in three
    set-based statements.

    Removes the rows whose title no longer qualifies (paid, deleted, not
    overdue any more, type no longer selectable), refreshes the rows whose
    due date, real due date, balance, nature, bearer, situation or customer
    changed, and inserts the titles that became overdue. A second run with
    no change in SE1 writes nothing. Owners and exclusions of the rows that
    stay are kept. The primary key (one SK1 row per SE1 row) and the job
    lock keep two runs from ever writing the same title twice.
    """
    try:
        job_lock_acquire(job=SELECTION_JOB)
    except JobAlreadyRunning:
        raise SelectionAlreadyRunning(SELECTION_JOB) from None
    job_transaction_tune()

    started = time.monotonic()
    logger.info("Title selection started reference_date=%s", reference_date)
    parameters = Parameters.current()
    sk1 = connection.ops.quote_name(CollectionTitle._meta.db_table)
    se1 = connection.ops.quote_name(Receivable._meta.db_table)
    qualifies, type_params = _qualifying_sql(alias="r", parameters=parameters)
    now = timezone.now()

    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {sk1} WHERE NOT EXISTS ("
            f"SELECT 1 FROM {se1} r WHERE r.id = {sk1}.receivable_id AND {qualifies})",
            [reference_date, *type_params],
        )
        removed = cursor.rowcount
        updated = _update_pass(cursor, sk1=sk1, se1=se1, now=now)

        copied = ", ".join(KEY_COLUMNS + REFRESHED_COLUMNS)
        copied_from_se1 = ", ".join(
            f"r.{column}" for column in KEY_COLUMNS + REFRESHED_COLUMNS
        )
        cursor.execute(
            f"INSERT INTO {sk1} (receivable_id, {copied}, excluded, selected_at, refreshed_at) "
            f"SELECT r.id, {copied_from_se1}, %s, %s, %s FROM {se1} r "
            f"WHERE {qualifies} AND NOT EXISTS (SELECT 1 FROM {sk1} k WHERE k.receivable_id = r.id)",
            [False, now, now, reference_date, *type_params],
        )
        inserted = cursor.rowcount

        cursor.execute(f"SELECT COUNT(*) FROM {sk1}")
        (total,) = cursor.fetchone()

    Parameters.objects.filter(pk=parameters.pk).update(last_selection_at=now)
    result = SelectionResult(
        inserted=inserted,
        updated=updated,
        removed=removed,
        unchanged=total - inserted - updated,
    )
    logger.info(
        "Title selection finished reference_date=%s inserted=%d updated=%d removed=%d unchanged=%d seconds=%.3f",
        reference_date,
        result.inserted,
        result.updated,
        result.removed,
        result.unchanged,
        time.monotonic() - started,
    )
    return result


@dataclass(frozen=True)
class RefreshResult:
    updated: int
    removed: int


# TODO: the refresh passes over all of SK1 (about a second per million titles)
# even when an import changed one title.
@transaction.atomic
def titles_refresh() -> RefreshResult:
    """Bring the SK1 rows in line with SE1 right after SE1 changed (an ERP
    import, a recomputed calendar), without waiting for the next selection.

    A title paid in full, deleted or left without customer leaves SK1 at
    once, so no band, list, report or screen ever counts it; the other
    rows get their new balance, dates, nature, bearer and situation. New
    overdue titles still wait for the selection, which works as of a
    reference date.
    """
    sk1 = connection.ops.quote_name(CollectionTitle._meta.db_table)
    se1 = connection.ops.quote_name(Receivable._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {sk1} WHERE NOT EXISTS (SELECT 1 FROM {se1} r WHERE r.id = {sk1}.receivable_id"
            " AND r.balance > 0 AND r.customer_id IS NOT NULL)"
        )
        removed = cursor.rowcount
        updated = _update_pass(cursor, sk1=sk1, se1=se1, now=timezone.now())
    if removed:
        collection_titles_removed.send(sender=CollectionTitle, removed=removed)
    logger.info("SK1 refreshed from SE1 updated=%d removed=%d", updated, removed)
    return RefreshResult(updated=updated, removed=removed)
