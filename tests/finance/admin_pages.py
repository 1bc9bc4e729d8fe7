"""What the finance admin tests read from the admin: a response's messages
and the address of the SK1 list."""

from django.contrib.messages import get_messages
from django.urls import reverse


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def sk1_changelist_url():
    return reverse("admin:finance_collectiontitle_changelist")
