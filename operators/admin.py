"""Admin for attendance groups (SU0) and operators (SU7).

An operator is a Django user with an operator profile: the profile is
edited on its own screen (picking the user) or inline on the user's screen.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from .models import AttendanceGroup, Operator


@admin.register(AttendanceGroup)
class AttendanceGroupAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "selection_rule",
        "negotiation_rule",
        "call_direction",
        "works_collections_display",
    )
    list_display_links = ("code", "name")
    list_filter = ("call_direction", "selection_rule")
    list_select_related = ("selection_rule", "negotiation_rule")
    search_fields = ("code", "name")
    autocomplete_fields = ("selection_rule", "negotiation_rule")
    fieldsets = (
        (None, {"fields": ("code", "name")}),
        (
            "Telecobrança",
            {
                "fields": (
                    "selection_rule",
                    "negotiation_rule",
                    "call_direction",
                    "send_collection_email",
                )
            },
        ),
    )

    @admin.display(description="trabalha cobrança", boolean=True)
    def works_collections_display(self, group):
        return group.works_collections


@admin.register(Operator)
class OperatorAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "user",
        "group",
        "attendance_profile",
        "role",
        "is_active",
    )
    list_display_links = ("code", "name")
    list_filter = ("is_active", "attendance_profile", "role", "group")
    list_select_related = ("user", "group")
    search_fields = ("code", "name", "user__username")
    autocomplete_fields = ("user", "group")
    fieldsets = (
        (None, {"fields": ("code", "name", "user")}),
        (
            "Atendimento",
            {
                "fields": (
                    "group",
                    "attendance_profile",
                    "role",
                    "is_active",
                    "daily_capacity",
                )
            },
        ),
    )


class OperatorInline(admin.StackedInline):
    model = Operator
    fk_name = "user"
    can_delete = False
    max_num = 1
    extra = 0
    autocomplete_fields = ("group",)
    fields = (
        ("code", "name"),
        ("group", "attendance_profile", "role"),
        ("is_active", "daily_capacity"),
    )


User = get_user_model()


class UserWithOperatorAdmin(UserAdmin):
    """Django's user admin, plus the operator profile (SU7) of the user."""

    inlines = [*UserAdmin.inlines, OperatorInline]


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, UserWithOperatorAdmin)
