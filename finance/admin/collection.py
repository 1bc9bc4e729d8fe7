"""Admin for the SK1 mirror: a supervisor assigns the owner of a title or
excludes it from collection ("exceção de cobrança")."""

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry

from ..formatting import brl, plural
from ..models import CollectionTitle
from .erp_rows import ZeroPaddedSearchMixin


class OwnerListFilter(admin.SimpleListFilter):
    title = "operador responsável"
    parameter_name = "has_owner"

    def lookups(self, request, model_admin):
        return [("no", "Sem dono"), ("yes", "Com dono")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(owner__isnull=True)
        if self.value() == "yes":
            return queryset.filter(owner__isnull=False)
        return queryset


@admin.register(CollectionTitle)
class CollectionTitleAdmin(ZeroPaddedSearchMixin, admin.ModelAdmin):
    """SK1: title selection writes it; a supervisor assigns the owner or
    excludes a title from collection (K1_OPERAD = XXXXXX in Protheus)."""

    list_display = (
        "branch",
        "prefix",
        "number",
        "installment",
        "kind",
        "customer",
        "real_due_date",
        "balance_display",
        "owner",
        "excluded",
    )
    list_display_links = ("prefix", "number")
    list_filter = ("branch", "excluded", OwnerListFilter)
    list_select_related = ("branch", "customer", "owner")
    search_fields = ("=number", "=customer__code", "customer__name")
    padded_search_fields = {"number": 9, "customer__code": 6}
    autocomplete_fields = ("owner",)
    actions = ("exclude_from_collection", "return_to_collection")
    fieldsets = (
        ("Cobrança", {"fields": ("owner", "excluded")}),
        (
            "Chave (SK1)",
            {
                "fields": (
                    "receivable",
                    ("branch", "prefix", "number", "installment", "kind"),
                )
            },
        ),
        (
            "Espelho do SE1",
            {
                "fields": (
                    "customer",
                    ("nature", "bearer", "situation"),
                    ("due_date", "real_due_date", "balance"),
                )
            },
        ),
        ("Histórico", {"fields": (("selected_at", "refreshed_at"),)}),
    )

    EDITABLE_FIELDS = ("owner", "excluded")

    def get_readonly_fields(self, request, obj=None):
        return [
            field.name
            for field in CollectionTitle._meta.get_fields()
            if field.concrete
            and not field.auto_created
            and field.name not in self.EDITABLE_FIELDS
        ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="saldo", ordering="balance")
    def balance_display(self, title):
        return brl(title.balance)

    def _set_excluded(self, request, queryset, excluded: bool) -> int:
        titles = list(queryset.filter(excluded=not excluded))
        CollectionTitle.objects.filter(pk__in=[title.pk for title in titles]).update(
            excluded=excluded
        )
        if titles:
            LogEntry.objects.log_actions(
                user_id=request.user.pk,
                queryset=titles,
                action_flag=CHANGE,
                change_message=[{"changed": {"fields": ["exceção de cobrança"]}}],
            )
        return len(titles)

    @admin.action(description="Excluir da cobrança (exceção)", permissions=["change"])
    def exclude_from_collection(self, request, queryset):
        count = self._set_excluded(request, queryset, excluded=True)
        self.message_user(
            request,
            f"{plural(count, 'título excluído', 'títulos excluídos')} da cobrança (exceção).",
            messages.SUCCESS,
        )

    @admin.action(description="Devolver à cobrança", permissions=["change"])
    def return_to_collection(self, request, queryset):
        count = self._set_excluded(request, queryset, excluded=False)
        self.message_user(
            request,
            f"{plural(count, 'título devolvido', 'títulos devolvidos')} à cobrança.",
            messages.SUCCESS,
        )
