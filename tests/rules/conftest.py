"""Shared actors of the rules tests."""

import pytest

from rules.models import SelectionRule
from tests.factories import SelectionRuleFactory


@pytest.fixture
def chain():
    """Widths 30, 30, 60 and the list rule, as TOTVS documents the example."""
    return {
        "FX0130": SelectionRuleFactory(
            code="FX0130", description="Até 30", order=10, width_days=30
        ),
        "FX3160": SelectionRuleFactory(
            code="FX3160", description="31 a 60", order=20, width_days=30
        ),
        "FX6120": SelectionRuleFactory(
            code="FX6120", description="61 a 120", order=30, width_days=60
        ),
        "LISTA": SelectionRuleFactory(
            code="LISTA",
            description="Lista",
            order=40,
            kind=SelectionRule.Kind.LIST,
            width_days=None,
        ),
    }
