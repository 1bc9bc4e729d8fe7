"""Reads on finance data shared by title selection and the builds."""

from .models import Parameters

# Types never collected when MV_TMKCOBR is blank: provisional, advance
# receipt and credit note; abatements are the types ending in "-".
NON_COLLECTABLE_TYPES = ("PR", "RA", "NCC")


def selectable_type_sql(*, column: str, parameters: Parameters) -> tuple[str, list]:
    """A SQL condition on a title type column for MV_TMKCOBR, with params."""
    types = parameters.selectable_types_list()
    if types:
        return f"{column} IN ({', '.join(['%s'] * len(types))})", types
    excluded = list(NON_COLLECTABLE_TYPES)
    return (
        f"{column} NOT IN ({', '.join(['%s'] * len(excluded))}) AND {column} NOT LIKE %s",
        [*excluded, "%-"],
    )
