"""The queue position and the bands, on the real IBM ledger, against an
independent oracle.

The ledger goes through the shared converter (Protheus SA1/SE1 files), the
import command, title selection and the band build, exactly as an ERP load
would; the expected figures come from scripts/ledger_queue_position.py,
which reads the raw ledger CSV and shares no code with the project.

A note on the data: no invoice of this ledger was ever settled more than 45
days after its due date, so with the bands 1-30, 31-60, 61-120 and the list
rule (121+), the last two are empty on every day of the history, and 31-60
never holds more than one customer. Narrower chains (1-7, 8-14, 15-28, then
the list rule or nothing) are replayed as well, so that every rule and the
out-of-band count hold customers at some point.
"""

import contextlib
import importlib.util
import io
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command

from attendance.models import BandQueueEntry, BuildRun
from attendance.selectors import queue_position
from attendance.services import bands_build
from finance.models import CollectionTitle
from finance.services import titles_select
from rules.models import SelectionRule
from tests.conftest import SHARED
from tests.factories import BranchFactory

pytestmark = [pytest.mark.shared_data, pytest.mark.django_db]

if not (SHARED / "data").is_dir() or not (SHARED / "tools").is_dir():
    pytest.skip(
        "../shared is absent: the real ledger tests need ../shared/data and ../shared/tools",
        allow_module_level=True,
    )

LEDGER = SHARED / "data" / "ibm-late-payment-histories.csv"
CONVERTER = SHARED / "tools" / "ibm_ar_to_protheus.py"
ORACLE = Path(__file__).resolve().parents[2] / "scripts" / "ledger_queue_position.py"

REFERENCE_DATE = date(2013, 1, 31)

# The chains of selection rules: (band code, width) in order, then the list
# rule's code or None.
DESIGN_CHAIN = ((("FX0130", 30), ("FX3160", 30), ("FX6120", 60)), "LISTA")
NARROW_CHAIN = ((("FX0107", 7), ("FX0814", 7), ("FX1528", 14)), "LISTA")
NARROW_CHAIN_WITHOUT_LIST = ((("FX0107", 7), ("FX0814", 7), ("FX1528", 14)), None)

# Produced by:
#   python3 scripts/ledger_queue_position.py ../shared/data/ibm-late-payment-histories.csv --date 2013-01-31
# 2013-01-31, a Thursday, is one of the two days of the history with the most
# customers in 1-30 while 31-60 is populated (61-120 and 121+ are empty on
# every day); under 7/7/14 every rule, or the out-of-band count, holds
# somebody. On this day E1_VENCREA and E1_VENCTO give the same figures: the
# weekly replay, on Mondays, is the one that tells them apart.
DESIGN_CHAIN_POSITION = {
    "reference_date": "2013-01-31",
    "rules": [
        {
            "code": "FX0130",
            "kind": "band",
            "from_days": 1,
            "to_days": 30,
            "customers": 13,
            "titles": 14,
            "balance": "940.29",
            "owned_customers": 0,
            "unowned_customers": 13,
        },
        {
            "code": "FX3160",
            "kind": "band",
            "from_days": 31,
            "to_days": 60,
            "customers": 1,
            "titles": 1,
            "balance": "86.39",
            "owned_customers": 0,
            "unowned_customers": 1,
        },
        {
            "code": "FX6120",
            "kind": "band",
            "from_days": 61,
            "to_days": 120,
            "customers": 0,
            "titles": 0,
            "balance": "0.00",
            "owned_customers": 0,
            "unowned_customers": 0,
        },
        {
            "code": "LISTA",
            "kind": "list",
            "from_days": 121,
            "to_days": None,
            "customers": 0,
            "titles": 0,
            "balance": "0.00",
            "owned_customers": 0,
            "unowned_customers": 0,
        },
    ],
    "out_of_band": {"customers": 0, "titles": 0, "balance": "0.00"},
}

# Produced by:
#   python3 scripts/ledger_queue_position.py ../shared/data/ibm-late-payment-histories.csv --date 2013-01-31 \
#       --band FX0107=7 --band FX0814=7 --band FX1528=14 --list-rule LISTA
NARROW_CHAIN_POSITION = {
    "reference_date": "2013-01-31",
    "rules": [
        {
            "code": "FX0107",
            "kind": "band",
            "from_days": 1,
            "to_days": 7,
            "customers": 9,
            "titles": 10,
            "balance": "628.31",
            "owned_customers": 0,
            "unowned_customers": 9,
        },
        {
            "code": "FX0814",
            "kind": "band",
            "from_days": 8,
            "to_days": 14,
            "customers": 2,
            "titles": 2,
            "balance": "145.56",
            "owned_customers": 0,
            "unowned_customers": 2,
        },
        {
            "code": "FX1528",
            "kind": "band",
            "from_days": 15,
            "to_days": 28,
            "customers": 2,
            "titles": 2,
            "balance": "166.42",
            "owned_customers": 0,
            "unowned_customers": 2,
        },
        {
            "code": "LISTA",
            "kind": "list",
            "from_days": 29,
            "to_days": None,
            "customers": 1,
            "titles": 1,
            "balance": "86.39",
            "owned_customers": 0,
            "unowned_customers": 1,
        },
    ],
    "out_of_band": {"customers": 0, "titles": 0, "balance": "0.00"},
}

# Produced by:
#   python3 scripts/ledger_queue_position.py ../shared/data/ibm-late-payment-histories.csv --date 2013-01-31 \
#       --band FX0107=7 --band FX0814=7 --band FX1528=14 --list-rule ''
NARROW_CHAIN_WITHOUT_LIST_POSITION = {
    "reference_date": "2013-01-31",
    "rules": [
        {
            "code": "FX0107",
            "kind": "band",
            "from_days": 1,
            "to_days": 7,
            "customers": 9,
            "titles": 10,
            "balance": "628.31",
            "owned_customers": 0,
            "unowned_customers": 9,
        },
        {
            "code": "FX0814",
            "kind": "band",
            "from_days": 8,
            "to_days": 14,
            "customers": 2,
            "titles": 2,
            "balance": "145.56",
            "owned_customers": 0,
            "unowned_customers": 2,
        },
        {
            "code": "FX1528",
            "kind": "band",
            "from_days": 15,
            "to_days": 28,
            "customers": 2,
            "titles": 2,
            "balance": "166.42",
            "owned_customers": 0,
            "unowned_customers": 2,
        },
    ],
    "out_of_band": {"customers": 1, "titles": 1, "balance": "86.39"},
}


def _module_load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


oracle = _module_load("ledger_queue_position", ORACLE)
converter = _module_load("ibm_ar_to_protheus", CONVERTER)


def _convert(as_of, out):
    """Run the shared converter as its own process, the way an operator would."""
    completed = subprocess.run(
        [
            sys.executable,
            str(CONVERTER),
            "--as-of",
            as_of.isoformat(),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr


def _convert_in_process(as_of, out):
    """Run the shared converter's main() in this process (same files, no
    interpreter start-up per week of the replay)."""
    argv = [str(CONVERTER), "--as-of", as_of.isoformat(), "--out", str(out)]
    with (
        mock.patch.object(sys, "argv", argv),
        contextlib.redirect_stdout(io.StringIO()),
    ):
        converter.main()


def _import(out):
    call_command(
        "import_protheus",
        sa1=str(out / "sa1.csv"),
        se1=str(out / "se1.csv"),
        stdout=io.StringIO(),
    )


def _rules_create(chain):
    bands, list_rule = chain
    for position, (code, width) in enumerate(bands, start=1):
        SelectionRule.objects.create(
            code=code,
            description=f"Faixa {code}",
            kind=SelectionRule.Kind.BAND,
            order=position * 10,
            width_days=width,
        )
    if list_rule:
        SelectionRule.objects.create(
            code=list_rule,
            description="Lista de cobrança",
            kind=SelectionRule.Kind.LIST,
            order=(len(bands) + 1) * 10,
            width_days=None,
        )


def _sk1_key(invoice):
    """The SK1 key the converter's SE1 line for `invoice` must end up with."""
    return ("01", "001", invoice.number[-9:], "", "NF")


def _weeks():
    """The ledger's first invoice day, every Monday after it, and its last
    settlement day (when every title is paid).

    Mondays, because a title due on Saturday or Sunday has its real due date
    (E1_VENCREA) on Monday: it is not overdue yet on that Monday, while its
    plain due date (E1_VENCTO) would call it overdue. Steps on any other
    weekday could not tell the two apart.
    """
    invoices = oracle.read_ledger(LEDGER)
    first = min(invoice.issued for invoice in invoices)
    last = max(invoice.settled for invoice in invoices)
    weeks = [first]
    monday = first + timedelta(days=7 - first.weekday())
    while monday < last:
        weeks.append(monday)
        monday += timedelta(weeks=1)
    weeks.append(last)
    return weeks


@pytest.mark.parametrize(
    ("chain", "expected"),
    [
        pytest.param(DESIGN_CHAIN, DESIGN_CHAIN_POSITION, id="30-30-60-list"),
        pytest.param(NARROW_CHAIN, NARROW_CHAIN_POSITION, id="7-7-14-list"),
        pytest.param(
            NARROW_CHAIN_WITHOUT_LIST,
            NARROW_CHAIN_WITHOUT_LIST_POSITION,
            id="7-7-14-no-list",
        ),
    ],
)
def test_queue_position_of_the_real_ledger_matches_the_oracle(
    tmp_path, chain, expected
):
    # given: the ledger's position on the reference date, loaded from the ERP files
    _convert(REFERENCE_DATE, tmp_path)
    BranchFactory(code="01", state="SP")
    _rules_create(chain)
    _import(tmp_path)

    # when
    titles_select(reference_date=REFERENCE_DATE)
    position = queue_position(reference_date=REFERENCE_DATE)

    # then
    assert position == expected


def _chain_check(*, week, chain, invoices, customer_codes):
    """Assert the bands and the queue position of `week` under `chain`
    against the oracle; return the rules (None: out of band) that hold
    somebody."""
    rules = oracle.chain(*chain)
    band_codes = {rule.code for rule in rules if rule.kind == "band"}
    label = f"{week} {'/'.join(rule.code for rule in rules)}"
    run = bands_build(reference_date=week)
    assert run.status == BuildRun.Status.SUCCEEDED, f"{label}: {run.error}"

    # every customer with an open overdue title is counted in one place only
    placed = oracle.customer_rules(invoices, week, rules)
    position = queue_position(reference_date=week)
    counted = (
        sum(rule["customers"] for rule in position["rules"])
        + position["out_of_band"]["customers"]
    )
    assert counted == len(placed), (
        f"{label}: {counted} customers counted, {len(placed)} in arrears"
    )

    # the band queues hold each customer of a band rule once, in its band
    entries = list(
        BandQueueEntry.objects.values_list("customer__code", "selection_rule__code")
    )
    queued = [customer for customer, _ in entries]
    assert len(queued) == len(set(queued)), (
        f"{label}: a customer stands twice in the band queues"
    )
    expected_queued = {
        customer_codes[customer]: code
        for customer, code in placed.items()
        if code in band_codes
    }
    assert set(queued) == set(expected_queued), (
        f"{label}: queues miss {sorted(set(expected_queued) - set(queued))}"
        f" and have extra {sorted(set(queued) - set(expected_queued))}"
    )
    assert dict(entries) == expected_queued, (
        f"{label}: a customer stands in the wrong band"
    )

    # and the whole position is the oracle's
    assert position == oracle.queue_position(invoices, week, rules), (
        f"{label}: queue position differs"
    )
    return set(placed.values())


def test_weekly_replay_of_the_real_ledger_keeps_sk1_and_bands_equal_to_the_ledger(
    tmp_path,
):
    """Load the ledger week after week into one database, the way the ERP
    would send it (titles paid since last week come back with balance 0),
    and check SK1, the band queues and the queue position after each load
    under three chains of rules: the design's 30/30/60 + list, and 7/7/14
    with and without the list rule (so that the list rule and the
    out-of-band count hold customers too)."""
    # given
    invoices = oracle.read_ledger(LEDGER)
    customer_codes = oracle.customer_codes(invoices)
    BranchFactory(code="01", state="SP")
    chains = {
        DESIGN_CHAIN: set(),
        NARROW_CHAIN: set(),
        NARROW_CHAIN_WITHOUT_LIST: set(),
    }
    weeks = _weeks()
    sk1_sizes = []

    for week in weeks:
        # when: the ERP sends its position of that week on top of the last one
        out = tmp_path / week.isoformat()
        _convert_in_process(week, out)
        _import(out)
        titles_select(reference_date=week)

        # then: SK1 holds exactly the ledger's open overdue titles
        expected_keys = {
            _sk1_key(invoice) for invoice in oracle.open_overdue(invoices, week)
        }
        keys = set(
            CollectionTitle.objects.values_list(
                "branch__code", "prefix", "number", "installment", "kind"
            )
        )
        assert keys == expected_keys, (
            f"{week}: SK1 misses {sorted(expected_keys - keys)} and has extra {sorted(keys - expected_keys)}"
        )
        sk1_sizes.append(len(keys))

        # and the bands hold each customer once, under every chain of rules
        for chain, populated in chains.items():
            SelectionRule.objects.all().delete()
            _rules_create(chain)
            populated |= _chain_check(
                week=week, chain=chain, invoices=invoices, customer_codes=customer_codes
            )

    # the replay cannot pass on an empty queue: it starts and ends empty,
    # fills in between, and puts somebody in every rule that can hold anybody
    assert len(weeks) > 100
    assert sk1_sizes[0] == 0
    assert max(sk1_sizes[1:-1]) > 0
    assert sk1_sizes[-1] == 0
    # 61-120 and 121+ never hold anybody in this ledger (see the module docstring).
    assert chains[DESIGN_CHAIN] == {"FX0130", "FX3160"}
    assert chains[NARROW_CHAIN] == {"FX0107", "FX0814", "FX1528", "LISTA"}
    assert chains[NARROW_CHAIN_WITHOUT_LIST] == {"FX0107", "FX0814", "FX1528", None}
