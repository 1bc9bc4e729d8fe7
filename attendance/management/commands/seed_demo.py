"""`manage.py seed_demo`: demo configuration, users and portfolio for local use."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError

from attendance.demo import demo_seed
from finance.dates import reference_date_argument, reference_date_option
from rules.selectors import bands_list


class Command(BaseCommand):
    help = (
        "Cria dados de demonstração para uso local: filial 01 Matriz (São Paulo/SP), faixas de 1 a 30, "
        "31 a 60 e 61 a 120 dias, regra de listas, regra de negociação, quatro grupos com dois operadores "
        "cada, um supervisor e (sem --no-titles) uma carteira de clientes e títulos gerada. Pode ser "
        "executado de novo sem duplicar nada. As senhas são fixas e impressas no final: por isso o comando "
        "se recusa a rodar com DEBUG desligado, a menos que se passe --force."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-titles",
            action="store_true",
            help="Cria só a configuração e os usuários, sem clientes e títulos.",
        )
        reference_date_argument(parser, what="Data base da carteira")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Roda mesmo com DEBUG desligado (senhas fixas de demonstração: nunca em um servidor acessível).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG está desligado: seed_demo cria usuários com senhas fixas de demonstração e não deve "
                "rodar em produção. Use --force se este é mesmo um ambiente local."
            )
        reference_date = reference_date_option(options["date"])
        try:
            result = demo_seed(
                reference_date=reference_date, with_titles=not options["no_titles"]
            )
        except IntegrityError as error:
            raise CommandError(
                f"Não foi possível criar os dados de demonstração ({error}). O seed_demo espera um banco vazio "
                "ou já preparado por ele mesmo: outra regra de seleção ou outro grupo pode estar usando a mesma "
                "ordem ou o mesmo código."
            ) from error

        branch = result.branch
        self.stdout.write(
            f"Dados de demonstração prontos (data base {result.reference_date:%d/%m/%Y})."
        )
        self.stdout.write(
            f"Filial {branch.code} - {branch.name} ({branch.city}/{branch.state})"
        )
        self.stdout.write("Regras de seleção:")
        for band in bands_list():
            self.stdout.write(
                f"  {band.rule.code}  {band.label():<20} {band.rule.description}"
            )
        if result.titles_created:
            self.stdout.write(
                f"Carteira gerada: {result.customers_created} clientes novos, {result.titles_created} títulos."
            )
        elif options["no_titles"]:
            self.stdout.write(
                f"Carteira não gerada (--no-titles); a filial tem {result.titles_existing} títulos."
            )
        else:
            self.stdout.write(
                f"Carteira mantida: a filial {branch.code} já tem {result.titles_existing} títulos "
                "(a carteira de demonstração só é gerada numa filial sem títulos)."
            )

        self.stdout.write("")
        self.stdout.write(
            self.style.WARNING("Acessos (usuário / senha), somente para uso local:")
        )
        for login in result.logins:
            password = login.password or "(usuário já existia: senha mantida)"
            self.stdout.write(f"  {login.username} / {password}  - {login.description}")
        self.stdout.write(
            "O supervisor entra na administração (/admin/). As telas dos operadores "
            "(agenda, pré-atendimento, atendimento) ainda não existem: os acessos dos "
            "operadores já estão prontos para elas, mas hoje não abrem nenhuma tela."
        )
