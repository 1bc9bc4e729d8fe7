"""Import of the Protheus export files: numbers in either notation, and the
ones that cannot be read safely."""

from decimal import Decimal

import pytest

from finance.importing.values import InvalidValue, parse_decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1500", "1500.00"),
        ("1500.5", "1500.50"),
        ("1500,50", "1500.50"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1.234.567", "1234567.00"),
        ("1.234.567,8", "1234567.80"),
        ("0,00", "0.00"),
        ("  12.30  ", "12.30"),
        ("-0.00", "0.00"),
        ("-7,10", "-7.10"),
        ("00012", "12.00"),
    ],
)
def test_numbers_in_either_notation(text, value):
    assert parse_decimal(text, max_digits=16, decimal_places=2) == Decimal(value)


@pytest.mark.parametrize(
    "text",
    [
        "1.234",
        "1,234",
        "12.345",
        "1.23.4",
        "1.234,5.6",
        "1,23,456.00",
        "1e5",
        "1.",
        ",5",
        "+1",
        "1 234",
        "--1",
        "12,3,4",
        "١٢",  # digits, but not ASCII ones
    ],
)
def test_numbers_that_cannot_be_read_safely_are_refused(text):
    with pytest.raises(InvalidValue):
        parse_decimal(text, max_digits=16, decimal_places=2)
