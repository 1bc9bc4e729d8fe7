"""`demo_seed`: the demo configuration, people and portfolio in one
transaction, idempotent."""

import logging
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from finance.calendar import BranchCalendar
from finance.models import Branch, Parameters, Receivable

from .configuration import branch_seed, negotiation_rule_seed, selection_rules_seed
from .people import Login, people_seed
from .portfolio import DEFAULT_SEED, portfolio_generate, portfolio_save

logger = logging.getLogger(__name__)


@dataclass
class DemoSeedResult:
    reference_date: date
    branch: Branch
    logins: list[Login]
    customers_created: int = 0
    titles_created: int = 0
    titles_existing: int = 0


def demo_seed(
    *, reference_date: date, with_titles: bool = True, seed: int = DEFAULT_SEED
) -> DemoSeedResult:
    """Create the demo configuration, people and (optionally) portfolio.

    Idempotent: a second run finds every row by its code and writes
    nothing; the portfolio is only generated while branch 01 has no
    receivable, so real or earlier data is never duplicated.
    """
    with transaction.atomic():
        branch = branch_seed()
        rules = selection_rules_seed()
        negotiation_rule = negotiation_rule_seed()
        Parameters.current()
        logins = people_seed(rules=rules, negotiation_rule=negotiation_rule)
        result = DemoSeedResult(
            reference_date=reference_date, branch=branch, logins=logins
        )
        existing = Receivable.objects.filter(branch=branch).count()
        if not with_titles:
            result.titles_existing = existing
        elif existing:
            result.titles_existing = existing
            logger.info(
                "Demo portfolio kept: branch %s already has %d titles",
                branch.code,
                existing,
            )
        else:
            portfolio = portfolio_generate(
                reference_date=reference_date,
                calendar=BranchCalendar.for_branch(branch),
                seed=seed,
            )
            result.customers_created, result.titles_created = portfolio_save(
                portfolio=portfolio, branch=branch
            )
    logger.info(
        "Demo data seeded reference_date=%s customers=%d titles=%d",
        reference_date,
        result.customers_created,
        result.titles_created,
    )
    return result
