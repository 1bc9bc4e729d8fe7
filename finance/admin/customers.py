"""Admin for customers (SA1) and their contacts (SU5); lists mask the CPF/CNPJ."""

from django.contrib import admin

from ..models import Contact, Customer


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
