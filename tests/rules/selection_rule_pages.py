"""The selection-rule admin pages as the tests drive them."""

import re

from django.urls import reverse

from rules.models import SelectionRule

ADD_URL = reverse("admin:rules_selectionrule_add")
CHANGELIST_URL = reverse("admin:rules_selectionrule_changelist")

NO_WIDTH = "Informe quantos dias de atraso esta faixa cobre (um número maior que zero)."
LIST_WITH_WIDTH = (
    "A regra de lista cobre todo atraso depois da última faixa; deixe a largura vazia."
)


def rule_post(**overrides) -> dict:
    data = {
        "code": "NOVA",
        "description": "Nova faixa",
        "kind": SelectionRule.Kind.BAND,
        "order": "50",
        "band_range": "",
        "width_days": "",
        "prefix": "",
        "nature": "",
        "bearer": "",
        "situation": "",
        "_save": "Salvar",
    }
    data.update({key: str(value) for key, value in overrides.items()})
    return data


def form_errors(response) -> dict:
    assert response.status_code == 200, "the form was accepted"
    return {
        field: list(messages)
        for field, messages in response.context["adminform"].form.errors.items()
    }


def band_cells(html: str) -> list[tuple[str, str]]:
    """(code, derived band) of every changelist row, top to bottom."""
    rows = re.findall(r"<tr>.*?</tr>", html, flags=re.S)
    cells = []
    for row in rows:
        code = re.search(r'<t[hd] class="field-code">.*?>([^<]+)</a>', row, flags=re.S)
        band = re.search(r'<td class="field-band">([^<]*)</td>', row)
        if code and band:
            cells.append((code.group(1), band.group(1)))
    return cells
