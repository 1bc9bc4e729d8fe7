from django.core.management.base import BaseCommand, CommandError

from attendance.services import selection_run
from finance.dates import reference_date_argument, reference_date_option
from finance.formatting import date_br, integer_br
from finance.jobs import JobAlreadyRunning


class Command(BaseCommand):
    help = "Seleção de títulos (TMKA180): atualiza o SK1 a partir do SE1 na data base."

    def add_arguments(self, parser):
        reference_date_argument(parser)

    def handle(self, *args, **options):
        reference_date = reference_date_option(options["date"])
        try:
            run = selection_run(reference_date=reference_date)
        except JobAlreadyRunning as error:
            raise CommandError(str(error)) from None
        counts = {key: integer_br(value) for key, value in run.counts.items()}
        seconds = f"{run.duration_seconds}".replace(".", ",")
        self.stdout.write(
            f"Seleção de títulos em {date_br(reference_date)}: {counts['inserted']} incluídos, "
            f"{counts['updated']} atualizados, {counts['removed']} removidos, "
            f"{counts['unchanged']} sem alteração ({seconds} s)."
        )
