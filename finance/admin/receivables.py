"""Admin for receivables (SE1) and their payments, read-only: they come from
the ERP, and changes come back through the import or the API."""

from django.contrib import admin

from ..formatting import brl
from ..models import Payment, Receivable
from .erp_rows import ReadOnlyAdminMixin, ZeroPaddedSearchMixin


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
