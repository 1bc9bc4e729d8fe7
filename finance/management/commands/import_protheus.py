"""`manage.py import_protheus`: load Protheus SA1/SE1 export files."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from finance.importing import ProtheusImportError, protheus_import


class Command(BaseCommand):
    help = (
        "Importa os arquivos exportados do Protheus: clientes (SA1) e títulos a receber (SE1). "
        "Formato: CSV com cabeçalho de nomes de campo do Protheus (A1_COD, E1_NUM, ...), "
        "separado por ';' ou ',', em UTF-8 ou Latin-1; datas AAAAMMDD (vazias onde o campo "
        "é opcional); decimais com '.' ou ','; campos de texto podem vir completados com "
        "espaços. Colunas desconhecidas são ignoradas. SA1 exige A1_COD, A1_LOJA e A1_NOME; "
        "SE1 exige E1_FILIAL, E1_NUM, E1_TIPO, E1_CLIENTE, E1_LOJA, E1_VENCTO, E1_VALOR e "
        "E1_SALDO. Sem E1_VENCREA, o vencimento real é calculado pelo calendário da filial. "
        "Uma linha inválida cancela a importação inteira (nada é gravado) e a mensagem diz "
        "o arquivo, a linha e o campo. Importar os mesmos arquivos de novo não muda nada."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--sa1", metavar="ARQUIVO", help="CSV de clientes (campos A1_*)."
        )
        parser.add_argument(
            "--se1", metavar="ARQUIVO", help="CSV de títulos a receber (campos E1_*)."
        )

    def handle(self, *args, **options) -> None:
        if not options["sa1"] and not options["se1"]:
            raise CommandError(
                "Informe ao menos um arquivo: --sa1 ARQUIVO e/ou --se1 ARQUIVO."
            )
        try:
            result = protheus_import(sa1_path=options["sa1"], se1_path=options["se1"])
        except ProtheusImportError as exc:
            raise CommandError(f"Importação recusada.\n{exc}") from exc
        for line in result.summary_lines():
            self.stdout.write(line)
