"""Import of the Protheus export files: encodings, separators, decimal
notations, unknown columns and blank lines as Protheus writes them."""

from decimal import Decimal

import pytest

from finance.importing import protheus_import
from finance.models import Customer, Receivable
from tests.finance.protheus_files import (
    SE1_HEADER,
    import_errors,
    run_command,
    sa1_row,
    se1_row,
    write_csv,
)


@pytest.mark.django_db
def test_latin1_file_with_comma_separator_and_comma_decimals(tmp_path, branch):
    # given: a Latin-1 export, ',' separated, values with ',' decimals quoted
    sa1 = write_csv(
        tmp_path / "sa1.csv",
        [sa1_row(A1_NOME="AÇOUGUE SÃO JOÃO", A1_MUN="SÃO PAULO")],
        delimiter=",",
        encoding="latin-1",
    )
    se1 = write_csv(
        tmp_path / "se1.csv",
        [
            se1_row(
                E1_VALOR="1.234,56",
                E1_SALDO="234,5",
                E1_VALJUR="0,41",
                E1_PORCJUR="0,03",
                E1_HIST="AÇÃO",
            )
        ],
        delimiter=",",
        encoding="latin-1",
    )
    assert b"A\xc7OUGUE" in sa1.read_bytes()

    # when
    protheus_import(sa1_path=sa1, se1_path=se1)

    # then
    customer = Customer.objects.get()
    assert (customer.name, customer.city) == ("AÇOUGUE SÃO JOÃO", "SÃO PAULO")
    receivable = Receivable.objects.get()
    assert (receivable.amount, receivable.balance) == (
        Decimal("1234.56"),
        Decimal("234.50"),
    )
    assert (receivable.daily_interest_amount, receivable.daily_interest_rate) == (
        Decimal("0.41"),
        Decimal("0.03"),
    )
    assert receivable.history == "AÇÃO"


@pytest.mark.django_db
def test_utf8_file_with_byte_order_mark(tmp_path, branch):
    sa1 = tmp_path / "sa1.csv"
    write_csv(sa1, [sa1_row(A1_NOME="AÇOUGUE SÃO JOÃO")])
    sa1.write_bytes(b"\xef\xbb\xbf" + sa1.read_bytes())

    protheus_import(sa1_path=sa1)

    assert Customer.objects.get().name == "AÇOUGUE SÃO JOÃO"


@pytest.mark.django_db
def test_latin1_file_behind_a_utf8_byte_order_mark(tmp_path, branch):
    sa1 = tmp_path / "sa1.csv"
    write_csv(sa1, [sa1_row(A1_NOME="AÇOUGUE")], encoding="latin-1")
    sa1.write_bytes(b"\xef\xbb\xbf" + sa1.read_bytes())

    protheus_import(sa1_path=sa1)

    assert Customer.objects.get().name == "AÇOUGUE"


@pytest.mark.django_db
def test_unknown_columns_are_ignored(tmp_path, branch):
    row = se1_row() | {
        "E1_XCUSTOM": "qualquer coisa com mais de quarenta caracteres, ignorada",
        "R_E_C_N_O_": "77",
    }
    se1 = write_csv(tmp_path / "se1.csv", [row])

    result = protheus_import(se1_path=se1)

    assert result.receivables.created == 1
    assert Receivable.objects.get().number == "000000123"


@pytest.mark.django_db
def test_header_only_file_loads_nothing(tmp_path, branch):
    se1 = tmp_path / "se1.csv"
    se1.write_text(";".join(SE1_HEADER) + "\n")

    assert (
        run_command(se1=se1)
        == "SE1: o arquivo não tem nenhuma linha de dados (só o cabeçalho); nada a importar\n"
    )


@pytest.mark.django_db
def test_blank_lines_are_skipped_and_line_numbers_stay_physical(tmp_path, branch):
    se1 = tmp_path / "se1.csv"
    write_csv(
        se1,
        [
            se1_row(E1_NUM="000000001"),
            se1_row(E1_NUM="000000002", E1_VENCTO="20261340"),
        ],
    )
    lines = se1.read_bytes().decode().split("\r\n")
    se1.write_text("\r\n".join([lines[0], lines[1], "", " ", lines[2]]) + "\r\n")

    assert import_errors(se1_path=se1) == [
        "se1.csv, linha 5, campo E1_VENCTO: data inválida '20261340' (use AAAAMMDD)"
    ]
