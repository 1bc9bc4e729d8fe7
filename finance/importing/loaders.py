"""Writers of parsed SA1/SE1 lines into Customer and Receivable.

Each loader reads the existing rows it may touch in a few chunked queries,
compares in memory and writes with bulk_create / bulk_update, so the number
of statements grows with the file only by one per BATCH_SIZE lines. Only
rows whose values differ are written, which makes a second load of the same
file a no-op (updated_at untouched).
"""

# TODO: a file's parsed lines and changed rows are held in memory until they
# are written; a file of several million lines needs memory in proportion.

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from finance.calendar import BranchCalendar
from finance.models import Branch, Customer, Receivable

from .protheus import ParsedRow

BATCH_SIZE = 500


@dataclass
class LoadCounts:
    """What a loader did with one file."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0


def chunks(items: list, size: int = BATCH_SIZE) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _apply(instance, values: dict[str, Any], fields: Iterable[str]) -> bool:
    """Copy `values` onto `instance`; True when anything differed."""
    changed = False
    for name in fields:
        if getattr(instance, name) != values[name]:
            setattr(instance, name, values[name])
            changed = True
    return changed


def customers_upsert(*, rows: list[ParsedRow], fields: set[str]) -> LoadCounts:
    """Create or update customers by (code, store) from SA1 lines.

    `fields` are the customer fields the file carries; a column the file
    does not have leaves the stored value alone.
    """
    counts = LoadCounts()
    codes = sorted({row.values["code"] for row in rows})
    existing: dict[tuple[str, str], Customer] = {}
    for chunk in chunks(codes):
        for customer in Customer.objects.filter(code__in=chunk):
            existing[(customer.code, customer.store)] = customer

    now = timezone.now()
    update_fields = sorted(fields - {"code", "store"})
    to_create, to_update = [], []
    for row in rows:
        values = {name: row.values[name] for name in fields}
        customer = existing.get((values["code"], values["store"]))
        if customer is None:
            to_create.append(Customer(**values))
        elif _apply(customer, values, update_fields):
            customer.updated_at = now
            to_update.append(customer)
        else:
            counts.unchanged += 1
    Customer.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        Customer.objects.bulk_update(
            to_update, [*update_fields, "updated_at"], batch_size=BATCH_SIZE
        )
    counts.created, counts.updated = len(to_create), len(to_update)
    return counts


def receivables_link_customers() -> int:
    """Link titles waiting for their customer to the SA1 row that now exists.

    One UPDATE whatever the number of titles. Returns how many were linked.
    """
    same_customer = Customer.objects.filter(
        code=OuterRef("customer_code"), store=OuterRef("customer_store")
    )
    return (
        Receivable.objects.filter(customer__isnull=True)
        .filter(Exists(same_customer))
        .update(
            customer=Subquery(same_customer.values("pk")[:1]), updated_at=timezone.now()
        )
    )


@dataclass
class ReceivableCounts(LoadCounts):
    without_customer: int = 0


def receivables_upsert(
    *, rows: list[ParsedRow], fields: set[str], branches: list[Branch]
) -> ReceivableCounts:
    """Create or update titles by branch+prefix+number+installment+type from SE1 lines.

    A blank E1_VENCREA is computed by the branch calendar (and recomputed
    when the calendar changes); a date the ERP sent is kept as sent. The
    customer link is set when the SA1 customer exists; otherwise the title
    is kept without it, and title selection leaves it out until it does.
    """
    counts = ReceivableCounts()
    calendars = BranchCalendar.for_branches(branches)
    branch_ids = sorted({row.values["branch_id"] for row in rows})

    numbers = sorted({row.values["number"] for row in rows})
    existing: dict[tuple, Receivable] = {}
    for chunk in chunks(numbers):
        for receivable in Receivable.objects.filter(
            branch_id__in=branch_ids, number__in=chunk
        ):
            key = (
                receivable.branch_id,
                receivable.prefix,
                receivable.number,
                receivable.installment,
                receivable.kind,
            )
            existing[key] = receivable

    customer_codes = sorted({row.values["customer_code"] for row in rows})
    customer_ids: dict[tuple[str, str], int] = {}
    for chunk in chunks(customer_codes):
        for code, store, pk in Customer.objects.filter(code__in=chunk).values_list(
            "code", "store", "pk"
        ):
            customer_ids[(code, store)] = pk

    data_fields = fields - {"branch_code", "real_due_date"}
    update_fields = sorted(
        (data_fields - {"prefix", "number", "installment", "kind"})
        | {"real_due_date", "real_due_date_from_erp", "customer_id"}
    )
    now = timezone.now()
    to_create, to_update = [], []
    for row in rows:
        values = {name: row.values[name] for name in data_fields}
        values["branch_id"] = row.values["branch_id"]
        sent_real_due = row.values.get("real_due_date")
        values["real_due_date_from_erp"] = sent_real_due is not None
        values["real_due_date"] = sent_real_due or calendars[
            values["branch_id"]
        ].real_due_date(values["due_date"])
        values["customer_id"] = customer_ids.get(
            (values["customer_code"], values["customer_store"])
        )
        if values["customer_id"] is None:
            counts.without_customer += 1
        key = (
            values["branch_id"],
            values["prefix"],
            values["number"],
            values["installment"],
            values["kind"],
        )
        receivable = existing.get(key)
        if receivable is None:
            to_create.append(Receivable(**values))
        elif _apply(receivable, values, update_fields):
            receivable.updated_at = now
            to_update.append(receivable)
        else:
            counts.unchanged += 1
    Receivable.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    if to_update:
        model_fields = [
            "customer" if name == "customer_id" else name for name in update_fields
        ]
        Receivable.objects.bulk_update(
            to_update, [*model_fields, "updated_at"], batch_size=BATCH_SIZE
        )
    counts.created, counts.updated = len(to_create), len(to_update)
    return counts
