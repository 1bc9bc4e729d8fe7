"""Admin for branches and their holidays, customers, receivables (SE1),
payments, the SK1 mirror and the runtime parameters (MV_TMK*).

SE1, payments and SK1 come from the ERP and from title selection, so the
admin shows them read-only; a supervisor only decides who owns an SK1 title
and whether it is excluded from collection ("exceção de cobrança").
"""

from .branches import (
    BranchAdmin,
    BranchHolidayAdmin,
    BranchHolidayInline,
    receivables_recompute_for,
)
from .collection import CollectionTitleAdmin, OwnerListFilter
from .customers import ContactAdmin, ContactInline, CustomerAdmin, tax_id_masked
from .erp_rows import ReadOnlyAdminMixin, ZeroPaddedSearchMixin
from .parameters import ParametersAdmin
from .receivables import PaymentAdmin, PaymentInline, ReceivableAdmin

__all__ = [
    "BranchAdmin",
    "BranchHolidayAdmin",
    "BranchHolidayInline",
    "CollectionTitleAdmin",
    "ContactAdmin",
    "ContactInline",
    "CustomerAdmin",
    "OwnerListFilter",
    "ParametersAdmin",
    "PaymentAdmin",
    "PaymentInline",
    "ReadOnlyAdminMixin",
    "ReceivableAdmin",
    "ZeroPaddedSearchMixin",
    "receivables_recompute_for",
    "tax_id_masked",
]
