"""Imports from the ERP's export files (Protheus SA1 and SE1 layouts)."""

from .errors import LineError, ProtheusImportError
from .services import ImportResult, protheus_import

__all__ = ["ImportResult", "LineError", "ProtheusImportError", "protheus_import"]
