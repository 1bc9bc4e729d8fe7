"""Reference dates (Protheus dDataBase): business rules work on local dates
in settings.TIME_ZONE, never on the server's UTC clock."""

from datetime import date, datetime

from django.core.management.base import CommandError
from django.utils import timezone

# Business dates outside these years are typing mistakes, and near the ends
# of Python's calendar the band windows could not even be computed.
FIRST_BUSINESS_DATE = date(1900, 1, 1)
LAST_BUSINESS_DATE = date(2999, 12, 31)


def business_date_check(value: date) -> date:
    """The date itself, or ValueError when it is outside 1900-2999."""
    if not FIRST_BUSINESS_DATE <= value <= LAST_BUSINESS_DATE:
        raise ValueError(
            f"{value.isoformat()} está fora do intervalo aceito (1900 a 2999)"
        )
    return value


def reference_date_parse(value: str | None) -> date:
    """A date typed as 2026-12-04 or 04/12/2026, in 1900-2999, or today in
    the configured time zone when blank; ValueError otherwise."""
    if not value:
        return timezone.localdate()
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        parsed = datetime.strptime(value, "%d/%m/%Y").date()
    return business_date_check(parsed)


def reference_date_option(value: str | None) -> date:
    """The `--date` option of a management command."""
    try:
        return reference_date_parse(value)
    except ValueError:
        raise CommandError(
            f"--date inválida: '{value}'. Use AAAA-MM-DD ou DD/MM/AAAA entre 1900 e 2999, "
            "por exemplo 2026-12-04."
        ) from None


def reference_date_argument(parser, *, what: str = "Data base") -> None:
    """The `--date` option every job command takes, read by
    reference_date_option."""
    parser.add_argument(
        "--date",
        help=f"{what}: AAAA-MM-DD ou DD/MM/AAAA, entre 1900 e 2999 "
        "(padrão: hoje no fuso configurado).",
    )
