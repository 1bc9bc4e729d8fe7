"""Admin for collection lists (SU4) and their items (SU6): the list build
writes them; a supervisor may hand a list to another operator or change its
status."""

from django import forms
from django.contrib import admin
from django.db.models import Count

from finance.admin import ReadOnlyAdminMixin
from finance.formatting import brl
from rules.models import SelectionRule

from ..models import CollectionList, CollectionListItem
from ..services.builds import list_operators


class CollectionListItemInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = CollectionListItem
    extra = 0
    fields = (
        "position",
        "customer",
        "oldest_real_due_date",
        "days_late",
        "titles",
        "balance_display",
        "status",
    )
    readonly_fields = fields
    ordering = ("position",)

    @admin.display(description="saldo")
    def balance_display(self, item):
        return brl(item.balance)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("customer")


class CollectionListForm(forms.ModelForm):
    """Handing a list to another operator: only to one who receives
    collection lists, and who has no list of their own that day."""

    class Meta:
        model = CollectionList
        fields = ("operator", "description", "status")

    def clean_operator(self):
        operator = self.cleaned_data["operator"]
        if operator == self.instance.operator:
            return operator
        list_rule = SelectionRule.objects.filter(kind=SelectionRule.Kind.LIST).first()
        receivers = list_operators(list_rule=list_rule) if list_rule else []
        if operator not in receivers:
            raise forms.ValidationError(
                f"{operator} não recebe listas de cobrança: é preciso um operador ativo, "
                "com atendimento Telecobrança ou Todos, de um grupo que trabalhe a regra de lista."
            )
        taken = CollectionList.objects.filter(
            date=self.instance.date, operator=operator
        ).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                f"{operator} já tem uma lista em {self.instance.date:%d/%m/%Y}; "
                "um operador tem uma lista por dia."
            )
        return operator


@admin.register(CollectionList)
class CollectionListAdmin(admin.ModelAdmin):
    """SU4: the list build writes them; a supervisor may hand a list to
    another operator or change its status."""

    form = CollectionListForm

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

    def save_model(self, request, obj, form, change):
        # A list handed over follows its new operator's group.
        obj.group_id = obj.operator.group_id
        super().save_model(request, obj, form, change)

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
