"""System check: the SK1 mirror keeps every copied SE1 column's type and size.

Protheus users know the failure this prevents: after a size-group change
SE1 and SK1 drift apart and titles are truncated, duplicated or not found.
Here a drift stops `manage.py check` (and every command) loudly.
"""

from django.core import checks


def _shape(field) -> tuple:
    return (
        field.get_internal_type(),
        getattr(field, "max_length", None),
        getattr(field, "max_digits", None),
        getattr(field, "decimal_places", None),
        field.remote_field.model._meta.label if field.remote_field else None,
    )


def mirror_drift(
    mirror_model, source_model, mapping: dict[str, str]
) -> list[checks.Error]:
    """Errors for every mirrored column whose type or size differs."""
    errors = []
    for mirror_name, source_name in mapping.items():
        mirror_field = mirror_model._meta.get_field(mirror_name)
        source_field = source_model._meta.get_field(source_name)
        if _shape(mirror_field) != _shape(source_field):
            errors.append(
                checks.Error(
                    f"{mirror_model._meta.label}.{mirror_name} {_shape(mirror_field)} differs from "
                    f"{source_model._meta.label}.{source_name} {_shape(source_field)}.",
                    hint="SK1 must keep the type and size of every SE1 column it mirrors; "
                    "change both fields together and add a migration.",
                    obj=mirror_field,
                    id="finance.E001",
                )
            )
    return errors


@checks.register(checks.Tags.models)
def check_collection_title_mirrors_receivable(app_configs=None, **kwargs):
    from .models import CollectionTitle, Receivable

    return mirror_drift(CollectionTitle, Receivable, CollectionTitle.MIRRORED_FIELDS)
