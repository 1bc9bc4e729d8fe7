from django.core.management.base import BaseCommand, CommandError

from attendance.services import collections_build
from finance.dates import reference_date_argument, reference_date_option
from finance.formatting import date_br, integer_br
from finance.jobs import JobAlreadyRunning


class Command(BaseCommand):
    help = (
        "Monta as filas das faixas (pré-atendimento) e as listas de cobrança datadas (agenda) "
        "a partir do SK1, na data base."
    )

    def add_arguments(self, parser):
        reference_date_argument(parser)

    def handle(self, *args, **options):
        reference_date = reference_date_option(options["date"])
        try:
            bands, lists = collections_build(reference_date=reference_date)
        except JobAlreadyRunning as error:
            raise CommandError(str(error)) from None
        per_rule = (
            ", ".join(
                f"{code}: {integer_br(count)}"
                for code, count in bands.counts["rules"].items()
            )
            or "nenhuma faixa"
        )
        self.stdout.write(
            f"Filas das faixas em {date_br(reference_date)}: "
            f"{integer_br(bands.counts['customers'])} clientes ({per_rule})."
        )
        self.stdout.write(
            f"Listas de cobrança em {date_br(reference_date)}: "
            f"{integer_br(lists.counts['lists'])} listas, "
            f"{integer_br(lists.counts['items'])} clientes agendados, "
            f"{integer_br(lists.counts['not_scheduled'])} sem agenda."
        )
