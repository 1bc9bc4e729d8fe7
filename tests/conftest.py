"""Shared actors for the tests."""

import os
from pathlib import Path

import pytest

# The shared material (real ledger, converter, SQL baseline) sits beside the
# project as ../shared; TELECOBRANCA_SHARED points elsewhere.
SHARED = Path(
    os.environ.get(
        "TELECOBRANCA_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"
    )
)


@pytest.fixture
def supervisor(django_user_model):
    """A Django superuser, as the supervisor who configures everything."""
    return django_user_model.objects.create_superuser(
        "supervisor", "supervisor@example.com", "senha-forte-123"
    )


@pytest.fixture
def supervisor_client(client, supervisor):
    client.force_login(supervisor)
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Tests create many users; a fast hasher keeps them quick (never in settings)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
