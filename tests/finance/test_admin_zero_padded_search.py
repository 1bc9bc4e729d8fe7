"""Finance admin, SE1 and SK1 lists: searched by number and customer code,
also as typed without the leading zeros, and filtered by branch and type."""

import pytest
from django.urls import reverse

from tests.factories import (
    BranchFactory,
    CollectionTitleFactory,
    CustomerFactory,
    ReceivableFactory,
)
from tests.finance.admin_pages import sk1_changelist_url

pytestmark = pytest.mark.django_db


def test_receivables_are_searched_by_number_and_customer_code(supervisor_client):
    by_number = ReceivableFactory(number="000012345")
    by_customer = ReceivableFactory(customer=CustomerFactory(code="C00042"))
    url = reverse("admin:finance_receivable_changelist")

    assert list(
        supervisor_client.get(url, {"q": "000012345"}).context["cl"].result_list
    ) == [by_number]
    assert list(
        supervisor_client.get(url, {"q": "C00042"}).context["cl"].result_list
    ) == [by_customer]


def test_receivable_number_is_found_without_its_leading_zeros_within_the_filters(
    supervisor_client,
):
    filial = BranchFactory(code="02", name="Filial RJ", state="RJ")
    wanted = ReceivableFactory(branch=filial, number="000012345")
    ReceivableFactory(number="000012345")
    ReceivableFactory(number="000123450")

    response = supervisor_client.get(
        reverse("admin:finance_receivable_changelist"),
        {"q": "12345", "branch__id__exact": filial.pk},
    )

    assert list(response.context["cl"].result_list) == [wanted]


def test_sk1_title_is_found_by_customer_code_without_leading_zeros(supervisor_client):
    wanted = CollectionTitleFactory(receivable__customer=CustomerFactory(code="000042"))
    CollectionTitleFactory(receivable__customer=CustomerFactory(code="000420"))

    response = supervisor_client.get(sk1_changelist_url(), {"q": "42"})

    assert list(response.context["cl"].result_list) == [wanted]


def test_receivables_are_filtered_by_branch_and_kind(supervisor_client):
    filial = BranchFactory(code="02", name="Filial RJ", state="RJ")
    wanted = ReceivableFactory(branch=filial, kind="DP")
    ReceivableFactory(branch=filial, kind="NF")
    ReceivableFactory(kind="DP")

    response = supervisor_client.get(
        reverse("admin:finance_receivable_changelist"),
        {"branch__id__exact": filial.pk, "kind": "DP"},
    )

    assert list(response.context["cl"].result_list) == [wanted]
