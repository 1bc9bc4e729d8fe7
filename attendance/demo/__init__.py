"""Demo data for a local installation: configuration, people and a portfolio.

`demo_seed` sets up what a newcomer needs to see the product work: branch
01 "Matriz" in São Paulo/SP, the band rules 1-30, 31-60 and 61-120 days plus
the collection-list rule after them, an automatic negotiation rule, one
attendance group per selection rule with two operators each, a supervisor,
and a generated Brazilian portfolio (customers with valid CPF/CNPJ and a few
thousand receivables spread over every band).

Everything is deterministic (one seeded random generator, one seeded Faker)
and idempotent: configuration rows are looked up by their codes before being
created, users keep the password they have, and the portfolio is generated
only while the branch has no receivable at all. The portfolio is written
with bulk inserts, a fixed handful of statements whatever its size.

The passwords are fixed and printed: this is demo data for local use only,
and the management command refuses to run with DEBUG off unless forced.
"""

from .configuration import (
    BAND_RULES,
    BRANCH,
    LIST_RULE,
    NEGOTIATION_RULE,
    branch_seed,
    negotiation_rule_seed,
    selection_rules_seed,
)
from .people import (
    DEMO_PASSWORD,
    GROUPS,
    OPERATOR_NAMES,
    OPERATORS_PER_GROUP,
    SUPERVISOR_USERNAME,
    Login,
    people_seed,
)
from .portfolio import (
    AGE_PROFILES,
    BEARERS,
    BULK_BATCH_SIZE,
    DEFAULT_CUSTOMERS,
    DEFAULT_SEED,
    FULLY_PAID_SHARE,
    INSTALLMENT_COUNTS,
    KINDS,
    NATURES,
    NON_SELECTABLE_KINDS,
    PARTIALLY_PAID_SHARE,
    PLACES,
    Portfolio,
    portfolio_generate,
    portfolio_save,
)
from .seed import DemoSeedResult, demo_seed

__all__ = [
    "AGE_PROFILES",
    "BAND_RULES",
    "BEARERS",
    "BRANCH",
    "BULK_BATCH_SIZE",
    "DEFAULT_CUSTOMERS",
    "DEFAULT_SEED",
    "DEMO_PASSWORD",
    "FULLY_PAID_SHARE",
    "GROUPS",
    "INSTALLMENT_COUNTS",
    "KINDS",
    "LIST_RULE",
    "NATURES",
    "NEGOTIATION_RULE",
    "NON_SELECTABLE_KINDS",
    "OPERATORS_PER_GROUP",
    "OPERATOR_NAMES",
    "PARTIALLY_PAID_SHARE",
    "PLACES",
    "SUPERVISOR_USERNAME",
    "DemoSeedResult",
    "Login",
    "Portfolio",
    "branch_seed",
    "demo_seed",
    "negotiation_rule_seed",
    "people_seed",
    "portfolio_generate",
    "portfolio_save",
    "selection_rules_seed",
]
