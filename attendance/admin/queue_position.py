"""The "Posição geral da fila" report (Protheus TMKR046): its date form and
the selector's numbers laid out as the report's table."""

from datetime import date
from decimal import Decimal

from django import forms

from finance.dates import business_date_check
from finance.formatting import brl, integer_br
from rules.models import SelectionRule
from rules.selectors import Band


def band_label(*, from_days: int, to_days: int | None) -> str:
    """The band as the selection-rule screens write it ("31 a 60 dias")."""
    return Band(rule=None, from_days=from_days, to_days=to_days).label()


class QueuePositionForm(forms.Form):
    date = forms.DateField(
        label="data base",
        required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": "Data inválida: informe AAAA-MM-DD, por exemplo 2026-12-04."
        },
    )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value is not None:
            try:
                business_date_check(value)
            except ValueError as error:
                raise forms.ValidationError(f"Data inválida: {error}.") from None
        return value


def queue_position_table(position: dict) -> dict:
    """The selector's numbers, formatted in pt-BR, with the out-of-band row
    and the totals (the out-of-band customers count in the totals: they are
    in collection too, just in no band)."""
    codes = [rule["code"] for rule in position["rules"]]
    descriptions = dict(
        SelectionRule.objects.filter(code__in=codes).values_list("code", "description")
    )
    rows = []
    for rule in position["rules"]:
        rows.append(
            {
                "code": rule["code"],
                "description": descriptions.get(rule["code"], ""),
                "kind": "Faixa"
                if rule["kind"] == SelectionRule.Kind.BAND
                else "Lista de cobrança",
                "band": band_label(
                    from_days=rule["from_days"], to_days=rule["to_days"]
                ),
                "customers": integer_br(rule["customers"]),
                "titles": integer_br(rule["titles"]),
                "balance": brl(Decimal(rule["balance"])),
                "owned_customers": integer_br(rule["owned_customers"]),
                "unowned_customers": integer_br(rule["unowned_customers"]),
            }
        )
    out = position["out_of_band"]
    everything = [*position["rules"], out]
    return {
        "reference_date": date.fromisoformat(position["reference_date"]),
        "rows": rows,
        "out_of_band": {
            "customers": integer_br(out["customers"]),
            "titles": integer_br(out["titles"]),
            "balance": brl(Decimal(out["balance"])),
        },
        "total": {
            "customers": integer_br(sum(item["customers"] for item in everything)),
            "titles": integer_br(sum(item["titles"] for item in everything)),
            "balance": brl(
                sum((Decimal(item["balance"]) for item in everything), Decimal("0"))
            ),
            "owned_customers": integer_br(
                sum(rule["owned_customers"] for rule in position["rules"])
            ),
            "unowned_customers": integer_br(
                sum(rule["unowned_customers"] for rule in position["rules"])
            ),
        },
    }
