"""Build runs, band queues and collection lists in the admin: read-only
views of the nightly work, and "Executar agora"."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from attendance.admin import counts_readable, duration_readable
from attendance.models import (
    BandQueueEntry,
    BuildRun,
    CollectionList,
    CollectionListItem,
)
from rules.models import SelectionRule
from tests.factories import (
    BuildRunFactory,
    CustomerFactory,
    OperatorFactory,
    SelectionRuleFactory,
)

pytestmark = pytest.mark.django_db

BUILD_RUNS_URL = reverse("admin:attendance_buildrun_changelist")
RUN_NOW_URL = reverse("admin:attendance_buildrun_run_now")
QUEUE_URL = reverse("admin:attendance_bandqueueentry_changelist")


def staff_client(client, django_user_model, *codenames):
    user = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return client


def cell(html: str, column: str) -> list[str]:
    return re.findall(rf'<td class="field-{column}">(.*?)</td>', html, flags=re.S)


# How a run reads


@pytest.mark.parametrize(
    ("counts", "shown"),
    [
        (
            {"inserted": 1234, "updated": 5, "removed": 0, "unchanged": 98765},
            "incluídos: 1.234 · atualizados: 5 · removidos: 0 · sem alteração: 98.765",
        ),
        (
            {"customers": 8, "owned_customers": 1, "rules": {"FX0130": 2, "FX3160": 6}},
            "clientes: 8 · clientes com dono: 1 · por faixa: FX0130 2, FX3160 6",
        ),
        (
            {"lists": 2, "items": 40, "not_scheduled": 3, "brand_new": True},
            "listas: 2 · itens: 40 · não agendados: 3 · brand new: sim",
        ),
    ],
)
def test_counts_read_in_portuguese(counts, shown):
    assert counts_readable(counts) == shown


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (Decimal("0.25"), "0,250 s"),
        (Decimal("59.9994"), "59,999 s"),
        (Decimal("65.4"), "1 min 05 s"),
        (Decimal("3723.5"), "1 h 02 min 04 s"),
    ],
)
def test_duration_reads_in_portuguese(seconds, shown):
    assert duration_readable(seconds) == shown


def test_build_run_list_shows_progress_counts_duration_and_error(supervisor_client):
    BuildRunFactory(
        job=BuildRun.Job.SELECTION,
        status=BuildRun.Status.FAILED,
        progress=45,
        counts={"inserted": 1200},
        duration_seconds=Decimal("75.000"),
        error="Outra seleção de títulos já está em execução; aguarde ela terminar.\nTraceback ...",
    )

    html = supervisor_client.get(BUILD_RUNS_URL).content.decode()

    assert cell(html, "progress_display") == ["45%"]
    assert cell(html, "counts_display") == ["incluídos: 1.200"]
    assert cell(html, "duration_display") == ["1 min 15 s"]
    assert cell(html, "error_display") == [
        "Outra seleção de títulos já está em execução; aguarde ela terminar.…"
    ]
    assert re.findall(
        r'<th class="field-job"><a href="[^"]+">([^<]+)</a></th>', html
    ) == ["Seleção de títulos"]
    assert cell(html, "status") == ["Falhou"]


def test_running_build_run_shows_empty_duration_and_error(supervisor_client):
    BuildRunFactory(progress=10)

    html = supervisor_client.get(BUILD_RUNS_URL).content.decode()

    assert cell(html, "duration_display") == ["-"]
    assert cell(html, "error_display") == ["-"]
    assert cell(html, "counts_display") == ["-"]


def test_build_run_detail_is_read_only(supervisor_client):
    run = BuildRunFactory(
        progress=100, status=BuildRun.Status.SUCCEEDED, counts={"customers": 3}
    )
    url = reverse("admin:attendance_buildrun_change", args=[run.pk])

    detail = supervisor_client.get(url)

    assert detail.status_code == 200
    assert '<div class="readonly">clientes: 3</div>' in detail.content.decode()
    assert supervisor_client.post(url, {"status": "failed"}).status_code == 403
    assert (
        supervisor_client.get(reverse("admin:attendance_buildrun_add")).status_code
        == 403
    )
    assert (
        supervisor_client.get(
            reverse("admin:attendance_buildrun_delete", args=[run.pk])
        ).status_code
        == 403
    )


@pytest.mark.parametrize("rows", [3, 30])
def test_build_run_changelist_query_count_does_not_grow_with_rows(
    supervisor_client, django_assert_num_queries, rows
):
    for day in range(rows):
        BuildRunFactory(
            reference_date=date(2026, 12, 4) - timedelta(days=day),
            counts={"customers": day},
        )

    # session, user, count, full count, parameters row (app list), rows, date hierarchy (2)
    with django_assert_num_queries(8):
        response = supervisor_client.get(BUILD_RUNS_URL)

    assert response.context["cl"].result_count == rows


# "Executar agora"


@pytest.fixture
def enqueued(monkeypatch):
    import attendance.tasks

    calls = []
    monkeypatch.setattr(
        attendance.tasks.collections_daily,
        "delay",
        lambda *args, **kwargs: calls.append(args),
    )
    return calls


def test_run_now_enqueues_the_daily_chain_after_commit(
    supervisor_client, enqueued, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = supervisor_client.post(RUN_NOW_URL)

    # then: nothing leaves before the commit, exactly one chain after it
    assert enqueued == []
    for callback in callbacks:
        callback()
    assert enqueued == [()]
    assert response.status_code == 302
    assert response["Location"] == BUILD_RUNS_URL
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Seleção e montagem enfileiradas"
    ]


def test_run_now_button_is_on_the_build_run_list(supervisor_client):
    html = supervisor_client.get(BUILD_RUNS_URL).content.decode()

    assert f'action="{RUN_NOW_URL}"' in html
    assert (
        '<button type="submit" class="run-now-button">Executar agora</button>' in html
    )
    assert (
        f'<a href="{reverse("admin:attendance_queue_position")}">Posição geral da fila</a>'
        in html
    )


def test_run_now_refuses_get(supervisor_client, enqueued):
    assert supervisor_client.get(RUN_NOW_URL).status_code == 405
    assert enqueued == []


def test_staff_who_may_only_view_runs_cannot_run_now(
    client, django_user_model, enqueued, django_capture_on_commit_callbacks
):
    client = staff_client(client, django_user_model, "view_buildrun")

    html = client.get(BUILD_RUNS_URL).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RUN_NOW_URL)

    assert "Executar agora" not in html
    assert response.status_code == 403
    assert enqueued == []


def test_staff_with_add_permission_may_run_now(
    client, django_user_model, enqueued, django_capture_on_commit_callbacks
):
    client = staff_client(client, django_user_model, "view_buildrun", "add_buildrun")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RUN_NOW_URL)

    assert response.status_code == 302
    assert enqueued == [()]


def test_anonymous_run_now_is_sent_to_login(client, enqueued):
    response = client.post(RUN_NOW_URL)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={RUN_NOW_URL}"
    assert enqueued == []


# Band queues


def queue_entries(count: int, *, owner=None) -> list[BandQueueEntry]:
    run = BuildRunFactory()
    first = SelectionRuleFactory(code="FX0130", order=10, width_days=30)
    second = SelectionRuleFactory(code="FX3160", order=20, width_days=30)
    entries = []
    for index in range(count):
        rule = first if index % 2 == 0 else second
        entries.append(
            BandQueueEntry.objects.create(
                build_run=run,
                reference_date=date(2026, 12, 4),
                selection_rule=rule,
                customer=CustomerFactory(),
                oldest_real_due_date=date(2026, 11, 20),
                days_late=14 if rule is first else 44,
                titles=2,
                balance=Decimal("1234.56"),
                owner=owner if index == 0 else None,
                priority=index // 2 + 1,
            )
        )
    return entries


def test_band_queue_shows_the_derived_band_and_balance_in_reais(supervisor_client):
    queue_entries(2)

    html = supervisor_client.get(QUEUE_URL).content.decode()

    assert cell(html, "band") == ["FX0130 (1 a 30 dias)", "FX3160 (31 a 60 dias)"]
    assert cell(html, "balance_display") == ["R$ 1.234,56", "R$ 1.234,56"]
    assert 'class="sortable column-band' in html


def test_band_queue_filters_unowned_customers(supervisor_client):
    entries = queue_entries(3, owner=OperatorFactory())

    response = supervisor_client.get(QUEUE_URL, {"has_owner": "no"})

    # chain order: FX0130 #2 comes before FX3160 #1
    assert list(response.context["cl"].result_list) == [entries[2], entries[1]]


@pytest.mark.parametrize("rows", [3, 30])
def test_band_queue_changelist_query_count_does_not_grow_with_rows(
    supervisor_client, django_assert_num_queries, rows
):
    queue_entries(rows, owner=OperatorFactory())

    # session, user, chain, rule filter, count, full count, parameters row (app list), rows
    with django_assert_num_queries(8):
        response = supervisor_client.get(QUEUE_URL)

    assert response.context["cl"].result_count == rows


def test_band_queue_is_read_only(supervisor_client):
    entry = queue_entries(1)[0]

    assert (
        supervisor_client.get(
            reverse("admin:attendance_bandqueueentry_add")
        ).status_code
        == 403
    )
    assert (
        supervisor_client.post(
            reverse("admin:attendance_bandqueueentry_change", args=[entry.pk]), {}
        ).status_code
        == 403
    )


# Collection lists


def collection_list(items: int) -> CollectionList:
    operator = OperatorFactory()
    collection = CollectionList.objects.create(
        date=date(2026, 12, 4),
        operator=operator,
        group=operator.group,
        description="LISTA DE COBRANÇA 04/12/2026",
    )
    for position in range(1, items + 1):
        CollectionListItem.objects.create(
            collection_list=collection,
            date=collection.date,
            customer=CustomerFactory(),
            position=position,
            oldest_real_due_date=date(2026, 7, 1),
            days_late=156,
            titles=1,
            balance=Decimal("10.00"),
        )
    return collection


def test_collection_list_shows_how_many_customers_it_holds(supervisor_client):
    collection_list(3)

    html = supervisor_client.get(
        reverse("admin:attendance_collectionlist_changelist")
    ).content.decode()

    assert cell(html, "items_count") == ["3"]


def test_collection_list_detail_lists_its_items_read_only(supervisor_client):
    collection = collection_list(2)

    html = supervisor_client.get(
        reverse("admin:attendance_collectionlist_change", args=[collection.pk])
    ).content.decode()

    assert html.count('<td class="field-days_late">') == 2
    assert 'name="items-0-position"' not in html


def test_supervisor_hands_a_collection_list_to_another_operator(supervisor_client):
    collection = collection_list(1)
    # The group works the collection-list rule, so its operators receive lists.
    SelectionRule.objects.filter(pk=collection.group.selection_rule_id).update(
        kind=SelectionRule.Kind.LIST, width_days=None
    )
    other = OperatorFactory(group=collection.group)

    response = supervisor_client.post(
        reverse("admin:attendance_collectionlist_change", args=[collection.pk]),
        {
            "operator": other.pk,
            "description": collection.description,
            "status": CollectionList.Status.PENDING,
            "items-TOTAL_FORMS": "1",
            "items-INITIAL_FORMS": "1",
            "items-MIN_NUM_FORMS": "0",
            "items-MAX_NUM_FORMS": "1000",
            "items-0-id": str(collection.items.get().pk),
            "items-0-collection_list": str(collection.pk),
            "_save": "Salvar",
        },
    )

    assert response.status_code == 302
    collection.refresh_from_db()
    assert collection.operator == other


def test_collection_list_items_list_reads_without_a_query_per_row(
    supervisor_client, django_assert_num_queries
):
    collection_list(3)

    # session, user, count, full count, parameters row (app list), rows, date hierarchy (2)
    with django_assert_num_queries(8):
        response = supervisor_client.get(
            reverse("admin:attendance_collectionlistitem_changelist")
        )

    assert response.status_code == 200
