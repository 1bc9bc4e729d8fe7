"""Reads on selection rules: the bands derived from the chain of rules."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .models import SelectionRule


def _days_before(day: date, days: int) -> date:
    """`days` before `day`, stopping at the first date Python knows."""
    try:
        return day - timedelta(days=days)
    except OverflowError:
        return date.min


@dataclass(frozen=True)
class Band:
    """The days-overdue range a selection rule covers.

    `to_days` is None for the collection-list rule, which covers every age
    after the last band.
    """

    rule: SelectionRule
    from_days: int
    to_days: int | None

    @property
    def kind(self) -> str:
        return self.rule.kind

    def label(self) -> str:
        if self.to_days is None:
            return (
                f"{self.from_days} {'dia' if self.from_days == 1 else 'dias'} ou mais"
            )
        return f"{self.from_days} a {self.to_days} dias"

    def real_due_window(self, reference_date: date) -> tuple[date | None, date]:
        """The real due dates whose age, on `reference_date`, falls in the
        band: (oldest, newest), oldest None when the band is open-ended."""
        newest = _days_before(reference_date, self.from_days)
        oldest = (
            None if self.to_days is None else _days_before(reference_date, self.to_days)
        )
        return oldest, newest


def bands_derive(rules: Iterable[SelectionRule]) -> list[Band]:
    """Cumulate the band rules' widths in chain order, then put the list
    rule after the last band.

    Widths 30, 30, 60 give 1-30, 31-60 and 61-120; the list rule then covers
    121 days or more (1 or more when there is no band rule). Rules that
    cannot be a band (no width) are left out; the model and the admin refuse
    to save them.
    """
    ordered = sorted(rules, key=lambda rule: (rule.order, rule.code))
    bands: list[Band] = []
    end = 0
    for rule in ordered:
        if rule.kind == SelectionRule.Kind.BAND and rule.width_days:
            bands.append(
                Band(rule=rule, from_days=end + 1, to_days=end + rule.width_days)
            )
            end += rule.width_days
    for rule in ordered:
        if rule.kind == SelectionRule.Kind.LIST:
            bands.append(Band(rule=rule, from_days=end + 1, to_days=None))
    return bands


def bands_list() -> list[Band]:
    """The bands of every selection rule in the database, in chain order."""
    return bands_derive(SelectionRule.objects.all())
