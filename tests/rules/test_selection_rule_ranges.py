"""Selection rules typed as ranges, the way supervisors think ("1 a 30, 30
a 60"): each is checked against where the chain really puts the band, and a
band that moves the later ones says so."""

import pytest
from django.urls import reverse

from rules.forms import SelectionRuleForm
from rules.models import SelectionRule
from tests.factories import SelectionRuleFactory
from tests.rules.selection_rule_pages import (
    ADD_URL,
    CHANGELIST_URL,
    band_cells,
    form_errors,
    rule_post,
)

pytestmark = pytest.mark.django_db


# Ranges typed the way supervisors think ("1 a 30, 30 a 60")


def test_range_overlapping_the_previous_band_names_the_derived_range(supervisor_client):
    SelectionRuleFactory(code="FX0130", order=10, width_days=30)

    response = supervisor_client.post(
        ADD_URL, rule_post(order=20, band_range="30 a 60")
    )

    assert form_errors(response) == {
        "band_range": [
            "A faixa anterior termina em 30 dias; esta começa em 31. "
            "Para cobrir até 60 dias, informe 31 a 60 (largura 30)."
        ]
    }


def test_range_leaving_a_gap_after_the_previous_band_is_refused(supervisor_client):
    SelectionRuleFactory(code="FX0130", order=10, width_days=30)

    response = supervisor_client.post(ADD_URL, rule_post(order=20, band_range="40-60"))

    assert form_errors(response) == {
        "band_range": [
            "A faixa anterior termina em 30 dias; esta começa em 31. "
            "Para cobrir até 60 dias, informe 31 a 60 (largura 30)."
        ]
    }


def test_first_band_must_start_at_one_day(supervisor_client):
    response = supervisor_client.post(ADD_URL, rule_post(order=10, band_range="0 a 30"))

    assert form_errors(response) == {
        "band_range": [
            "Esta é a primeira faixa da cadeia; ela começa em 1 dia. "
            "Para cobrir até 30 dias, informe 1 a 30 (largura 30)."
        ]
    }


def test_range_already_covered_by_earlier_bands_is_refused(supervisor_client, chain):
    response = supervisor_client.post(ADD_URL, rule_post(order=35, band_range="61-90"))

    assert form_errors(response) == {
        "band_range": [
            "A faixa anterior termina em 120 dias; esta começa em 121. "
            "Até 90 dias já está coberto pelas faixas anteriores: informe um fim de 121 dias ou mais."
        ]
    }


def test_range_on_the_list_rule_is_refused(supervisor_client):
    response = supervisor_client.post(
        ADD_URL, rule_post(kind=SelectionRule.Kind.LIST, band_range="121-999")
    )

    assert form_errors(response) == {
        "band_range": [
            "A regra de lista não tem faixa própria: ela cobre todo atraso depois da última faixa. Deixe a faixa vazia."
        ]
    }


def test_range_that_is_not_a_range_is_refused(supervisor_client):
    response = supervisor_client.post(
        ADD_URL, rule_post(order=10, band_range="trinta dias")
    )

    assert form_errors(response) == {
        "band_range": [
            "Informe a faixa como de-até em dias de atraso, por exemplo 31-60 ou 31 a 60."
        ]
    }


@pytest.mark.parametrize("typed", ["31-60", "31 a 60", "31 até 60 dias", " 31 – 60 "])
def test_valid_range_sets_the_width(supervisor_client, typed):
    SelectionRuleFactory(code="FX0130", order=10, width_days=30)

    response = supervisor_client.post(ADD_URL, rule_post(order=20, band_range=typed))

    assert response.status_code == 302
    assert SelectionRule.objects.get(code="NOVA").width_days == 30


def test_range_wins_over_the_width_left_in_the_form(supervisor_client, chain):
    rule = chain["FX3160"]

    response = supervisor_client.post(
        reverse("admin:rules_selectionrule_change", args=[rule.pk]),
        rule_post(
            code="FX3160",
            description="31 a 90",
            order=20,
            width_days=30,
            band_range="31 a 90",
        ),
    )

    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.width_days == 60


def test_range_inserted_between_two_bands_starts_after_the_earlier_one_only(
    supervisor_client, chain
):
    # given 1-30 (order 10), 31-60 (order 20), 61-120 (order 30): a rule at order 25
    response = supervisor_client.post(ADD_URL, rule_post(order=25, band_range="61-75"))

    assert response.status_code == 302
    assert SelectionRule.objects.get(code="NOVA").width_days == 15
    changelist = supervisor_client.get(CHANGELIST_URL)
    assert band_cells(changelist.content.decode()) == [
        ("FX0130", "1 a 30 dias"),
        ("FX3160", "31 a 60 dias"),
        ("NOVA", "61 a 75 dias"),
        ("FX6120", "76 a 135 dias"),
        ("LISTA", "136 dias ou mais"),
    ]


def test_widths_typed_as_ranges_build_the_documented_chain(supervisor_client):
    for order, code, typed in (
        (10, "FX0130", "1 a 30"),
        (20, "FX3160", "31 a 60"),
        (30, "FX6120", "61 a 120"),
    ):
        response = supervisor_client.post(
            ADD_URL, rule_post(code=code, order=order, band_range=typed)
        )
        assert response.status_code == 302
    supervisor_client.post(
        ADD_URL, rule_post(code="LISTA", order=40, kind=SelectionRule.Kind.LIST)
    )

    response = supervisor_client.get(CHANGELIST_URL)

    assert list(
        SelectionRule.objects.order_by("order").values_list("width_days", flat=True)
    ) == [30, 30, 60, None]
    assert band_cells(response.content.decode()) == [
        ("FX0130", "1 a 30 dias"),
        ("FX3160", "31 a 60 dias"),
        ("FX6120", "61 a 120 dias"),
        ("LISTA", "121 dias ou mais"),
    ]


def test_form_alone_computes_the_width_from_the_range(chain):
    form = SelectionRuleForm(
        data={
            "code": "NOVA",
            "description": "Nova",
            "kind": "band",
            "order": 35,
            "band_range": "121 a 180",
        }
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["width_days"] == 60


def test_range_and_a_typed_width_that_disagree_are_refused(supervisor_client, chain):
    response = supervisor_client.post(
        ADD_URL, rule_post(order=35, band_range="121 a 150", width_days=10)
    )

    assert form_errors(response) == {
        "band_range": [
            "A faixa 121 a 150 tem largura 30, mas a largura informada é 10: "
            "deixe só uma das duas, ou faça-as concordar."
        ]
    }


def test_reversed_range_is_called_reversed(supervisor_client, chain):
    response = supervisor_client.post(
        ADD_URL, rule_post(order=35, band_range="200 a 121")
    )

    assert form_errors(response) == {
        "band_range": [
            "A faixa 200 a 121 está invertida: o início vem antes do fim, por exemplo 121 a 200."
        ]
    }


def test_inserting_a_band_warns_which_later_bands_moved(supervisor_client, chain):
    response = supervisor_client.post(
        ADD_URL, rule_post(order=25, band_range="61-75"), follow=True
    )

    warnings = [
        str(message)
        for message in response.context["messages"]
        if message.level_tag == "warning"
    ]
    assert warnings == [
        "As faixas seguintes mudaram e os clientes serão distribuídos de novo na próxima "
        "montagem: FX6120: de 61 a 120 dias para 76 a 135 dias; LISTA: de 121 dias ou mais "
        "para 136 dias ou mais. Confira as descrições delas."
    ]


def test_editing_a_description_warns_nothing(supervisor_client, chain):
    rule = chain["FX3160"]

    response = supervisor_client.post(
        reverse("admin:rules_selectionrule_change", args=[rule.pk]),
        rule_post(code="FX3160", description="Outra", order=20, width_days=30),
        follow=True,
    )

    assert [m for m in response.context["messages"] if m.level_tag == "warning"] == []


def test_range_wider_than_ten_years_is_refused(supervisor_client, chain):
    response = supervisor_client.post(
        ADD_URL, rule_post(order=35, band_range="121 a 99999999999999999999")
    )

    assert form_errors(response) == {
        "band_range": [
            "Uma faixa cobre no máximo 3650 dias (10 anos): esta iria até "
            "99999999999999999999 dias; informe no máximo 121 a 3770."
        ]
    }
