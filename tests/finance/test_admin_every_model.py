"""Every domain model has an admin screen that opens, with a row in it."""

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from attendance.models import (
    BandQueueEntry,
    CollectionList,
    CollectionListItem,
    JobLock,
)
from finance.models import Parameters
from tests.factories import (
    BranchHolidayFactory,
    BuildRunFactory,
    CollectionTitleFactory,
    ContactFactory,
    OperatorFactory,
    PromotionFactory,
)

pytestmark = pytest.mark.django_db

DOMAIN_APPS = ("finance", "rules", "operators", "attendance")
# The job lock is a technical row the jobs lock; a supervisor has nothing to see there.
NOT_IN_ADMIN = {JobLock}
# Rows the ERP or the jobs write: the admin never adds them.
NO_ADD = {
    "finance.receivable",
    "finance.payment",
    "finance.collectiontitle",
    "finance.parameters",
    "attendance.buildrun",
    "attendance.bandqueueentry",
    "attendance.collectionlist",
    "attendance.collectionlistitem",
}


def domain_models():
    return [
        model for app in DOMAIN_APPS for model in apps.get_app_config(app).get_models()
    ]


@pytest.fixture
def one_of_each():
    title = CollectionTitleFactory()
    title.receivable.payments.create(date=date(2026, 2, 10), amount=Decimal("10.00"))
    operator = OperatorFactory()
    run = BuildRunFactory(counts={"customers": 1})
    BranchHolidayFactory(branch=title.branch)
    ContactFactory(customer=title.customer)
    PromotionFactory()
    Parameters.current()
    BandQueueEntry.objects.create(
        build_run=run,
        reference_date=date(2026, 12, 4),
        selection_rule=operator.group.selection_rule,
        customer=title.customer,
        oldest_real_due_date=title.real_due_date,
        days_late=305,
        titles=1,
        balance=title.balance,
        priority=1,
    )
    collection = CollectionList.objects.create(
        date=date(2026, 12, 4),
        operator=operator,
        group=operator.group,
        description="LISTA",
    )
    CollectionListItem.objects.create(
        collection_list=collection,
        date=collection.date,
        customer=title.customer,
        position=1,
        oldest_real_due_date=title.real_due_date,
        days_late=305,
        titles=1,
        balance=title.balance,
    )


def test_every_domain_model_but_the_job_lock_is_registered():
    missing = [
        model._meta.label
        for model in domain_models()
        if model not in NOT_IN_ADMIN and not admin.site.is_registered(model)
    ]

    assert missing == []


@pytest.mark.parametrize(
    "model",
    [m for m in domain_models() if m not in NOT_IN_ADMIN],
    ids=lambda m: m._meta.label,
)
def test_changelist_change_and_add_pages_open_for_a_supervisor(
    supervisor_client, one_of_each, model
):
    opts = model._meta
    label = f"{opts.app_label}.{opts.model_name}"
    row = model.objects.first()

    changelist = supervisor_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    )
    change = supervisor_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[row.pk])
    )
    add = supervisor_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    )

    expected_list_status = 302 if label == "finance.parameters" else 200
    assert (changelist.status_code, change.status_code, add.status_code) == (
        expected_list_status,
        200,
        403 if label in NO_ADD else 200,
    )


def test_admin_verbose_names_keep_the_protheus_table_names():
    names = {
        model._meta.verbose_name_plural
        for model in domain_models()
        if model not in NOT_IN_ADMIN
    }

    for table in (
        "SA1",
        "SU5",
        "SE1",
        "SK1",
        "SK0",
        "SK2",
        "SK3",
        "SU0",
        "SU7",
        "SU4",
        "SU6",
        "MV_TMK",
    ):
        assert any(table in name for name in names), table
