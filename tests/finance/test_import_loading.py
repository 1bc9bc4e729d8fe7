"""Import of the Protheus export files: what a load of SA1 (customers) and
SE1 (titles) stores, padding stripped and real due dates computed or kept."""

from datetime import date
from decimal import Decimal

import pytest

from finance.importing import protheus_import
from finance.models import Customer, Receivable
from tests.factories import BranchHolidayFactory
from tests.finance.protheus_files import (
    SA1_HEADER,
    SE1_HEADER,
    VALID_CNPJ,
    run_command,
    sa1_row,
    se1_row,
    write_csv,
)


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
