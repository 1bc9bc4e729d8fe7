"""Business-day calendar of a branch and the real due date (E1_VENCREA).

A title's real due date is its due date moved forward to the next business
day of its branch: Saturdays, Sundays, Brazilian national holidays, the
holidays of the branch's state (the `holidays` package) and the holidays a
supervisor registers for the branch (BranchHoliday: city anniversaries,
company days) are not business days. Aging, interest and title selection
all count from this date, so it is computed in one place.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

import holidays
from django.db import transaction
from django.utils import timezone

from .models import Branch, BranchHoliday, Receivable
from .services import titles_refresh

logger = logging.getLogger(__name__)

# A run of non-business days longer than this means a misconfigured
# calendar (e.g. a supervisor added a whole year of holidays); failing is
# better than looping for ever.
MAX_CONSECUTIVE_NON_BUSINESS_DAYS = 366

RECOMPUTE_BATCH_SIZE = 1000


class BranchCalendar:
    """The non-business days of one branch.

    Holds the branch's own holidays as a set loaded once, so a bulk import
    or a recompute asks the database nothing per title. National and state
    holidays come from the `holidays` package, which computes the years on
    demand in memory.
    """

    def __init__(self, *, state: str, branch_holidays: Iterable[date] = ()) -> None:
        self.state = (state or "").strip().upper()
        self.branch_holidays = frozenset(branch_holidays)
        try:
            self.public_holidays = holidays.country_holidays(
                "BR", subdiv=self.state or None
            )
        except NotImplementedError:
            # An unknown state must not stop imports; the national holidays
            # still apply and the supervisor sees the warning in the logs.
            logger.warning(
                "Unknown state %r for a branch calendar; using national holidays only",
                self.state,
            )
            self.public_holidays = holidays.country_holidays("BR")

    @classmethod
    def for_branch(cls, branch: Branch) -> "BranchCalendar":
        """The calendar of one branch (one query for its holidays)."""
        dates = BranchHoliday.objects.filter(branch=branch).values_list(
            "date", flat=True
        )
        return cls(state=branch.state, branch_holidays=dates)

    @classmethod
    def for_branches(cls, branches: Iterable[Branch]) -> dict[int, "BranchCalendar"]:
        """Calendars keyed by branch id, with one query for all their holidays."""
        branches = list(branches)
        dates_by_branch: dict[int, list[date]] = defaultdict(list)
        rows = BranchHoliday.objects.filter(branch__in=branches).values_list(
            "branch_id", "date"
        )
        for branch_id, day in rows:
            dates_by_branch[branch_id].append(day)
        return {
            branch.pk: cls(
                state=branch.state, branch_holidays=dates_by_branch[branch.pk]
            )
            for branch in branches
        }

    def is_business_day(self, day: date) -> bool:
        """False on weekends, national, state and branch holidays."""
        return (
            day.weekday() < 5
            and day not in self.public_holidays
            and day not in self.branch_holidays
        )

    def next_business_day(self, day: date) -> date:
        """The first business day strictly after `day`."""
        candidate = day
        for _ in range(MAX_CONSECUTIVE_NON_BUSINESS_DAYS):
            candidate += timedelta(days=1)
            if self.is_business_day(candidate):
                return candidate
        raise ValueError(
            f"Nenhum dia útil em {MAX_CONSECUTIVE_NON_BUSINESS_DAYS} dias após {day:%d/%m/%Y}."
        )

    def real_due_date(self, due_date: date) -> date:
        """E1_VENCREA: the due date itself when it is a business day, else the next one."""
        if self.is_business_day(due_date):
            return due_date
        return self.next_business_day(due_date)


@transaction.atomic
def receivables_recompute_real_due(*, branch: Branch) -> int:
    """Recompute the real due date of the branch's titles after its calendar changed.

    Called when a supervisor adds or removes a branch holiday. Only titles
    whose real due date the calendar computed are touched: a date the ERP
    sent (E1_VENCREA) is the ERP's decision and is kept. Only rows whose
    value changes are written, and the SK1 mirror is refreshed with them.
    Returns how many were changed.
    """
    calendar = BranchCalendar.for_branch(branch)
    rows = (
        Receivable.objects.filter(branch=branch, real_due_date_from_erp=False)
        .values_list("pk", "due_date", "real_due_date")
        .order_by("pk")
    )
    now = timezone.now()
    changed = []
    for pk, due_date, current in rows.iterator(chunk_size=RECOMPUTE_BATCH_SIZE):
        computed = calendar.real_due_date(due_date)
        if computed != current:
            changed.append(Receivable(pk=pk, real_due_date=computed, updated_at=now))
    Receivable.objects.bulk_update(
        changed, ["real_due_date", "updated_at"], batch_size=RECOMPUTE_BATCH_SIZE
    )
    if changed:
        # The mirror follows at once, so no band ages a title by its old date.
        titles_refresh()
    logger.info(
        "Real due dates recomputed for branch %s: %d changed", branch.pk, len(changed)
    )
    return len(changed)
