"""Bands derived from the selection rules, DESIGN.md "Selection rules and bands"."""

from datetime import date

import pytest

from rules.models import SelectionRule
from rules.selectors import bands_derive, bands_list
from tests.factories import SelectionRuleFactory

pytestmark = pytest.mark.django_db


def band_rows():
    return [(band.rule.code, band.from_days, band.to_days) for band in bands_list()]


def test_widths_30_30_60_give_cumulative_bands_and_the_list_rule_after_them():
    SelectionRuleFactory(code="FX0130", order=10, width_days=30)
    SelectionRuleFactory(code="FX3160", order=20, width_days=30)
    SelectionRuleFactory(code="FX6120", order=30, width_days=60)
    SelectionRuleFactory(
        code="LISTA", order=40, kind=SelectionRule.Kind.LIST, width_days=None
    )

    assert band_rows() == [
        ("FX0130", 1, 30),
        ("FX3160", 31, 60),
        ("FX6120", 61, 120),
        ("LISTA", 121, None),
    ]


def test_chain_follows_the_order_not_the_creation():
    SelectionRuleFactory(code="B", order=20, width_days=60)
    SelectionRuleFactory(code="A", order=10, width_days=15)

    assert band_rows() == [("A", 1, 15), ("B", 16, 75)]


def test_list_rule_alone_covers_every_overdue_title():
    SelectionRuleFactory(
        code="LISTA", order=1, kind=SelectionRule.Kind.LIST, width_days=None
    )

    assert band_rows() == [("LISTA", 1, None)]


def test_list_rule_ordered_before_a_band_still_comes_after_the_last_band():
    SelectionRuleFactory(
        code="LISTA", order=1, kind=SelectionRule.Kind.LIST, width_days=None
    )
    SelectionRuleFactory(code="FX", order=5, width_days=10)

    assert band_rows() == [("FX", 1, 10), ("LISTA", 11, None)]


def test_band_window_on_real_due_dates_matches_the_protheus_worked_example():
    # Protheus reference: today 2024-06-30, rules 30, 30, 60; C covers due
    # dates 2024-03-02..2024-04-30 (61 to 120 days late).
    rules = [
        SelectionRule(code="A", order=1, width_days=30),
        SelectionRule(code="B", order=2, width_days=30),
        SelectionRule(code="C", order=3, width_days=60),
    ]
    windows = [band.real_due_window(date(2024, 6, 30)) for band in bands_derive(rules)]

    assert windows == [
        (date(2024, 5, 31), date(2024, 6, 29)),
        (date(2024, 5, 1), date(2024, 5, 30)),
        (date(2024, 3, 2), date(2024, 4, 30)),
    ]


def test_band_labels_read_as_ranges():
    rules = [
        SelectionRule(code="A", order=1, width_days=30),
        SelectionRule(code="L", order=2, kind="list"),
    ]

    assert [band.label() for band in bands_derive(rules)] == [
        "1 a 30 dias",
        "31 dias ou mais",
    ]
