"""Values the Protheus import refuses that a database would mangle."""

import pytest

from finance.importing import ProtheusImportError, protheus_import
from finance.models import Receivable
from tests.factories import BranchFactory, CustomerFactory

pytestmark = pytest.mark.django_db

HEADER = "E1_FILIAL;E1_PREFIXO;E1_NUM;E1_PARCELA;E1_TIPO;E1_CLIENTE;E1_LOJA;E1_VENCTO;E1_VALOR;E1_SALDO;E1_HIST"


@pytest.fixture(autouse=True)
def world():
    BranchFactory(code="01")
    CustomerFactory(code="000001", store="01")


def import_line(tmp_path, line: str):
    path = tmp_path / "se1.csv"
    path.write_bytes(f"{HEADER}\n{line}\n".encode())
    with pytest.raises(ProtheusImportError) as refused:
        protheus_import(se1_path=path)
    return [str(error) for error in refused.value.errors]


def test_nul_byte_is_refused_with_line_and_field_on_every_database(tmp_path):
    errors = import_line(
        tmp_path, "01;001;000000001;;NF;000001;01;20261102;10.00;10.00;ACORDO\x00X"
    )

    assert len(errors) == 1
    assert "linha 2" in errors[0] and "E1_HIST" in errors[0]
    assert "caractere de controle (código 0) na posição 7" in errors[0]
    assert Receivable.objects.count() == 0


def test_due_date_outside_the_business_years_is_refused(tmp_path):
    errors = import_line(
        tmp_path, "01;001;000000001;;NF;000001;01;00010101;10.00;10.00;"
    )

    assert len(errors) == 1
    assert "linha 2" in errors[0] and "E1_VENCTO" in errors[0]
    assert (
        "data '00010101': 0001-01-01 está fora do intervalo aceito (1900 a 2999)"
        in errors[0]
    )
    assert Receivable.objects.count() == 0
