"""factory_boy factories for the domain models, with pt-BR fake data."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from attendance.models import BuildRun
from finance.models import (
    Branch,
    BranchHoliday,
    CollectionTitle,
    Contact,
    Customer,
    Receivable,
)
from operators.models import AttendanceGroup, Operator
from rules.models import NegotiationRule, Promotion, SelectionRule

factory.Faker._DEFAULT_LOCALE = "pt_BR"

DIGITS36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _base36(number: int, *, width: int) -> str:
    digits = ""
    for _ in range(width):
        number, digit = divmod(number, 36)
        digits = DIGITS36[digit] + digits
    return digits


class BranchFactory(DjangoModelFactory):
    class Meta:
        model = Branch
        django_get_or_create = ("code",)

    code = "01"
    name = "Matriz"
    state = "SP"
    city = "São Paulo"


class BranchHolidayFactory(DjangoModelFactory):
    class Meta:
        model = BranchHoliday

    branch = factory.SubFactory(BranchFactory)
    date = date(2026, 1, 25)
    description = "Aniversário da cidade"


class CustomerFactory(DjangoModelFactory):
    class Meta:
        model = Customer

    code = factory.Sequence(lambda n: f"{n + 1:06d}")
    store = "01"
    name = factory.Faker("name")
    person_type = Customer.PersonType.INDIVIDUAL
    state = "SP"
    city = "SAO PAULO"

    @factory.lazy_attribute
    def tax_id(self):
        from faker import Faker

        return "".join(ch for ch in Faker("pt_BR").cpf() if ch.isdigit())


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    customer = factory.SubFactory(CustomerFactory)
    name = factory.Faker("first_name")
    phone_area = "011"
    mobile_phone = "99999-0000"
    is_collection_contact = True


class ReceivableFactory(DjangoModelFactory):
    class Meta:
        model = Receivable

    branch = factory.SubFactory(BranchFactory)
    prefix = "001"
    number = factory.Sequence(lambda n: f"{n + 1:09d}")
    installment = ""
    kind = "NF"
    customer = factory.SubFactory(CustomerFactory)
    customer_code = factory.SelfAttribute("customer.code")
    customer_store = factory.SelfAttribute("customer.store")
    nature = "1101"
    bearer = "341"
    situation = "1"
    issue_date = date(2026, 1, 2)
    due_date = date(2026, 2, 2)
    real_due_date = factory.SelfAttribute("due_date")
    amount = Decimal("100.00")
    balance = factory.SelfAttribute("amount")


class CollectionTitleFactory(DjangoModelFactory):
    """An SK1 row copied from a receivable, as title selection writes it."""

    class Meta:
        model = CollectionTitle

    receivable = factory.SubFactory(ReceivableFactory)
    branch = factory.SelfAttribute("receivable.branch")
    prefix = factory.SelfAttribute("receivable.prefix")
    number = factory.SelfAttribute("receivable.number")
    installment = factory.SelfAttribute("receivable.installment")
    kind = factory.SelfAttribute("receivable.kind")
    customer = factory.SelfAttribute("receivable.customer")
    nature = factory.SelfAttribute("receivable.nature")
    bearer = factory.SelfAttribute("receivable.bearer")
    situation = factory.SelfAttribute("receivable.situation")
    due_date = factory.SelfAttribute("receivable.due_date")
    real_due_date = factory.SelfAttribute("receivable.real_due_date")
    balance = factory.SelfAttribute("receivable.balance")


class SelectionRuleFactory(DjangoModelFactory):
    class Meta:
        model = SelectionRule

    code = factory.Sequence(lambda n: f"R{n + 1:05d}")
    description = factory.LazyAttribute(lambda rule: f"Faixa {rule.code}")
    kind = SelectionRule.Kind.BAND
    order = factory.Sequence(lambda n: (n + 1) * 10)
    width_days = 30


class NegotiationRuleFactory(DjangoModelFactory):
    class Meta:
        model = NegotiationRule

    code = factory.Sequence(lambda n: f"N{n + 1:05d}")
    description = "Negociação padrão"
    title_loading = NegotiationRule.TitleLoading.AUTOMATIC
    max_extension_days = 10
    max_callback_days = 5
    max_nominal_discount_percent = Decimal("5.00")
    max_interest_discount_percent = Decimal("50.00")


class PromotionFactory(DjangoModelFactory):
    class Meta:
        model = Promotion

    code = factory.Sequence(lambda n: f"P{n + 1:05d}")
    description = "Promoção"
    starts_on = date(2026, 12, 1)
    ends_on = date(2026, 12, 31)
    due_from = date(2026, 1, 1)
    due_to = date(2026, 6, 30)
    nominal_discount_percent = Decimal("10.00")
    interest_discount_percent = Decimal("100.00")


class AttendanceGroupFactory(DjangoModelFactory):
    class Meta:
        model = AttendanceGroup

    # U0_CODIGO holds two characters: count in base 36 from "A0", so a long
    # test session neither outgrows it (PostgreSQL refuses a third character)
    # nor meets the numeric codes tests give their own groups ("04").
    code = factory.Sequence(lambda n: _base36(360 + n, width=2))
    name = factory.LazyAttribute(lambda group: f"Grupo {group.code}")
    selection_rule = factory.SubFactory(SelectionRuleFactory)
    negotiation_rule = factory.SubFactory(NegotiationRuleFactory)
    call_direction = AttendanceGroup.CallDirection.BOTH


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"usuario{n + 1}")
    first_name = factory.Faker("first_name")
    password = factory.django.Password("senha-de-teste-123")


class OperatorFactory(DjangoModelFactory):
    class Meta:
        model = Operator

    code = factory.Sequence(lambda n: f"{n + 1:06d}")
    user = factory.SubFactory(UserFactory)
    name = factory.Faker("name")
    group = factory.SubFactory(AttendanceGroupFactory)
    attendance_profile = Operator.AttendanceProfile.COLLECTIONS


class BuildRunFactory(DjangoModelFactory):
    class Meta:
        model = BuildRun

    job = BuildRun.Job.BANDS
    reference_date = date(2026, 12, 4)
