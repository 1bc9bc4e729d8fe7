from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "finance"
    verbose_name = "Financeiro"

    def ready(self):
        from . import checks  # noqa: F401  (registers the SK1 mirror check)
