"""Import of the Protheus export files: titles whose customer is not in SA1
(yet), and titles that move to another customer."""

import pytest

from finance.importing import protheus_import
from finance.models import Customer, Receivable
from tests.factories import CustomerFactory, ReceivableFactory
from tests.finance.protheus_files import run_command, sa1_row, se1_row, write_csv


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
