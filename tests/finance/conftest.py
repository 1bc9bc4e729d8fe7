"""Shared fixtures of the finance tests."""

import pytest

from tests.factories import BranchFactory


@pytest.fixture
def branch(db):
    """Branch 01 in São Paulo, the one the Protheus export files name."""
    return BranchFactory(code="01", state="SP")
