"""The demo configuration: branch 01 "Matriz", the band rules 1-30, 31-60
and 61-120 days plus the collection-list rule, and an automatic
negotiation rule, each looked up by its code before being created."""

from decimal import Decimal

from finance.models import Branch
from rules.models import NegotiationRule, SelectionRule

BRANCH = {"code": "01", "name": "Matriz", "state": "SP", "city": "São Paulo"}

# (code, description, order, width in days): bands 1-30, 31-60 and 61-120.
BAND_RULES = (
    ("FX0130", "FAIXA DE 1 A 30 DIAS DE ATRASO", 10, 30),
    ("FX3160", "FAIXA DE 31 A 60 DIAS DE ATRASO", 20, 30),
    ("FX6120", "FAIXA DE 61 A 120 DIAS DE ATRASO", 30, 60),
)
LIST_RULE = ("LISTAS", "REGRA PARA LISTAS DE COBRANÇAS", 40)

NEGOTIATION_RULE = {
    "code": "NEGPAD",
    "description": "NEGOCIAÇÃO PADRÃO (CARGA AUTOMÁTICA)",
    "title_loading": NegotiationRule.TitleLoading.AUTOMATIC,
    "may_alter_titles": True,
    "max_extension_days": 15,
    "max_callback_days": 7,
    "max_nominal_discount_percent": Decimal("5.00"),
    "max_interest_discount_percent": Decimal("50.00"),
    "max_discount_deadline_days": 5,
    "max_surcharge_percent": Decimal("10.00"),
    "max_reduction_percent": Decimal("5.00"),
}


def branch_seed() -> Branch:
    branch, _ = Branch.objects.get_or_create(
        code=BRANCH["code"],
        defaults={key: value for key, value in BRANCH.items() if key != "code"},
    )
    return branch


def selection_rules_seed() -> dict[str, SelectionRule]:
    """The band rules 30/30/60 and the list rule, by code. An existing list
    rule under another code is reused: there can be only one."""
    rules = {}
    for code, description, order, width in BAND_RULES:
        rules[code], _ = SelectionRule.objects.get_or_create(
            code=code,
            defaults={
                "description": description,
                "kind": SelectionRule.Kind.BAND,
                "order": order,
                "width_days": width,
            },
        )
    code, description, order = LIST_RULE
    list_rule = SelectionRule.objects.filter(kind=SelectionRule.Kind.LIST).first()
    if list_rule is None:
        list_rule = SelectionRule.objects.create(
            code=code,
            description=description,
            kind=SelectionRule.Kind.LIST,
            order=order,
        )
    rules[code] = list_rule
    return rules


def negotiation_rule_seed() -> NegotiationRule:
    values = dict(NEGOTIATION_RULE)
    rule, _ = NegotiationRule.objects.get_or_create(
        code=values.pop("code"), defaults=values
    )
    return rule
