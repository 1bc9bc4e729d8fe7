"""Parameters a supervisor cannot save."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from finance.models import BranchHoliday, Parameters
from tests.factories import BranchFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("fine_percent", Decimal("-1"), "O percentual não pode ser negativo."),
        (
            "monthly_interest_percent",
            Decimal("101"),
            "O percentual não pode passar de 100%.",
        ),
        (
            "list_capacity_per_operator",
            0,
            "Cada operador precisa receber ao menos 1 cliente por dia.",
        ),
        (
            "selectable_types",
            "NF;DP, ???",
            "Tipo inválido: 'NF;DP', '???'. Informe tipos de título de até 3 letras "
            "separados por ',' ou '/' (ex.: NF,DP/BOL).",
        ),
    ],
)
def test_out_of_range_parameter_is_refused_with_its_reason(field, value, message):
    parameters = Parameters.current()
    setattr(parameters, field, value)

    with pytest.raises(ValidationError) as refused:
        parameters.full_clean()

    assert refused.value.message_dict == {field: [message]}


def test_abatement_types_are_valid_mv_tmkcobr_entries():
    parameters = Parameters(selectable_types="NF,DP/AB-")

    parameters.full_clean()

    assert parameters.selectable_types_list() == ["NF", "DP", "AB-"]


def test_branch_holiday_outside_the_business_years_is_refused():
    holiday = BranchHoliday(branch=BranchFactory(), date=date(1, 1, 1), description="x")

    with pytest.raises(ValidationError) as refused:
        holiday.full_clean()

    assert refused.value.message_dict == {
        "date": [
            "Data inválida: 0001-01-01 está fora do intervalo aceito (1900 a 2999)."
        ]
    }
