"""`manage.py bench_builds`: time title selection, band build and list build."""

from django.core.management.base import BaseCommand, CommandError

from attendance.benchmark import (
    DEFAULT_TITLES,
    BenchmarkRefused,
    bench_run,
    report_lines,
)
from finance.dates import reference_date_argument, reference_date_option


class Command(BaseCommand):
    help = (
        "Mede a seleção de títulos, a montagem das faixas e a das listas de cobrança numa carteira gerada "
        "em SQL (padrão: 1.000.000 de títulos e 100.000 clientes, no PostgreSQL). Não toca nos seus dados: "
        "cria um banco temporário <NOME>_bench, mede e o apaga. Mostra por etapa linhas, segundos, linhas "
        "por segundo, comandos SQL e pico de memória; com --baseline compara com o SQL escrito à mão de "
        "shared/bench/raw_sql_baseline.sql (meta: no máximo 3x). Com -v 2 mostra também os comandos mais "
        "lentos de cada etapa."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--titles",
            type=int,
            default=DEFAULT_TITLES,
            help=f"Títulos gerados (padrão {DEFAULT_TITLES}); os clientes são um décimo disso.",
        )
        reference_date_argument(parser)
        parser.add_argument(
            "--baseline",
            action="store_true",
            help="Roda também o SQL de referência com psql no banco temporário e mostra a razão nosso/base.",
        )
        parser.add_argument(
            "--in-place",
            action="store_true",
            help="Usa o banco atual em vez de um temporário; só num banco vazio, e apaga o que gerou ao terminar "
            "(é como os testes rodam).",
        )

    def handle(self, *args, **options):
        try:
            report = bench_run(
                titles=options["titles"],
                reference_date=reference_date_option(options["date"]),
                baseline=options["baseline"],
                in_place=options["in_place"],
                progress=lambda message: self.stderr.write(message),
            )
        except BenchmarkRefused as error:
            raise CommandError(str(error)) from error
        for line in report_lines(report, slowest=options["verbosity"] >= 2):
            self.stdout.write(line)
