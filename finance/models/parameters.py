"""The runtime parameters (SX6 MV_TMK*) and the title types they accept."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from ..validators import percent_validators

# A title type as E1_TIPO holds it: NF, DP, BOL, or an abatement such as AB-.
SELECTABLE_TYPE = re.compile(r"[A-Z0-9]{1,3}|[A-Z0-9]{1,2}-")


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
            ),
            MaxValueValidator(
                1000,
                "Ninguém liga para mais de 1000 clientes num dia: informe até 1000.",
            ),
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
