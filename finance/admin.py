"""Admin for branches and their holidays, customers, receivables (SE1),
payments, the SK1 mirror and the runtime parameters (MV_TMK*).

SE1, payments and SK1 come from the ERP and from title selection, so the
admin shows them read-only; a supervisor only decides who owns an SK1 title
and whether it is excluded from collection ("exceção de cobrança").
"""

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse

from .formatting import brl, plural
from .models import (
    Branch,
    BranchHoliday,
    CollectionTitle,
    Contact,
    Customer,
    Parameters,
    Payment,
    Receivable,
)


def tax_id_masked(tax_id: str) -> str:
    """A CPF/CNPJ for lists, where anybody looking over a shoulder sees it.

    CPF keeps the middle digits (***.456.789-**, the form Brazilian public
    bodies publish under the LGPD); CNPJ keeps the company root
    (12.345.678/****-**). The detail page shows the number whole.
    """
    if len(tax_id) == 11 and tax_id.isdigit():
        return f"***.{tax_id[3:6]}.{tax_id[6:9]}-**"
    if len(tax_id) == 14 and tax_id.isdigit():
        return f"{tax_id[0:2]}.{tax_id[2:5]}.{tax_id[5:8]}/****-**"
    if not tax_id:
        return ""
    return "*" * max(len(tax_id) - 2, 0) + tax_id[-2:]


def receivables_recompute_for(request, branch: Branch) -> None:
    """Recompute the computed real due dates (E1_VENCREA) of a branch after
    its calendar changed, and tell the supervisor how many titles moved.

    Imported lazily: the calendar module loads the `holidays` package, which
    the admin does not need otherwise.
    """
    from finance.calendar import receivables_recompute_real_due

    changed = receivables_recompute_real_due(branch=branch)
    messages.info(
        request,
        f"Filial {branch.code}: {plural(changed, 'título', 'títulos')} com vencimento real recalculado.",
    )


class BranchHolidayInline(admin.TabularInline):
    model = BranchHoliday
    extra = 0
    fields = ("date", "description")


@admin.register(Branch)
class BranchAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "state", "city")
    search_fields = ("code", "name", "city")
    list_filter = ("state",)
    inlines = [BranchHolidayInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        holidays_changed = any(
            formset.model is BranchHoliday
            and (
                formset.new_objects
                or formset.changed_objects
                or formset.deleted_objects
            )
            for formset in formsets
        )
        # The state decides which state holidays apply, so it moves due dates too.
        state_changed = change and "state" in form.changed_data
        if holidays_changed or state_changed:
            receivables_recompute_for(request, form.instance)


@admin.register(BranchHoliday)
class BranchHolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "description", "branch")
    list_filter = ("branch",)
    list_select_related = ("branch",)
    search_fields = ("description",)
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "branch" in form.changed_data:
            previous = Branch.objects.get(pk=form.initial["branch"])
            receivables_recompute_for(request, previous)
        receivables_recompute_for(request, obj.branch)

    def delete_model(self, request, obj):
        branch = obj.branch
        super().delete_model(request, obj)
        receivables_recompute_for(request, branch)

    def delete_queryset(self, request, queryset):
        branches = list(
            Branch.objects.filter(pk__in=queryset.values("branch")).order_by("code")
        )
        super().delete_queryset(request, queryset)
        for branch in branches:
            receivables_recompute_for(request, branch)


class ContactInline(admin.StackedInline):
    model = Contact
    extra = 0
    fields = (
        ("name", "is_collection_contact"),
        ("phone_area", "home_phone", "mobile_phone", "business_phone"),
        "email",
    )


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "store",
        "name",
        "person_type",
        "tax_id_display",
        "state",
        "city",
    )
    list_display_links = ("code", "store", "name")
    list_filter = ("person_type", "state")
    search_fields = ("code", "name", "short_name", "tax_id")
    readonly_fields = ("created_at", "updated_at")
    inlines = [ContactInline]
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("code", "store"),
                    ("name", "short_name"),
                    ("person_type", "tax_id"),
                )
            },
        ),
        (
            "Endereço e contato",
            {"fields": (("state", "city"), ("phone_area", "phone"), "email")},
        ),
        ("Histórico", {"fields": (("created_at", "updated_at"),)}),
    )

    @admin.display(description="CPF/CNPJ", ordering="tax_id")
    def tax_id_display(self, customer):
        return tax_id_masked(customer.tax_id)


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "customer",
        "phone_area",
        "mobile_phone",
        "business_phone",
        "is_collection_contact",
    )
    list_filter = ("is_collection_contact",)
    list_select_related = ("customer",)
    search_fields = ("name", "=customer__code", "customer__name")
    autocomplete_fields = ("customer",)


class ZeroPaddedSearchMixin:
    """Exact search on ERP codes, also as typed without the leading zeros.

    Protheus pads numbers and codes with zeros (E1_NUM "000012345", A1_COD
    "000042"); a supervisor types "12345". The lookups stay exact, so the
    search uses the indexes instead of scanning millions of titles.
    """

    padded_search_fields: dict[str, int] = {}

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        term = search_term.strip()
        if term.isdigit():
            padded = Q()
            for lookup, width in self.padded_search_fields.items():
                if len(term) < width:
                    padded |= Q(**{lookup: term.zfill(width)})
            if padded:
                results = results | queryset.filter(padded)
        return results, may_have_duplicates


class ReadOnlyAdminMixin:
    """Rows the ERP or a job owns: a supervisor looks, never edits here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PaymentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Payment
    extra = 0
    fields = ("date", "amount_display", "created_at")
    readonly_fields = fields

    @admin.display(description="valor")
    def amount_display(self, payment):
        return brl(payment.amount)


@admin.register(Receivable)
class ReceivableAdmin(ZeroPaddedSearchMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """SE1 as the ERP sent it; changes come back through the import or the API."""

    list_display = (
        "branch",
        "prefix",
        "number",
        "installment",
        "kind",
        "customer_code",
        "customer_store",
        "customer_name",
        "due_date",
        "real_due_date",
        "balance_display",
    )
    list_display_links = ("prefix", "number")
    list_filter = ("branch", "kind")
    list_select_related = ("branch",)
    search_fields = ("=number", "=customer_code", "customer_name")
    padded_search_fields = {"number": 9, "customer_code": 6}
    inlines = [PaymentInline]
    fieldsets = (
        (
            "Chave (SE1)",
            {"fields": (("branch", "prefix", "number", "installment", "kind"),)},
        ),
        (
            "Cliente",
            {
                "fields": (
                    ("customer_code", "customer_store", "customer_name"),
                    "customer",
                )
            },
        ),
        ("Cobrança", {"fields": (("nature", "bearer", "situation"),)}),
        (
            "Datas e valores",
            {
                "fields": (
                    (
                        "issue_date",
                        "due_date",
                        "real_due_date",
                        "real_due_date_from_erp",
                    ),
                    ("amount", "balance", "last_payment_date"),
                    ("daily_interest_amount", "daily_interest_rate", "currency"),
                    "history",
                )
            },
        ),
        ("Histórico", {"fields": (("created_at", "updated_at"),)}),
    )

    @admin.display(description="saldo", ordering="balance")
    def balance_display(self, receivable):
        return brl(receivable.balance)


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "receivable",
        "receivable_branch",
        "date",
        "amount_display",
        "created_at",
    )
    list_filter = ("receivable__branch",)
    list_select_related = ("receivable__branch",)
    search_fields = ("=receivable__number", "=receivable__customer_code")
    date_hierarchy = "date"

    @admin.display(description="filial", ordering="receivable__branch__code")
    def receivable_branch(self, payment):
        return payment.receivable.branch.code

    @admin.display(description="valor", ordering="amount")
    def amount_display(self, payment):
        return brl(payment.amount)


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


@admin.register(Parameters)
class ParametersAdmin(admin.ModelAdmin):
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
