"""The Protheus CSV import as one service (command line and REST API)."""

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, transaction

from finance.formatting import integer_br, plural
from finance.models import Branch
from finance.services import RefreshResult, titles_refresh

from .errors import ErrorCollector, LineError, ProtheusImportError
from .loaders import (
    LoadCounts,
    ReceivableCounts,
    customers_upsert,
    receivables_link_customers,
    receivables_upsert,
)
from .protheus import SA1, SE1, open_file, parse_rows

logger = logging.getLogger(__name__)


@dataclass
class ImportResult:
    """What an import did, per file; None for a file not given."""

    customers: LoadCounts | None = None
    receivables: ReceivableCounts | None = None
    linked_receivables: int = 0
    mirror: RefreshResult | None = None

    def summary_lines(self) -> list[str]:
        """The result as shown to a person (pt-BR)."""
        lines = []
        if self.customers is not None:
            lines.append(f"SA1: {_counts(self.customers)}")
            if self.linked_receivables:
                titles = plural(
                    self.linked_receivables,
                    "título já importado",
                    "títulos já importados",
                )
                lines.append(f"SA1: {titles} agora com o seu cliente")
        if self.receivables is not None:
            lines.append(f"SE1: {_counts(self.receivables)}")
            if self.receivables.without_customer:
                titles = plural(self.receivables.without_customer, "título", "títulos")
                lines.append(
                    f"SE1: {titles} sem cliente no SA1 "
                    "(fora da seleção de títulos até o cliente ser importado)"
                )
        if self.mirror is not None and (self.mirror.updated or self.mirror.removed):
            removed = plural(self.mirror.removed, "título quitado", "títulos quitados")
            updated = plural(self.mirror.updated, "atualizado", "atualizados")
            lines.append(f"SK1: {removed} ou sem cliente fora da cobrança, {updated}")
        return lines


def _counts(counts: LoadCounts) -> str:
    if not counts.created + counts.updated + counts.unchanged:
        return (
            "o arquivo não tem nenhuma linha de dados (só o cabeçalho); nada a importar"
        )
    return (
        f"{plural(counts.created, 'criado', 'criados')}, "
        f"{plural(counts.updated, 'alterado', 'alterados')}, "
        f"{integer_br(counts.unchanged)} sem alteração"
    )


@transaction.atomic
def protheus_import(
    *, sa1_path: Path | str | None = None, se1_path: Path | str | None = None
) -> ImportResult:
    """Load the Protheus SA1 and/or SE1 export files in one transaction.

    Every line of both files is validated before anything is written; any
    bad line raises ProtheusImportError listing the problems, and nothing
    from either file is written. Customers load first, so titles in the
    SE1 file find the customers of the SA1 file given with it. Loading the
    same files again changes nothing.
    """
    if sa1_path is None and se1_path is None:
        raise ValueError("protheus_import needs sa1_path, se1_path or both")
    started = time.monotonic()
    try:
        try:
            result = _load(sa1_path=sa1_path, se1_path=se1_path)
        except IntegrityError as exc:
            # Every line was validated, so the usual cause is another import
            # writing the same keys at the same moment; the transaction is lost.
            raise ProtheusImportError(
                [
                    LineError(
                        "importação",
                        None,
                        None,
                        f"o banco recusou a gravação ({exc}); outra importação dos mesmos registros "
                        "pode estar em andamento. Repita a importação",
                    )
                ]
            ) from exc
    except ProtheusImportError as exc:
        # The errors themselves go back to the caller: they quote file values.
        logger.warning(
            "Protheus import refused: %d errors, nothing written", len(exc.errors)
        )
        raise
    if result.customers is not None:
        counts = result.customers
        logger.info(
            "SA1 import: %d created, %d updated, %d unchanged, %d titles linked",
            counts.created,
            counts.updated,
            counts.unchanged,
            result.linked_receivables,
        )
    if result.receivables is not None:
        counts = result.receivables
        logger.info(
            "SE1 import: %d created, %d updated, %d unchanged, %d without customer",
            counts.created,
            counts.updated,
            counts.unchanged,
            counts.without_customer,
        )
    logger.info("Protheus import finished in %.2fs", time.monotonic() - started)
    return result


def _load(*, sa1_path: Path | str | None, se1_path: Path | str | None) -> ImportResult:
    errors = ErrorCollector()
    sa1 = open_file(Path(sa1_path), SA1, errors) if sa1_path is not None else None
    se1 = open_file(Path(se1_path), SE1, errors) if se1_path is not None else None
    errors.raise_if_any()

    branches = {branch.code: branch for branch in Branch.objects.all()}
    if sa1 is not None:
        parse_rows(sa1, errors, {})
    if se1 is not None:
        parse_rows(se1, errors, {"branches": branches})
    errors.raise_if_any()

    result = ImportResult()
    if sa1 is not None:
        result.customers = customers_upsert(rows=sa1.rows, fields=sa1.present_targets)
        result.linked_receivables = receivables_link_customers()
    if se1 is not None:
        used_branches = {row.values["branch_id"] for row in se1.rows}
        result.receivables = receivables_upsert(
            rows=se1.rows,
            fields=se1.present_targets | set(SE1.key),
            branches=[
                branch for branch in branches.values() if branch.pk in used_branches
            ],
        )
        if result.receivables.updated:
            # A title paid in the ERP leaves collection now, not at the next selection.
            result.mirror = titles_refresh()
    return result
