"""Attendance groups (SU0) and operators (SU7) in the admin."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from operators.models import Operator
from tests.factories import AttendanceGroupFactory, OperatorFactory, UserFactory

pytestmark = pytest.mark.django_db

OPERATORS_URL = reverse("admin:operators_operator_changelist")


def test_operator_list_shows_code_name_group_profile_and_active(supervisor_client):
    group = AttendanceGroupFactory(code="01", name="Cobrança 1-30")
    OperatorFactory(
        code="000001", name="Ana Souza", group=group, user=UserFactory(username="ana")
    )

    html = supervisor_client.get(OPERATORS_URL).content.decode()

    row = re.search(r"<tr>.*?</tr>", html.split("<tbody>", 1)[1], flags=re.S).group(0)
    texts = [
        re.sub(r"<[^>]+>", "", cell).strip()
        for cell in re.findall(r"<t[hd] class=\"field-.*?</t[hd]>", row, re.S)
    ]
    assert texts[:6] == [
        "000001",
        "Ana Souza",
        "ana",
        "01 - Cobrança 1-30",
        "Telecobrança",
        "Operador",
    ]
    assert (
        'class="field-is_active"><img src="/static/admin/img/icon-yes.svg" alt="True">'
        in row
    )


@pytest.mark.parametrize("rows", [3, 30])
def test_operator_list_does_not_query_per_row(
    supervisor_client, django_assert_num_queries, rows
):
    OperatorFactory.create_batch(rows)

    # session, user, group filter, count, full count, parameters row (app list), rows
    with django_assert_num_queries(7):
        supervisor_client.get(OPERATORS_URL)


def test_operator_is_created_for_an_existing_user(supervisor_client):
    user = UserFactory(username="bruno")
    group = AttendanceGroupFactory()

    response = supervisor_client.post(
        reverse("admin:operators_operator_add"),
        {
            "code": "000009",
            "name": "Bruno Lima",
            "user": user.pk,
            "group": group.pk,
            "attendance_profile": Operator.AttendanceProfile.ALL,
            "role": Operator.Role.OPERATOR,
            "is_active": "on",
            "_save": "Salvar",
        },
    )

    assert response.status_code == 302
    assert Operator.objects.get(code="000009").user == user


def test_user_screen_edits_its_operator_profile(supervisor_client):
    operator = OperatorFactory(code="000003", name="Carla")

    html = supervisor_client.get(
        reverse("admin:auth_user_change", args=[operator.user.pk])
    ).content.decode()

    assert 'name="operator-0-code" value="000003"' in html


def test_user_and_operator_are_created_together(supervisor_client):
    group = AttendanceGroupFactory()

    response = supervisor_client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "daniela",
            "password1": "uma-senha-bem-forte-987",
            "password2": "uma-senha-bem-forte-987",
            "usable_password": "true",
            "operator-TOTAL_FORMS": "1",
            "operator-INITIAL_FORMS": "0",
            "operator-MIN_NUM_FORMS": "0",
            "operator-MAX_NUM_FORMS": "1",
            "operator-0-code": "000010",
            "operator-0-name": "Daniela",
            "operator-0-group": group.pk,
            "operator-0-attendance_profile": Operator.AttendanceProfile.COLLECTIONS,
            "operator-0-role": Operator.Role.OPERATOR,
            "operator-0-is_active": "on",
            "_save": "Salvar",
        },
    )

    assert response.status_code == 302
    user = get_user_model().objects.get(username="daniela")
    assert user.operator.code == "000010"


def test_group_list_says_whether_it_works_collections(supervisor_client):
    AttendanceGroupFactory(code="01")
    AttendanceGroupFactory(code="02", selection_rule=None)

    html = supervisor_client.get(
        reverse("admin:operators_attendancegroup_changelist")
    ).content.decode()

    assert re.findall(
        r'class="field-works_collections_display"><img src="[^"]+" alt="(\w+)">', html
    ) == [
        "True",
        "False",
    ]
