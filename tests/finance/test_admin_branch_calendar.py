"""Finance admin, branch calendars: holidays a supervisor adds, moves or
deletes move the computed real due dates of the branch's titles."""

from datetime import date

import pytest
from django.urls import reverse

from finance.models import BranchHoliday
from tests.factories import BranchFactory, BranchHolidayFactory, ReceivableFactory
from tests.finance.admin_pages import messages_of

pytestmark = pytest.mark.django_db

# A Tuesday with no national or São Paulo state holiday: a supervisor makes
# it a city holiday, and titles due that day move to Wednesday.
CITY_HOLIDAY = date(2026, 3, 10)
NEXT_DAY = date(2026, 3, 11)


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
