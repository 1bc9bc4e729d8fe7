"""Branches, customers, receivables (SE1), payments, the SK1 mirror and the
runtime parameters (MV_TMK*)."""

from .branches import Branch, BranchHoliday
from .collection import CollectionTitle
from .customers import Contact, Customer
from .parameters import SELECTABLE_TYPE, Parameters
from .receivables import Payment, Receivable

__all__ = [
    "SELECTABLE_TYPE",
    "Branch",
    "BranchHoliday",
    "CollectionTitle",
    "Contact",
    "Customer",
    "Parameters",
    "Payment",
    "Receivable",
]
