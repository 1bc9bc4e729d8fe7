"""Validators for the codes and percentages a supervisor types."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator

# Protheus codes (K0_REGSEL, K2_REGNEG, U7_COD, ...) are upper-case
# letters and digits; a space or lower case would never match the ERP.
protheus_code = RegexValidator(
    r"^[A-Z0-9_-]+$",
    "Use só letras maiúsculas, números, '-' ou '_', sem espaços (ex.: FX0130).",
)

percent_validators = [
    MinValueValidator(Decimal("0"), "O percentual não pode ser negativo."),
    MaxValueValidator(Decimal("100"), "O percentual não pode passar de 100%%."),
]
