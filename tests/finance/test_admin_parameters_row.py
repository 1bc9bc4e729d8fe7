"""Finance admin, parameters: one row, which the list goes straight to."""

from decimal import Decimal

import pytest
from django.urls import reverse

from finance.models import Parameters

pytestmark = pytest.mark.django_db


def test_parameters_list_goes_to_the_single_row(supervisor_client):
    response = supervisor_client.get(reverse("admin:finance_parameters_changelist"))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:finance_parameters_change", args=[1])
    assert Parameters.objects.count() == 1


def test_parameters_cannot_be_added_when_the_row_exists_nor_deleted(supervisor_client):
    Parameters.current()

    assert (
        supervisor_client.get(reverse("admin:finance_parameters_add")).status_code
        == 403
    )
    assert (
        supervisor_client.get(
            reverse("admin:finance_parameters_delete", args=[1])
        ).status_code
        == 403
    )


def test_parameters_can_be_added_before_the_row_exists(supervisor_client):
    assert (
        supervisor_client.get(reverse("admin:finance_parameters_add")).status_code
        == 200
    )


def test_parameters_change_form_shows_protheus_names_and_saves(supervisor_client):
    Parameters.current()
    url = reverse("admin:finance_parameters_change", args=[1])

    html = supervisor_client.get(url).content.decode()
    response = supervisor_client.post(
        url,
        {
            "selectable_types": "NF,DP",
            "largest_balance_first": "on",
            "auto_close_code": "000001",
            "auto_close_text": "Pago",
            "fine_percent": "2.00",
            "monthly_interest_percent": "1.00",
            "list_capacity_per_operator": "25",
            "_save": "Salvar",
        },
    )

    for name in (
        "MV_TMKCOBR",
        "MV_TMKSELV",
        "MV_TMKREGF",
        "MV_TMKTLCT",
        "MV_TMKENC",
        "MV_TMKMEMO",
        "MV_TMKSK1",
    ):
        assert name in html
    assert response.status_code == 302
    parameters = Parameters.current()
    assert (
        parameters.selectable_types,
        parameters.largest_balance_first,
        parameters.list_capacity_per_operator,
    ) == (
        "NF,DP",
        True,
        25,
    )


def test_percentages_are_typed_and_shown_the_brazilian_way(supervisor_client):
    parameters = Parameters.current()
    url = reverse("admin:finance_parameters_change", args=[parameters.pk])
    page = supervisor_client.get(url).content.decode()
    assert 'name="fine_percent" value="2,00"' in page

    response = supervisor_client.post(
        url,
        {
            "selectable_types": "",
            "auto_close_code": "",
            "auto_close_text": "",
            "fine_percent": "2,5",
            "monthly_interest_percent": "1,00",
            "list_capacity_per_operator": "40",
        },
    )

    assert response.status_code == 302
    assert Parameters.current().fine_percent == Decimal("2.50")
