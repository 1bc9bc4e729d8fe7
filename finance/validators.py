"""Validators for the codes and percentages a supervisor types."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from stdnum.br import cnpj, cpf

from .dates import business_date_check

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


def tax_id_normalize(text: str) -> str:
    """A CPF (11 digits) or CNPJ (14 characters, alphanumeric since 2026)
    without punctuation, with valid check digits; ValueError otherwise.

    The number itself is never put in the message: it is personal data.
    """
    value = re.sub(r"[\s./-]", "", text).upper()
    if not value:
        return ""
    if re.fullmatch(r"[0-9]{11}", value):
        # Repeated digits pass the checksum but the Receita never issues them.
        if len(set(value)) == 1 or not cpf.is_valid(value):
            raise ValueError("CPF inválido (dígitos verificadores não conferem)")
        return value
    if len(value) == 14:
        if not cnpj.is_valid(value):
            raise ValueError("CNPJ inválido (dígitos verificadores não conferem)")
        return value
    raise ValueError(
        f"CPF/CNPJ inválido: {len(value)} caracteres (CPF tem 11, CNPJ tem 14)"
    )


def business_date(value) -> None:
    """A model field validator: dates in 1900-2999, as everywhere else."""
    try:
        business_date_check(value)
    except ValueError as error:
        raise ValidationError(f"Data inválida: {error}.") from None
