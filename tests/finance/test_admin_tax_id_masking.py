"""Finance admin, customers: the tax id is masked in lists and whole on the
detail page."""

import pytest
from django.urls import reverse

from finance.admin import tax_id_masked
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("tax_id", "masked"),
    [
        ("12345678901", "***.456.789-**"),
        ("12345678000195", "12.345.678/****-**"),
        ("", ""),
        ("ABC123", "****23"),
    ],
)
def test_tax_id_mask(tax_id, masked):
    assert tax_id_masked(tax_id) == masked


def test_customer_list_masks_the_cpf_and_the_detail_shows_it_whole(supervisor_client):
    customer = CustomerFactory(tax_id="12345678901")

    listing = supervisor_client.get(
        reverse("admin:finance_customer_changelist")
    ).content.decode()
    detail = supervisor_client.get(
        reverse("admin:finance_customer_change", args=[customer.pk])
    ).content.decode()

    assert '<td class="field-tax_id_display">***.456.789-**</td>' in listing
    assert "12345678901" not in listing
    assert 'name="tax_id" value="12345678901"' in detail


def test_customer_is_found_by_its_whole_tax_id(supervisor_client):
    wanted = CustomerFactory(tax_id="12345678901")
    CustomerFactory(tax_id="98765432100")

    response = supervisor_client.get(
        reverse("admin:finance_customer_changelist"), {"q": "12345678901"}
    )

    assert list(response.context["cl"].result_list) == [wanted]
