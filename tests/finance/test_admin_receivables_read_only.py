"""Finance admin, SE1 and payments: they come from the ERP, so the admin
shows them read-only."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import ReceivableFactory

pytestmark = pytest.mark.django_db


def test_receivable_cannot_be_added_changed_or_deleted_in_the_admin(supervisor_client):
    receivable = ReceivableFactory()
    change_url = reverse("admin:finance_receivable_change", args=[receivable.pk])

    assert (
        supervisor_client.get(reverse("admin:finance_receivable_add")).status_code
        == 403
    )
    assert (
        supervisor_client.get(
            reverse("admin:finance_receivable_delete", args=[receivable.pk])
        ).status_code
        == 403
    )
    detail = supervisor_client.get(change_url)
    assert detail.status_code == 200
    assert 'name="balance"' not in detail.content.decode()
    response = supervisor_client.post(change_url, {"balance": "0.00", "number": "X"})
    assert response.status_code == 403
    receivable.refresh_from_db()
    assert receivable.balance == Decimal("100.00")


def test_payment_list_shows_branch_and_value(supervisor_client):
    receivable = ReceivableFactory()
    receivable.payments.create(date=date(2026, 2, 10), amount=Decimal("1234.50"))

    html = supervisor_client.get(
        reverse("admin:finance_payment_changelist")
    ).content.decode()

    assert '<td class="field-receivable_branch">01</td>' in html
    assert '<td class="field-amount_display">R$ 1.234,50</td>' in html
    assert (
        supervisor_client.get(reverse("admin:finance_payment_add")).status_code == 403
    )


def test_receivable_detail_lists_its_payments(supervisor_client):
    receivable = ReceivableFactory()
    receivable.payments.create(date=date(2026, 2, 10), amount=Decimal("40.00"))

    html = supervisor_client.get(
        reverse("admin:finance_receivable_change", args=[receivable.pk])
    ).content.decode()

    assert "<p>10 de Fevereiro de 2026</p>" in html
    assert "<p>R$ 40,00</p>" in html
