"""Admin for selection rules (SK0), negotiation rules (SK2) and promotions (SK3).

The selection-rule screens show what a supervisor cannot see in Protheus:
the band each rule really gets from the chain, next to the width typed.
"""

from django.contrib import admin, messages
from django.db.models import Case, IntegerField, Value, When
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from finance.admin.decimals import LocalizedDecimalsMixin

from .forms import SelectionRuleForm
from .models import NegotiationRule, Promotion, SelectionRule
from .selectors import Band, bands_list


def band_for(rule: SelectionRule, bands: list[Band]) -> Band | None:
    return next((band for band in bands if band.rule.pk == rule.pk), None)


def chain_end(bands: list[Band]) -> int:
    """The last day of age the band rules cover (0 with no band rule)."""
    ends = [band.to_days for band in bands if band.to_days is not None]
    return max(ends, default=0)


def _chain_labels() -> dict[str, str]:
    return {band.rule.code: band.label() for band in bands_list()}


def _warn_moved_bands(request, before: dict[str, str], *, changed_rule: str) -> None:
    """Bands are cumulative: inserting, widening or removing one moves every
    later band. Say which moved, so descriptions like "31 A 60 DIAS" can be
    fixed and the supervisor knows customers will change band."""
    after = _chain_labels()
    moved = [
        f"{code}: de {label} para {after[code]}"
        for code, label in before.items()
        if code != changed_rule and code in after and after[code] != label
    ]
    if moved:
        messages.warning(
            request,
            "As faixas seguintes mudaram e os clientes serão distribuídos de novo na "
            "próxima montagem: " + "; ".join(moved) + ". Confira as descrições delas.",
        )


@admin.register(SelectionRule)
class SelectionRuleAdmin(admin.ModelAdmin):
    form = SelectionRuleForm
    # The chain order: bands by order, the list rule always after them.
    ordering = (
        Case(
            When(kind=SelectionRule.Kind.LIST, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ).asc(),
        "order",
        "code",
    )
    list_display = (
        "order",
        "code",
        "description",
        "kind",
        "width_days",
        "filters_display",
    )
    list_display_links = ("code", "description")
    list_filter = ("kind",)
    search_fields = ("code", "description")
    readonly_fields = ("band_display", "chain_display")
    fieldsets = (
        (None, {"fields": ("code", "description", "kind", "order")}),
        (
            "Faixa",
            {"fields": ("band_range", "width_days", "band_display", "chain_display")},
        ),
        (
            "Filtros (vazio = qualquer título)",
            {"fields": ("prefix", "nature", "bearer", "situation")},
        ),
    )

    def save_model(self, request, obj, form, change):
        before = _chain_labels()
        super().save_model(request, obj, form, change)
        _warn_moved_bands(request, before, changed_rule=obj.code)

    def delete_model(self, request, obj):
        before = _chain_labels()
        super().delete_model(request, obj)
        _warn_moved_bands(request, before, changed_rule=obj.code)

    def get_list_display(self, request):
        # One query for the whole chain, however many rules are listed; kept
        # on the request because the changelist asks more than once.
        if not hasattr(request, "_selection_rule_list_display"):
            labels = {band.rule.pk: band.label() for band in bands_list()}

            @admin.display(description="faixa derivada")
            def band(rule):
                return labels.get(rule.pk, "sem faixa (largura vazia)")

            request._selection_rule_list_display = (
                "order",
                "code",
                "description",
                "kind",
                band,
                "width_days",
                "filters_display",
            )
        return request._selection_rule_list_display

    @admin.display(description="filtros")
    def filters_display(self, rule):
        parts = [
            f"{label} {value}"
            for label, value in (
                ("prefixo", rule.prefix),
                ("natureza", rule.nature),
                ("portador", rule.bearer),
                ("situação", rule.situation),
            )
            if value
        ]
        return " · ".join(parts) or "qualquer título"

    @admin.display(description="faixa que a regra recebe")
    def band_display(self, rule):
        bands = bands_list()
        if rule.pk is not None:
            band = band_for(rule, bands)
            if band is not None:
                return band.label()
        end = chain_end(bands)
        return (
            f"Calculada ao salvar. Hoje as faixas terminam em {end} dias; "
            f"uma faixa depois da última começa em {end + 1}."
        )

    @admin.display(description="cadeia de regras")
    def chain_display(self, rule):
        bands = bands_list()
        if not bands:
            return "Nenhuma regra cadastrada ainda."
        rows = format_html_join(
            "",
            "<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    mark_safe(' style="font-weight: bold"')
                    if band.rule.pk == rule.pk
                    else "",
                    band.rule.order,
                    band.rule.code,
                    band.rule.description,
                    band.label(),
                )
                for band in bands
            ),
        )
        note = ""
        if not any(band.to_days is None for band in bands):
            note = format_html(
                "<p>Sem regra de lista: clientes com mais de {} dias de atraso ficam fora das faixas "
                "(contados como fora da faixa).</p>",
                chain_end(bands),
            )
        return format_html(
            "<table><thead><tr><th>ordem</th><th>código</th><th>descrição</th><th>faixa</th></tr></thead>"
            "<tbody>{}</tbody></table>{}",
            rows,
            note,
        )


@admin.register(NegotiationRule)
class NegotiationRuleAdmin(LocalizedDecimalsMixin, admin.ModelAdmin):
    list_display = (
        "code",
        "description",
        "title_loading",
        "may_alter_titles",
        "max_extension_days",
        "max_callback_days",
        "max_nominal_discount_percent",
        "max_interest_discount_percent",
    )
    list_display_links = ("code", "description")
    list_filter = ("title_loading",)
    search_fields = ("code", "description")
    fieldsets = (
        (None, {"fields": ("code", "description", "title_loading")}),
        (
            "Limites do operador",
            {
                "fields": (
                    "may_alter_titles",
                    ("max_extension_days", "max_callback_days"),
                    (
                        "max_nominal_discount_percent",
                        "max_interest_discount_percent",
                        "max_discount_deadline_days",
                    ),
                    ("max_surcharge_percent", "max_reduction_percent"),
                    "may_lower_credit_limit",
                )
            },
        ),
    )


@admin.register(Promotion)
class PromotionAdmin(LocalizedDecimalsMixin, admin.ModelAdmin):
    list_display = (
        "code",
        "description",
        "starts_on",
        "ends_on",
        "due_from",
        "due_to",
        "nominal_discount_percent",
        "interest_discount_percent",
    )
    list_display_links = ("code", "description")
    search_fields = ("code", "description")
    date_hierarchy = "starts_on"
    fieldsets = (
        (None, {"fields": ("code", "description")}),
        ("Vigência da campanha", {"fields": (("starts_on", "ends_on"),)}),
        ("Títulos alcançados (vencimento real)", {"fields": (("due_from", "due_to"),)}),
        (
            "Desconto",
            {
                "fields": (
                    "discount_days",
                    ("nominal_discount_percent", "interest_discount_percent"),
                )
            },
        ),
    )
