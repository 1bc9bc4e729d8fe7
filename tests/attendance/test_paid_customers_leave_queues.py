"""A customer who paid everything in the ERP leaves the queues and the day's
lists as soon as the payment is imported, not at the next build."""

import pytest

from attendance.models import BandQueueEntry, CollectionListItem
from attendance.services import collections_build
from finance.importing import protheus_import
from finance.services import titles_select
from tests.attendance.conftest import TODAY
from tests.factories import (
    AttendanceGroupFactory,
    BranchFactory,
    CustomerFactory,
    OperatorFactory,
)

pytestmark = pytest.mark.django_db

HEADER = "E1_FILIAL;E1_PREFIXO;E1_NUM;E1_PARCELA;E1_TIPO;E1_CLIENTE;E1_LOJA;E1_VENCTO;E1_VENCREA;E1_VALOR;E1_SALDO"


def se1_file(tmp_path, balances: dict[str, str]):
    """Titles 1 and 2 of customer 000001 (20 days late), 3 of 000002 (200 days)."""
    lines = [
        f"01;001;000000001;;NF;000001;01;20261114;20261114;100.00;{balances['1']}",
        f"01;001;000000002;;NF;000001;01;20261114;20261114;50.00;{balances['2']}",
        f"01;001;000000003;;NF;000002;01;20260517;20260517;80.00;{balances['3']}",
    ]
    path = tmp_path / "se1.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def test_paid_customers_leave_queue_and_pending_list_items_at_import(tmp_path, chain):
    # given: one band customer and one list customer, built
    BranchFactory(code="01")
    CustomerFactory(code="000001", store="01")
    CustomerFactory(code="000002", store="01")
    OperatorFactory(group=AttendanceGroupFactory(selection_rule=chain["LISTA"]))
    protheus_import(
        se1_path=se1_file(tmp_path, {"1": "100.00", "2": "50.00", "3": "80.00"})
    )
    titles_select(reference_date=TODAY)
    collections_build(reference_date=TODAY)
    assert BandQueueEntry.objects.count() == 1
    assert CollectionListItem.objects.count() == 1

    # when: the first customer pays one title, the second pays everything
    protheus_import(
        se1_path=se1_file(tmp_path, {"1": "0.00", "2": "50.00", "3": "0.00"})
    )

    # then: the partly paid customer keeps its place until the next build
    assert list(BandQueueEntry.objects.values_list("customer__code", flat=True)) == [
        "000001"
    ]
    assert CollectionListItem.objects.count() == 0
