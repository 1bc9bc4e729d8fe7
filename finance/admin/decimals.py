"""Decimal inputs as a Brazilian types them.

A browser's number input may drop a typed comma ("2,5" arrives as "25"),
so percentages and amounts are text inputs read in pt-BR: "2,5" is 2.5 and
the stored 2.00 shows as "2,00".
"""

from django.db import models


class LocalizedDecimalsMixin:
    formfield_overrides = {models.DecimalField: {"localize": True}}
