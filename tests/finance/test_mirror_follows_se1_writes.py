"""SK1 follows SE1 writes at once: a title paid in the ERP is never counted again."""

from datetime import date
from decimal import Decimal

import pytest

from finance.importing import protheus_import
from finance.models import CollectionTitle
from finance.services import titles_refresh, titles_select
from tests.factories import (
    BranchFactory,
    BranchHolidayFactory,
    CustomerFactory,
    ReceivableFactory,
)

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 4)
HEADER = "E1_FILIAL;E1_PREFIXO;E1_NUM;E1_PARCELA;E1_TIPO;E1_CLIENTE;E1_LOJA;E1_VENCTO;E1_VENCREA;E1_VALOR;E1_SALDO"


def se1_file(tmp_path, *lines):
    path = tmp_path / "se1.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_payment_imported_from_the_erp_removes_the_title_from_collection_at_once(
    tmp_path,
):
    BranchFactory(code="01")
    CustomerFactory(code="000001", store="01")
    protheus_import(
        se1_path=se1_file(
            tmp_path,
            "01;001;000000001;;NF;000001;01;20261102;20261102;100.00;100.00",
            "01;001;000000002;;NF;000001;01;20261103;20261103;50.00;50.00",
        )
    )
    titles_select(reference_date=TODAY)

    result = protheus_import(
        se1_path=se1_file(
            tmp_path,
            "01;001;000000001;;NF;000001;01;20261102;20261102;100.00;0.00",
            "01;001;000000002;;NF;000001;01;20261103;20261103;50.00;20.00",
        )
    )

    assert sorted(CollectionTitle.objects.values_list("number", "balance")) == [
        ("000000002", Decimal("20.00"))
    ]
    assert (
        result.summary_lines()[-1]
        == "SK1: 1 título quitado ou sem cliente fora da cobrança, 1 atualizado"
    )


def test_new_branch_holiday_moves_the_mirrors_real_due_date_at_once():
    branch = BranchFactory(code="01")
    receivable = ReceivableFactory(
        branch=branch, due_date=date(2026, 11, 10), real_due_date=date(2026, 11, 10)
    )
    titles_select(reference_date=TODAY)

    BranchHolidayFactory(branch=branch, date=date(2026, 11, 10))
    from finance.calendar import receivables_recompute_real_due

    assert receivables_recompute_real_due(branch=branch) == 1
    assert CollectionTitle.objects.get(pk=receivable.pk).real_due_date == date(
        2026, 11, 11
    )


def test_refresh_keeps_owners_and_inserts_nothing():
    kept = ReceivableFactory(real_due_date=date(2026, 11, 1), balance=Decimal("10.00"))
    titles_select(reference_date=TODAY)
    ReceivableFactory(real_due_date=date(2026, 11, 2))

    assert titles_refresh().removed == 0
    assert list(CollectionTitle.objects.values_list("pk", flat=True)) == [kept.pk]
