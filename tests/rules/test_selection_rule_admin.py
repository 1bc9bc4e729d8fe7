"""Selection rules (SK0) in the admin: the derived bands are visible, and
what cannot be a band is refused with a message a supervisor understands."""

import re

import pytest
from django.urls import reverse

from rules.models import SelectionRule
from tests.factories import SelectionRuleFactory
from tests.rules.selection_rule_pages import (
    ADD_URL,
    CHANGELIST_URL,
    LIST_WITH_WIDTH,
    NO_WIDTH,
    band_cells,
    form_errors,
    rule_post,
)

pytestmark = pytest.mark.django_db


# The chain as supervisors see it


def test_changelist_shows_the_chain_in_order_with_derived_bands(
    supervisor_client, chain
):
    response = supervisor_client.get(CHANGELIST_URL)

    assert band_cells(response.content.decode()) == [
        ("FX0130", "1 a 30 dias"),
        ("FX3160", "31 a 60 dias"),
        ("FX6120", "61 a 120 dias"),
        ("LISTA", "121 dias ou mais"),
    ]


def test_list_rule_is_listed_after_the_bands_whatever_its_order(
    supervisor_client, chain
):
    chain["LISTA"].order = 5
    chain["LISTA"].save()

    response = supervisor_client.get(CHANGELIST_URL)

    assert band_cells(response.content.decode())[-1] == ("LISTA", "121 dias ou mais")
    assert [rule.code for rule in response.context["cl"].result_list] == [
        "FX0130",
        "FX3160",
        "FX6120",
        "LISTA",
    ]


@pytest.mark.parametrize("rules", [3, 30])
def test_changelist_reads_the_chain_once_whatever_the_number_of_rules(
    supervisor_client, django_assert_num_queries, rules
):
    SelectionRuleFactory.create_batch(rules)

    # session, user, chain, count, full count, parameters row (app list), rows
    with django_assert_num_queries(7):
        supervisor_client.get(CHANGELIST_URL)


def test_change_form_shows_the_band_the_rule_gets_and_the_whole_chain(
    supervisor_client, chain
):
    response = supervisor_client.get(
        reverse("admin:rules_selectionrule_change", args=[chain["FX3160"].pk])
    )

    html = response.content.decode()
    assert '<div class="readonly">31 a 60 dias</div>' in html
    assert re.findall(
        r"<tr(?: style=\"font-weight: bold\")?><td>(\d+)</td><td>(\w+)</td><td>[^<]*</td><td>([^<]+)</td>",
        html,
    ) == [
        ("10", "FX0130", "1 a 30 dias"),
        ("20", "FX3160", "31 a 60 dias"),
        ("30", "FX6120", "61 a 120 dias"),
        ("40", "LISTA", "121 dias ou mais"),
    ]
    assert '<tr style="font-weight: bold"><td>20</td><td>FX3160</td>' in html


def test_add_form_tells_where_the_next_band_starts(supervisor_client, chain):
    response = supervisor_client.get(ADD_URL)

    assert (
        '<div class="readonly">Calculada ao salvar. Hoje as faixas terminam em 120 dias; '
        "uma faixa depois da última começa em 121.</div>"
    ) in response.content.decode()


def test_chain_without_list_rule_warns_about_out_of_band_customers(
    supervisor_client, chain
):
    chain["LISTA"].delete()

    response = supervisor_client.get(
        reverse("admin:rules_selectionrule_change", args=[chain["FX0130"].pk])
    )

    assert (
        "<p>Sem regra de lista: clientes com mais de 120 dias de atraso ficam fora das faixas "
        "(contados como fora da faixa).</p>"
    ) in response.content.decode()


# Refusals


def test_band_rule_without_width_is_refused(supervisor_client, chain):
    response = supervisor_client.post(ADD_URL, rule_post(width_days=""))

    assert form_errors(response) == {"width_days": [NO_WIDTH]}
    assert not SelectionRule.objects.filter(code="NOVA").exists()


def test_band_rule_with_width_zero_is_refused(supervisor_client, chain):
    response = supervisor_client.post(ADD_URL, rule_post(width_days=0))

    assert form_errors(response) == {"width_days": [NO_WIDTH]}


def test_width_on_the_list_rule_is_refused(supervisor_client):
    response = supervisor_client.post(
        ADD_URL, rule_post(kind=SelectionRule.Kind.LIST, width_days=999999)
    )

    assert form_errors(response) == {"width_days": [LIST_WITH_WIDTH]}


def test_second_list_rule_is_refused(supervisor_client, chain):
    response = supervisor_client.post(ADD_URL, rule_post(kind=SelectionRule.Kind.LIST))

    assert form_errors(response) == {
        "kind": ["Já existe a regra de lista LISTA; só pode haver uma."]
    }
    assert SelectionRule.objects.filter(kind=SelectionRule.Kind.LIST).count() == 1


def test_repeated_order_is_refused(supervisor_client, chain):
    response = supervisor_client.post(ADD_URL, rule_post(order=20, width_days=30))

    assert form_errors(response) == {
        "order": [
            "A ordem 20 já é da regra FX3160 (31 a 60). Cada regra ocupa uma posição na cadeia: escolha outra ordem."
        ]
    }


def test_rule_keeps_its_own_order_when_edited(supervisor_client, chain):
    rule = chain["FX3160"]
    url = reverse("admin:rules_selectionrule_change", args=[rule.pk])

    response = supervisor_client.post(
        url,
        rule_post(
            code="FX3160", description="31 a 60 renovada", order=20, width_days=30
        ),
    )

    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.description == "31 a 60 renovada"
