"""Production settings: the secrets and services must come from the
environment, and the process refuses to start when one is missing."""

import os

from django.core.exceptions import ImproperlyConfigured

REQUIRED = (
    "DJANGO_SECRET_KEY",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "DJANGO_ALLOWED_HOSTS",
)
missing = [name for name in REQUIRED if not os.environ.get(name)]
if missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(missing)
    )

os.environ.setdefault("DJANGO_DEBUG", "false")

from .base import *  # noqa: E402,F403  (production extends every base setting)

DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
