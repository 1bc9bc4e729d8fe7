"""The benchmark's configuration and portfolio, and their removal after an
in-place run.

The portfolio has the shape of the hand-written lower bound in
`shared/bench/raw_sql_baseline.sql`: N titles over N/10 customers (each
customer gets ten titles), types NF/DP/BOL/NCC in turn, a third fully
paid, due dates spread over 300 days that all fall 8 to 307 days before the
reference date, and 20 operators in the collection-list group so the list
build really distributes. It is generated set-based in SQL (INSERT ...
SELECT over a number series), never row by row.
"""

import math
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from finance.models import (
    Branch,
    CollectionTitle,
    Contact,
    Customer,
    Parameters,
    Payment,
    Receivable,
)
from operators.models import AttendanceGroup, Operator
from rules.models import NegotiationRule, SelectionRule

from ..models import (
    BandQueueEntry,
    BuildRun,
    CollectionList,
    CollectionListItem,
    JobLock,
)

LIST_OPERATORS = 20
BENCH_USERNAME_PREFIX = "bench-operador-"
# The baseline's oldest due date is 307 days before its reference date, and
# its issue dates 30 days before the due dates.
OLDEST_DAYS_LATE = 307
DUE_SPREAD_DAYS = 300

# Tables the benchmark fills, children first: emptied at the end of an
# in-place run (they were empty when it started).
GENERATED_MODELS = (
    CollectionListItem,
    CollectionList,
    BandQueueEntry,
    BuildRun,
    JobLock,
    CollectionTitle,
    Payment,
    Contact,
    Receivable,
    Customer,
    Operator,
    AttendanceGroup,
    SelectionRule,
    NegotiationRule,
    Branch,
    Parameters,
)


class _SeriesSql:
    """The few SQL fragments that differ between PostgreSQL and SQLite."""

    def __init__(self, vendor: str):
        self.vendor = vendor

    def series(self, count: int) -> tuple[str, str]:
        """(prefix, FROM source) of the numbers 1..count as column n."""
        if self.vendor == "postgresql":
            return "", f"generate_series(1::bigint, {int(count)}::bigint) AS g(n)"
        return (
            f"WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < {int(count)}) ",
            "g",
        )

    def pad(self, expression: str, width: int) -> str:
        if self.vendor == "postgresql":
            return f"lpad(({expression})::text, {width}, '0')"
        return f"substr('{'0' * width}' || ({expression}), -{width}, {width})"

    def date_plus(self, expression: str) -> str:
        """A date parameter plus a non-negative number of days."""
        if self.vendor == "postgresql":
            return f"(CAST(%s AS date) + CAST({expression} AS integer))"
        return f"date(%s, '+' || ({expression}) || ' days')"


@transaction.atomic
def bench_portfolio_generate(
    *, titles: int, customers: int, reference_date: date
) -> None:
    """Write the benchmark configuration and portfolio: a fixed number of
    statements whatever `titles` is.

    Configuration: branch 01, bands 30/30/60 days and the list rule, one
    group per rule, 20 operators in the list group, and a list capacity
    that lets the list build distribute every customer (as the baseline's
    round robin does). Portfolio: see the module docstring.
    """
    branch, _ = Branch.objects.get_or_create(
        code="01", defaults={"name": "Matriz", "state": "SP", "city": "São Paulo"}
    )
    negotiation_rule = NegotiationRule.objects.create(
        code="BENCH", description="NEGOCIAÇÃO DO BENCHMARK"
    )
    rules = [
        SelectionRule(
            code="FX0130", description="FAIXA DE 1 A 30 DIAS", order=10, width_days=30
        ),
        SelectionRule(
            code="FX3160", description="FAIXA DE 31 A 60 DIAS", order=20, width_days=30
        ),
        SelectionRule(
            code="FX6120", description="FAIXA DE 61 A 120 DIAS", order=30, width_days=60
        ),
        SelectionRule(
            code="LISTAS",
            description="REGRA PARA LISTAS DE COBRANÇAS",
            order=40,
            kind=SelectionRule.Kind.LIST,
        ),
    ]
    SelectionRule.objects.bulk_create(rules)
    groups = [
        AttendanceGroup(
            code=f"{index:02d}",
            name=f"GRUPO {rule.code}",
            negotiation_rule=negotiation_rule,
        )
        for index, rule in enumerate(rules, start=1)
    ]
    for group, rule in zip(
        groups, SelectionRule.objects.order_by("order"), strict=True
    ):
        group.selection_rule = rule
    AttendanceGroup.objects.bulk_create(groups)
    list_group = AttendanceGroup.objects.get(
        selection_rule__kind=SelectionRule.Kind.LIST
    )

    unusable = make_password(None)
    user_model = get_user_model()
    usernames = [
        f"{BENCH_USERNAME_PREFIX}{number:02d}"
        for number in range(1, LIST_OPERATORS + 1)
    ]
    user_model.objects.bulk_create(
        [user_model(username=username, password=unusable) for username in usernames]
    )
    users = user_model.objects.filter(username__in=usernames).order_by("username")
    Operator.objects.bulk_create(
        [
            Operator(
                code=f"BEN{number:03d}",
                user=user,
                name=f"OPERADOR {number:02d}",
                group=list_group,
            )
            for number, user in enumerate(users, start=1)
        ]
    )
    parameters = Parameters.current()
    parameters.list_capacity_per_operator = math.ceil(customers / LIST_OPERATORS)
    parameters.save()

    sql = _SeriesSql(connection.vendor)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    due_base = reference_date - timedelta(days=OLDEST_DAYS_LATE)
    issue_base = due_base - timedelta(days=30)
    adapt = connection.ops.adapt_datefield_value
    customer_table = connection.ops.quote_name(Customer._meta.db_table)
    receivable_table = connection.ops.quote_name(Receivable._meta.db_table)

    with connection.cursor() as cursor:
        prefix, source = sql.series(customers)
        code = sql.pad("n", 6)
        cursor.execute(
            f"{prefix}INSERT INTO {customer_table} (code, store, name, short_name, person_type, tax_id, state, city,"
            " phone_area, phone, email, created_at, updated_at)"
            f" SELECT {code}, '01', 'CLIENTE ' || {code}, 'CLIENTE ' || {code},"
            " CASE WHEN n %% 4 = 0 THEN 'J' ELSE 'F' END, '', 'SP', 'SAO PAULO', '11', '', '', %s, %s"
            f" FROM {source}",
            [now, now],
        )
        prefix, source = sql.series(titles)
        spread = f"(n %% {DUE_SPREAD_DAYS})"
        due = sql.date_plus(spread)
        cursor.execute(
            f"{prefix}INSERT INTO {receivable_table} (branch_id, prefix, number, installment, kind, customer_code,"
            " customer_store, customer_name, customer_id, nature, bearer, situation, issue_date, due_date,"
            " real_due_date, real_due_date_from_erp, amount, balance, last_payment_date, currency, history,"
            " created_at, updated_at)"
            f" SELECT %s, 'NF', {sql.pad('n', 9)}, '1',"
            " CASE n %% 4 WHEN 0 THEN 'NF' WHEN 1 THEN 'DP' WHEN 2 THEN 'BOL' ELSE 'NCC' END,"
            " c.code, c.store, c.short_name, c.id, '1101', '341', '1',"
            f" {sql.date_plus(spread)}, {due}, {due}, %s, 100 + (n %% 5000),"
            " CASE WHEN n %% 3 = 0 THEN 0 ELSE 100 + (n %% 5000) END,"
            f" CASE WHEN n %% 3 = 0 THEN {due} END, 1, '', %s, %s"
            f" FROM {source} JOIN {customer_table} c"
            f" ON c.code = {sql.pad(f'1 + (n * 7919) %% {customers}', 6)} AND c.store = '01'",
            [
                branch.pk,
                adapt(issue_base),
                adapt(due_base),
                adapt(due_base),
                False,
                adapt(due_base),
                now,
                now,
            ],
        )
        cursor.execute(f"ANALYZE {customer_table}")
        cursor.execute(f"ANALYZE {receivable_table}")


def generated_delete() -> None:
    """Empty the tables an in-place run filled (they were empty before) and
    remove its users: a fixed number of statements, no per-row cascade."""
    with transaction.atomic(), connection.cursor() as cursor:
        for model in GENERATED_MODELS:
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}"
            )
        get_user_model().objects.filter(
            username__startswith=BENCH_USERNAME_PREFIX
        ).delete()
