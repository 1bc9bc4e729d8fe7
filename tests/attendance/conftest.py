"""A portfolio placed in the demo chain of rules (30, 30, 60 days + list)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from finance.services import titles_select
from rules.models import SelectionRule
from tests.factories import CustomerFactory, ReceivableFactory, SelectionRuleFactory

TODAY = date(2026, 12, 4)


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@pytest.fixture
def chain():
    """Band rules FX0130, FX3160, FX6120 and the list rule LISTA."""
    return {
        "FX0130": SelectionRuleFactory(code="FX0130", order=10, width_days=30),
        "FX3160": SelectionRuleFactory(code="FX3160", order=20, width_days=30),
        "FX6120": SelectionRuleFactory(code="FX6120", order=30, width_days=60),
        "LISTA": SelectionRuleFactory(
            code="LISTA", order=40, kind=SelectionRule.Kind.LIST, width_days=None
        ),
    }


def customer_with_titles(code: str, *ages_and_balances: tuple[int, str]):
    """A customer whose open titles are `ages` days late with `balances`."""
    customer = CustomerFactory(code=code)
    for age, balance in ages_and_balances:
        ReceivableFactory(
            customer=customer,
            due_date=days_ago(age),
            real_due_date=days_ago(age),
            amount=Decimal(balance),
            balance=Decimal(balance),
        )
    return customer


@pytest.fixture
def portfolio():
    """Customers in every band; selection already run on TODAY."""
    customers = {
        "young": customer_with_titles("000001", (5, "100.00")),
        "two_bands": customer_with_titles("000002", (10, "50.00"), (45, "200.10")),
        "old": customer_with_titles("000003", (200, "300.00"), (1, "0.05")),
        "ninety": customer_with_titles("000004", (90, "1000.00")),
        "edge_30": customer_with_titles("000005", (30, "10.00")),
        "edge_31": customer_with_titles("000006", (31, "20.00")),
        "edge_120": customer_with_titles("000007", (120, "30.00")),
        "edge_121": customer_with_titles("000008", (121, "40.00")),
    }
    titles_select(reference_date=TODAY)
    return customers
