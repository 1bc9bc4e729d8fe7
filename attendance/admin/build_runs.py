"""Admin for build runs: their counts and durations as a supervisor reads
them, "Executar agora" and the queue position report's screen."""

import logging
from decimal import ROUND_HALF_UP, Decimal

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from finance.admin import ReadOnlyAdminMixin
from finance.formatting import integer_br

from ..models import BuildRun
from .queue_position import QueuePositionForm, queue_position_table

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


def collections_daily_enqueue() -> None:
    """Hand the nightly chain (selection, then the builds) to Celery."""
    from attendance.tasks import collections_daily

    collections_daily.delay()


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
