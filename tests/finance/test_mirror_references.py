"""SK1's references are kept by the services, not re-checked per row."""

from datetime import date

import pytest

from finance.models import CollectionTitle
from finance.services import titles_select
from tests.factories import OperatorFactory, ReceivableFactory

pytestmark = pytest.mark.django_db


def test_receivable_deleted_through_the_orm_takes_its_mirror_row_along():
    receivable = ReceivableFactory(real_due_date=date(2026, 12, 1))
    titles_select(reference_date=date(2026, 12, 4))

    receivable.delete()

    assert CollectionTitle.objects.count() == 0


def test_operator_deleted_through_the_orm_leaves_its_customers_unowned():
    ReceivableFactory(real_due_date=date(2026, 12, 1))
    titles_select(reference_date=date(2026, 12, 4))
    operator = OperatorFactory(group__selection_rule=None)
    CollectionTitle.objects.update(owner=operator)

    operator.delete()

    assert list(CollectionTitle.objects.values_list("owner", flat=True)) == [None]
