"""Money and counts as the finance admin shows them, in pt-BR."""

from decimal import Decimal

import pytest

from finance.formatting import brl, integer_br

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1234.56"), "R$ 1.234,56"),
        (Decimal("0.005"), "R$ 0,01"),
        ("1000000", "R$ 1.000.000,00"),
        (Decimal("-12.5"), "-R$ 12,50"),
    ],
)
def test_money_is_shown_in_reais(value, shown):
    assert brl(value) == shown


def test_counts_use_the_dot_as_thousands_separator():
    assert integer_br(1234567) == "1.234.567"
