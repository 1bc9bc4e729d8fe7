"""Signals finance sends so that other apps follow its data without finance
knowing them."""

from django.dispatch import Signal

# Sent inside the transaction of titles_refresh when titles left SK1 (paid
# in the ERP, deleted, or without customer), with `removed` = how many.
collection_titles_removed = Signal()
