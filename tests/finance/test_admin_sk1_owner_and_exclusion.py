"""Finance admin, SK1: a supervisor changes only the owner of a title and
whether it is excluded from collection."""

import json
from decimal import Decimal

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse

from finance.models import CollectionTitle
from tests.factories import BranchFactory, CollectionTitleFactory, OperatorFactory
from tests.finance.admin_pages import messages_of, sk1_changelist_url

pytestmark = pytest.mark.django_db


def test_sk1_exclusion_action_excludes_and_records_history(
    supervisor_client, supervisor
):
    titles = CollectionTitleFactory.create_batch(3)
    already = CollectionTitleFactory(excluded=True)

    response = supervisor_client.post(
        sk1_changelist_url(),
        {
            "action": "exclude_from_collection",
            "_selected_action": [t.pk for t in [*titles[:2], already]],
        },
    )

    assert response.status_code == 302
    assert messages_of(response) == ["2 títulos excluídos da cobrança (exceção)."]
    assert sorted(
        CollectionTitle.objects.filter(excluded=True).values_list("pk", flat=True)
    ) == sorted([titles[0].pk, titles[1].pk, already.pk])
    entries = LogEntry.objects.filter(user=supervisor, action_flag=CHANGE)
    assert sorted(int(entry.object_id) for entry in entries) == sorted(
        [titles[0].pk, titles[1].pk]
    )
    assert {
        json.loads(entry.change_message)[0]["changed"]["fields"][0] for entry in entries
    } == {"exceção de cobrança"}


def test_sk1_return_action_puts_titles_back_in_collection(supervisor_client):
    title = CollectionTitleFactory(excluded=True)

    response = supervisor_client.post(
        sk1_changelist_url(),
        {"action": "return_to_collection", "_selected_action": [title.pk]},
    )

    assert messages_of(response) == ["1 título devolvido à cobrança."]
    title.refresh_from_db()
    assert title.excluded is False


def test_sk1_actions_are_labelled_in_portuguese(supervisor_client):
    CollectionTitleFactory()

    html = supervisor_client.get(sk1_changelist_url()).content.decode()

    assert (
        '<option value="exclude_from_collection">Excluir da cobrança (exceção)</option>'
        in html
    )
    assert '<option value="return_to_collection">Devolver à cobrança</option>' in html


def test_sk1_filters_by_branch_exclusion_and_owner(supervisor_client):
    filial = BranchFactory(code="02", name="Filial RJ", state="RJ")
    owner = OperatorFactory()
    owned = CollectionTitleFactory(owner=owner)
    unowned = CollectionTitleFactory()
    excluded = CollectionTitleFactory(excluded=True)
    other_branch = CollectionTitleFactory(receivable__branch=filial)

    def listed(**params):
        return set(
            supervisor_client.get(sk1_changelist_url(), params)
            .context["cl"]
            .result_list
        )

    assert listed(has_owner="yes") == {owned}
    assert listed(has_owner="no") == {unowned, excluded, other_branch}
    assert listed(excluded__exact="1") == {excluded}
    assert listed(branch__id__exact=filial.pk) == {other_branch}


def test_sk1_change_form_saves_only_owner_and_exclusion(supervisor_client):
    title = CollectionTitleFactory()
    owner = OperatorFactory()

    response = supervisor_client.post(
        reverse("admin:finance_collectiontitle_change", args=[title.pk]),
        {
            "owner": owner.pk,
            "excluded": "on",
            "balance": "1.00",
            "number": "999999999",
            "_save": "Salvar",
        },
    )

    assert response.status_code == 302
    title.refresh_from_db()
    assert (title.owner, title.excluded, title.balance, title.number) == (
        owner,
        True,
        Decimal("100.00"),
        title.receivable.number,
    )


def test_sk1_rows_cannot_be_added_or_deleted_in_the_admin(supervisor_client):
    title = CollectionTitleFactory()

    assert (
        supervisor_client.get(reverse("admin:finance_collectiontitle_add")).status_code
        == 403
    )
    assert (
        supervisor_client.get(
            reverse("admin:finance_collectiontitle_delete", args=[title.pk])
        ).status_code
        == 403
    )


@pytest.mark.parametrize("rows", [3, 30])
def test_sk1_changelist_query_count_does_not_grow_with_rows(
    supervisor_client, django_assert_num_queries, rows
):
    owner = OperatorFactory()
    for index in range(rows):
        CollectionTitleFactory(owner=owner if index % 2 else None)

    # session, user, branch filter, count, full count, parameters row (app list), rows
    with django_assert_num_queries(7):
        response = supervisor_client.get(sk1_changelist_url())

    assert response.context["cl"].result_count == rows


def test_sk1_list_shows_balance_in_reais(supervisor_client):
    CollectionTitleFactory(receivable__amount=Decimal("1234.56"))

    html = supervisor_client.get(sk1_changelist_url()).content.decode()

    assert '<td class="field-balance_display">R$ 1.234,56</td>' in html


def test_staff_with_view_only_cannot_run_sk1_actions(client, django_user_model):
    user = django_user_model.objects.create_user("leitor", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_collectiontitle"))
    client.force_login(user)
    title = CollectionTitleFactory()

    client.post(
        sk1_changelist_url(),
        {"action": "exclude_from_collection", "_selected_action": [title.pk]},
    )

    title.refresh_from_db()
    assert title.excluded is False
    assert (
        "exclude_from_collection"
        not in client.get(sk1_changelist_url()).content.decode()
    )
