"""Import of the Protheus export files: loading the same files again changes
nothing, and a changed field is one update."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance.importing import protheus_import
from finance.models import Customer, Receivable
from tests.factories import ReceivableFactory
from tests.finance.protheus_files import (
    SE1_HEADER,
    run_command,
    sa1_row,
    se1_row,
    write_csv,
)


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
