"""Money is Decimal end to end; this is the one place it is rounded."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def cents(value: Decimal | int | str) -> Decimal:
    """Round to cents, half up (R$ 0,005 becomes R$ 0,01), as the law and
    the ERP do for every charge component."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def from_cents(total_cents: int | Decimal | float | None) -> Decimal:
    """A sum of whole cents from SQL back to a Decimal amount."""
    if total_cents is None:
        return Decimal("0.00")
    return (Decimal(int(round(total_cents))) / 100).quantize(CENT)
