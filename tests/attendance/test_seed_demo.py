"""`seed_demo`: demo configuration, users and a generated Brazilian portfolio."""

from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from stdnum.br import cnpj, cpf

import attendance.management.commands.seed_demo as seed_demo_command
from attendance.demo import DEMO_PASSWORD, NON_SELECTABLE_KINDS, portfolio_generate
from attendance.services import bands_build, selection_run
from finance.calendar import BranchCalendar
from finance.models import Branch, Contact, Customer, Parameters, Payment, Receivable
from operators.models import AttendanceGroup, Operator
from rules.models import NegotiationRule, SelectionRule
from rules.selectors import bands_list

REFERENCE_DATE = date(2026, 12, 4)


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--date", REFERENCE_DATE.isoformat(), *args, stdout=out)
    return out.getvalue()


def world_counts() -> dict[str, int]:
    models = (
        Branch,
        SelectionRule,
        NegotiationRule,
        AttendanceGroup,
        Operator,
        Customer,
        Contact,
        Receivable,
        Payment,
    )
    counts = {model.__name__: model.objects.count() for model in models}
    counts["User"] = get_user_model().objects.count()
    return counts


@pytest.fixture
def debug_on(settings):
    settings.DEBUG = True


@pytest.mark.django_db
def test_seed_demo_refuses_to_run_with_debug_off_unless_forced(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG está desligado"):
        seed("--no-titles")
    assert get_user_model().objects.count() == 0

    seed("--no-titles", "--force")
    assert get_user_model().objects.filter(username="supervisor").exists()


@pytest.mark.django_db
def test_seed_demo_configures_branch_rules_groups_operators_and_parameters(debug_on):
    # when
    output = seed("--no-titles")

    # then
    branch = Branch.objects.get()
    assert (branch.code, branch.name, branch.city, branch.state) == (
        "01",
        "Matriz",
        "São Paulo",
        "SP",
    )
    assert [
        (band.rule.code, band.from_days, band.to_days) for band in bands_list()
    ] == [
        ("FX0130", 1, 30),
        ("FX3160", 31, 60),
        ("FX6120", 61, 120),
        ("LISTAS", 121, None),
    ]
    assert list(SelectionRule.objects.values_list("order", "width_days")) == [
        (10, 30),
        (20, 30),
        (30, 60),
        (40, None),
    ]
    assert (
        SelectionRule.objects.get(kind=SelectionRule.Kind.LIST).description
        == "REGRA PARA LISTAS DE COBRANÇAS"
    )
    negotiation = NegotiationRule.objects.get()
    assert negotiation.title_loading == NegotiationRule.TitleLoading.AUTOMATIC
    assert negotiation.max_extension_days > 0 and negotiation.max_callback_days > 0

    groups = list(AttendanceGroup.objects.order_by("code"))
    assert [group.selection_rule.code for group in groups] == [
        "FX0130",
        "FX3160",
        "FX6120",
        "LISTAS",
    ]
    for group in groups:
        assert group.works_collections
        operators = list(group.operators.all())
        assert len(operators) == 2
        assert all(
            op.works_collections and op.role == Operator.Role.OPERATOR
            for op in operators
        )
        assert all(
            op.attendance_profile == Operator.AttendanceProfile.COLLECTIONS
            for op in operators
        )

    supervisor = get_user_model().objects.get(username="supervisor")
    assert supervisor.is_superuser and supervisor.is_staff
    assert supervisor.operator.role == Operator.Role.SUPERVISOR
    assert supervisor.operator.group is None

    parameters = Parameters.objects.get()
    assert parameters == Parameters.current()
    assert (parameters.selectable_types, parameters.list_capacity_per_operator) == (
        "",
        40,
    )

    assert Receivable.objects.count() == 0
    assert "Carteira não gerada (--no-titles)" in output


@pytest.mark.django_db
def test_seed_demo_prints_every_login_and_the_passwords_work(debug_on, client):
    output = seed("--no-titles")

    usernames = ["supervisor"] + [f"operador{n:02d}" for n in range(1, 9)]
    for username in usernames:
        assert f"  {username} / {DEMO_PASSWORD}  - " in output
        assert client.login(username=username, password=DEMO_PASSWORD)
    assert get_user_model().objects.count() == len(usernames)


@pytest.mark.django_db
def test_seed_demo_twice_creates_nothing_new_and_keeps_passwords(debug_on):
    seed()
    before = world_counts()
    password_hash = get_user_model().objects.get(username="operador01").password

    output = seed()

    assert world_counts() == before
    assert get_user_model().objects.get(username="operador01").password == password_hash
    assert "operador01 / (usuário já existia: senha mantida)" in output
    assert (
        f"Carteira mantida: a filial 01 já tem {before['Receivable']} títulos" in output
    )


@pytest.mark.django_db
def test_seed_demo_writes_the_portfolio_in_bulk(debug_on):
    with CaptureQueriesContext(connection) as queries:
        seed()

    rows = (
        Customer.objects.count()
        + Contact.objects.count()
        + Receivable.objects.count()
        + Payment.objects.count()
    )
    assert Receivable.objects.count() > 2500
    # Bulk inserts: batches of rows (SQLite caps a statement at 999 values),
    # never a statement per row.
    assert len(queries) < rows / 10


@pytest.mark.django_db
def test_generated_portfolio_is_deterministic():
    calendar = BranchCalendar(state="SP")

    def fingerprint():
        portfolio = portfolio_generate(reference_date=REFERENCE_DATE, calendar=calendar)
        return (
            [(c.code, c.name, c.tax_id) for c in portfolio.customers],
            [
                (r.number, r.installment, r.kind, r.due_date, r.amount, r.balance)
                for r in portfolio.receivables
            ],
        )

    assert fingerprint() == fingerprint()


@pytest.mark.django_db
def test_generated_portfolio_is_a_realistic_brazilian_ledger():
    # given
    calendar = BranchCalendar(state="SP")

    # when
    portfolio = portfolio_generate(reference_date=REFERENCE_DATE, calendar=calendar)

    # then: customers mixed F/J with valid, unique CPF/CNPJ
    customers = portfolio.customers
    assert len(customers) == 600
    individuals = [
        c for c in customers if c.person_type == Customer.PersonType.INDIVIDUAL
    ]
    companies = [c for c in customers if c.person_type == Customer.PersonType.COMPANY]
    assert individuals and companies
    assert all(cpf.is_valid(c.tax_id) for c in individuals)
    assert all(cnpj.is_valid(c.tax_id) for c in companies)
    assert len({c.tax_id for c in customers}) == len(customers)
    assert all(len(c.name) <= 40 and len(c.short_name) <= 20 for c in customers)

    # a few thousand titles, real due dates from the branch calendar
    titles = portfolio.receivables
    assert 2500 <= len(titles) <= 3500
    assert all(t.real_due_date == calendar.real_due_date(t.due_date) for t in titles)
    assert any(t.real_due_date > t.due_date for t in titles)

    # paid, partially paid, non-selectable and not yet due titles
    assert any(t.balance == 0 and t.last_payment_date for t in titles)
    assert any(0 < t.balance < t.amount and t.last_payment_date for t in titles)
    assert all(
        t.last_payment_date <= REFERENCE_DATE for t in titles if t.last_payment_date
    )
    assert {t.kind for t in titles} >= set(NON_SELECTABLE_KINDS) | {"NF", "DP", "BOL"}
    assert any(t.real_due_date >= REFERENCE_DATE for t in titles)

    # open collectable titles in every band and beyond the last one
    ages = [
        (REFERENCE_DATE - t.real_due_date).days
        for t in titles
        if t.balance > 0 and t.kind not in NON_SELECTABLE_KINDS
    ]
    for low, high in ((1, 30), (31, 60), (61, 120), (121, 10_000)):
        assert sum(low <= age <= high for age in ages) >= 50


@pytest.mark.django_db
def test_seeded_portfolio_fills_every_band_after_selection(debug_on):
    # given
    seed()

    # when
    selection = selection_run(reference_date=REFERENCE_DATE)
    bands = bands_build(reference_date=REFERENCE_DATE)

    # then
    expected = sum(
        1
        for kind, balance, real_due in Receivable.objects.values_list(
            "kind", "balance", "real_due_date"
        )
        if kind not in NON_SELECTABLE_KINDS
        and balance > 0
        and real_due < REFERENCE_DATE
    )
    assert selection.counts["inserted"] == expected
    assert all(customers > 0 for customers in bands.counts["rules"].values())
    assert set(bands.counts["rules"]) == {"FX0130", "FX3160", "FX6120"}


@pytest.mark.django_db
def test_seed_demo_payments_match_the_paid_part_of_each_title(debug_on):
    seed()

    paid = Receivable.objects.filter(last_payment_date__isnull=False).prefetch_related(
        "payments"
    )
    for receivable in paid:
        assert (
            sum(p.amount for p in receivable.payments.all())
            == receivable.amount - receivable.balance
        )
    assert (
        not Receivable.objects.filter(last_payment_date__isnull=True)
        .exclude(balance=F("amount"))
        .exists()
    )


class SeedCalled(Exception):
    pass


def test_seed_demo_reference_date_defaults_to_today_in_the_time_zone(
    settings, monkeypatch
):
    # given: "today" in TIME_ZONE, never date.today() on a UTC clock
    settings.DEBUG = True
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 12, 3))

    def demo_seed(**kwargs):
        raise SeedCalled(kwargs)

    monkeypatch.setattr(seed_demo_command, "demo_seed", demo_seed)

    # when
    with pytest.raises(SeedCalled) as called:
        call_command("seed_demo", stdout=StringIO())

    # then
    assert called.value.args[0] == {
        "reference_date": date(2026, 12, 3),
        "with_titles": True,
    }
