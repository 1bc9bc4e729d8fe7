"""Queue position report (Protheus "Posição geral da fila", TMKR046)."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from attendance.selectors import queue_position
from finance.models import CollectionTitle, Parameters, Receivable
from finance.services import titles_refresh, titles_select
from tests.attendance.conftest import TODAY, customer_with_titles
from tests.factories import OperatorFactory, ReceivableFactory, SelectionRuleFactory

pytestmark = pytest.mark.django_db


def rule_row(code, kind, from_days, to_days, customers, titles, balance, owned=0):
    return {
        "code": code,
        "kind": kind,
        "from_days": from_days,
        "to_days": to_days,
        "customers": customers,
        "titles": titles,
        "balance": balance,
        "owned_customers": owned,
        "unowned_customers": customers - owned,
    }


def test_each_customer_counts_once_in_the_band_of_its_oldest_title(chain, portfolio):
    CollectionTitle.objects.filter(customer=portfolio["ninety"]).update(
        owner=OperatorFactory(group__selection_rule=chain["FX6120"])
    )

    report = queue_position(reference_date=TODAY)

    assert report == {
        "reference_date": "2026-12-04",
        "rules": [
            rule_row("FX0130", "band", 1, 30, 2, 2, "110.00"),
            rule_row("FX3160", "band", 31, 60, 2, 3, "270.10"),
            rule_row("FX6120", "band", 61, 120, 2, 2, "1030.00", owned=1),
            rule_row("LISTA", "list", 121, None, 2, 3, "340.05"),
        ],
        "out_of_band": {"customers": 0, "titles": 0, "balance": "0.00"},
    }


def test_customer_older_than_the_last_band_without_list_rule_is_out_of_band(
    chain, portfolio
):
    chain["LISTA"].delete()

    report = queue_position(reference_date=TODAY)

    assert [rule["code"] for rule in report["rules"]] == ["FX0130", "FX3160", "FX6120"]
    assert report["out_of_band"] == {"customers": 2, "titles": 3, "balance": "340.05"}


def test_protheus_worked_example_customer_belongs_to_band_c():
    # Today 2024-06-30, rules A=30, B=30, C=60: titles due 2024-04-15 and
    # 2024-06-10 put the customer in C.
    for code, order in (("A", 1), ("B", 2), ("C", 3)):
        SelectionRuleFactory(
            code=code, order=order, width_days=30 if code != "C" else 60
        )
    customer = customer_with_titles("000001")
    for due in (date(2024, 4, 15), date(2024, 6, 10)):
        ReceivableFactory(
            customer=customer, due_date=due, real_due_date=due, balance=Decimal("10.00")
        )
    titles_select(reference_date=date(2024, 6, 30))

    report = queue_position(reference_date=date(2024, 6, 30))

    assert [
        (rule["code"], rule["customers"], rule["titles"]) for rule in report["rules"]
    ] == [
        ("A", 0, 0),
        ("B", 0, 0),
        ("C", 1, 2),
    ]


def test_paying_the_oldest_title_moves_the_customer_to_a_younger_band(chain, portfolio):
    oldest = Receivable.objects.get(
        customer=portfolio["two_bands"], balance=Decimal("200.10")
    )
    oldest.balance = Decimal("0")
    oldest.save()
    titles_select(reference_date=TODAY)

    report = queue_position(reference_date=TODAY)

    assert [
        (rule["code"], rule["customers"], rule["titles"], rule["balance"])
        for rule in report["rules"][:2]
    ] == [
        ("FX0130", 3, 3, "160.00"),
        ("FX3160", 1, 1, "20.00"),
    ]


def test_title_paid_since_the_last_selection_is_never_counted(chain, portfolio):
    # Every SE1 write (the ERP import, a recomputed calendar) refreshes SK1.
    Receivable.objects.filter(customer=portfolio["young"]).update(balance=Decimal("0"))
    titles_refresh()

    report = queue_position(reference_date=TODAY)

    assert report["rules"][0]["customers"] == 1
    assert report["rules"][0]["balance"] == "10.00"


def test_excluded_title_is_ignored(chain, portfolio):
    CollectionTitle.objects.filter(
        customer=portfolio["old"], balance=Decimal("300.00")
    ).update(excluded=True)

    report = queue_position(reference_date=TODAY)

    # The customer's remaining title is 1 day late: it moves to the first band.
    assert report["rules"][0]["customers"] == 3
    assert report["rules"][3]["customers"] == 1


def test_rule_filter_keeps_out_customers_without_a_matching_title(chain, portfolio):
    chain["FX6120"].nature = "9999"
    chain["FX6120"].save()

    report = queue_position(reference_date=TODAY)

    assert report["rules"][2]["customers"] == 0
    assert report["out_of_band"] == {"customers": 2, "titles": 2, "balance": "1030.00"}


def test_mv_tmkregf_turns_rule_filters_into_contains(chain, portfolio):
    chain["FX6120"].nature = "10"
    chain["FX6120"].save()
    assert queue_position(reference_date=TODAY)["rules"][2]["customers"] == 0

    Parameters.objects.update_or_create(pk=1, defaults={"contains_filters": True})

    assert queue_position(reference_date=TODAY)["rules"][2]["customers"] == 2


def test_situation_seven_means_every_situation(chain, portfolio):
    chain["FX6120"].situation = "7"
    chain["FX6120"].save()

    assert queue_position(reference_date=TODAY)["rules"][2]["customers"] == 2


def test_no_rules_puts_every_customer_out_of_band(portfolio):
    report = queue_position(reference_date=TODAY)

    assert report["rules"] == []
    assert report["out_of_band"] == {"customers": 8, "titles": 10, "balance": "1750.15"}


def test_queue_position_command_prints_the_json(chain, portfolio, capsys):
    call_command("queue_position", "--date", "2026-12-04", "--json")

    assert json.loads(capsys.readouterr().out) == queue_position(reference_date=TODAY)


def test_queue_position_command_prints_a_table(chain, portfolio, capsys):
    call_command("queue_position", "--date", "2026-12-04")

    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Posição geral da fila em 04/12/2026"
    assert lines[2].split() == [
        "FX0130",
        "faixa",
        "1",
        "a",
        "30",
        "2",
        "2",
        "R$",
        "110,00",
        "0",
        "2",
    ]
    assert lines[5].split() == [
        "LISTA",
        "lista",
        "121",
        "ou",
        "mais",
        "2",
        "3",
        "R$",
        "340,05",
        "0",
        "2",
    ]
    assert lines[6].split() == ["fora", "de", "toda", "faixa", "0", "0", "R$", "0,00"]
