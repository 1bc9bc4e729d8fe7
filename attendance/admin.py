"""Admin for build runs, band queues (pre-attendance) and collection lists
(SU4/SU6), plus the "Posição geral da fila" report (Protheus TMKR046).

Everything here is written by the nightly jobs, so it is read-only; a
supervisor may start the chain by hand ("Executar agora"), transfer a
collection list to another operator and change its status.
"""

import logging
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from finance.admin import OwnerListFilter
from finance.dates import business_date_check
from finance.formatting import brl, integer_br
from rules.models import SelectionRule
from rules.selectors import Band, bands_list

from .models import BandQueueEntry, BuildRun, CollectionList, CollectionListItem

logger = logging.getLogger(__name__)

# Keys the jobs write in BuildRun.counts, as a supervisor reads them.
COUNT_LABELS = {
    "selected": "selecionados",
    "inserted": "incluídos",
    "created": "incluídos",
    "updated": "atualizados",
    "refreshed": "atualizados",
    "removed": "removidos",
    "deleted": "removidos",
    "unchanged": "sem alteração",
    "skipped": "ignorados",
    "receivables": "títulos a receber",
    "titles": "títulos",
    "customers": "clientes",
    "entries": "clientes nas filas",
    "out_of_band": "fora das faixas",
    "rules": "por faixa",
    "bands": "faixas",
    "groups": "grupos",
    "operators": "operadores",
    "lists": "listas",
    "items": "itens",
    "owned_customers": "clientes com dono",
    "not_scheduled": "não agendados",
    "balance": "saldo",
}


def count_value_display(value) -> str:
    if isinstance(value, bool):
        return "sim" if value else "não"
    if isinstance(value, int):
        return integer_br(value)
    if isinstance(value, float):
        return str(value).replace(".", ",")
    if isinstance(value, dict):
        # Nested keys are codes (the band build counts per rule code): shown as they are.
        return (
            ", ".join(
                f"{key} {count_value_display(item)}" for key, item in value.items()
            )
            or "nenhum"
        )
    if isinstance(value, list):
        return ", ".join(count_value_display(item) for item in value)
    return str(value)


def counts_readable(counts: dict) -> str:
    """{"inserted": 1234, "removed": 5} -> "incluídos: 1.234 · removidos: 5"."""
    return " · ".join(
        f"{COUNT_LABELS.get(key, key.replace('_', ' '))}: {count_value_display(value)}"
        for key, value in counts.items()
    )


def duration_readable(seconds: Decimal) -> str:
    """0.25 -> "0,250 s"; 65.4 -> "1 min 05 s"; 3723 -> "1 h 02 min 03 s"."""
    if seconds < 60:
        return (
            f"{seconds.quantize(Decimal('0.001'), rounding=ROUND_HALF_UP)} s".replace(
                ".", ","
            )
        )
    whole = int(seconds.quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min {secs:02d} s"
    return f"{minutes} min {secs:02d} s"


def band_label(*, from_days: int, to_days: int | None) -> str:
    """The band as the selection-rule screens write it ("31 a 60 dias")."""
    return Band(rule=None, from_days=from_days, to_days=to_days).label()


def collections_daily_enqueue() -> None:
    """Hand the nightly chain (selection, then the builds) to Celery."""
    from attendance.tasks import collections_daily

    collections_daily.delay()


class QueuePositionForm(forms.Form):
    date = forms.DateField(
        label="data base",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": "Data inválida: informe AAAA-MM-DD, por exemplo 2026-12-04."
        },
    )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value is not None:
            try:
                business_date_check(value)
            except ValueError as error:
                raise forms.ValidationError(f"Data inválida: {error}.") from None
        return value


def queue_position_table(position: dict) -> dict:
    """The selector's numbers, formatted in pt-BR, with the out-of-band row
    and the totals (the out-of-band customers count in the totals: they are
    in collection too, just in no band)."""
    codes = [rule["code"] for rule in position["rules"]]
    descriptions = dict(
        SelectionRule.objects.filter(code__in=codes).values_list("code", "description")
    )
    rows = []
    for rule in position["rules"]:
        rows.append(
            {
                "code": rule["code"],
                "description": descriptions.get(rule["code"], ""),
                "kind": "Faixa"
                if rule["kind"] == SelectionRule.Kind.BAND
                else "Lista de cobrança",
                "band": band_label(
                    from_days=rule["from_days"], to_days=rule["to_days"]
                ),
                "customers": integer_br(rule["customers"]),
                "titles": integer_br(rule["titles"]),
                "balance": brl(Decimal(rule["balance"])),
                "owned_customers": integer_br(rule["owned_customers"]),
                "unowned_customers": integer_br(rule["unowned_customers"]),
            }
        )
    out = position["out_of_band"]
    everything = [*position["rules"], out]
    return {
        "reference_date": date.fromisoformat(position["reference_date"]),
        "rows": rows,
        "out_of_band": {
            "customers": integer_br(out["customers"]),
            "titles": integer_br(out["titles"]),
            "balance": brl(Decimal(out["balance"])),
        },
        "total": {
            "customers": integer_br(sum(item["customers"] for item in everything)),
            "titles": integer_br(sum(item["titles"] for item in everything)),
            "balance": brl(
                sum((Decimal(item["balance"]) for item in everything), Decimal("0"))
            ),
            "owned_customers": integer_br(
                sum(rule["owned_customers"] for rule in position["rules"])
            ),
            "unowned_customers": integer_br(
                sum(rule["unowned_customers"] for rule in position["rules"])
            ),
        },
    }


class ReadOnlyAdminMixin:
    """Rows a job writes: a supervisor looks, never edits here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BuildRun)
class BuildRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "job",
        "reference_date",
        "status",
        "progress_display",
        "counts_display",
        "started_at",
        "finished_at",
        "duration_display",
        "error_display",
    )
    list_filter = ("job", "status")
    date_hierarchy = "reference_date"
    fields = (
        "job",
        "reference_date",
        "status",
        "progress_display",
        "counts_display",
        "started_at",
        "finished_at",
        "duration_display",
        "error",
    )
    readonly_fields = fields

    RUN_PERMISSION = "attendance.add_buildrun"

    @admin.display(description="progresso", ordering="progress")
    def progress_display(self, run):
        return f"{run.progress}%"

    @admin.display(description="contagens")
    def counts_display(self, run):
        return counts_readable(run.counts) if run.counts else None

    @admin.display(description="duração", ordering="duration_seconds")
    def duration_display(self, run):
        return (
            None
            if run.duration_seconds is None
            else duration_readable(run.duration_seconds)
        )

    @admin.display(description="erro")
    def error_display(self, run):
        lines = run.error.strip().splitlines()
        if not lines:
            return None
        first = lines[0]
        return first if len(first) <= 80 and len(lines) == 1 else f"{first[:80]}…"

    def get_urls(self):
        return [
            path(
                "run-now/",
                self.admin_site.admin_view(self.run_now_view),
                name="attendance_buildrun_run_now",
            ),
            path(
                "queue-position/",
                self.admin_site.admin_view(self.queue_position_view),
                name="attendance_queue_position",
            ),
            *super().get_urls(),
        ]

    def can_run_now(self, request) -> bool:
        return request.user.has_perm(self.RUN_PERMISSION)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_run_now": self.can_run_now(request),
        }
        return super().changelist_view(request, extra_context)

    def run_now_view(self, request):
        """Enqueue today's chain ("Executar agora") once the request commits."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.can_run_now(request):
            raise PermissionDenied
        transaction.on_commit(collections_daily_enqueue)
        logger.info(
            "Collections daily chain enqueued by hand: user=%s", request.user.pk
        )
        self.message_user(request, "Seleção e montagem enfileiradas", messages.SUCCESS)
        return redirect("admin:attendance_buildrun_changelist")

    def queue_position_view(self, request):
        """Posição geral da fila (TMKR046): per rule, the customers, titles
        and balance whose oldest title is in the band, owned or not."""
        if not request.user.has_perm("attendance.view_buildrun"):
            raise PermissionDenied
        form = QueuePositionForm(
            request.GET if "date" in request.GET else {"date": timezone.localdate()}
        )
        table = None
        if form.is_valid():
            from attendance.selectors import queue_position

            reference_date = form.cleaned_data["date"] or timezone.localdate()
            table = queue_position_table(queue_position(reference_date=reference_date))
        context = {
            **self.admin_site.each_context(request),
            "title": "Posição geral da fila",
            "subtitle": "TMKR046",
            "opts": self.opts,
            "form": form,
            "table": table,
        }
        return TemplateResponse(
            request, "admin/attendance/queue_position.html", context
        )


@admin.register(BandQueueEntry)
class BandQueueEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "selection_rule",
        "priority",
        "customer",
        "oldest_real_due_date",
        "days_late",
        "titles",
        "balance_display",
        "owner",
    )
    list_display_links = ("priority", "customer")
    list_filter = ("selection_rule", OwnerListFilter)
    list_select_related = ("selection_rule", "customer", "owner")
    search_fields = ("=customer__code", "customer__name")
    ordering = ("selection_rule__order", "priority")
    fields = (
        "selection_rule",
        "priority",
        "customer",
        "oldest_real_due_date",
        "days_late",
        "titles",
        "balance",
        "owner",
        "reference_date",
        "build_run",
    )

    def get_list_display(self, request):
        # The derived band of each rule, from one query on the chain; kept on
        # the request because the changelist asks more than once.
        if not hasattr(request, "_band_queue_list_display"):
            labels = {band.rule.pk: band.label() for band in bands_list()}

            @admin.display(description="faixa", ordering="selection_rule__order")
            def band(entry):
                label = labels.get(entry.selection_rule_id)
                return (
                    f"{entry.selection_rule.code} ({label})"
                    if label
                    else entry.selection_rule.code
                )

            request._band_queue_list_display = (band, *self.list_display[1:])
        return request._band_queue_list_display

    @admin.display(description="saldo", ordering="balance")
    def balance_display(self, entry):
        return brl(entry.balance)


class CollectionListItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CollectionListItem
    extra = 0
    fields = (
        "position",
        "customer",
        "oldest_real_due_date",
        "days_late",
        "titles",
        "balance",
        "status",
    )
    readonly_fields = fields
    ordering = ("position",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("customer")


@admin.register(CollectionList)
class CollectionListAdmin(admin.ModelAdmin):
    """SU4: the list build writes them; a supervisor may hand a list to
    another operator or change its status."""

    list_display = ("date", "operator", "group", "description", "status", "items_count")
    list_filter = ("status", "group")
    list_select_related = ("operator", "group")
    search_fields = ("operator__code", "operator__name", "description")
    date_hierarchy = "date"
    autocomplete_fields = ("operator",)
    fields = (
        "date",
        "operator",
        "group",
        "description",
        "status",
        "build_run",
        "created_at",
    )
    readonly_fields = ("date", "group", "build_run", "created_at")
    inlines = [CollectionListItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(items_count=Count("items"))

    def has_add_permission(self, request):
        return False

    @admin.display(description="clientes", ordering="items_count")
    def items_count(self, collection_list):
        return collection_list.items_count


@admin.register(CollectionListItem)
class CollectionListItemAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "date",
        "collection_list",
        "position",
        "customer",
        "days_late",
        "titles",
        "balance_display",
        "status",
    )
    list_filter = ("status",)
    list_select_related = ("collection_list__operator", "customer")
    search_fields = (
        "=customer__code",
        "customer__name",
        "collection_list__operator__name",
    )
    date_hierarchy = "date"

    @admin.display(description="saldo", ordering="balance")
    def balance_display(self, item):
        return brl(item.balance)
