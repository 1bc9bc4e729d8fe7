"""Import of the Protheus export files: bad files and bad lines are refused
with file, line and field, and nothing is written."""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from finance.importing import ProtheusImportError, protheus_import
from finance.models import Customer, Receivable
from tests.factories import ReceivableFactory
from tests.finance.protheus_files import (
    SE1_HEADER,
    VALID_CNPJ,
    VALID_CPF,
    import_errors,
    run_command,
    sa1_row,
    se1_row,
    write_csv,
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "error"),
    [
        (
            {"E1_VENCTO": "20261340"},
            "campo E1_VENCTO: data inválida '20261340' (use AAAAMMDD)",
        ),
        (
            {"E1_EMISSAO": "05/01/2026"},
            "campo E1_EMISSAO: data inválida '05/01/2026' (use AAAAMMDD)",
        ),
        ({"E1_VALOR": "R$ 10,00"}, "campo E1_VALOR: número inválido 'R$ 10,00'"),
        (
            {"E1_VALOR": "1.500"},
            "campo E1_VALOR: número ambíguo '1.500': o separador pode ser de milhar ou decimal "
            "(escreva 1234,00 ou 1234.00)",
        ),
        (
            {"E1_VALOR": "15.005"},
            "campo E1_VALOR: número ambíguo '15.005': o separador pode ser de milhar ou decimal "
            "(escreva 1234,00 ou 1234.00)",
        ),
        (
            {"E1_SALDO": "1.500,001"},
            "campo E1_SALDO: número com mais de 2 casas decimais '1.500,001'",
        ),
        ({"E1_PORCJUR": "1000"}, "campo E1_PORCJUR: número grande demais '1000'"),
        ({"E1_MOEDA": "0"}, "campo E1_MOEDA: número inteiro inválido '0' (de 1 a 99)"),
        ({"E1_NUM": "   "}, "campo E1_NUM: campo obrigatório vazio"),
        ({"E1_VENCTO": ""}, "campo E1_VENCTO: campo obrigatório vazio"),
        (
            {"E1_NUM": "0000001234"},
            "campo E1_NUM: valor com 10 caracteres; o máximo é 9",
        ),
        (
            {"E1_PREFIXO": "ABCD"},
            "campo E1_PREFIXO: valor com 4 caracteres; o máximo é 3",
        ),
        ({"E1_FILIAL": "02"}, "campo E1_FILIAL: filial 02 não cadastrada"),
        (
            {"E1_SALDO": "1500.01"},
            "campo E1_SALDO: saldo 1500.01 maior que o valor do título 1500.00",
        ),
        ({"E1_SALDO": "-1.00"}, "campo E1_SALDO: saldo negativo -1.00"),
        (
            {"E1_VALOR": "-5,00", "E1_SALDO": "0"},
            "campo E1_VALOR: valor negativo -5.00",
        ),
        ({"E1_VALJUR": "-0.10"}, "campo E1_VALJUR: valor negativo -0.10"),
        (
            {"E1_VENCREA": "20260203"},
            "campo E1_VENCREA: vencimento real 20260203 anterior ao vencimento 20260204",
        ),
    ],
)
def test_bad_se1_line_is_reported_with_line_and_field(tmp_path, branch, fields, error):
    se1 = write_csv(
        tmp_path / "se1.csv", [se1_row(E1_NUM="000000001"), se1_row(**fields)]
    )

    assert import_errors(se1_path=se1) == [f"se1.csv, linha 3, {error}"]
    assert Receivable.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "error"),
    [
        (
            {"A1_CGC": "11.222.333/0001-82"},
            "campo A1_CGC: CNPJ inválido (dígitos verificadores não conferem)",
        ),
        (
            {"A1_CGC": "529.982.247-26", "A1_PESSOA": "F"},
            "campo A1_CGC: CPF inválido (dígitos verificadores não conferem)",
        ),
        (
            {"A1_CGC": "111.111.111-11", "A1_PESSOA": "F"},
            "campo A1_CGC: CPF inválido (dígitos verificadores não conferem)",
        ),
        (
            {"A1_CGC": "1234"},
            "campo A1_CGC: CPF/CNPJ inválido: 4 caracteres (CPF tem 11, CNPJ tem 14)",
        ),
        (
            {"A1_CGC": VALID_CPF},
            "campo A1_CGC: pessoa jurídica (A1_PESSOA = J) precisa de CNPJ, veio um CPF",
        ),
        (
            {"A1_PESSOA": "X"},
            "campo A1_PESSOA: tipo de pessoa inválido 'X' (use F ou J)",
        ),
        ({"A1_NOME": ""}, "campo A1_NOME: campo obrigatório vazio"),
        (
            {"A1_NOME": "N" * 41},
            "campo A1_NOME: valor com 41 caracteres; o máximo é 40",
        ),
    ],
)
def test_bad_sa1_line_is_reported_with_line_and_field(tmp_path, branch, fields, error):
    sa1 = write_csv(tmp_path / "sa1.csv", [sa1_row(A1_COD="000002"), sa1_row(**fields)])

    assert import_errors(sa1_path=sa1) == [f"sa1.csv, linha 3, {error}"]
    assert Customer.objects.count() == 0


@pytest.mark.django_db
def test_valid_cpf_and_cnpj_are_stored_without_punctuation(tmp_path, branch):
    rows = [
        sa1_row(A1_COD="000001", A1_PESSOA="F", A1_CGC="529.982.247-25"),
        sa1_row(A1_COD="000002", A1_PESSOA="J", A1_CGC="11.222.333/0001-81"),
        sa1_row(A1_COD="000003", A1_PESSOA="", A1_CGC=""),
    ]

    protheus_import(sa1_path=write_csv(tmp_path / "sa1.csv", rows))

    assert dict(Customer.objects.values_list("code", "tax_id")) == {
        "000001": VALID_CPF,
        "000002": VALID_CNPJ,
        "000003": "",
    }


@pytest.mark.django_db
def test_invalid_cpf_error_does_not_echo_the_number(tmp_path, branch):
    sa1 = write_csv(
        tmp_path / "sa1.csv", [sa1_row(A1_PESSOA="F", A1_CGC="529.982.247-26")]
    )

    (error,) = import_errors(sa1_path=sa1)

    assert "529" not in error and "247" not in error


@pytest.mark.django_db
def test_key_repeated_in_the_file_is_reported_at_the_second_occurrence(
    tmp_path, branch
):
    rows = [
        se1_row(E1_NUM="000000001"),
        se1_row(E1_NUM="000000002"),
        se1_row(E1_NUM="000000001", E1_SALDO="10"),
    ]
    se1 = write_csv(tmp_path / "se1.csv", rows)

    assert import_errors(se1_path=se1) == [
        "se1.csv, linha 4, campo E1_FILIAL+E1_PREFIXO+E1_NUM+E1_PARCELA+E1_TIPO: "
        "chave repetida no arquivo (já está na linha 2)"
    ]


@pytest.mark.django_db
def test_same_number_with_another_installment_is_not_a_repeated_key(tmp_path, branch):
    rows = [
        se1_row(E1_PARCELA="A"),
        se1_row(E1_PARCELA="B"),
        se1_row(E1_PARCELA="B", E1_TIPO="DP"),
    ]

    result = protheus_import(se1_path=write_csv(tmp_path / "se1.csv", rows))

    assert result.receivables.created == 3


@pytest.mark.django_db
def test_customer_repeated_in_sa1_is_reported(tmp_path, branch):
    sa1 = write_csv(tmp_path / "sa1.csv", [sa1_row(), sa1_row(A1_NOME="OUTRO NOME")])

    assert import_errors(sa1_path=sa1) == [
        "sa1.csv, linha 3, campo A1_COD+A1_LOJA: chave repetida no arquivo (já está na linha 2)"
    ]


@pytest.mark.django_db
def test_missing_required_column_is_reported_before_any_line(tmp_path, branch):
    header = [name for name in SE1_HEADER if name not in {"E1_VENCTO", "E1_SALDO"}]
    se1 = write_csv(
        tmp_path / "se1.csv", [se1_row(E1_VALOR="não é número")], header=header
    )

    assert import_errors(se1_path=se1) == [
        "se1.csv, linha 1, campo E1_VENCTO: coluna obrigatória ausente no cabeçalho do SE1",
        "se1.csv, linha 1, campo E1_SALDO: coluna obrigatória ausente no cabeçalho do SE1",
    ]


@pytest.mark.django_db
def test_line_with_an_unquoted_comma_decimal_in_a_comma_file_is_refused(
    tmp_path, branch
):
    se1 = tmp_path / "se1.csv"
    header = [
        "E1_FILIAL",
        "E1_NUM",
        "E1_TIPO",
        "E1_CLIENTE",
        "E1_LOJA",
        "E1_VENCTO",
        "E1_VALOR",
        "E1_SALDO",
    ]
    se1.write_text(
        ",".join(header) + "\n01,000000001,NF,000001,01,20260204,1500,00,1500,00\n"
    )

    assert import_errors(se1_path=se1) == [
        "se1.csv, linha 2: a linha tem 10 campos e o cabeçalho tem 8 (separador ',' dentro de um valor sem aspas?)"
    ]


@pytest.mark.django_db
def test_missing_file_and_empty_file(tmp_path, branch):
    empty = tmp_path / "vazio.csv"
    empty.write_bytes(b"")

    assert import_errors(sa1_path=tmp_path / "nao-existe.csv", se1_path=empty) == [
        f"nao-existe.csv: arquivo não encontrado ({tmp_path / 'nao-existe.csv'})",
        "vazio.csv, linha 1: arquivo sem cabeçalho (a linha 1 deve ter os campos do SE1)",
    ]


@pytest.mark.django_db
def test_every_bad_field_of_every_line_is_reported_up_to_twenty(tmp_path, branch):
    rows = [
        se1_row(E1_NUM=f"{n:09d}", E1_VENCTO="2026-02-04", E1_VALOR="x")
        for n in range(1, 16)
    ]
    se1 = write_csv(tmp_path / "se1.csv", rows)

    with pytest.raises(ProtheusImportError) as caught:
        protheus_import(se1_path=se1)

    errors = caught.value.errors
    assert len(errors) == 20
    assert [str(error) for error in errors[:2]] == [
        "se1.csv, linha 2, campo E1_VENCTO: data inválida '2026-02-04' (use AAAAMMDD)",
        "se1.csv, linha 2, campo E1_VALOR: número inválido 'x'",
    ]
    assert (errors[-1].line, errors[-1].field) == (11, "E1_VALOR")
    assert str(caught.value).endswith(
        "(importação interrompida após 20 erros)\nNada foi gravado."
    )


@pytest.mark.django_db
def test_bad_se1_line_writes_nothing_from_either_file(tmp_path, branch):
    # given: a good SA1 and an SE1 whose last line is bad
    sa1 = write_csv(tmp_path / "sa1.csv", [sa1_row()])
    se1 = write_csv(
        tmp_path / "se1.csv",
        [se1_row(E1_NUM="000000001"), se1_row(E1_NUM="000000002", E1_TIPO="")],
    )

    # when
    with pytest.raises(CommandError) as caught:
        run_command(sa1=sa1, se1=se1)

    # then
    assert str(caught.value) == (
        "Importação recusada.\nse1.csv, linha 3, campo E1_TIPO: campo obrigatório vazio\nNada foi gravado."
    )
    assert Customer.objects.count() == 0
    assert Receivable.objects.count() == 0


@pytest.mark.django_db
def test_bad_line_leaves_existing_rows_untouched(tmp_path, branch):
    protheus_import(
        se1_path=write_csv(tmp_path / "se1.csv", [se1_row(E1_SALDO="1500.00")])
    )

    rows = [se1_row(E1_SALDO="0.00"), se1_row(E1_NUM="000000999", E1_FILIAL="99")]
    with pytest.raises(ProtheusImportError):
        protheus_import(se1_path=write_csv(tmp_path / "se1.csv", rows))

    assert Receivable.objects.get().balance == Decimal("1500.00")


@pytest.mark.django_db
def test_a_concurrent_import_of_the_same_keys_is_a_clear_refusal(
    tmp_path, branch, monkeypatch
):
    # given: another import commits the same title between our read and our write
    se1 = write_csv(tmp_path / "se1.csv", [se1_row()])
    original_bulk_create = Receivable.objects.bulk_create

    def racing_bulk_create(objs, **kwargs):
        ReceivableFactory(
            branch=branch, prefix="001", number="000000123", installment="A", kind="NF"
        )
        return original_bulk_create(objs, **kwargs)

    monkeypatch.setattr(Receivable.objects, "bulk_create", racing_bulk_create)

    # when
    with pytest.raises(ProtheusImportError) as caught:
        protheus_import(se1_path=se1)

    # then
    (error,) = caught.value.errors
    assert str(error).startswith("importação: o banco recusou a gravação (")
    assert str(error).endswith(
        "outra importação dos mesmos registros pode estar em andamento. Repita a importação"
    )
    monkeypatch.undo()
    assert Receivable.objects.count() == 0


def test_command_needs_at_least_one_file():
    with pytest.raises(
        CommandError,
        match="Informe ao menos um arquivo: --sa1 ARQUIVO e/ou --se1 ARQUIVO.",
    ):
        call_command("import_protheus")


def test_command_exits_with_non_zero_status_on_a_bad_file(tmp_path):
    # A header error stops before the database is read, so no test database is needed.
    header = [name for name in SE1_HEADER if name != "E1_VENCTO"]
    se1 = write_csv(tmp_path / "se1.csv", [se1_row()], header=header)

    completed = subprocess.run(
        [sys.executable, "manage.py", "import_protheus", "--se1", str(se1)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"},
        check=False,
    )

    assert completed.returncode == 1
    assert completed.stdout == ""
    assert completed.stderr.endswith(
        "CommandError: Importação recusada.\n"
        "se1.csv, linha 1, campo E1_VENCTO: coluna obrigatória ausente no cabeçalho do SE1\n"
        "Nada foi gravado.\n"
    )
