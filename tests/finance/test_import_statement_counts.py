"""Import of the Protheus export files: the number of SQL statements does not
grow with the lines of the files."""

import math
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from finance.importing import protheus_import
from finance.importing.loaders import BATCH_SIZE
from finance.models import Customer, Receivable
from tests.finance.protheus_files import sa1_row, se1_row, write_csv


def insert_batches(model, rows: int) -> int:
    """INSERT statements bulk_create needs for `rows` rows on this database.

    PostgreSQL takes BATCH_SIZE rows per INSERT; SQLite fewer, because
    Django keeps each statement under 999 parameters.
    """
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    size = min(BATCH_SIZE, connection.ops.bulk_batch_size(fields, [None] * rows))
    return math.ceil(rows / size)


def files_of(tmp_path: Path, lines: int) -> dict[str, Path]:
    customers = [sa1_row(A1_COD=f"{n:06d}") for n in range(1, lines + 1)]
    titles = [
        se1_row(E1_NUM=f"{n:09d}", E1_CLIENTE=f"{n:06d}") for n in range(1, lines + 1)
    ]
    return {
        "sa1_path": write_csv(tmp_path / f"sa1-{lines}.csv", customers),
        "se1_path": write_csv(tmp_path / f"se1-{lines}.csv", titles),
    }


# savepoint, branches, existing customers, customer link, branch holidays,
# existing titles, customer ids, release savepoint; plus the INSERTs.
FIXED_STATEMENTS = 8


@pytest.mark.django_db
@pytest.mark.parametrize("lines", [10, 50])
def test_first_load_statement_count_does_not_grow_per_line(
    tmp_path, branch, django_assert_num_queries, lines
):
    files = files_of(tmp_path, lines)
    inserts = insert_batches(Customer, lines) + insert_batches(Receivable, lines)

    with django_assert_num_queries(FIXED_STATEMENTS + inserts):
        protheus_import(**files)

    assert (Customer.objects.count(), Receivable.objects.count()) == (lines, lines)


@pytest.mark.django_db
def test_first_load_of_ten_lines_takes_ten_statements(
    tmp_path, branch, django_assert_num_queries
):
    with django_assert_num_queries(10):
        protheus_import(**files_of(tmp_path, 10))


@pytest.mark.django_db
@pytest.mark.parametrize("lines", [10, 50])
def test_second_load_takes_the_same_statements_for_10_and_50_lines(
    tmp_path, branch, django_assert_num_queries, lines
):
    files = files_of(tmp_path, lines)
    protheus_import(**files)

    with django_assert_num_queries(FIXED_STATEMENTS):
        result = protheus_import(**files)

    assert (result.customers.unchanged, result.receivables.unchanged) == (lines, lines)


def update_batches(model, rows: int, fields: int) -> int:
    """UPDATE statements bulk_update needs for `rows` rows of `fields` fields."""
    model_fields = [model._meta.pk] * (fields + 2)  # Django counts the pk twice per row
    size = min(BATCH_SIZE, connection.ops.bulk_batch_size(model_fields, [None] * rows))
    return math.ceil(rows / size)


@pytest.mark.django_db
def test_update_of_50_lines_is_one_statement_per_batch(tmp_path, branch):
    # given
    protheus_import(**files_of(tmp_path, 50))
    customers = [sa1_row(A1_COD=f"{n:06d}", A1_TEL="3333-0000") for n in range(1, 51)]
    titles = [
        se1_row(E1_NUM=f"{n:09d}", E1_CLIENTE=f"{n:06d}", E1_SALDO="1.00")
        for n in range(1, 51)
    ]
    files = {
        "sa1_path": write_csv(tmp_path / "sa1.csv", customers),
        "se1_path": write_csv(tmp_path / "se1.csv", titles),
    }
    # Every column of the file but the key is written back, plus updated_at:
    # 10 + 1 for SA1; 15 + real due date, its origin, the customer + 1 for SE1.
    customer_updates = update_batches(Customer, 50, 11)
    receivable_updates = update_batches(Receivable, 50, 19)

    # when
    with CaptureQueriesContext(connection) as queries:
        result = protheus_import(**files)

    # then
    assert (result.customers.updated, result.receivables.updated) == (50, 50)
    # Changed titles refresh the SK1 mirror: savepoint, delete, update, release.
    mirror_refresh = 4
    assert (
        len(queries.captured_queries)
        == FIXED_STATEMENTS + customer_updates + receivable_updates + mirror_refresh
    )
    updates = [
        query for query in queries.captured_queries if query["sql"].startswith("UPDATE")
    ]
    # The customer link and the SK1 refresh are the 2.
    assert len(updates) == 2 + customer_updates + receivable_updates
