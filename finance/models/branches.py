"""Branches (filiais, E1_FILIAL) and the holidays a supervisor adds to one."""

from django.db import models

from ..validators import business_date


class Branch(models.Model):
    """A company branch (filial, `E1_FILIAL`); its calendar moves due dates."""

    code = models.CharField(
        "filial", max_length=2, unique=True, help_text="E1_FILIAL / A1_FILIAL"
    )
    name = models.CharField("nome", max_length=60)
    state = models.CharField(
        "UF", max_length=2, help_text="Estado cujos feriados valem para a filial."
    )
    city = models.CharField("município", max_length=60, blank=True)

    class Meta:
        verbose_name = "filial"
        verbose_name_plural = "filiais"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} - {self.name}"


class BranchHoliday(models.Model):
    """A holiday a supervisor adds for one branch (city anniversary, company
    day) on top of the national and state holidays."""

    branch = models.ForeignKey(
        Branch, on_delete=models.CASCADE, related_name="holidays", verbose_name="filial"
    )
    date = models.DateField("data", validators=[business_date])
    description = models.CharField("descrição", max_length=60)

    class Meta:
        verbose_name = "feriado da filial"
        verbose_name_plural = "feriados da filial"
        ordering = ["branch", "date"]
        constraints = [
            models.UniqueConstraint(
                fields=["branch", "date"], name="branch_holiday_unique_date"
            ),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.description}"
