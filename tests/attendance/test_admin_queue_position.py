"""The "Posição geral da fila" admin page (Protheus TMKR046)."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from finance.models import CollectionTitle
from finance.services import titles_select
from rules.models import SelectionRule
from tests.factories import (
    CustomerFactory,
    OperatorFactory,
    ReceivableFactory,
    SelectionRuleFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("admin:attendance_queue_position")
TODAY = date(2026, 12, 4)


def table_rows(html: str) -> list[list[str]]:
    """Every row of the report table (rules, out of band, total) as cell texts."""
    table = re.search(
        r'<table id="queue-position">(.*?)</table>', html, flags=re.S
    ).group(1)
    body = table.split("</thead>", 1)[1]
    return [
        [
            re.sub(r"\s+", " ", text).strip()
            for text in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        ]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, flags=re.S)
    ]


@pytest.fixture
def selector_calls(monkeypatch):
    """Replace the selector with a canned answer; record the dates asked."""
    import attendance.selectors

    calls = []

    def fake(*, reference_date):
        calls.append(reference_date)
        return {
            "reference_date": reference_date.isoformat(),
            "rules": [
                {
                    "code": "FX0130",
                    "kind": "band",
                    "from_days": 1,
                    "to_days": 30,
                    "customers": 1200,
                    "titles": 3456,
                    "balance": "1234567.89",
                    "owned_customers": 200,
                    "unowned_customers": 1000,
                },
                {
                    "code": "LISTA",
                    "kind": "list",
                    "from_days": 31,
                    "to_days": None,
                    "customers": 3,
                    "titles": 4,
                    "balance": "0.10",
                    "owned_customers": 0,
                    "unowned_customers": 3,
                },
            ],
            "out_of_band": {"customers": 2, "titles": 5, "balance": "10.01"},
        }

    monkeypatch.setattr(attendance.selectors, "queue_position", fake)
    return calls


def test_report_renders_the_chain_in_pt_br_with_out_of_band_and_total(
    supervisor_client, selector_calls
):
    SelectionRuleFactory(
        code="FX0130", description="Até 30 dias", order=10, width_days=30
    )

    response = supervisor_client.get(URL, {"date": "2026-12-04"})

    assert response.status_code == 200
    assert selector_calls == [TODAY]
    html = response.content.decode()
    assert "Data base: <strong>04/12/2026</strong>" in html
    assert table_rows(html) == [
        [
            "FX0130",
            "Até 30 dias",
            "Faixa",
            "1 a 30 dias",
            "1.200",
            "3.456",
            "R$ 1.234.567,89",
            "200",
            "1.000",
        ],
        [
            "LISTA",
            "",
            "Lista de cobrança",
            "31 dias ou mais",
            "3",
            "4",
            "R$ 0,10",
            "0",
            "3",
        ],
        [
            "Fora das faixas (atraso além da última faixa sem regra de lista, ou fora dos filtros das regras)",
            "2",
            "5",
            "R$ 10,01",
            "—",
            "—",
        ],
        ["Total", "1.205", "3.465", "R$ 1.234.578,00", "200", "1.003"],
    ]


def test_report_defaults_to_today_in_the_configured_time_zone(
    supervisor_client, selector_calls
):
    response = supervisor_client.get(URL)

    assert response.status_code == 200
    assert selector_calls == [timezone.localdate()]


def test_report_accepts_the_brazilian_date_format(supervisor_client, selector_calls):
    supervisor_client.get(URL, {"date": "04/12/2026"})

    assert selector_calls == [TODAY]


@pytest.mark.parametrize("typed", ["2026-13-45", "amanhã", "31/02/2026"])
def test_bad_date_shows_an_error_on_the_form_not_a_500(
    supervisor_client, selector_calls, typed
):
    response = supervisor_client.get(URL, {"date": typed})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "date": ["Data inválida: informe AAAA-MM-DD, por exemplo 2026-12-04."]
    }
    assert selector_calls == []
    assert 'id="queue-position"' not in response.content.decode()


def test_date_outside_the_business_years_is_refused_on_the_form(
    supervisor_client, selector_calls
):
    response = supervisor_client.get(URL, {"date": "0001-01-01"})

    assert response.context["form"].errors == {
        "date": [
            "Data inválida: 0001-01-01 está fora do intervalo aceito (1900 a 2999)."
        ]
    }
    assert selector_calls == []


def test_report_on_real_titles_counts_each_customer_in_the_band_of_its_oldest_title(
    supervisor_client,
):
    # given: the documented chain 30, 30, 60 and the list rule
    for code, order, width in (
        ("FX0130", 10, 30),
        ("FX3160", 20, 30),
        ("FX6120", 30, 60),
    ):
        SelectionRuleFactory(
            code=code, description=f"Faixa {code}", order=order, width_days=width
        )
    SelectionRuleFactory(
        code="LISTA",
        description="Lista",
        order=40,
        kind=SelectionRule.Kind.LIST,
        width_days=None,
    )
    young, two_bands, old = CustomerFactory(), CustomerFactory(), CustomerFactory()
    for customer, age, balance in (
        (young, 5, "1234.56"),
        (two_bands, 10, "50.00"),
        (two_bands, 45, "200.10"),
        (old, 200, "1000000.00"),
    ):
        due = TODAY - timedelta(days=age)
        ReceivableFactory(
            customer=customer,
            due_date=due,
            real_due_date=due,
            amount=Decimal(balance),
            balance=Decimal(balance),
        )
    titles_select(reference_date=TODAY)
    owner = OperatorFactory(
        group__selection_rule=SelectionRule.objects.get(code="FX3160")
    )
    CollectionTitle.objects.filter(customer=two_bands).update(owner=owner)

    # when
    response = supervisor_client.get(URL, {"date": "2026-12-04"})

    # then
    assert table_rows(response.content.decode()) == [
        [
            "FX0130",
            "Faixa FX0130",
            "Faixa",
            "1 a 30 dias",
            "1",
            "1",
            "R$ 1.234,56",
            "0",
            "1",
        ],
        [
            "FX3160",
            "Faixa FX3160",
            "Faixa",
            "31 a 60 dias",
            "1",
            "2",
            "R$ 250,10",
            "1",
            "0",
        ],
        [
            "FX6120",
            "Faixa FX6120",
            "Faixa",
            "61 a 120 dias",
            "0",
            "0",
            "R$ 0,00",
            "0",
            "0",
        ],
        [
            "LISTA",
            "Lista",
            "Lista de cobrança",
            "121 dias ou mais",
            "1",
            "1",
            "R$ 1.000.000,00",
            "0",
            "1",
        ],
        [
            "Fora das faixas (atraso além da última faixa sem regra de lista, ou fora dos filtros das regras)",
            "0",
            "0",
            "R$ 0,00",
            "—",
            "—",
        ],
        ["Total", "3", "4", "R$ 1.001.484,66", "1", "2"],
    ]


def test_report_with_no_rules_says_so(supervisor_client):
    response = supervisor_client.get(URL, {"date": "2026-12-04"})

    assert table_rows(response.content.decode())[0] == [
        "Nenhuma regra de seleção cadastrada."
    ]


# Who may open it


def test_anonymous_is_sent_to_login(client, selector_calls):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={URL}"
    assert selector_calls == []


def test_logged_in_non_staff_is_sent_to_login(
    client, django_user_model, selector_calls
):
    client.force_login(django_user_model.objects.create_user("operador", password="x"))

    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={URL}"
    assert selector_calls == []


def test_staff_without_the_build_run_view_permission_is_refused(
    client, django_user_model, selector_calls
):
    user = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_bandqueueentry"))
    client.force_login(user)

    assert client.get(URL).status_code == 403
    assert selector_calls == []


def test_staff_with_the_build_run_view_permission_opens_it(
    client, django_user_model, selector_calls
):
    user = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_buildrun"))
    client.force_login(user)

    assert client.get(URL, {"date": "2026-12-04"}).status_code == 200
    assert selector_calls == [TODAY]


def test_short_address_redirects_to_the_report_keeping_the_date(client):
    response = client.get("/admin/attendance/queue-position/?date=2026-12-04")

    assert response.status_code == 302
    assert (
        response["Location"]
        == "/admin/attendance/buildrun/queue-position/?date=2026-12-04"
    )
