from django.core.management.base import BaseCommand, CommandError

from attendance.services import collections_build
from finance.dates import reference_date_option
from finance.jobs import JobAlreadyRunning


class Command(BaseCommand):
    help = (
        "Monta as filas das faixas (pré-atendimento) e as listas de cobrança datadas (agenda) "
        "a partir do SK1, na data base."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Data base AAAA-MM-DD (padrão: hoje no fuso configurado)."
        )

    def handle(self, *args, **options):
        reference_date = reference_date_option(options["date"])
        try:
            bands, lists = collections_build(reference_date=reference_date)
        except JobAlreadyRunning as error:
            raise CommandError(str(error)) from None
        per_rule = (
            ", ".join(
                f"{code}: {count}" for code, count in bands.counts["rules"].items()
            )
            or "nenhuma faixa"
        )
        self.stdout.write(
            f"Filas das faixas em {reference_date:%d/%m/%Y}: {bands.counts['customers']} clientes ({per_rule})."
        )
        self.stdout.write(
            f"Listas de cobrança em {reference_date:%d/%m/%Y}: {lists.counts['lists']} listas, "
            f"{lists.counts['items']} clientes agendados, {lists.counts['not_scheduled']} sem agenda."
        )
