"""The titles under collection (SK1): the mirror of overdue, open SE1 rows."""

from django.db import models
from django.db.models import Q

from .branches import Branch
from .customers import Customer
from .receivables import Receivable


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
