"""Receivables (SE1) as the ERP sent them, and the payments against them."""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from ..formatting import brl
from .branches import Branch
from .customers import Customer


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
