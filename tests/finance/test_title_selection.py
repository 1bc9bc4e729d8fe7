"""Title selection (SE1 -> SK1), DESIGN.md "Title selection"."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from finance.models import CollectionTitle, Parameters
from finance.services import titles_select
from tests.factories import (
    BranchFactory,
    CustomerFactory,
    OperatorFactory,
    ReceivableFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 4)
YESTERDAY = date(2026, 12, 3)


def selected_numbers():
    return sorted(CollectionTitle.objects.values_list("number", flat=True))


def test_overdue_open_title_enters_the_mirror_with_its_columns():
    receivable = ReceivableFactory(
        number="000000001",
        due_date=date(2026, 11, 28),
        real_due_date=date(2026, 11, 30),
        balance=Decimal("80.50"),
        nature="1101",
        bearer="341",
        situation="1",
    )

    result = titles_select(reference_date=TODAY)

    assert result.as_dict() == {
        "inserted": 1,
        "updated": 0,
        "removed": 0,
        "unchanged": 0,
    }
    title = CollectionTitle.objects.get()
    assert (title.receivable_id, title.branch_id, title.customer_id) == (
        receivable.pk,
        receivable.branch_id,
        receivable.customer_id,
    )
    assert (title.due_date, title.real_due_date, title.balance) == (
        date(2026, 11, 28),
        date(2026, 11, 30),
        Decimal("80.50"),
    )
    assert (
        title.nature,
        title.bearer,
        title.situation,
        title.owner,
        title.excluded,
    ) == (
        "1101",
        "341",
        "1",
        None,
        False,
    )


def test_title_due_today_is_not_overdue():
    ReceivableFactory(number="000000001", real_due_date=TODAY)
    ReceivableFactory(number="000000002", real_due_date=YESTERDAY)

    titles_select(reference_date=TODAY)

    assert selected_numbers() == ["000000002"]


def test_selection_uses_the_real_due_date_not_the_due_date():
    # Due on Saturday 2026-11-28, real due date moved to Monday 2026-11-30.
    ReceivableFactory(
        number="000000001",
        due_date=date(2026, 11, 28),
        real_due_date=date(2026, 11, 30),
    )

    titles_select(reference_date=date(2026, 11, 30))

    assert selected_numbers() == []


def test_paid_title_and_title_without_customer_are_not_selected():
    ReceivableFactory(number="000000001", balance=Decimal("0"), real_due_date=YESTERDAY)
    ReceivableFactory(
        number="000000002",
        customer=None,
        customer_code="999999",
        customer_store="01",
        real_due_date=YESTERDAY,
    )
    ReceivableFactory(number="000000003", real_due_date=YESTERDAY)

    titles_select(reference_date=TODAY)

    assert selected_numbers() == ["000000003"]


def test_blank_mv_tmkcobr_excludes_provisional_advance_credit_note_and_abatements():
    for number, kind in enumerate(
        ["NF", "DP", "BOL", "PR", "RA", "NCC", "AB-", "IR-"], start=1
    ):
        ReceivableFactory(number=f"{number:09d}", kind=kind, real_due_date=YESTERDAY)

    titles_select(reference_date=TODAY)

    assert sorted(CollectionTitle.objects.values_list("kind", flat=True)) == [
        "BOL",
        "DP",
        "NF",
    ]


@pytest.mark.parametrize("value", ["NF,DP", "NF/DP", " nf / dp ", "NF,DP/"])
def test_mv_tmkcobr_lists_the_selectable_types_with_either_separator(value):
    Parameters.objects.update_or_create(pk=1, defaults={"selectable_types": value})
    for number, kind in enumerate(["NF", "DP", "BOL", "PR"], start=1):
        ReceivableFactory(number=f"{number:09d}", kind=kind, real_due_date=YESTERDAY)

    titles_select(reference_date=TODAY)

    assert sorted(CollectionTitle.objects.values_list("kind", flat=True)) == [
        "DP",
        "NF",
    ]


def test_second_run_without_change_writes_nothing(django_assert_num_queries):
    ReceivableFactory.create_batch(3, real_due_date=YESTERDAY)
    titles_select(reference_date=TODAY)
    before = list(
        CollectionTitle.objects.order_by("pk").values_list("pk", "refreshed_at")
    )

    result = titles_select(reference_date=TODAY)

    assert result.as_dict() == {
        "inserted": 0,
        "updated": 0,
        "removed": 0,
        "unchanged": 3,
    }
    assert (
        list(CollectionTitle.objects.order_by("pk").values_list("pk", "refreshed_at"))
        == before
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("due_date", date(2026, 11, 2)),
        ("real_due_date", date(2026, 11, 3)),
        ("balance", Decimal("40.00")),
        ("nature", "2202"),
        ("bearer", "001"),
        ("situation", "6"),
    ],
)
def test_changed_column_is_refreshed_and_the_owner_kept(field, value):
    receivable = ReceivableFactory(
        real_due_date=date(2026, 11, 1), due_date=date(2026, 11, 1)
    )
    titles_select(reference_date=TODAY)
    owner = OperatorFactory()
    CollectionTitle.objects.update(owner=owner)
    setattr(receivable, field, value)
    receivable.save()

    result = titles_select(reference_date=TODAY)

    assert result.as_dict() == {
        "inserted": 0,
        "updated": 1,
        "removed": 0,
        "unchanged": 0,
    }
    title = CollectionTitle.objects.get()
    assert getattr(title, field) == value
    assert title.owner == owner


def test_title_paid_or_deleted_leaves_the_mirror():
    paid = ReceivableFactory(real_due_date=YESTERDAY)
    deleted = ReceivableFactory(real_due_date=YESTERDAY)
    ReceivableFactory(number="000000777", real_due_date=YESTERDAY)
    titles_select(reference_date=TODAY)
    paid.balance = Decimal("0")
    paid.save()
    CollectionTitle.objects.filter(receivable=deleted).delete()
    deleted.delete()

    result = titles_select(reference_date=TODAY)

    assert result.as_dict() == {
        "inserted": 0,
        "updated": 0,
        "removed": 1,
        "unchanged": 1,
    }
    assert selected_numbers() == ["000000777"]


def test_title_whose_due_date_was_extended_leaves_the_mirror():
    receivable = ReceivableFactory(real_due_date=YESTERDAY)
    titles_select(reference_date=TODAY)
    receivable.real_due_date = date(2026, 12, 10)
    receivable.save()

    assert titles_select(reference_date=TODAY).removed == 1
    assert CollectionTitle.objects.count() == 0


def test_equal_numbers_in_two_branches_do_not_collide():
    customer = CustomerFactory()
    ReceivableFactory(
        branch=BranchFactory(code="01"),
        customer=customer,
        number="000000001",
        real_due_date=YESTERDAY,
    )
    ReceivableFactory(
        branch=BranchFactory(code="02", name="Filial RJ", state="RJ"),
        customer=customer,
        number="000000001",
        real_due_date=YESTERDAY,
    )

    titles_select(reference_date=TODAY)

    assert sorted(CollectionTitle.objects.values_list("branch__code", "number")) == [
        ("01", "000000001"),
        ("02", "000000001"),
    ]


def test_selection_statement_count_does_not_grow_with_titles(django_assert_num_queries):
    ReceivableFactory.create_batch(5, real_due_date=YESTERDAY)
    Parameters.current()
    # PostgreSQL adds two statements: the advisory lock against a concurrent run
    # and the session settings of the job transaction.
    statements = 10 if connection.vendor == "postgresql" else 8
    with django_assert_num_queries(statements):
        titles_select(reference_date=TODAY)
    ReceivableFactory.create_batch(50, real_due_date=YESTERDAY)
    with django_assert_num_queries(statements):
        titles_select(reference_date=TODAY)


def test_selection_records_mv_tmksk1():
    titles_select(reference_date=TODAY)

    assert Parameters.current().last_selection_at is not None
