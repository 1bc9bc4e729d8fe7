"""Import of the Protheus export files written by the IBM ledger converter
(the shared real ledger)."""

import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest

from finance.models import Receivable
from tests.conftest import SHARED
from tests.finance.protheus_files import run_command

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
