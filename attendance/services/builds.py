"""The nightly builds: band queues (pre-attendance) and dated collection
lists (agenda).

Both start from the customer positions (attendance.selectors), worked out
once per build into a session-private temporary table and read by each
write. Each build is a fixed handful of SQL statements, whatever the number
of titles, customers or operators.
"""

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction

from finance.jobs import job_lock_acquire, job_transaction_tune
from finance.models import CollectionTitle, Parameters
from operators.models import AttendanceGroup, Operator
from rules.models import SelectionRule
from rules.selectors import Band

from ..models import BandQueueEntry, BuildRun, CollectionList, CollectionListItem
from ..selectors import days_late_sql, positions_query
from .runs import run_fail, run_record, run_start, run_succeed

logger = logging.getLogger(__name__)

# Session-private table of the customer positions a build works from.
POSITIONS = "build_positions"


@dataclass(frozen=True)
class BuildContext:
    """What both writes need: the date, the parameters and the chain of
    bands, with the positions already in the POSITIONS table."""

    reference_date: date
    parameters: Parameters
    bands: list[Band]


def _priority_order(parameters: Parameters, alias: str) -> str:
    """Oldest real due date first; with MV_TMKSELV, the largest balance
    first among equal dates; the customer id makes the order total."""
    balance = f"{alias}.cents DESC, " if parameters.largest_balance_first else ""
    return f"{alias}.oldest, {balance}{alias}.customer_id"


def build_context_open(*, reference_date: date) -> BuildContext:
    """Work out the customer positions once into the POSITIONS table (only
    the customers some rule takes; the out-of-band ones are not built)."""
    parameters = Parameters.current()
    query = positions_query(reference_date=reference_date, parameters=parameters)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {POSITIONS}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {POSITIONS} AS {query.sql}"
            " SELECT * FROM positions WHERE rule_id IS NOT NULL",
            query.params,
        )
    return BuildContext(
        reference_date=reference_date, parameters=parameters, bands=query.bands
    )


def build_context_close() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {POSITIONS}")


def band_queues_write(*, run: BuildRun, context: BuildContext) -> dict:
    """Replace every band rule's pre-attendance queue.

    Each customer stands in the queue of the band of its oldest open
    overdue title, with all its open overdue titles, its balance and a
    priority (1 = next to be served). Customers an operator owns stay in
    the queue with their owner shown; "next customer" skips them.
    """
    band_rule_ids = [
        band.rule.pk for band in context.bands if band.kind == SelectionRule.Kind.BAND
    ]
    queue = connection.ops.quote_name(BandQueueEntry._meta.db_table)
    order = _priority_order(context.parameters, "p")
    inserted = 0
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {queue}")
        removed = cursor.rowcount
        if band_rule_ids:
            placeholders = ", ".join(["%s"] * len(band_rule_ids))
            cursor.execute(
                f"INSERT INTO {queue} (build_run_id, reference_date, selection_rule_id, customer_id,"
                " oldest_real_due_date, days_late, titles, balance, owner_id, priority)"
                " SELECT %s, %s, p.rule_id, p.customer_id, p.oldest,"
                f" {days_late_sql(reference_param='%s', column='p.oldest')}, p.titles, p.cents / 100.0,"
                f" p.owner_id, ROW_NUMBER() OVER (PARTITION BY p.rule_id ORDER BY {order})"
                f" FROM {POSITIONS} p WHERE p.rule_id IN ({placeholders})",
                [
                    run.pk,
                    context.reference_date,
                    context.reference_date,
                    *band_rule_ids,
                ],
            )
            inserted = cursor.rowcount
        cursor.execute(
            f"SELECT selection_rule_id, COUNT(*), COUNT(owner_id) FROM {queue}"
            " GROUP BY selection_rule_id"
        )
        per_rule = {
            rule_id: (customers, owned)
            for rule_id, customers, owned in cursor.fetchall()
        }

    codes = {band.rule.pk: band.rule.code for band in context.bands}
    counts = {
        "customers": inserted,
        "removed": removed,
        "owned_customers": sum(owned for _, owned in per_rule.values()),
        "rules": {
            codes[rule_id]: per_rule.get(rule_id, (0, 0))[0]
            for rule_id in band_rule_ids
        },
    }
    logger.info(
        "Band queues written run_id=%s reference_date=%s customers=%d rules=%d",
        run.pk,
        context.reference_date,
        inserted,
        len(band_rule_ids),
    )
    return counts


def list_operators(*, list_rule: SelectionRule) -> list[Operator]:
    """The operators who receive collection lists: active, with a
    collections profile, in a group that works the list rule with a
    negotiation rule and makes active calls."""
    groups = AttendanceGroup.objects.filter(
        selection_rule=list_rule, negotiation_rule__isnull=False
    ).exclude(call_direction=AttendanceGroup.CallDirection.RECEPTIVE)
    return list(
        Operator.objects.filter(
            group__in=groups,
            is_active=True,
            user__is_active=True,
            attendance_profile__in=Operator.COLLECTION_PROFILES,
        ).order_by("group__code", "code")
    )


def collection_lists_write(*, run: BuildRun, context: BuildContext) -> dict:
    """Distribute the list rule's customers among the list operators.

    Rebuilding a date replaces that date's items still pending; items an
    operator has started or finished stay, and their customers are not
    scheduled twice (one item per customer per day, a database key). A
    customer owned by a list operator goes to the top of its owner's list;
    a customer owned by anyone else is left to its owner. The others go
    round-robin, in priority order, so every operator gets the same number
    of customers; nobody gets more than their daily capacity. What does not
    fit is counted as not scheduled, never silently dropped.
    """
    reference_date, parameters = context.reference_date, context.parameters
    list_rule = next(
        (band.rule for band in context.bands if band.kind == SelectionRule.Kind.LIST),
        None,
    )
    operators = list_operators(list_rule=list_rule) if list_rule else []
    items = connection.ops.quote_name(CollectionListItem._meta.db_table)

    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {items} WHERE date = %s AND status = %s",
            [reference_date, CollectionListItem.Status.PENDING],
        )
        removed = cursor.rowcount

    if list_rule is None:
        logger.info("List build skipped run_id=%s: no collection-list rule", run.pk)
        return {"lists": 0, "items": 0, "removed": removed, "not_scheduled": 0}

    description = f"LISTA DE COBRANÇA {reference_date:%d/%m/%Y}"
    CollectionList.objects.bulk_create(
        [
            CollectionList(
                date=reference_date,
                operator=operator,
                group_id=operator.group_id,
                description=description,
                build_run=run,
            )
            for operator in operators
        ],
        ignore_conflicts=True,
    )
    list_ids = dict(
        CollectionList.objects.filter(
            date=reference_date, operator__in=operators
        ).values_list("operator_id", "pk")
    )
    # TODO: capacity is applied after the round robin, so what an operator
    # with a smaller capacity cannot take is counted as not scheduled instead
    # of going to a colleague with room left.
    # The list rule's customers not on anyone's list that day yet.
    unscheduled = (
        f"SELECT p.* FROM {POSITIONS} p WHERE p.rule_id = %s AND NOT EXISTS ("
        f"SELECT 1 FROM {items} i WHERE i.date = %s AND i.customer_id = p.customer_id)"
    )
    inserted = 0
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM ({unscheduled}) u", [list_rule.pk, reference_date]
        )
        (candidates,) = cursor.fetchone()
        if operators and candidates:
            pool_rows = ", ".join(["(%s, %s, %s, %s)"] * len(operators))
            pool_params = []
            for index, operator in enumerate(operators):
                capacity = (
                    operator.daily_capacity or parameters.list_capacity_per_operator
                )
                pool_params.extend(
                    [index, operator.pk, list_ids[operator.pk], capacity]
                )
            pool_ids = ", ".join(["%s"] * len(operators))
            cursor.execute(
                f"INSERT INTO {items} (collection_list_id, date, customer_id, position, oldest_real_due_date,"
                " days_late, titles, balance, status)"
                f" WITH pool(op_index, operator_id, list_id, capacity) AS (VALUES {pool_rows}),"
                f" used AS (SELECT collection_list_id AS list_id, COUNT(*) AS taken, MAX(position) AS last"
                f" FROM {items} WHERE date = %s GROUP BY collection_list_id),"
                f" eligible AS (SELECT c.* FROM ({unscheduled}) c"
                f" WHERE c.owner_id IS NULL OR c.owner_id IN ({pool_ids})),"
                # One numbering: the unowned customers in one run (the
                # round robin), each owner's customers in a run of their own.
                " ranked AS (SELECT e.*, ROW_NUMBER() OVER (PARTITION BY e.owner_id"
                f" ORDER BY {_priority_order(parameters, 'e')}) AS rn FROM eligible e),"
                " owned AS (SELECT owner_id, COUNT(*) AS taken FROM eligible"
                " WHERE owner_id IS NOT NULL GROUP BY owner_id),"
                " numbered AS (SELECT r.customer_id, r.oldest, r.titles, r.cents, pool.list_id,"
                " pool.capacity, r.rn AS slot FROM ranked r JOIN pool ON pool.operator_id = r.owner_id"
                " UNION ALL SELECT r.customer_id, r.oldest, r.titles, r.cents, pool.list_id, pool.capacity,"
                " COALESCE(owned.taken, 0) + (r.rn - 1) / %s + 1"
                " FROM ranked r JOIN pool ON pool.op_index = (r.rn - 1) %% %s"
                " LEFT JOIN owned ON owned.owner_id = pool.operator_id WHERE r.owner_id IS NULL)"
                " SELECT n.list_id, %s, n.customer_id, COALESCE(used.last, 0) + n.slot, n.oldest,"
                f" {days_late_sql(reference_param='%s', column='n.oldest')}, n.titles, n.cents / 100.0, %s"
                " FROM numbered n LEFT JOIN used ON used.list_id = n.list_id"
                " WHERE n.slot <= n.capacity - COALESCE(used.taken, 0)",
                [
                    *pool_params,
                    reference_date,
                    list_rule.pk,
                    reference_date,
                    *[operator.pk for operator in operators],
                    len(operators),
                    len(operators),
                    reference_date,
                    reference_date,
                    CollectionListItem.Status.PENDING,
                ],
            )
            inserted = cursor.rowcount
        # An operator with nothing to call that day gets no empty list.
        lists = connection.ops.quote_name(CollectionList._meta.db_table)
        cursor.execute(
            f"DELETE FROM {lists} WHERE date = %s AND NOT EXISTS ("
            f"SELECT 1 FROM {items} i WHERE i.collection_list_id = {lists}.id)",
            [reference_date],
        )
        cursor.execute(
            f"SELECT COUNT(*) FROM {lists} WHERE date = %s", [reference_date]
        )
        (list_count,) = cursor.fetchone()

    counts = {
        "lists": list_count,
        "items": inserted,
        "removed": removed,
        "not_scheduled": candidates - inserted,
    }
    logger.info(
        "Collection lists written run_id=%s reference_date=%s operators=%d items=%d not_scheduled=%d",
        run.pk,
        reference_date,
        len(operators),
        inserted,
        counts["not_scheduled"],
    )
    return counts


def _build_alone(
    *, job: str, reference_date: date, write: Callable[..., dict]
) -> BuildRun:
    def work(run: BuildRun) -> dict:
        with transaction.atomic():
            job_lock_acquire(job=job)
            job_transaction_tune()
            context = build_context_open(reference_date=reference_date)
            counts = write(run=run, context=context)
            build_context_close()
        return counts

    return run_record(job=job, reference_date=reference_date, work=work)


def bands_build(*, reference_date: date) -> BuildRun:
    """Rebuild every band rule's pre-attendance queue as of `reference_date`."""
    return _build_alone(
        job=BuildRun.Job.BANDS, reference_date=reference_date, write=band_queues_write
    )


def lists_build(*, reference_date: date) -> BuildRun:
    """Build the dated collection lists (agenda) of every group working the
    collection-list rule, as of `reference_date`."""
    return _build_alone(
        job=BuildRun.Job.LISTS,
        reference_date=reference_date,
        write=collection_lists_write,
    )


def collections_build(
    *,
    reference_date: date,
    phase_started: Callable[[str], None] | None = None,
) -> tuple[BuildRun, BuildRun]:
    """Both builds of a night in one transaction, from one computation of
    the customer positions: the band queues, then the collection lists.

    Each build is recorded as its own run with its own duration (the
    positions count in the band build's). Either both are written or
    neither: a failure marks both runs failed. `phase_started` is told
    "bands" and "lists" as each phase begins (progress display, benchmark).
    """
    band_run = run_start(job=BuildRun.Job.BANDS, reference_date=reference_date)
    list_run = run_start(job=BuildRun.Job.LISTS, reference_date=reference_date)
    announce = phase_started or (lambda phase: None)
    started = time.monotonic()
    try:
        with transaction.atomic():
            job_lock_acquire(job=BuildRun.Job.BANDS)
            job_lock_acquire(job=BuildRun.Job.LISTS)
            job_transaction_tune()
            announce("bands")
            context = build_context_open(reference_date=reference_date)
            band_counts = band_queues_write(run=band_run, context=context)
            lists_started = time.monotonic()
            announce("lists")
            list_counts = collection_lists_write(run=list_run, context=context)
            build_context_close()
    except Exception as error:
        for run in (band_run, list_run):
            run_fail(run, error=error, seconds=time.monotonic() - started)
        raise
    finished = time.monotonic()
    run_succeed(band_run, counts=band_counts, seconds=lists_started - started)
    run_succeed(list_run, counts=list_counts, seconds=finished - lists_started)
    return band_run, list_run


def paid_customers_prune() -> dict:
    """Take out of the band queues, and off the day's pending list items,
    the customers left with no title in SK1 (everything paid in the ERP),
    right after an import, instead of at the next build. Two set-based
    statements; partially paid customers keep their place until then."""
    queue = connection.ops.quote_name(BandQueueEntry._meta.db_table)
    items = connection.ops.quote_name(CollectionListItem._meta.db_table)
    sk1 = connection.ops.quote_name(CollectionTitle._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {queue} WHERE NOT EXISTS (SELECT 1 FROM {sk1} t"
            f" WHERE t.customer_id = {queue}.customer_id AND t.excluded = %s)",
            [False],
        )
        queue_removed = cursor.rowcount
        cursor.execute(
            f"DELETE FROM {items} WHERE status = %s AND NOT EXISTS (SELECT 1 FROM {sk1} t"
            f" WHERE t.customer_id = {items}.customer_id AND t.excluded = %s)",
            [CollectionListItem.Status.PENDING, False],
        )
        items_removed = cursor.rowcount
    logger.info(
        "Paid customers pruned queue_entries=%d list_items=%d",
        queue_removed,
        items_removed,
    )
    return {"queue_entries": queue_removed, "list_items": items_removed}
