"""Selection rules (SK0) in the admin: the derived bands are visible, and
what cannot be a band is refused with a message a supervisor understands."""

import re

import pytest
from django.urls import reverse

from rules.forms import SelectionRuleForm
from rules.models import SelectionRule
from tests.factories import SelectionRuleFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:rules_selectionrule_add")
CHANGELIST_URL = reverse("admin:rules_selectionrule_changelist")

NO_WIDTH = "Informe quantos dias de atraso esta faixa cobre (um número maior que zero)."
LIST_WITH_WIDTH = (
    "A regra de lista cobre todo atraso depois da última faixa; deixe a largura vazia."
)


@pytest.fixture
def chain():
    """Widths 30, 30, 60 and the list rule, as TOTVS documents the example."""
    return {
        "FX0130": SelectionRuleFactory(
            code="FX0130", description="Até 30", order=10, width_days=30
        ),
        "FX3160": SelectionRuleFactory(
            code="FX3160", description="31 a 60", order=20, width_days=30
        ),
        "FX6120": SelectionRuleFactory(
            code="FX6120", description="61 a 120", order=30, width_days=60
        ),
        "LISTA": SelectionRuleFactory(
            code="LISTA",
            description="Lista",
            order=40,
            kind=SelectionRule.Kind.LIST,
            width_days=None,
        ),
    }


def rule_post(**overrides) -> dict:
    data = {
        "code": "NOVA",
        "description": "Nova faixa",
        "kind": SelectionRule.Kind.BAND,
        "order": "50",
        "band_range": "",
        "width_days": "",
        "prefix": "",
        "nature": "",
        "bearer": "",
        "situation": "",
        "_save": "Salvar",
    }
    data.update({key: str(value) for key, value in overrides.items()})
    return data


def form_errors(response) -> dict:
    assert response.status_code == 200, "the form was accepted"
    return {
        field: list(messages)
        for field, messages in response.context["adminform"].form.errors.items()
    }


def band_cells(html: str) -> list[tuple[str, str]]:
    """(code, derived band) of every changelist row, top to bottom."""
    rows = re.findall(r"<tr>.*?</tr>", html, flags=re.S)
    cells = []
    for row in rows:
        code = re.search(r'<t[hd] class="field-code">.*?>([^<]+)</a>', row, flags=re.S)
        band = re.search(r'<td class="field-band">([^<]*)</td>', row)
        if code and band:
            cells.append((code.group(1), band.group(1)))
    return cells


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
