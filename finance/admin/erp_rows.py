"""How the admin shows rows the ERP or a job owns: searched by their
zero-padded codes, and read-only."""

from django.db.models import Q


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
    """Rows the ERP or a nightly job owns (SE1, payments, build runs, queues):
    a supervisor looks, never edits here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
