"""Receivers of other apps' signals; each calls one service."""

from django.dispatch import receiver

from finance.signals import collection_titles_removed

from .services.builds import paid_customers_prune


@receiver(collection_titles_removed, dispatch_uid="attendance.paid_customers_prune")
def prune_paid_customers(sender, **kwargs) -> None:
    paid_customers_prune()
