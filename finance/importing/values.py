"""Readers of single Protheus values: characters, dates, numbers, CPF/CNPJ.

Each raises InvalidValue with a pt-BR message naming what is wrong; the
caller adds the file, line and field.
"""

import re
from datetime import date
from decimal import Decimal

from finance.dates import business_date_check
from finance.models import Customer
from finance.validators import tax_id_normalize

# Longest piece of a bad value echoed back in an error message.
SHOWN_VALUE_LENGTH = 30


class InvalidValue(Exception):
    """A value that cannot be read; the message is shown to the user."""


def shown(value: str) -> str:
    """A bad value quoted for an error message, cut when very long."""
    if len(value) > SHOWN_VALUE_LENGTH:
        value = value[:SHOWN_VALUE_LENGTH] + "…"
    return f"'{value}'"


CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def parse_char(text: str, *, max_length: int) -> str:
    """A character field without the padding; longer than the field, or
    holding a control character (a NUL byte, say), is an error."""
    value = text.strip()
    control = CONTROL_CHARACTER.search(value)
    if control:
        raise InvalidValue(
            f"caractere de controle (código {ord(control.group())}) na posição "
            f"{control.start() + 1}; o arquivo parece corrompido"
        )
    if len(value) > max_length:
        raise InvalidValue(
            f"valor com {len(value)} caracteres; o máximo é {max_length}"
        )
    return value


def parse_date(text: str) -> date:
    """A YYYYMMDD date."""
    value = text.strip()
    if re.fullmatch(r"[0-9]{8}", value):
        try:
            parsed = date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            pass
        else:
            try:
                return business_date_check(parsed)
            except ValueError as error:
                raise InvalidValue(f"data {shown(value)}: {error}") from None
    raise InvalidValue(f"data inválida {shown(value)} (use AAAAMMDD)")


def _is_grouped(text: str, separator: str) -> bool:
    """True when `text` is digits grouped by thousands: 1.234.567."""
    groups = text.split(separator)
    return bool(re.fullmatch(r"[0-9]{1,3}", groups[0])) and all(
        re.fullmatch(r"[0-9]{3}", g) for g in groups[1:]
    )


def parse_decimal(text: str, *, max_digits: int, decimal_places: int) -> Decimal:
    """A number with `.` or `,` as the decimal separator.

    A thousands separator is accepted only where it cannot be misread:
    "1.234,56" and "1,234.56" (both separators, the last one is the
    decimal one) or "1.234.567" (repeated). A single separator followed by
    exactly three digits ("1.234") could be either, so it is refused rather
    than guessed.
    """
    value = text.strip()
    invalid = InvalidValue(f"número inválido {shown(value)}")
    negative = value.startswith("-")
    body = value[1:] if negative else value
    if not re.fullmatch(r"[0-9][0-9.,]*", body) or body[-1] in ".,":
        raise invalid
    separators = [ch for ch in body if ch in ".,"]
    if not separators:
        integer, fraction = body, ""
    elif len(set(separators)) == 2:
        decimal_separator = separators[-1]
        thousands_separator = "," if decimal_separator == "." else "."
        integer, _, fraction = body.rpartition(decimal_separator)
        if decimal_separator in integer or not _is_grouped(
            integer, thousands_separator
        ):
            raise invalid
        integer = integer.replace(thousands_separator, "")
    elif len(separators) > 1:
        if not _is_grouped(body, separators[0]):
            raise invalid
        integer, fraction = body.replace(separators[0], ""), ""
    else:
        integer, _, fraction = body.partition(separators[0])
        if (
            len(fraction) == 3
            and _is_grouped(integer, separators[0])
            and not integer.startswith("0")
        ):
            raise InvalidValue(
                f"número ambíguo {shown(value)}: o separador pode ser de milhar ou decimal (escreva 1234,00 ou 1234.00)"
            )
    if len(fraction) > decimal_places:
        raise InvalidValue(
            f"número com mais de {decimal_places} casas decimais {shown(value)}"
        )
    if len(integer.lstrip("0")) > max_digits - decimal_places:
        raise InvalidValue(f"número grande demais {shown(value)}")
    number = Decimal(f"{integer}.{fraction or '0'}").quantize(
        Decimal(1).scaleb(-decimal_places)
    )
    return -number if negative and number else number


def parse_integer(text: str, *, minimum: int, maximum: int) -> int:
    value = text.strip()
    if not re.fullmatch(r"[0-9]+", value) or not minimum <= int(value) <= maximum:
        raise InvalidValue(
            f"número inteiro inválido {shown(value)} (de {minimum} a {maximum})"
        )
    return int(value)


def parse_person_type(text: str) -> str:
    value = text.strip().upper()
    if value and value not in Customer.PersonType.values:
        raise InvalidValue(f"tipo de pessoa inválido {shown(value)} (use F ou J)")
    return value


def parse_tax_id(text: str) -> str:
    """A CPF or CNPJ without punctuation, with valid check digits."""
    try:
        return tax_id_normalize(text)
    except ValueError as error:
        raise InvalidValue(str(error)) from None
