"""Dates and money, DESIGN.md "Dates and money"."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from finance.dates import reference_date_parse
from finance.money import cents, from_cents


def test_reference_date_defaults_to_today_in_sao_paulo_not_utc(monkeypatch, settings):
    # 01:30 UTC on 5 December is still 22:30 of 4 December in São Paulo.
    settings.TIME_ZONE = "America/Sao_Paulo"
    monkeypatch.setattr(
        "django.utils.timezone.now", lambda: datetime(2026, 12, 5, 1, 30, tzinfo=UTC)
    )

    assert reference_date_parse(None).isoformat() == "2026-12-04"


@pytest.mark.parametrize("typed", ["2026-02-28", "28/02/2026"])
def test_reference_date_parses_iso_and_brazilian_dates(typed):
    assert reference_date_parse(typed).isoformat() == "2026-02-28"


@pytest.mark.django_db
def test_bad_date_option_names_the_option_and_the_format():
    with pytest.raises(CommandError) as refused:
        call_command("select_titles", "--date", "31/02/2026")

    assert str(refused.value) == (
        "--date inválida: '31/02/2026'. Use AAAA-MM-DD ou DD/MM/AAAA entre 1900 e 2999, "
        "por exemplo 2026-12-04."
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.005", "0.01"),
        ("0.004", "0.00"),
        ("2.675", "2.68"),
        ("-0.005", "-0.01"),
        ("15", "15.00"),
    ],
)
def test_money_rounds_half_up_to_cents(value, expected):
    assert cents(Decimal(value)) == Decimal(expected)


@pytest.mark.parametrize(
    ("total", "expected"), [(123456, "1234.56"), (123456.0, "1234.56"), (None, "0.00")]
)
def test_sql_cent_sums_come_back_as_exact_decimals(total, expected):
    assert from_cents(total) == Decimal(expected)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["0001-01-01", "1899-12-31", "3000-01-01"])
def test_reference_date_outside_1900_to_2999_is_refused(value):
    with pytest.raises(CommandError) as refused:
        call_command("select_titles", "--date", value)

    assert str(refused.value) == (
        f"--date inválida: '{value}'. Use AAAA-MM-DD ou DD/MM/AAAA entre 1900 e 2999, "
        "por exemplo 2026-12-04."
    )
