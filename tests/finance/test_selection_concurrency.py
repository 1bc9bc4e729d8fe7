"""Two selections at once never duplicate SK1 rows."""

import threading
from datetime import date

import pytest
from django.db import IntegrityError, connection, transaction

from finance.jobs import job_lock_acquire
from finance.models import CollectionTitle
from finance.services import SELECTION_JOB, SelectionAlreadyRunning, titles_select
from tests.factories import CollectionTitleFactory, ReceivableFactory

TODAY = date(2026, 12, 4)


@pytest.mark.django_db
def test_database_key_refuses_a_second_mirror_row_of_the_same_title():
    title = CollectionTitleFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        CollectionTitle.objects.bulk_create(
            [
                CollectionTitle(
                    receivable=title.receivable,
                    branch=title.branch,
                    prefix=title.prefix,
                    number=title.number,
                    installment=title.installment,
                    kind=title.kind,
                    customer=title.customer,
                    due_date=title.due_date,
                    real_due_date=title.real_due_date,
                    balance=title.balance,
                )
            ]
        )


@pytest.mark.django_db
def test_database_key_refuses_a_second_receivable_with_the_same_key():
    receivable = ReceivableFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ReceivableFactory(
            branch=receivable.branch,
            prefix=receivable.prefix,
            number=receivable.number,
            installment=receivable.installment,
            kind=receivable.kind,
        )


@pytest.mark.django_db
def test_mirror_row_whose_receivable_vanished_behind_the_orm_is_removed_and_never_counted():
    title = CollectionTitleFactory(receivable__real_due_date=date(2026, 12, 1))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM finance_receivable WHERE id = %s", [title.pk])

    assert titles_select(reference_date=TODAY).removed == 1
    assert CollectionTitle.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_second_selection_while_one_runs_stops_with_already_running():
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises writers: a second run waits instead of stopping (PostgreSQL runs this in CI)"
        )
    ReceivableFactory.create_batch(3, real_due_date=date(2026, 12, 1))
    holding, release = threading.Event(), threading.Event()

    def first_run():
        with transaction.atomic():
            job_lock_acquire(job=SELECTION_JOB)
            holding.set()
            release.wait(10)
        connection.close()

    thread = threading.Thread(target=first_run)
    thread.start()
    holding.wait(10)
    try:
        with pytest.raises(SelectionAlreadyRunning) as refused:
            titles_select(reference_date=TODAY)
    finally:
        release.set()
        thread.join()

    assert (
        str(refused.value)
        == "Outra execução de seleção de títulos já está em andamento; aguarde ela terminar."
    )
    assert CollectionTitle.objects.count() == 0
    assert titles_select(reference_date=TODAY).inserted == 3
    assert CollectionTitle.objects.count() == 3
