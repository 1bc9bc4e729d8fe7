"""A generated Brazilian portfolio: customers with valid CPF/CNPJ and
receivables spread over every band, generated in memory from one seed and
written with bulk inserts."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from faker import Faker
from stdnum.br import cnpj, cpf

from finance.calendar import BranchCalendar
from finance.models import Branch, Contact, Customer, Payment, Receivable

DEFAULT_SEED = 20261204
DEFAULT_CUSTOMERS = 600
BULK_BATCH_SIZE = 500

# (city, state, area code) of the customers; the branch's city first.
PLACES = (
    ("SAO PAULO", "SP", "11"),
    ("SAO PAULO", "SP", "11"),
    ("CAMPINAS", "SP", "19"),
    ("SANTOS", "SP", "13"),
    ("RIBEIRAO PRETO", "SP", "16"),
    ("RIO DE JANEIRO", "RJ", "21"),
    ("BELO HORIZONTE", "MG", "31"),
    ("CURITIBA", "PR", "41"),
    ("PORTO ALEGRE", "RS", "51"),
    ("SALVADOR", "BA", "71"),
    ("RECIFE", "PE", "81"),
    ("GOIANIA", "GO", "62"),
)

# Title types and their weights: most are collectable; provisional (PR),
# advance receipt (RA), credit note (NCC) and abatement (AB-) titles are in
# SE1 too, and title selection must leave them out.
KINDS = (
    ("NF", 45),
    ("DP", 22),
    ("BOL", 15),
    ("PR", 5),
    ("RA", 5),
    ("NCC", 4),
    ("AB-", 4),
)
NON_SELECTABLE_KINDS = ("PR", "RA", "NCC", "AB-")

# Age of a customer's oldest title on the reference date, as (weight, days
# late from, days late to); negative = not yet due. Every band is covered,
# and so is "older than the last band" (the collection lists).
AGE_PROFILES = ((10, -60, 0), (28, 1, 30), (20, 31, 60), (20, 61, 120), (22, 121, 540))
INSTALLMENT_COUNTS = (1, 1, 1, 2, 3, 4, 6)
NATURES = ("1101", "1102", "1201")
BEARERS = ("341", "237", "001", "104")
FULLY_PAID_SHARE = 0.12
PARTIALLY_PAID_SHARE = 0.10


@dataclass
class Portfolio:
    """A generated portfolio, not saved yet. Receivables and payments point
    at their customer by code and at their receivable by list index."""

    customers: list[Customer] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    receivables: list[Receivable] = field(default_factory=list)
    payments: list[tuple[int, date, Decimal]] = field(default_factory=list)


def portfolio_generate(
    *,
    reference_date: date,
    calendar: BranchCalendar,
    seed: int = DEFAULT_SEED,
    customers: int = DEFAULT_CUSTOMERS,
) -> Portfolio:
    """Generate a Brazilian receivables portfolio in memory (nothing saved).

    The same seed and reference date give the same portfolio. Customers
    are individuals (CPF) and companies (CNPJ), each tax id valid and
    unique. Each customer has a few invoices of one to six monthly
    installments; its oldest title falls in one of the age profiles, so
    every band has customers. Some titles are fully paid (balance 0), some
    partially paid (balance below the amount, last payment date set), some
    of types selection must skip; later installments are often not due
    yet. Real due dates come from the branch calendar.
    """
    rng = random.Random(seed)
    fake = Faker("pt_BR")
    fake.seed_instance(seed)
    portfolio = Portfolio()
    tax_ids: set[str] = set()
    title_number = 0
    kinds, kind_weights = zip(*KINDS, strict=True)
    profile_weights = [profile[0] for profile in AGE_PROFILES]

    for index in range(1, customers + 1):
        customer = _customer_generate(index=index, rng=rng, fake=fake, tax_ids=tax_ids)
        portfolio.customers.append(customer)
        portfolio.contacts.append(
            Contact(
                customer=customer,
                name=(
                    customer.name
                    if customer.person_type == Customer.PersonType.INDIVIDUAL
                    else fake.name()
                )[:40],
                phone_area=customer.phone_area,
                mobile_phone=f"9{rng.randint(6000, 9999)}-{rng.randint(0, 9999):04d}",
                business_phone=customer.phone,
                email=customer.email,
                is_collection_contact=True,
            )
        )

        _, youngest_age, oldest_age = rng.choices(
            AGE_PROFILES, weights=profile_weights
        )[0]
        oldest_days_late = rng.randint(youngest_age, oldest_age)
        for invoice in range(rng.choice((1, 2, 2, 3, 3))):
            # The first invoice sets the customer's age; later ones are younger.
            days_late = (
                oldest_days_late
                if invoice == 0
                else rng.randint(min(-60, oldest_days_late), oldest_days_late)
            )
            kind = rng.choices(kinds, weights=kind_weights)[0]
            installments = (
                1 if kind in NON_SELECTABLE_KINDS else rng.choice(INSTALLMENT_COUNTS)
            )
            first_due = reference_date - timedelta(days=days_late)
            issue_date = first_due - timedelta(days=30)
            title_number += 1
            amount_total = Decimal(rng.randint(8_000, 1_500_000)) / 100
            for installment in range(installments):
                due_date = first_due + timedelta(days=30 * installment)
                amount = (amount_total / installments).quantize(Decimal("0.01"))
                balance, last_payment = _payment_state_generate(
                    rng=rng,
                    amount=amount,
                    due_date=due_date,
                    reference_date=reference_date,
                )
                portfolio.receivables.append(
                    Receivable(
                        prefix="001",
                        number=f"{title_number:09d}",
                        installment=""
                        if installments == 1
                        else chr(ord("A") + installment),
                        kind=kind,
                        customer_code=customer.code,
                        customer_store=customer.store,
                        customer_name=customer.short_name,
                        nature=rng.choice(NATURES),
                        bearer=rng.choice(BEARERS),
                        situation=rng.choice("0111"),
                        issue_date=issue_date,
                        due_date=due_date,
                        real_due_date=calendar.real_due_date(due_date),
                        real_due_date_from_erp=False,
                        amount=amount,
                        balance=balance,
                        last_payment_date=last_payment,
                        history=f"VENDA {kind} {title_number:09d}",
                    )
                )
                if balance < amount:
                    portfolio.payments.append(
                        (len(portfolio.receivables) - 1, last_payment, amount - balance)
                    )
    return portfolio


def _customer_generate(
    *, index: int, rng: random.Random, fake: Faker, tax_ids: set[str]
) -> Customer:
    """One SA1 customer: an individual with a CPF or a company with a CNPJ."""
    is_company = rng.random() < 0.3
    while True:
        raw = fake.cnpj() if is_company else fake.cpf()
        tax_id = "".join(ch for ch in raw if ch.isdigit())
        valid = cnpj.is_valid(tax_id) if is_company else cpf.is_valid(tax_id)
        if valid and tax_id not in tax_ids:
            tax_ids.add(tax_id)
            break
    name = (fake.company() if is_company else fake.name()).upper()
    city, state, area = rng.choice(PLACES)
    return Customer(
        code=f"{index:06d}",
        store="01",
        name=name[:40],
        short_name=name[:20].strip(),
        person_type=Customer.PersonType.COMPANY
        if is_company
        else Customer.PersonType.INDIVIDUAL,
        tax_id=tax_id,
        state=state,
        city=city,
        phone_area=area,
        phone=f"{rng.randint(2000, 5999)}-{rng.randint(0, 9999):04d}",
        email=f"cliente{index:06d}@example.com.br",
    )


def _payment_state_generate(
    *, rng: random.Random, amount: Decimal, due_date: date, reference_date: date
) -> tuple[Decimal, date | None]:
    """Balance and last payment date: open, fully paid or partially paid.
    Only titles already issued long enough ago can have a payment."""
    roll = rng.random()
    if (
        due_date - timedelta(days=30) >= reference_date
        or roll >= FULLY_PAID_SHARE + PARTIALLY_PAID_SHARE
    ):
        return amount, None
    paid_on = min(due_date + timedelta(days=rng.randint(-10, 20)), reference_date)
    if roll < FULLY_PAID_SHARE:
        return Decimal("0.00"), paid_on
    share = Decimal(rng.randint(20, 80)) / 100
    balance = (amount * share).quantize(Decimal("0.01"))
    return max(balance, Decimal("0.01")), paid_on


def portfolio_save(*, portfolio: Portfolio, branch: Branch) -> tuple[int, int]:
    """Write a generated portfolio with bulk inserts; returns (customers
    created, titles created).

    Customers whose code already exists are kept as they are and their
    new titles point at them. A fixed number of statements per batch of
    rows: no query per row.
    """
    codes = [customer.code for customer in portfolio.customers]
    existing = set(
        Customer.objects.filter(code__in=codes, store="01").values_list(
            "code", flat=True
        )
    )
    new_customers = [
        customer for customer in portfolio.customers if customer.code not in existing
    ]
    Customer.objects.bulk_create(new_customers, batch_size=BULK_BATCH_SIZE)
    customer_ids = dict(
        Customer.objects.filter(code__in=codes, store="01").values_list("code", "pk")
    )

    contacts = [
        contact
        for contact in portfolio.contacts
        if contact.customer.code not in existing
    ]
    for contact in contacts:
        contact.customer_id = customer_ids[contact.customer.code]
    Contact.objects.bulk_create(contacts, batch_size=BULK_BATCH_SIZE)

    for receivable in portfolio.receivables:
        receivable.branch = branch
        receivable.customer_id = customer_ids[receivable.customer_code]
    Receivable.objects.bulk_create(portfolio.receivables, batch_size=BULK_BATCH_SIZE)
    receivable_ids = {
        tuple(row[:4]): row[4]
        for row in Receivable.objects.filter(branch=branch).values_list(
            "prefix", "number", "installment", "kind", "pk"
        )
    }
    payments = []
    for index, paid_on, amount in portfolio.payments:
        receivable = portfolio.receivables[index]
        key = (
            receivable.prefix,
            receivable.number,
            receivable.installment,
            receivable.kind,
        )
        payments.append(
            Payment(receivable_id=receivable_ids[key], date=paid_on, amount=amount)
        )
    Payment.objects.bulk_create(payments, batch_size=BULK_BATCH_SIZE)
    return len(new_customers), len(portfolio.receivables)
