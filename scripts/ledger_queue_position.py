#!/usr/bin/env python3
"""Compute, straight from the raw IBM ledger, the queue position the product
must report on a reference date.

This is the test oracle for the real-ledger tests: it shares no code with
the project (standard library only) and reads the ledger CSV itself, not the
Protheus files the converter writes. The rules it applies are the ones the
converter and DESIGN.md state, written down a second time on purpose:

- an invoice is open on day D when it was issued on or before D and settled
  after D (the converter leaves out invoices issued after D and writes a
  zero balance for those settled on or before D);
- its real due date is the due date moved past Saturdays, Sundays and the
  fixed-date national holidays the converter uses (the converter sends
  E1_VENCREA, so the product keeps it);
- it is overdue when its real due date is strictly before D; days late are
  D minus the real due date, in calendar days;
- band rules cumulate their widths in chain order (30, 30, 60 give 1-30,
  31-60, 61-120); the list rule takes every age after the last band;
- a customer stands in the band of its oldest open overdue title, once,
  with all its open overdue titles and their balance. Without a list rule,
  a customer older than the last band is "out of band".

    python3 scripts/ledger_queue_position.py LEDGER.csv --date 2013-01-31

prints the position as JSON in the shape of
`attendance.selectors.queue_position`. `--band CODE=WIDTH` (repeatable) and
`--list-rule CODE` (empty for none) change the chain of rules; the default
chain is FX0130=30, FX3160=30, FX6120=60 and the list rule LISTA.
"""

import argparse
import csv
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

# Fixed-date Brazilian national holidays (month, day), the converter's list.
FIXED_HOLIDAYS = frozenset(
    {(1, 1), (4, 21), (5, 1), (9, 7), (10, 12), (11, 2), (11, 15), (12, 25)}
)

DEFAULT_BANDS = (("FX0130", 30), ("FX3160", 30), ("FX6120", 60))
DEFAULT_LIST_RULE = "LISTA"


@dataclass(frozen=True)
class Invoice:
    """One ledger line, with the dates the collection rules need."""

    number: str
    customer_id: str
    issued: date
    due: date
    real_due: date
    settled: date
    amount: Decimal

    def is_open(self, day: date) -> bool:
        return self.issued <= day < self.settled

    def is_open_overdue(self, day: date) -> bool:
        return self.is_open(day) and self.real_due < day


@dataclass(frozen=True)
class Rule:
    """A link of the chain: a band [from_days, to_days] or the list rule
    (to_days None)."""

    code: str
    kind: str
    from_days: int
    to_days: int | None

    def covers(self, days_late: int) -> bool:
        return self.from_days <= days_late and (
            self.to_days is None or days_late <= self.to_days
        )


def _us_date(text: str) -> date:
    return datetime.strptime(text, "%m/%d/%Y").date()


def next_business_day(day: date) -> date:
    """The day itself, or the first later day that is neither a weekend nor
    a fixed-date national holiday."""
    while day.weekday() in (5, 6) or (day.month, day.day) in FIXED_HOLIDAYS:
        day = day + timedelta(days=1)
    return day


def read_ledger(path: Path | str) -> list[Invoice]:
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            Invoice(
                number=line["invoiceNumber"],
                customer_id=line["customerID"],
                issued=_us_date(line["InvoiceDate"]),
                due=_us_date(line["DueDate"]),
                real_due=next_business_day(_us_date(line["DueDate"])),
                settled=_us_date(line["SettledDate"]),
                amount=Decimal(line["InvoiceAmount"]),
            )
            for line in csv.DictReader(handle)
        ]


def customer_codes(invoices: list[Invoice]) -> dict[str, str]:
    """The A1_COD the converter gives each ledger customer: its position in
    the sorted list of customer ids, from 000001."""
    ids = sorted({invoice.customer_id for invoice in invoices})
    return {
        customer_id: f"{position:06d}"
        for position, customer_id in enumerate(ids, start=1)
    }


def chain(bands=DEFAULT_BANDS, list_rule: str | None = DEFAULT_LIST_RULE) -> list[Rule]:
    """The rules with their day ranges: band widths cumulated in order, the
    list rule (if any) after the last band."""
    rules = []
    end = 0
    for code, width in bands:
        rules.append(
            Rule(code=code, kind="band", from_days=end + 1, to_days=end + width)
        )
        end += width
    if list_rule:
        rules.append(Rule(code=list_rule, kind="list", from_days=end + 1, to_days=None))
    return rules


def open_overdue(invoices: list[Invoice], day: date) -> list[Invoice]:
    return [invoice for invoice in invoices if invoice.is_open_overdue(day)]


def customer_rules(
    invoices: list[Invoice], day: date, rules: list[Rule]
) -> dict[str, str | None]:
    """For each customer with an open overdue title, the code of the rule of
    its oldest one (None when no rule covers it: out of band)."""
    oldest: dict[str, date] = {}
    for invoice in open_overdue(invoices, day):
        known = oldest.get(invoice.customer_id)
        if known is None or invoice.real_due < known:
            oldest[invoice.customer_id] = invoice.real_due
    placed = {}
    for customer_id, real_due in oldest.items():
        days_late = (day - real_due).days
        placed[customer_id] = next(
            (rule.code for rule in rules if rule.covers(days_late)), None
        )
    return placed


def queue_position(invoices: list[Invoice], day: date, rules: list[Rule]) -> dict:
    """Customers, titles and balance per rule, and out of band, on `day`.

    Nobody owns anything in a fresh import, so every customer is unowned.
    """
    placed = customer_rules(invoices, day, rules)
    by_rule: dict[str | None, list[Invoice]] = {rule.code: [] for rule in rules}
    by_rule[None] = []
    for invoice in open_overdue(invoices, day):
        by_rule[placed[invoice.customer_id]].append(invoice)

    def totals(titles: list[Invoice]) -> dict:
        balance = sum((title.amount for title in titles), Decimal("0"))
        return {
            "customers": len({title.customer_id for title in titles}),
            "titles": len(titles),
            "balance": str(balance.quantize(Decimal("0.01"))),
        }

    result_rules = []
    for rule in rules:
        figures = totals(by_rule[rule.code])
        result_rules.append(
            {
                "code": rule.code,
                "kind": rule.kind,
                "from_days": rule.from_days,
                "to_days": rule.to_days,
                **figures,
                "owned_customers": 0,
                "unowned_customers": figures["customers"],
            }
        )
    return {
        "reference_date": day.isoformat(),
        "rules": result_rules,
        "out_of_band": totals(by_rule[None]),
    }


def _band(text: str) -> tuple[str, int]:
    code, _, width = text.partition("=")
    if not code or not width.isdigit() or int(width) <= 0:
        raise argparse.ArgumentTypeError(
            f"expected CODE=WIDTH with a positive width, got {text!r}"
        )
    return code, int(width)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ledger", type=Path, help="the raw ledger CSV")
    parser.add_argument(
        "--date",
        required=True,
        type=date.fromisoformat,
        help="reference date, YYYY-MM-DD",
    )
    parser.add_argument(
        "--band", action="append", type=_band, help="CODE=WIDTH, in chain order"
    )
    parser.add_argument(
        "--list-rule", default=DEFAULT_LIST_RULE, help="list rule code; empty for none"
    )
    args = parser.parse_args(argv)

    rules = chain(args.band or DEFAULT_BANDS, args.list_rule or None)
    position = queue_position(read_ledger(args.ledger), args.date, rules)
    print(json.dumps(position, indent=4))


if __name__ == "__main__":
    main()
