"""Selection rules (SK0), negotiation rules (SK2) and promotions (SK3)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from finance.validators import protheus_code

# Ten years: wider bands are typing mistakes, and a chain of them would run
# past the calendar.
MAX_BAND_WIDTH_DAYS = 3650


class SelectionRule(models.Model):
    """A selection rule (Regra de Seleção, SK0).

    A band rule has a width in days; the bands are the cumulative widths in
    chain order (30, 30, 60 give 1-30, 31-60, 61-120), so they can neither
    overlap nor leave gaps. The collection-list rule (Protheus K0_PRAZO
    "999999", "Incluir: Sim") has no width: it covers every age after the
    last band and is worked through the operators' agenda.
    """

    class Kind(models.TextChoices):
        BAND = "band", "Faixa (pré-atendimento)"
        LIST = "list", "Lista de cobrança (agenda)"

    code = models.CharField(
        "código",
        max_length=6,
        unique=True,
        validators=[protheus_code],
        help_text="K0_REGSEL",
    )
    description = models.CharField("descrição", max_length=60, help_text="K0_DESC")
    kind = models.CharField(
        "tipo",
        max_length=4,
        choices=Kind.choices,
        default=Kind.BAND,
        help_text="Lista de cobrança equivale a 'Incluir: Sim' (K0_PRAZO 999999) no Protheus.",
    )
    order = models.PositiveIntegerField(
        "ordem",
        help_text="K0_ORDEM: posição da faixa na cadeia. A regra de lista vem sempre depois das faixas.",
    )
    width_days = models.PositiveIntegerField(
        "largura (dias)",
        null=True,
        blank=True,
        help_text=f"K0_PRAZO: quantos dias de atraso a faixa cobre (1 a {MAX_BAND_WIDTH_DAYS}). Vazio na regra de lista.",
    )
    prefix = models.CharField(
        "prefixo", max_length=3, blank=True, help_text="K0_PREFIXO: vazio = qualquer."
    )
    nature = models.CharField(
        "natureza", max_length=10, blank=True, help_text="K0_NATUREZ: vazio = qualquer."
    )
    bearer = models.CharField(
        "portador", max_length=3, blank=True, help_text="K0_PORTADO: vazio = qualquer."
    )
    situation = models.CharField(
        "situação de cobrança",
        max_length=1,
        blank=True,
        help_text="K0_SITUACA: vazio = qualquer (o '7 = todas' do Protheus também vale como qualquer).",
    )

    class Meta:
        verbose_name = "regra de seleção (SK0)"
        verbose_name_plural = "regras de seleção (SK0)"
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["order"],
                name="selection_rule_unique_order",
                violation_error_message="Já existe uma regra com esta ordem na cadeia.",
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="list"),
                name="selection_rule_single_list_rule",
                violation_error_message="Já existe uma regra de lista; só pode haver uma.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="band")
                    & Q(width_days__gt=0)
                    & Q(width_days__lte=MAX_BAND_WIDTH_DAYS)
                )
                | (Q(kind="list") & Q(width_days__isnull=True)),
                name="selection_rule_width_matches_kind",
                violation_error_message=(
                    f"Uma faixa precisa de largura entre 1 e {MAX_BAND_WIDTH_DAYS} dias; "
                    "a regra de lista fica sem largura."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.code} - {self.description}"

    def clean(self):
        if self.kind == self.Kind.BAND and (self.width_days or 0) > MAX_BAND_WIDTH_DAYS:
            raise ValidationError(
                {
                    "width_days": f"Uma faixa cobre no máximo {MAX_BAND_WIDTH_DAYS} dias (10 anos) de atraso."
                }
            )
        if self.kind == self.Kind.BAND and not self.width_days:
            raise ValidationError(
                {
                    "width_days": "Informe quantos dias de atraso esta faixa cobre (um número maior que zero)."
                }
            )
        if self.kind == self.Kind.LIST and self.width_days is not None:
            raise ValidationError(
                {
                    "width_days": "A regra de lista cobre todo atraso depois da última faixa; deixe a largura vazia."
                }
            )
        others = SelectionRule.objects.exclude(pk=self.pk)
        if self.kind == self.Kind.LIST:
            list_rule = others.filter(kind=self.Kind.LIST).first()
            if list_rule:
                raise ValidationError(
                    {
                        "kind": f"Já existe a regra de lista {list_rule.code}; só pode haver uma."
                    }
                )
        if self.order is None:
            return
        # The list rule covers every age after the last band, so the chain
        # reads truly only when it is also last in order.
        if self.kind == self.Kind.BAND:
            list_rule = others.filter(kind=self.Kind.LIST, order__lt=self.order).first()
            if list_rule:
                raise ValidationError(
                    {
                        "order": f"A regra de lista {list_rule.code} (ordem {list_rule.order}) fecha a cadeia; "
                        f"dê a esta faixa uma ordem menor que {list_rule.order}."
                    }
                )
        else:
            last_band = (
                others.filter(kind=self.Kind.BAND, order__gt=self.order)
                .order_by("-order")
                .first()
            )
            if last_band:
                raise ValidationError(
                    {
                        "order": f"A regra de lista fecha a cadeia; dê a ela uma ordem maior que "
                        f"{last_band.order} (a faixa {last_band.code})."
                    }
                )


class NegotiationRule(models.Model):
    """A negotiation rule (Regra de Negociação, SK2): what an operator may
    change while negotiating."""

    class TitleLoading(models.TextChoices):
        AUTOMATIC = "1", "Automática"
        MANUAL = "2", "Manual"

    code = models.CharField(
        "código",
        max_length=6,
        unique=True,
        validators=[protheus_code],
        help_text="K2_REGNEG",
    )
    description = models.CharField("descrição", max_length=60, help_text="K2_DESC")
    title_loading = models.CharField(
        "carga de títulos",
        max_length=1,
        choices=TitleLoading.choices,
        default=TitleLoading.AUTOMATIC,
        help_text="K2_SELTIT: automática carrega todos os títulos em cobrança do cliente; manual deixa o operador escolher.",
    )
    may_alter_titles = models.BooleanField(
        "altera títulos",
        default=True,
        help_text="K2_ALTTIT: vencimento, acréscimo e decréscimo.",
    )
    max_extension_days = models.PositiveIntegerField(
        "prorrogação máxima (dias)",
        default=0,
        help_text="K2_DIAPROR: 0 = não pode prorrogar.",
    )
    max_callback_days = models.PositiveIntegerField(
        "retorno máximo (dias)",
        default=0,
        help_text="K2_DIAREAG: até quantos dias à frente agendar o retorno.",
    )
    max_nominal_discount_percent = models.DecimalField(
        "desconto máximo no saldo (%)",
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text="K2_DSCNOM",
    )
    max_interest_discount_percent = models.DecimalField(
        "desconto máximo nos juros (%)",
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text="K2_DSCJUR",
    )
    max_discount_deadline_days = models.PositiveIntegerField(
        "prazo máximo do desconto financeiro (dias)", default=0, help_text="K2_DIADESC"
    )
    max_surcharge_percent = models.DecimalField(
        "acréscimo máximo (%)",
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text="K2_ACRESC",
    )
    max_reduction_percent = models.DecimalField(
        "decréscimo máximo (%)",
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text="K2_DECRES",
    )
    may_lower_credit_limit = models.BooleanField(
        "reduz limite de crédito", default=False, help_text="K2_CREDITO: só para baixo."
    )

    class Meta:
        verbose_name = "regra de negociação (SK2)"
        verbose_name_plural = "regras de negociação (SK2)"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    max_nominal_discount_percent__gte=0,
                    max_nominal_discount_percent__lte=100,
                )
                & Q(
                    max_interest_discount_percent__gte=0,
                    max_interest_discount_percent__lte=100,
                )
                & Q(max_surcharge_percent__gte=0, max_surcharge_percent__lte=100)
                & Q(max_reduction_percent__gte=0, max_reduction_percent__lte=100),
                name="negotiation_rule_percentages_in_range",
                violation_error_message="Os percentuais da regra de negociação vão de 0 a 100.",
            ),
        ]

    def __str__(self):
        return f"{self.code} - {self.description}"


class Promotion(models.Model):
    """A collection promotion (Promoção de Cobrança, SK3): a time-boxed
    discount for titles whose real due date falls in a range."""

    code = models.CharField(
        "código",
        max_length=6,
        unique=True,
        validators=[protheus_code],
        help_text="K3_CODIGO",
    )
    description = models.CharField("descrição", max_length=60, help_text="K3_DESC")
    starts_on = models.DateField("início", help_text="K3_INICIO")
    ends_on = models.DateField("fim", help_text="K3_FINAL")
    due_from = models.DateField("vencimento real de", help_text="K3_VCTINI")
    due_to = models.DateField("vencimento real até", help_text="K3_VCTFIM")
    discount_days = models.PositiveIntegerField(
        "dias do desconto", default=0, help_text="K3_DIADESC"
    )
    nominal_discount_percent = models.DecimalField(
        "desconto no saldo (%)",
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text="K3_DSCNOM",
    )
    interest_discount_percent = models.DecimalField(
        "desconto nos juros (%)",
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text="K3_DSCJUR",
    )

    class Meta:
        verbose_name = "promoção de cobrança (SK3)"
        verbose_name_plural = "promoções de cobrança (SK3)"
        ordering = ["-starts_on", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="promotion_period_ordered",
                violation_error_message="O fim da promoção não pode ser antes do início.",
            ),
            models.CheckConstraint(
                condition=Q(due_to__gte=models.F("due_from")),
                name="promotion_due_range_ordered",
                violation_error_message="O vencimento final não pode ser antes do vencimento inicial.",
            ),
            models.CheckConstraint(
                condition=Q(
                    nominal_discount_percent__gte=0, nominal_discount_percent__lte=100
                )
                & Q(
                    interest_discount_percent__gte=0, interest_discount_percent__lte=100
                ),
                name="promotion_percentages_in_range",
                violation_error_message="Os descontos da promoção vão de 0 a 100%.",
            ),
        ]

    def __str__(self):
        return f"{self.code} - {self.description}"

    def clean(self):
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "O fim da promoção não pode ser antes do início."
        if self.due_from and self.due_to and self.due_to < self.due_from:
            errors["due_to"] = (
                "O vencimento final não pode ser antes do vencimento inicial."
            )
        if errors:
            raise ValidationError(errors)
