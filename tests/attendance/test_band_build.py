"""Band build: the pre-attendance queues, DESIGN.md "Builds"."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection

from attendance.models import BandQueueEntry, BuildRun
from attendance.services import bands_build, collections_build
from finance.models import CollectionTitle, Parameters
from tests.attendance.conftest import TODAY, customer_with_titles
from tests.factories import OperatorFactory

pytestmark = pytest.mark.django_db


def queue_rows():
    return list(
        BandQueueEntry.objects.order_by(
            "selection_rule__order", "priority"
        ).values_list(
            "selection_rule__code",
            "priority",
            "customer__code",
            "oldest_real_due_date",
            "days_late",
            "titles",
            "balance",
            "owner_id",
        )
    )


def test_band_build_queues_band_customers_oldest_first(chain, portfolio):
    run = bands_build(reference_date=TODAY)

    assert queue_rows() == [
        ("FX0130", 1, "000005", date(2026, 11, 4), 30, 1, Decimal("10.00"), None),
        ("FX0130", 2, "000001", date(2026, 11, 29), 5, 1, Decimal("100.00"), None),
        ("FX3160", 1, "000002", date(2026, 10, 20), 45, 2, Decimal("250.10"), None),
        ("FX3160", 2, "000006", date(2026, 11, 3), 31, 1, Decimal("20.00"), None),
        ("FX6120", 1, "000007", date(2026, 8, 6), 120, 1, Decimal("30.00"), None),
        ("FX6120", 2, "000004", date(2026, 9, 5), 90, 1, Decimal("1000.00"), None),
    ]
    assert (run.status, run.progress, run.reference_date) == (
        BuildRun.Status.SUCCEEDED,
        100,
        TODAY,
    )
    assert run.counts == {
        "customers": 6,
        "removed": 0,
        "owned_customers": 0,
        "rules": {"FX0130": 2, "FX3160": 2, "FX6120": 2},
    }
    assert run.duration_seconds is not None and run.finished_at is not None


def test_mv_tmkselv_puts_the_largest_balance_first_on_equal_dates(chain):
    customer_with_titles("000001", (40, "10.00"))
    customer_with_titles("000002", (40, "900.00"))
    customer_with_titles("000003", (50, "1.00"))
    from finance.services import titles_select

    titles_select(reference_date=TODAY)
    bands_build(reference_date=TODAY)
    assert [row[2] for row in queue_rows()] == ["000003", "000001", "000002"]

    Parameters.objects.update_or_create(pk=1, defaults={"largest_balance_first": True})
    bands_build(reference_date=TODAY)
    assert [row[2] for row in queue_rows()] == ["000003", "000002", "000001"]


def test_owned_customer_stays_in_the_queue_with_its_owner(chain, portfolio):
    operator = OperatorFactory(group__selection_rule=chain["FX6120"])
    CollectionTitle.objects.filter(customer=portfolio["ninety"]).update(owner=operator)

    run = bands_build(reference_date=TODAY)

    assert BandQueueEntry.objects.get(customer=portfolio["ninety"]).owner == operator
    assert run.counts["owned_customers"] == 1


def test_rebuild_replaces_the_queue_and_no_customer_stands_in_two_bands(
    chain, portfolio
):
    bands_build(reference_date=TODAY)
    run = bands_build(reference_date=date(2026, 12, 20))

    assert run.counts["removed"] == 6
    assert (
        BandQueueEntry.objects.count()
        == BandQueueEntry.objects.values("customer").distinct().count()
    )
    # 16 days later the 30-day customer has aged into the second band.
    assert (
        BandQueueEntry.objects.get(customer=portfolio["edge_30"]).selection_rule.code
        == "FX3160"
    )


def test_band_build_statement_count_does_not_grow_with_customers(
    chain, django_assert_num_queries
):
    from finance.services import titles_select

    for code in range(1, 4):
        customer_with_titles(f"{code:06d}", (code * 20, "10.00"))
    titles_select(reference_date=TODAY)
    Parameters.current()
    # PostgreSQL adds two statements: the advisory lock against a concurrent build
    # and the session settings of the job transaction.
    statements = 18 if connection.vendor == "postgresql" else 16
    with django_assert_num_queries(statements):
        bands_build(reference_date=TODAY)
    for code in range(10, 60):
        customer_with_titles(f"{code:06d}", (code, "10.00"))
    titles_select(reference_date=TODAY)
    with django_assert_num_queries(statements):
        bands_build(reference_date=TODAY)


def test_failed_build_is_recorded_with_its_error(chain, portfolio, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("banco indisponível")

    monkeypatch.setattr("attendance.services.builds.positions_query", broken)

    with pytest.raises(RuntimeError):
        bands_build(reference_date=TODAY)

    run = BuildRun.objects.get()
    assert (run.job, run.status, run.error) == (
        "bands",
        "failed",
        "Erro inesperado (RuntimeError): banco indisponível",
    )


def test_build_collections_command_prints_the_counts(chain, portfolio, capsys):
    call_command("build_collections", "--date", "2026-12-04")

    assert capsys.readouterr().out.splitlines() == [
        "Filas das faixas em 04/12/2026: 6 clientes (FX0130: 2, FX3160: 2, FX6120: 2).",
        "Listas de cobrança em 04/12/2026: 0 listas, 0 clientes agendados, 2 sem agenda.",
    ]


def test_nightly_build_writes_queues_and_lists_from_one_positions_pass(
    chain, portfolio
):
    phases = []

    band_run, list_run = collections_build(
        reference_date=TODAY, phase_started=phases.append
    )

    assert phases == ["bands", "lists"]
    assert (band_run.job, band_run.status, list_run.job, list_run.status) == (
        "bands",
        "succeeded",
        "lists",
        "succeeded",
    )
    assert band_run.counts["customers"] == 6
    assert list_run.counts == {
        "lists": 0,
        "items": 0,
        "removed": 0,
        "not_scheduled": 2,
    }


def test_nightly_build_failure_writes_nothing_and_marks_both_runs(
    chain, portfolio, monkeypatch
):
    bands_build(reference_date=TODAY)

    def broken(**kwargs):
        raise RuntimeError("lista corrompida")

    monkeypatch.setattr("attendance.services.builds.collection_lists_write", broken)

    with pytest.raises(RuntimeError):
        collections_build(reference_date=date(2026, 12, 20))

    failed = BuildRun.objects.filter(status="failed").order_by("job")
    assert list(failed.values_list("job", "error")) == [
        ("bands", "Erro inesperado (RuntimeError): lista corrompida"),
        ("lists", "Erro inesperado (RuntimeError): lista corrompida"),
    ]
    # The queue of the earlier build is intact: the failed night wrote nothing.
    assert set(BandQueueEntry.objects.values_list("reference_date", flat=True)) == {
        TODAY
    }
