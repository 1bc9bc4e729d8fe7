"""Permission boundaries of the supervisor's admin screens: every one is
crossed here and refused."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from finance.models import Parameters
from rules.models import SelectionRule
from tests.factories import SelectionRuleFactory

pytestmark = pytest.mark.django_db

PARAMETERS_LIST = reverse("admin:finance_parameters_changelist")
PARAMETERS_ROW = reverse("admin:finance_parameters_change", args=[1])
RULES_LIST = reverse("admin:rules_selectionrule_changelist")
RULE_ADD = reverse("admin:rules_selectionrule_add")


def login_url(next_url: str) -> str:
    return f"{reverse('admin:login')}?next={next_url}"


@pytest.fixture
def rule():
    return SelectionRuleFactory(
        code="FX0130", description="Até 30", order=10, width_days=30
    )


def rule_post(**overrides) -> dict:
    data = {
        "code": "FX0130",
        "description": "Mudada",
        "kind": "band",
        "order": "10",
        "width_days": "45",
    }
    data.update(overrides)
    return data


def parameters_post() -> dict:
    return {
        "selectable_types": "NF",
        "fine_percent": "9.00",
        "monthly_interest_percent": "1.00",
        "list_capacity_per_operator": "40",
    }


def staff_client(client, django_user_model, *codenames, is_staff=True):
    user = django_user_model.objects.create_user(
        "pessoa", password="x", is_staff=is_staff
    )
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return client


# Anonymous: to the login page, nothing written


@pytest.mark.parametrize("url_name", ["changelist", "add"])
def test_anonymous_is_sent_to_login_from_selection_rules(client, url_name):
    url = reverse(f"admin:rules_selectionrule_{url_name}")

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == login_url(url)


def test_anonymous_post_changes_no_selection_rule(client, rule):
    url = reverse("admin:rules_selectionrule_change", args=[rule.pk])

    response = client.post(url, rule_post())

    assert response["Location"] == login_url(url)
    rule.refresh_from_db()
    assert (rule.description, rule.width_days) == ("Até 30", 30)


def test_anonymous_is_sent_to_login_from_parameters_and_no_row_is_created(client):
    response = client.get(PARAMETERS_LIST)

    assert response["Location"] == login_url(PARAMETERS_LIST)
    assert not Parameters.objects.exists()


def test_logged_in_non_staff_is_sent_to_login(client, django_user_model, rule):
    client = staff_client(
        client, django_user_model, "change_selectionrule", is_staff=False
    )

    response = client.get(RULES_LIST)

    assert response["Location"] == login_url(RULES_LIST)


# Staff without model permissions: 403


def test_staff_without_permissions_cannot_see_or_change_selection_rules(
    client, django_user_model, rule
):
    client = staff_client(client, django_user_model)
    change_url = reverse("admin:rules_selectionrule_change", args=[rule.pk])

    assert client.get(RULES_LIST).status_code == 403
    assert client.get(RULE_ADD).status_code == 403
    assert client.get(change_url).status_code == 403
    assert client.post(change_url, rule_post()).status_code == 403
    assert client.post(RULE_ADD, rule_post(code="NOVA", order="20")).status_code == 403
    rule.refresh_from_db()
    assert (rule.description, rule.width_days) == ("Até 30", 30)
    assert SelectionRule.objects.count() == 1


def test_staff_who_may_only_view_selection_rules_cannot_change_them(
    client, django_user_model, rule
):
    client = staff_client(client, django_user_model, "view_selectionrule")
    change_url = reverse("admin:rules_selectionrule_change", args=[rule.pk])

    assert client.get(change_url).status_code == 200
    assert client.post(change_url, rule_post()).status_code == 403
    assert client.post(RULE_ADD, rule_post(code="NOVA", order="20")).status_code == 403
    rule.refresh_from_db()
    assert rule.width_days == 30


def test_staff_with_change_permission_changes_a_selection_rule(
    client, django_user_model, rule
):
    client = staff_client(
        client, django_user_model, "view_selectionrule", "change_selectionrule"
    )

    response = client.post(
        reverse("admin:rules_selectionrule_change", args=[rule.pk]), rule_post()
    )

    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.width_days == 45


def test_staff_without_permissions_cannot_open_or_change_parameters(
    client, django_user_model
):
    client = staff_client(client, django_user_model)

    assert client.get(PARAMETERS_LIST).status_code == 403
    assert not Parameters.objects.exists()
    Parameters.current()
    assert client.get(PARAMETERS_ROW).status_code == 403
    assert client.post(PARAMETERS_ROW, parameters_post()).status_code == 403
    assert Parameters.current().fine_percent == 2


def test_staff_who_may_only_view_parameters_cannot_change_them(
    client, django_user_model
):
    client = staff_client(client, django_user_model, "view_parameters")

    assert client.get(PARAMETERS_LIST)["Location"] == PARAMETERS_ROW
    assert client.get(PARAMETERS_ROW).status_code == 200
    assert client.post(PARAMETERS_ROW, parameters_post()).status_code == 403
    assert Parameters.current().fine_percent == 2


def test_staff_with_change_permission_changes_parameters(client, django_user_model):
    client = staff_client(
        client, django_user_model, "view_parameters", "change_parameters"
    )
    Parameters.current()

    response = client.post(PARAMETERS_ROW, parameters_post())

    assert response.status_code == 302
    assert Parameters.current().fine_percent == 9


def test_staff_with_add_permission_cannot_add_a_second_parameters_row(
    client, django_user_model
):
    client = staff_client(
        client, django_user_model, "add_parameters", "change_parameters"
    )
    Parameters.current()

    assert client.get(reverse("admin:finance_parameters_add")).status_code == 403
    assert Parameters.objects.count() == 1
