"""The admin of rows a nightly job writes: shown, never edited."""


class ReadOnlyAdminMixin:
    """Rows a job writes: a supervisor looks, never edits here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
