"""Finance admin: branch calendars, customers, SE1, payments, SK1 and the
parameters row, as a supervisor uses them."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from finance.admin import tax_id_masked
from finance.formatting import brl, integer_br
from finance.models import BranchHoliday, CollectionTitle, Parameters
from tests.factories import (
    BranchFactory,
    BranchHolidayFactory,
    CollectionTitleFactory,
    CustomerFactory,
    OperatorFactory,
    ReceivableFactory,
)

pytestmark = pytest.mark.django_db

# A Tuesday with no national or São Paulo state holiday: a supervisor makes
# it a city holiday, and titles due that day move to Wednesday.
CITY_HOLIDAY = date(2026, 3, 10)
NEXT_DAY = date(2026, 3, 11)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def recompute_calls(monkeypatch):
    """Spy on finance.calendar.receivables_recompute_real_due (branch codes)."""
    import finance.calendar

    calls = []

    def spy(*, branch):
        calls.append(branch.code)
        return 0

    monkeypatch.setattr(finance.calendar, "receivables_recompute_real_due", spy)
    return calls


def branch_post(branch, *, holidays=(), initial=0, **overrides) -> dict:
    data = {
        "code": branch.code,
        "name": branch.name,
        "state": branch.state,
        "city": branch.city,
        "holidays-TOTAL_FORMS": str(len(holidays)),
        "holidays-INITIAL_FORMS": str(initial),
        "holidays-MIN_NUM_FORMS": "0",
        "holidays-MAX_NUM_FORMS": "1000",
        "_save": "Salvar",
    }
    for index, holiday in enumerate(holidays):
        for key, value in holiday.items():
            data[f"holidays-{index}-{key}"] = value
        data[f"holidays-{index}-branch"] = str(branch.pk)
    data.update(overrides)
    return data


# Money and counts in pt-BR


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("1234.56"), "R$ 1.234,56"),
        (Decimal("0.005"), "R$ 0,01"),
        ("1000000", "R$ 1.000.000,00"),
        (Decimal("-12.5"), "-R$ 12,50"),
    ],
)
def test_money_is_shown_in_reais(value, shown):
    assert brl(value) == shown


def test_counts_use_the_dot_as_thousands_separator():
    assert integer_br(1234567) == "1.234.567"


# Branch calendar: holidays move real due dates


def test_holiday_added_inline_moves_computed_real_due_dates_and_keeps_the_erp_ones(
    supervisor_client,
):
    # given
    branch = BranchFactory()
    computed = ReceivableFactory(
        branch=branch, due_date=CITY_HOLIDAY, real_due_date=CITY_HOLIDAY
    )
    from_erp = ReceivableFactory(
        branch=branch,
        due_date=CITY_HOLIDAY,
        real_due_date=CITY_HOLIDAY,
        real_due_date_from_erp=True,
    )

    # when
    response = supervisor_client.post(
        reverse("admin:finance_branch_change", args=[branch.pk]),
        branch_post(
            branch,
            holidays=[{"date": "10/03/2026", "description": "Aniversário da cidade"}],
        ),
    )

    # then
    assert response.status_code == 302
    computed.refresh_from_db()
    from_erp.refresh_from_db()
    assert (computed.real_due_date, from_erp.real_due_date) == (NEXT_DAY, CITY_HOLIDAY)
    assert "Filial 01: 1 título com vencimento real recalculado." in messages_of(
        response
    )


def test_holiday_deleted_inline_moves_the_date_back(supervisor_client):
    branch = BranchFactory()
    holiday = BranchHolidayFactory(branch=branch, date=CITY_HOLIDAY)
    receivable = ReceivableFactory(
        branch=branch, due_date=CITY_HOLIDAY, real_due_date=NEXT_DAY
    )

    response = supervisor_client.post(
        reverse("admin:finance_branch_change", args=[branch.pk]),
        branch_post(
            branch,
            initial=1,
            holidays=[
                {
                    "id": str(holiday.pk),
                    "date": "10/03/2026",
                    "description": holiday.description,
                    "DELETE": "on",
                }
            ],
        ),
    )

    assert response.status_code == 302
    receivable.refresh_from_db()
    assert receivable.real_due_date == CITY_HOLIDAY
    assert not BranchHoliday.objects.exists()


def test_branch_saved_without_calendar_change_recomputes_nothing(
    supervisor_client, recompute_calls
):
    branch = BranchFactory()

    response = supervisor_client.post(
        reverse("admin:finance_branch_change", args=[branch.pk]),
        branch_post(branch, name="Matriz SP"),
    )

    assert response.status_code == 302
    assert recompute_calls == []


def test_branch_state_change_recomputes_its_titles(supervisor_client, recompute_calls):
    branch = BranchFactory()

    supervisor_client.post(
        reverse("admin:finance_branch_change", args=[branch.pk]),
        branch_post(branch, state="RJ"),
    )

    assert recompute_calls == ["01"]


def test_holiday_added_on_its_own_screen_moves_real_due_dates(supervisor_client):
    branch = BranchFactory()
    receivable = ReceivableFactory(
        branch=branch, due_date=CITY_HOLIDAY, real_due_date=CITY_HOLIDAY
    )

    response = supervisor_client.post(
        reverse("admin:finance_branchholiday_add"),
        {
            "branch": branch.pk,
            "date": "10/03/2026",
            "description": "Dia da empresa",
            "_save": "Salvar",
        },
    )

    assert response.status_code == 302
    receivable.refresh_from_db()
    assert receivable.real_due_date == NEXT_DAY


def test_holiday_moved_to_another_branch_recomputes_both(
    supervisor_client, recompute_calls
):
    matriz = BranchFactory()
    filial = BranchFactory(code="02", name="Filial RJ", state="RJ")
    holiday = BranchHolidayFactory(branch=matriz, date=CITY_HOLIDAY)

    supervisor_client.post(
        reverse("admin:finance_branchholiday_change", args=[holiday.pk]),
        {
            "branch": filial.pk,
            "date": "10/03/2026",
            "description": holiday.description,
            "_save": "Salvar",
        },
    )

    assert recompute_calls == ["01", "02"]


def test_holiday_deleted_on_its_own_screen_recomputes(
    supervisor_client, recompute_calls
):
    holiday = BranchHolidayFactory(branch=BranchFactory(), date=CITY_HOLIDAY)

    response = supervisor_client.post(
        reverse("admin:finance_branchholiday_delete", args=[holiday.pk]),
        {"post": "yes"},
    )

    assert response.status_code == 302
    assert recompute_calls == ["01"]


def test_holidays_deleted_in_bulk_recompute_each_branch_once(
    supervisor_client, recompute_calls
):
    matriz = BranchFactory()
    filial = BranchFactory(code="02", name="Filial RJ", state="RJ")
    holidays = [
        BranchHolidayFactory(branch=matriz, date=date(2026, 3, 10)),
        BranchHolidayFactory(branch=matriz, date=date(2026, 3, 12)),
        BranchHolidayFactory(branch=filial, date=date(2026, 3, 10)),
    ]

    supervisor_client.post(
        reverse("admin:finance_branchholiday_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [h.pk for h in holidays],
            "post": "yes",
        },
    )

    assert recompute_calls == ["01", "02"]
    assert not BranchHoliday.objects.exists()


# Customers: the tax id is masked in lists, whole on the detail page


@pytest.mark.parametrize(
    ("tax_id", "masked"),
    [
        ("12345678901", "***.456.789-**"),
        ("12345678000195", "12.345.678/****-**"),
        ("", ""),
        ("ABC123", "****23"),
    ],
)
def test_tax_id_mask(tax_id, masked):
    assert tax_id_masked(tax_id) == masked


def test_customer_list_masks_the_cpf_and_the_detail_shows_it_whole(supervisor_client):
    customer = CustomerFactory(tax_id="12345678901")

    listing = supervisor_client.get(
        reverse("admin:finance_customer_changelist")
    ).content.decode()
    detail = supervisor_client.get(
        reverse("admin:finance_customer_change", args=[customer.pk])
    ).content.decode()

    assert '<td class="field-tax_id_display">***.456.789-**</td>' in listing
    assert "12345678901" not in listing
    assert 'name="tax_id" value="12345678901"' in detail


def test_customer_is_found_by_its_whole_tax_id(supervisor_client):
    wanted = CustomerFactory(tax_id="12345678901")
    CustomerFactory(tax_id="98765432100")

    response = supervisor_client.get(
        reverse("admin:finance_customer_changelist"), {"q": "12345678901"}
    )

    assert list(response.context["cl"].result_list) == [wanted]


# SE1 and payments come from the ERP: read-only


def test_receivables_are_searched_by_number_and_customer_code(supervisor_client):
    by_number = ReceivableFactory(number="000012345")
    by_customer = ReceivableFactory(customer=CustomerFactory(code="C00042"))
    url = reverse("admin:finance_receivable_changelist")

    assert list(
        supervisor_client.get(url, {"q": "000012345"}).context["cl"].result_list
    ) == [by_number]
    assert list(
        supervisor_client.get(url, {"q": "C00042"}).context["cl"].result_list
    ) == [by_customer]


def test_receivable_number_is_found_without_its_leading_zeros_within_the_filters(
    supervisor_client,
):
    filial = BranchFactory(code="02", name="Filial RJ", state="RJ")
    wanted = ReceivableFactory(branch=filial, number="000012345")
    ReceivableFactory(number="000012345")
    ReceivableFactory(number="000123450")

    response = supervisor_client.get(
        reverse("admin:finance_receivable_changelist"),
        {"q": "12345", "branch__id__exact": filial.pk},
    )

    assert list(response.context["cl"].result_list) == [wanted]


def test_sk1_title_is_found_by_customer_code_without_leading_zeros(supervisor_client):
    wanted = CollectionTitleFactory(receivable__customer=CustomerFactory(code="000042"))
    CollectionTitleFactory(receivable__customer=CustomerFactory(code="000420"))

    response = supervisor_client.get(sk1_changelist_url(), {"q": "42"})

    assert list(response.context["cl"].result_list) == [wanted]


def test_receivables_are_filtered_by_branch_and_kind(supervisor_client):
    filial = BranchFactory(code="02", name="Filial RJ", state="RJ")
    wanted = ReceivableFactory(branch=filial, kind="DP")
    ReceivableFactory(branch=filial, kind="NF")
    ReceivableFactory(kind="DP")

    response = supervisor_client.get(
        reverse("admin:finance_receivable_changelist"),
        {"branch__id__exact": filial.pk, "kind": "DP"},
    )

    assert list(response.context["cl"].result_list) == [wanted]


def test_receivable_cannot_be_added_changed_or_deleted_in_the_admin(supervisor_client):
    receivable = ReceivableFactory()
    change_url = reverse("admin:finance_receivable_change", args=[receivable.pk])

    assert (
        supervisor_client.get(reverse("admin:finance_receivable_add")).status_code
        == 403
    )
    assert (
        supervisor_client.get(
            reverse("admin:finance_receivable_delete", args=[receivable.pk])
        ).status_code
        == 403
    )
    detail = supervisor_client.get(change_url)
    assert detail.status_code == 200
    assert 'name="balance"' not in detail.content.decode()
    response = supervisor_client.post(change_url, {"balance": "0.00", "number": "X"})
    assert response.status_code == 403
    receivable.refresh_from_db()
    assert receivable.balance == Decimal("100.00")


def test_payment_list_shows_branch_and_value(supervisor_client):
    receivable = ReceivableFactory()
    receivable.payments.create(date=date(2026, 2, 10), amount=Decimal("1234.50"))

    html = supervisor_client.get(
        reverse("admin:finance_payment_changelist")
    ).content.decode()

    assert '<td class="field-receivable_branch">01</td>' in html
    assert '<td class="field-amount_display">R$ 1.234,50</td>' in html
    assert (
        supervisor_client.get(reverse("admin:finance_payment_add")).status_code == 403
    )


# SK1: owner and exclusion only


def sk1_changelist_url():
    return reverse("admin:finance_collectiontitle_changelist")


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


# Parameters: one row


def test_parameters_list_goes_to_the_single_row(supervisor_client):
    response = supervisor_client.get(reverse("admin:finance_parameters_changelist"))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:finance_parameters_change", args=[1])
    assert Parameters.objects.count() == 1


def test_parameters_cannot_be_added_when_the_row_exists_nor_deleted(supervisor_client):
    Parameters.current()

    assert (
        supervisor_client.get(reverse("admin:finance_parameters_add")).status_code
        == 403
    )
    assert (
        supervisor_client.get(
            reverse("admin:finance_parameters_delete", args=[1])
        ).status_code
        == 403
    )


def test_parameters_can_be_added_before_the_row_exists(supervisor_client):
    assert (
        supervisor_client.get(reverse("admin:finance_parameters_add")).status_code
        == 200
    )


def test_parameters_change_form_shows_protheus_names_and_saves(supervisor_client):
    Parameters.current()
    url = reverse("admin:finance_parameters_change", args=[1])

    html = supervisor_client.get(url).content.decode()
    response = supervisor_client.post(
        url,
        {
            "selectable_types": "NF,DP",
            "largest_balance_first": "on",
            "auto_close_code": "000001",
            "auto_close_text": "Pago",
            "fine_percent": "2.00",
            "monthly_interest_percent": "1.00",
            "list_capacity_per_operator": "25",
            "_save": "Salvar",
        },
    )

    for name in (
        "MV_TMKCOBR",
        "MV_TMKSELV",
        "MV_TMKREGF",
        "MV_TMKTLCT",
        "MV_TMKENC",
        "MV_TMKMEMO",
        "MV_TMKSK1",
    ):
        assert name in html
    assert response.status_code == 302
    parameters = Parameters.current()
    assert (
        parameters.selectable_types,
        parameters.largest_balance_first,
        parameters.list_capacity_per_operator,
    ) == (
        "NF,DP",
        True,
        25,
    )


def test_receivable_detail_lists_its_payments(supervisor_client):
    receivable = ReceivableFactory()
    receivable.payments.create(date=date(2026, 2, 10), amount=Decimal("40.00"))

    html = supervisor_client.get(
        reverse("admin:finance_receivable_change", args=[receivable.pk])
    ).content.decode()

    assert "<p>10 de Fevereiro de 2026</p>" in html
    assert "<p>R$ 40,00</p>" in html
