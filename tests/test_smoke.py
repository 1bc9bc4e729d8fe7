import pytest

from tests.factories import CollectionTitleFactory, OperatorFactory


@pytest.mark.django_db
def test_factories_build_a_consistent_world():
    title = CollectionTitleFactory()
    operator = OperatorFactory()

    assert title.customer_id == title.receivable.customer_id
    assert title.balance == title.receivable.balance
    assert operator.group.works_collections is True
