"""The nightly chain and the job commands."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from attendance import tasks
from attendance.models import BuildRun
from finance.jobs import JobAlreadyRunning
from tests.attendance.conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager_tasks():
    """Run the chain in-process even when CELERY_BROKER_URL is set (as in CI):
    this test is about the chain's order; test_celery_worker.py drives a real
    worker."""
    conf = tasks.collections_daily.app.conf
    previous = conf.task_always_eager
    conf.task_always_eager = True
    yield
    conf.task_always_eager = previous


def test_daily_chain_runs_selection_then_both_builds_on_one_date(
    chain, portfolio, eager_tasks
):
    BuildRun.objects.all().delete()

    tasks.collections_daily.delay("2026-12-04")

    assert list(
        BuildRun.objects.order_by("pk").values_list("job", "status", "reference_date")
    ) == [
        ("selection", "succeeded", TODAY),
        ("bands", "succeeded", TODAY),
        ("lists", "succeeded", TODAY),
    ]


def test_beat_schedules_the_daily_chain_at_the_configured_time():
    entry = settings.CELERY_BEAT_SCHEDULE["collections-daily"]

    assert entry["task"] == "attendance.tasks.collections_daily"
    assert (entry["schedule"].hour, entry["schedule"].minute) == (
        {settings.COLLECTIONS_DAILY_HOUR},
        {0},
    )


def test_select_titles_command_prints_the_counts(chain, portfolio, capsys):
    call_command("select_titles", "--date", "2026-12-04")

    output = capsys.readouterr().out
    assert output.startswith(
        "Seleção de títulos em 04/12/2026: 0 incluídos, 0 atualizados, 0 removidos, 10 sem alteração ("
    )


def test_select_titles_command_stops_when_a_selection_is_running(monkeypatch):
    def already_running(**kwargs):
        raise JobAlreadyRunning("selection")

    monkeypatch.setattr("attendance.services.runs.titles_select", already_running)

    with pytest.raises(CommandError) as refused:
        call_command("select_titles", "--date", "2026-12-04")

    message = "Outra execução de seleção de títulos já está em andamento; aguarde ela terminar."
    assert str(refused.value) == message
    run = BuildRun.objects.get()
    assert (run.status, run.error) == (BuildRun.Status.FAILED, message)
