"""The demo people: a supervisor, one attendance group per selection rule
and two operators in each, all with the fixed demo password."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from operators.models import AttendanceGroup, Operator
from rules.models import NegotiationRule, SelectionRule

from .configuration import LIST_RULE

# Demo-only credentials, printed by `seed_demo`; never use them on a server
# that anybody else can reach.
DEMO_PASSWORD = "cobranca-demo"
SUPERVISOR_USERNAME = "supervisor"

# (group code, group name, selection rule code, call direction): one group
# per selection rule; the list group only calls out (the agenda).
GROUPS = (
    ("01", "COBRANÇA 1 A 30 DIAS", "FX0130", AttendanceGroup.CallDirection.BOTH),
    ("02", "COBRANÇA 31 A 60 DIAS", "FX3160", AttendanceGroup.CallDirection.BOTH),
    ("03", "COBRANÇA 61 A 120 DIAS", "FX6120", AttendanceGroup.CallDirection.BOTH),
    ("04", "LISTAS DE COBRANÇA", LIST_RULE[0], AttendanceGroup.CallDirection.ACTIVE),
)
OPERATORS_PER_GROUP = 2
OPERATOR_NAMES = (
    ("Ana", "Souza"),
    ("Bruno", "Lima"),
    ("Carla", "Pereira"),
    ("Diego", "Almeida"),
    ("Elaine", "Costa"),
    ("Fábio", "Ribeiro"),
    ("Gabriela", "Martins"),
    ("Henrique", "Carvalho"),
)


@dataclass(frozen=True)
class Login:
    """A demo user and the password to print (None when the user already
    existed: its password was left alone)."""

    username: str
    password: str | None
    description: str


def people_seed(
    *, rules: dict[str, SelectionRule], negotiation_rule: NegotiationRule
) -> list[Login]:
    """The supervisor, the groups and two operators per group.

    The supervisor is a Django superuser (the admin is where rules, groups
    and parameters are configured) with an operator profile of role
    Supervisor and attendance profile "Todos", in no group, so it never
    receives collection lists itself.
    """
    # One hash for the shared demo password: hashing is slow on purpose.
    password_hash = make_password(DEMO_PASSWORD)
    supervisor_user, created = _user_seed(
        username=SUPERVISOR_USERNAME,
        first_name="Sofia",
        last_name="Supervisora",
        password_hash=password_hash,
        is_staff=True,
        is_superuser=True,
    )
    Operator.objects.get_or_create(
        user=supervisor_user,
        defaults={
            "code": "DEMOSU",
            "name": "SOFIA SUPERVISORA",
            "role": Operator.Role.SUPERVISOR,
            "attendance_profile": Operator.AttendanceProfile.ALL,
        },
    )
    logins = [
        Login(
            username=SUPERVISOR_USERNAME,
            password=DEMO_PASSWORD if created else None,
            description="supervisor (superusuário; administração em /admin/)",
        )
    ]

    names = iter(OPERATOR_NAMES)
    number = 0
    for group_code, group_name, rule_code, direction in GROUPS:
        group, _ = AttendanceGroup.objects.get_or_create(
            code=group_code,
            defaults={
                "name": group_name,
                "selection_rule": rules[rule_code],
                "negotiation_rule": negotiation_rule,
                "call_direction": direction,
            },
        )
        for _ in range(OPERATORS_PER_GROUP):
            number += 1
            first_name, last_name = next(names)
            username = f"operador{number:02d}"
            user, created = _user_seed(
                username=username,
                first_name=first_name,
                last_name=last_name,
                password_hash=password_hash,
            )
            Operator.objects.get_or_create(
                user=user,
                defaults={
                    "code": f"DEMO{number:02d}",
                    "name": f"{first_name} {last_name}".upper(),
                    "group": group,
                    "attendance_profile": Operator.AttendanceProfile.COLLECTIONS,
                    "role": Operator.Role.OPERATOR,
                },
            )
            logins.append(
                Login(
                    username=username,
                    password=DEMO_PASSWORD if created else None,
                    description=f"operador do grupo {group.code} - {group.name}",
                )
            )
    return logins


def _user_seed(*, username: str, password_hash: str, **fields) -> tuple:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username, defaults=fields)
    if created:
        user.password = password_hash
        user.save(update_fields=["password"])
    return user, created
