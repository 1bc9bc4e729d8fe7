"""The supervisor's screens in a real browser: the chain of bands while a
rule is typed, and the queue position report."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from finance.services import titles_select
from tests.factories import CustomerFactory, ReceivableFactory, SelectionRuleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "senha-forte-123"


@pytest.fixture
def signed_in(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("supervisor", "s@example.com", PASSWORD)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "supervisor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


@pytest.fixture
def chain():
    for code, order, width in (
        ("FX0130", 10, 30),
        ("FX3160", 20, 30),
        ("FX6120", 30, 60),
    ):
        SelectionRuleFactory(
            code=code, description=f"Faixa {code}", order=order, width_days=width
        )
    SelectionRuleFactory(
        code="LISTA", description="Listas", order=40, kind="list", width_days=None
    )


def test_supervisor_sees_the_derived_bands_and_is_told_where_a_range_must_start(
    signed_in, live_server, chain
):
    page = signed_in

    page.goto(f"{live_server.url}/admin/rules/selectionrule/")
    bands = page.locator("td.field-band").all_inner_texts()
    assert bands == ["1 a 30 dias", "31 a 60 dias", "61 a 120 dias", "121 dias ou mais"]

    page.goto(f"{live_server.url}/admin/rules/selectionrule/add/")
    page.fill("#id_code", "FX3060")
    page.fill("#id_description", "30 a 60")
    page.fill("#id_order", "15")
    page.fill("#id_band_range", "30 a 60")
    page.click("input[name=_save]")

    assert page.locator(".errorlist").first.inner_text() == (
        "A faixa anterior termina em 30 dias; esta começa em 31. "
        "Para cobrir até 60 dias, informe 31 a 60 (largura 30)."
    )


def test_queue_position_report_shows_each_band_in_pt_br(signed_in, live_server, chain):
    page = signed_in
    # The report opens on today: the titles are aged from today too.
    today = timezone.localdate()
    for code, ages_and_balances in (
        ("000001", [(5, "1234.56")]),
        ("000002", [(200, "10.00"), (3, "0.05")]),
    ):
        customer = CustomerFactory(code=code)
        for age, balance in ages_and_balances:
            due = today - timedelta(days=age)
            ReceivableFactory(
                customer=customer,
                due_date=due,
                real_due_date=due,
                balance=Decimal(balance),
            )
    titles_select(reference_date=today)

    page.goto(f"{live_server.url}/admin/attendance/queue-position/")
    rows = page.locator("#queue-position tbody tr")

    first = rows.nth(0).locator("td").all_inner_texts()
    assert first[0] == "FX0130" and first[4:7] == ["1", "1", "R$ 1.234,56"]
    listed = rows.nth(3).locator("td").all_inner_texts()
    assert listed[0] == "LISTA" and listed[4:7] == ["1", "2", "R$ 10,05"]
