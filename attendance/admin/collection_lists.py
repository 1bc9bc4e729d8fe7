"""Admin for collection lists (SU4) and their items (SU6): the list build
writes them; a supervisor may hand a list to another operator or change its
status."""

from django.contrib import admin
from django.db.models import Count

from finance.formatting import brl

from ..models import CollectionList, CollectionListItem
from .read_only import ReadOnlyAdminMixin


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
