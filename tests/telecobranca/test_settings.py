"""Settings come from the environment; production refuses to start without secrets."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-production-secret-from-the-environment",
    "DATABASE_URL": "postgres://app@127.0.0.1:5432/telecobranca",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "DJANGO_ALLOWED_HOSTS": "cobranca.example.com",
}


def load_settings(module: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Import a settings module in a clean interpreter and print a few values."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "CELERY_"))
    }
    code = (
        "import django.conf as c; s = c.settings; "
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.TIME_ZONE, s.LANGUAGE_CODE)"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": module},
        capture_output=True,
        text=True,
    )


def test_nothing_set_means_sqlite_in_process_tasks_sao_paulo_and_portuguese():
    result = load_settings("telecobranca.settings.base", {})

    assert result.stdout.split() == [
        "True",
        "django.db.backends.sqlite3",
        "True",
        "America/Sao_Paulo",
        "pt-br",
    ]


def test_database_and_broker_urls_switch_to_postgresql_and_a_real_worker():
    result = load_settings(
        "telecobranca.settings.base",
        {
            "DATABASE_URL": PRODUCTION_ENV["DATABASE_URL"],
            "CELERY_BROKER_URL": PRODUCTION_ENV["CELERY_BROKER_URL"],
        },
    )

    assert result.stdout.split()[1:3] == ["django.db.backends.postgresql", "False"]


def test_production_refuses_to_start_without_its_secrets():
    result = load_settings(
        "telecobranca.settings.production",
        {"DATABASE_URL": PRODUCTION_ENV["DATABASE_URL"]},
    )

    assert result.returncode != 0
    assert (
        "Production settings need these environment variables: "
        "DJANGO_SECRET_KEY, CELERY_BROKER_URL, DJANGO_ALLOWED_HOSTS"
    ) in result.stderr


def test_production_starts_with_its_secrets_and_debug_off():
    result = load_settings("telecobranca.settings.production", PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == [
        "False",
        "django.db.backends.postgresql",
        "False",
    ]


def test_no_secret_is_tracked_by_git():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()

    assert ".secret_key" not in tracked
    assert ".secret_key" in (ROOT / ".gitignore").read_text().split()
