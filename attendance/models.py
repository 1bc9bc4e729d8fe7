"""Build runs, band queues (pre-attendance) and collection lists (agenda)."""

from django.db import models
from django.db.models import Q


class BuildRun(models.Model):
    """One run of a nightly job (title selection, band build or list build),
    as a supervisor sees it: reference date, status, progress, counts."""

    class Job(models.TextChoices):
        SELECTION = "selection", "Seleção de títulos"
        BANDS = "bands", "Filas das faixas"
        LISTS = "lists", "Listas de cobrança"

    class Status(models.TextChoices):
        RUNNING = "running", "Em execução"
        SUCCEEDED = "succeeded", "Concluída"
        FAILED = "failed", "Falhou"

    job = models.CharField("rotina", max_length=10, choices=Job.choices)
    reference_date = models.DateField("data base")
    status = models.CharField(
        "situação", max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    progress = models.PositiveSmallIntegerField("progresso (%)", default=0)
    counts = models.JSONField("contagens", default=dict, blank=True)
    started_at = models.DateTimeField("início", auto_now_add=True)
    finished_at = models.DateTimeField("fim", null=True, blank=True)
    duration_seconds = models.DecimalField(
        "duração (s)", max_digits=10, decimal_places=3, null=True, blank=True
    )
    error = models.TextField("erro", blank=True)

    class Meta:
        verbose_name = "execução de rotina"
        verbose_name_plural = "execuções de rotinas"
        ordering = ["-started_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="build_run_progress_percent"
            ),
        ]

    def __str__(self):
        return f"{self.get_job_display()} {self.reference_date:%d/%m/%Y} ({self.get_status_display()})"


class JobLock(models.Model):
    """One row per job, locked for the length of a run so that two runs of
    the same job never overlap (the second stops with "already running")."""

    job = models.CharField(
        max_length=10, primary_key=True, choices=BuildRun.Job.choices
    )

    class Meta:
        verbose_name = "trava de rotina"
        verbose_name_plural = "travas de rotinas"

    def __str__(self):
        return self.job


class BandQueueEntry(models.Model):
    """A customer waiting in a band's pre-attendance queue.

    The whole customer is worked at once: it stands in the band of its
    oldest open overdue title with every open overdue title it has. A
    customer stands in one band only (unique customer).

    Like the collection list items, the rows are written only by a
    set-based build, from the rules, customers and owners it has just read;
    the database holds their keys (unique customer, unique priority per
    band) but does not re-check and lock each reference row by row, which
    would cost more than the build itself. The ORM still deletes the rows
    with what they point to.
    """

    build_run = models.ForeignKey(
        BuildRun,
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
        related_name="+",
        verbose_name="execução",
    )
    reference_date = models.DateField("data base")
    selection_rule = models.ForeignKey(
        "rules.SelectionRule",
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
        related_name="queue_entries",
        verbose_name="faixa",
    )
    customer = models.OneToOneField(
        "finance.Customer",
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="queue_entry",
        verbose_name="cliente",
    )
    oldest_real_due_date = models.DateField("vencimento real mais antigo")
    days_late = models.PositiveIntegerField("dias de atraso")
    titles = models.PositiveIntegerField("títulos")
    balance = models.DecimalField("saldo", max_digits=18, decimal_places=2)
    owner = models.ForeignKey(
        "operators.Operator",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        db_index=False,
        db_constraint=False,
        related_name="+",
        verbose_name="operador responsável",
    )
    priority = models.PositiveIntegerField(
        "prioridade", help_text="1 = o próximo a ser atendido na faixa."
    )

    class Meta:
        verbose_name = "cliente na fila da faixa"
        verbose_name_plural = "filas das faixas (pré-atendimento)"
        ordering = ["selection_rule__order", "priority"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection_rule", "priority"], name="band_queue_unique_priority"
            ),
        ]

    def __str__(self):
        return f"{self.selection_rule.code} #{self.priority} {self.customer_id}"


class CollectionList(models.Model):
    """A dated collection list of one operator (SU4, tipo 2 = Cobrança)."""

    class Status(models.TextChoices):
        PENDING = "1", "Ativa/pendente"
        CLOSED = "2", "Encerrada"
        IN_PROGRESS = "3", "Em andamento"

    build_run = models.ForeignKey(
        BuildRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="execução",
    )
    date = models.DateField("data", help_text="U4_DATA")
    operator = models.ForeignKey(
        "operators.Operator",
        on_delete=models.CASCADE,
        related_name="collection_lists",
        verbose_name="operador",
        help_text="U4_OPERAD",
    )
    group = models.ForeignKey(
        "operators.AttendanceGroup",
        on_delete=models.CASCADE,
        related_name="collection_lists",
        verbose_name="grupo de atendimento",
    )
    description = models.CharField("descrição", max_length=60, help_text="U4_DESC")
    status = models.CharField(
        "situação",
        max_length=1,
        choices=Status.choices,
        default=Status.PENDING,
        help_text="U4_STATUS",
    )
    created_at = models.DateTimeField("criada em", auto_now_add=True)

    class Meta:
        verbose_name = "lista de cobrança (SU4)"
        verbose_name_plural = "listas de cobrança (SU4)"
        ordering = ["-date", "operator"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "operator"], name="collection_list_one_per_operator_day"
            ),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.operator}"


class CollectionListItem(models.Model):
    """One customer to call on a collection list (SU6), shown in the agenda.

    Written only by the list build (see BandQueueEntry on why its
    references are not re-checked row by row); the database holds the keys:
    one item per customer per day, one position per list.
    """

    class Status(models.TextChoices):
        PENDING = "1", "Não enviado (pendente)"
        IN_USE = "2", "Em uso"
        DONE = "3", "Enviado (concluído)"

    # Both references are looked up through the unique keys in Meta.
    collection_list = models.ForeignKey(
        CollectionList,
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
        related_name="items",
        verbose_name="lista",
    )
    date = models.DateField("data", help_text="U6_DATA")
    customer = models.ForeignKey(
        "finance.Customer",
        on_delete=models.CASCADE,
        db_index=False,
        db_constraint=False,
        related_name="collection_list_items",
        verbose_name="cliente",
        help_text="U6_CODENT",
    )
    position = models.PositiveIntegerField("ordem", help_text="1 = ligar primeiro.")
    oldest_real_due_date = models.DateField("vencimento real mais antigo")
    days_late = models.PositiveIntegerField("dias de atraso")
    titles = models.PositiveIntegerField("títulos")
    balance = models.DecimalField("saldo", max_digits=18, decimal_places=2)
    status = models.CharField(
        "situação",
        max_length=1,
        choices=Status.choices,
        default=Status.PENDING,
        help_text="U6_STATUS",
    )

    class Meta:
        verbose_name = "item da lista de cobrança (SU6)"
        verbose_name_plural = "itens das listas de cobrança (SU6)"
        ordering = ["collection_list", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "customer"],
                name="collection_list_item_one_per_customer_day",
            ),
            models.UniqueConstraint(
                fields=["collection_list", "position"],
                name="collection_list_item_unique_position",
            ),
        ]

    def __str__(self):
        return f"{self.collection_list} #{self.position}"
