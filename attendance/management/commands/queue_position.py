import json
from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand

from attendance.selectors import queue_position
from finance.dates import reference_date_argument, reference_date_option
from finance.formatting import brl, date_br, integer_br

COLUMNS = "{:<8} {:<6} {:<14} {:>9} {:>9} {:>18} {:>9} {:>9}"


class Command(BaseCommand):
    help = (
        "Posição geral da fila de telecobrança (TMKR046) na data base: por regra de "
        "seleção, na ordem da cadeia, clientes, títulos, saldo e clientes com e sem "
        "operador responsável; depois o que está fora de toda faixa. Em texto (pt-BR) "
        "ou, com --json, como dados para outros sistemas."
    )

    def add_arguments(self, parser):
        reference_date_argument(parser)
        parser.add_argument(
            "--json",
            action="store_true",
            help="Imprime o relatório em JSON (datas ISO, saldos como texto decimal).",
        )

    def handle(self, *args, **options):
        report = queue_position(reference_date=reference_date_option(options["date"]))
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
            return
        day = date.fromisoformat(report["reference_date"])
        self.stdout.write(f"Posição geral da fila em {date_br(day)}")
        self.stdout.write(
            COLUMNS.format(
                "regra",
                "tipo",
                "faixa (dias)",
                "clientes",
                "títulos",
                "saldo",
                "com dono",
                "sem dono",
            )
        )
        for rule in report["rules"]:
            to_days = rule["to_days"]
            band = (
                f"{rule['from_days']} a {to_days}"
                if to_days
                else f"{rule['from_days']} ou mais"
            )
            self.stdout.write(
                COLUMNS.format(
                    rule["code"],
                    "lista" if rule["kind"] == "list" else "faixa",
                    band,
                    integer_br(rule["customers"]),
                    integer_br(rule["titles"]),
                    brl(Decimal(rule["balance"])),
                    integer_br(rule["owned_customers"]),
                    integer_br(rule["unowned_customers"]),
                )
            )
        out = report["out_of_band"]
        self.stdout.write(
            COLUMNS.format(
                "fora",
                "",
                "de toda faixa",
                integer_br(out["customers"]),
                integer_br(out["titles"]),
                brl(Decimal(out["balance"])),
                "",
                "",
            ).rstrip()
        )
