"""List build: dated collection lists for the agenda, DESIGN.md "Builds"."""

import pytest
from django.db import connection

from attendance.models import CollectionList, CollectionListItem
from attendance.services import lists_build
from finance.models import CollectionTitle, Parameters
from finance.services import titles_select
from operators.models import AttendanceGroup, Operator
from tests.attendance.conftest import TODAY, customer_with_titles
from tests.factories import AttendanceGroupFactory, OperatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def list_group(chain):
    group = AttendanceGroupFactory(
        code="04", name="Listas", selection_rule=chain["LISTA"]
    )
    OperatorFactory(code="000010", group=group)
    OperatorFactory(code="000020", group=group)
    return group


@pytest.fixture
def list_customers(chain):
    """Five customers past the last band (121+ days), oldest first A..E."""
    customers = {
        name: customer_with_titles(f"00010{index}", (age, "100.00"), (5, "1.00"))
        for index, (name, age) in enumerate(
            zip("ABCDE", (300, 250, 200, 150, 130), strict=True)
        )
    }
    customer_with_titles("000900", (20, "5.00"))  # a band customer, never on a list
    titles_select(reference_date=TODAY)
    return customers


def agenda():
    return {
        operator_code: list(
            CollectionListItem.objects.filter(
                collection_list__operator__code=operator_code
            )
            .order_by("position")
            .values_list("position", "customer__code", "days_late", "titles")
        )
        for operator_code in ("000010", "000020")
    }


def test_list_customers_are_shared_round_robin_within_capacity(
    list_group, list_customers
):
    Parameters.objects.update_or_create(
        pk=1, defaults={"list_capacity_per_operator": 2}
    )

    run = lists_build(reference_date=TODAY)

    assert agenda() == {
        "000010": [(1, "000100", 300, 2), (2, "000102", 200, 2)],
        "000020": [(1, "000101", 250, 2), (2, "000103", 150, 2)],
    }
    assert run.counts == {"lists": 2, "items": 4, "removed": 0, "not_scheduled": 1}
    assert list(
        CollectionList.objects.order_by()
        .values_list("date", "description", "group__code")
        .distinct()
    ) == [(TODAY, "LISTA DE COBRANÇA 04/12/2026", "04")]


def test_operator_capacity_overrides_the_parameter(list_group, list_customers):
    Operator.objects.filter(code="000020").update(daily_capacity=1)

    lists_build(reference_date=TODAY)

    assert [code for _, code, _, _ in agenda()["000020"]] == ["000101"]
    assert [code for _, code, _, _ in agenda()["000010"]] == [
        "000100",
        "000102",
        "000104",
    ]


def test_customer_owned_by_a_list_operator_goes_to_its_owner(
    list_group, list_customers
):
    owner = Operator.objects.get(code="000020")
    CollectionTitle.objects.filter(customer=list_customers["A"]).update(owner=owner)

    lists_build(reference_date=TODAY)

    assert [code for _, code, _, _ in agenda()["000020"]] == [
        "000100",
        "000102",
        "000104",
    ]
    assert [code for _, code, _, _ in agenda()["000010"]] == ["000101", "000103"]


def test_customer_owned_by_someone_else_is_left_to_its_owner(
    chain, list_group, list_customers
):
    outsider = OperatorFactory(
        code="000099", group=AttendanceGroupFactory(selection_rule=chain["FX0130"])
    )
    CollectionTitle.objects.filter(customer=list_customers["A"]).update(owner=outsider)

    run = lists_build(reference_date=TODAY)

    assert "000100" not in {
        code for items in agenda().values() for _, code, _, _ in items
    }
    assert run.counts["not_scheduled"] == 1


def test_rebuild_keeps_started_items_and_replaces_pending_ones(
    list_group, list_customers
):
    lists_build(reference_date=TODAY)
    CollectionListItem.objects.filter(customer=list_customers["B"]).update(
        status=CollectionListItem.Status.IN_USE
    )

    run = lists_build(reference_date=TODAY)

    assert run.counts == {"lists": 2, "items": 4, "removed": 4, "not_scheduled": 0}
    assert CollectionListItem.objects.filter(customer=list_customers["B"]).count() == 1
    assert agenda()["000020"][0] == (1, "000101", 250, 2)
    assert CollectionList.objects.count() == 2


def test_receptive_inactive_and_non_collection_operators_get_no_list(
    chain, list_group, list_customers
):
    Operator.objects.filter(code="000020").update(is_active=False)
    OperatorFactory(
        code="000030",
        group=list_group,
        attendance_profile=Operator.AttendanceProfile.TELESALES,
    )
    receptive = AttendanceGroupFactory(
        code="05",
        selection_rule=chain["LISTA"],
        call_direction=AttendanceGroup.CallDirection.RECEPTIVE,
    )
    OperatorFactory(code="000040", group=receptive)

    run = lists_build(reference_date=TODAY)

    assert list(CollectionList.objects.values_list("operator__code", flat=True)) == [
        "000010"
    ]
    assert run.counts["items"] == 5


def test_without_list_rule_nothing_is_built(chain, list_customers):
    AttendanceGroup.objects.filter(selection_rule=chain["LISTA"]).delete()
    chain["LISTA"].delete()

    run = lists_build(reference_date=TODAY)

    assert run.counts == {"lists": 0, "items": 0, "removed": 0, "not_scheduled": 0}


def test_list_build_statement_count_does_not_grow_with_customers(
    list_group, list_customers, django_assert_num_queries
):
    Parameters.current()
    # PostgreSQL adds the advisory lock and the session settings of the job.
    statements = 23 if connection.vendor == "postgresql" else 21
    with django_assert_num_queries(statements):
        lists_build(reference_date=TODAY)
    for index in range(40):
        customer_with_titles(f"{200 + index:06d}", (200 + index, "10.00"))
    titles_select(reference_date=TODAY)
    with django_assert_num_queries(statements):
        lists_build(reference_date=TODAY)


def test_owned_customer_opens_its_owners_list_even_when_younger(
    list_group, list_customers
):
    owner = Operator.objects.get(code="000010")
    CollectionTitle.objects.filter(customer=list_customers["E"]).update(owner=owner)

    lists_build(reference_date=TODAY)

    assert agenda() == {
        "000010": [
            (1, "000104", 130, 2),
            (2, "000100", 300, 2),
            (3, "000102", 200, 2),
        ],
        "000020": [(1, "000101", 250, 2), (2, "000103", 150, 2)],
    }


def test_operator_without_customers_that_day_gets_no_empty_list(chain, list_group):
    customer_with_titles("000900", (20, "5.00"))  # a band customer only
    titles_select(reference_date=TODAY)

    run = lists_build(reference_date=TODAY)

    assert CollectionList.objects.count() == 0
    assert run.counts == {"lists": 0, "items": 0, "removed": 0, "not_scheduled": 0}
