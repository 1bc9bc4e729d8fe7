"""`bench_builds`: the benchmark of the nightly jobs, on tiny portfolios."""

import re
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Max, Min

from attendance.benchmark import (
    GENERATED_MODELS,
    baseline_timings_parse,
    bench_portfolio_generate,
)
from finance.models import Customer, Receivable
from operators.models import Operator
from tests.factories import CustomerFactory

REFERENCE_DATE = date(2026, 12, 4)
STEP_LINE = re.compile(
    r"^(?P<label>seleção|faixas|listas)\s+(?P<rows>\d+)\s+(?P<seconds>\d+\.\d{3})\s+(?P<per_second>\d+)"
    r"\s+(?P<statements>\d+)\s+(?P<rss>\d+\.\d|-)\s+(?P<traced>\d+\.\d{2})$"
)


def bench(*args: str) -> str:
    out = StringIO()
    arguments = ["--in-place", "--date", REFERENCE_DATE.isoformat(), *args]
    call_command("bench_builds", *arguments, stdout=out, stderr=StringIO())
    return out.getvalue()


def step_figures(output: str) -> dict[str, dict[str, str]]:
    return {
        m["label"]: m.groupdict()
        for m in map(STEP_LINE.match, output.splitlines())
        if m
    }


def expected_selected(titles: int) -> int:
    """Titles selection must copy: types NF/DP/BOL (n % 4 != 3) with an open
    balance (n % 3 != 0); every due date is 8 to 307 days past."""
    return sum(1 for n in range(1, titles + 1) if n % 4 != 3 and n % 3 != 0)


@pytest.mark.django_db
def test_bench_builds_prints_rows_seconds_rate_statements_and_memory_per_step():
    # when
    output = bench("--titles", "200")

    # then
    assert (
        "Carteira: 200 títulos, 20 clientes, 20 operadores de lista; data base 04/12/2026"
        in output
    )
    figures = step_figures(output)
    assert list(figures) == ["seleção", "faixas", "listas"]
    assert int(figures["seleção"]["rows"]) == expected_selected(200)
    assert all(float(step["seconds"]) > 0 for step in figures.values())
    assert all(int(step["statements"]) > 0 for step in figures.values())
    assert re.search(r"^total\s+\d+\.\d{3}$", output, re.MULTILINE)


@pytest.mark.django_db
def test_bench_builds_verbose_lists_the_slowest_statements_of_each_step():
    output = bench("--titles", "200", "--verbosity", "2")

    for label in ("seleção", "faixas", "listas"):
        block = output.split(f"Comandos mais lentos de {label} (", 1)[1].split(
            "\n\n", 1
        )[0]
        assert re.search(
            r"^\s+\d+\.\d{3} s  (INSERT|SELECT|UPDATE|DELETE|WITH)", block, re.MULTILINE
        )


@pytest.mark.django_db
def test_bench_builds_statement_count_does_not_grow_with_the_titles():
    # when
    small = step_figures(bench("--titles", "200"))
    large = step_figures(bench("--titles", "2000"))

    # then: ten times the rows, the same statements
    assert int(large["seleção"]["rows"]) == expected_selected(2000)
    assert int(large["listas"]["rows"]) > int(small["listas"]["rows"]) > 0
    assert {label: step["statements"] for label, step in small.items()} == {
        label: step["statements"] for label, step in large.items()
    }


@pytest.mark.django_db
def test_bench_builds_in_place_leaves_the_database_as_it_found_it():
    bench("--titles", "200")

    assert all(not model.objects.exists() for model in GENERATED_MODELS)
    assert not get_user_model().objects.exists()


@pytest.mark.django_db
def test_bench_builds_in_place_refuses_a_database_with_data():
    # given
    customer = CustomerFactory()

    # when / then
    with pytest.raises(CommandError, match="O banco atual já tem clientes"):
        bench("--titles", "200")
    assert list(Customer.objects.all()) == [customer]
    assert not Receivable.objects.exists()


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite limits apply to SQLite only"
)
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--titles", "200000"), "use PostgreSQL"),
        (("--titles", "200", "--baseline"), "linha de base .* PostgreSQL"),
    ],
)
def test_bench_builds_refuses_what_sqlite_cannot_measure(args, message):
    with pytest.raises(CommandError, match=message):
        bench(*args)


def test_baseline_timings_are_read_from_psql_echo_and_timing_output():
    # given: psql -e with \timing on, as the baseline script prints it
    output = "\n".join(
        [
            "Timing is on.",
            "DROP TABLE IF EXISTS se1, sk1, bucket, assignment;",
            "DROP TABLE",
            "Time: 3.210 ms",
            "INSERT INTO sk1 SELECT * FROM se1",
            " WHERE balance > 0 AND real_due < date '2026-12-04' AND kind IN ('NF','DP','BOL');",
            "INSERT 0 500001",
            "Time: 1398.765 ms (00:01.399)",
            "CREATE UNLOGGED TABLE bucket AS",
            "SELECT customer, max(date '2026-12-04' - real_due) AS days, sum(balance) AS total,",
            "SELECT 75000",
            "Time: 468.500 ms",
            "SELECT grp, count(*), sum(total) FROM bucket GROUP BY grp ORDER BY grp;",
            "Time: 20.000 ms",
            "CREATE UNLOGGED TABLE assignment AS",
            "SELECT 75000",
            "Time: 83.250 ms",
        ]
    )

    assert baseline_timings_parse(output) == {
        "selection": 1.398765,
        "bands": 0.4685,
        "lists": 0.08325,
    }


@pytest.mark.django_db
def test_bench_portfolio_has_the_shape_of_the_sql_baseline():
    # when
    bench_portfolio_generate(titles=2000, customers=200, reference_date=REFERENCE_DATE)

    # then: ten titles per customer, four types in turn, a third paid,
    # due dates 8 to 307 days before the reference date
    receivables = Receivable.objects.all()
    assert receivables.count() == 2000
    assert set(
        receivables.values("customer_id")
        .annotate(n=Count("id"))
        .values_list("n", flat=True)
    ) == {10}
    kinds = dict(receivables.values_list("kind").annotate(n=Count("id")))
    assert kinds == {"NF": 500, "DP": 500, "BOL": 500, "NCC": 500}
    assert receivables.filter(balance=0).count() == 2000 // 3
    dates = receivables.aggregate(
        oldest=Min("real_due_date"), newest=Max("real_due_date")
    )
    assert (REFERENCE_DATE - dates["oldest"]).days == 307
    assert (REFERENCE_DATE - dates["newest"]).days == 8
    assert Operator.objects.filter(group__selection_rule__kind="list").count() == 20
