"""How money, counts and dates read in pt-BR, on every screen and report."""

from datetime import date
from decimal import Decimal

from .money import cents


def brl(value) -> str:
    """Money in pt-BR: Decimal("1234.5") -> "R$ 1.234,50" (half-up to cents)."""
    amount = cents(Decimal(value))
    digits = f"{abs(amount):,.2f}".translate(str.maketrans(",.", ".,"))
    return f"-R$ {digits}" if amount < 0 else f"R$ {digits}"


def integer_br(value) -> str:
    """A count in pt-BR: 12345 -> "12.345"."""
    return f"{int(value):,}".replace(",", ".")


def plural(count: int, singular: str, plural_form: str) -> str:
    """Count and noun in pt-BR: "1 título", "1.234 títulos"."""
    return f"{integer_br(count)} {singular if count == 1 else plural_form}"


def date_br(day: date) -> str:
    """A date as Brazilians write it: 2026-12-04 -> "04/12/2026"."""
    return f"{day:%d/%m/%Y}"
