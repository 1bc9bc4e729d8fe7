"""The nightly jobs through a real Celery worker on the Redis broker.

The worker runs in a thread of the test process (celery's `start_worker`),
so it shares the settings and therefore the test database; the tests use
`transaction=True` so the worker's own connection sees the committed
factory rows. Without CELERY_BROKER_URL (the embedded default: tasks run
eagerly) these tests skip, except under CI=true, where a missing broker is
a failure: CI must prove the worker path.
"""

import os
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.conf import settings

from attendance.models import BandQueueEntry, BuildRun, CollectionListItem
from finance.models import CollectionTitle
from rules.models import SelectionRule
from tests.factories import (
    AttendanceGroupFactory,
    CustomerFactory,
    OperatorFactory,
    ReceivableFactory,
    SelectionRuleFactory,
)

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

REFERENCE_DATE = date(2026, 12, 4)  # a Friday
TASK_TIMEOUT = 60


@pytest.fixture(scope="module")
def celery_worker():
    """An in-process Celery worker consuming the project's broker."""
    if not settings.CELERY_BROKER_URL:
        reason = "CELERY_BROKER_URL is not set: no Celery broker to run a real worker against"
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"{reason} (CI=true requires the worker tests to run)", pytrace=False
            )
        pytest.skip(reason)

    import celery.contrib.testing.tasks  # noqa: F401  (registers celery.ping for the start-up check)
    from celery.contrib.testing.worker import start_worker

    from telecobranca.celery import app

    assert app.conf.task_always_eager is False
    # Leftovers of an interrupted run must not execute against this database.
    app.control.purge()
    with start_worker(
        app, pool="solo", perform_ping_check=True, shutdown_timeout=30
    ) as worker:
        yield worker


def days_ago(days: int) -> date:
    return REFERENCE_DATE - timedelta(days=days)


@pytest.fixture
def ledger():
    """Three customers: A in the 31-60 band, B in the 61-120 band, C older
    than the last band (the collection list), plus titles selection skips."""
    first = SelectionRuleFactory(code="FX0130", order=10, width_days=30)
    SelectionRuleFactory(code="FX3160", order=20, width_days=30)
    SelectionRuleFactory(code="FX6120", order=30, width_days=60)
    list_rule = SelectionRuleFactory(
        code="LISTAS", order=40, kind=SelectionRule.Kind.LIST, width_days=None
    )
    OperatorFactory(group=AttendanceGroupFactory(selection_rule=first))
    list_operator = OperatorFactory(
        group=AttendanceGroupFactory(selection_rule=list_rule)
    )

    a, b, c = CustomerFactory(), CustomerFactory(), CustomerFactory()
    selected = [
        ReceivableFactory(
            customer=a, kind="NF", due_date=days_ago(10), amount=Decimal("100.00")
        ),
        ReceivableFactory(
            customer=a, kind="DP", due_date=days_ago(45), amount=Decimal("250.00")
        ),
        ReceivableFactory(
            customer=b, kind="BOL", due_date=days_ago(90), amount=Decimal("80.00")
        ),
        ReceivableFactory(
            customer=c, kind="NF", due_date=days_ago(200), amount=Decimal("999.99")
        ),
    ]
    # Paid, due today (not overdue), provisional type: never selected.
    ReceivableFactory(customer=b, due_date=days_ago(20), balance=Decimal("0.00"))
    ReceivableFactory(customer=b, due_date=REFERENCE_DATE)
    ReceivableFactory(customer=b, kind="PR", due_date=days_ago(30))
    return {
        "selected": selected,
        "customers": (a, b, c),
        "list_operator": list_operator,
    }


def test_select_titles_task_runs_on_the_worker_and_writes_sk1(celery_worker, ledger):
    from attendance.tasks import select_titles

    # when
    run_id = select_titles.delay(REFERENCE_DATE.isoformat()).get(timeout=TASK_TIMEOUT)

    # then
    run = BuildRun.objects.get(pk=run_id)
    assert (run.job, run.status, run.reference_date) == (
        BuildRun.Job.SELECTION,
        BuildRun.Status.SUCCEEDED,
        REFERENCE_DATE,
    )
    assert run.counts == {"inserted": 4, "updated": 0, "removed": 0, "unchanged": 0}
    assert set(CollectionTitle.objects.values_list("receivable_id", flat=True)) == {
        receivable.pk for receivable in ledger["selected"]
    }


def test_collections_daily_chain_runs_selection_bands_and_lists_on_the_worker(
    celery_worker, ledger
):
    from celery.result import AsyncResult

    from attendance.tasks import collections_daily

    # when: the chain's id is its last task, the builds (band and list runs)
    chain_id = collections_daily.delay(REFERENCE_DATE.isoformat()).get(
        timeout=TASK_TIMEOUT
    )
    build_run_ids = AsyncResult(chain_id).get(timeout=TASK_TIMEOUT)

    # then
    runs = list(
        BuildRun.objects.order_by("started_at", "id").values_list("job", "status")
    )
    assert runs == [
        (BuildRun.Job.SELECTION, BuildRun.Status.SUCCEEDED),
        (BuildRun.Job.BANDS, BuildRun.Status.SUCCEEDED),
        (BuildRun.Job.LISTS, BuildRun.Status.SUCCEEDED),
    ]
    assert build_run_ids == [
        BuildRun.objects.get(job=BuildRun.Job.BANDS).pk,
        BuildRun.objects.get(job=BuildRun.Job.LISTS).pk,
    ]
    a, b, c = ledger["customers"]
    queue = set(
        BandQueueEntry.objects.values_list(
            "selection_rule__code", "customer_id", "titles", "balance"
        )
    )
    assert queue == {
        ("FX3160", a.pk, 2, Decimal("350.00")),
        ("FX6120", b.pk, 1, Decimal("80.00")),
    }
    items = list(
        CollectionListItem.objects.values_list(
            "collection_list__operator_id", "customer_id", "days_late"
        )
    )
    assert items == [(ledger["list_operator"].pk, c.pk, 200)]
