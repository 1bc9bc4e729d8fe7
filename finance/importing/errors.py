"""Errors of an import: where each bad line is and what is wrong with it."""

from dataclasses import dataclass

# More errors than this are not useful to a person fixing a file; parsing
# stops there so a broken 1-million-line file fails fast.
MAX_ERRORS = 20


@dataclass(frozen=True)
class LineError:
    """One problem in an import file: where it is and what is wrong."""

    file: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"linha {self.line}")
        if self.field:
            parts.append(f"campo {self.field}")
        return f"{', '.join(parts)}: {self.message}"


class ProtheusImportError(Exception):
    """An import refused as a whole; `errors` lists the bad lines."""

    def __init__(self, errors: list[LineError], *, truncated: bool = False) -> None:
        self.errors = list(errors)
        self.truncated = truncated
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [str(error) for error in self.errors]
        if self.truncated:
            lines.append(f"(importação interrompida após {MAX_ERRORS} erros)")
        lines.append("Nada foi gravado.")
        return "\n".join(lines)


class ErrorCollector:
    """Line errors gathered across both files, up to MAX_ERRORS."""

    def __init__(self) -> None:
        self.errors: list[LineError] = []
        self.truncated = False

    def add(self, error: LineError) -> None:
        if len(self.errors) >= MAX_ERRORS:
            self.truncated = True
            return
        self.errors.append(error)

    @property
    def full(self) -> bool:
        return len(self.errors) >= MAX_ERRORS

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ProtheusImportError(self.errors, truncated=self.truncated)
