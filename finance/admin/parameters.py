"""Admin for the single row of runtime parameters (MV_TMK*)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from ..models import Parameters
from .decimals import LocalizedDecimalsMixin


@admin.register(Parameters)
class ParametersAdmin(LocalizedDecimalsMixin, admin.ModelAdmin):
    """The single parameters row: the list goes straight to it."""

    readonly_fields = ("last_selection_at",)
    fieldsets = (
        ("Seleção de títulos", {"fields": ("selectable_types", "last_selection_at")}),
        (
            "Regras de seleção e pré-atendimento",
            {
                "fields": (
                    "largest_balance_first",
                    "contains_filters",
                    "manual_picker_shows_not_due",
                )
            },
        ),
        ("Encerramento automático", {"fields": ("auto_close_code", "auto_close_text")}),
        (
            "Encargos padrão",
            {"fields": (("fine_percent", "monthly_interest_percent"),)},
        ),
        ("Listas de cobrança", {"fields": ("list_capacity_per_operator",)}),
    )

    def has_add_permission(self, request):
        # Asked on every admin page (the app list): one query per request.
        if not hasattr(request, "_parameters_row_exists"):
            request._parameters_row_exists = Parameters.objects.exists()
        return not request._parameters_row_exists and super().has_add_permission(
            request
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        parameters = Parameters.current()
        return redirect(
            reverse("admin:finance_parameters_change", args=[parameters.pk])
        )
