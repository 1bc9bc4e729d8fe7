"""Forms for the selection-rule (SK0) screens."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Sum

from .models import MAX_BAND_WIDTH_DAYS, SelectionRule

# "31-60", "31 a 60", "31 até 60 dias": the way supervisors write a band.
BAND_RANGE = re.compile(
    r"^\s*(\d+)\s*(?:-|–|a|at[eé])\s*(\d+)\s*(?:dias?)?\s*$", re.IGNORECASE
)


def band_range_refusal(*, previous_end: int, start: int, end: int) -> str | None:
    """Why a typed range cannot be the next band after `previous_end`, or
    None when it can.

    Bands are cumulative, so a band always starts the day after the previous
    one ends: a supervisor who types "30 a 60" after "1 a 30" is told the
    range the chain would really give.
    """
    expected_start = previous_end + 1
    if end < start:
        return f"A faixa {start} a {end} está invertida: o início vem antes do fim, por exemplo {end} a {start}."
    if start == expected_start and end - previous_end > MAX_BAND_WIDTH_DAYS:
        return (
            f"Uma faixa cobre no máximo {MAX_BAND_WIDTH_DAYS} dias (10 anos): esta iria até "
            f"{end} dias; informe no máximo {expected_start} a {previous_end + MAX_BAND_WIDTH_DAYS}."
        )
    if start == expected_start and end >= expected_start:
        return None
    if end < expected_start:
        if previous_end == 0:
            return "A faixa precisa cobrir pelo menos 1 dia de atraso: informe, por exemplo, 1 a 30."
        return (
            f"A faixa anterior termina em {previous_end} dias; esta começa em {expected_start}. "
            f"Até {end} dias já está coberto pelas faixas anteriores: informe um fim de {expected_start} dias ou mais."
        )
    if previous_end == 0:
        return (
            f"Esta é a primeira faixa da cadeia; ela começa em 1 dia. "
            f"Para cobrir até {end} dias, informe 1 a {end} (largura {end})."
        )
    return (
        f"A faixa anterior termina em {previous_end} dias; esta começa em {expected_start}. "
        f"Para cobrir até {end} dias, informe {expected_start} a {end} (largura {end - previous_end})."
    )


class SelectionRuleForm(forms.ModelForm):
    """A selection rule, with the band also typed as a range ("31 a 60").

    The width stays the stored truth (bands cannot overlap or leave gaps by
    construction); the range is only another way to type it, checked
    against where the previous band of the chain ends.
    """

    band_range = forms.CharField(
        label="Faixa (de-até)",
        required=False,
        max_length=30,
        help_text="Opcional: os dias de atraso que a faixa cobre, como 31-60 ou 31 a 60. Precisa começar logo "
        "depois do fim da faixa anterior na cadeia; preenchida, define a largura.",
    )

    class Meta:
        model = SelectionRule
        fields = (
            "code",
            "description",
            "kind",
            "order",
            "band_range",
            "width_days",
            "prefix",
            "nature",
            "bearer",
            "situation",
        )

    def clean_order(self):
        order = self.cleaned_data["order"]
        clash = (
            SelectionRule.objects.filter(order=order)
            .exclude(pk=self.instance.pk)
            .first()
        )
        if clash is not None:
            raise ValidationError(
                f"A ordem {order} já é da regra {clash.code} ({clash.description}). "
                "Cada regra ocupa uma posição na cadeia: escolha outra ordem."
            )
        return order

    def clean(self):
        cleaned_data = super().clean()
        typed = cleaned_data.get("band_range", "").strip()
        if not typed:
            return cleaned_data
        match = BAND_RANGE.match(typed)
        if match is None:
            self.add_error(
                "band_range",
                "Informe a faixa como de-até em dias de atraso, por exemplo 31-60 ou 31 a 60.",
            )
            return cleaned_data
        if cleaned_data.get("kind") == SelectionRule.Kind.LIST:
            self.add_error(
                "band_range",
                "A regra de lista não tem faixa própria: ela cobre todo atraso depois da última faixa. "
                "Deixe a faixa vazia.",
            )
            return cleaned_data
        order = cleaned_data.get("order")
        if order is None:
            return cleaned_data  # the order's own error already says what to fix
        start, end = int(match.group(1)), int(match.group(2))
        previous_end = self.previous_band_end(order)
        refusal = band_range_refusal(previous_end=previous_end, start=start, end=end)
        if refusal:
            self.add_error("band_range", refusal)
            return cleaned_data
        width = end - previous_end
        # A width the supervisor typed too must agree; one only carried over
        # from the stored rule gives way to the new range.
        typed_width = cleaned_data.get("width_days")
        if typed_width and typed_width != width and "width_days" in self.changed_data:
            self.add_error(
                "band_range",
                f"A faixa {start} a {end} tem largura {width}, mas a largura informada é "
                f"{typed_width}: deixe só uma das duas, ou faça-as concordar.",
            )
            return cleaned_data
        cleaned_data["width_days"] = width
        self.errors.pop("width_days", None)
        return cleaned_data

    def full_clean(self):
        super().full_clean()
        # A typed range decides the width: when the range is refused, its
        # message already says what to type, and "no width" would only repeat it.
        if self.is_bound and "band_range" in self.errors:
            self.errors.pop("width_days", None)

    def previous_band_end(self, order: int) -> int:
        """Where the band before position `order` ends: the widths of the
        other band rules earlier in the chain, added up."""
        earlier = SelectionRule.objects.filter(
            kind=SelectionRule.Kind.BAND, order__lt=order
        ).exclude(pk=self.instance.pk)
        return earlier.aggregate(total=Sum("width_days"))["total"] or 0
