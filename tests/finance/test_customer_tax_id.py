"""A customer typed by hand follows the same CPF/CNPJ rules as the import."""

import pytest
from django.core.exceptions import ValidationError

from finance.models import Customer

pytestmark = pytest.mark.django_db


def customer(**fields) -> Customer:
    return Customer(code="000001", store="01", name="Cliente", **fields)


@pytest.mark.parametrize(
    ("tax_id", "person_type", "message"),
    [
        ("111.111.111-11", "", "CPF inválido (dígitos verificadores não conferem)"),
        ("529.982.247-26", "", "CPF inválido (dígitos verificadores não conferem)"),
        (
            "12345678000100",
            "J",
            "CNPJ inválido (dígitos verificadores não conferem)",
        ),
        ("1234", "", "CPF/CNPJ inválido: 4 caracteres (CPF tem 11, CNPJ tem 14)"),
        ("11222333000181", "F", "Pessoa física precisa de CPF, não de CNPJ."),
        ("529.982.247-25", "J", "Pessoa jurídica precisa de CNPJ, não de CPF."),
    ],
)
def test_invalid_or_mismatched_tax_id_is_refused(tax_id, person_type, message):
    with pytest.raises(ValidationError) as refused:
        customer(tax_id=tax_id, person_type=person_type).full_clean()

    assert refused.value.message_dict == {"tax_id": [message]}


def test_valid_cpf_is_kept_without_punctuation():
    valid = customer(tax_id="529.982.247-25", person_type="F")

    valid.full_clean()

    assert valid.tax_id == "52998224725"
