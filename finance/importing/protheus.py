"""Reader and parser of the Protheus export files (SA1 customers, SE1 titles).

The layout is what a Protheus installation exports: a header row of field
names (`A1_COD`, `E1_NUM`, ...), `;` or `,` separated, UTF-8 or Latin-1,
dates as YYYYMMDD, `.` or `,` decimals, character fields padded with
spaces. Parsing only reads and validates: every line is checked against the
model's field sizes before anything is written, and a bad line is reported
with its physical line number (header = line 1) and the field at fault.
"""

import codecs
import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from finance.models import Branch, Customer, Receivable

from .errors import ErrorCollector, LineError
from .values import (
    InvalidValue,
    parse_char,
    parse_date,
    parse_decimal,
    parse_integer,
    parse_person_type,
    parse_tax_id,
)

# --- columns ---------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One Protheus column: where its value goes and how it is read."""

    name: str
    target: str | None  # key in the parsed values; None = read and ignored
    parse: Callable[[str], Any]
    required: bool = False
    blank: Any = ""  # the value of an empty cell


def char(
    name: str,
    model,
    field_name: str,
    *,
    required: bool = False,
    target: str | None = None,
) -> Column:
    max_length = model._meta.get_field(field_name).max_length
    return Column(
        name,
        target or field_name,
        lambda text: parse_char(text, max_length=max_length),
        required,
    )


def decimal(name: str, field_name: str, *, required: bool = False) -> Column:
    model_field = Receivable._meta.get_field(field_name)
    digits, places = model_field.max_digits, model_field.decimal_places
    return Column(
        name,
        field_name,
        lambda text: parse_decimal(text, max_digits=digits, decimal_places=places),
        required,
        None,
    )


def date_column(name: str, field_name: str, *, required: bool = False) -> Column:
    return Column(name, field_name, parse_date, required, None)


@dataclass(frozen=True)
class FileSpec:
    """The layout of one Protheus table's export file."""

    table: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # targets forming the natural key
    key_columns: str  # how the key is named in messages
    check_row: Callable[[dict[str, Any], dict[str, Any]], list[tuple[str, str]]] = (
        lambda values, context: []
    )

    @property
    def by_name(self) -> dict[str, Column]:
        return {column.name: column for column in self.columns}


def _check_customer(
    values: dict[str, Any], context: dict[str, Any]
) -> list[tuple[str, str]]:
    person_type, tax_id = values.get("person_type"), values.get("tax_id")
    if person_type == Customer.PersonType.INDIVIDUAL and tax_id and len(tax_id) != 11:
        return [
            ("A1_CGC", "pessoa física (A1_PESSOA = F) precisa de CPF, veio um CNPJ")
        ]
    if person_type == Customer.PersonType.COMPANY and tax_id and len(tax_id) != 14:
        return [
            ("A1_CGC", "pessoa jurídica (A1_PESSOA = J) precisa de CNPJ, veio um CPF")
        ]
    return []


def _check_receivable(
    values: dict[str, Any], context: dict[str, Any]
) -> list[tuple[str, str]]:
    problems = []
    branch_code = values.get("branch_code")
    if branch_code:
        branch = context["branches"].get(branch_code)
        if branch is None:
            problems.append(("E1_FILIAL", f"filial {branch_code} não cadastrada"))
        else:
            values["branch_id"] = branch.pk
    amount, balance = values.get("amount"), values.get("balance")
    if amount is not None and amount < 0:
        problems.append(("E1_VALOR", f"valor negativo {amount}"))
    if balance is not None and balance < 0:
        problems.append(("E1_SALDO", f"saldo negativo {balance}"))
    elif (
        balance is not None and amount is not None and amount >= 0 and balance > amount
    ):
        problems.append(
            ("E1_SALDO", f"saldo {balance} maior que o valor do título {amount}")
        )
    for target, name in (
        ("daily_interest_amount", "E1_VALJUR"),
        ("daily_interest_rate", "E1_PORCJUR"),
    ):
        if values.get(target) is not None and values[target] < 0:
            problems.append((name, f"valor negativo {values[target]}"))
    due_date, real_due_date = values.get("due_date"), values.get("real_due_date")
    if due_date and real_due_date and real_due_date < due_date:
        problems.append(
            (
                "E1_VENCREA",
                f"vencimento real {real_due_date:%Y%m%d} anterior ao vencimento {due_date:%Y%m%d}",
            )
        )
    return problems


SA1 = FileSpec(
    table="SA1",
    columns=(
        Column("A1_FILIAL", None, str),  # customers are shared by every branch
        char("A1_COD", Customer, "code", required=True),
        char("A1_LOJA", Customer, "store", required=True),
        char("A1_NOME", Customer, "name", required=True),
        char("A1_NREDUZ", Customer, "short_name"),
        Column("A1_PESSOA", "person_type", parse_person_type),
        Column("A1_CGC", "tax_id", parse_tax_id),
        char("A1_EST", Customer, "state"),
        char("A1_MUN", Customer, "city"),
        char("A1_DDD", Customer, "phone_area"),
        char("A1_TEL", Customer, "phone"),
        char("A1_EMAIL", Customer, "email"),
    ),
    key=("code", "store"),
    key_columns="A1_COD+A1_LOJA",
    check_row=_check_customer,
)

SE1 = FileSpec(
    table="SE1",
    columns=(
        char("E1_FILIAL", Branch, "code", required=True, target="branch_code"),
        char("E1_PREFIXO", Receivable, "prefix"),
        char("E1_NUM", Receivable, "number", required=True),
        char("E1_PARCELA", Receivable, "installment"),
        char("E1_TIPO", Receivable, "kind", required=True),
        char("E1_NATUREZ", Receivable, "nature"),
        char("E1_PORTADO", Receivable, "bearer"),
        char("E1_SITUACA", Receivable, "situation"),
        char("E1_CLIENTE", Receivable, "customer_code", required=True),
        char("E1_LOJA", Receivable, "customer_store", required=True),
        char("E1_NOMCLI", Receivable, "customer_name"),
        date_column("E1_EMISSAO", "issue_date"),
        date_column("E1_VENCTO", "due_date", required=True),
        date_column("E1_VENCREA", "real_due_date"),
        decimal("E1_VALOR", "amount", required=True),
        decimal("E1_SALDO", "balance", required=True),
        date_column("E1_BAIXA", "last_payment_date"),
        decimal("E1_VALJUR", "daily_interest_amount"),
        decimal("E1_PORCJUR", "daily_interest_rate"),
        # E1_MOEDA is N2 in Protheus: currencies 1 to 99; blank is the local one.
        Column(
            "E1_MOEDA",
            "currency",
            lambda text: parse_integer(text, minimum=1, maximum=99),
            blank=1,
        ),
        char("E1_HIST", Receivable, "history"),
    ),
    key=("branch_code", "prefix", "number", "installment", "kind"),
    key_columns="E1_FILIAL+E1_PREFIXO+E1_NUM+E1_PARCELA+E1_TIPO",
    check_row=_check_receivable,
)


# --- files -----------------------------------------------------------------


@dataclass
class ParsedRow:
    line: int
    values: dict[str, Any]


@dataclass
class ProtheusFile:
    """An export file whose header was read and checked."""

    path: Path
    spec: FileSpec
    text: str
    delimiter: str
    header: list[str]
    rows: list[ParsedRow] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def present_targets(self) -> set[str]:
        """The targets of the known columns this file carries."""
        columns = self.spec.by_name
        return {
            columns[name].target
            for name in self.header
            if name in columns and columns[name].target
        }


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Latin-1, which reads any byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.removeprefix(codecs.BOM_UTF8).decode("latin-1")


def detect_delimiter(header_line: str) -> str:
    """`;` or `,`, whichever separates the header's field names."""
    return (
        ";"
        if header_line.count(";") >= header_line.count(",") and ";" in header_line
        else ","
    )


def open_file(
    path: Path, spec: FileSpec, errors: ErrorCollector
) -> ProtheusFile | None:
    """Read a file and check its header; None (with errors added) when unusable."""
    path = Path(path)
    try:
        text = decode(path.read_bytes())
    except FileNotFoundError:
        errors.add(LineError(path.name, None, None, f"arquivo não encontrado ({path})"))
        return None
    except OSError as exc:
        errors.add(
            LineError(
                path.name, None, None, f"não foi possível ler o arquivo: {exc.strerror}"
            )
        )
        return None
    header_line = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    if not header_line.strip():
        errors.add(
            LineError(
                path.name,
                1,
                None,
                f"arquivo sem cabeçalho (a linha 1 deve ter os campos do {spec.table})",
            )
        )
        return None
    delimiter = detect_delimiter(header_line)
    header = [
        name.strip().upper()
        for name in next(csv.reader([header_line], delimiter=delimiter))
    ]
    protheus_file = ProtheusFile(path, spec, text, delimiter, header)
    known = spec.by_name
    for name in sorted(
        {name for name in header if name in known and header.count(name) > 1}
    ):
        errors.add(LineError(path.name, 1, name, "coluna repetida no cabeçalho"))
    for column in spec.columns:
        if column.required and column.name not in header:
            errors.add(
                LineError(
                    path.name,
                    1,
                    column.name,
                    f"coluna obrigatória ausente no cabeçalho do {spec.table}",
                )
            )
    return protheus_file


def parse_rows(
    protheus_file: ProtheusFile, errors: ErrorCollector, context: dict[str, Any]
) -> None:
    """Read and validate every line into `protheus_file.rows`, adding errors.

    A natural key repeated inside the file is an error at its second
    occurrence: which of the two lines the ERP meant cannot be guessed.
    """
    spec, name, header = protheus_file.spec, protheus_file.name, protheus_file.header
    columns = [spec.by_name.get(column_name) for column_name in header]
    # A key column the file does not carry (E1_PREFIXO, E1_PARCELA) is blank.
    key_defaults = {
        target: "" for target in spec.key if target not in protheus_file.present_targets
    }
    seen_keys: dict[tuple, int] = {}
    reader = csv.reader(
        io.StringIO(protheus_file.text, newline=""), delimiter=protheus_file.delimiter
    )
    previous_line = 0
    try:
        for row in reader:
            line, previous_line = previous_line + 1, reader.line_num
            if line == 1:
                continue  # the header
            if errors.full:
                errors.truncated = True
                return
            if not any(cell.strip() for cell in row):
                continue  # blank line
            if len(row) != len(header):
                errors.add(
                    LineError(
                        name,
                        line,
                        None,
                        f"a linha tem {len(row)} campos e o cabeçalho tem {len(header)} "
                        f"(separador '{protheus_file.delimiter}' dentro de um valor sem aspas?)",
                    )
                )
                continue
            values: dict[str, Any] = dict(key_defaults)
            problems: list[tuple[str, str]] = []
            for column, cell in zip(columns, row, strict=True):
                if column is None or column.target is None:
                    continue
                if not cell.strip():
                    if column.required:
                        problems.append((column.name, "campo obrigatório vazio"))
                    values[column.target] = column.blank
                    continue
                try:
                    values[column.target] = column.parse(cell)
                except InvalidValue as exc:
                    problems.append((column.name, str(exc)))
            problems += spec.check_row(values, context)
            if not problems:
                key = tuple(values[target] for target in spec.key)
                if key in seen_keys:
                    problems.append(
                        (
                            spec.key_columns,
                            f"chave repetida no arquivo (já está na linha {seen_keys[key]})",
                        )
                    )
                else:
                    seen_keys[key] = line
            for field_name, message in problems:
                errors.add(LineError(name, line, field_name, message))
            if not problems:
                protheus_file.rows.append(ParsedRow(line, values))
    except csv.Error as exc:
        errors.add(LineError(name, previous_line + 1, None, f"linha ilegível: {exc}"))
