"""Branches, customers, receivables (SE1), payments, the SK1 mirror and the
runtime parameters (MV_TMK*)."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from .formatting import brl
from .validators import percent_validators

# A title type as E1_TIPO holds it: NF, DP, BOL, or an abatement such as AB-.
SELECTABLE_TYPE = re.compile(r"[A-Z0-9]{1,3}|[A-Z0-9]{1,2}-")


class Branch(models.Model):
    """A company branch (filial, `E1_FILIAL`); its calendar moves due dates."""

    code = models.CharField(
        "filial", max_length=2, unique=True, help_text="E1_FILIAL / A1_FILIAL"
    )
    name = models.CharField("nome", max_length=60)
    state = models.CharField(
        "UF", max_length=2, help_text="Estado cujos feriados valem para a filial."
    )
    city = models.CharField("município", max_length=60, blank=True)

    class Meta:
        verbose_name = "filial"
        verbose_name_plural = "filiais"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} - {self.name}"


class BranchHoliday(models.Model):
    """A holiday a supervisor adds for one branch (city anniversary, company
    day) on top of the national and state holidays."""

    branch = models.ForeignKey(
        Branch, on_delete=models.CASCADE, related_name="holidays", verbose_name="filial"
    )
    date = models.DateField("data")
    description = models.CharField("descrição", max_length=60)

    class Meta:
        verbose_name = "feriado da filial"
        verbose_name_plural = "feriados da filial"
        ordering = ["branch", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "date"], name="branch_holiday_unique_date"
            ),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.description}"


class Customer(models.Model):
    """A customer (SA1), keyed by code and store (A1_COD + A1_LOJA)."""

    class PersonType(models.TextChoices):
        INDIVIDUAL = "F", "Física"
        COMPANY = "J", "Jurídica"

    code = models.CharField("código", max_length=6, help_text="A1_COD")
    store = models.CharField("loja", max_length=2, help_text="A1_LOJA")
    name = models.CharField("nome", max_length=40, help_text="A1_NOME")
    short_name = models.CharField(
        "nome reduzido", max_length=20, blank=True, help_text="A1_NREDUZ"
    )
    person_type = models.CharField(
        "tipo de pessoa",
        max_length=1,
        choices=PersonType.choices,
        blank=True,
        help_text="A1_PESSOA",
    )
    tax_id = models.CharField(
        "CPF/CNPJ", max_length=14, blank=True, help_text="A1_CGC, só dígitos"
    )
    state = models.CharField("UF", max_length=2, blank=True, help_text="A1_EST")
    city = models.CharField("município", max_length=25, blank=True, help_text="A1_MUN")
    phone_area = models.CharField("DDD", max_length=3, blank=True, help_text="A1_DDD")
    phone = models.CharField("telefone", max_length=15, blank=True, help_text="A1_TEL")
    email = models.CharField("e-mail", max_length=100, blank=True, help_text="A1_EMAIL")
    created_at = models.DateTimeField("criado em", auto_now_add=True)
    updated_at = models.DateTimeField("alterado em", auto_now=True)

    class Meta:
        verbose_name = "cliente (SA1)"
        verbose_name_plural = "clientes (SA1)"
        ordering = ["code", "store"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "store"], name="customer_unique_code_store"
            ),
        ]

    def __str__(self):
        return f"{self.code}/{self.store} {self.name}"


class Contact(models.Model):
    """A person to call at a customer (SU5 linked through AC8)."""

    customer = models.ForeignKey(
        Customer,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name="cliente",
    )
    name = models.CharField("nome", max_length=40, help_text="U5_CONTAT")
    phone_area = models.CharField("DDD", max_length=3, blank=True, help_text="U5_DDD")
    home_phone = models.CharField(
        "telefone residencial", max_length=15, blank=True, help_text="U5_FONE"
    )
    mobile_phone = models.CharField(
        "celular", max_length=15, blank=True, help_text="U5_CELULAR"
    )
    business_phone = models.CharField(
        "telefone comercial", max_length=15, blank=True, help_text="U5_FCOM1"
    )
    email = models.CharField("e-mail", max_length=100, blank=True, help_text="U5_EMAIL")
    is_collection_contact = models.BooleanField(
        "contato de cobrança",
        default=False,
        help_text="U5_TIPO = 3: preferido para ligações de cobrança.",
    )

    class Meta:
        verbose_name = "contato (SU5)"
        verbose_name_plural = "contatos (SU5)"
        ordering = ["customer", "-is_collection_contact", "name"]

    def __str__(self):
        return self.name


class Receivable(models.Model):
    """A receivable installment (título a receber, SE1), as the ERP sent it.

    Key: branch + prefix + number + installment + type (SE1 index 1).
    """

    branch = models.ForeignKey(
        Branch,
        on_delete=models.PROTECT,
        db_index=False,
        verbose_name="filial",
        help_text="E1_FILIAL (as buscas por filial usam a chave única, que começa por ela)",
    )
    prefix = models.CharField(
        "prefixo", max_length=3, blank=True, help_text="E1_PREFIXO"
    )
    number = models.CharField("número", max_length=9, help_text="E1_NUM")
    installment = models.CharField(
        "parcela", max_length=2, blank=True, help_text="E1_PARCELA"
    )
    kind = models.CharField(
        "tipo",
        max_length=3,
        help_text="E1_TIPO (NF, DP, BOL…; PR, RA, NCC e tipos com '-')",
    )
    customer_code = models.CharField(
        "código do cliente", max_length=6, help_text="E1_CLIENTE"
    )
    customer_store = models.CharField(
        "loja do cliente", max_length=2, help_text="E1_LOJA"
    )
    customer_name = models.CharField(
        "nome reduzido do cliente", max_length=20, blank=True, help_text="E1_NOMCLI"
    )
    customer = models.ForeignKey(
        Customer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="receivables",
        verbose_name="cliente",
        help_text="O cliente (SA1) de E1_CLIENTE + E1_LOJA; vazio enquanto o ERP não enviou o cliente, "
        "e então o título não entra em cobrança.",
    )
    nature = models.CharField(
        "natureza", max_length=10, blank=True, help_text="E1_NATUREZ"
    )
    bearer = models.CharField(
        "portador", max_length=3, blank=True, help_text="E1_PORTADO"
    )
    situation = models.CharField(
        "situação de cobrança", max_length=1, blank=True, help_text="E1_SITUACA"
    )
    issue_date = models.DateField(
        "emissão", null=True, blank=True, help_text="E1_EMISSAO"
    )
    due_date = models.DateField("vencimento", help_text="E1_VENCTO")
    real_due_date = models.DateField(
        "vencimento real",
        help_text="E1_VENCREA: vencimento levado ao próximo dia útil da filial.",
    )
    real_due_date_from_erp = models.BooleanField(
        "vencimento real enviado pelo ERP",
        default=False,
        help_text="Falso quando o vencimento real foi calculado pelo calendário da filial.",
    )
    amount = models.DecimalField(
        "valor", max_digits=16, decimal_places=2, help_text="E1_VALOR"
    )
    balance = models.DecimalField(
        "saldo",
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="E1_SALDO: zero quando quitado.",
    )
    last_payment_date = models.DateField(
        "última baixa", null=True, blank=True, help_text="E1_BAIXA"
    )
    daily_interest_amount = models.DecimalField(
        "taxa de permanência",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="E1_VALJUR (valor por dia)",
    )
    daily_interest_rate = models.DecimalField(
        "juros diários (%)",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="E1_PORCJUR",
    )
    currency = models.PositiveSmallIntegerField(
        "moeda", default=1, help_text="E1_MOEDA"
    )
    history = models.CharField(
        "histórico", max_length=40, blank=True, help_text="E1_HIST"
    )
    created_at = models.DateTimeField("criado em", auto_now_add=True)
    updated_at = models.DateTimeField("alterado em", auto_now=True)

    class Meta:
        verbose_name = "título a receber (SE1)"
        verbose_name_plural = "títulos a receber (SE1)"
        ordering = ["branch", "prefix", "number", "installment", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "prefix", "number", "installment", "kind"],
                name="receivable_unique_key",
            ),
            models.CheckConstraint(
                condition=Q(balance__gte=0), name="receivable_balance_not_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["real_due_date"], name="receivable_real_due_idx"),
            models.Index(
                fields=["customer_code", "customer_store"],
                name="receivable_customer_key_idx",
            ),
        ]

    def __str__(self):
        return f"{self.prefix}/{self.number}-{self.installment} {self.kind}"


class Payment(models.Model):
    """A write-off (baixa) the ERP reported against a receivable."""

    receivable = models.ForeignKey(
        Receivable,
        on_delete=models.CASCADE,
        related_name="payments",
        verbose_name="título",
    )
    date = models.DateField("data da baixa")
    amount = models.DecimalField(
        "valor",
        max_digits=16,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    created_at = models.DateTimeField("registrado em", auto_now_add=True)

    class Meta:
        verbose_name = "baixa"
        verbose_name_plural = "baixas"
        ordering = ["receivable", "date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="payment_amount_positive"
            )
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {brl(self.amount)}"


class CollectionTitle(models.Model):
    """A title under collection (SK1): the mirror of an overdue, open SE1 row
    plus the operator who owns the customer's collection.

    Title selection keeps it in sync; the columns copied from SE1 must keep
    SE1's type and size (the `finance.E001` system check enforces it), the
    same rule Protheus states for K1_* against E1_*.
    """

    # SK1 rows are written only by title selection, straight from their SE1
    # row in the same statement, and the next selection removes a row whose
    # SE1 row is gone; the ORM deletes them with their receivable. So the
    # references to SE1 and its branch and customer are right by
    # construction and are not re-checked row by row by the database, which
    # would cost more than the whole selection on a million titles. The key
    # is held by the database: one SK1 row per SE1 row (the primary key),
    # and SE1's own unique key (branch, prefix, number, installment, type).
    # Nothing reads a reference without joining the table it points to, so
    # a dangling one is never shown.
    receivable = models.OneToOneField(
        Receivable,
        on_delete=models.CASCADE,
        primary_key=True,
        db_constraint=False,
        related_name="collection_title",
        verbose_name="título (SE1)",
    )
    branch = models.ForeignKey(
        Branch,
        on_delete=models.DO_NOTHING,
        db_index=False,
        db_constraint=False,
        verbose_name="filial de origem",
        help_text="K1_FILORIG = E1_FILIAL",
    )
    prefix = models.CharField(
        "prefixo", max_length=3, blank=True, help_text="K1_PREFIXO"
    )
    number = models.CharField("número", max_length=9, help_text="K1_NUM")
    installment = models.CharField(
        "parcela", max_length=2, blank=True, help_text="K1_PARCELA"
    )
    kind = models.CharField("tipo", max_length=3, help_text="K1_TIPO")
    # A customer's SK1 rows are found through SE1's customer index and the
    # SK1 primary key; an index here would cost a third of the selection.
    customer = models.ForeignKey(
        Customer,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="collection_titles",
        verbose_name="cliente",
        help_text="K1_CLIENTE + K1_LOJA",
    )
    nature = models.CharField(
        "natureza", max_length=10, blank=True, help_text="K1_NATUREZ"
    )
    bearer = models.CharField(
        "portador", max_length=3, blank=True, help_text="K1_PORTADO"
    )
    situation = models.CharField(
        "situação de cobrança", max_length=1, blank=True, help_text="K1_SITUACA"
    )
    due_date = models.DateField("vencimento", help_text="K1_VENCTO")
    real_due_date = models.DateField(
        "vencimento real", help_text="K1_VENCREA: base de todo o cálculo de atraso."
    )
    balance = models.DecimalField(
        "saldo", max_digits=16, decimal_places=2, help_text="K1_SALDO"
    )
    # Like the references above, the owner is written only by the services
    # that assign customers (an existing operator, under a row lock); an
    # operator deleted through the ORM leaves the rows unowned.
    owner = models.ForeignKey(
        "operators.Operator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
        db_constraint=False,
        related_name="owned_titles",
        verbose_name="operador responsável",
        help_text="K1_OPERAD: vazio = sem dono.",
    )
    excluded = models.BooleanField(
        "exceção de cobrança",
        default=False,
        help_text="K1_OPERAD = XXXXXX: título fora da cobrança por decisão do supervisor.",
    )
    selected_at = models.DateTimeField("selecionado em", auto_now_add=True)
    refreshed_at = models.DateTimeField("atualizado em", auto_now=True)

    # SK1 column -> SE1 column it mirrors; the system check compares them.
    MIRRORED_FIELDS = {
        "prefix": "prefix",
        "number": "number",
        "installment": "installment",
        "kind": "kind",
        "nature": "nature",
        "bearer": "bearer",
        "situation": "situation",
        "due_date": "due_date",
        "real_due_date": "real_due_date",
        "balance": "balance",
        "branch": "branch",
        "customer": "customer",
    }

    class Meta:
        verbose_name = "título em cobrança (SK1)"
        verbose_name_plural = "títulos em cobrança (SK1)"
        ordering = ["real_due_date", "customer"]
        constraints = [
            models.CheckConstraint(
                condition=Q(balance__gt=0), name="collection_title_balance_positive"
            ),
        ]
        indexes = [
            # Most rows have no owner; only the owned ones are looked up by owner.
            models.Index(
                fields=["owner"], condition=Q(owner__isnull=False), name="sk1_owner_idx"
            ),
        ]

    def __str__(self):
        return f"{self.branch_id}:{self.prefix}/{self.number}-{self.installment} {self.kind}"


class Parameters(models.Model):
    """The runtime parameters (SX6 MV_TMK*), one row a supervisor edits."""

    selectable_types = models.CharField(
        "tipos cobráveis",
        max_length=250,
        blank=True,
        help_text="MV_TMKCOBR: tipos separados por ',' ou '/'. Vazio = todos, exceto PR, RA, NCC e abatimentos (tipos terminados em '-').",
    )
    largest_balance_first = models.BooleanField(
        "maior saldo primeiro",
        default=False,
        help_text="MV_TMKSELV: no mesmo vencimento, o maior saldo vem antes.",
    )
    contains_filters = models.BooleanField(
        "filtros por 'contém'",
        default=False,
        help_text="MV_TMKREGF: filtros de prefixo, natureza, portador e situação das regras de seleção usam 'contém' em vez de igualdade.",
    )
    manual_picker_shows_not_due = models.BooleanField(
        "seleção manual mostra títulos a vencer",
        default=False,
        help_text="MV_TMKTLCT: na carga manual, lista também os títulos ainda não vencidos.",
    )
    auto_close_code = models.CharField(
        "código de encerramento automático",
        max_length=6,
        blank=True,
        help_text="MV_TMKENC: usado quando todos os títulos de um retorno foram pagos.",
    )
    auto_close_text = models.TextField(
        "texto de encerramento automático", blank=True, help_text="MV_TMKMEMO"
    )
    fine_percent = models.DecimalField(
        "multa (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("2.00"),
        validators=percent_validators,
        help_text="Multa padrão sobre o saldo, cobrada uma vez por título.",
    )
    monthly_interest_percent = models.DecimalField(
        "juros de mora ao mês (%)",
        max_digits=5,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=percent_validators,
        help_text="Juros simples padrão, pro rata die (mês de 30 dias), quando o título não traz taxa própria.",
    )
    list_capacity_per_operator = models.PositiveIntegerField(
        "capacidade diária da lista por operador",
        default=40,
        validators=[
            MinValueValidator(
                1, "Cada operador precisa receber ao menos 1 cliente por dia."
            )
        ],
        help_text="Máximo de clientes por operador por dia nas listas de cobrança.",
    )
    last_selection_at = models.DateTimeField(
        "última seleção de títulos",
        null=True,
        blank=True,
        editable=False,
        help_text="MV_TMKSK1: data e hora da última atualização do SK1.",
    )

    class Meta:
        verbose_name = "parâmetros (MV_TMK*)"
        verbose_name_plural = "parâmetros (MV_TMK*)"

    def __str__(self):
        return "Parâmetros da Telecobrança"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def clean(self):
        bad = [
            kind
            for kind in self.selectable_types_list()
            if not SELECTABLE_TYPE.fullmatch(kind)
        ]
        if bad:
            raise ValidationError(
                {
                    "selectable_types": f"Tipo inválido: {', '.join(repr(kind) for kind in bad)}. "
                    "Informe tipos de título de até 3 letras separados por ',' ou '/' (ex.: NF,DP/BOL)."
                }
            )

    def selectable_types_list(self) -> list[str]:
        """The types listed in MV_TMKCOBR ("NF,DP/BOL"); empty when blank."""
        parts = re.split(r"[,/]", self.selectable_types or "")
        return [part.strip().upper() for part in parts if part.strip()]

    @classmethod
    def current(cls) -> "Parameters":
        """The single parameters row, created with the defaults on first use."""
        parameters, _ = cls.objects.get_or_create(pk=1)
        return parameters
