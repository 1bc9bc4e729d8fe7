"""Import of the Protheus export files: SA1 (customers) and SE1 (titles)."""

import math
import os
import subprocess
import sys
from datetime import date
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance.importing import ProtheusImportError, protheus_import
from finance.importing.loaders import BATCH_SIZE
from finance.importing.values import InvalidValue, parse_decimal
from finance.models import Customer, Receivable
from tests.conftest import SHARED
from tests.factories import (
    BranchFactory,
    BranchHolidayFactory,
    CustomerFactory,
    ReceivableFactory,
)

SA1_HEADER = [
    "A1_FILIAL", "A1_COD", "A1_LOJA", "A1_NOME", "A1_NREDUZ", "A1_PESSOA",
    "A1_CGC", "A1_EST", "A1_MUN", "A1_DDD", "A1_TEL", "A1_EMAIL",
]  # fmt: skip
SE1_HEADER = [
    "E1_FILIAL", "E1_PREFIXO", "E1_NUM", "E1_PARCELA", "E1_TIPO", "E1_NATUREZ", "E1_PORTADO",
    "E1_SITUACA", "E1_CLIENTE", "E1_LOJA", "E1_NOMCLI", "E1_EMISSAO", "E1_VENCTO", "E1_VENCREA",
    "E1_VALOR", "E1_SALDO", "E1_BAIXA", "E1_VALJUR", "E1_PORCJUR", "E1_MOEDA", "E1_HIST",
]  # fmt: skip

VALID_CNPJ = "11222333000181"
VALID_CPF = "52998224725"


def sa1_row(**fields: str) -> dict[str, str]:
    row = {
        "A1_FILIAL": "  ",
        "A1_COD": "000001",
        "A1_LOJA": "01",
        "A1_NOME": "MERCADO BOA VISTA LTDA".ljust(40),
        "A1_NREDUZ": "BOA VISTA".ljust(20),
        "A1_PESSOA": "J",
        "A1_CGC": VALID_CNPJ,
        "A1_EST": "SP",
        "A1_MUN": "SAO PAULO".ljust(25),
        "A1_DDD": "011",
        "A1_TEL": "3333-4444",
        "A1_EMAIL": "financeiro@boavista.example",
    }
    row.update(fields)
    return row


def se1_row(**fields: str) -> dict[str, str]:
    row = {
        "E1_FILIAL": "01",
        "E1_PREFIXO": "001",
        "E1_NUM": "000000123",
        "E1_PARCELA": "A ",
        "E1_TIPO": "NF ",
        "E1_NATUREZ": "1101".ljust(10),
        "E1_PORTADO": "341",
        "E1_SITUACA": "1",
        "E1_CLIENTE": "000001",
        "E1_LOJA": "01",
        "E1_NOMCLI": "BOA VISTA".ljust(20),
        "E1_EMISSAO": "20260105",
        "E1_VENCTO": "20260204",
        "E1_VENCREA": "",
        "E1_VALOR": "1500.00",
        "E1_SALDO": "1500.00",
        "E1_BAIXA": "",
        "E1_VALJUR": "",
        "E1_PORCJUR": "",
        "E1_MOEDA": "1",
        "E1_HIST": "".ljust(40),
    }
    row.update(fields)
    return row


def write_csv(
    path: Path,
    rows: list[dict[str, str]],
    *,
    header: list[str] | None = None,
    delimiter: str = ";",
    encoding: str = "utf-8",
) -> Path:
    """A Protheus-like export: no quoting unless a value needs it."""
    header = header or list(rows[0])

    def cell(value: str) -> str:
        return f'"{value}"' if delimiter in value else value

    lines = [delimiter.join(header)] + [
        delimiter.join(cell(row.get(name, "")) for name in header) for row in rows
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def run_command(**files: Path) -> str:
    out = StringIO()
    call_command(
        "import_protheus",
        *[f"--{name}={path}" for name, path in files.items()],
        stdout=out,
    )
    return out.getvalue()


def import_errors(**paths: Path) -> list[str]:
    with pytest.raises(ProtheusImportError) as caught:
        protheus_import(**paths)
    return [str(error) for error in caught.value.errors]


@pytest.fixture
def branch(db):
    return BranchFactory(code="01", state="SP")


# --- loading ---------------------------------------------------------------


@pytest.mark.django_db
def test_sa1_and_se1_load_with_padding_stripped(tmp_path, branch):
    # given
    sa1 = write_csv(tmp_path / "sa1.csv", [sa1_row()], header=SA1_HEADER)
    se1 = write_csv(tmp_path / "se1.csv", [se1_row()], header=SE1_HEADER)

    # when
    output = run_command(sa1=sa1, se1=se1)

    # then
    assert (
        output
        == "SA1: 1 criado, 0 alterados, 0 sem alteração\nSE1: 1 criado, 0 alterados, 0 sem alteração\n"
    )
    customer = Customer.objects.get()
    assert (customer.code, customer.store, customer.name, customer.short_name) == (
        "000001", "01", "MERCADO BOA VISTA LTDA", "BOA VISTA",
    )  # fmt: skip
    assert (customer.person_type, customer.tax_id, customer.state, customer.city) == (
        "J", VALID_CNPJ, "SP", "SAO PAULO",
    )  # fmt: skip
    assert (customer.phone_area, customer.phone, customer.email) == (
        "011",
        "3333-4444",
        "financeiro@boavista.example",
    )
    receivable = Receivable.objects.get()
    assert receivable.branch == branch
    assert (receivable.prefix, receivable.number, receivable.installment, receivable.kind) == (
        "001", "000000123", "A", "NF",
    )  # fmt: skip
    assert (receivable.nature, receivable.bearer, receivable.situation) == (
        "1101",
        "341",
        "1",
    )
    assert (receivable.customer_code, receivable.customer_store, receivable.customer_name) == (
        "000001", "01", "BOA VISTA",
    )  # fmt: skip
    assert receivable.customer == customer
    assert receivable.issue_date == date(2026, 1, 5)
    assert receivable.due_date == date(2026, 2, 4)
    assert receivable.real_due_date == date(2026, 2, 4)
    assert receivable.real_due_date_from_erp is False
    assert (receivable.amount, receivable.balance) == (
        Decimal("1500.00"),
        Decimal("1500.00"),
    )
    assert receivable.last_payment_date is None
    assert (receivable.daily_interest_amount, receivable.daily_interest_rate) == (
        None,
        None,
    )
    assert (receivable.currency, receivable.history) == (1, "")


@pytest.mark.django_db
def test_blank_real_due_date_is_computed_by_the_branch_calendar(tmp_path, branch):
    # given
    BranchHolidayFactory(branch=branch, date=date(2026, 3, 19))
    rows = [
        se1_row(E1_NUM="000000001", E1_VENCTO="20260207"),  # Saturday
        se1_row(
            E1_NUM="000000002", E1_VENCTO="20261120"
        ),  # Consciência Negra (national), a Friday
        se1_row(
            E1_NUM="000000003", E1_VENCTO="20260709"
        ),  # Revolução Constitucionalista (SP)
        se1_row(E1_NUM="000000004", E1_VENCTO="20260319"),  # the branch's own holiday
        se1_row(E1_NUM="000000005", E1_VENCTO="20260318"),  # a plain Wednesday
    ]
    se1 = write_csv(tmp_path / "se1.csv", rows, header=SE1_HEADER)

    # when
    protheus_import(se1_path=se1)

    # then
    assert dict(Receivable.objects.values_list("number", "real_due_date")) == {
        "000000001": date(2026, 2, 9),
        "000000002": date(2026, 11, 23),
        "000000003": date(2026, 7, 10),
        "000000004": date(2026, 3, 20),
        "000000005": date(2026, 3, 18),
    }
    assert set(Receivable.objects.values_list("real_due_date_from_erp", flat=True)) == {
        False
    }


@pytest.mark.django_db
def test_real_due_date_sent_by_the_erp_is_kept(tmp_path, branch):
    # The ERP's calendar may differ from ours (here it ignores the state holiday).
    se1 = write_csv(
        tmp_path / "se1.csv", [se1_row(E1_VENCTO="20260709", E1_VENCREA="20260709")]
    )

    protheus_import(se1_path=se1)

    receivable = Receivable.objects.get()
    assert receivable.real_due_date == date(2026, 7, 9)
    assert receivable.real_due_date_from_erp is True


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


# --- customers and titles without customers --------------------------------


@pytest.mark.django_db
def test_title_whose_customer_is_not_in_sa1_is_kept_and_counted(tmp_path, branch):
    # given
    CustomerFactory(code="000001", store="01")
    rows = [
        se1_row(E1_NUM="000000001"),
        se1_row(E1_NUM="000000002", E1_CLIENTE="000009"),
        se1_row(E1_NUM="000000003", E1_CLIENTE="000001", E1_LOJA="02"),
    ]
    se1 = write_csv(tmp_path / "se1.csv", rows)

    # when
    output = run_command(se1=se1)

    # then
    assert output == (
        "SE1: 3 criados, 0 alterados, 0 sem alteração\n"
        "SE1: 2 títulos sem cliente no SA1 (fora da seleção de títulos até o cliente ser importado)\n"
    )
    assert dict(Receivable.objects.values_list("number", "customer__code")) == {
        "000000001": "000001",
        "000000002": None,
        "000000003": None,
    }


@pytest.mark.django_db
def test_sa1_loaded_later_links_waiting_titles(tmp_path, branch):
    # given: titles imported before their customers
    protheus_import(
        se1_path=write_csv(
            tmp_path / "se1.csv", [se1_row(E1_NUM="000000001", E1_CLIENTE="000009")]
        )
    )
    other = ReceivableFactory(
        branch=branch,
        number="000000777",
        customer=None,
        customer_code="000008",
        customer_store="01",
    )
    stamp = Receivable.objects.get(number="000000001").updated_at

    # when
    output = run_command(
        sa1=write_csv(tmp_path / "sa1.csv", [sa1_row(A1_COD="000009")])
    )

    # then
    assert output == (
        "SA1: 1 criado, 0 alterados, 0 sem alteração\nSA1: 1 título já importado agora com o seu cliente\n"
    )
    linked = Receivable.objects.get(number="000000001")
    assert linked.customer == Customer.objects.get(code="000009")
    assert linked.updated_at > stamp
    other.refresh_from_db()
    assert other.customer is None


@pytest.mark.django_db
def test_changed_customer_code_moves_the_title_to_the_other_customer(tmp_path, branch):
    first, second = CustomerFactory(code="000001"), CustomerFactory(code="000002")
    protheus_import(
        se1_path=write_csv(tmp_path / "se1.csv", [se1_row(E1_CLIENTE="000001")])
    )
    assert Receivable.objects.get().customer == first

    result = protheus_import(
        se1_path=write_csv(tmp_path / "se1.csv", [se1_row(E1_CLIENTE="000002")])
    )

    assert (result.receivables.created, result.receivables.updated) == (0, 1)
    assert Receivable.objects.get().customer == second


# --- idempotence and updates -----------------------------------------------


@pytest.mark.django_db
def test_second_load_of_the_same_files_changes_nothing(tmp_path, branch):
    # given
    sa1 = write_csv(
        tmp_path / "sa1.csv", [sa1_row(A1_COD=f"{n:06d}") for n in range(1, 4)]
    )
    se1 = write_csv(
        tmp_path / "se1.csv",
        [
            se1_row(
                E1_NUM=f"{n:09d}",
                E1_CLIENTE=f"{n:06d}",
                E1_VENCREA="20260205" if n == 1 else "",
            )
            for n in range(1, 4)
        ],
    )
    run_command(sa1=sa1, se1=se1)
    customer_stamps = dict(Customer.objects.values_list("pk", "updated_at"))
    receivable_stamps = dict(Receivable.objects.values_list("pk", "updated_at"))

    # when
    with CaptureQueriesContext(connection) as queries:
        output = run_command(sa1=sa1, se1=se1)

    # then
    assert (
        output
        == "SA1: 0 criados, 0 alterados, 3 sem alteração\nSE1: 0 criados, 0 alterados, 3 sem alteração\n"
    )
    assert dict(Customer.objects.values_list("pk", "updated_at")) == customer_stamps
    assert dict(Receivable.objects.values_list("pk", "updated_at")) == receivable_stamps
    writes = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith(("INSERT", "UPDATE"))
    ]
    # The only write is the set-based customer link, which finds nothing.
    assert len(writes) == 1 and '"customer_id" IS NULL' in writes[0]


@pytest.mark.django_db
def test_one_changed_field_is_one_update(tmp_path, branch):
    # given
    sa1_rows = [sa1_row(A1_COD=f"{n:06d}") for n in range(1, 4)]
    se1_rows = [se1_row(E1_NUM=f"{n:09d}", E1_CLIENTE=f"{n:06d}") for n in range(1, 4)]
    protheus_import(
        sa1_path=write_csv(tmp_path / "sa1.csv", sa1_rows),
        se1_path=write_csv(tmp_path / "se1.csv", se1_rows),
    )
    stamps = dict(Receivable.objects.values_list("number", "updated_at"))
    sa1_rows[1]["A1_TEL"] = "3333-5555"
    se1_rows[2]["E1_SALDO"] = "500.00"
    se1_rows[2]["E1_BAIXA"] = "20260210"

    # when
    output = run_command(
        sa1=write_csv(tmp_path / "sa1.csv", sa1_rows),
        se1=write_csv(tmp_path / "se1.csv", se1_rows),
    )

    # then
    assert (
        output
        == "SA1: 0 criados, 1 alterado, 2 sem alteração\nSE1: 0 criados, 1 alterado, 2 sem alteração\n"
    )
    assert Customer.objects.get(code="000002").phone == "3333-5555"
    changed = Receivable.objects.get(number="000000003")
    assert (changed.balance, changed.last_payment_date) == (
        Decimal("500.00"),
        date(2026, 2, 10),
    )
    assert changed.updated_at > stamps["000000003"]
    assert Receivable.objects.get(number="000000001").updated_at == stamps["000000001"]


@pytest.mark.django_db
def test_changed_due_date_recomputes_the_real_due_date(tmp_path, branch):
    protheus_import(
        se1_path=write_csv(tmp_path / "se1.csv", [se1_row(E1_VENCTO="20260318")])
    )

    protheus_import(
        se1_path=write_csv(tmp_path / "se1.csv", [se1_row(E1_VENCTO="20260404")])
    )  # a Saturday

    receivable = Receivable.objects.get()
    assert (receivable.due_date, receivable.real_due_date) == (
        date(2026, 4, 4),
        date(2026, 4, 6),
    )


@pytest.mark.django_db
def test_columns_the_file_does_not_carry_keep_their_stored_value(tmp_path, branch):
    ReceivableFactory(
        branch=branch,
        prefix="001",
        number="000000123",
        installment="A",
        kind="NF",
        history="ACORDO 12/2025",
    )
    header = [name for name in SE1_HEADER if name not in {"E1_HIST", "E1_NATUREZ"}]

    result = protheus_import(
        se1_path=write_csv(tmp_path / "se1.csv", [se1_row()], header=header)
    )

    receivable = Receivable.objects.get()
    assert result.receivables.updated == 1  # other fields differ from the factory's
    assert (receivable.history, receivable.nature) == ("ACORDO 12/2025", "1101")


@pytest.mark.django_db
def test_file_without_prefix_and_installment_columns_uses_blank_keys(tmp_path, branch):
    header = [name for name in SE1_HEADER if name not in {"E1_PREFIXO", "E1_PARCELA"}]
    se1 = write_csv(tmp_path / "se1.csv", [se1_row()], header=header)

    protheus_import(se1_path=se1)
    result = protheus_import(se1_path=se1)

    receivable = Receivable.objects.get()
    assert (receivable.prefix, receivable.installment) == ("", "")
    assert result.receivables.unchanged == 1


# --- bad files and bad lines -----------------------------------------------


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


# --- numbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1500", "1500.00"),
        ("1500.5", "1500.50"),
        ("1500,50", "1500.50"),
        ("1.234,56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1.234.567", "1234567.00"),
        ("1.234.567,8", "1234567.80"),
        ("0,00", "0.00"),
        ("  12.30  ", "12.30"),
        ("-0.00", "0.00"),
        ("-7,10", "-7.10"),
        ("00012", "12.00"),
    ],
)
def test_numbers_in_either_notation(text, value):
    assert parse_decimal(text, max_digits=16, decimal_places=2) == Decimal(value)


@pytest.mark.parametrize(
    "text",
    [
        "1.234",
        "1,234",
        "12.345",
        "1.23.4",
        "1.234,5.6",
        "1,23,456.00",
        "1e5",
        "1.",
        ",5",
        "+1",
        "1 234",
        "--1",
        "12,3,4",
        "١٢",  # digits, but not ASCII ones
    ],
)
def test_numbers_that_cannot_be_read_safely_are_refused(text):
    with pytest.raises(InvalidValue):
        parse_decimal(text, max_digits=16, decimal_places=2)


# --- statements ------------------------------------------------------------


def insert_batches(model, rows: int) -> int:
    """INSERT statements bulk_create needs for `rows` rows on this database.

    PostgreSQL takes BATCH_SIZE rows per INSERT; SQLite fewer, because
    Django keeps each statement under 999 parameters.
    """
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    size = min(BATCH_SIZE, connection.ops.bulk_batch_size(fields, [None] * rows))
    return math.ceil(rows / size)


def files_of(tmp_path: Path, lines: int) -> dict[str, Path]:
    customers = [sa1_row(A1_COD=f"{n:06d}") for n in range(1, lines + 1)]
    titles = [
        se1_row(E1_NUM=f"{n:09d}", E1_CLIENTE=f"{n:06d}") for n in range(1, lines + 1)
    ]
    return {
        "sa1_path": write_csv(tmp_path / f"sa1-{lines}.csv", customers),
        "se1_path": write_csv(tmp_path / f"se1-{lines}.csv", titles),
    }


# savepoint, branches, existing customers, customer link, branch holidays,
# existing titles, customer ids, release savepoint; plus the INSERTs.
FIXED_STATEMENTS = 8


@pytest.mark.django_db
@pytest.mark.parametrize("lines", [10, 50])
def test_first_load_statement_count_does_not_grow_per_line(
    tmp_path, branch, django_assert_num_queries, lines
):
    files = files_of(tmp_path, lines)
    inserts = insert_batches(Customer, lines) + insert_batches(Receivable, lines)

    with django_assert_num_queries(FIXED_STATEMENTS + inserts):
        protheus_import(**files)

    assert (Customer.objects.count(), Receivable.objects.count()) == (lines, lines)


@pytest.mark.django_db
def test_first_load_of_ten_lines_takes_ten_statements(
    tmp_path, branch, django_assert_num_queries
):
    with django_assert_num_queries(10):
        protheus_import(**files_of(tmp_path, 10))


@pytest.mark.django_db
@pytest.mark.parametrize("lines", [10, 50])
def test_second_load_takes_the_same_statements_for_10_and_50_lines(
    tmp_path, branch, django_assert_num_queries, lines
):
    files = files_of(tmp_path, lines)
    protheus_import(**files)

    with django_assert_num_queries(FIXED_STATEMENTS):
        result = protheus_import(**files)

    assert (result.customers.unchanged, result.receivables.unchanged) == (lines, lines)


def update_batches(model, rows: int, fields: int) -> int:
    """UPDATE statements bulk_update needs for `rows` rows of `fields` fields."""
    model_fields = [model._meta.pk] * (fields + 2)  # Django counts the pk twice per row
    size = min(BATCH_SIZE, connection.ops.bulk_batch_size(model_fields, [None] * rows))
    return math.ceil(rows / size)


@pytest.mark.django_db
def test_update_of_50_lines_is_one_statement_per_batch(tmp_path, branch):
    # given
    protheus_import(**files_of(tmp_path, 50))
    customers = [sa1_row(A1_COD=f"{n:06d}", A1_TEL="3333-0000") for n in range(1, 51)]
    titles = [
        se1_row(E1_NUM=f"{n:09d}", E1_CLIENTE=f"{n:06d}", E1_SALDO="1.00")
        for n in range(1, 51)
    ]
    files = {
        "sa1_path": write_csv(tmp_path / "sa1.csv", customers),
        "se1_path": write_csv(tmp_path / "se1.csv", titles),
    }
    # Every column of the file but the key is written back, plus updated_at:
    # 10 + 1 for SA1; 15 + real due date, its origin, the customer + 1 for SE1.
    customer_updates = update_batches(Customer, 50, 11)
    receivable_updates = update_batches(Receivable, 50, 19)

    # when
    with CaptureQueriesContext(connection) as queries:
        result = protheus_import(**files)

    # then
    assert (result.customers.updated, result.receivables.updated) == (50, 50)
    # Changed titles refresh the SK1 mirror: savepoint, delete, update, release.
    mirror_refresh = 4
    assert (
        len(queries.captured_queries)
        == FIXED_STATEMENTS + customer_updates + receivable_updates + mirror_refresh
    )
    updates = [
        query for query in queries.captured_queries if query["sql"].startswith("UPDATE")
    ]
    # The customer link and the SK1 refresh are the 2.
    assert len(updates) == 2 + customer_updates + receivable_updates


# --- the real ledger --------------------------------------------------------

# Counted in the converter's output with awk: E1_SALDO (column 16) above zero.
OPEN_TITLES_ON_2012_03_16 = 108


@pytest.mark.shared_data
@pytest.mark.django_db
@pytest.mark.skipif(
    not (SHARED / "tools" / "ibm_ar_to_protheus.py").exists(),
    reason=f"shared material (converter and IBM ledger) not found at {SHARED}",
)
def test_files_written_by_the_ibm_ledger_converter_import(tmp_path, branch):
    # given: the converter's position on 2012-03-16
    subprocess.run(
        [
            sys.executable,
            SHARED / "tools" / "ibm_ar_to_protheus.py",
            "--as-of",
            "2012-03-16",
            "--out",
            tmp_path,
        ],
        check=True,
        capture_output=True,
    )

    # when
    output = run_command(sa1=tmp_path / "sa1.csv", se1=tmp_path / "se1.csv")
    again = run_command(sa1=tmp_path / "sa1.csv", se1=tmp_path / "se1.csv")

    # then: 100 customers and 242 titles (101 and 243 lines with the headers)
    assert (
        output
        == "SA1: 100 criados, 0 alterados, 0 sem alteração\nSE1: 242 criados, 0 alterados, 0 sem alteração\n"
    )
    assert (
        again
        == "SA1: 0 criados, 0 alterados, 100 sem alteração\nSE1: 0 criados, 0 alterados, 242 sem alteração\n"
    )
    assert Receivable.objects.filter(customer__isnull=True).count() == 0
    assert Receivable.objects.filter(real_due_date_from_erp=True).count() == 242
    assert Receivable.objects.filter(balance__gt=0).count() == OPEN_TITLES_ON_2012_03_16
    first = Receivable.objects.get(number="018104516")
    assert (first.due_date, first.real_due_date, first.balance, first.history) == (
        date(2012, 2, 26), date(2012, 2, 27), Decimal("0.00"), "DISPUTED",
    )  # fmt: skip
