"""Selection rules a supervisor cannot save: what would break the chain."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from attendance.selectors import queue_position
from rules.models import SelectionRule
from rules.selectors import bands_derive
from tests.factories import SelectionRuleFactory

pytestmark = pytest.mark.django_db


def errors_of(rule: SelectionRule) -> dict:
    with pytest.raises(ValidationError) as refused:
        rule.full_clean()
    return refused.value.message_dict


def test_band_wider_than_ten_years_is_refused():
    rule = SelectionRule(code="ENORME", description="x", order=1, width_days=3651)

    assert errors_of(rule) == {
        "width_days": ["Uma faixa cobre no máximo 3650 dias (10 anos) de atraso."]
    }


def test_list_rule_with_the_protheus_999999_width_gets_one_clear_message():
    rule = SelectionRule(
        code="LISTA", description="x", order=1, kind="list", width_days=999999
    )

    assert errors_of(rule) == {
        "width_days": [
            "A regra de lista cobre todo atraso depois da última faixa; deixe a largura vazia."
        ]
    }


def test_lower_case_or_spaced_code_is_refused():
    rule = SelectionRule(code="fx 01", description="x", order=1, width_days=30)

    assert errors_of(rule)["code"] == [
        "Use só letras maiúsculas, números, '-' ou '_', sem espaços (ex.: FX0130)."
    ]


def test_band_ordered_after_the_list_rule_is_refused():
    SelectionRuleFactory(code="LISTA", order=40, kind="list", width_days=None)
    rule = SelectionRule(code="FX", description="x", order=50, width_days=30)

    assert errors_of(rule) == {
        "order": [
            "A regra de lista LISTA (ordem 40) fecha a cadeia; dê a esta faixa uma ordem menor que 40."
        ]
    }


def test_list_rule_ordered_before_a_band_is_refused():
    SelectionRuleFactory(code="FX", order=50, width_days=30)
    rule = SelectionRule(code="LISTA", description="x", order=40, kind="list")

    assert errors_of(rule) == {
        "order": [
            "A regra de lista fecha a cadeia; dê a ela uma ordem maior que 50 (a faixa FX)."
        ]
    }


def test_chain_reaching_past_the_calendar_stops_at_its_first_day():
    rules = [SelectionRule(code=f"R{n}", order=n, width_days=3650) for n in range(300)]

    oldest, newest = bands_derive(rules)[-1].real_due_window(date(2026, 12, 4))

    assert (oldest, newest) == (date.min, date.min)


def test_queue_position_survives_the_widest_allowed_chain():
    for n in range(1, 4):
        SelectionRuleFactory(code=f"R{n}", order=n, width_days=3650)

    report = queue_position(reference_date=date(1900, 1, 1))

    assert [rule["to_days"] for rule in report["rules"]] == [3650, 7300, 10950]
