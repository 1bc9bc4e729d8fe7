"""A supervisor hands a collection list to another operator in the admin."""

import pytest
from django.urls import reverse

from attendance.models import CollectionList
from attendance.services import lists_build
from tests.attendance.conftest import TODAY, customer_with_titles
from tests.factories import AttendanceGroupFactory, OperatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lists(chain):
    """Two list operators with a list each, a third list operator without
    one, and a band operator."""
    from finance.services import titles_select

    group = AttendanceGroupFactory(code="04", selection_rule=chain["LISTA"])
    other_group = AttendanceGroupFactory(code="05", selection_rule=chain["LISTA"])
    operators = {
        "first": OperatorFactory(code="000010", group=group),
        "second": OperatorFactory(code="000020", group=group),
        "free": OperatorFactory(code="000030", group=other_group),
        "band": OperatorFactory(
            code="000040", group=AttendanceGroupFactory(selection_rule=chain["FX0130"])
        ),
    }
    for code, age in (("000100", 300), ("000101", 250)):
        customer_with_titles(code, (age, "100.00"))
    titles_select(reference_date=TODAY)
    operators["free"].is_active = False
    operators["free"].save()
    lists_build(reference_date=TODAY)
    operators["free"].is_active = True
    operators["free"].save()
    return operators


def hand_over(client, collection_list, operator):
    return client.post(
        reverse("admin:attendance_collectionlist_change", args=[collection_list.pk]),
        {
            "operator": operator.pk,
            "description": collection_list.description,
            "status": collection_list.status,
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
    )


def test_list_goes_to_a_free_list_operator_with_his_group(supervisor_client, lists):
    collection_list = CollectionList.objects.get(operator=lists["first"])

    response = hand_over(supervisor_client, collection_list, lists["free"])

    assert response.status_code == 302
    collection_list.refresh_from_db()
    assert (collection_list.operator, collection_list.group.code) == (
        lists["free"],
        "05",
    )


def test_list_refused_to_an_operator_who_has_one_that_day(supervisor_client, lists):
    collection_list = CollectionList.objects.get(operator=lists["first"])

    response = hand_over(supervisor_client, collection_list, lists["second"])

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "operator": [
            f"{lists['second']} já tem uma lista em 04/12/2026; um operador tem uma lista por dia."
        ]
    }


def test_list_refused_to_an_operator_outside_the_list_groups(supervisor_client, lists):
    collection_list = CollectionList.objects.get(operator=lists["first"])

    response = hand_over(supervisor_client, collection_list, lists["band"])

    assert response.context["adminform"].form.errors == {
        "operator": [
            f"{lists['band']} não recebe listas de cobrança: é preciso um operador ativo, "
            "com atendimento Telecobrança ou Todos, de um grupo que trabalhe a regra de lista."
        ]
    }
