"""Real due date (E1_VENCREA): the due date moved to the branch's next business day."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from finance.calendar import BranchCalendar, receivables_recompute_real_due
from finance.models import Receivable
from tests.factories import BranchFactory, BranchHolidayFactory, ReceivableFactory


def sp_calendar(*branch_holidays: date) -> BranchCalendar:
    return BranchCalendar(state="SP", branch_holidays=branch_holidays)


def test_business_day_is_its_own_real_due_date():
    assert sp_calendar().real_due_date(date(2026, 3, 18)) == date(
        2026, 3, 18
    )  # Wednesday


def test_saturday_moves_to_monday():
    assert sp_calendar().real_due_date(date(2026, 2, 7)) == date(2026, 2, 9)


def test_sunday_moves_to_monday():
    assert sp_calendar().real_due_date(date(2026, 2, 8)) == date(2026, 2, 9)


def test_black_awareness_day_is_a_national_holiday_since_2024():
    # 2026-11-20 is a Friday: Friday holiday, then the weekend.
    assert sp_calendar().real_due_date(date(2026, 11, 20)) == date(2026, 11, 23)
    # In 2023 it was not national (nor a São Paulo state holiday): a plain Monday.
    assert sp_calendar().real_due_date(date(2023, 11, 20)) == date(2023, 11, 20)


def test_tiradentes_moves_to_next_day():
    assert sp_calendar().real_due_date(date(2026, 4, 21)) == date(2026, 4, 22)


def test_good_friday_a_movable_feast_moves_to_monday():
    assert sp_calendar().real_due_date(date(2026, 4, 3)) == date(2026, 4, 6)


def test_sao_paulo_state_holiday_moves_only_sao_paulo_branches():
    # 9 July (Revolução Constitucionalista) is a São Paulo state holiday.
    assert BranchCalendar(state="SP").real_due_date(date(2026, 7, 9)) == date(
        2026, 7, 10
    )
    assert BranchCalendar(state="RJ").real_due_date(date(2026, 7, 9)) == date(
        2026, 7, 9
    )


def test_branch_holiday_before_a_weekend_moves_to_monday():
    calendar = sp_calendar(date(2026, 3, 20))  # a Friday the branch closes

    assert calendar.real_due_date(date(2026, 3, 20)) == date(2026, 3, 23)
    assert calendar.real_due_date(date(2026, 3, 19)) == date(2026, 3, 19)


def test_next_business_day_is_strictly_after():
    assert sp_calendar().next_business_day(date(2026, 3, 18)) == date(2026, 3, 19)
    assert sp_calendar().next_business_day(date(2026, 11, 19)) == date(2026, 11, 23)


def test_unknown_state_falls_back_to_national_holidays(caplog):
    calendar = BranchCalendar(state="XX")

    assert calendar.real_due_date(date(2026, 7, 9)) == date(2026, 7, 9)
    assert calendar.real_due_date(date(2026, 11, 20)) == date(2026, 11, 23)
    assert "Unknown state" in caplog.text


def test_a_calendar_without_business_days_fails_instead_of_looping():
    start = date(2026, 1, 1)
    calendar = sp_calendar(*(start + timedelta(days=n) for n in range(400)))

    with pytest.raises(ValueError, match="Nenhum dia útil"):
        calendar.real_due_date(start)


@pytest.mark.django_db
def test_branch_calendar_loads_branch_holidays_once(django_assert_num_queries):
    # given
    branch = BranchFactory()
    BranchHolidayFactory(branch=branch, date=date(2026, 3, 19))
    BranchHolidayFactory(branch=BranchFactory(code="02"), date=date(2026, 3, 18))

    # when
    with django_assert_num_queries(1):
        calendar = BranchCalendar.for_branch(branch)
    with django_assert_num_queries(0):
        real_due = [
            calendar.real_due_date(date(2026, 3, 1) + timedelta(days=n))
            for n in range(365)
        ]

    # then
    assert calendar.real_due_date(date(2026, 3, 19)) == date(2026, 3, 20)
    assert calendar.real_due_date(date(2026, 3, 18)) == date(2026, 3, 18)
    assert len(real_due) == 365


@pytest.mark.django_db
def test_calendars_of_several_branches_take_one_query(django_assert_num_queries):
    sp = BranchFactory(code="01", state="SP")
    rj = BranchFactory(code="02", state="RJ")
    BranchHolidayFactory(branch=rj, date=date(2026, 3, 18))

    with django_assert_num_queries(1):
        calendars = BranchCalendar.for_branches([sp, rj])

    assert calendars[sp.pk].real_due_date(date(2026, 3, 18)) == date(2026, 3, 18)
    assert calendars[rj.pk].real_due_date(date(2026, 3, 18)) == date(2026, 3, 19)
    assert calendars[sp.pk].real_due_date(date(2026, 7, 9)) == date(2026, 7, 10)
    assert calendars[rj.pk].real_due_date(date(2026, 7, 9)) == date(2026, 7, 9)


@pytest.mark.django_db
def test_recompute_after_a_new_branch_holiday_moves_only_computed_dates():
    # given
    branch = BranchFactory()
    other_branch = BranchFactory(code="02")
    computed = ReceivableFactory(
        branch=branch, due_date=date(2026, 3, 19), real_due_date=date(2026, 3, 19)
    )
    untouched = ReceivableFactory(
        branch=branch, due_date=date(2026, 3, 18), real_due_date=date(2026, 3, 18)
    )
    from_erp = ReceivableFactory(
        branch=branch,
        due_date=date(2026, 3, 19),
        real_due_date=date(2026, 3, 19),
        real_due_date_from_erp=True,
    )
    elsewhere = ReceivableFactory(
        branch=other_branch, due_date=date(2026, 3, 19), real_due_date=date(2026, 3, 19)
    )
    stamps = dict(Receivable.objects.values_list("pk", "updated_at"))
    BranchHolidayFactory(branch=branch, date=date(2026, 3, 19))

    # when
    changed = receivables_recompute_real_due(branch=branch)

    # then
    assert changed == 1
    real_due = dict(Receivable.objects.values_list("pk", "real_due_date"))
    assert real_due == {
        computed.pk: date(2026, 3, 20),
        untouched.pk: date(2026, 3, 18),
        from_erp.pk: date(2026, 3, 19),
        elsewhere.pk: date(2026, 3, 19),
    }
    new_stamps = dict(Receivable.objects.values_list("pk", "updated_at"))
    assert new_stamps[computed.pk] > stamps[computed.pk]
    assert {pk: stamp for pk, stamp in new_stamps.items() if pk != computed.pk} == {
        pk: stamp for pk, stamp in stamps.items() if pk != computed.pk
    }


@pytest.mark.django_db
def test_recompute_after_a_branch_holiday_is_removed_moves_dates_back():
    branch = BranchFactory()
    holiday = BranchHolidayFactory(branch=branch, date=date(2026, 3, 19))
    receivable = ReceivableFactory(
        branch=branch, due_date=date(2026, 3, 19), real_due_date=date(2026, 3, 20)
    )

    holiday.delete()
    changed = receivables_recompute_real_due(branch=branch)

    receivable.refresh_from_db()
    assert changed == 1
    assert receivable.real_due_date == date(2026, 3, 19)


@pytest.mark.django_db
def test_recompute_with_nothing_to_change_writes_nothing():
    branch = BranchFactory()
    ReceivableFactory(
        branch=branch, due_date=date(2026, 2, 7), real_due_date=date(2026, 2, 9)
    )

    with CaptureQueriesContext(connection) as queries:
        changed = receivables_recompute_real_due(branch=branch)

    assert changed == 0
    assert not [
        query for query in queries.captured_queries if query["sql"].startswith("UPDATE")
    ]


@pytest.mark.django_db
def test_recompute_statement_count_does_not_grow_with_the_titles():
    def run_with(titles: int) -> int:
        Receivable.objects.all().delete()
        branch = BranchFactory()
        for _ in range(titles):
            ReceivableFactory(
                branch=branch,
                due_date=date(2026, 3, 19),
                real_due_date=date(2026, 3, 19),
            )
        with CaptureQueriesContext(connection) as queries:
            assert receivables_recompute_real_due(branch=branch) == titles
        return len(queries.captured_queries)

    BranchHolidayFactory(date=date(2026, 3, 19))

    assert run_with(5) == run_with(40)


@pytest.mark.django_db
def test_recompute_is_atomic(monkeypatch):
    branch = BranchFactory()
    BranchHolidayFactory(branch=branch, date=date(2026, 3, 19))
    receivable = ReceivableFactory(
        branch=branch, due_date=date(2026, 3, 19), real_due_date=date(2026, 3, 19)
    )

    def failing_bulk_update(*args, **kwargs):
        Receivable.objects.filter(pk=receivable.pk).update(
            real_due_date=date(2026, 3, 20), updated_at=timezone.now()
        )
        raise RuntimeError("database went away")

    monkeypatch.setattr(Receivable.objects, "bulk_update", failing_bulk_update)
    with pytest.raises(RuntimeError):
        receivables_recompute_real_due(branch=branch)

    receivable.refresh_from_db()
    assert receivable.real_due_date == date(2026, 3, 19)
