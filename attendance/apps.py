from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = "Atendimento"

    def ready(self):
        from . import receivers  # noqa: F401  (connects the signal receivers)
