"""Attendance groups (SU0) and operators (SU7)."""

from django.conf import settings
from django.db import models


class AttendanceGroup(models.Model):
    """An attendance group (Grupo de Atendimento / posto, SU0): a team that
    works one selection rule with one negotiation rule."""

    class CallDirection(models.TextChoices):
        RECEPTIVE = "1", "Receptiva"
        ACTIVE = "2", "Ativa"
        BOTH = "3", "Ambas"

    code = models.CharField("código", max_length=2, unique=True, help_text="U0_CODIGO")
    name = models.CharField("nome", max_length=40, help_text="U0_NOME")
    selection_rule = models.ForeignKey(
        "rules.SelectionRule",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
        verbose_name="regra de seleção",
        help_text="U0_REGSEL: sem ela o grupo não trabalha cobrança.",
    )
    negotiation_rule = models.ForeignKey(
        "rules.NegotiationRule",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
        verbose_name="regra de negociação",
        help_text="U0_REGNEG: sem ela o grupo não trabalha cobrança.",
    )
    call_direction = models.CharField(
        "ligações",
        max_length=1,
        choices=CallDirection.choices,
        default=CallDirection.BOTH,
        help_text="U0_BOUND: receptiva, ativa ou ambas.",
    )
    send_collection_email = models.BooleanField(
        "envia e-mail de cobrança", default=False, help_text="U0_TLCMAIL"
    )

    class Meta:
        verbose_name = "grupo de atendimento (SU0)"
        verbose_name_plural = "grupos de atendimento (SU0)"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} - {self.name}"

    @property
    def works_collections(self) -> bool:
        return (
            self.selection_rule_id is not None and self.negotiation_rule_id is not None
        )


class Operator(models.Model):
    """An operator (Operador, SU7): a Django user who works collections."""

    class AttendanceProfile(models.TextChoices):
        TELEMARKETING = "1", "Telemarketing"
        TELESALES = "2", "Televendas"
        COLLECTIONS = "3", "Telecobrança"
        ALL = "4", "Todos"
        TELEMARKETING_TELESALES = "5", "TmkTlv (Telemarketing + Televendas)"
        SERVICE = "6", "Teleatendimento"

    COLLECTION_PROFILES = (AttendanceProfile.COLLECTIONS, AttendanceProfile.ALL)

    class Role(models.TextChoices):
        OPERATOR = "1", "Operador"
        SUPERVISOR = "2", "Supervisor"

    code = models.CharField("código", max_length=6, unique=True, help_text="U7_COD")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="operator",
        verbose_name="usuário",
        help_text="U7_CODUSU",
    )
    name = models.CharField("nome", max_length=40, help_text="U7_NOME")
    group = models.ForeignKey(
        AttendanceGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="operators",
        verbose_name="grupo de atendimento",
        help_text="U7_POSTO",
    )
    attendance_profile = models.CharField(
        "atendimento",
        max_length=1,
        choices=AttendanceProfile.choices,
        default=AttendanceProfile.COLLECTIONS,
        help_text="U7_TIPOATE: cobrança exige Telecobrança ou Todos.",
    )
    role = models.CharField(
        "tipo",
        max_length=1,
        choices=Role.choices,
        default=Role.OPERATOR,
        help_text="U7_TIPO",
    )
    is_active = models.BooleanField(
        "ativo", default=True, help_text="Inativos não recebem listas de cobrança."
    )
    daily_capacity = models.PositiveIntegerField(
        "capacidade diária",
        null=True,
        blank=True,
        help_text="Clientes por dia na lista de cobrança; vazio = o parâmetro geral.",
    )

    class Meta:
        verbose_name = "operador (SU7)"
        verbose_name_plural = "operadores (SU7)"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} - {self.name}"

    @property
    def works_collections(self) -> bool:
        return self.attendance_profile in self.COLLECTION_PROFILES
