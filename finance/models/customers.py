"""Customers (SA1) and the people to call at them (SU5)."""

from django.core.exceptions import ValidationError
from django.db import models

from ..validators import tax_id_normalize


class Customer(models.Model):
    """A customer (SA1), keyed by code and store (A1_COD + A1_LOJA)."""

    class PersonType(models.TextChoices):
        INDIVIDUAL = "F", "Física"
        COMPANY = "J", "Jurídica"

    code = models.CharField("código", max_length=6, help_text="A1_COD")
    store = models.CharField("loja", max_length=2, help_text="A1_LOJA")
    name = models.CharField("nome", max_length=40, help_text="A1_NOME")
    short_name = models.CharField(
        "nome reduzido", max_length=20, blank=True, help_text="A1_NREDUZ"
    )
    person_type = models.CharField(
        "tipo de pessoa",
        max_length=1,
        choices=PersonType.choices,
        blank=True,
        help_text="A1_PESSOA",
    )
    tax_id = models.CharField(
        "CPF/CNPJ",
        max_length=14,
        blank=True,
        help_text="A1_CGC: CPF ou CNPJ, guardado sem pontuação",
    )
    state = models.CharField("UF", max_length=2, blank=True, help_text="A1_EST")
    city = models.CharField("município", max_length=25, blank=True, help_text="A1_MUN")
    phone_area = models.CharField("DDD", max_length=3, blank=True, help_text="A1_DDD")
    phone = models.CharField("telefone", max_length=15, blank=True, help_text="A1_TEL")
    email = models.CharField("e-mail", max_length=100, blank=True, help_text="A1_EMAIL")
    created_at = models.DateTimeField("criado em", auto_now_add=True)
    updated_at = models.DateTimeField("alterado em", auto_now=True)

    class Meta:
        verbose_name = "cliente (SA1)"
        verbose_name_plural = "clientes (SA1)"
        ordering = ["code", "store"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "store"], name="customer_unique_code_store"
            ),
        ]

    def __str__(self):
        return f"{self.code}/{self.store} {self.name}"

    def clean(self):
        """The CPF/CNPJ rules the Protheus import applies, for a customer
        typed by hand: valid check digits, stored without punctuation, and
        a CPF for a person, a CNPJ for a company."""
        try:
            self.tax_id = tax_id_normalize(self.tax_id or "")
        except ValueError as error:
            raise ValidationError({"tax_id": str(error)}) from None
        if (
            self.tax_id
            and self.person_type == self.PersonType.INDIVIDUAL
            and len(self.tax_id) != 11
        ):
            raise ValidationError(
                {"tax_id": "Pessoa física precisa de CPF, não de CNPJ."}
            )
        if (
            self.tax_id
            and self.person_type == self.PersonType.COMPANY
            and len(self.tax_id) != 14
        ):
            raise ValidationError(
                {"tax_id": "Pessoa jurídica precisa de CNPJ, não de CPF."}
            )


class Contact(models.Model):
    """A person to call at a customer (SU5 linked through AC8)."""

    customer = models.ForeignKey(
        Customer,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name="cliente",
    )
    name = models.CharField("nome", max_length=40, help_text="U5_CONTAT")
    phone_area = models.CharField("DDD", max_length=3, blank=True, help_text="U5_DDD")
    home_phone = models.CharField(
        "telefone residencial", max_length=15, blank=True, help_text="U5_FONE"
    )
    mobile_phone = models.CharField(
        "celular", max_length=15, blank=True, help_text="U5_CELULAR"
    )
    business_phone = models.CharField(
        "telefone comercial", max_length=15, blank=True, help_text="U5_FCOM1"
    )
    email = models.CharField("e-mail", max_length=100, blank=True, help_text="U5_EMAIL")
    is_collection_contact = models.BooleanField(
        "contato de cobrança",
        default=False,
        help_text="U5_TIPO = 3: preferido para ligações de cobrança.",
    )

    class Meta:
        verbose_name = "contato (SU5)"
        verbose_name_plural = "contatos (SU5)"
        ordering = ["customer", "-is_collection_contact", "name"]

    def __str__(self):
        return self.name
