"""The nightly builds: band queues (pre-attendance) and dated collection
lists (agenda). Each is a fixed handful of SQL statements, whatever the
number of titles, customers or operators' items."""

import logging
from datetime import date

from django.db import connection, transaction

from finance.jobs import job_lock_acquire, job_transaction_tune
from finance.models import Parameters
from operators.models import AttendanceGroup, Operator
from rules.models import SelectionRule

from ..models import BandQueueEntry, BuildRun, CollectionList, CollectionListItem
from ..selectors import days_late_sql, positions_query
from .runs import run_record

logger = logging.getLogger(__name__)

# Session-private scratch table of the list build.
CANDIDATES = "list_build_candidates"


def _priority_order(parameters: Parameters, alias: str) -> str:
    """Oldest real due date first; with MV_TMKSELV, the largest balance
    first among equal dates; the customer id makes the order total."""
    balance = f"{alias}.cents DESC, " if parameters.largest_balance_first else ""
    return f"{alias}.oldest, {balance}{alias}.customer_id"


def bands_build(*, reference_date: date) -> BuildRun:
    """Rebuild every band rule's pre-attendance queue as of `reference_date`.

    Each customer stands in the queue of the band of its oldest open
    overdue title, with all its open overdue titles, its balance and a
    priority (1 = next to be served). Customers an operator owns stay in
    the queue with their owner shown; "next customer" skips them.
    """
    return run_record(
        job=BuildRun.Job.BANDS,
        reference_date=reference_date,
        work=lambda run: _bands_work(run=run, reference_date=reference_date),
    )


@transaction.atomic
def _bands_work(*, run: BuildRun, reference_date: date) -> dict:
    job_lock_acquire(job=BuildRun.Job.BANDS)
    job_transaction_tune()
    parameters = Parameters.current()
    query = positions_query(reference_date=reference_date, parameters=parameters)
    band_rule_ids = [
        band.rule.pk
        for band in query.bands
        if band.rule.kind == SelectionRule.Kind.BAND
    ]
    queue = connection.ops.quote_name(BandQueueEntry._meta.db_table)

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {queue}")
        removed = cursor.rowcount
        inserted = 0
        if band_rule_ids:
            placeholders = ", ".join(["%s"] * len(band_rule_ids))
            cursor.execute(
                f"INSERT INTO {queue} (build_run_id, reference_date, selection_rule_id, customer_id,"
                " oldest_real_due_date, days_late, titles, balance, owner_id, priority)"
                f" {query.sql} SELECT %s, %s, p.rule_id, p.customer_id, p.oldest,"
                f" {days_late_sql(reference_param='%s', column='p.oldest')}, p.titles, p.cents / 100.0,"
                f" p.owner_id, ROW_NUMBER() OVER (PARTITION BY p.rule_id ORDER BY {_priority_order(parameters, 'p')})"
                f" FROM positions p WHERE p.rule_id IN ({placeholders})",
                [*query.params, run.pk, reference_date, reference_date, *band_rule_ids],
            )
            inserted = cursor.rowcount
        cursor.execute(
            f"SELECT selection_rule_id, COUNT(*), COUNT(owner_id) FROM {queue} GROUP BY selection_rule_id"
        )
        per_rule = {
            rule_id: (customers, owned)
            for rule_id, customers, owned in cursor.fetchall()
        }

    codes = {band.rule.pk: band.rule.code for band in query.bands}
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
        "Band build finished run_id=%s reference_date=%s customers=%d rules=%d",
        run.pk,
        reference_date,
        inserted,
        len(band_rule_ids),
    )
    return counts


def lists_build(*, reference_date: date) -> BuildRun:
    """Build the dated collection lists (agenda) of every group working the
    collection-list rule, as of `reference_date`."""
    return run_record(
        job=BuildRun.Job.LISTS,
        reference_date=reference_date,
        work=lambda run: _lists_work(run=run, reference_date=reference_date),
    )


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


@transaction.atomic
def _lists_work(*, run: BuildRun, reference_date: date) -> dict:
    """Distribute the list rule's customers among the list operators.

    Rebuilding a date replaces that date's items still pending; items an
    operator has started or finished stay, and their customers are not
    scheduled twice (one item per customer per day, a database key). A
    customer owned by a list operator goes to its owner; a customer owned
    by anyone else is left to its owner. The others go round-robin, in
    priority order, so every operator gets the same number of customers;
    nobody gets more than their daily capacity. What does not fit is
    counted as not scheduled, never silently dropped.
    """
    job_lock_acquire(job=BuildRun.Job.LISTS)
    job_transaction_tune()
    parameters = Parameters.current()
    list_rule = SelectionRule.objects.filter(kind=SelectionRule.Kind.LIST).first()
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
    query = positions_query(reference_date=reference_date, parameters=parameters)
    inserted = 0
    with connection.cursor() as cursor:
        # The list rule's customers not on anyone's list that day yet, worked
        # out once and read twice (distribution, then what did not fit).
        cursor.execute(f"DROP TABLE IF EXISTS {CANDIDATES}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {CANDIDATES} AS {query.sql}"
            " SELECT p.customer_id, p.oldest, p.titles, p.cents, p.owner_id FROM positions p"
            f" WHERE p.rule_id = %s AND NOT EXISTS ("
            f"SELECT 1 FROM {items} i WHERE i.date = %s AND i.customer_id = p.customer_id)",
            [*query.params, list_rule.pk, reference_date],
        )
        cursor.execute(f"SELECT COUNT(*) FROM {CANDIDATES}")
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
            order = _priority_order(parameters, "e")
            cursor.execute(
                f"INSERT INTO {items} (collection_list_id, date, customer_id, position, oldest_real_due_date,"
                " days_late, titles, balance, status)"
                f" WITH pool(op_index, operator_id, list_id, capacity) AS (VALUES {pool_rows}),"
                f" used AS (SELECT collection_list_id AS list_id, COUNT(*) AS taken, MAX(position) AS last"
                f" FROM {items} WHERE date = %s GROUP BY collection_list_id),"
                f" eligible AS (SELECT c.* FROM {CANDIDATES} c"
                f" WHERE c.owner_id IS NULL OR c.owner_id IN ({pool_ids})),"
                " ranked AS (SELECT e.*, ROW_NUMBER() OVER ("
                f" PARTITION BY CASE WHEN e.owner_id IS NULL THEN 0 ELSE 1 END ORDER BY {order}) AS rn"
                " FROM eligible e),"
                " assigned AS (SELECT r.*, pool.operator_id AS assignee, pool.list_id, pool.capacity"
                " FROM ranked r JOIN pool ON pool.operator_id = r.owner_id"
                " UNION ALL SELECT r.*, pool.operator_id, pool.list_id, pool.capacity"
                " FROM ranked r JOIN pool ON pool.op_index = (r.rn - 1) %% %s WHERE r.owner_id IS NULL),"
                " numbered AS (SELECT a.*, ROW_NUMBER() OVER ("
                f" PARTITION BY a.assignee ORDER BY {_priority_order(parameters, 'a')}) AS slot FROM assigned a)"
                " SELECT n.list_id, %s, n.customer_id, COALESCE(used.last, 0) + n.slot, n.oldest,"
                f" {days_late_sql(reference_param='%s', column='n.oldest')}, n.titles, n.cents / 100.0, %s"
                " FROM numbered n LEFT JOIN used ON used.list_id = n.list_id"
                " WHERE n.slot <= n.capacity - COALESCE(used.taken, 0)",
                [
                    *pool_params,
                    reference_date,
                    *[operator.pk for operator in operators],
                    len(operators),
                    reference_date,
                    reference_date,
                    CollectionListItem.Status.PENDING,
                ],
            )
            inserted = cursor.rowcount
        cursor.execute(f"DROP TABLE {CANDIDATES}")
    not_scheduled = candidates - inserted

    counts = {
        "lists": len(operators),
        "items": inserted,
        "removed": removed,
        "not_scheduled": not_scheduled,
    }
    logger.info(
        "List build finished run_id=%s reference_date=%s operators=%d items=%d not_scheduled=%d",
        run.pk,
        reference_date,
        len(operators),
        inserted,
        not_scheduled,
    )
    return counts
