"""The Celery application; tasks live in the apps' tasks.py modules."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "telecobranca.settings.base")

app = Celery("telecobranca")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
