"""System check finance.E001: SK1 keeps the type and size of every SE1
column it mirrors (Protheus: SK1 must have the same structure as SE1)."""

# The throwaway models below only exist to compare field shapes; they need no __str__.
# ruff: noqa: DJ008

from io import StringIO

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import models
from django.test.utils import isolate_apps

from finance.checks import check_collection_title_mirrors_receivable, mirror_drift
from finance.models import CollectionTitle

HINT = "SK1 must keep the type and size of every SE1 column it mirrors; change both fields together and add a migration."


def test_real_models_pass_the_check():
    assert check_collection_title_mirrors_receivable() == []


def test_manage_py_check_is_clean():
    out = StringIO()

    call_command("check", stdout=out)

    assert out.getvalue() == "System check identified no issues (0 silenced).\n"


def test_every_sk1_key_and_filter_column_is_mirrored():
    assert CollectionTitle.MIRRORED_FIELDS == {
        "prefix": "prefix",
        "number": "number",
        "installment": "installment",
        "kind": "kind",
        "nature": "nature",
        "bearer": "bearer",
        "situation": "situation",
        "due_date": "due_date",
        "real_due_date": "real_due_date",
        "balance": "balance",
        "branch": "branch",
        "customer": "customer",
    }


@isolate_apps("finance")
def test_shorter_char_column_is_reported_with_both_shapes():
    # given: SE1's number is C9 and the mirror kept C6 (a size-group change)
    class SourceTitle(models.Model):
        number = models.CharField(max_length=9)

        class Meta:
            app_label = "finance"

    class MirrorTitle(models.Model):
        number = models.CharField(max_length=6)

        class Meta:
            app_label = "finance"

    # when
    errors = mirror_drift(MirrorTitle, SourceTitle, {"number": "number"})

    # then
    assert errors == [
        checks.Error(
            "finance.MirrorTitle.number ('CharField', 6, None, None, None) differs from "
            "finance.SourceTitle.number ('CharField', 9, None, None, None).",
            hint=HINT,
            obj=MirrorTitle._meta.get_field("number"),
            id="finance.E001",
        )
    ]


@isolate_apps("finance")
def test_decimal_places_drift_is_reported():
    class SourceTitle(models.Model):
        balance = models.DecimalField(max_digits=16, decimal_places=2)

        class Meta:
            app_label = "finance"

    class MirrorTitle(models.Model):
        balance = models.DecimalField(max_digits=16, decimal_places=4)

        class Meta:
            app_label = "finance"

    errors = mirror_drift(MirrorTitle, SourceTitle, {"balance": "balance"})

    assert [(error.id, error.msg) for error in errors] == [
        (
            "finance.E001",
            "finance.MirrorTitle.balance ('DecimalField', None, 16, 4, None) differs from "
            "finance.SourceTitle.balance ('DecimalField', None, 16, 2, None).",
        )
    ]


@isolate_apps("finance")
def test_type_drift_and_renamed_column_are_reported_once_each():
    class SourceTitle(models.Model):
        real_due_date = models.DateField()
        kind = models.CharField(max_length=3)

        class Meta:
            app_label = "finance"

    class MirrorTitle(models.Model):
        real_due = models.DateTimeField()
        kind = models.CharField(max_length=3)

        class Meta:
            app_label = "finance"

    errors = mirror_drift(
        MirrorTitle, SourceTitle, {"real_due": "real_due_date", "kind": "kind"}
    )

    assert [error.msg for error in errors] == [
        "finance.MirrorTitle.real_due ('DateTimeField', None, None, None, None) differs from "
        "finance.SourceTitle.real_due_date ('DateField', None, None, None, None)."
    ]


@isolate_apps("finance")
def test_foreign_key_to_another_model_is_reported():
    class Office(models.Model):
        class Meta:
            app_label = "finance"

    class Store(models.Model):
        class Meta:
            app_label = "finance"

    class SourceTitle(models.Model):
        branch = models.ForeignKey(Office, on_delete=models.PROTECT)

        class Meta:
            app_label = "finance"

    class MirrorTitle(models.Model):
        branch = models.ForeignKey(Store, on_delete=models.PROTECT)

        class Meta:
            app_label = "finance"

    errors = mirror_drift(MirrorTitle, SourceTitle, {"branch": "branch"})

    assert [error.msg for error in errors] == [
        "finance.MirrorTitle.branch ('ForeignKey', None, None, None, 'finance.Store') differs from "
        "finance.SourceTitle.branch ('ForeignKey', None, None, None, 'finance.Office')."
    ]


def test_drift_in_the_real_mirror_stops_manage_py_check(monkeypatch):
    # given: the mirror map points K1_NUM (C9) at E1_HIST (C40)
    monkeypatch.setattr(
        CollectionTitle,
        "MIRRORED_FIELDS",
        {**CollectionTitle.MIRRORED_FIELDS, "number": "history"},
    )

    # when / then
    with pytest.raises(SystemCheckError) as raised:
        call_command("check", stdout=StringIO(), stderr=StringIO())

    assert (
        "finance.CollectionTitle.number: (finance.E001) finance.CollectionTitle.number "
        "('CharField', 9, None, None, None) differs from finance.Receivable.history "
        "('CharField', 40, None, None, None)." in str(raised.value)
    )
