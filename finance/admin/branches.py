"""Admin for branches and their holidays; a calendar change moves the
computed real due dates (E1_VENCREA) of the branch's titles."""

from django.contrib import admin, messages

from ..formatting import plural
from ..models import Branch, BranchHoliday


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
