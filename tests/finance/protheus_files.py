"""Protheus export files as the import tests write them: SA1 (customers) and
SE1 (titles) rows with ERP padding, the CSV writer, and the two ways of
running the import (the command, and the service expecting a refusal)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from finance.importing import ProtheusImportError, protheus_import

SA1_HEADER = [
    "A1_FILIAL", "A1_COD", "A1_LOJA", "A1_NOME", "A1_NREDUZ", "A1_PESSOA",
    "A1_CGC", "A1_EST", "A1_MUN", "A1_DDD", "A1_TEL", "A1_EMAIL",
]  # fmt: skip
SE1_HEADER = [
    "E1_FILIAL", "E1_PREFIXO", "E1_NUM", "E1_PARCELA", "E1_TIPO", "E1_NATUREZ", "E1_PORTADO",
    "E1_SITUACA", "E1_CLIENTE", "E1_LOJA", "E1_NOMCLI", "E1_EMISSAO", "E1_VENCTO", "E1_VENCREA",
    "E1_VALOR", "E1_SALDO", "E1_BAIXA", "E1_VALJUR", "E1_PORCJUR", "E1_MOEDA", "E1_HIST",
]  # fmt: skip

VALID_CNPJ = "11222333000181"
VALID_CPF = "52998224725"


def sa1_row(**fields: str) -> dict[str, str]:
    row = {
        "A1_FILIAL": "  ",
        "A1_COD": "000001",
        "A1_LOJA": "01",
        "A1_NOME": "MERCADO BOA VISTA LTDA".ljust(40),
        "A1_NREDUZ": "BOA VISTA".ljust(20),
        "A1_PESSOA": "J",
        "A1_CGC": VALID_CNPJ,
        "A1_EST": "SP",
        "A1_MUN": "SAO PAULO".ljust(25),
        "A1_DDD": "011",
        "A1_TEL": "3333-4444",
        "A1_EMAIL": "financeiro@boavista.example",
    }
    row.update(fields)
    return row


def se1_row(**fields: str) -> dict[str, str]:
    row = {
        "E1_FILIAL": "01",
        "E1_PREFIXO": "001",
        "E1_NUM": "000000123",
        "E1_PARCELA": "A ",
        "E1_TIPO": "NF ",
        "E1_NATUREZ": "1101".ljust(10),
        "E1_PORTADO": "341",
        "E1_SITUACA": "1",
        "E1_CLIENTE": "000001",
        "E1_LOJA": "01",
        "E1_NOMCLI": "BOA VISTA".ljust(20),
        "E1_EMISSAO": "20260105",
        "E1_VENCTO": "20260204",
        "E1_VENCREA": "",
        "E1_VALOR": "1500.00",
        "E1_SALDO": "1500.00",
        "E1_BAIXA": "",
        "E1_VALJUR": "",
        "E1_PORCJUR": "",
        "E1_MOEDA": "1",
        "E1_HIST": "".ljust(40),
    }
    row.update(fields)
    return row


def write_csv(
    path: Path,
    rows: list[dict[str, str]],
    *,
    header: list[str] | None = None,
    delimiter: str = ";",
    encoding: str = "utf-8",
) -> Path:
    """A Protheus-like export: no quoting unless a value needs it."""
    header = header or list(rows[0])

    def cell(value: str) -> str:
        return f'"{value}"' if delimiter in value else value

    lines = [delimiter.join(header)] + [
        delimiter.join(cell(row.get(name, "")) for name in header) for row in rows
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def run_command(**files: Path) -> str:
    out = StringIO()
    call_command(
        "import_protheus",
        *[f"--{name}={path}" for name, path in files.items()],
        stdout=out,
    )
    return out.getvalue()


def import_errors(**paths: Path) -> list[str]:
    with pytest.raises(ProtheusImportError) as caught:
        protheus_import(**paths)
    return [str(error) for error in caught.value.errors]
