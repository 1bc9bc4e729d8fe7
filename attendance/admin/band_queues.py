"""Admin for the band queues (pre-attendance), read-only: the band build
writes them."""

from django.contrib import admin

from finance.admin import OwnerListFilter, ReadOnlyAdminMixin
from finance.formatting import brl
from rules.selectors import bands_list

from ..models import BandQueueEntry


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
