"""Reference dates (Protheus dDataBase): business rules work on local dates
in settings.TIME_ZONE, never on the server's UTC clock."""

from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone


def reference_date_parse(value: str | None) -> date:
    """An ISO date, or today in the configured time zone when blank."""
    return date.fromisoformat(value) if value else timezone.localdate()


def reference_date_option(value: str | None) -> date:
    """The `--date` option of a management command."""
    try:
        return reference_date_parse(value)
    except ValueError:
        raise CommandError(
            f"--date inválida: '{value}'. Use AAAA-MM-DD, por exemplo 2026-12-04."
        ) from None
