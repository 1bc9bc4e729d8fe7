import json

from django.core.management.base import BaseCommand

from attendance.selectors import queue_position
from finance.dates import reference_date_option


class Command(BaseCommand):
    help = "Posição geral da fila de telecobrança (TMKR046) na data base, em texto ou JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", help="Data base AAAA-MM-DD (padrão: hoje no fuso configurado)."
        )
        parser.add_argument(
            "--json", action="store_true", help="Imprime o relatório em JSON."
        )

    def handle(self, *args, **options):
        report = queue_position(reference_date=reference_date_option(options["date"]))
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
            return
        header = f"{'regra':<8} {'tipo':<5} {'faixa (dias)':<14} {'clientes':>9} {'títulos':>8} {'saldo':>16} {'com dono':>9} {'sem dono':>9}"
        self.stdout.write(f"Posição geral da fila em {report['reference_date']}")
        self.stdout.write(header)
        for rule in report["rules"]:
            band = f"{rule['from_days']}-{rule['to_days'] if rule['to_days'] is not None else '...'}"
            kind = "lista" if rule["kind"] == "list" else "faixa"
            self.stdout.write(
                f"{rule['code']:<8} {kind:<5} {band:<14} {rule['customers']:>9} {rule['titles']:>8} "
                f"{rule['balance']:>16} {rule['owned_customers']:>9} {rule['unowned_customers']:>9}"
            )
        out = report["out_of_band"]
        self.stdout.write(
            f"{'fora':<8} {'':<5} {'':<14} {out['customers']:>9} {out['titles']:>8} {out['balance']:>16}"
        )
